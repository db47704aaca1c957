package io.allowpath.model;

import java.util.List;

/**
 * A network security perimeter access rule ({@code Microsoft.Network/networkSecurityPerimeters/profiles/accessRules}):
 * its direction (Inbound/Outbound), inbound {@code addressPrefixes} and {@code subscriptions} (ids). Its profile is
 * its parent id (AZURE-EGRESS.md §8.7; https://learn.microsoft.com/azure/private-link/network-security-perimeter-concepts).
 */
public record NspAccessRule(ResourceId id, String direction, List<IpValue> addressPrefixes, List<ResourceId> subscriptions)
    implements Resource {
  public NspAccessRule {
    addressPrefixes = List.copyOf(addressPrefixes);
    subscriptions = List.copyOf(subscriptions);
  }

  @Override
  public String location() {
    return null;
  }

  public ResourceId profile() {
    return id.parent();
  }

  public boolean inbound() {
    return direction == null || "Inbound".equalsIgnoreCase(direction);
  }
}
