package io.allowpath.analysis.access;

import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.Destination;
import io.allowpath.analysis.egress.Egress;
import io.allowpath.analysis.egress.EgressMode;
import io.allowpath.analysis.egress.EgressResolver;
import io.allowpath.analysis.egress.Hop;
import io.allowpath.model.AzureFirewall;
import io.allowpath.model.CosmosAccount;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.IpSet;
import io.allowpath.model.MlOutboundRule;
import io.allowpath.model.MlWorkspace;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Service;
import io.allowpath.model.ServiceTags;
import io.allowpath.model.StorageAccount;
import io.allowpath.model.Subnet;
import io.allowpath.model.Target;
import io.allowpath.model.WebApp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides, for a compute and a target, ALLOW / DENY / AMBIGUOUS / UNKNOWN with every reason and the
 * hops (CONTRACT.md {@code check}). Order of evaluation:
 *
 * <ol>
 *   <li>AML managed network (AZURE-EGRESS.md §2.2, A1): an active PrivateEndpoint outbound rule to the
 *       target (user or Required; Required rules to the workspace's own storage, key vault and registry
 *       exist always in approved-only mode, and in internet mode for those with public access
 *       disabled) → ALLOW via MANAGED_PRIVATE_ENDPOINT. Otherwise approved-only mode needs an FQDN or
 *       ServiceTag rule (FQDN rules cannot reach storage), and the egress has no allowlistable IP.
 *   <li>A private endpoint reachable from the compute's VNet with its private DNS zone linked (§4.0):
 *       ALLOW via PRIVATE_ENDPOINT; the public firewall does not apply.
 *   <li>The compute's egress for the target's destination ({@link EgressResolver}): a service endpoint
 *       makes the target see the subnet, so VNet rules decide and IP rules cannot match (§4.0, N11);
 *       an Azure Firewall on the path decides first ({@link FirewallEvaluator}); then the target's
 *       public rules ({@link TargetRules}) against every egress address: all admitted → ALLOW, some →
 *       AMBIGUOUS (NAT gateways and firewalls pick an address at random, N4, N9), none → DENY. Storage
 *       IP rules have no effect on same-region traffic (T1). Unstable egress is never ALLOW: at best
 *       AMBIGUOUS when a broad rule happens to cover it.
 * </ol>
 *
 * Compiled target rules are cached per target; egress is cached by the resolver.
 */
public final class AccessEvaluator {
  private final EgressResolver resolver;
  private final Estate estate;
  private final List<Diagnostic> diagnostics = Collections.synchronizedList(new ArrayList<>());
  private final TargetRules compiler;
  private final FirewallEvaluator firewalls;
  private final PrivatePaths privatePaths;
  private final Map<ResourceId, Admission> admissions = new ConcurrentHashMap<>();

  public AccessEvaluator(EgressResolver resolver, ServiceTags tags) {
    this.resolver = resolver;
    this.estate = resolver.estate();
    this.compiler = new TargetRules(tags, diagnostics, estate);
    this.firewalls = new FirewallEvaluator(tags);
    this.privatePaths = new PrivatePaths(estate);
  }

  /** True when the target has an approved private endpoint somewhere (see {@link Matrix}). */
  boolean hasPrivateEndpoints(Target t) {
    return privatePaths.hasEndpoints(t.id());
  }

