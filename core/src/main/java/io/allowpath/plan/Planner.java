package io.allowpath.plan;

import io.allowpath.analysis.egress.Regions;
import io.allowpath.analysis.egress.HopKind;
import io.allowpath.analysis.access.AccessEvaluator;
import io.allowpath.analysis.access.NsgPlanning;
import io.allowpath.analysis.access.Outcome;
import io.allowpath.analysis.access.Reason;
import io.allowpath.analysis.access.TargetPorts;
import io.allowpath.analysis.access.Verdict;
import io.allowpath.analysis.access.Via;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.Egress;
import io.allowpath.analysis.egress.EgressMode;
import io.allowpath.analysis.egress.EgressResolver;
import io.allowpath.analysis.egress.Hop;
import io.allowpath.model.AccessRestriction;
import io.allowpath.model.AzureFirewall;
import io.allowpath.model.DatabricksWorkspace;
import io.allowpath.model.Estate;
import io.allowpath.model.FirewallIpConfig;
import io.allowpath.model.FirewallRuleCollection;
import io.allowpath.model.IpSet;
import io.allowpath.model.IpValue;
import io.allowpath.model.MlWorkspace;
import io.allowpath.model.NatGateway;
import io.allowpath.model.NetworkSecurityGroup;
import io.allowpath.model.NsgRule;
import io.allowpath.model.Ports;
import io.allowpath.model.PrivateEndpoint;
import io.allowpath.model.PublicIp;
import io.allowpath.model.PublicIpPrefix;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Service;
import io.allowpath.model.ServiceEndpoint;
import io.allowpath.model.StorageAccount;
import io.allowpath.model.Subnet;
import io.allowpath.model.Target;
import io.allowpath.model.VirtualNetwork;
import io.allowpath.model.WebApp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Turns every non-ALLOW verdict into the changes that make it ALLOW, in one pass (all blockers, not
 * one at a time), following the recommendations of AZURE-EGRESS.md:
 *
 * <ol>
 *   <li>Unstable or missing egress first (§1.3, §6.5): a NAT gateway with a new Standard static public
 *       IP on the compute subnets (both Databricks subnets), or with {@code --egress-strategy} an
 *       outbound load balancer (Databricks, D1/D3) or a route to an existing Azure Firewall (§1.5).
 *       Impossible for AML managed networks, Microsoft-managed VNets and computes outside a VNet:
 *       those go to {@code unresolved}. Target rules are then planned for the new IP by reference.
 *   <li>The change the docs recommend for the path: a VNet rule where a service endpoint carries the
 *       traffic (§4.0 N11); a service endpoint plus VNet rule for same-region storage (T1); a managed
 *       private endpoint rule for AML managed networks (A1); IP rules otherwise, in each service's
 *       syntax and within its limits (§4); an application rule on an Azure Firewall on the path.
 *   <li>Minimal: exactly the missing addresses, aggregated only into CIDR blocks that contain nothing
 *       else; nothing already admitted; existing rules never removed or reordered.
 * </ol>
 *
 * A service endpoint added for one target changes the source address seen by every target of that
 * service in its regions, so the planner also adds VNet rules that keep such pairs working.
 */
public final class Planner {
  /** How unstable egress is fixed (CONTRACT.md {@code --egress-strategy}). */
  public enum Strategy {
    NAT_GATEWAY,
    LOAD_BALANCER,
    FIREWALL;

    public static Strategy parse(String s) {
      return valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
  }

  private final AccessEvaluator ev;
  private final EgressResolver resolver;
  private final Estate estate;
  private final Strategy strategy;

  private final NsgPlanning nsgs;

  public Planner(AccessEvaluator evaluator, Strategy strategy) {
    this.ev = evaluator;
    this.resolver = evaluator.resolver();
    this.estate = resolver.estate();
    this.strategy = strategy;
    this.nsgs = new NsgPlanning(estate, evaluator.tags());
  }

  /** The egress a compute will have once the plan is applied. */
  private record After(List<AddressRef> addresses, ResourceId firewall, String unresolved, String via) {}

  /** Accumulates changes by key, merging the pairs each one serves. */
  private static final class Drafts {
    final Map<String, Function<List<String>, Change>> factories = new LinkedHashMap<>();
    final Map<String, Set<String>> pairs = new LinkedHashMap<>();
    final Map<String, FirewallDraft> firewall = new LinkedHashMap<>();
    final Map<String, Unresolved> unresolved = new LinkedHashMap<>();
    final Map<String, NsgDraft> nsg = new LinkedHashMap<>();
    /** (subnet, region) whose other storage accounts {@link #keepOtherStorageWorking} has already kept working. */
    final Set<String> storageKept = new HashSet<>();

    void add(String key, String pair, Function<List<String>, Change> f) {
      factories.putIfAbsent(key, f);
      pairs.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(pair);
    }

    void addAll(String key, List<String> ps, Function<List<String>, Change> f) {
      factories.putIfAbsent(key, f);
      pairs.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(ps);
    }

    boolean has(String key) {
      return factories.containsKey(key);
    }

    void unresolved(String from, String to, String reason) {
      unresolved.putIfAbsent(from + "|" + to, new Unresolved(from, to, reason));
    }
  }

  /**
   * An outbound NSG allow rule (issue 13 §8) whose sources and pairs grow as pairs need it; {@code bound} is the
   * lowest priority among the rules it must precede (its priority is chosen below it when the plan is built).
   */
  private static final class NsgDraft {
    NetworkSecurityGroup nsg;
    final Set<String> sources = new LinkedHashSet<>();
    List<String> destinations;
    List<String> ports;
    String slug;
    int bound = Integer.MAX_VALUE;
    String blockedBy;
    final Set<String> pairs = new LinkedHashSet<>();
    String why;
  }

  /** A firewall rule whose sources and pairs grow as pairs need it. */
  private static final class FirewallDraft {
    ResourceId fw;
    String kind;
    String collection;
    int priority;
    String name;
    final Set<String> sources = new LinkedHashSet<>();
    List<String> fqdns;
    List<String> tags;
    List<String> ports;
    final Set<String> pairs = new LinkedHashSet<>();
    String why;
  }

  public Plan plan(List<Compute> computes, List<Target> targets) {
    return plan(computes, targets, (c, t) -> true);
  }

