package io.allowpath.plan;

import io.allowpath.model.ResourceId;
import io.allowpath.model.Subnet;
import java.util.List;

/**
 * Create a route table with {@code 0.0.0.0/0 → VirtualAppliance <firewall private IP>} and associate it
 * with the subnets (AZURE-EGRESS.md §1.4, §1.5).
 */
public record RouteToFirewall(
    ResourceId routeTable, String location, ResourceId firewall, String firewallPrivateIp, List<Subnet> subnets,
    List<String> pairs, String why)
    implements Change {
  public RouteToFirewall {
    subnets = List.copyOf(subnets);
    pairs = List.copyOf(pairs);
  }

  @Override
  public String action() {
    return "ROUTE_TO_FIREWALL";
  }

  @Override
  public ResourceId resource() {
    return routeTable;
  }

  @Override
  public String value() {
    return "0.0.0.0/0 -> " + firewallPrivateIp + " on " + String.join(", ", subnets.stream().map(s -> s.id().name()).toList());
  }
}
