package io.allowpath.model;

import java.util.List;

/** {@code Microsoft.Network/networkInterfaces}; used to resolve a route's appliance next hop. */
public record NetworkInterface(ResourceId id, String location, boolean ipForwarding, List<NicIpConfig> ipConfigurations)
    implements Resource {
  public NetworkInterface {
    ipConfigurations = List.copyOf(ipConfigurations);
  }
}