  /** The plan for the pairs {@code wanted} accepts (e.g. the pairs a {@code reach} intent covers). */
  public Plan plan(List<Compute> computes, List<Target> targets, BiPredicate<Compute, Target> wanted) {
    Drafts d = new Drafts();
    Map<Compute, List<Verdict>> failing = new LinkedHashMap<>();
    for (Compute c : computes) {
      for (Target t : targets) {
        if (skip(c, t) || !wanted.test(c, t)) {
          continue;
        }
        Verdict v = ev.evaluate(c, t);
        if (v.outcome() != Outcome.ALLOW) {
          failing.computeIfAbsent(c, k -> new ArrayList<>()).add(v);
        }
      }
    }
    Map<Compute, After> unfixable = new LinkedHashMap<>();
    for (var e : failing.entrySet()) {
      boolean needsEgress = e.getValue().stream().anyMatch(v -> v.reasons().contains(Reason.EGRESS_UNSTABLE)
          || v.reasons().contains(Reason.NO_EGRESS));
      List<String> pairs = e.getValue().stream().filter(v -> v.reasons().contains(Reason.EGRESS_UNSTABLE)
          || v.reasons().contains(Reason.NO_EGRESS)).map(v -> pair(v.compute(), v.target())).toList();
      if (needsEgress && afterOf(e.getKey()) == null) {
        Egress unstable = e.getValue().stream().filter(v -> v.reasons().contains(Reason.EGRESS_UNSTABLE)
            || v.reasons().contains(Reason.NO_EGRESS)).map(Verdict::egress).filter(x -> x != null).findFirst()
            .orElse(resolver.resolve(e.getKey()));
        After a = fixEgress(e.getKey(), unstable, pairs, d);
        if (a != null && a.unresolved() != null) {
          unfixable.put(e.getKey(), a);
        }
      }
    }
    for (var e : failing.entrySet()) {
      for (Verdict v : e.getValue()) {
        After a = afterFor(v);
        fixPair(v, a != null ? a : unfixable.get(e.getKey()), d);
      }
    }
    // a new egress changes the source every target sees from the computes on those subnets: pairs that
    // work today through a public IP rule need the new address too
    for (Compute c : resolver.computes()) {
      if (afterOf(c) == null) {
        continue;
      }
      for (Target t : ev.targets()) {
        if (skip(c, t)) {
          continue;
        }
        Verdict v = ev.evaluate(c, t);
        After a = afterFor(v);
        if (a == null) {
          continue;
        }
        boolean reachesFirewall = a.firewall() != null; // a new route sends even open targets' traffic through it
        if (v.outcome() == Outcome.ALLOW && v.via() == Via.PUBLIC_IP && (reachesFirewall || !ev.open(t))) {
          publicPath(v, a, d, "keeps this pair working once the compute leaves through the new " + a.via() + " egress");
        }
      }
    }
    return build(d);
  }

  private static boolean skip(Compute c, Target t) {
    return !AccessEvaluator.checked(c, t);
  }

  /** Planned egress by subnet: every compute on a subnet that gets a new egress leaves through it. */
  private final Map<ResourceId, After> afterBySubnet = new LinkedHashMap<>();

  private After afterOf(Compute c) {
    return c.subnet() == null ? null : afterBySubnet.get(c.subnet());
  }

  /** Modes whose traffic leaves by the subnet's own outbound method (route next hop Internet). */
  private static final Set<EgressMode> INTERNET_MODES = java.util.EnumSet.of(EgressMode.NAT_GATEWAY,
      EgressMode.LOAD_BALANCER, EgressMode.INSTANCE_PUBLIC_IP, EgressMode.DEFAULT_OUTBOUND, EgressMode.NO_EGRESS,
      EgressMode.AZURE_BACKBONE);

  /**
   * The planned egress that applies to this pair's destination, or null. A NAT gateway or outbound
   * load balancer changes only traffic whose route has next hop Internet; a new 0.0.0.0/0 route to a
   * firewall changes only traffic that follows the default route (a more specific route, such as a
   * service-tag route to Internet, still wins; N8).
   */
  private After afterFor(Verdict v) {
    After a = afterOf(v.compute());
    Egress e = v.egress();
    if (a == null || e == null || a.unresolved() != null) {
      return a;
    }
    if (!INTERNET_MODES.contains(e.mode())) {
      return null;
    }
    if (a.firewall() != null && e.routePrefix() != null && !e.routePrefix().strip().endsWith("/0")) {
      return null;
    }
    return a;
  }

  private static String pair(Compute c, Target t) {
    return c.key() + " -> " + t.id().value();
  }

  // ------------------------------------------------------------------ egress

