package io.allowpath.analysis.egress;

import io.allowpath.model.Resource;
import io.allowpath.model.AzureFirewall;
import io.allowpath.model.DatabricksWorkspace;
import io.allowpath.model.EffectiveRoutes;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.FirewallIpConfig;
import io.allowpath.model.FirewallPolicy;
import io.allowpath.model.IpSet;
import io.allowpath.model.IpValue;
import io.allowpath.model.LbFrontend;
import io.allowpath.model.LbOutboundRule;
import io.allowpath.model.LoadBalancer;
import io.allowpath.model.MlCompute;
import io.allowpath.model.MlWorkspace;
import io.allowpath.model.NatGateway;
import io.allowpath.model.NetworkInterface;
import io.allowpath.model.NicIpConfig;
import io.allowpath.model.PublicIp;
import io.allowpath.model.PublicIpPrefix;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Route;
import io.allowpath.model.RouteTable;
import io.allowpath.model.ServiceEndpoint;
import io.allowpath.model.ServiceTags;
import io.allowpath.model.Subnet;
import io.allowpath.model.VirtualNetwork;
import io.allowpath.model.VirtualNetworkGateway;
import io.allowpath.model.VnetPeering;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Works out each compute's egress path and public addresses, per destination, following
 * AZURE-EGRESS.md §1.6:
 *
 * <ol>
 *   <li>Service endpoint for the destination's service on the subnet → the target sees the subnet
 *       (N11, N8: service endpoint routes are preferred).
 *   <li>Route selection by longest prefix match over the subnet's UDRs and the default system route
 *       (N8); a UDR with a service-tag prefix covers a destination of that service, regional tag &gt;
 *       top-level tag &gt; AzureCloud.region &gt; AzureCloud, and any tag route beats 0.0.0.0/0.
 *   <li>Next hop {@code VirtualAppliance} → an Azure Firewall with that private IP in the VNet or a
 *       peered VNet (egress with all its public IPs, or the NAT gateway on AzureFirewallSubnet, N9), or
 *       another appliance's NIC (egress by that NIC's subnet, N8); {@code VirtualNetworkGateway} →
 *       on-premises when a VPN/ExpressRoute gateway serves the VNet, else dropped; {@code None} and
 *       {@code VnetLocal} → dropped.
 *   <li>Next hop {@code Internet}: NAT gateway &gt; instance public IP &gt; load balancer outbound rule &gt;
 *       default outbound access, which private subnets ({@code defaultOutboundAccess: false}) do not
 *       have (N1, N3, N4, N6, N7).
 * </ol>
 *
 * Platform modes (AZURE-EGRESS.md §8): an Azure Firewall with a management IP configuration whose
 * AzureFirewallSubnet routes 0.0.0.0/0 to a gateway or an appliance is force-tunnelled (egress ON_PREMISES or
 * APPLIANCE from the firewall's private IP, https://learn.microsoft.com/azure/firewall/forced-tunneling,
 * https://learn.microsoft.com/azure/firewall/snat-private-range); whether the firewall SNATs network-rule
 * traffic to the destination is {@link Egress#networkRuleSnat()} (§8.4); a load-balancing rule gives its backend
 * pool implicit outbound SNAT through its frontend unless {@code disableOutboundSnat}, and an outbound rule for
 * the pool wins (§8.5, https://learn.microsoft.com/azure/load-balancer/outbound-rules); a path on the system
 * default route of a subnet that can learn gateway (BGP) routes carries {@link Egress#bgpMayOverride()} (§8.6).
 *
 * <p>AML computes with a public IP leave through a service-managed load balancer and public IP that a
 * cluster loses on every scale to zero (A2); AML managed-VNet computes have no customer-visible egress
 * IP (A1); Databricks' default managed VNet with secure cluster connectivity egresses through the NAT
 * gateway Databricks creates in the managed resource group (D1, D6). Results are cached per compute and
 * destination.
 */
public final class EgressResolver {
  private final Estate estate;
  private final ServiceTags tags;
  /** By compute key (its hash is cached, unlike the record's), then destination class. */
  private final Map<String, Map<Destination, Cached>> cache = new ConcurrentHashMap<>();

  public EgressResolver(Estate estate, ServiceTags tags) {
    this.estate = estate;
    this.tags = tags;
  }

  public Estate estate() {
    return estate;
  }

  /** The service tags file given, or null. */
  public ServiceTags tags() {
    return tags;
  }

  // ------------------------------------------------------------------ computes

  /** Every compute in the estate, sorted by key. */
  public List<Compute> computes() {
    List<Compute> out = new ArrayList<>();
    for (MlCompute c : estate.all(MlCompute.class)) {
      if (!c.isSupportedType()) {
        continue;
      }
      out.add(new Compute(c.id().value(), c.isInstance() ? Compute.Kind.AML_INSTANCE : Compute.Kind.AML_CLUSTER,
          c.workspace(), c.id(), c.subnet(), c.location()));
    }
    for (MlWorkspace w : estate.all(MlWorkspace.class)) {
      if (w.serverlessConfigured()) {
        out.add(new Compute(w.id().value() + "#serverless", Compute.Kind.AML_SERVERLESS, w.id(), w.id(),
            w.serverlessSubnet(), w.location()));
      }
    }
    for (DatabricksWorkspace d : estate.all(DatabricksWorkspace.class)) {
      out.add(new Compute(d.id().value() + "#host", Compute.Kind.DATABRICKS_HOST, d.id(), d.id(), d.hostSubnet(),
          d.location()));
      out.add(new Compute(d.id().value() + "#container", Compute.Kind.DATABRICKS_CONTAINER, d.id(), d.id(),
          d.containerSubnet(), d.location()));
    }
    out.sort((a, b) -> a.key().compareToIgnoreCase(b.key()));
    return out;
  }

  /** Internet-bound egress, as {@code allowpath egress} reports it. */
  public Egress resolve(Compute c) {
    return resolve(c, Destination.INTERNET);
  }

  /**
   * The egress for one destination. Resolution depends on the destination's service tag, region and
   * endpoint service, not on the target's host name, which only appears in some hop texts: results are
   * cached per compute and destination without host name, and a result whose hops name the host is
   * resolved again for each destination (so explanations stay exact while a matrix of thousands of
   * targets resolves each compute a few dozen times, not once per target).
   */
  public Egress resolve(Compute c, Destination d) {
    Destination canon = d.fqdn() == null ? d : new Destination(d.serviceTag(), d.region(), d.endpointService(), null);
    Map<Destination, Cached> perCompute = cache.computeIfAbsent(c.key(), k -> new ConcurrentHashMap<>());
    Cached e = perCompute.get(canon);
    if (e == null) {
      Walk w = new Walk(c, canon);
      e = new Cached(w.run(), w.describedDestination);
      perCompute.put(canon, e);
    }
    if (d == canon) {
      return e.egress();
    }
    if (e.namesDestination()) {
      return new Walk(c, d).run();
    }
    Egress x = e.egress();
    return new Egress(x.compute(), d, x.mode(), x.publicIps(), x.symbolicIps(), x.stable(), x.hops(), x.firewall(),
        x.serviceEndpointSubnet(), x.diagnostics(), x.routePrefix(), x.networkRuleSnat(), x.bgpMayOverride());
  }

  /** A cached resolution, and whether its hops describe the destination (so they name the host). */
  private record Cached(Egress egress, boolean namesDestination) {}

  // ------------------------------------------------------------------ one resolution

  /** The mutable state of one resolution: hops and diagnostics gathered on the way. */
  private final class Walk {
    final Compute c;
    final Destination d;
    final List<Hop> hops = new ArrayList<>();
    final List<Diagnostic> diags = new ArrayList<>();
    /** The prefix of the route that decided the path, once one has. */
    String routePrefix;
    boolean describedDestination;

    Walk(Compute c, Destination d) {
      this.c = c;
      this.d = d;
    }

    String describe() {
      describedDestination = true;
      return d.describe();
    }

    /** Set when an Azure Firewall on the path decides SNAT for network rules (§8.4). */
    SnatMode snat;
    /** Set when the deciding route can be overridden by a BGP-learned default route (§8.6). */
    boolean bgp;

    Egress result(EgressMode mode, IpSet ips, List<ResourceId> symbolic, boolean stable, ResourceId fw,
        ResourceId seSubnet) {
      return new Egress(c, d, mode, ips, symbolic, stable, hops, fw, seSubnet, diags, routePrefix, snat, bgp);
    }

    Egress simple(EgressMode mode, boolean stable) {
      return result(mode, IpSet.EMPTY, List.of(), stable, null, null);
    }

    void hop(HopKind kind, ResourceId r, String detail) {
      hops.add(new Hop(kind, r, detail));
    }

    Egress missing(ResourceId id, String what, String whyNeeded) {
      String msg = id != null && id.isUnresolved()
          ? whyNeeded + ": the template computes the " + what + " only at deployment (" + id.value()
              .substring(ResourceId.UNRESOLVED_PREFIX.length()) + ")"
          : whyNeeded + ": " + what + " " + (id == null ? "(no id)" : id.value()) + " is not in the estate; add it";
      diags.add(Diagnostic.warning(id, msg));
      hop(HopKind.MISSING, id, msg);
      return simple(EgressMode.UNKNOWN, false);
    }

    Egress run() {
      return switch (c.kind()) {
        case AML_CLUSTER, AML_INSTANCE -> aml();
        case AML_SERVERLESS -> serverless();
        case DATABRICKS_HOST, DATABRICKS_CONTAINER -> databricks();
      };
    }

    Egress aml() {
      MlCompute mc = estate.get(c.resource(), MlCompute.class);
      MlWorkspace ws = estate.get(c.workspace(), MlWorkspace.class);
      hop(HopKind.COMPUTE, c.resource(), (c.kind() == Compute.Kind.AML_INSTANCE ? "compute instance " : "compute cluster ")
          + c.resource().name());
      if (ws != null && ws.managedNetwork()) {
        return managed(ws);
      }
      boolean publicIp = mc.enableNodePublicIp() == null || mc.enableNodePublicIp();
      if (c.subnet() == null) {
        if (ws == null) {
          return missing(c.workspace(), "workspace", "compute " + c.resource().name()
              + " has no subnet; whether it runs in a managed VNet depends on its workspace");
        }
        hop(HopKind.INSTANCE_PUBLIC_IP, c.resource(), "no subnet and no managed network: Azure Machine Learning gives the "
            + "node a service-managed public IP");
        return nodePublicIp(mc);
      }
      return viaSubnet(c.subnet(), publicIp ? mc : null, null);
    }

    Egress serverless() {
      MlWorkspace ws = estate.get(c.workspace(), MlWorkspace.class);
      hop(HopKind.COMPUTE, ws.id(), "serverless compute of workspace " + ws.id().name());
      if (ws.managedNetwork()) {
        return managed(ws);
      }
      boolean noPublicIp = Boolean.TRUE.equals(ws.serverlessNoPublicIp());
      if (c.subnet() == null) {
        hop(noPublicIp ? HopKind.DEFAULT_OUTBOUND : HopKind.INSTANCE_PUBLIC_IP, ws.id(), noPublicIp
            ? "serverless without a custom subnet and without public IP uses default outbound access, whose IP is "
                + "dynamic and cannot be allowlisted"
            : "serverless without a custom subnet leaves with a service-managed public IP that changes");
        return simple(noPublicIp ? EgressMode.DEFAULT_OUTBOUND : EgressMode.INSTANCE_PUBLIC_IP, false);
      }
      return viaSubnet(c.subnet(), noPublicIp ? null : ws, null);
    }

    Egress managed(MlWorkspace ws) {
      String mode = ws.isolationMode();
      hop(HopKind.MANAGED_NETWORK, ws.id(), "runs in the workspace's managed VNet (" + mode + "): no customer-visible or "
          + "stable egress IP; reach Azure targets with outbound private endpoint rules");
      return simple(EgressMode.MANAGED_NETWORK, false);
    }

    Egress databricks() {
      DatabricksWorkspace w = estate.get(c.workspace(), DatabricksWorkspace.class);
      String side = c.kind() == Compute.Kind.DATABRICKS_HOST ? "host (public)" : "container (private)";
      hop(HopKind.COMPUTE, w.id(), "Databricks " + side + " subnet of workspace " + w.id().name()
          + (w.noPublicIp() ? ", secure cluster connectivity" : ", nodes with public IPs")
          + (w.enableNoPublicIp() == null ? " (enableNoPublicIp not set: API default true)" : ""));
      if (!w.vnetInjected()) {
        if (!w.noPublicIp()) {
          hop(HopKind.INSTANCE_PUBLIC_IP, w.id(), "managed VNet without secure cluster connectivity: each node leaves with "
              + "its own public IP, which changes with the cluster");
          return simple(EgressMode.INSTANCE_PUBLIC_IP, false);
        }
        ResourceId nat = w.managedNatGateway();
        if (nat == null) {
          return missing(w.id(), "managed resource group", "workspace " + w.id().name() + " has no managedResourceGroupId");
        }
        hop(HopKind.NAT_GATEWAY, nat, "managed VNet with secure cluster connectivity: Databricks' NAT gateway "
            + nat.name() + " in the managed resource group");
        NatGateway ng = estate.get(nat, NatGateway.class);
        if (ng == null) {
          ResourceId pip = w.managedNatPublicIp();
          PublicIp p = estate.get(pip, PublicIp.class);
          if (p != null && p.ipAddress() != null) {
            hop(HopKind.PUBLIC_IP, pip, p.ipAddress().text());
            return result(EgressMode.NAT_GATEWAY, p.ipAddress().ips(), List.of(), true, null, null);
          }
          diags.add(Diagnostic.info(pip, "export public IP " + pip.value() + " from the managed resource group to "
              + "learn the address of Databricks' NAT gateway"));
          hop(HopKind.PUBLIC_IP, pip, "address not in the estate (symbolic)");
          return result(EgressMode.NAT_GATEWAY, IpSet.EMPTY, List.of(pip), true, null, null);
        }
        return natResult(ng, EgressMode.NAT_GATEWAY, null);
      }
      if (c.subnet() == null) {
        return missing(null, "subnet name", "workspace " + w.id().name() + " is VNet-injected but names no "
            + (c.kind() == Compute.Kind.DATABRICKS_HOST ? "customPublicSubnetName" : "customPrivateSubnetName"));
      }
      return viaSubnet(c.subnet(), w.noPublicIp() ? null : w, w.loadBalancer() == null ? null : w);
    }

    Egress nodePublicIp(MlCompute mc) {
      if (mc.isInstance()) {
        IpValue ip = mc.publicIpAddress();
        if (ip != null && !ip.ips().touchesNonPublic()) {
          hop(HopKind.INSTANCE_PUBLIC_IP, mc.id(), "compute instance keeps its public IP " + ip + " until it is deleted");
          return result(EgressMode.INSTANCE_PUBLIC_IP, ip.ips(), List.of(), true, null, null);
        }
        hop(HopKind.INSTANCE_PUBLIC_IP, mc.id(), "compute instance keeps its service-managed public IP until deleted; "
            + "the estate does not show its address (connectivityEndpoints.publicIpAddress)");
        return simple(EgressMode.INSTANCE_PUBLIC_IP, true);
      }
      hop(HopKind.INSTANCE_PUBLIC_IP, mc.id(), "cluster nodes leave through a service-managed load balancer and public IP "
          + "that are recreated on every scale from zero: not stable");
      return simple(EgressMode.INSTANCE_PUBLIC_IP, false);
    }

    /**
     * Resolves through a subnet. {@code publicIpOwner} is non-null when the compute's nodes have their
     * own public IP (an MlCompute, an MlWorkspace for serverless, or a Databricks workspace without
     * SCC); {@code lbOwner} is a Databricks workspace with an outbound load balancer.
     */
    Egress viaSubnet(ResourceId subnetId, Object publicIpOwner, DatabricksWorkspace lbOwner) {
      Subnet s = estate.get(subnetId, Subnet.class);
      if (s == null) {
        return missing(subnetId, "subnet", "the compute's subnet decides its egress");
      }
      hop(HopKind.SUBNET, s.id(), "subnet " + s.id().name() + (s.addressPrefixes().isEmpty() ? ""
          : " (" + String.join(", ", IpValue.texts(s.addressPrefixes())) + ")"));
      String region = estate.subnetLocation(s.id());
      ServiceEndpoint se = serviceEndpointFor(s, region);
      if (se != null) {
        hop(HopKind.SERVICE_ENDPOINT, s.id(), "service endpoint " + se.service() + " on the subnet carries traffic to "
            + describe() + " over the backbone from the subnet's private addresses");
        return result(EgressMode.SERVICE_ENDPOINT, IpSet.EMPTY, List.of(), true, null, s.id());
      }
      Route r = null;
      if (s.routeTable() != null) {
        RouteTable rt = estate.get(s.routeTable(), RouteTable.class);
        if (rt == null) {
          return missing(s.routeTable(), "route table", "subnet " + s.id().name() + " has a route table");
        }
        r = selectRoute(rt);
      }
      routePrefix = r == null ? "0.0.0.0/0" : IpValue.text(r.addressPrefix());
      if (r == null) {
        hop(HopKind.ROUTE, null, "system route 0.0.0.0/0 → Internet");
        if (learnedDefault(s, "the compute's traffic")) {
          return simple(EgressMode.ON_PREMISES, false);
        }
        return internet(s, publicIpOwner, lbOwner);
      }
      String next = r.nextHopType() == null ? "" : r.nextHopType();
      hop(HopKind.ROUTE, r.id(), "route " + r.name() + " " + r.addressPrefix() + " → " + next
          + (r.nextHopIp() == null ? "" : " " + r.nextHopIp()));
      switch (next.toLowerCase(Locale.ROOT)) {
        case "internet":
          return internet(s, publicIpOwner, lbOwner);
        case "virtualappliance":
          return appliance(s, r);
        case "virtualnetworkgateway":
          return gateway(s);
        case "none":
          hop(HopKind.DROP, r.id(), "next hop None drops the traffic");
          return simple(EgressMode.NO_EGRESS, false);
        case "vnetlocal":
          hop(HopKind.DROP, r.id(), "next hop VnetLocal keeps the traffic inside the VNet: it never leaves");
          return simple(EgressMode.NO_EGRESS, false);
        default:
          diags.add(Diagnostic.warning(r.id(), "unknown next hop type '" + r.nextHopType() + "'"));
          hop(HopKind.MISSING, r.id(), "unknown next hop type '" + r.nextHopType() + "'");
          return simple(EgressMode.UNKNOWN, false);
      }
    }

    /** A service endpoint on the subnet for the destination's service that covers its region. */
    ServiceEndpoint serviceEndpointFor(Subnet s, String subnetRegion) {
      if (d.isInternet() || d.endpointService() == null) {
        return null;
      }
      for (ServiceEndpoint se : s.serviceEndpoints()) {
        String svc = se.service();
        boolean global = svc.equalsIgnoreCase(d.endpointService() + ".Global");
        if (!svc.equalsIgnoreCase(d.endpointService()) && !global) {
          continue;
        }
        if (global || d.region() == null) {
          return se;
        }
        List<String> locs = se.locations();
        if (locs.isEmpty()) {
          locs = defaultEndpointLocations(svc, subnetRegion);
        }
        for (String l : locs) {
          if (l.equals("*") || Resource.normalizeLocation(l).equals(d.region())) {
            return se;
          }
        }
      }
      return null;
    }

    /** Route with the best match for the destination, or null when only the system default applies. */
    Route selectRoute(RouteTable rt) {
      if (d.isInternet()) {
        Route split = splitDefault(rt);
        if (split != null) {
          return split;
        }
      }
      Route best = null;
      int bestRank = -1;
      for (Route r : rt.routes()) {
        int rank = rank(r);
        if (rank > bestRank) {
          best = r;
          bestRank = rank;
        }
      }
      return best;
    }

    /**
     * Routes more specific than 0.0.0.0/0 that together cover every public IPv4 address (such as
     * 0.0.0.0/1 + 128.0.0.0/1) carry all internet-bound traffic by longest prefix match (N8). When
     * they share one next hop, that route decides; otherwise the path depends on the address.
     */
    Route splitDefault(RouteTable rt) {
      IpSet publicSpace = IpSet.PUBLIC_V4;
      List<IpSet> covered = new ArrayList<>();
      List<Route> used = new ArrayList<>();
      for (Route r : rt.routes()) {
        IpSet cidr = IpValue.ips(r.addressPrefix());
        if (cidr == null || r.addressPrefix().prefixLength() == 0 || !cidr.intersects(publicSpace)) {
          continue;
        }
        covered.add(cidr);
        used.add(r);
      }
      if (used.isEmpty() || !IpSet.union(covered).containsAll(publicSpace)) {
        return null;
      }
      Route first = used.get(0);
      boolean same = used.stream().allMatch(r -> java.util.Objects.equals(r.nextHopType(), first.nextHopType())
          && java.util.Objects.equals(r.nextHopIp(), first.nextHopIp()));
      hop(HopKind.NOTE, first.id(), "routes " + String.join(", ", used.stream().map(r -> r.addressPrefix().text()).toList())
          + " together cover the whole internet more specifically than 0.0.0.0/0"
          + (same ? "" : "; they have different next hops, so the path depends on the address"));
      return first;
    }

    /**
     * How specifically a route covers the destination: -1 no match; 0..32 a CIDR of that length;
     * 100+ a service-tag route (AzureCloud 101, AzureCloud.region 102, service tag 103, regional 104).
     */
    int rank(Route r) {
      IpValue v = r.addressPrefix();
      if (v == null) {
        return -1;
      }
      String p = v.name();
      IpSet cidr = v.ips();
      if (cidr != null) {
        int len = v.prefixLength();
        if (len == 0) {
          return 0;
        }
        if (cidr.touchesNonPublic() && !cidr.intersects(IpSet.PUBLIC_V4)) {
          return -1;
        }
        if (d.isInternet()) {
          hop(HopKind.NOTE, r.id(), "route " + r.name() + " sends part of the internet (" + p + ") to " + r.nextHopType()
              + "; traffic to those addresses takes that path");
          return -1;
        }
        ServiceTags.Tag t = tags == null ? null : regionalTag(d.serviceTag(), d.region());
        if (t == null) {
          hop(HopKind.NOTE, r.id(), "route " + r.name() + " (" + p + ") may cover " + describe()
              + "; pass --service-tags to decide");
          return -1;
        }
        if (cidr.equals(t.addresses())) {
          return 200; // an explicit prefix beats a service-tag route with the same prefix (N8)
        }
        if (cidr.containsAll(t.addresses())) {
          return len;
        }
        if (cidr.intersects(t.addresses())) {
          hop(HopKind.NOTE, r.id(), "route " + r.name() + " (" + p + ") covers some addresses of " + t.name()
              + ": the path depends on the target's address");
        }
        return -1;
      }
      if (d.isInternet()) {
        return -1;
      }
      String tag = p.strip();
      String base = tag.contains(".") ? tag.substring(0, tag.indexOf('.')) : tag;
      String tagRegion = tag.contains(".") ? tag.substring(tag.indexOf('.') + 1).toLowerCase(Locale.ROOT) : null;
      if (tagRegion != null && d.region() != null && !tagRegion.equals(d.region())) {
        return -1;
      }
      if (base.equalsIgnoreCase("AzureCloud")) {
        return tagRegion == null ? 101 : 102;
      }
      if (base.equalsIgnoreCase(d.serviceTag())) {
        return tagRegion == null ? 103 : 104;
      }
      return -1;
    }

    Egress internet(Subnet s, Object publicIpOwner, DatabricksWorkspace lbOwner) {
      if (s.natGateway() != null) {
        NatGateway ng = estate.get(s.natGateway(), NatGateway.class);
        if (ng == null) {
          return missing(s.natGateway(), "NAT gateway", "subnet " + s.id().name() + " has a NAT gateway");
        }
        hop(HopKind.NAT_GATEWAY, ng.id(), "NAT gateway " + ng.id().name() + " on the subnet takes precedence over "
            + "instance public IPs, load balancers and default outbound access");
        return natResult(ng, EgressMode.NAT_GATEWAY, null);
      }
      if (publicIpOwner instanceof MlCompute mc) {
        return nodePublicIp(mc);
      }
      if (publicIpOwner instanceof MlWorkspace ws) {
        hop(HopKind.INSTANCE_PUBLIC_IP, ws.id(), "serverless nodes with public IPs: service-managed, changing addresses");
        return simple(EgressMode.INSTANCE_PUBLIC_IP, false);
      }
      if (publicIpOwner instanceof DatabricksWorkspace w) {
        hop(HopKind.INSTANCE_PUBLIC_IP, w.id(), "secure cluster connectivity is off: each node leaves with its own public "
            + "IP, which changes with the cluster");
        return simple(EgressMode.INSTANCE_PUBLIC_IP, false);
      }
      if (lbOwner != null) {
        Egress lb = loadBalancer(lbOwner);
        if (lb != null) {
          return lb;
        }
      }
      if (s.isPrivate() && "Storage".equalsIgnoreCase(d.serviceTag()) && d.region() != null
          && d.region().equals(estate.subnetLocation(s.id()))) {
        hop(HopKind.AZURE_BACKBONE, s.id(), "private subnet without an outbound method still reaches Storage in its own "
            + "region over the Azure backbone, from a private address (N6)");
        return simple(EgressMode.AZURE_BACKBONE, true);
      }
      if (s.isPrivate()) {
        hop(HopKind.DROP, s.id(), "private subnet (defaultOutboundAccess: false) with no NAT gateway, public IP or "
            + "load balancer outbound rule: no way out");
        return simple(EgressMode.NO_EGRESS, false);
      }
      hop(HopKind.DEFAULT_OUTBOUND, s.id(), "no explicit outbound method: default outbound access, a Microsoft-owned IP "
          + "that can change without notice and is being retired");
      return simple(EgressMode.DEFAULT_OUTBOUND, false);
    }

    /** Databricks' outbound load balancer; null when it gives no SNAT for the backend pool. */
    Egress loadBalancer(DatabricksWorkspace w) {
      LoadBalancer lb = estate.get(w.loadBalancer(), LoadBalancer.class);
      if (lb == null) {
        return missing(w.loadBalancer(), "load balancer", "workspace " + w.id().name() + " names an outbound load balancer");
      }
      String pool = w.loadBalancerBackendPoolName();
      List<LbOutboundRule> rules = lb.outboundRules().stream()
          .filter(r -> r.backendPool() != null && (pool == null || r.backendPool().name().equalsIgnoreCase(pool)))
          .toList();
      if (rules.isEmpty()) {
        List<LoadBalancer.LbRule> lbRules = lb.loadBalancingRules().stream()
            .filter(r -> r.backendPool() != null && (pool == null || r.backendPool().name().equalsIgnoreCase(pool)))
            .toList();
        List<LoadBalancer.LbRule> snatting = lbRules.stream().filter(r -> !r.disableOutboundSnat()).toList();
        if (snatting.isEmpty()) {
          hop(HopKind.LOAD_BALANCER, lb.id(), "load balancer " + lb.id().name() + " has no outbound rule for backend pool "
              + pool + (lbRules.isEmpty() ? "" : " and its load-balancing rules set disableOutboundSnat")
              + ": it gives no outbound SNAT");
          return null;
        }
        hop(HopKind.LOAD_BALANCER, lb.id(), "load-balancing rule " + snatting.get(0).id().name() + " of load balancer "
            + lb.id().name() + " gives backend pool " + pool + " implicit outbound SNAT through its frontend "
            + "(disableOutboundSnat is false; no outbound rule; SNAT ports are few and exhaustion-prone)");
        List<IpSet> ips = new ArrayList<>();
        List<ResourceId> symbolic = new ArrayList<>();
        boolean stable = true;
        for (LoadBalancer.LbRule r : snatting) {
          LbFrontend fe = lb.frontend(r.frontend());
          if (fe == null) {
            diags.add(Diagnostic.warning(r.frontend(), "load-balancing rule names a frontend the load balancer lacks"));
            continue;
          }
          stable &= addAddress(fe.publicIp(), ips, symbolic);
          if (fe.publicIpPrefix() != null) {
            addPrefix(fe.publicIpPrefix(), ips, symbolic);
          }
        }
        return result(EgressMode.LOAD_BALANCER, IpSet.union(ips), symbolic, stable, null, null);
      }
      hop(HopKind.LOAD_BALANCER, lb.id(), "outbound rule " + rules.get(0).id().name() + " of load balancer " + lb.id().name()
          + " SNATs backend pool " + pool);
      List<IpSet> ips = new ArrayList<>();
      List<ResourceId> symbolic = new ArrayList<>();
      boolean stable = true;
      for (LbOutboundRule r : rules) {
        for (ResourceId fid : r.frontends()) {
          LbFrontend fe = lb.frontend(fid);
          if (fe == null) {
            diags.add(Diagnostic.warning(fid, "outbound rule names frontend " + fid.name() + " that the load balancer lacks"));
            continue;
          }
          stable &= addAddress(fe.publicIp(), ips, symbolic);
          if (fe.publicIpPrefix() != null) {
            addPrefix(fe.publicIpPrefix(), ips, symbolic);
          }
        }
      }
      return result(EgressMode.LOAD_BALANCER, IpSet.union(ips), symbolic, stable, null, null);
    }

    Egress natResult(NatGateway ng, EgressMode mode, ResourceId fw) {
      List<IpSet> ips = new ArrayList<>();
      List<ResourceId> symbolic = new ArrayList<>();
      for (ResourceId p : ng.publicIps()) {
        addAddress(p, ips, symbolic);
      }
      for (ResourceId p : ng.publicIpPrefixes()) {
        addPrefix(p, ips, symbolic);
      }
      if (ng.publicIps().isEmpty() && ng.publicIpPrefixes().isEmpty()) {
        diags.add(Diagnostic.warning(ng.id(), "NAT gateway " + ng.id().name() + " has no public IP or prefix"));
        hop(HopKind.DROP, ng.id(), "NAT gateway without public IPs gives no outbound connectivity");
        return result(EgressMode.NO_EGRESS, IpSet.EMPTY, List.of(), false, fw, null);
      }
      return result(mode, IpSet.union(ips), symbolic, true, fw, null);
    }

    /** Adds a public IP's address (or its id when unknown); returns whether the address is static. */
    boolean addAddress(ResourceId pipId, List<IpSet> ips, List<ResourceId> symbolic) {
      if (pipId == null) {
        return true;
      }
      PublicIp p = estate.get(pipId, PublicIp.class);
      if (p == null) {
        diags.add(Diagnostic.warning(pipId, (pipId.isUnresolved() ? "public IP computed at deployment" : "public IP "
            + pipId.value() + " is not in the estate") + "; its address is unknown (add it to the estate)"));
        hop(HopKind.PUBLIC_IP, pipId, "not in the estate: address unknown (symbolic)");
        symbolic.add(pipId);
        return true;
      }
      if (p.ipAddress() == null) {
        hop(HopKind.PUBLIC_IP, p.id(), "public IP " + p.id().name() + ": address not known yet (symbolic)");
        symbolic.add(p.id());
      } else {
        hop(HopKind.PUBLIC_IP, p.id(), "public IP " + p.id().name() + " " + p.ipAddress());
        ips.add(p.ipAddress().ips());
      }
      return p.isStatic();
    }

    void addPrefix(ResourceId prefixId, List<IpSet> ips, List<ResourceId> symbolic) {
      PublicIpPrefix px = estate.get(prefixId, PublicIpPrefix.class);
      if (px == null) {
        diags.add(Diagnostic.warning(prefixId, "public IP prefix " + prefixId.value()
            + " is not in the estate; its addresses are unknown (add it)"));
        hop(HopKind.PUBLIC_IP_PREFIX, prefixId, "not in the estate: addresses unknown (symbolic)");
        symbolic.add(prefixId);
      } else if (px.ipPrefix() == null) {
        hop(HopKind.PUBLIC_IP_PREFIX, px.id(), "public IP prefix " + px.id().name() + ": not known yet (symbolic)");
        symbolic.add(px.id());
      } else {
        hop(HopKind.PUBLIC_IP_PREFIX, px.id(), "public IP prefix " + px.id().name() + " " + px.ipPrefix());
        ips.add(px.ipPrefix().ips());
      }
    }

    /** VNets whose private addresses the subnet reaches: its own and those peered with it. */
    java.util.Set<ResourceId> reachableVnets(Subnet s) {
      return estate.connectedVnets(s.vnet());
    }

    Egress appliance(Subnet s, Route r) {
      IpValue ip = r.nextHopIp();
      java.util.Set<ResourceId> vnets = reachableVnets(s);
      for (AzureFirewall fw : estate.all(AzureFirewall.class)) {
        if (!fw.hasPrivateIp(ip)) {
          continue;
        }
        ResourceId fwSubnet = fw.subnet();
        if (fwSubnet != null && !vnets.contains(fwSubnet.parent())) {
          continue;
        }
        hop(HopKind.FIREWALL, fw.id(), "Azure Firewall " + fw.id().name() + " (" + ip + ") SNATs the traffic"
            + (fwSubnet != null && !fwSubnet.parent().equals(s.vnet()) ? " from the peered VNet " + fwSubnet.parent().name() : ""));
        return firewallEgress(fw);
      }
      for (NetworkInterface nic : estate.all(NetworkInterface.class)) {
        for (NicIpConfig cfg : nic.ipConfigurations()) {
          if (ip != null && ip.equals(cfg.privateIp()) && cfg.subnet() != null && vnets.contains(cfg.subnet().parent())) {
            return nva(nic, cfg);
          }
        }
      }
      return missing(null, "appliance", "route " + r.name() + " sends the traffic to " + ip
          + " but no Azure Firewall or network interface with that private IP is in the estate (same or peered VNet)");
    }

    Egress firewallEgress(AzureFirewall fw) {
      ResourceId fwSubnet = fw.subnet();
      Subnet fs = estate.get(fwSubnet, Subnet.class);
      Egress tunnelled = forcedTunnel(fw, fs);
      if (tunnelled != null) {
        return tunnelled;
      }
      snat = snatMode(fw);
      if (fs != null && fs.natGateway() != null) {
        NatGateway ng = estate.get(fs.natGateway(), NatGateway.class);
        if (ng == null) {
          return missing(fs.natGateway(), "NAT gateway", "AzureFirewallSubnet has a NAT gateway");
        }
        hop(HopKind.NAT_GATEWAY, ng.id(), "NAT gateway " + ng.id().name() + " on AzureFirewallSubnet: the firewall leaves "
            + "with the NAT gateway's IPs");
        return natResult(ng, EgressMode.FIREWALL, fw.id());
      }
      List<IpSet> ips = new ArrayList<>();
      List<ResourceId> symbolic = new ArrayList<>();
      boolean stable = true;
      for (FirewallIpConfig cfg : fw.ipConfigurations()) {
        stable &= addAddress(cfg.publicIp(), ips, symbolic);
      }
      for (IpValue a : fw.hubPublicIps()) {
        ips.add(a.ips());
        hop(HopKind.PUBLIC_IP, fw.id(), "secured hub public IP " + a);
      }
      if (ips.isEmpty() && symbolic.isEmpty()) {
        diags.add(Diagnostic.warning(fw.id(), "Azure Firewall " + fw.id().name() + " shows no public IP"));
        return result(EgressMode.FIREWALL, IpSet.EMPTY, List.of(), false, fw.id(), null);
      }
      return result(EgressMode.FIREWALL, IpSet.union(ips), symbolic, stable, fw.id(), null);
    }

    /**
     * Forced tunnelling (§8.3): a firewall with a management IP configuration whose AzureFirewallSubnet routes
     * 0.0.0.0/0 to a gateway or an appliance sends internet-bound traffic there, SNATed to its private IP;
     * null when the firewall leaves directly. A firewall subnet that keeps the system default route but can
     * learn a BGP default route carries the BGP caveat.
     */
    Egress forcedTunnel(AzureFirewall fw, Subnet fs) {
      if (fs == null) {
        return null;
      }
      Route def = null;
      RouteTable frt = fs.routeTable() == null ? null : estate.get(fs.routeTable(), RouteTable.class);
      if (frt != null) {
        for (Route r : frt.routes()) {
          if (r.addressPrefix() != null && r.addressPrefix().name().equals("0.0.0.0/0")) {
            def = r;
          }
        }
      }
      String next = def == null || def.nextHopType() == null ? "" : def.nextHopType().toLowerCase(Locale.ROOT);
      if (def == null) {
        if (learnedDefault(fs, "the firewall's internet-bound traffic")) {
          return result(EgressMode.ON_PREMISES, IpSet.EMPTY, List.of(), false, fw.id(), null);
        }
        return null;
      }
      if (next.equals("internet")) {
        return null;
      }
      if (fw.managementSubnet() == null) {
        hop(HopKind.NOTE, def.id(), "route " + def.name() + " on AzureFirewallSubnet sends 0.0.0.0/0 to " + def.nextHopType()
            + ", but the firewall has no management IP configuration: without forced tunnelling mode Azure Firewall "
            + "needs direct internet connectivity");
        return null;
      }
      if (!next.equals("virtualnetworkgateway") && !next.equals("virtualappliance")) {
        return null;
      }
      hop(HopKind.FORCED_TUNNEL, fw.id(), "Azure Firewall " + fw.id().name() + " is force-tunnelled (management IP "
          + "configuration in " + fw.managementSubnet().name() + "): route " + def.name() + " on AzureFirewallSubnet "
          + "sends internet-bound traffic to " + def.nextHopType() + (def.nextHopIp() == null ? "" : " " + def.nextHopIp())
          + ", SNATed to the firewall's private IP");
      Egress x = next.equals("virtualnetworkgateway") ? gateway(fs) : appliance(fs, def);
      EgressMode mode = x.mode() == EgressMode.NO_EGRESS || x.mode() == EgressMode.UNKNOWN ? x.mode()
          : next.equals("virtualnetworkgateway") ? EgressMode.ON_PREMISES : EgressMode.APPLIANCE;
      return result(mode, x.publicIps(), x.symbolicIps(), x.stable(), fw.id(), null);
    }

    /** Whether the firewall SNATs network-rule traffic to the destination (§8.4, N10). */
    SnatMode snatMode(AzureFirewall fw) {
      List<IpValue> ranges;
      if (fw.firewallPolicy() != null) {
        FirewallPolicy p = estate.get(fw.firewallPolicy(), FirewallPolicy.class);
        if (p != null && p.autoLearn()) {
          hop(HopKind.SNAT, p.id(), "firewall policy " + p.id().name() + " learns its SNAT private ranges "
              + "(autoLearnPrivateRanges: Enabled): whether network-rule traffic is SNATed is not in the estate");
          return SnatMode.AUTO_LEARN;
        }
        ranges = p == null ? null : p.snatPrivateRanges();
      } else {
        ranges = fw.snatPrivateRanges();
      }
      if (ranges == null) {
        return SnatMode.SNAT; // IANA RFC 1918 + RFC 6598 only: public destinations are SNATed
      }
      List<IpSet> sets = new ArrayList<>();
      for (IpValue r : ranges) {
        if (r.name().equalsIgnoreCase("IANAPrivateRanges")) {
          sets.add(IpSet.NON_PUBLIC);
        } else if (r.isAddress()) {
          sets.add(r.ips());
        }
      }
      IpSet covered = IpSet.union(sets);
      IpSet publicSpace = IpSet.PUBLIC_V4;
      IpSet publicCovered = covered.intersect(publicSpace);
      String label = "private ranges " + String.join(", ", IpValue.texts(ranges)) + (fw.firewallPolicy() != null
          ? " (policy snat.privateRanges)" : " (Network.SNAT.PrivateRanges)");
      if (publicCovered.isEmpty()) {
        return SnatMode.SNAT;
      }
      IpSet dest = d.isInternet() ? publicSpace : null;
      if (dest == null) {
        ServiceTags.Tag t = regionalTag(d.serviceTag(), d.region());
        dest = t == null ? null : t.addresses();
      }
      SnatMode m;
      if (publicCovered.containsAll(publicSpace)) {
        m = SnatMode.NOT_SNATED;
      } else if (dest == null) {
        m = SnatMode.NEEDS_TAGS;
      } else if (covered.containsAll(dest)) {
        m = SnatMode.NOT_SNATED;
      } else {
        m = covered.intersects(dest) ? SnatMode.PARTLY_SNATED : SnatMode.SNAT;
      }
      hop(HopKind.SNAT, fw.id(), "firewall " + label + ": network-rule traffic to " + describe() + " is " + switch (m) {
        case NOT_SNATED -> "not SNATed, so it cannot leave for a public address";
        case PARTLY_SNATED -> "not SNATed for part of the service's addresses";
        case NEEDS_TAGS -> "SNATed unless the destination falls in a public private range (pass --service-tags)";
        default -> "SNATed";
      } + "; application-rule traffic is always SNATed");
      return m;
    }

    /**
     * Whether a gateway-learned (BGP) 0.0.0.0/0 replaces the system route to the internet for subnet {@code s}.
     * Given the NIC's effective routes for the subnet (--effective-routes), they settle it: an active 0.0.0.0/0
     * learned from the gateway sends the traffic on-premises (true); an active system or user default route to the
     * Internet means no override (false), unless gateway-learned routes to public prefixes are active too (they may
     * cover the target: the caveat stays). Without them, the caveat of {@link #bgpCaveat} (false).
     */
    boolean learnedDefault(Subnet s, String what) {
      EffectiveRoutes er = estate.get(EffectiveRoutes.idFor(s.id()), EffectiveRoutes.class);
      if (er == null) {
        bgpCaveat(s, what);
        return false;
      }
      EffectiveRoutes.Entry def = er.active("0.0.0.0/0");
      if (def != null && def.fromGateway()) {
        hop(HopKind.BGP, s.id(), "effective routes (" + er.file() + "): the active route " + def.describe()
            + " is learned from the gateway: " + what + " goes on-premises, and the egress IP is decided there");
        return true;
      }
      List<EffectiveRoutes.Entry> specific = er.activeGatewayPublicRoutes();
      if (!specific.isEmpty()) {
        bgpCaveat(s, what);
        hop(HopKind.BGP, s.id(), "effective routes (" + er.file() + "): gateway-learned routes to public prefixes are "
            + "active (" + String.join("; ", specific.stream().map(EffectiveRoutes.Entry::describe).toList())
            + "): traffic to addresses they cover goes on-premises");
        return false;
      }
      if (def != null && !"Internet".equalsIgnoreCase(def.nextHopType())) {
        diags.add(Diagnostic.warning(s.id(), "the effective routes (" + er.file() + ") have " + def.describe()
            + " where the estate shows no route table route for 0.0.0.0/0: export the route table the subnet uses"));
      }
      hop(HopKind.BGP, s.id(), "effective routes (" + er.file() + "): "
          + (def == null ? "no active 0.0.0.0/0 route" : "the active route " + def.describe())
          + " — no gateway-learned route overrides the internet path");
      return false;
    }

    /**
     * Marks the path with the BGP caveat when the subnet can learn gateway routes (§8.6): its VNet has an
     * ExpressRoute gateway or a VPN gateway with BGP enabled, or a connected peering uses the remote VNet's
     * gateway (one not in the estate counts), and its route table does not disable BGP route propagation.
     */
    void bgpCaveat(Subnet s, String what) {
      RouteTable rt = s.routeTable() == null ? null : estate.get(s.routeTable(), RouteTable.class);
      if (rt != null && rt.disableBgpRoutePropagation()) {
        return;
      }
      ResourceId from = anyGatewayOf(s.vnet());
      String via = "";
      if (from == null) {
        VirtualNetwork v = estate.get(s.vnet(), VirtualNetwork.class);
        for (VnetPeering p : v == null ? List.<VnetPeering>of() : v.peerings()) {
          if (p.connected() && p.useRemoteGateways() && p.remoteVnet() != null) {
            ResourceId g = anyGatewayOf(p.remoteVnet());
            if (g == null && gatewayOf(p.remoteVnet()) != null) {
              break; // the remote gateway is a VPN gateway without BGP
            }
            from = g != null ? g : p.remoteVnet();
            via = " through peering " + p.id().name() + " (useRemoteGateways)";
            break;
          }
        }
      }
      if (from == null) {
        return;
      }
      bgp = true;
      hop(HopKind.BGP, from, "subnet " + s.id().name() + " can learn routes from gateway " + from.name() + via
          + (rt == null ? " (no route table)" : " (route table " + rt.id().name() + " propagates gateway routes)")
          + ": a BGP-advertised 0.0.0.0/0 would send " + what + " on-premises instead; the NIC's effective routes "
          + "would settle it");
    }

    /**
     * A gateway of the VNet that can learn BGP routes (ExpressRoute, a VPN gateway with BGP enabled, or one
     * whose type or setting the estate does not show), or null.
     */
    ResourceId anyGatewayOf(ResourceId vnet) {
      for (VirtualNetworkGateway g : estate.all(VirtualNetworkGateway.class)) {
        for (ResourceId sub : g.subnets()) {
          if (vnet.equals(sub.parent())) {
            return g.mayLearnBgpRoutes() ? g.id() : null;
          }
        }
      }
      Subnet gs = estate.get(vnet.child("subnets", "GatewaySubnet"), Subnet.class);
      if (gs != null) {
        for (ResourceId cfg : gs.ipConfigurations()) {
          if (cfg.value().toLowerCase(Locale.ROOT).contains("/virtualnetworkgateways/")) {
            ResourceId gw = cfg.parent() != null ? cfg.parent() : cfg;
            VirtualNetworkGateway g = estate.get(gw, VirtualNetworkGateway.class);
            return g == null || g.mayLearnBgpRoutes() ? gw : null;
          }
        }
      }
      return null;
    }

    /** A non-Azure appliance SNATs to its own address; its subnet's outbound method applies (N8). */
    Egress nva(NetworkInterface nic, NicIpConfig cfg) {
      hop(HopKind.APPLIANCE, nic.id(), "virtual appliance " + nic.id().name() + " (" + cfg.privateIp() + ")"
          + (nic.ipForwarding() ? "" : "; IP forwarding is off on this NIC, so it drops forwarded traffic"));
      if (!nic.ipForwarding()) {
        return result(EgressMode.NO_EGRESS, IpSet.EMPTY, List.of(), false, nic.id(), null);
      }
      Subnet ns = estate.get(cfg.subnet(), Subnet.class);
      if (ns != null && ns.natGateway() != null && estate.get(ns.natGateway(), NatGateway.class) != null) {
        NatGateway ng = estate.get(ns.natGateway(), NatGateway.class);
        hop(HopKind.NAT_GATEWAY, ng.id(), "the appliance's subnet leaves through NAT gateway " + ng.id().name());
        return natResult(ng, EgressMode.APPLIANCE, nic.id());
      }
      if (cfg.publicIp() != null) {
        List<IpSet> ips = new ArrayList<>();
        List<ResourceId> symbolic = new ArrayList<>();
        boolean stable = addAddress(cfg.publicIp(), ips, symbolic);
        return result(EgressMode.APPLIANCE, IpSet.union(ips), symbolic, stable, nic.id(), null);
      }
      if (ns != null && ns.isPrivate()) {
        hop(HopKind.DROP, ns.id(), "the appliance's subnet is private and has no outbound method");
        return result(EgressMode.NO_EGRESS, IpSet.EMPTY, List.of(), false, nic.id(), null);
      }
      hop(HopKind.DEFAULT_OUTBOUND, cfg.subnet(), "the appliance itself relies on default outbound access: its IP is not "
          + "stable");
      return result(EgressMode.APPLIANCE, IpSet.EMPTY, List.of(), false, nic.id(), null);
    }

    Egress gateway(Subnet s) {
      VirtualNetwork v = estate.get(s.vnet(), VirtualNetwork.class);
      ResourceId gw = gatewayOf(s.vnet());
      if (gw == null && v != null) {
        for (VnetPeering p : v.peerings()) {
          if (p.connected() && p.useRemoteGateways() && p.remoteVnet() != null) {
            gw = gatewayOf(p.remoteVnet());
            if (gw != null) {
              hop(HopKind.PEERING, p.id(), "peering " + p.id().name() + " uses the remote VNet's gateway");
              break;
            }
          }
        }
      }
      if (gw == null) {
        hop(HopKind.DROP, s.vnet(), "next hop VirtualNetworkGateway but no VPN gateway serves this VNet (a route cannot "
            + "point at an ExpressRoute gateway): the traffic is dropped");
        return simple(EgressMode.NO_EGRESS, false);
      }
      hop(HopKind.GATEWAY, gw, "forced tunnelling to on-premises through gateway " + gw.name()
          + ": the egress IP is decided on-premises");
      return simple(EgressMode.ON_PREMISES, false);
    }

    /** The gateway in the VNet's GatewaySubnet: a gateway resource, or an ip configuration of one. */
    ResourceId gatewayOf(ResourceId vnet) {
      for (VirtualNetworkGateway g : estate.all(VirtualNetworkGateway.class)) {
        for (ResourceId sub : g.subnets()) {
          if (vnet.equals(sub.parent()) && (g.gatewayType() == null || "Vpn".equalsIgnoreCase(g.gatewayType()))) {
            return g.id();
          }
        }
      }
      Subnet gs = estate.get(vnet.child("subnets", "GatewaySubnet"), Subnet.class);
      if (gs != null) {
        for (ResourceId cfg : gs.ipConfigurations()) {
          if (cfg.value().toLowerCase(Locale.ROOT).contains("/virtualnetworkgateways/")) {
            ResourceId gw = cfg.parent() != null ? cfg.parent() : cfg;
            VirtualNetworkGateway g = estate.get(gw, VirtualNetworkGateway.class);
            if (g == null || g.gatewayType() == null || "Vpn".equalsIgnoreCase(g.gatewayType())) {
              return gw; // a gateway not exported is taken as VPN; an ExpressRoute gateway is no UDR next hop
            }
          }
        }
      }
      return null;
    }
  }

  ServiceTags.Tag regionalTag(String service, String region) {
    if (tags == null || service == null) {
      return null;
    }
    ServiceTags.Tag t = region == null ? null : tags.get(service + "." + region);
    return t != null ? t : tags.get(service);
  }

  /**
   * Regions a service endpoint covers when the subnet does not list them: Storage its region and the
   * pair (T1), Sql its region (N11), every other service all regions (N11).
   */
  static List<String> defaultEndpointLocations(String service, String subnetRegion) {
    if (subnetRegion == null) {
      return List.of("*");
    }
    if (service.equalsIgnoreCase("Microsoft.Storage")) {
      String pair = Regions.pairOf(subnetRegion);
      return pair == null ? List.of(subnetRegion) : List.of(subnetRegion, pair);
    }
    if (service.equalsIgnoreCase("Microsoft.Sql")) {
      return List.of(subnetRegion);
    }
    return List.of("*");
  }
}
