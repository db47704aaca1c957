package io.allowpath.model;

import java.util.List;

/** {@code Microsoft.Network/virtualNetworks}; subnets are separate {@link Subnet} records joined by id. */
public record VirtualNetwork(ResourceId id, String location, List<String> addressPrefixes, List<VnetPeering> peerings)
    implements Resource {
  public VirtualNetwork {
    addressPrefixes = List.copyOf(addressPrefixes);
    peerings = List.copyOf(peerings);
  }
}