  private After fixEgress(Compute c, Egress e, List<String> pairs, Drafts d) {
    MlWorkspace ws = c.isDatabricks() ? null : estate.get(c.workspace(), MlWorkspace.class);
    if (ws != null && ws.managedNetwork()) {
      return null; // handled per target with managed private endpoint rules
    }
    if (e.mode() == EgressMode.ON_PREMISES) {
      return new After(List.of(), null, "traffic is forced on-premises through a gateway; its public address is "
          + "decided there, and a NAT gateway does not take precedence over that route", null);
    }
    if (e.mode() == EgressMode.APPLIANCE) {
      return new After(List.of(), null, "the virtual appliance on the path relies on default outbound access; give "
          + "the appliance's subnet a NAT gateway or a public IP", null);
    }
    if (e.mode() == EgressMode.NO_EGRESS) {
      for (Hop h : e.hops()) {
        if (h.kind() == HopKind.DROP && h.resource() != null && !h.resource().isType("Microsoft.Network/virtualNetworks/subnets")) {
          return new After(List.of(), null, h.detail() + "; a NAT gateway does not override a route: change the route",
              null);
        }
      }
    }
    List<Subnet> subnets = new ArrayList<>();
    if (c.isDatabricks()) {
      DatabricksWorkspace w = estate.get(c.workspace(), DatabricksWorkspace.class);
      if (!w.vnetInjected()) {
        return new After(List.of(), null, "the Databricks workspace uses a Microsoft-managed VNet: no NAT gateway can be "
            + "attached; enable secure cluster connectivity (which gives it a managed NAT gateway) or redeploy with "
            + "VNet injection", null);
      }
      for (ResourceId s : java.util.Arrays.asList(w.hostSubnet(), w.containerSubnet())) {
        Subnet sub = s == null ? null : estate.get(s, Subnet.class); // ported-by-lead: a subnet name may be missing
        if (sub != null) {
          subnets.add(sub);
        }
      }
    } else {
      Subnet sub = estate.get(c.subnet(), Subnet.class);
      if (sub != null) {
        subnets.add(sub);
      }
    }
    if (subnets.isEmpty()) {
      return new After(List.of(), null, c.subnet() == null
          ? "the compute is not in a customer VNet: recreate it in a subnet (or use a managed network) to get a stable "
              + "egress" : "the compute's subnet is not in the estate", null);
    }
    ResourceId vnet = subnets.get(0).vnet();
    VirtualNetwork v = estate.get(vnet, VirtualNetwork.class);
    String location = v != null && v.location() != null ? v.location() : c.location();
    String why = e.mode() == EgressMode.NO_EGRESS ? "the compute has no way out (" + e.why() + ")"
        : "the compute leaves with an unstable address (" + e.mode() + "), which cannot be allowlisted";
    Strategy s = strategy;
    String fallback = "";
    if (s == Strategy.LOAD_BALANCER && !c.isDatabricks()) {
      s = Strategy.NAT_GATEWAY;
      fallback = " (the load-balancer strategy applies to Databricks workspaces only; a NAT gateway is the documented "
          + "fix for AML computes)";
    }
    if (s == Strategy.FIREWALL && subnets.stream().anyMatch(sub -> sub.routeTable() != null)) {
      s = Strategy.NAT_GATEWAY;
      fallback = " (the subnet already has a route table, which a new one would replace; a NAT gateway instead)";
    }
    if (s == Strategy.FIREWALL) {
      AzureFirewall fw = firewallFor(vnet);
      if (fw == null) {
        s = Strategy.NAT_GATEWAY;
        fallback = " (no Azure Firewall in this VNet or a peered one, so a NAT gateway instead)";
      } else {
        return routeToFirewall(c, pairs, fw, subnets, location, why, d);
      }
    }
    if (s == Strategy.LOAD_BALANCER) {
      DatabricksWorkspace w = estate.get(c.workspace(), DatabricksWorkspace.class);
      String base = w.id().name().toLowerCase(Locale.ROOT);
      ResourceId lb = ResourceId.inGroup(rg(vnet), "Microsoft.Network/loadBalancers", "lb-" + base + "-outbound");
      ResourceId pip = ResourceId.inGroup(rg(vnet), "Microsoft.Network/publicIPAddresses", "pip-lb-" + base + "-outbound");
      d.addAll("lb|" + w.id().key(), pairs, p -> new CreateOutboundLoadBalancer(lb, base + "-outbound-pool",
          base + "-outbound-frontend", pip, base + "-outbound-rule", location, w.id(), p, why
              + "; a Standard outbound load balancer gives the clusters a static public IP. Azure accepts the workspace's "
              + "loadBalancerId and loadBalancerBackendPoolName only when the workspace is created: redeploy it"));
      After a = new After(List.of(AddressRef.publicIp(pip, true)), null, null, "LOAD_BALANCER");
      subnets.forEach(sub -> afterBySubnet.put(sub.id(), a));
      return a;
    }
    String vname = vnet.name().toLowerCase(Locale.ROOT);
    ResourceId nat = ResourceId.inGroup(rg(vnet), "Microsoft.Network/natGateways", "nat-" + vname);
    ResourceId pip = ResourceId.inGroup(rg(vnet), "Microsoft.Network/publicIPAddresses", "pip-nat-" + vname);
    String key = "nat|" + vnet.key();
    NatDraft nd = natDrafts.computeIfAbsent(key, k -> new NatDraft());
    for (Subnet sub : subnets) {
      nd.subnets.putIfAbsent(sub.id(), sub);
    }
    String natWhy = why + "; a NAT gateway with a static public IP takes precedence over instance IPs, load balancers "
        + "and default outbound access" + fallback;
    d.addAll(key, pairs, p -> new CreateNatGateway(nat, pip, location, new ArrayList<>(nd.subnets.values()), p, natWhy));
    After a = new After(List.of(AddressRef.publicIp(pip, true)), null, null, "NAT_GATEWAY");
    subnets.forEach(sub -> afterBySubnet.put(sub.id(), a));
    return a;
  }

  /** Subnets a NAT gateway or route table change covers, gathered across computes. */
  private static final class NatDraft {
    final Map<ResourceId, Subnet> subnets = new LinkedHashMap<>();
  }

  private final Map<String, NatDraft> natDrafts = new LinkedHashMap<>();

  private static String rg(ResourceId id) {
    return "/subscriptions/" + id.subscription() + "/resourceGroups/" + id.resourceGroup();
  }

  private AzureFirewall firewallFor(ResourceId vnet) {
    Set<ResourceId> vnets = estate.connectedVnets(vnet);
    for (AzureFirewall fw : estate.all(AzureFirewall.class)) {
      if (fw.subnet() != null && vnets.contains(fw.subnet().parent()) && !fw.ipConfigurations().isEmpty()
          && fw.ipConfigurations().get(0).privateIp() != null) {
        return fw;
      }
    }
    return null;
  }

  private After routeToFirewall(Compute c, List<String> pairs, AzureFirewall fw, List<Subnet> subnets, String location,
      String why, Drafts d) {
    ResourceId vnet = subnets.get(0).vnet();
    ResourceId rt = ResourceId.inGroup(rg(vnet), "Microsoft.Network/routeTables", "rt-" + vnet.name().toLowerCase(Locale.ROOT)
        + "-to-firewall");
    String ip = fw.ipConfigurations().get(0).privateIp().text();
    String key = "rt|" + vnet.key();
    NatDraft rd = natDrafts.computeIfAbsent(key, k -> new NatDraft());
    subnets.forEach(sub -> rd.subnets.putIfAbsent(sub.id(), sub));
    d.addAll(key, pairs, p -> new RouteToFirewall(rt, location, fw.id(), ip, new ArrayList<>(rd.subnets.values()), p,
        why + "; a route to Azure Firewall " + fw.id().name() + " makes the compute leave with the firewall's static "
            + "public IPs"));
    // the workspace's required outbound service tags (AZURE-EGRESS.md §2.3, §3.2)
    String region = location;
    List<String> tags = c.isDatabricks() ? List.of("AzureDatabricks", "Sql", "Storage", "EventHub")
        : List.of("AzureMachineLearning", "BatchNodeManagement." + region, "Storage." + region);
    List<String> ports = c.isDatabricks() ? List.of("443", "3306", "9093") : List.of("443");
    FirewallDraft f = d.firewall.computeIfAbsent("fwnet|" + fw.id().key() + "|" + (c.isDatabricks() ? "dbx" : "aml"),
        k -> new FirewallDraft());
    f.fw = fw.id();
    f.kind = "NETWORK";
    f.collection = "allowpath-required";
    f.priority = freePriority(fw, "NETWORK");
    f.name = c.isDatabricks() ? "databricks-required" : "azureml-required";
    f.tags = tags;
    f.fqdns = List.of();
    f.ports = ports;
    subnets.forEach(s -> f.sources.addAll(IpValue.texts(s.addressPrefixes())));
    f.pairs.addAll(pairs);
    f.why = "the workspace's required outbound service tags must pass the firewall";
    After a = new After(firewallAddresses(fw), fw.id(), null, "FIREWALL");
    subnets.forEach(sub -> afterBySubnet.put(sub.id(), a));
    return a;
  }

