package io.allowpath.analysis.access;

import io.allowpath.analysis.egress.HopKind;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.Destination;
import io.allowpath.analysis.egress.Egress;
import io.allowpath.analysis.egress.EgressMode;
import io.allowpath.analysis.egress.EgressResolver;
import io.allowpath.model.AzureFirewall;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.IpSet;
import io.allowpath.model.IpValue;
import io.allowpath.model.MlOutboundRule;
import io.allowpath.model.MlWorkspace;
import io.allowpath.model.NspAccessRule;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Service;
import io.allowpath.model.ServiceTags;
import io.allowpath.model.Subnet;
import io.allowpath.model.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import java.util.function.Predicate;

/**
 * Decides, for a compute and a target, ALLOW / DENY / AMBIGUOUS / UNKNOWN with every reason and the
 * hops (docs/contract.md {@code check}). There is one decision path, {@link #decide}: {@code check}
 * calls it through {@link #evaluate} with a recording {@link Explain}, the matrix ({@link Matrix}) with
 * {@link Explain#NONE} once per distinct egress situation. Service-specific rules live in each service's
 * rule class (see {@link TargetRules}) and reach the decision as data in its {@link Admission}. Order:
 *
 * <ol>
 *   <li>AML managed network (AZURE-EGRESS.md §2.2, A1): an active PrivateEndpoint outbound rule to the
 *       target (user or Required; Required rules to the workspace's own storage, key vault and registry
 *       exist always in approved-only mode, and in internet mode for those with public access
 *       disabled) → ALLOW via MANAGED_PRIVATE_ENDPOINT. Otherwise approved-only mode needs an FQDN or
 *       ServiceTag rule (FQDN rules cannot reach storage), and the egress has no allowlistable IP.
 *   <li>A private endpoint reachable from the compute's VNet whose name resolves to it as Azure resolves
 *       it ({@link PrivatePaths}, §4.0, §8.1): ALLOW via PRIVATE_ENDPOINT; the public firewall does not apply.
 *       A record missing or not linked adds why to a public-path verdict; an undecidable resolution (custom
 *       DNS servers, records not exported) turns a public-path DENY into UNKNOWN.
 *   <li>The compute's egress for the target's destination ({@link EgressResolver}): a service endpoint
 *       makes the target see the subnet, so VNet rules decide and IP rules cannot match (§4.0, N11);
 *       an Azure Firewall on the path decides first ({@link FirewallEvaluator}); then the target's
 *       public rules against every egress address by its {@link FirstMatch} table: all admitted → ALLOW,
 *       some → AMBIGUOUS (NAT gateways and firewalls pick an address at random, N4, N9), none → DENY.
 *       Storage IP rules have no effect on same-region traffic (T1). Unstable egress is never ALLOW: at
 *       best AMBIGUOUS when a broad rule happens to cover it.
 * </ol>
 *
 * Then the checks that hold whatever the target says ({@link PathChecks}): the NSGs on the compute's path
 * for the target's ports (§8.9, §8.10), the firewall's SNAT of network-rule traffic (§8.4, in the public
 * path) and the BGP caveat (§8.6).
 *
 * Compiled target rules are cached per target; egress is cached by the resolver. Thread-safe.
 */
public final class AccessEvaluator {
  private final EgressResolver resolver;
  private final Estate estate;
  private final List<Diagnostic> diagnostics = Collections.synchronizedList(new ArrayList<>());
  private final TargetRules compiler;
  private final FirewallEvaluator firewalls;
  private final PrivatePaths privatePaths;
  private final PathChecks checks;
  private final Map<ResourceId, Prepared> prepared = new ConcurrentHashMap<>();
  private final Map<ResourceId, ManagedRules> managedRules = new ConcurrentHashMap<>();

  private final ServiceTags tags;

  public AccessEvaluator(EgressResolver resolver, ServiceTags tags) {
    this(resolver, tags, null);
  }

  private AccessEvaluator(EgressResolver resolver, ServiceTags tags, List<Integer> ports) {
    this.resolver = resolver;
    this.estate = resolver.estate();
    this.tags = tags;
    this.compiler = new TargetRules(tags, diagnostics, estate);
    this.firewalls = new FirewallEvaluator(tags, ports);
    this.privatePaths = new PrivatePaths(estate);
    this.checks = new PathChecks(estate, tags, ports);
  }

  /**
   * An evaluator that decides the NSG and Azure Firewall steps for these TCP ports instead of each
   * service's own (AZURE-EGRESS.md §8.9, §8.10): an intent's {@code ports} (docs/intents.md). The target's
   * own firewall is not port-specific and decides as before. Its caches are its own.
   */
  public AccessEvaluator withPorts(List<Integer> ports) {
    return new AccessEvaluator(resolver, tags, ports);
  }

  public EgressResolver resolver() {
    return resolver;
  }

  /** The service tags the decision uses (null without {@code --service-tags}); read-only, for the planner. */
  public ServiceTags tags() {
    return tags;
  }

  /** Every target in the estate, sorted by id. */
  public List<Target> targets() {
    List<Target> out = new ArrayList<>();
    for (Object o : estate.resources().values()) {
      if (o instanceof Target t) {
        out.add(t);
      }
    }
    return out;
  }

  /** Diagnostics found while compiling target rules (bad rule values, unknown tags). */
  public List<Diagnostic> diagnostics() {
    synchronized (diagnostics) {
      return List.copyOf(diagnostics);
    }
  }

  /** The destination class of a target: its service tag, region, endpoint service and host name. */
  public static Destination destinationOf(Target t) {
    return new Destination(t.service().serviceTag(), t.location(), t.service().endpointService(), t.fqdn());
  }

  // -------------------------------------------------------------- situations and prepared targets

  /**
   * Everything of a compute that {@link #decide} reads, towards one destination class: the managed
   * workspace whose managed network it runs in (then nothing else), else its subnet, its egress, the
   * region its traffic leaves from, and its internet egress addresses when a service endpoint carries
   * the traffic (to name IP rules the endpoint shadows).
   */
  public record Situation(Compute compute, MlWorkspace managed, Subnet subnet, Egress egress, String egressRegion,
      IpSet internetIps, Memo memo) {}

