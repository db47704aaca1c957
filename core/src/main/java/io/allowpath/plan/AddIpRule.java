package io.allowpath.plan;

import io.allowpath.model.ResourceId;
import io.allowpath.model.Target;
import java.util.List;

/**
 * Admit an address on a target's public endpoint. {@code target} is the target as it is before the
 * plan (emitters merge the new rule into its existing list, since an ARM PUT replaces lists).
 * {@code rule} is the value in the service's syntax: a bare IP instead of /32 (and /31) for storage
 * and Cognitive Services, a start–end range for SQL ({@code endAddress} set), {@code ipAddressOrRange}
 * for Cosmos DB, a CIDR for App Service. {@code name} and {@code priority} are set for SQL firewall
 * rules (name) and App Service access restrictions (name and priority).
 */
public record AddIpRule(
    Target target, AddressRef address, AddressRef endAddress, String name, Integer priority, List<String> pairs,
    String why)
    implements Change {
  public AddIpRule {
    pairs = List.copyOf(pairs);
  }

  @Override
  public String action() {
    return "ADD_IP_RULE";
  }

  @Override
  public ResourceId resource() {
    return target.id();
  }

  @Override
  public String value() {
    String v = address.display() + (endAddress == null || endAddress.equals(address) ? "" : "-" + endAddress.display());
    return (name == null ? "" : name + " ") + v + (priority == null ? "" : " priority " + priority);
  }
}
