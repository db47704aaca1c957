package io.allowpath.model;

import java.util.List;

/**
 * {@code Microsoft.Network/routeTables}; routes inline or {@code routeTables/routes} children.
 * {@code disableBgpRoutePropagation} true keeps routes learned by a VPN/ExpressRoute gateway out of the
 * subnets that use the table (AZURE-EGRESS.md §8.6;
 * https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview#border-gateway-protocol).
 */
public record RouteTable(ResourceId id, String location, List<Route> routes, boolean disableBgpRoutePropagation)
    implements Resource {
  public RouteTable {
    routes = List.copyOf(routes);
  }

  /** A table that propagates gateway routes (the ARM default). */
  public RouteTable(ResourceId id, String location, List<Route> routes) {
    this(id, location, routes, false);
  }
}