  /**
   * What {@link #decide} reads of a situation again and again, worked out once per situation (the matrix
   * decides for one situation against every target of its destination class): the managed network's
   * outbound rules by purpose, and the last NSG answer towards a public endpoint (it depends only on the
   * subnet, the service and the region). Holds no answer of its own: a cache in front of the one path.
   */
  public static final class Memo {
    private final ManagedRules managed;
    /** The firewall on the egress path as the estate has it (null: none, or not in the estate). */
    private final AzureFirewall firewall;
    /**
     * The last public-endpoint NSG answers, a few (services that share a destination class, such as those without
     * a service tag, take turns); racy entries (immutable values, recomputed on a miss).
     */
    private final NsgEntry[] nsg = new NsgEntry[4];
    private int nsgNext;

    Memo(ManagedRules managed, AzureFirewall firewall) {
      this.managed = managed;
      this.firewall = firewall;
    }
  }

  private record NsgEntry(NsgClass cls, PathChecks.Finding finding) {}

  /**
   * What the public-endpoint NSG answer depends on besides the subnet: the service, the region and the
   * ports its clients need; one canonical instance per value, so a memo hit is an identity check.
   */
  private record NsgClass(Service service, String location, String ports) {}

  private final Map<NsgClass, NsgClass> nsgClasses = new ConcurrentHashMap<>();

  /**
   * A managed network's outbound rules as {@link #managed} reads them (AZURE-EGRESS.md §2.2): whether it is
   * approved-only, the first active PrivateEndpoint rule per target resource, and the active FQDN and
   * ServiceTag rules in their order.
   */
  private record ManagedRules(boolean approvedOnly, Map<ResourceId, MlOutboundRule> privateEndpoints,
      List<MlOutboundRule> approving) {
    static ManagedRules of(MlWorkspace ws) {
      Map<ResourceId, MlOutboundRule> pe = new HashMap<>();
      List<MlOutboundRule> approving = new ArrayList<>();
      for (MlOutboundRule r : ws.outboundRules()) {
        if (!r.active()) {
          continue;
        }
        if ("PrivateEndpoint".equalsIgnoreCase(r.type()) && r.serviceResourceId() != null) {
          pe.putIfAbsent(r.serviceResourceId(), r);
        } else if (("FQDN".equalsIgnoreCase(r.type()) && r.fqdn() != null)
            || ("ServiceTag".equalsIgnoreCase(r.type()) && r.serviceTag() != null)) {
          approving.add(r);
        }
      }
      return new ManagedRules("AllowOnlyApprovedOutbound".equalsIgnoreCase(ws.isolationMode()), pe, approving);
    }
  }

  /** The compute's situation towards destination {@code d}. */
  public Situation situation(Compute c, Destination d) {
    MlWorkspace ws = c.isDatabricks() ? null : estate.get(c.workspace(), MlWorkspace.class);
    Subnet subnet = estate.get(c.subnet(), Subnet.class);
    if (ws != null && ws.managedNetwork()) {
      return new Situation(c, ws, subnet, null, null, null,
          new Memo(managedRules.computeIfAbsent(ws.id(), k -> ManagedRules.of(ws)), null));
    }
    Egress e = resolver.resolve(c, d);
    IpSet internet = e.mode() == EgressMode.SERVICE_ENDPOINT ? resolver.resolve(c).publicIps() : null;
    AzureFirewall fw = e.firewall() == null ? null : estate.get(e.firewall(), AzureFirewall.class);
    return new Situation(c, null, subnet, e, egressRegion(c, e), internet, new Memo(null, fw));
  }

  /**
   * The NSG answer towards the target's public endpoint, through the situation's small memo (it
   * depends on the subnet, the service, the region and the ports the target's clients need).
   */
  private PathChecks.Finding publicNsg(Situation s, Prepared p) {
    if (s.subnet() == null || s.subnet().networkSecurityGroup() == null) {
      return null;
    }
    NsgEntry[] memo = s.memo().nsg;
    for (NsgEntry e : memo) {
      if (e != null && e.cls() == p.nsgClass) {
        return e.finding();
      }
    }
    PathChecks.Finding f = checks.nsg(s.subnet(), p.target, null);
    int i = s.memo().nsgNext;
    memo[i & 3] = new NsgEntry(p.nsgClass, f);
    s.memo().nsgNext = i + 1;
    return f;
  }

  /** The region the compute's traffic leaves from: the firewall's on a firewall path, else the subnet's. */
  private String egressRegion(Compute c, Egress e) {
    if (e.firewall() != null) {
      AzureFirewall fw = estate.get(e.firewall(), AzureFirewall.class);
      if (fw != null && fw.location() != null) {
        return fw.location();
      }
    }
    String r = c.subnet() == null ? null : estate.subnetLocation(c.subnet());
    return r != null ? r : c.location();
  }

  /**
   * A target made ready for decisions: its compiled rules, their first-match table (when the public rules
   * are in force), whether approved private endpoints connect to it, and the answers met so far that
   * depend only on the target and one other resource (a firewall and source subnet; a compute VNet).
   */
  static final class Prepared {
    final Target target;
    final Admission admission;
    final FirstMatch table;
    final boolean privateEndpoints;
    /** What the public-endpoint NSG answer depends on besides the subnet (canonical instance). */
    final NsgClass nsgClass;
    private final Map<FwKey, FirewallEvaluator.Decision> firewallDecisions = new ConcurrentHashMap<>();
    private final Map<ResourceId, PrivatePaths.Path> privatePaths = new ConcurrentHashMap<>();
    /** The NSG answer towards the private endpoint, per compute subnet (the endpoint follows from its VNet). */
    private final Map<ResourceId, Optional<PathChecks.Finding>> endpointNsgs = new ConcurrentHashMap<>();