  private List<AddressRef> firewallAddresses(AzureFirewall fw) {
    List<AddressRef> out = new ArrayList<>();
    Subnet fs = estate.get(fw.subnet(), Subnet.class);
    List<ResourceId> pips = new ArrayList<>();
    List<ResourceId> prefixes = new ArrayList<>();
    NatGateway ng = fs == null ? null : estate.get(fs.natGateway(), NatGateway.class);
    if (ng != null) {
      pips.addAll(ng.publicIps());
      prefixes.addAll(ng.publicIpPrefixes());
    } else {
      fw.ipConfigurations().stream().map(FirewallIpConfig::publicIp).filter(p -> p != null).forEach(pips::add);
    }
    for (ResourceId p : pips) {
      PublicIp ip = estate.get(p, PublicIp.class);
      out.add(ip != null && ip.ipAddress() != null ? AddressRef.literal(ip.ipAddress()) : AddressRef.publicIp(p, false));
    }
    for (ResourceId p : prefixes) {
      PublicIpPrefix px = estate.get(p, PublicIpPrefix.class);
      out.add(px != null && px.ipPrefix() != null ? AddressRef.literal(px.ipPrefix()) : AddressRef.publicIp(p, false));
    }
    return out;
  }

  private static int freePriority(AzureFirewall fw, String kind) {
    int max = 0;
    for (FirewallRuleCollection c : fw.ruleCollections()) {
      if (c.kind().equals(kind) && c.groupPriority() == 0) {
        max = Math.max(max, c.priority());
      }
    }
    return Math.min(65000, max == 0 ? 1000 : max + 100);
  }

  // ------------------------------------------------------------------ pairs

  private static final Set<Reason> NEED_EXPORT = Set.of(Reason.EGRESS_UNKNOWN, Reason.TARGET_UNKNOWN,
      Reason.APP_SERVICE_CONFIG_NOT_EXPORTED, Reason.NETWORK_RULE_SET_NOT_EXPORTED, Reason.SERVICE_TAG_UNRESOLVED,
      Reason.FIREWALL_POLICY_NOT_IN_ESTATE, Reason.PRIVATE_DNS_RECORDS_UNKNOWN, Reason.SCAN_READ_FAILED);

  private static final List<Reason> PATH_BLOCKERS = List.of(Reason.NSG_DENY_RULE, Reason.FIREWALL_NO_SNAT_TO_INTERNET,
      Reason.FIREWALL_SNAT_AUTO_LEARN, Reason.PRIVATE_DNS_CUSTOM_SERVERS, Reason.BGP_ROUTES_MAY_OVERRIDE,
      Reason.SQL_REDIRECT_PORTS_BLOCKED);

  /**
   * A SecuredByPerimeter target (AZURE-EGRESS.md §8.7): its own firewall rules are not evaluated, so an IP rule on it
   * would change nothing; the perimeter profile's inbound access rules decide. Said with the command that adds the
   * compute's stable egress addresses (az's nsp extension, https://learn.microsoft.com/cli/azure/network/perimeter/profile/access-rule).
   */
  private String perimeterFix(Target t, ResourceId profile, Verdict v) {
    ResourceId perimeter = profile.parent();
    Egress e = ev.resolver().resolve(v.compute());
    String prefixes = String.join(",", e.publicIps().toCidrs().stream().map(a -> a.contains("/") ? a : a + "/32").toList());
    String add = prefixes.isEmpty() || !e.stable() || !e.symbolicIps().isEmpty()
        ? "give the compute a stable egress (NAT gateway), then add its addresses to an inbound access rule of that profile"
        : "add " + prefixes + " to an inbound access rule of that profile: az network perimeter profile access-rule "
            + "create --resource-group " + perimeter.resourceGroup() + " --perimeter-name " + perimeter.name()
            + " --profile-name " + profile.name() + " --name allowpath-" + v.compute().label().replaceAll("[^A-Za-z0-9-]", "-")
                .toLowerCase(Locale.ROOT) + " --direction Inbound --address-prefixes \"[" + prefixes + "]\"";
    return "public access of " + t.id().name() + " is SecuredByPerimeter: network security perimeter " + perimeter.name()
        + " (profile " + profile.name() + ") decides it, not the resource's own firewall rules; " + add
        + " (or call it with a managed identity of a subscription the profile's subscription rules admit)";
  }

  private void fixPair(Verdict v, After after, Drafts d) {
    Compute c = v.compute();
    Target t = v.target();
    String from = c.key();
    String to = t.id().value();
    String pair = pair(c, t);
    MlWorkspace ws = c.isDatabricks() ? null : estate.get(c.workspace(), MlWorkspace.class);
    if (ws != null && ws.managedNetwork()) {
      if (v.reasons().contains(Reason.TARGET_UNKNOWN)) {
        d.unresolved(from, to, "the target's configuration is not in the estate");
        return;
      }
      String rule = "allowpath-" + t.id().name().toLowerCase(Locale.ROOT);
      d.add("pe|" + ws.id().key() + "|" + t.id().key(), pair, p -> new AddManagedPrivateEndpointRule(ws.id(), rule, t.id(),
          subresource(t), p, "the managed network has no customer-visible egress IP; a managed private endpoint is the "
              + "documented way to reach " + t.id().name()));
      return;
    }
    for (Reason r : v.reasons()) {
      if (NEED_EXPORT.contains(r)) {
        d.unresolved(from, to, r.meaning() + ": " + r.fix());
        return;
      }
    }
    Reason targetUnknown = ev.unknownReason(t);
    if (targetUnknown != null) {
      d.unresolved(from, to, targetUnknown.meaning() + ": " + targetUnknown.fix());
      return;
    }
    if (v.reasons().contains(Reason.FIREWALL_DENY_RULE)) {
      d.unresolved(from, to, "a deny rule of the Azure Firewall matches first; allowpath never reorders or removes rules");
      return;
    }
    // issue 13 §8: an NSG on the compute's subnet that blocks the pair gets an outbound allow rule, planned only
    // when it is the remaining blocker or goes with the target's fix for the same pair
    NsgFix nsg = v.reasons().contains(Reason.NSG_DENY_RULE) || v.reasons().contains(Reason.SQL_REDIRECT_PORTS_BLOCKED)
        ? nsgFix(v) : null;
    if (nsg != null && nsg.unresolved() != null) {
      d.unresolved(from, to, nsg.unresolved());
      return;
    }
    // blockers on the path that no planned change lifts; the pair is reported with the reason's fix instead of a
    // plan that would not make it work
    for (Reason r : PATH_BLOCKERS) {
      if (v.reasons().contains(r) && !(nsg != null && nsg.lifts(r, v))) {
        d.unresolved(from, to, r.meaning() + ": " + r.fix());
        return;
      }
    }
    if (nsg == null) {
      fixTarget(v, after, d);
      return;
    }
    if (nsg.endpoint() == null) {
      fixTarget(v, after, d);
      if (d.unresolved.containsKey(from + "|" + to)) {
        return; // the target cannot be opened: an NSG rule alone would open nothing
      }
    }
    addNsgRule(nsg, pair, d);
  }

