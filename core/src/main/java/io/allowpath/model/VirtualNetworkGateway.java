package io.allowpath.model;

import java.util.List;

/**
 * {@code Microsoft.Network/virtualNetworkGateways}: type Vpn or ExpressRoute, the subnets it sits in, and
 * {@code enableBgp} (null when not exported). An ExpressRoute gateway always exchanges routes with BGP; a VPN
 * gateway only when BGP is enabled (https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview#border-gateway-protocol ,
 * https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-bgp-overview).
 */
public record VirtualNetworkGateway(ResourceId id, String location, String gatewayType, List<ResourceId> subnets,
    Boolean enableBgp)
    implements Resource {
  public VirtualNetworkGateway {
    subnets = List.copyOf(subnets);
  }

  /** A gateway whose BGP setting is unknown. */
  public VirtualNetworkGateway(ResourceId id, String location, String gatewayType, List<ResourceId> subnets) {
    this(id, location, gatewayType, subnets, null);
  }

  /** False only when the estate shows a VPN gateway without BGP; ExpressRoute and unknown settings count. */
  public boolean mayLearnBgpRoutes() {
    return !("Vpn".equalsIgnoreCase(gatewayType) && !Boolean.TRUE.equals(enableBgp));
  }
}