    Prepared(Target target, Admission admission, boolean privateEndpoints, NsgClass nsgClass) {
      this.target = target;
      this.admission = admission;
      this.table = admission.restricted() ? FirstMatch.compile(admission) : null;
      this.privateEndpoints = privateEndpoints;
      this.nsgClass = nsgClass;
    }
  }

  /** A firewall and the compute subnet whose prefixes are the sources (ids: cheap to hash). */
  private record FwKey(ResourceId firewall, ResourceId subnet) {}

  private static final PrivatePaths.Path NO_PATH = new PrivatePaths.Path(null, null, false, "");

  Prepared prepare(Target t) {
    return prepared.computeIfAbsent(t.id(),
        k -> new Prepared(t, compiler.compile(t), privatePaths.hasEndpoints(t.id()), nsgClass(t)));
  }

  private NsgClass nsgClass(Target t) {
    NsgClass c = new NsgClass(t.service(), t.location(), PathChecks.portsKey(t));
    return nsgClasses.computeIfAbsent(c, k -> k);
  }

  Admission admission(Target t) {
    return prepare(t).admission;
  }

  private PrivatePaths.Path privatePath(Prepared p, ResourceId vnet) {
    PrivatePaths.Path path = p.privatePaths.computeIfAbsent(vnet, v -> {
      PrivatePaths.Path x = privatePaths.find(v, p.target);
      return x == null ? NO_PATH : x;
    });
    return path == NO_PATH ? null : path;
  }

  private PathChecks.Finding endpointNsg(Prepared p, Subnet subnet, PrivatePaths.Path path) {
    if (subnet.networkSecurityGroup() == null) {
      return null;
    }
    return p.endpointNsgs.computeIfAbsent(subnet.id(),
        k -> Optional.ofNullable(checks.nsg(subnet, p.target, path.endpoint()))).orElse(null);
  }

  private FirewallEvaluator.Decision firewallDecision(Prepared p, AzureFirewall fw, Subnet subnet) {
    return p.firewallDecisions.computeIfAbsent(new FwKey(fw.id(), subnet == null ? null : subnet.id()),
        k -> firewalls.decide(fw, p.target, subnet == null ? List.of() : subnet.addressPrefixes(), policyMissing(fw)));
  }

  private static boolean policyMissing(AzureFirewall fw) {
    return fw.firewallPolicy() != null && !fw.policyRulesRead() && fw.ruleCollections().stream()
        .noneMatch(rc -> fw.firewallPolicy().equals(rc.source().parent()));
  }

  /**
   * What the NSG step answers for traffic from the subnet to {@code t}'s public endpoint, as a key (see
   * {@link Matrix}): equal for every target of the same service and region.
   */
  String nsgAnswer(Subnet subnet, Target t) {
    PathChecks.Finding f = checks.nsg(subnet, t, null);
    // a finding without a reason (the NSG lets the traffic through, or is not in the estate) changes only the
    // hop's text, not the outcome or the reasons: the same answer as no NSG, whichever NSG it is
    return f == null || f.reason() == null ? "" : "nsg:" + f.outcome() + "/" + f.reason();
  }

  /**
   * True when a network security perimeter in the estate has an inbound subscription rule: then the compute's
   * subscription is part of what a decision reads (see {@link Matrix}).
   */
  boolean hasIdentityRules() {
    return estate.all(NspAccessRule.class).stream().anyMatch(r -> r.inbound() && !r.subscriptions().isEmpty());
  }

  /** The firewall source signature of a compute subnet's prefixes (see {@link Matrix}). */
  String firewallSourceSignature(ResourceId fw, List<IpValue> sourcePrefixes) {
    AzureFirewall f = estate.get(fw, AzureFirewall.class);
    return f == null ? null : firewalls.sourceSignature(f, sourcePrefixes);
  }

  // -------------------------------------------------------------- what the planner and audits read

  /**
   * What the target's public rules admit of these addresses and public IPs today, for the planner: null
   * when the target's rules cannot be evaluated (unknown state, unresolved service tag) or its public
   * access is disabled; everything when it is open. By the same first-match table as every verdict.
   */
  public Admitted admitted(Target t, IpSet addresses, Set<ResourceId> publicIps) {
    Prepared p = prepare(t);
    Admission a = p.admission;
    if (a.unknown() != null || a.publicDisabled()) {
      return null;
    }
    if (a.open()) {
      return new Admitted(addresses, Set.copyOf(publicIps));
    }
    FirstMatch.Result m = p.table.match(addresses, List.copyOf(publicIps), true);
    return m.unresolved != null ? null : new Admitted(m.admittedAddresses(), Set.copyOf(m.symbolicAdmitted));
  }

  /** The admitted part of some addresses and public IPs. */
  public record Admitted(IpSet addresses, Set<ResourceId> publicIps) {}

  /**
   * True when a Deny rule of firewall {@code fw} matches traffic from the compute's subnet to the target:
   * rules the planner adds cannot override it (network rules and higher-priority collections decide first).
   */
  public boolean firewallDenies(ResourceId fw, Compute c, Target t) {
    AzureFirewall f = estate.get(fw, AzureFirewall.class);
    if (f == null) {
      return false;
    }
    Subnet s = estate.get(c.subnet(), Subnet.class);
    FirewallEvaluator.Decision d = firewalls.decide(f, t, s == null ? List.of() : s.addressPrefixes(), false);
    return d.reason() == Reason.FIREWALL_DENY_RULE;
  }

  /** True when the target's public endpoint admits every network. */
  public boolean open(Target t) {
    return admission(t).open();
  }

  /** True when the target's public endpoint is disabled. */
  public boolean publicDisabled(Target t) {
    return admission(t).publicDisabled();
  }

  /**
   * The network security perimeter profile that decides the target's public access ({@code publicNetworkAccess:
   * SecuredByPerimeter}, §8.7), or null when the target's own rules decide it.
   */
  public ResourceId perimeterProfile(Target t) {
    Admission.Perimeter p = admission(t).perimeter();
    return p == null ? null : p.profile();
  }