  /** The target's side of a pair the path lets through (or will, with the planned NSG rule). */
  private void fixTarget(Verdict v, After after, Drafts d) {
    Compute c = v.compute();
    Target t = v.target();
    String from = c.key();
    String to = t.id().value();
    String pair = pair(c, t);
    if (ev.publicDisabled(t)) {
      d.unresolved(from, to, "public network access of " + t.id().name() + " is disabled: it takes a private endpoint "
          + "in (or peered with) the compute's VNet and a private DNS zone linked to it");
      return;
    }
    if (v.reasons().contains(Reason.ON_PREMISES_EGRESS)) {
      d.unresolved(from, to, Reason.ON_PREMISES_EGRESS.meaning());
      return;
    }
    ResourceId profile = ev.perimeterProfile(t);
    if (profile != null) {
      d.unresolved(from, to, perimeterFix(t, profile, v));
      return;
    }
    if (after != null && after.unresolved() != null) {
      d.unresolved(from, to, after.unresolved());
      return;
    }
    if (v.via() == Via.SERVICE_ENDPOINT) {
      ResourceId subnet = v.egress().serviceEndpointSubnet();
      vnetRule(t, subnet, pair, "a service endpoint on " + subnet.name() + " carries the traffic, so the target sees "
          + "the subnet: a VNet rule admits it", d);
      return;
    }
    if (v.reasons().contains(Reason.STORAGE_SAME_REGION)) {
      sameRegionStorage(c, (StorageAccount) t, pair, d);
      return;
    }
    publicPath(v, after, d, null);
  }

  // ------------------------------------------------------------------ NSG rules (issue 13 §8)

  /** Custom NSG rule priorities: 100 (first) to 4096 (https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview#security-rules). */
  static final int NSG_FIRST = 100;
  static final int NSG_LAST = 4096;

  /**
   * Service tags with regional variants ({@code Sql.eastus}), checked against Microsoft's service tag file
   * (ServiceTags_Public_20250414.json in ../shared/corpus/AzureServiceTagsJson): CognitiveServicesFrontend and
   * AzureDatabricks have none, so their rules use the global tag.
   */
  private static final Set<Service> REGIONAL_TAGS = java.util.EnumSet.complementOf(
      java.util.EnumSet.of(Service.COGNITIVE_SERVICES, Service.DATABRICKS));

  /**
   * The NSG rule a pair needs: the subnet and NSG, where it goes ({@code endpoint} for a private path), the
   * rule's values, the priority it must precede, or why none can be planned ({@code unresolved}).
   */
  private record NsgFix(NetworkSecurityGroup nsg, PrivateEndpoint endpoint, List<String> sources,
      List<String> destinations, List<String> ports, String slug, int bound, String blockedBy, String unresolved) {
    static NsgFix unresolved(String why) {
      return new NsgFix(null, null, List.of(), List.of(), List.of(), null, 0, null, why);
    }

    /**
     * Whether the rule lifts this blocker: the NSG's deny, and SQL's redirect ports when no Azure Firewall is on the
     * path (the NSG then is what blocks them).
     */
    boolean lifts(Reason r, Verdict v) {
      return r == Reason.NSG_DENY_RULE
          || r == Reason.SQL_REDIRECT_PORTS_BLOCKED && (v.egress() == null || v.egress().firewall() == null);
    }
  }

  /** The destination tag of a public-path rule: the service's tag, regional when the region is known and the tag has one. */
  static String destinationTag(Target t) {
    String tag = t.service().serviceTag();
    if (t.location() == null || t.location().isBlank() || !REGIONAL_TAGS.contains(t.service())) {
      return tag;
    }
    return tag + "." + t.location().toLowerCase(Locale.ROOT).replace(" ", "");
  }

  /**
   * The outbound allow rule that lets the pair through the subnet's NSG, verified with the decision's own NSG
   * evaluation ({@link NsgPlanning}): placed below the blocking rule (and below any rule that would then block),
   * on the pair's full port set; null when the NSG does not block the pair.
   */
  private NsgFix nsgFix(Verdict v) {
    Compute c = v.compute();
    Target t = v.target();
    Subnet s = c.subnet() == null ? null : estate.get(c.subnet(), Subnet.class);
    PrivateEndpoint pe = null;
    if (v.via() == Via.PRIVATE_ENDPOINT) {
      for (Hop h : v.hops()) {
        if (h.kind() == HopKind.PRIVATE_ENDPOINT && h.resource() != null) {
          pe = estate.get(h.resource(), PrivateEndpoint.class);
        }
      }
    }
    NsgPlanning.Answer a = nsgs.evaluate(s, t, pe, List.of());
    if (a == null || a.outcome() != Outcome.DENY) {
      return null;
    }
    NetworkSecurityGroup g = estate.get(a.nsg(), NetworkSecurityGroup.class);
    List<String> destinations;
    String slug;
    if (pe != null) {
      destinations = NsgPlanning.endpointPrefixes(pe);
      if (destinations.isEmpty()) {
        return NsgFix.unresolved("network security group " + g.id().name() + " blocks the traffic to private endpoint "
            + pe.id().name() + ", whose address is not in the estate: export the endpoint with its network interface "
            + "(customDnsConfigs or ipConfigurations) to plan the rule");
      }
      slug = "pe-" + pe.id().name();
    } else {
      destinations = List.of(destinationTag(t));
      slug = destinations.get(0);
    }
    List<String> ports = NsgPlanning.ports(t, pe != null);
    int bound = a.priority();
    String blockedBy = a.rule() + " (priority " + a.priority() + ")";
    for (int i = 0; i < 8; i++) {
      int candidate = Math.min(bound - 1, NSG_LAST);
      if (candidate < NSG_FIRST) {
        return NsgFix.unresolved("network security group " + g.id().name() + " blocks the pair with outbound rule "
            + blockedBy + ", and no custom rule can precede it (custom priorities are " + NSG_FIRST + "-" + NSG_LAST
            + ", lowest first): change that rule");
      }
      NsgRule rule = new NsgRule("allowpath-candidate", AddNsgRule.DIRECTION, AddNsgRule.ACCESS, candidate,
          AddNsgRule.PROTOCOL, IpValue.list(destinations), Ports.list(ports), s.addressPrefixes(), List.of(), List.of());
      NsgPlanning.Answer with = nsgs.evaluate(s, t, pe, List.of(rule));
      if (with.outcome() == Outcome.ALLOW) {
        return new NsgFix(g, pe, IpValue.texts(s.addressPrefixes()), destinations, ports, slug, bound, blockedBy, null);
      }
      if (with.outcome() == Outcome.DENY && with.priority() > 0 && with.priority() < candidate) {
        bound = with.priority(); // a rule processed before the candidate also blocks: go below it too
        blockedBy = with.rule() + " (priority " + with.priority() + ")";
        continue;
      }
      break;
    }
    return NsgFix.unresolved("network security group " + g.id().name() + " blocks the pair with outbound rule "
        + blockedBy + ", and an outbound allow rule for " + String.join(",", destinations) + " on " + String.join(",", ports)
        + " would not let it through: change the NSG's rules");
  }

