package io.allowpath.model;

import java.util.List;

/**
 * {@code Microsoft.Network/networkInterfaces}; used to resolve a route's appliance next hop, and its
 * {@code networkSecurityGroup} (null when none) whose outbound rules Azure applies before the subnet's
 * (https://learn.microsoft.com/azure/virtual-network/network-security-group-how-it-works).
 */
public record NetworkInterface(ResourceId id, String location, boolean ipForwarding, List<NicIpConfig> ipConfigurations,
    ResourceId networkSecurityGroup)
    implements Resource {
  public NetworkInterface {
    ipConfigurations = List.copyOf(ipConfigurations);
  }

  /** A NIC without its own network security group. */
  public NetworkInterface(ResourceId id, String location, boolean ipForwarding, List<NicIpConfig> ipConfigurations) {
    this(id, location, ipForwarding, ipConfigurations, null);
  }
}
