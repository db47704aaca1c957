package io.allowpath.analysis.egress;

import io.allowpath.model.Diagnostic;
import io.allowpath.model.IpSet;
import io.allowpath.model.ResourceId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A compute's egress for one destination: the mode, every public address it may leave with
 * ({@code publicIps}; NAT gateways and firewalls pick one at random per connection), public IPs whose
 * address is not known yet ({@code symbolicIps}, by id), whether those addresses are stable, the hops
 * that decided it, the firewall or appliance on the path (if any), the subnet a service endpoint
 * carries the traffic from (if any), diagnostics naming what the estate lacks, and the prefix of the
 * route that decided the path ({@code 0.0.0.0/0} for the system default route; a CIDR or service tag
 * for a user-defined route; null when no subnet route applies, e.g. managed networks).
 * {@code networkRuleSnat} says whether the Azure Firewall on the path SNATs network-rule traffic to the
 * destination (null without a firewall; §8.4). {@code bgpMayOverride} is true when the path rests on the
 * system default route of a subnet that can learn routes from a VPN/ExpressRoute gateway (its VNet's, or a
 * peering's with {@code useRemoteGateways}) without {@code disableBgpRoutePropagation}: an advertised
 * 0.0.0.0/0 would take the traffic on-premises instead (§8.6, N8).
 */
public record Egress(
    Compute compute,
    Destination destination,
    EgressMode mode,
    IpSet publicIps,
    List<ResourceId> symbolicIps,
    boolean stable,
    List<Hop> hops,
    ResourceId firewall,
    ResourceId serviceEndpointSubnet,
    List<Diagnostic> diagnostics,
    String routePrefix,
    SnatMode networkRuleSnat,
    boolean bgpMayOverride) {
  public Egress {
    symbolicIps = List.copyOf(symbolicIps);
    hops = List.copyOf(hops);
    diagnostics = List.copyOf(diagnostics);
  }

  /** An egress without a firewall SNAT question or BGP caveat. */
  public Egress(Compute compute, Destination destination, EgressMode mode, IpSet publicIps, List<ResourceId> symbolicIps,
      boolean stable, List<Hop> hops, ResourceId firewall, ResourceId serviceEndpointSubnet, List<Diagnostic> diagnostics,
      String routePrefix) {
    this(compute, destination, mode, publicIps, symbolicIps, stable, hops, firewall, serviceEndpointSubnet, diagnostics,
        routePrefix, null, false);
  }

  private static final Set<HopKind> DECIDING = EnumSet.of(HopKind.NAT_GATEWAY, HopKind.FIREWALL,
      HopKind.LOAD_BALANCER, HopKind.INSTANCE_PUBLIC_IP, HopKind.DEFAULT_OUTBOUND, HopKind.MANAGED_NETWORK,
      HopKind.GATEWAY, HopKind.DROP, HopKind.APPLIANCE, HopKind.MISSING, HopKind.SERVICE_ENDPOINT,
      HopKind.AZURE_BACKBONE, HopKind.FORCED_TUNNEL);

  /** The detail of the hop that decided the mode (else the last hop): a one-line why for tables. */
  public String why() {
    for (Hop h : hops) {
      if (DECIDING.contains(h.kind())) {
        return h.detail();
      }
    }
    return hops.isEmpty() ? "" : hops.get(hops.size() - 1).detail();
  }
}