  private void addNsgRule(NsgFix f, String pair, Drafts d) {
    String key = f.nsg().id().key() + "|" + f.destinations() + "|" + f.ports();
    NsgDraft n = d.nsg.computeIfAbsent(key, k -> new NsgDraft());
    n.nsg = f.nsg();
    n.destinations = f.destinations();
    n.ports = f.ports();
    n.slug = f.slug();
    n.sources.addAll(f.sources());
    if (f.bound() < n.bound) {
      n.bound = f.bound();
      n.blockedBy = f.blockedBy();
    }
    n.pairs.add(pair);
    n.why = "outbound rule " + n.blockedBy + " of network security group " + f.nsg().id().name() + " blocks TCP "
        + String.join(",", f.ports()) + " to " + String.join(",", f.destinations()) + "; an allow rule processed before it "
        + "lets the subnet's traffic through";
  }

  /**
   * The NSG rules: per NSG, each draft takes the nearest free outbound priority below the rules it must precede
   * (unique per direction; custom rules {@value #NSG_FIRST}-{@value #NSG_LAST}) and a name no rule of the NSG has;
   * a draft with no free priority leaves its pairs unresolved.
   */
  private void nsgRules(Drafts d, List<Change> changes) {
    Map<ResourceId, Set<Integer>> used = new LinkedHashMap<>();
    Map<ResourceId, Set<String>> names = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>(d.nsg.keySet());
    java.util.Collections.sort(keys);
    for (String k : keys) {
      NsgDraft n = d.nsg.get(k);
      Set<Integer> u = used.computeIfAbsent(n.nsg.id(), x -> {
        Set<Integer> set = new HashSet<>();
        n.nsg.rules().stream().filter(NsgRule::outbound).forEach(r -> set.add(r.priority()));
        return set;
      });
      Set<String> taken = names.computeIfAbsent(n.nsg.id(), x -> {
        Set<String> set = new HashSet<>();
        n.nsg.rules().forEach(r -> set.add(r.name().toLowerCase(Locale.ROOT)));
        return set;
      });
      int p = Math.min(n.bound - 1, NSG_LAST);
      while (p >= NSG_FIRST && u.contains(p)) {
        p--;
      }
      if (p < NSG_FIRST) {
        String to = n.nsg.id().name();
        n.pairs.forEach(pair -> d.unresolved(from(pair), pair.substring(pair.indexOf(" -> ") + 4), "network security "
            + "group " + to + " has no free outbound priority between " + NSG_FIRST + " and " + Math.min(n.bound - 1, NSG_LAST)
            + " for a rule that precedes " + n.blockedBy + ": free one, or change that rule"));
        continue;
      }
      u.add(p);
      String base = ("allowpath-" + n.slug).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
      if (base.length() > 70) {
        base = base.substring(0, 70);
      }
      String name = base;
      for (int i = 2; taken.contains(name); i++) {
        name = base + "-" + i;
      }
      taken.add(name);
      changes.add(new AddNsgRule(n.nsg.id(), name, p, new ArrayList<>(n.sources), n.destinations, n.ports, n.blockedBy,
          new ArrayList<>(n.pairs), n.why));
    }
  }

  /** The public path: a firewall rule when a firewall on the path blocks, and IP rules the target lacks. */
  private void publicPath(Verdict v, After after, Drafts d, String whyOverride) {
    Compute c = v.compute();
    Target t = v.target();
    String pair = pair(c, t);
    Egress e = v.egress();
    ResourceId firewall = after != null ? after.firewall() : e == null ? null : e.firewall();
    if (after != null && after.firewall() != null && ev.firewallDenies(after.firewall(), c, t)) {
      d.unresolved(c.key(), t.id().value(), "a Deny rule of firewall " + after.firewall().name() + " matches "
          + t.fqdn() + ": routing the compute to it cannot reach the target; change that rule");
      return;
    }
    if (firewall != null && (after != null && after.firewall() != null || v.reasons().contains(Reason.FIREWALL_NO_RULE_MATCH))) {
      firewallAppRule(c, t, firewall, d);
    }
    if (ev.open(t)) {
      return;
    }
    List<AddressRef> addresses = new ArrayList<>();
    if (after != null) {
      addresses.addAll(after.addresses());
    } else if (e != null) {
      e.publicIps().toCidrs().forEach(x -> addresses.add(AddressRef.literal(x)));
      // ported-by-lead: a public IP id that is unresolved or not under a resource group cannot be referenced in code
      e.symbolicIps().stream().filter(x -> !x.isUnresolved() && x.resourceGroup() != null).forEach(x -> addresses.add(AddressRef.publicIp(x, false)));
    }
    if (addresses.isEmpty()) {
      d.unresolved(c.key(), t.id().value(), "no address to admit: the compute's egress is not known");
      return;
    }
    ipRules(c, t, addresses, pair, after, whyOverride, d);
  }