  /**
   * One IP rule of a target as its rule class compiled it, in evaluation order: its label, the addresses
   * it matches (null for a reference to a public IP or an unresolved service tag), allow or deny,
   * whether it admits all of Azure (SQL/Cosmos 0.0.0.0, an unresolved AzureCloud tag), and the public
   * IP it refers to, if any. For audits, which must not re-implement each service's firewall.
   */
  public record IpRule(String label, IpSet addresses, boolean allow, boolean allAzure, ResourceId publicIp) {}

  /** The target's compiled IP rules (empty when it is open, disabled or unknown). */
  public List<IpRule> ipRules(Target t) {
    return admission(t).ipRules().stream()
        .map(r -> new IpRule(r.label(), r.addresses(), r.allow(), r.allAzure(), r.publicIp())).toList();
  }

  /** Notes the target's rules carry whatever the compute (e.g. ACR_RULES_NEED_PREMIUM, OPEN_TO_ALL_NETWORKS). */
  public List<Reason> notes(Target t) {
    return admission(t).notes();
  }

  /**
   * Whether the Azure Firewall lets traffic from {@code sourcePrefixes} reach a service tag on a TCP
   * port, by {@link FirewallEvaluator}'s rule processing; null when the firewall is not in the estate.
   */
  public FirewallTagCheck firewallAllowsTag(ResourceId firewall, List<IpValue> sourcePrefixes, String serviceTag,
      String region, int port) {
    AzureFirewall fw = estate.get(firewall, AzureFirewall.class);
    if (fw == null) {
      return null;
    }
    FirewallEvaluator.Decision d = firewalls.decideServiceTag(fw, serviceTag, region, port, sourcePrefixes,
        policyMissing(fw));
    return new FirewallTagCheck(d.outcome(), d.detail());
  }

  /** The firewall's answer for a service tag: ALLOW, DENY or UNKNOWN (policy not exported), and why. */
  public record FirewallTagCheck(Outcome outcome, String detail) {}

  /** What decided the target's admission in words (e.g. "networkAcls.defaultAction Allow"), or null. */
  public String decidedBy(Target t) {
    Admission a = admission(t);
    return a.unknown() != null ? a.unknownDetail() : a.decidedBy();
  }

  /** The unknown reason of a target whose rules cannot be read, or null. */
  public Reason unknownReason(Target t) {
    return admission(t).unknown();
  }

  // -------------------------------------------------------------- the decision

  /** An outcome, how the traffic arrives, and every reason (blockers only for DENY and UNKNOWN). */
  record Decision(Outcome outcome, Via via, List<Reason> reasons) {}

  private static final Decision PRIVATE_ENDPOINT = new Decision(Outcome.ALLOW, Via.PRIVATE_ENDPOINT,
      List.of(Reason.VIA_PRIVATE_ENDPOINT));
  private static final Decision MANAGED_PE = new Decision(Outcome.ALLOW, Via.MANAGED_PRIVATE_ENDPOINT,
      List.of(Reason.VIA_MANAGED_PRIVATE_ENDPOINT));
  private static final Decision NOT_APPROVED = new Decision(Outcome.DENY, Via.NONE,
      List.of(Reason.MANAGED_NETWORK_NOT_APPROVED));
  private static final Decision NO_EGRESS = new Decision(Outcome.DENY, Via.NONE, List.of(Reason.NO_EGRESS));
  private static final Decision EGRESS_UNKNOWN = new Decision(Outcome.UNKNOWN, Via.NONE, List.of(Reason.EGRESS_UNKNOWN));

  /**
   * Whether the pair is checked at all: a Databricks cluster and its own workspace talk over the control
   * plane (secure cluster connectivity relay), not through the workspace's front-end firewall
   * (AZURE-EGRESS.md §3.1), so that pair is not a question. The one place this rule lives.
   */
  /** Whether {@link #checked} can be false for some compute and {@code t} (only a Databricks workspace). */
  static boolean skipsAny(Target t) {
    return t.service() == Service.DATABRICKS;
  }

  public static boolean checked(Compute c, Target t) {
    return !(t.service() == Service.DATABRICKS && c.workspace().equals(t.id()));
  }

  /** The verdict of every checked pair, computes outer and targets inner, in the given orders. */
  public List<Verdict> verdicts(List<Compute> computes, List<Target> targets) {
    return verdicts(computes, targets, n -> { });
  }

  /** As {@link #verdicts(List, List)}, telling {@code computesDone} each compute whose pairs are decided. */
  public List<Verdict> verdicts(List<Compute> computes, List<Target> targets, IntConsumer computesDone) {
    List<Verdict> out = new ArrayList<>();
    for (Compute c : computes) {
      for (Target t : targets) {
        if (checked(c, t)) {
          out.add(evaluate(c, t));
        }
      }
      computesDone.accept(1);
    }
    return out;
  }

  /** The verdict for one pair, with every hop and the source addresses the target sees. */
  public Verdict evaluate(Compute c, Target t) {
    Situation s = situation(c, destinationOf(t));
    Explain.Recording x = new Explain.Recording();
    Decision d = decide(s, prepare(t), x);
    boolean egressUsed = s.managed() == null && d.via() != Via.PRIVATE_ENDPOINT;
    return new Verdict(c, t, d.outcome(), d.via(), x.sources(), d.reasons(), x.hops(), egressUsed ? s.egress() : null);
  }

