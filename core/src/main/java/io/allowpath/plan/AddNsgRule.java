package io.allowpath.plan;

import io.allowpath.model.ResourceId;
import java.util.List;
import java.util.Objects;

/**
 * Add an outbound security rule to a network security group that blocks a fixable pair (issue 13 §8): direction
 * Outbound, access Allow, protocol Tcp, from {@code sources} (the compute subnets' prefixes) to
 * {@code destinations} (the target's service tag, regional where the target's region is known, e.g.
 * {@code Sql.eastus}; or the target's private endpoint addresses when the path is private) on
 * {@code ports} (the pair's port set, AZURE-EGRESS.md §8.10: SQL 1433 and 11000-11999 unless the server proxies).
 * {@code priority} is the nearest free outbound priority below the rule that blocks (custom rules use 100-4096,
 * unique per direction; a lower number is processed first), so the new rule decides only the traffic the
 * blocking rule denied; {@code name} is unique in the NSG. Shape: {@code Microsoft.Network/networkSecurityGroups/
 * securityRules} (https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview#security-rules).
 * {@code blockedBy} names the rule (and its priority) the new one precedes.
 */
public record AddNsgRule(
    ResourceId nsg,
    String name,
    int priority,
    List<String> sources,
    List<String> destinations,
    List<String> ports,
    String blockedBy,
    List<String> pairs,
    String why)
    implements Change {
  public static final String DIRECTION = "Outbound";
  public static final String ACCESS = "Allow";
  public static final String PROTOCOL = "Tcp";

  public AddNsgRule {
    Objects.requireNonNull(nsg, "nsg");
    sources = List.copyOf(sources);
    destinations = List.copyOf(destinations);
    ports = List.copyOf(ports);
    pairs = List.copyOf(pairs);
  }

  /** A security rule's description holds at most 140 characters (NSG overview, "Security rules"). */
  public static final int DESCRIPTION_MAX = 140;

  /** The rule's description, within {@link #DESCRIPTION_MAX}: what it allows and the rule it precedes. */
  public String description() {
    String d = "allowpath: TCP " + String.join(",", ports) + " to " + String.join(",", destinations) + ", before "
        + blockedBy;
    return d.length() <= DESCRIPTION_MAX ? d : d.substring(0, DESCRIPTION_MAX - 3) + "...";
  }

  /** The rule's own id: {@code <nsg>/securityRules/<name>}. */
  public ResourceId ruleId() {
    return nsg.child("securityRules", name);
  }

  @Override
  public String action() {
    return "ADD_NSG_RULE";
  }

  @Override
  public ResourceId resource() {
    return nsg;
  }

  @Override
  public String value() {
    return DIRECTION + " " + ACCESS + " " + PROTOCOL + " rule " + name + " (priority " + priority + "): "
        + String.join(",", sources) + " -> " + String.join(",", destinations) + " : " + String.join(",", ports);
  }
}
