package io.allowpath.model;

import java.util.List;

/** {@code Microsoft.Network/routeTables}; routes inline or {@code routeTables/routes} children. */
public record RouteTable(ResourceId id, String location, List<Route> routes) implements Resource {
  public RouteTable {
    routes = List.copyOf(routes);
  }
}