  /** The decision for a compute situation and a target: the only place where access is decided. */
  Decision decide(Situation s, Prepared p, Explain x) {
    if (s.managed() != null) {
      return managed(s.compute(), s.managed(), s.memo().managed, p, x);
    }
    Compute c = s.compute();
    Target t = p.target;
    PrivatePaths.Path notLinked = null;
    if (s.subnet() != null && p.privateEndpoints) {
      PrivatePaths.Path path = privatePath(p, s.subnet().vnet());
      if (path != null && path.dnsLinked()) {
        if (x.on()) {
          x.hop(HopKind.COMPUTE, c.resource(), "compute " + c.label() + " in subnet " + s.subnet().id().name());
          x.hop(HopKind.PRIVATE_ENDPOINT, path.endpoint().id(), path.detail());
          x.sources(List.of(s.subnet().id().value()));
        }
        return withNsg(PRIVATE_ENDPOINT, endpointNsg(p, s.subnet(), path), x);
      }
      notLinked = path;
    }
    Egress e = s.egress();
    if (x.on()) {
      x.hops(e.hops());
      if (notLinked != null) {
        x.hop(HopKind.PRIVATE_ENDPOINT, notLinked.endpoint().id(), notLinked.detail());
      }
    }
    Decision d = switch (e.mode()) {
      case SERVICE_ENDPOINT -> serviceEndpoint(s, p, x);
      case NO_EGRESS -> x.on() ? target(x, t, "no way out: ", e.why(), NO_EGRESS) : NO_EGRESS;
      case UNKNOWN -> x.on() ? target(x, t, "egress unknown: ", e.why(), EGRESS_UNKNOWN) : EGRESS_UNKNOWN;
      default -> publicPath(s, p, x);
    };
    if (notLinked != null && d.outcome() != Outcome.ALLOW) {
      List<Reason> rs = new ArrayList<>(d.reasons());
      Reason why = dnsReason(notLinked);
      rs.add(why);
      boolean undecided = why == Reason.PRIVATE_DNS_RECORDS_UNKNOWN || why == Reason.PRIVATE_DNS_CUSTOM_SERVERS;
      d = new Decision(undecided && d.outcome() == Outcome.DENY ? Outcome.UNKNOWN : d.outcome(), d.via(), rs);
    }
    d = withNsg(d, publicNsg(s, p), x);
    PathChecks.Finding bgp = PathChecks.bgp(e, d.via(), d.outcome());
    if (bgp != null) {
      List<Reason> rs = new ArrayList<>(d.reasons());
      Outcome o = PathChecks.apply(bgp, d.outcome(), rs, ADMITTING);
      d = new Decision(o, d.via(), rs);
      if (x.on()) {
        x.hop(HopKind.NOTE, null, bgp.detail());
      }
    }
    return d;
  }

  /**
   * Why a reachable private endpoint is not used (issue 13): no zone linked, the record missing, the records
   * or the names not in the estate, or custom DNS servers. The last two leave the answer undecided.
   */
  static Reason dnsReason(PrivatePaths.Path p) {
    return switch (p.resolution()) {
      case RECORD_MISSING -> Reason.PRIVATE_DNS_RECORD_MISSING;
      case RECORDS_UNKNOWN -> Reason.PRIVATE_DNS_RECORDS_UNKNOWN;
      case CUSTOM_DNS -> Reason.PRIVATE_DNS_CUSTOM_SERVERS;
      default -> Reason.PRIVATE_ENDPOINT_DNS_NOT_LINKED;
    };
  }

  /** {@code d} after the NSGs on the path (a hop for the NSG whatever it says). */
  private static Decision withNsg(Decision d, PathChecks.Finding nsg, Explain x) {
    if (nsg == null) {
      return d;
    }
    if (x.on()) {
      x.hop(HopKind.NSG, nsg.resource(), nsg.detail());
    }
    if (nsg.reason() == null) {
      return d;
    }
    List<Reason> rs = new ArrayList<>(d.reasons());
    Outcome o = PathChecks.apply(nsg, d.outcome(), rs, ADMITTING);
    return new Decision(o, d.via(), rs);
  }

  /** Records the target's hop (when explaining) and returns {@code d}. */
  private static Decision target(Explain x, Target t, String prefix, String detail, Decision d) {
    if (x.on()) {
      x.hop(HopKind.TARGET, t.id(), prefix + detail);
    }
    return d;
  }

  private static Decision decision(Explain x, Target t, Outcome o, Via via, List<Reason> reasons, String detail) {
    if (x.on()) {
      x.hop(HopKind.TARGET, t.id(), detail);
    }
    return new Decision(o, via, reasons);
  }

  // -------------------------------------------------------------- AML managed network

  private Decision managed(Compute c, MlWorkspace ws, ManagedRules rules, Prepared p, Explain x) {
    Target t = p.target;
    boolean approvedOnly = rules.approvedOnly();
    if (x.on()) {
      x.hop(HopKind.MANAGED_NETWORK, ws.id(), "compute " + c.label() + " runs in the managed VNet of " + ws.id().name()
          + " (" + ws.isolationMode() + ")");
    }
    MlOutboundRule r = rules.privateEndpoints().get(t.id());
    if (r != null) {
      if (x.on()) {
        x.hop(HopKind.OUTBOUND_RULE, ws.id(), "outbound rule " + r.name() + " (" + (r.category() == null ? "UserDefined"
            : r.category()) + ") is a managed private endpoint to " + t.id().name()
            + (r.subresourceTarget() == null ? "" : " (" + r.subresourceTarget() + ")"));
      }
      return MANAGED_PE;
    }
    Admission a = p.admission;
    boolean own = t.id().equals(ws.storageAccount()) || t.id().equals(ws.keyVault())
        || t.id().equals(ws.containerRegistry()) || t.id().equals(ws.id());
    if (own && (approvedOnly || a.publicDisabled())) {
      if (x.on()) {
        x.hop(HopKind.OUTBOUND_RULE, ws.id(), "Azure creates a Required private endpoint rule to the workspace's own "
            + t.id().name() + (approvedOnly ? " in approved-only mode" : " because its public access is disabled"));
      }
      return MANAGED_PE;
    }
    String unread = estate.unreadParts(ws.id()).get("outboundRules");
    if (unread != null) { // issue 14 §4: an unread rule list is not an empty one
      return decision(x, t, Outcome.UNKNOWN, Via.NONE, List.of(Reason.SCAN_READ_FAILED), x.on() ? "the scan could not "
          + "read the outbound rules of " + ws.id().name() + " (" + unread + ")" : null);
    }
    if (approvedOnly) {
      MlOutboundRule allowing = approvingRule(rules, t);
      if (allowing == null) {
        return target(x, t, "no active outbound rule of " + ws.id().name() + " covers ", t.fqdn(), NOT_APPROVED);
      }
      if (x.on()) {
        x.hop(HopKind.OUTBOUND_RULE, ws.id(), "outbound rule " + allowing.name() + " (" + allowing.type()
            + ") lets the traffic out through the managed firewall");
      }
    }
    if (a.unknown() != null) {
      return decision(x, t, Outcome.UNKNOWN, Via.PUBLIC_IP, List.of(a.unknown()), a.unknownDetail());
    }
    if (a.publicDisabled()) {
      return decision(x, t, Outcome.DENY, Via.PUBLIC_IP, List.of(Reason.PUBLIC_ACCESS_DISABLED), a.decidedBy());
    }
    if (a.open()) {
      return decision(x, t, Outcome.ALLOW, Via.PUBLIC_IP, a.notes(), a.decidedBy());
    }
    List<Reason> reasons = new ArrayList<>(List.of(Reason.MANAGED_NETWORK_NO_STABLE_IP));
    boolean identity = identityAdmits(a, c, reasons);
    return decision(x, t, identity ? Outcome.AMBIGUOUS : Outcome.DENY, Via.PUBLIC_IP, reasons,
        x.on() ? a.decidedBy() + " admits only listed sources; managed-network egress has no IP to list"
            + (identity ? IDENTITY_ONLY + subscriptionOf(c) : "") : null);
  }

