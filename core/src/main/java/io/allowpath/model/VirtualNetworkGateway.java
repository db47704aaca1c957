package io.allowpath.model;

import java.util.List;

/** {@code Microsoft.Network/virtualNetworkGateways}: type Vpn or ExpressRoute, and the subnets it sits in. */
public record VirtualNetworkGateway(ResourceId id, String location, String gatewayType, List<ResourceId> subnets)
    implements Resource {
  public VirtualNetworkGateway {
    subnets = List.copyOf(subnets);
  }
}