  private void vnetRule(Target t, ResourceId subnet, String pair, String why, Drafts d) {
    if (!ServiceFixes.of(t).takesVnetRules()) {
      d.unresolved(pair.substring(0, pair.indexOf(" -> ")), t.id().value(), t.service() + " takes no VNet rule: use a "
          + "private endpoint");
      return;
    }
    String name = "allowpath-" + subnet.parent().name().toLowerCase(Locale.ROOT) + "-" + subnet.name().toLowerCase(Locale.ROOT);
    String key = "vnet|" + t.id().key() + "|" + subnet.key();
    Integer prio = !d.has(key) ? appServicePriority(t, null, d) : null;
    d.add(key, pair, p -> new AddVnetRule(t, subnet,
        ServiceFixes.of(t).namesRules() ? name : null, prio, p, why));
  }

  /** Same-region storage: IP rules cannot work (T1); a service endpoint and a VNet rule do. */
  private void sameRegionStorage(Compute c, StorageAccount t, String pair, Drafts d) {
    Subnet s = estate.get(c.subnet(), Subnet.class);
    if (s == null) {
      d.unresolved(c.key(), t.id().value(), "storage in the compute's own region ignores IP rules, and the compute is "
          + "not in a customer subnet that could take a service endpoint: use a private endpoint");
      return;
    }
    boolean hasEndpoint = s.serviceEndpoints().stream().anyMatch(se -> se.service().equalsIgnoreCase("Microsoft.Storage")
        || se.service().equalsIgnoreCase("Microsoft.Storage.Global"));
    if (!hasEndpoint) {
      String region = estate.subnetLocation(s.id());
      if (region == null) { // ported-by-lead: the subnet's VNet is not in the estate (a warning says so)
        d.unresolved(c.key(), t.id().value(), "the region of subnet " + s.id().name() + " is unknown: add its VNet"); return; }
      d.add("se|" + s.id().key() + "|microsoft.storage", pair, p -> new AddServiceEndpoint(s, region, "Microsoft.Storage", p,
          "storage in the subnet's own region ignores IP rules; a Microsoft.Storage service endpoint lets a VNet rule "
              + "admit the subnet"));
      keepOtherStorageWorking(s, region, d);
    }
    vnetRule(t, s.id(), pair, "admit subnet " + s.id().name() + ", whose traffic reaches the account over the service "
        + "endpoint", d);
  }

  /**
   * A new Microsoft.Storage endpoint makes every storage account in the subnet's region and its pair see
   * the subnet instead of a public IP; restricted accounts that admit the subnet's computes today by IP
   * need a VNet rule too, or they break.
   */
  private void keepOtherStorageWorking(Subnet s, String region, Drafts d) {
    // what it adds depends only on the subnet and the region (drafts are sets): once per pair, it was
    // failing pairs × computes × storage accounts, the cost that kept the plan out of large reports
    if (!d.storageKept.add(s.id().key() + "|" + region)) {
      return;
    }
    Subnet withEndpoint = s.withServiceEndpoints(List.of(new ServiceEndpoint("Microsoft.Storage", List.of())));
    List<String> covered = new ArrayList<>(List.of(region));
    String pairRegion = Regions.pairOf(region);
    if (pairRegion != null) {
      covered.add(pairRegion);
    }
    for (Compute c : resolver.computes()) {
      if (!s.id().equals(c.subnet())) {
        continue;
      }
      for (StorageAccount st : estate.all(StorageAccount.class)) {
        if (!covered.contains(st.location()) || ev.open(st) || ev.publicDisabled(st)) {
          continue;
        }
        Verdict v = ev.evaluate(c, st);
        if (v.outcome() == Outcome.ALLOW && v.via() == Via.PUBLIC_IP) {
          vnetRule(st, withEndpoint.id(), pair(c, st), "keeps this pair working once the new Microsoft.Storage service "
              + "endpoint on " + s.id().name() + " makes the account see the subnet instead of the public IP", d);
        }
      }
    }
  }

  private void firewallAppRule(Compute c, Target t, ResourceId fwId, Drafts d) {
    AzureFirewall fw = estate.get(fwId, AzureFirewall.class);
    if (fw == null) {
      return;
    }
    Subnet s = estate.get(c.subnet(), Subnet.class);
    List<String> ports = TargetPorts.publicEndpoint(t);
    if (t.service() == Service.SQL && ports.size() > 1 && t.location() != null) {
      // SQL's Redirect policy (the default from inside Azure) sends the session on to 11000-11999: an application
      // rule (Mssql) filters 1433 only, so a network rule for the region's Sql tag opens every port
      // (https://learn.microsoft.com/azure/azure-sql/database/connectivity-architecture#connection-policy)
      String region = t.location().toLowerCase(Locale.ROOT).replace(" ", "");
      FirewallDraft f = d.firewall.computeIfAbsent("fwsql|" + fw.id().key() + "|" + region, k -> new FirewallDraft());
      f.fw = fw.id();
      f.kind = "NETWORK";
      f.collection = "allowpath-sql";
      f.priority = freePriority(fw, "NETWORK");
      f.name = "allow-sql-" + region;
      f.fqdns = List.of();
      f.tags = List.of("Sql." + region);
      f.ports = ports;
      if (s != null) {
        f.sources.addAll(IpValue.texts(s.addressPrefixes()));
      }
      f.pairs.add(pair(c, t));
      f.why = "no rule of firewall " + fw.id().name() + " allows SQL on 1433 and the redirect ports " + ports
          + " to " + t.fqdn();
      return;
    }
    FirewallDraft f = d.firewall.computeIfAbsent("fwapp|" + fw.id().key() + "|" + t.fqdn(), k -> new FirewallDraft());
    f.fw = fw.id();
    f.kind = "APPLICATION";
    f.collection = "allowpath-targets";
    f.priority = freePriority(fw, "APPLICATION");
    f.name = "allow-" + t.fqdn().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    f.fqdns = List.of(t.fqdn());
    f.tags = List.of();
    f.ports = List.of(ServiceFixes.of(t).firewallProtocol());
    if (s != null) {
      f.sources.addAll(IpValue.texts(s.addressPrefixes()));
    }
    f.pairs.add(pair(c, t));
    f.why = "no rule of firewall " + fw.id().name() + " allows " + t.fqdn() + ": denied by default";
  }