  public EgressResolver resolver() {
    return resolver;
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

  /** The firewall source signature of a compute subnet's prefixes (see {@link Matrix}). */
  String firewallSourceSignature(ResourceId fw, List<String> sourcePrefixes) {
    AzureFirewall f = estate.get(fw, AzureFirewall.class);
    return f == null ? null : firewalls.sourceSignature(f, sourcePrefixes);
  }

  private final Map<ResourceId, Destination> destinations = new ConcurrentHashMap<>();

  private Destination destination(Target t) {
    return destinations.computeIfAbsent(t.id(), k -> destinationOf(t));
  }

  public static Destination destinationOf(Target t) {
    return new Destination(t.service().serviceTag(), t.location(), t.service().endpointService(), t.fqdn());
  }

  Admission admission(Target t) {
    return admissions.computeIfAbsent(t.id(), k -> compiler.compile(t));
  }

  public Verdict evaluate(Compute c, Target t) {
    return evaluate(c, t, true);
  }

  /**
   * The verdict; with {@code explain} false the outcome and reasons are the same but the public path
   * leaves out the source addresses and the target's detail text (the costly strings), for
   * {@link Matrix}.
   */
  Verdict evaluate(Compute c, Target t, boolean explain) {
    List<Hop> hops = new ArrayList<>();
    MlWorkspace ws = c.isDatabricks() ? null : estate.get(c.workspace(), MlWorkspace.class);
    if (ws != null && ws.managedNetwork()) {
      return managed(c, ws, t, hops);
    }
    List<Reason> notes = new ArrayList<>();
    Subnet subnet = estate.get(c.subnet(), Subnet.class);
    if (subnet != null) {
      PrivatePaths.Path p = privatePaths.find(subnet.vnet(), t);
      if (p != null && p.dnsLinked()) {
        hops.add(new Hop("COMPUTE", c.resource(), "compute " + c.label() + " in subnet " + subnet.id().name()));
        hops.add(new Hop("PRIVATE_ENDPOINT", p.endpoint().id(), p.detail()));
        return new Verdict(c, t, Outcome.ALLOW, Via.PRIVATE_ENDPOINT, List.of(subnet.id().value()),
            List.of(Reason.VIA_PRIVATE_ENDPOINT), hops, null);
      }
      if (p != null) {
        // ported-by-lead: the private path says why the name does not resolve to the endpoint (issue 13)
        notes.add(dnsReason(p));
        hops.add(new Hop("PRIVATE_ENDPOINT", p.endpoint().id(), p.detail()));
      }
    }
    Egress e = resolver.resolve(c, destination(t));
    List<Hop> all = new ArrayList<>(e.hops());
    all.addAll(hops);
    Verdict v = switch (e.mode()) {
      case SERVICE_ENDPOINT -> serviceEndpoint(c, t, e, all);
      case NO_EGRESS -> verdict(c, t, Outcome.DENY, Via.NONE, List.of(), List.of(Reason.NO_EGRESS), all, e,
          "no way out: " + e.why());
      case UNKNOWN -> verdict(c, t, Outcome.UNKNOWN, Via.NONE, List.of(), List.of(Reason.EGRESS_UNKNOWN), all, e,
          "egress unknown: " + e.why());
      default -> publicPath(c, t, e, all, explain);
    };
    if (!notes.isEmpty() && v.outcome() != Outcome.ALLOW) {
      List<Reason> rs = new ArrayList<>(v.reasons());
      rs.addAll(notes);
      v = new Verdict(v.compute(), v.target(), dnsOutcome(v.outcome(), notes), v.via(), v.sourceAddresses(), rs, v.hops(),
          v.egress());
    }
    return v;
  }

  // ported-by-lead: private endpoint DNS resolution (issue 13): why a reachable endpoint is not used, and an
  // undecided resolution turns a public-path DENY into UNKNOWN (the private path may well work).
  static Reason dnsReason(PrivatePaths.Path p) {
    return switch (p.resolution()) {
      case RECORD_MISSING -> Reason.PRIVATE_DNS_RECORD_MISSING;
      case RECORDS_UNKNOWN -> Reason.PRIVATE_DNS_RECORDS_UNKNOWN;
      case CUSTOM_DNS -> Reason.PRIVATE_DNS_CUSTOM_SERVERS;
      default -> Reason.PRIVATE_ENDPOINT_DNS_NOT_LINKED;
    };
  }

  static Outcome dnsOutcome(Outcome publicOutcome, List<Reason> notes) {
    boolean undecided = notes.contains(Reason.PRIVATE_DNS_RECORDS_UNKNOWN) || notes.contains(Reason.PRIVATE_DNS_CUSTOM_SERVERS);
    return undecided && publicOutcome == Outcome.DENY ? Outcome.UNKNOWN : publicOutcome;
  }

  private static Verdict verdict(Compute c, Target t, Outcome o, Via via, List<String> src, List<Reason> reasons,
      List<Hop> hops, Egress e, String targetDetail) {
    List<Hop> h = new ArrayList<>(hops);
    h.add(new Hop("TARGET", t.id(), targetDetail));
    return new Verdict(c, t, o, via, src, reasons, h, e);
  }

  // -------------------------------------------------------------- AML managed network

  private Verdict managed(Compute c, MlWorkspace ws, Target t, List<Hop> hops) {
    boolean approvedOnly = "AllowOnlyApprovedOutbound".equalsIgnoreCase(ws.isolationMode());
    hops.add(new Hop("MANAGED_NETWORK", ws.id(), "compute " + c.label() + " runs in the managed VNet of "
        + ws.id().name() + " (" + ws.isolationMode() + ")"));
    for (MlOutboundRule r : ws.outboundRules()) {
      if (r.active() && "PrivateEndpoint".equalsIgnoreCase(r.type()) && t.id().equals(r.serviceResourceId())) {
        hops.add(new Hop("OUTBOUND_RULE", ws.id(), "outbound rule " + r.name() + " (" + (r.category() == null
            ? "UserDefined" : r.category()) + ") is a managed private endpoint to " + t.id().name()
            + (r.subresourceTarget() == null ? "" : " (" + r.subresourceTarget() + ")")));
        return new Verdict(c, t, Outcome.ALLOW, Via.MANAGED_PRIVATE_ENDPOINT, List.of(), List.of(Reason.VIA_MANAGED_PRIVATE_ENDPOINT),
            hops, null);
      }
    }
    Admission a = admission(t);
    boolean own = t.id().equals(ws.storageAccount()) || t.id().equals(ws.keyVault())
        || t.id().equals(ws.containerRegistry()) || t.id().equals(ws.id());
    if (own && (approvedOnly || a.publicDisabled())) {
      hops.add(new Hop("OUTBOUND_RULE", ws.id(), "Azure creates a Required private endpoint rule to the workspace's own "
          + t.id().name() + (approvedOnly ? " in approved-only mode" : " because its public access is disabled")));
      return new Verdict(c, t, Outcome.ALLOW, Via.MANAGED_PRIVATE_ENDPOINT, List.of(), List.of(Reason.VIA_MANAGED_PRIVATE_ENDPOINT),
          hops, null);
    }
    if (approvedOnly) {
      MlOutboundRule allowing = approvingRule(ws, t);
      if (allowing == null) {
        return verdict(c, t, Outcome.DENY, Via.NONE, List.of(), List.of(Reason.MANAGED_NETWORK_NOT_APPROVED), hops, null,
            "no active outbound rule of " + ws.id().name() + " covers " + t.fqdn());
      }
      hops.add(new Hop("OUTBOUND_RULE", ws.id(), "outbound rule " + allowing.name() + " (" + allowing.type()
          + ") lets the traffic out through the managed firewall"));
    }
    if (a.unknown() != null) {
      return verdict(c, t, Outcome.UNKNOWN, Via.PUBLIC_IP, List.of(), List.of(a.unknown()), hops, null, a.unknownDetail());
    }
    if (a.publicDisabled()) {
      return verdict(c, t, Outcome.DENY, Via.PUBLIC_IP, List.of(), List.of(Reason.PUBLIC_ACCESS_DISABLED), hops, null,
          a.decidedBy());
    }
    if (a.open()) {
      return verdict(c, t, Outcome.ALLOW, Via.PUBLIC_IP, List.of(), a.notes(), hops, null, a.decidedBy());
    }
    return verdict(c, t, Outcome.DENY, Via.PUBLIC_IP, List.of(), List.of(Reason.MANAGED_NETWORK_NO_STABLE_IP), hops, null,
        a.decidedBy() + " admits only listed sources; managed-network egress has no IP to list");
  }

  /**
   * The last active FQDN or ServiceTag outbound rule of an approved-only managed network that lets
   * traffic to the target out (FQDN rules cannot reach storage; A1), or null.
   */
  private static MlOutboundRule approvingRule(MlWorkspace ws, Target t) {
    MlOutboundRule allowing = null;
    for (MlOutboundRule r : ws.outboundRules()) {
      if (!r.active()) {
        continue;
      }
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

  private Verdict serviceEndpoint(Compute c, Target t, Egress e, List<Hop> hops) {
    Admission a = admission(t);
    ResourceId sub = e.serviceEndpointSubnet();
    List<String> src = List.of(sub.value());
    if (a.unknown() != null) {
      return verdict(c, t, Outcome.UNKNOWN, Via.SERVICE_ENDPOINT, src, List.of(a.unknown()), hops, e, a.unknownDetail());
    }
    if (a.publicDisabled()) {
      return verdict(c, t, Outcome.DENY, Via.SERVICE_ENDPOINT, src, List.of(Reason.PUBLIC_ACCESS_DISABLED), hops, e,
          a.decidedBy() + ": service endpoint traffic is refused too");
    }
    if (a.open()) {
      return verdict(c, t, Outcome.ALLOW, Via.SERVICE_ENDPOINT, src, a.notes(), hops, e, a.decidedBy());
    }
    if (a.vnetRules().contains(sub) || a.anyVnet()) {
      return verdict(c, t, Outcome.ALLOW, Via.SERVICE_ENDPOINT, src, List.of(Reason.ADMITTED_BY_VNET_RULE), hops, e,
          "VNet rule for subnet " + sub.name() + " admits it");
    }
    if (a.unmatchedAllowed()) {
      return verdict(c, t, Outcome.ALLOW, Via.SERVICE_ENDPOINT, src, List.of(Reason.OPEN_TO_ALL_NETWORKS), hops, e,
          "unmatched traffic is allowed");
    }
    List<Reason> reasons = new ArrayList<>(List.of(Reason.SERVICE_ENDPOINT_NO_VNET_RULE));
    reasons.addAll(a.notes());
    Egress internet = resolver.resolve(c);
    for (Admission.Rule r : a.ipRules()) {
      if (r.allow() && r.addresses() != null && !internet.publicIps().isEmpty() && r.addresses().intersects(internet.publicIps())) {
        reasons.add(Reason.IP_RULE_SHADOWED_BY_SERVICE_ENDPOINT);
        hops.add(new Hop("NOTE", t.id(), r.label() + " covers the compute's public egress but cannot match: the "
            + "service endpoint makes the target see subnet " + sub.name()));
        break;
      }
    }
    return verdict(c, t, Outcome.DENY, Via.SERVICE_ENDPOINT, src, reasons, hops, e,
        a.decidedBy() + ": subnet " + sub.name() + " is not in the VNet rules");
  }

  // -------------------------------------------------------------- public path

  private Verdict publicPath(Compute c, Target t, Egress e, List<Hop> hops, boolean explain) {
    Outcome fwOutcome = Outcome.ALLOW;
    List<Reason> reasons = new ArrayList<>();
    if (e.firewall() != null) {
      AzureFirewall fw = estate.get(e.firewall(), AzureFirewall.class);
      if (fw != null) {
        Subnet s = estate.get(c.subnet(), Subnet.class);
        List<String> src = s == null ? List.of() : s.addressPrefixes();
        boolean policyMissing = fw.firewallPolicy() != null && fw.ruleCollections().stream()
            .noneMatch(rc -> fw.firewallPolicy().equals(rc.source().parent()));
        FirewallEvaluator.Decision d = firewalls.decide(fw, t, src, policyMissing);
        hops.add(new Hop("FIREWALL_RULE", fw.id(), d.detail()));
        fwOutcome = d.outcome();
        if (d.reason() != null) {
          reasons.add(d.reason());
        }
      } else if (e.mode() == EgressMode.APPLIANCE) {
        hops.add(new Hop("NOTE", e.firewall(), "the appliance's own filtering is not modelled; assuming it forwards"));
      }
    }
    List<String> src = new ArrayList<>();
    if (explain) {
      src.addAll(e.publicIps().toCidrs());
      e.symbolicIps().forEach(s -> src.add(s.value()));
    }
    Admission a = admission(t);
    Outcome out;
    String detail;
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
      detail = a.decidedBy() + ": the on-premises egress address is not in the estate";
    } else if (t instanceof StorageAccount st && st.location() != null && st.location().equals(egressRegion(c, e))) {
      out = Outcome.DENY;
      reasons.add(Reason.STORAGE_SAME_REGION);
      if (!e.stable()) {
        reasons.add(Reason.EGRESS_UNSTABLE);
      }
      detail = "compute and storage account are both in " + st.location() + ": IP rules have no effect on same-region "
          + "traffic, and no service endpoint carries it";
    } else {
      Match m = match(a, e, t instanceof WebApp);
      out = m.outcome;
      reasons.addAll(m.reasons);
      detail = explain ? a.decidedBy() + ": " + m.detail.get() : "";
      if (t instanceof CosmosAccount && a.notes().contains(Reason.COSMOS_VNET_FILTER_DISABLED)) {
        reasons.add(Reason.COSMOS_VNET_FILTER_DISABLED);
      }
    }
    Outcome finalOutcome = fwOutcome.worst(out);
    if (finalOutcome == Outcome.DENY || finalOutcome == Outcome.UNKNOWN) {
      reasons.removeIf(ADMITTING::contains); // a DENY or UNKNOWN lists its blockers only (docs/reasons.md)
    }
    return verdict(c, t, finalOutcome, Via.PUBLIC_IP, src, dedupe(reasons), hops, e, detail);
  }

  /** Reasons that say what admitted the traffic; never listed for a DENY or UNKNOWN verdict. */
  private static final java.util.Set<Reason> ADMITTING = java.util.EnumSet.of(Reason.OPEN_TO_ALL_NETWORKS,
      Reason.ADMITTED_BY_IP_RULE, Reason.ADMITTED_BY_VNET_RULE, Reason.ADMITTED_BY_ALL_AZURE_RULE,
      Reason.ADMITTED_BY_BROAD_RULE, Reason.VIA_PRIVATE_ENDPOINT, Reason.VIA_MANAGED_PRIVATE_ENDPOINT,
      Reason.ACR_RULES_NEED_PREMIUM, Reason.MESSAGING_DENY_WITHOUT_RULES_IS_OPEN);

  private static List<Reason> dedupe(List<Reason> rs) {
    if (rs.size() <= 1) {
      return rs;
    }
    List<Reason> out = new ArrayList<>();
    for (Reason r : rs) {
      if (!out.contains(r)) {
        out.add(r);
      }
    }
    return out;
  }

  String egressRegion(Compute c, Egress e) {
    if (e.firewall() != null) {
      AzureFirewall fw = estate.get(e.firewall(), AzureFirewall.class);
      if (fw != null && fw.location() != null) {
        return fw.location();
      }
    }
    String r = c.subnet() == null ? null : estate.subnetLocation(c.subnet());
    return r != null ? r : c.location();
  }

  private record Match(Outcome outcome, List<Reason> reasons, java.util.function.Supplier<String> detail) {}

  /** What a walk over the ordered rules admitted: addresses, public IPs by reference, and how. */
  private static final class Walk {
    IpSet admitted = IpSet.EMPTY;
    final java.util.Set<ResourceId> symbolicAdmitted = new java.util.LinkedHashSet<>();
    boolean viaAllAzure;
    String denyLabel;
    String unresolvedTag;
  }

  /**
   * Walks the ordered rules over the egress addresses and symbolic public IPs; first match wins for
   * each. An "all Azure" rule admits every remaining Azure address (egress from Azure public IPs).
   */
  private static Walk walk(Admission a, IpSet addresses, java.util.Set<ResourceId> symbolic) {
    Walk w = new Walk();
    IpSet remaining = addresses;
    java.util.Set<ResourceId> pending = new java.util.LinkedHashSet<>(symbolic);
    for (Admission.Rule r : a.ipRules()) {
      if (remaining.isEmpty() && pending.isEmpty()) {
        break;
      }
      if (r.allAzure()) {
        if (r.allow()) {
          w.admitted = w.admitted.union(remaining);
          w.symbolicAdmitted.addAll(pending);
          w.viaAllAzure = true;
        } else if (w.denyLabel == null) {
          w.denyLabel = r.label();
        }
        remaining = IpSet.EMPTY;
        pending.clear();
        break;
      }
      if (r.publicIp() != null) {
        if (pending.remove(r.publicIp())) {
          if (r.allow()) {
            w.symbolicAdmitted.add(r.publicIp());
          } else if (w.denyLabel == null) {
            w.denyLabel = r.label();
          }
        }
        if (r.addresses() == null) {
          continue; // the public IP's address is not known: it matches only by reference
        }
      }
      if (r.unresolved()) {
        w.unresolvedTag = r.label();
        return w;
      }
      IpSet hit = remaining.intersect(r.addresses());
      if (!hit.isEmpty()) {
        if (r.allow()) {
          w.admitted = w.admitted.union(hit);
        } else if (w.denyLabel == null) {
          w.denyLabel = r.label();
        }
        remaining = remaining.minus(hit);
      }
    }
    if (a.unmatchedAllowed()) {
      w.admitted = w.admitted.union(remaining);
      w.symbolicAdmitted.addAll(pending);
    }
    return w;
  }

  /**
   * What the target's public rules admit of these addresses and public IPs today, for the planner:
   * null when the target's rules cannot be evaluated (unknown state, unresolved service tag) or its
   * public access is disabled; everything when it is open.
   */
  public Admitted admitted(Target t, IpSet addresses, java.util.Set<ResourceId> publicIps) {
    Admission a = admission(t);
    if (a.unknown() != null || a.publicDisabled()) {
      return null;
    }
    if (a.open()) {
      return new Admitted(addresses, java.util.Set.copyOf(publicIps));
    }
    Walk w = walk(a, addresses, publicIps);
    return w.unresolvedTag != null ? null : new Admitted(w.admitted, java.util.Set.copyOf(w.symbolicAdmitted));
  }

  /** The admitted part of some addresses and public IPs. */
  public record Admitted(IpSet addresses, java.util.Set<ResourceId> publicIps) {}

  /**
   * True when a Deny rule of firewall {@code fw} matches traffic from the compute's subnet to the target:
   * rules the planner adds cannot override it (network rules and higher-priority collections decide first).
   */
  public boolean firewallDenies(ResourceId fw, Compute c, Target t) {
    AzureFirewall f = estate.get(fw, AzureFirewall.class);
    Subnet s = estate.get(c.subnet(), Subnet.class);
    if (f == null) {
      return false;
    }
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
   * One IP rule of a target as the evaluator compiled it, in evaluation order: its label, the addresses
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
  public FirewallTagCheck firewallAllowsTag(ResourceId firewall, List<String> sourcePrefixes, String serviceTag,
      String region, int port) {
    AzureFirewall fw = estate.get(firewall, AzureFirewall.class);
    if (fw == null) {
      return null;
    }
    boolean policyMissing = fw.firewallPolicy() != null && fw.ruleCollections().stream()
        .noneMatch(rc -> fw.firewallPolicy().equals(rc.source().parent()));
    FirewallEvaluator.Decision d = firewalls.decideServiceTag(fw, serviceTag, region, port, sourcePrefixes, policyMissing);
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

  // -------------------------------------------------------------- summary fast path (Matrix)

  /** An outcome and its reasons, as {@link #evaluate} gives them, without hops or texts. */
  record Quick(Outcome outcome, List<Reason> reasons) {}

  private static final Quick Q_NO_EGRESS = new Quick(Outcome.DENY, List.of(Reason.NO_EGRESS));
  private static final Quick Q_EGRESS_UNKNOWN = new Quick(Outcome.UNKNOWN, List.of(Reason.EGRESS_UNKNOWN));

  /**
   * A target made ready for {@link #quick}: its admission, its IPv4 first-match table (null when its
   * rules are not all plain addresses before the first catch-all), and the firewall decisions met so far
   * (per firewall and source prefixes; one target is handled by one thread at a time).
   */
  static final class Prepared {
    final Target target;
    final Admission admission;
    final FirstMatch table;
    final boolean privateEndpoints;
    final Map<FwKey, FirewallEvaluator.Decision> firewallDecisions = new java.util.HashMap<>();
    /** The private path from each compute VNet met so far ({@link #NO_PATH}: none). */
    final Map<ResourceId, PrivatePaths.Path> privatePaths = new java.util.HashMap<>();

    Prepared(Target target, Admission admission, FirstMatch table, boolean privateEndpoints) {
      this.target = target;
      this.admission = admission;
      this.table = table;
      this.privateEndpoints = privateEndpoints;
    }
  }

  /** A firewall and the compute subnet whose prefixes are the sources (ids: cheap to hash). */
  private record FwKey(ResourceId firewall, ResourceId subnet) {}

  /**
   * The IPv4 address space cut into segments, each with the index of the first rule that matches its
   * addresses ({@code -1}: none): a walk over the ordered rules for one address is a binary search.
   * Rules from the first "all Azure" or unresolved one on match every address that reaches them.
   */
  static final class FirstMatch {
    final long[] starts;
    final int[] rule;
    /** The first catch-all rule ("all Azure" or unresolved), or -1. */
    final int catchAll;
    /** The first rule (before the catch-all) naming each public IP by reference. */
    final Map<ResourceId, Integer> byReference;

    private FirstMatch(long[] starts, int[] rule, int catchAll, Map<ResourceId, Integer> byReference) {
      this.starts = starts;
      this.rule = rule;
      this.catchAll = catchAll;
      this.byReference = byReference;
    }

    /** The first rule a public IP known only by id meets: by reference, else the catch-all (-1: none). */
    int symbolic(ResourceId publicIp) {
      Integer i = byReference.get(publicIp);
      return i != null ? i : catchAll;
    }

    static FirstMatch compile(Admission a) {
      List<Admission.Rule> rules = a.ipRules();
      int limit = rules.size();
      int catchAll = -1;
      for (int i = 0; i < rules.size(); i++) {
        Admission.Rule r = rules.get(i);
        if (r.allAzure() || r.unresolved()) {
          catchAll = i;
          limit = i;
          break;
        }
      }
      Map<ResourceId, Integer> byReference = new java.util.HashMap<>();
      for (int i = 0; i < limit; i++) {
        if (rules.get(i).publicIp() != null) {
          byReference.putIfAbsent(rules.get(i).publicIp(), i);
        }
      }
      java.util.TreeSet<Long> bounds = new java.util.TreeSet<>();
      bounds.add(0L);
      for (int i = 0; i < limit; i++) {
        IpSet s = rules.get(i).addresses();
        if (s == null) {
          continue; // a public IP reference whose address is not known: matches by reference only
        }
        for (int k = 0; k < s.v4IntervalCount(); k++) {
          bounds.add(s.v4Start(k));
          if (s.v4End(k) < 0xFFFFFFFFL) {
            bounds.add(s.v4End(k) + 1);
          }
        }
      }
      long[] b = new long[bounds.size()];
      int n = 0;
      for (long x : bounds) {
        b[n++] = x;
      }
      int[] idx = new int[n];
      java.util.Arrays.fill(idx, -1);
      for (int i = 0; i < limit; i++) {
        IpSet s = rules.get(i).addresses();
        if (s == null) {
          continue;
        }
        for (int k = 0; k < s.v4IntervalCount(); k++) {
          int j = java.util.Arrays.binarySearch(b, s.v4Start(k));
          for (; j < n && b[j] <= s.v4End(k); j++) {
            if (idx[j] < 0) {
              idx[j] = i;
            }
          }
        }
      }
      if (catchAll >= 0) {
        for (int j = 0; j < n; j++) {
          if (idx[j] < 0) {
            idx[j] = catchAll;
          }
        }
      }
      int m = 0;
      for (int j = 0; j < n; j++) {
        if (m == 0 || idx[j] != idx[m - 1]) {
          b[m] = b[j];
          idx[m] = idx[j];
          m++;
        }
      }
      return new FirstMatch(java.util.Arrays.copyOf(b, m), java.util.Arrays.copyOf(idx, m), catchAll, byReference);
    }

    /** The segment holding address {@code x}. */
    int segment(long x) {
      int lo = 0;
      int hi = starts.length - 1;
      while (lo < hi) {
        int mid = (lo + hi + 1) >>> 1;
        if (starts[mid] <= x) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      return lo;
    }
  }

  Prepared prepare(Target t) {
    Admission a = admission(t);
    boolean restricted = a.unknown() == null && !a.publicDisabled() && !a.open();
    return new Prepared(t, a, restricted ? FirstMatch.compile(a) : null, hasPrivateEndpoints(t));
  }

  /**
   * The outcome and reasons of {@code evaluate(c, t, false)} for a compute outside a managed network
   * whose egress to the target's destination is {@code e}, without building hops, texts or a
   * {@link Verdict}; null when the case is left to {@link #evaluate} (a private endpoint reachable
   * from the compute's VNet, a service endpoint). MatrixTest checks it against {@link #evaluate} pair
   * by pair.
   */
  Quick quick(Prepared p, Compute c, Egress e, Subnet subnet) {
    return quick(p, c, e, subnet, null);
  }

  /** {@link #quick} with the compute's egress region for {@code e} ({@link #egressRegion}) when known. */
  Quick quick(Prepared p, Compute c, Egress e, Subnet subnet, String egressRegion) {
    Target t = p.target;
    Reason dnsNote = null;
    if (p.privateEndpoints && subnet != null) {
      ResourceId vnet = subnet.vnet();
      PrivatePaths.Path path = p.privatePaths.computeIfAbsent(vnet, v -> {
        PrivatePaths.Path x = privatePaths.find(v, t);
        return x == null ? NO_PATH : x;
      });
      if (path != NO_PATH) {
        if (path.dnsLinked()) {
          return Q_PRIVATE_ENDPOINT;
        }
        dnsNote = dnsReason(path);
      }
    }
    Quick q = quickEgress(p, c, e, subnet, egressRegion);
    if (dnsNote != null && q.outcome() != Outcome.ALLOW) {
      List<Reason> rs = new ArrayList<>(q.reasons());
      rs.add(dnsNote);
      q = new Quick(dnsOutcome(q.outcome(), List.of(dnsNote)), rs);
    }
    return q;
  }

  private static final PrivatePaths.Path NO_PATH = new PrivatePaths.Path(null, null, false, "");
  private static final Quick Q_PRIVATE_ENDPOINT = new Quick(Outcome.ALLOW, List.of(Reason.VIA_PRIVATE_ENDPOINT));
  private static final Quick Q_MANAGED_PE = new Quick(Outcome.ALLOW, List.of(Reason.VIA_MANAGED_PRIVATE_ENDPOINT));
  private static final Quick Q_NOT_APPROVED = new Quick(Outcome.DENY, List.of(Reason.MANAGED_NETWORK_NOT_APPROVED));
  private static final Quick Q_NO_STABLE_IP = new Quick(Outcome.DENY, List.of(Reason.MANAGED_NETWORK_NO_STABLE_IP));
  private static final Quick Q_DISABLED = new Quick(Outcome.DENY, List.of(Reason.PUBLIC_ACCESS_DISABLED));

  /** {@link #managed} without hops or texts. */
  Quick quickManaged(Prepared p, MlWorkspace ws) {
    Target t = p.target;
    boolean approvedOnly = "AllowOnlyApprovedOutbound".equalsIgnoreCase(ws.isolationMode());
    for (MlOutboundRule r : ws.outboundRules()) {
      if (r.active() && "PrivateEndpoint".equalsIgnoreCase(r.type()) && t.id().equals(r.serviceResourceId())) {
        return Q_MANAGED_PE;
      }
    }
    Admission a = p.admission;
    boolean own = t.id().equals(ws.storageAccount()) || t.id().equals(ws.keyVault())
        || t.id().equals(ws.containerRegistry()) || t.id().equals(ws.id());
    if (own && (approvedOnly || a.publicDisabled())) {
      return Q_MANAGED_PE;
    }
    if (approvedOnly) {
      if (approvingRule(ws, t) == null) {
        return Q_NOT_APPROVED;
      }
    }
    if (a.unknown() != null) {
      return new Quick(Outcome.UNKNOWN, List.of(a.unknown()));
    }
    if (a.publicDisabled()) {
      return Q_DISABLED;
    }
    if (a.open()) {
      return new Quick(Outcome.ALLOW, a.notes());
    }
    return Q_NO_STABLE_IP;
  }

  /** {@link #serviceEndpoint} without hops or texts. */
  private Quick quickServiceEndpoint(Prepared p, Compute c, Egress e) {
    Admission a = p.admission;
    ResourceId sub = e.serviceEndpointSubnet();
    if (a.unknown() != null) {
      return new Quick(Outcome.UNKNOWN, List.of(a.unknown()));
    }
    if (a.publicDisabled()) {
      return Q_DISABLED;
    }
    if (a.open()) {
      return new Quick(Outcome.ALLOW, a.notes());
    }
    if (a.vnetRules().contains(sub) || a.anyVnet()) {
      return new Quick(Outcome.ALLOW, List.of(Reason.ADMITTED_BY_VNET_RULE));
    }
    if (a.unmatchedAllowed()) {
      return new Quick(Outcome.ALLOW, List.of(Reason.OPEN_TO_ALL_NETWORKS));
    }
    List<Reason> reasons = new ArrayList<>(List.of(Reason.SERVICE_ENDPOINT_NO_VNET_RULE));
    reasons.addAll(a.notes());
    IpSet internet = resolver.resolve(c).publicIps();
    for (Admission.Rule r : a.ipRules()) {
      if (r.allow() && r.addresses() != null && !internet.isEmpty() && r.addresses().intersects(internet)) {
        reasons.add(Reason.IP_RULE_SHADOWED_BY_SERVICE_ENDPOINT);
        break;
      }
    }
    return new Quick(Outcome.DENY, reasons);
  }

  /** {@link #evaluate} from the egress on (no private path). */
  private Quick quickEgress(Prepared p, Compute c, Egress e, Subnet subnet, String region) {
    Target t = p.target;
    switch (e.mode()) {
      case SERVICE_ENDPOINT:
        return quickServiceEndpoint(p, c, e);
      case NO_EGRESS:
        return Q_NO_EGRESS;
      case UNKNOWN:
        return Q_EGRESS_UNKNOWN;
      default:
        break;
    }
    Outcome fwOutcome = Outcome.ALLOW;
    List<Reason> reasons = new ArrayList<>(4);
    if (e.firewall() != null) {
      AzureFirewall fw = estate.get(e.firewall(), AzureFirewall.class);
      if (fw != null) {
        List<String> src = subnet == null ? List.of() : subnet.addressPrefixes();
        FirewallEvaluator.Decision d = p.firewallDecisions.computeIfAbsent(new FwKey(fw.id(),
            subnet == null ? null : subnet.id()), k -> {
          boolean policyMissing = fw.firewallPolicy() != null && fw.ruleCollections().stream()
              .noneMatch(rc -> fw.firewallPolicy().equals(rc.source().parent()));
          return firewalls.decide(fw, t, src, policyMissing);
        });
        fwOutcome = d.outcome();
        if (d.reason() != null) {
          reasons.add(d.reason());
        }
      }
    }
    Admission a = p.admission;
    Outcome out;
    if (a.unknown() != null) {
      out = Outcome.UNKNOWN;
      reasons.add(a.unknown());
    } else if (a.publicDisabled()) {
      out = Outcome.DENY;
      reasons.add(Reason.PUBLIC_ACCESS_DISABLED);
    } else if (a.open()) {
      out = Outcome.ALLOW;
      reasons.addAll(a.notes());
    } else if (e.mode() == EgressMode.ON_PREMISES) {
      out = Outcome.UNKNOWN;
      reasons.add(Reason.ON_PREMISES_EGRESS);
    } else if (t instanceof StorageAccount st && st.location() != null
        && st.location().equals(region != null ? region : egressRegion(c, e))) {
      out = Outcome.DENY;
      reasons.add(Reason.STORAGE_SAME_REGION);
      if (!e.stable()) {
        reasons.add(Reason.EGRESS_UNSTABLE);
      }
    } else {
      out = quickMatch(p, e, t instanceof WebApp, reasons);
      if (t instanceof CosmosAccount && a.notes().contains(Reason.COSMOS_VNET_FILTER_DISABLED)) {
        reasons.add(Reason.COSMOS_VNET_FILTER_DISABLED);
      }
    }
    Outcome finalOutcome = fwOutcome.worst(out);
    if (finalOutcome == Outcome.DENY || finalOutcome == Outcome.UNKNOWN) {
      for (int i = reasons.size() - 1; i >= 0; i--) {
        if (ADMITTING.contains(reasons.get(i))) {
          reasons.remove(i);
        }
      }
    }
    return new Quick(finalOutcome, dedupe(reasons));
  }

  /** {@link #match} by the target's first-match table; adds the reasons and returns the outcome. */
  private Outcome quickMatch(Prepared p, Egress e, boolean web, List<Reason> reasons) {
    Admission a = p.admission;
    IpSet ips = e.publicIps();
    boolean unstable = !e.stable() || (ips.isEmpty() && e.symbolicIps().isEmpty());
    if (unstable || p.table == null || ips.hasV6()) {
      Match m = match(a, e, web);
      reasons.addAll(m.reasons);
      return m.outcome;
    }
    FirstMatch tbl = p.table;
    List<Admission.Rule> rules = a.ipRules();
    boolean admitted = false;
    boolean notAdmitted = false;
    boolean denied = false;
    boolean viaAllAzure = false;
    int segments = tbl.starts.length;
    for (int k = 0; k < ips.v4IntervalCount(); k++) {
      long hi = ips.v4End(k);
      for (int j = tbl.segment(ips.v4Start(k)); j < segments && tbl.starts[j] <= hi; j++) {
        int ri = tbl.rule[j];
        if (ri < 0) {
          if (a.unmatchedAllowed()) {
            admitted = true;
          } else {
            notAdmitted = true;
          }
          continue;
        }
        Admission.Rule r = rules.get(ri);
        if (r.allAzure()) {
          if (r.allow()) {
            admitted = true;
            viaAllAzure = true;
          } else {
            notAdmitted = true;
            denied = true;
          }
        } else if (r.unresolved()) {
          reasons.add(Reason.SERVICE_TAG_UNRESOLVED);
          return Outcome.UNKNOWN;
        } else if (r.allow()) {
          admitted = true;
        } else {
          notAdmitted = true;
          denied = true;
        }
      }
    }
    // public IPs known by id only: matched by a rule that refers to them, else by the catch-all
    boolean pendingSymbolic = false;
    for (ResourceId id : e.symbolicIps()) {
      int ri = tbl.symbolic(id);
      if (ri < 0) {
        pendingSymbolic |= !a.unmatchedAllowed();
        continue;
      }
      Admission.Rule r = rules.get(ri);
      if (r.allAzure()) {
        if (r.allow()) {
          viaAllAzure = true;
        } else {
          pendingSymbolic = true;
          denied = true;
        }
      } else if (r.unresolved()) {
        reasons.add(Reason.SERVICE_TAG_UNRESOLVED);
        return Outcome.UNKNOWN;
      } else if (!r.allow()) {
        pendingSymbolic = true;
        denied = true;
      }
    }
    if (!notAdmitted) {
      if (pendingSymbolic) {
        reasons.add(Reason.PUBLIC_IP_ADDRESS_UNKNOWN);
        return Outcome.UNKNOWN;
      }
      reasons.add(viaAllAzure ? Reason.ADMITTED_BY_ALL_AZURE_RULE : Reason.ADMITTED_BY_IP_RULE);
      return Outcome.ALLOW;
    }
    reasons.add(admitted ? Reason.SOME_EGRESS_IPS_NOT_ADMITTED : Reason.EGRESS_IP_NOT_ADMITTED);
    if (web) {
      reasons.add(denied ? Reason.APP_SERVICE_DENY_RULE : Reason.APP_SERVICE_IMPLICIT_DENY);
    }
    if (!admitted && pendingSymbolic) {
      reasons.add(Reason.PUBLIC_IP_ADDRESS_UNKNOWN);
    }
    return admitted ? Outcome.AMBIGUOUS : Outcome.DENY;
  }

  /** Walks the ordered rules over the egress addresses: first match wins for each address. */
  private Match match(Admission a, Egress e, boolean web) {
    boolean unstable = !e.stable() || (e.publicIps().isEmpty() && e.symbolicIps().isEmpty());
    if (unstable) {
      for (Admission.Rule r : a.ipRules()) {
        if (!r.allow() && r.broad()) {
          break;
        }
        if (r.allow() && r.broad()) {
          return new Match(Outcome.AMBIGUOUS, List.of(Reason.EGRESS_UNSTABLE,
              r.allAzure() ? Reason.ADMITTED_BY_ALL_AZURE_RULE : Reason.ADMITTED_BY_BROAD_RULE),
              () -> "the changing egress address falls in " + r.label() + " today, but nothing guarantees it");
        }
      }
      if (a.unmatchedAllowed()) {
        return new Match(Outcome.AMBIGUOUS, List.of(Reason.EGRESS_UNSTABLE),
            () -> "unmatched traffic is allowed, unless a deny rule happens to match the changing address");
      }
      return new Match(Outcome.DENY, List.of(Reason.EGRESS_UNSTABLE),
          () -> "the compute's egress address changes and cannot be allowlisted");
    }
    Walk w = walk(a, e.publicIps(), new java.util.LinkedHashSet<>(e.symbolicIps()));
    if (w.unresolvedTag != null) {
      return new Match(Outcome.UNKNOWN, List.of(Reason.SERVICE_TAG_UNRESOLVED),
          () -> w.unresolvedTag + " cannot be resolved without --service-tags");
    }
    IpSet admitted = w.admitted;
    boolean viaAllAzure = w.viaAllAzure;
    String denyLabel = w.denyLabel;
    boolean symbolicAdmitted = w.symbolicAdmitted.containsAll(e.symbolicIps());
    List<Reason> reasons = new ArrayList<>();
    boolean pendingSymbolic = !e.symbolicIps().isEmpty() && !symbolicAdmitted;
    IpSet notAdmitted = e.publicIps().minus(admitted);
    if (e.publicIps().isEmpty() || notAdmitted.isEmpty()) {
      if (pendingSymbolic) {
        reasons.add(Reason.PUBLIC_IP_ADDRESS_UNKNOWN);
        return new Match(Outcome.UNKNOWN, reasons, () -> "the address of " + e.symbolicIps().get(0).name()
            + " is not known, so whether a rule admits it cannot be decided");
      }
      reasons.add(viaAllAzure ? Reason.ADMITTED_BY_ALL_AZURE_RULE : Reason.ADMITTED_BY_IP_RULE);
      return new Match(Outcome.ALLOW, reasons, () -> "every egress address ("
          + (e.publicIps().isEmpty() ? "" : e.publicIps() + (e.symbolicIps().isEmpty() ? "" : ", "))
          + String.join(", ", e.symbolicIps().stream().map(id -> "address of " + id.name()).toList()) + ") is admitted");
    }
    if (web) {
      reasons.add(denyLabel != null ? Reason.APP_SERVICE_DENY_RULE : Reason.APP_SERVICE_IMPLICIT_DENY);
    }
    if (admitted.isEmpty()) {
      reasons.add(0, Reason.EGRESS_IP_NOT_ADMITTED);
      if (pendingSymbolic) {
        reasons.add(Reason.PUBLIC_IP_ADDRESS_UNKNOWN);
      }
      return new Match(Outcome.DENY, reasons, () -> "no rule admits " + notAdmitted
          + (denyLabel != null ? " (" + denyLabel + " denies it)" : ""));
    }
    reasons.add(0, Reason.SOME_EGRESS_IPS_NOT_ADMITTED);
    return new Match(Outcome.AMBIGUOUS, reasons, () -> admitted + " admitted, " + notAdmitted + " not: connections fail at "
        + "random");
  }
}
