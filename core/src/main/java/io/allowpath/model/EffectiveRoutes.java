package io.allowpath.model;

import java.util.List;

/**
 * The effective routes of a NIC in a subnet, as {@code az network nic show-effective-route-table} prints them
 * (REST {@code networkInterfaces/effectiveRouteTable}: {@code value[]} of {@code source} Default | User |
 * VirtualNetworkGateway | Unknown, {@code state} Active | Invalid, {@code addressPrefix[]}, {@code nextHopType},
 * {@code nextHopIpAddress[]}), given for the subnet the NIC is in (the routes of a subnet's NICs are the subnet's).
 * They settle what the estate can only suspect: whether a gateway-learned (BGP) route overrides the internet
 * path (AZURE-EGRESS.md §8.6; https://learn.microsoft.com/azure/virtual-network/diagnose-network-routing-problem).
 * Not an ARM resource: its id is the subnet's id plus {@code /effectiveRoutes/default}; {@code file} is where
 * it was read.
 */
public record EffectiveRoutes(ResourceId id, ResourceId subnet, String file, List<Entry> routes) implements Resource {
  public EffectiveRoutes {
    routes = List.copyOf(routes);
  }

  /** One effective route. */
  public record Entry(String source, String state, List<IpValue> addressPrefixes, String nextHopType,
      List<IpValue> nextHopIps) {
    public Entry {
      addressPrefixes = List.copyOf(addressPrefixes);
      nextHopIps = List.copyOf(nextHopIps);
    }

    public boolean active() {
      return "Active".equalsIgnoreCase(state);
    }

    /** Learned from a VPN or ExpressRoute gateway over BGP. */
    public boolean fromGateway() {
      return "VirtualNetworkGateway".equalsIgnoreCase(source);
    }

    public String describe() {
      return String.join(", ", IpValue.texts(addressPrefixes)) + " → " + nextHopType
          + (nextHopIps.isEmpty() ? "" : " " + String.join(", ", IpValue.texts(nextHopIps))) + " (source " + source + ")";
    }
  }

  /** The id under which a subnet's effective routes are kept in the estate. */
  public static ResourceId idFor(ResourceId subnet) {
    return subnet.child("effectiveRoutes", "default");
  }

  /** The active route for exactly {@code prefix} (e.g. 0.0.0.0/0), or null. */
  public Entry active(String prefix) {
    for (Entry e : routes) {
      if (e.active() && e.addressPrefixes().stream().anyMatch(p -> p.name().equals(prefix))) {
        return e;
      }
    }
    return null;
  }

  /** Active gateway-learned routes to public addresses other than 0.0.0.0/0 (they may cover a target's addresses). */
  public List<Entry> activeGatewayPublicRoutes() {
    return routes.stream().filter(e -> e.active() && e.fromGateway() && e.addressPrefixes().stream().anyMatch(p -> {
      IpSet set = p.ips();
      return !p.name().equals("0.0.0.0/0") && set != null && !IpSet.NON_PUBLIC.containsAll(set);
    })).toList();
  }

  @Override
  public String location() {
    return null;
  }
}