  /** IP rules for the addresses the target does not admit yet, in the service's syntax. */
  private void ipRules(Compute c, Target t, List<AddressRef> addresses, String pair, After after, String whyOverride,
      Drafts d) {
    String blocked = ServiceFixes.of(t).ipRulesBlocked(t);
    if (blocked != null) {
      d.unresolved(c.key(), t.id().value(), blocked);
      return;
    }
    List<IpSet> literals = new ArrayList<>();
    Set<ResourceId> refs = new LinkedHashSet<>();
    Map<ResourceId, Boolean> created = new LinkedHashMap<>();
    for (AddressRef a : addresses) {
      if (a.isLiteral()) {
        literals.add(a.ips());
      } else {
        refs.add(a.publicIp());
        created.put(a.publicIp(), a.created());
      }
    }
    IpSet literal = IpSet.union(literals);
    AccessEvaluator.Admitted admitted = ev.admitted(t, literal, refs);
    if (admitted == null) {
      d.unresolved(c.key(), t.id().value(), "the target's rules cannot be evaluated");
      return;
    }
    IpSet missing = literal.minus(admitted.addresses());
    List<ResourceId> missingRefs = refs.stream().filter(r -> !admitted.publicIps().contains(r)).toList();
    String why = whyOverride != null ? whyOverride : (after != null ? "admit the compute's new " + after.via()
        + " egress" : "admit the compute's egress") + " on " + t.id().name();
    for (String[] range : ServiceFixes.of(t).ruleValues(missing)) {
      AddressRef start = AddressRef.literal(range[0]);
      AddressRef end = range[1] == null ? null : AddressRef.literal(range[1]);
      addIpRule(t, start, end, pair, why, d);
    }
    for (ResourceId r : missingRefs) {
      AddressRef ref = AddressRef.publicIp(r, created.get(r));
      addIpRule(t, ref, t.service() == Service.SQL ? ref : null, pair, why, d);
    }
  }

  private void addIpRule(Target t, AddressRef start, AddressRef end, String pair, String why, Drafts d) {
    String value = start.display() + (end == null ? "" : "-" + end.display());
    String name = null;
    if (t.service() == Service.SQL) {
      String v = end != null && start.equals(end) ? start.display() : value;
      name = "allowpath-" + (start.isLiteral() ? v : start.publicIp().name()).replaceAll("[^A-Za-z0-9._-]", "-");
    } else if (t.service() == Service.APP_SERVICE) {
      name = "allowpath-" + (start.isLiteral() ? start.literal() : start.publicIp().name()).replaceAll("[^A-Za-z0-9._-]", "-");
    }
    String key = "ip|" + t.id().key() + "|" + value;
    Integer prio = !d.has(key) ? appServicePriority(t, start, d) : null;
    String n = name;
    d.add(key, pair, p -> new AddIpRule(t, start, end, n, prio, p, why));
  }

  /** Rule values in the service's syntax (§4), as {@link ServiceFixes#ruleValues} gives them. */
  static List<String[]> ruleValues(Service s, IpSet missing) {
    return ServiceFixes.of(s).ruleValues(missing);
  }

  private final Map<ResourceId, Set<Integer>> usedPriorities = new LinkedHashMap<>();

  /**
   * A priority for a new App Service allow rule that precedes every deny rule that could match the
   * address (any deny rule when the address is not known yet), unique on the site; null when no free
   * priority precedes them.
   */
  /** An access restriction's priority for an App Service target; null for every other service. */
  private Integer appServicePriority(Target t, AddressRef address, Drafts d) {
    return t.accept(new Target.Otherwise<Integer>() {
      @Override
      public Integer appService(WebApp w) {
        return appServicePriority(w, address, d);
      }

      @Override
      protected Integer otherwise(Target other) {
        return null;
      }
    });
  }

  private Integer appServicePriority(WebApp w, AddressRef address, Drafts d) {
    Set<Integer> used = usedPriorities.computeIfAbsent(w.id(), k -> {
      Set<Integer> s = new LinkedHashSet<>();
      if (w.siteConfig() != null) {
        w.siteConfig().ipSecurityRestrictions().forEach(r -> s.add(r.priority()));
      }
      return s;
    });
    int limit = Integer.MAX_VALUE;
    int max = 0;
    IpSet addr = address != null && address.isLiteral() ? address.ips() : null;
    if (w.siteConfig() != null) {
      for (AccessRestriction r : w.siteConfig().ipSecurityRestrictions()) {
        max = Math.max(max, r.priority());
        if (r.action() == null || r.action().equalsIgnoreCase("Allow")) {
          continue;
        }
        IpSet rs = r.addresses();
        boolean matches = addr == null || rs == null || rs.intersects(addr) || "Any".equalsIgnoreCase(r.ipAddress());
        if (matches) {
          limit = Math.min(limit, r.priority());
        }
      }
    }
    int p = limit == Integer.MAX_VALUE ? max + 100 : limit - 1;
    while (p > 0 && used.contains(p)) {
      p--;
    }
    if (p <= 0) {
      return null;
    }
    used.add(p);
    return p;
  }

  static String subresource(Target t) {
    return ServiceFixes.of(t).privateEndpointSubresource();
  }

  // ------------------------------------------------------------------ build

  private Plan build(Drafts d) {
    List<Change> changes = new ArrayList<>();
    for (var e : d.factories.entrySet()) {
      changes.add(e.getValue().apply(new ArrayList<>(d.pairs.get(e.getKey()))));
    }
    nsgRules(d, changes);
    for (FirewallDraft f : d.firewall.values()) {
      changes.add(new AddFirewallRule(estate.get(f.fw, AzureFirewall.class), f.kind, f.collection, f.priority, f.name, new ArrayList<>(f.sources), f.fqdns,
          f.tags, f.ports, new ArrayList<>(f.pairs), f.why));
    }
    // App Service rules without a free priority, and rule-count limits (§4): such pairs are unresolved
    List<Change> kept = new ArrayList<>();
    Map<ResourceId, Integer> added = new LinkedHashMap<>();
    for (Change ch : changes) {
      if (ch instanceof AddIpRule r) {
        added.merge(r.target().id(), 1, Integer::sum);
      }
    }
    for (Change ch : changes) {
      if (ch instanceof AddIpRule r) {
        if (r.target().service() == Service.APP_SERVICE && r.priority() == null) {
          r.pairs().forEach(p -> d.unresolved(from(p), r.target().id().value(), "no free access-restriction priority "
              + "precedes the deny rules that would match"));
          continue;
        }
        int limit = r.target().service().ipRuleLimit();
        int existing = existingRules(r.target());
        int n = added.get(r.target().id());
        if (limit > 0 && existing + n > limit) {
          r.pairs().forEach(p -> d.unresolved(from(p), r.target().id().value(), "adding " + n + " IP rule(s) to "
              + r.target().id().name() + " (" + existing + " already) would exceed its limit of " + limit
              + ": put the egress behind a public IP prefix, or use a private endpoint"));
          continue;
        }
      }
      kept.add(ch);
    }
    return new Plan(kept, new ArrayList<>(d.unresolved.values()));
  }

  private static String from(String pair) {
    return pair.substring(0, pair.indexOf(" -> "));
  }

  private static int existingRules(Target t) {
    return t.ipRuleCount();
  }
}