  private static final String IDENTITY_ONLY = "; but a perimeter subscription rule admits calls authenticated with a "
      + "managed identity of subscription ";

  /**
   * True, adding {@link Reason#PERIMETER_SUBSCRIPTION_RULE}, when a network security perimeter's subscription rule
   * admits managed identities of the compute's subscription (see {@link PerimeterRules}): the public rules refuse
   * its addresses, but an identity-authenticated call gets through.
   */
  private static boolean identityAdmits(Admission a, Compute c, List<Reason> reasons) {
    if (a.perimeter() == null || a.perimeter().identitySubscriptions().isEmpty() || !a.admitsIdentitiesOf(subscriptionOf(c))) {
      return false;
    }
    reasons.add(Reason.PERIMETER_SUBSCRIPTION_RULE);
    return true;
  }

  /** The subscription a compute's managed identity lives in: its resource's, else its workspace's. */
  static String subscriptionOf(Compute c) {
    String sub = c.resource() == null ? null : c.resource().subscription();
    return sub != null || c.workspace() == null ? sub : c.workspace().subscription();
  }

  /**
   * The last active FQDN or ServiceTag outbound rule of an approved-only managed network that lets
   * traffic to the target out (FQDN rules cannot reach storage; A1), or null.
   */
  private static MlOutboundRule approvingRule(ManagedRules rules, Target t) {
    MlOutboundRule allowing = null;
    for (MlOutboundRule r : rules.approving()) {
      if ("FQDN".equalsIgnoreCase(r.type()) && r.fqdn() != null && t.service() != Service.STORAGE
          && FirewallEvaluator.fqdnMatch(r.fqdn(), t.fqdn())) {
        allowing = r;
      } else if ("ServiceTag".equalsIgnoreCase(r.type()) && r.serviceTag() != null && serviceTagCovers(r.serviceTag(), t)) {
        allowing = r;
      }
    }
    return allowing;
  }

  private static boolean serviceTagCovers(String tag, Target t) {
    String base = tag.contains(".") ? tag.substring(0, tag.indexOf('.')) : tag;
    String region = tag.contains(".") ? tag.substring(tag.indexOf('.') + 1).toLowerCase(Locale.ROOT) : null;
    return (base.equalsIgnoreCase(t.service().serviceTag()) || base.equalsIgnoreCase("AzureCloud"))
        && (region == null || region.equals(t.location()));
  }

  // -------------------------------------------------------------- service endpoint

  private Decision serviceEndpoint(Situation s, Prepared p, Explain x) {
    Admission a = p.admission;
    Target t = p.target;
    ResourceId sub = s.egress().serviceEndpointSubnet();
    if (x.on()) {
      x.sources(List.of(sub.value()));
    }
    if (a.unknown() != null) {
      return decision(x, t, Outcome.UNKNOWN, Via.SERVICE_ENDPOINT, List.of(a.unknown()), a.unknownDetail());
    }
    if (a.publicDisabled()) {
      return decision(x, t, Outcome.DENY, Via.SERVICE_ENDPOINT, List.of(Reason.PUBLIC_ACCESS_DISABLED),
          x.on() ? a.decidedBy() + ": service endpoint traffic is refused too" : null);
    }
    if (a.open()) {
      return decision(x, t, Outcome.ALLOW, Via.SERVICE_ENDPOINT, a.notes(), a.decidedBy());
    }
    if (a.vnetRules().contains(sub) || a.anyVnet()) {
      return decision(x, t, Outcome.ALLOW, Via.SERVICE_ENDPOINT, List.of(Reason.ADMITTED_BY_VNET_RULE),
          x.on() ? "VNet rule for subnet " + sub.name() + " admits it" : null);
    }
    if (a.unmatchedAllowed()) {
      return decision(x, t, Outcome.ALLOW, Via.SERVICE_ENDPOINT, List.of(Reason.OPEN_TO_ALL_NETWORKS),
          "unmatched traffic is allowed");
    }
    List<Reason> reasons = new ArrayList<>(List.of(Reason.SERVICE_ENDPOINT_NO_VNET_RULE));
    reasons.addAll(a.notes());
    IpSet internet = s.internetIps();
    if (internet != null && !internet.isEmpty()) {
      for (Admission.Rule r : a.ipRules()) {
        if (r.allow() && r.addresses() != null && r.addresses().intersects(internet)) {
          reasons.add(Reason.IP_RULE_SHADOWED_BY_SERVICE_ENDPOINT);
          if (x.on()) {
            x.hop(HopKind.NOTE, t.id(), r.label() + " covers the compute's public egress but cannot match: the "
                + "service endpoint makes the target see subnet " + sub.name());
          }
          break;
        }
      }
    }
    boolean identity = identityAdmits(a, s.compute(), reasons);
    return decision(x, t, identity ? Outcome.AMBIGUOUS : Outcome.DENY, Via.SERVICE_ENDPOINT, reasons,
        x.on() ? a.decidedBy() + ": subnet " + sub.name() + " is not in the VNet rules"
            + (identity ? IDENTITY_ONLY + subscriptionOf(s.compute()) : "") : null);
  }

  // -------------------------------------------------------------- public path

  /** Reasons that say what admitted the traffic; never listed for a DENY or UNKNOWN verdict. */
  private static final Set<Reason> ADMITTING = EnumSet.of(Reason.OPEN_TO_ALL_NETWORKS,
      Reason.ADMITTED_BY_IP_RULE, Reason.ADMITTED_BY_VNET_RULE, Reason.ADMITTED_BY_ALL_AZURE_RULE,
      Reason.ADMITTED_BY_BROAD_RULE, Reason.VIA_PRIVATE_ENDPOINT, Reason.VIA_MANAGED_PRIVATE_ENDPOINT,
      Reason.ACR_RULES_NEED_PREMIUM, Reason.MESSAGING_DENY_WITHOUT_RULES_IS_OPEN, Reason.MESSAGING_RULES_NEED_TIER,
      Reason.PERIMETER_SUBSCRIPTION_RULE);

  private Decision publicPath(Situation s, Prepared p, Explain x) {
    Egress e = s.egress();
    Target t = p.target;
    Outcome fwOutcome = Outcome.ALLOW;
    List<Reason> reasons = new ArrayList<>(4);
    if (e.firewall() != null) {
      AzureFirewall fw = s.memo().firewall;
      if (fw != null) {
        FirewallEvaluator.Decision d = firewallDecision(p, fw, s.subnet());
        if (x.on()) {
          x.hop(HopKind.FIREWALL_RULE, fw.id(), d.detail());
        }
        fwOutcome = d.outcome();
        if (d.reason() != null) {
          reasons.add(d.reason());
        }
        PathChecks.Finding snat = PathChecks.snat(e, d);
        if (snat != null) {
          fwOutcome = fwOutcome.worst(snat.outcome());
          reasons.add(snat.reason());
          if (x.on()) {
            x.hop(HopKind.SNAT, fw.id(), snat.detail());
          }
        }
      } else if (e.mode() == EgressMode.APPLIANCE && x.on()) {
        x.hop(HopKind.NOTE, e.firewall(), "the appliance's own filtering is not modelled; assuming it forwards");
      }
    }
    if (x.on()) {
      List<String> src = new ArrayList<>(e.publicIps().toCidrs());
      e.symbolicIps().forEach(id -> src.add(id.value()));
      x.sources(src);
    }
    Admission a = p.admission;
    Outcome out;
    String detail = null;
    if (a.unknown() != null) {
      out = Outcome.UNKNOWN;
      reasons.add(a.unknown());
      detail = a.unknownDetail();
    } else if (a.publicDisabled()) {
      out = Outcome.DENY;
      reasons.add(Reason.PUBLIC_ACCESS_DISABLED);
      detail = a.decidedBy();
    } else if (a.open()) {
      out = Outcome.ALLOW;
      reasons.addAll(a.notes());
      detail = a.decidedBy();
    } else if (e.mode() == EgressMode.ON_PREMISES) {
      out = Outcome.UNKNOWN;
      reasons.add(Reason.ON_PREMISES_EGRESS);
      if (x.on()) {
        detail = a.decidedBy() + ": the on-premises egress address is not in the estate";
      }
    } else if (a.ipRulesIgnoredFromRegion() != null && a.ipRulesIgnoredFromRegion().equals(s.egressRegion())) {
      out = Outcome.DENY;
      reasons.add(Reason.STORAGE_SAME_REGION);
      if (!e.stable()) {
        reasons.add(Reason.EGRESS_UNSTABLE);
      }
      if (x.on()) {
        detail = "compute and storage account are both in " + a.ipRulesIgnoredFromRegion() + ": IP rules have no "
            + "effect on same-region traffic, and no service endpoint carries it";
      }
    } else {
      boolean unstable = !e.stable() || (e.publicIps().isEmpty() && e.symbolicIps().isEmpty());
      Matched m = unstable ? unstable(a, x, reasons) : match(p, e, x, reasons);
      out = m.outcome();
      detail = x.on() ? a.decidedBy() + ": " + m.detail() : null;
      if (out == Outcome.DENY && identityAdmits(a, s.compute(), reasons)) {
        out = Outcome.AMBIGUOUS;
        if (x.on()) {
          detail = detail + IDENTITY_ONLY + subscriptionOf(s.compute());
        }
      }
      addAll(reasons, a.matchNotes());
      String storageRegion = a.ipRulesIgnoredFromRegion();
      if (storageRegion != null && (out == Outcome.ALLOW || out == Outcome.AMBIGUOUS)
          && (storageRegion.equals(Admission.REGION_NOT_KNOWN) || s.egressRegion() == null)) {
        // the IP rules admit it, but they do not apply if both are in one region, which the estate cannot say
        out = Outcome.UNKNOWN;
        reasons.add(Reason.REGION_UNKNOWN);
        if (x.on()) {
          detail = detail + "; but IP rules do not apply to same-region traffic, and the "
              + (storageRegion.equals(Admission.REGION_NOT_KNOWN) ? "storage account's" : "compute's egress")
              + " region is not in the estate (no location)";
        }
      }
    }
    Outcome finalOutcome = fwOutcome.worst(out);
    if (finalOutcome == Outcome.DENY || finalOutcome == Outcome.UNKNOWN) {
      reasons.removeIf(IS_ADMITTING); // a DENY or UNKNOWN lists its blockers only (docs/reasons.md)
    }
    return decision(x, t, finalOutcome, Via.PUBLIC_IP, dedupe(reasons), detail);
  }

  private static final Predicate<Reason> IS_ADMITTING = ADMITTING::contains;

  /** {@code to.addAll(from)} without the copy {@code addAll} makes of an empty list. */
  private static void addAll(List<Reason> to, List<Reason> from) {
    for (int i = 0; i < from.size(); i++) {
      to.add(from.get(i));
    }
  }

  private static List<Reason> dedupe(List<Reason> rs) {
    if (rs.size() <= 1 || distinct(rs)) {
      return rs;
    }
    List<Reason> out = new ArrayList<>(rs.size());
    for (Reason r : rs) {
      if (!out.contains(r)) {
        out.add(r);
      }
    }
    return out;
  }

  private static boolean distinct(List<Reason> rs) {
    for (int i = 1; i < rs.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (rs.get(i) == rs.get(j)) {
          return false;
        }
      }
    }
    return true;
  }

  /** The outcome of the public rules for the egress addresses, and why in words (null when not explaining). */
  private record Matched(Outcome outcome, String detail) {
    private static final Matched[] QUIET = Arrays.stream(Outcome.values()).map(o -> new Matched(o, null))
        .toArray(Matched[]::new);

    /** The answer; one shared instance per outcome when there are no words (the matrix). */
    static Matched of(Outcome o, String detail) {
      return detail == null ? QUIET[o.ordinal()] : new Matched(o, detail);
    }
  }

  private static final Matched UNSTABLE_UNMATCHED_ALLOWED = new Matched(Outcome.AMBIGUOUS,
      "unmatched traffic is allowed, unless a deny rule happens to match the changing address");
  private static final Matched UNSTABLE_DENY = new Matched(Outcome.DENY,
      "the compute's egress address changes and cannot be allowlisted");

  /**
   * Unstable egress (default outbound, node or service-managed public IPs) cannot be allowlisted: at best
   * a broad allow rule (or an allowing default) happens to cover today's address (AMBIGUOUS), unless a
   * broad deny rule comes first.
   */
  private static Matched unstable(Admission a, Explain x, List<Reason> reasons) {
    for (Admission.Rule r : a.ipRules()) {
      if (!r.allow() && r.broad()) {
        break;
      }
      if (r.allow() && r.broad()) {
        reasons.add(Reason.EGRESS_UNSTABLE);
        reasons.add(r.allAzure() ? Reason.ADMITTED_BY_ALL_AZURE_RULE : Reason.ADMITTED_BY_BROAD_RULE);
        return Matched.of(Outcome.AMBIGUOUS,
            x.on() ? "the changing egress address falls in " + r.label() + " today, but nothing guarantees it" : null);
      }
    }
    reasons.add(Reason.EGRESS_UNSTABLE);
    if (a.unmatchedAllowed()) {
      return UNSTABLE_UNMATCHED_ALLOWED;
    }
    return UNSTABLE_DENY;
  }

  /** Every egress address and public IP through the target's first-match table. */
  private static Matched match(Prepared p, Egress e, Explain x, List<Reason> reasons) {
    boolean web = p.admission.firstMatchReasons();
    FirstMatch.Result m = p.table.match(e.publicIps(), e.symbolicIps(), x.on());
    if (m.unresolved != null) {
      reasons.add(Reason.SERVICE_TAG_UNRESOLVED);
      return Matched.of(Outcome.UNKNOWN, m.unresolved + " cannot be resolved without --service-tags");
    }
    if (!m.notAdmitted) {
      if (m.pendingSymbolic) {
        reasons.add(Reason.PUBLIC_IP_ADDRESS_UNKNOWN);
        return Matched.of(Outcome.UNKNOWN, x.on() ? "the address of " + firstPending(e, m).name()
            + " is not known, so whether a rule admits it cannot be decided" : null);
      }
      reasons.add(m.viaAllAzure ? Reason.ADMITTED_BY_ALL_AZURE_RULE : Reason.ADMITTED_BY_IP_RULE);
      return Matched.of(Outcome.ALLOW, x.on() ? "every egress address ("
          + (e.publicIps().isEmpty() ? "" : e.publicIps() + (e.symbolicIps().isEmpty() ? "" : ", "))
          + String.join(", ", e.symbolicIps().stream().map(id -> "address of " + id.name()).toList()) + ") is admitted"
          : null);
    }
    reasons.add(m.admitted ? Reason.SOME_EGRESS_IPS_NOT_ADMITTED : Reason.EGRESS_IP_NOT_ADMITTED);
    if (web) {
      reasons.add(m.denied ? Reason.APP_SERVICE_DENY_RULE : Reason.APP_SERVICE_IMPLICIT_DENY);
    }
    if (!m.admitted && m.pendingSymbolic) {
      reasons.add(Reason.PUBLIC_IP_ADDRESS_UNKNOWN);
    }
    String detail = null;
    if (x.on()) {
      IpSet admitted = m.admittedAddresses();
      IpSet notAdmitted = e.publicIps().minus(admitted);
      detail = m.admitted ? admitted + " admitted, " + notAdmitted + " not: connections fail at random"
          : "no rule admits " + notAdmitted + (m.denied ? " (" + p.table.label(m.denyRule) + " denies it)" : "");
    }
    return Matched.of(m.admitted ? Outcome.AMBIGUOUS : Outcome.DENY, detail);
  }

  /** The first public IP known only by id that the rules did not admit. */
  private static ResourceId firstPending(Egress e, FirstMatch.Result m) {
    for (ResourceId id : e.symbolicIps()) {
      if (!m.symbolicAdmitted.contains(id)) {
        return id;
      }
    }
    return e.symbolicIps().get(0);
  }
}
