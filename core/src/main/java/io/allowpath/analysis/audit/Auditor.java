package io.allowpath.analysis.audit;

import io.allowpath.analysis.access.AccessEvaluator;
import io.allowpath.analysis.access.NsgCheck;
import io.allowpath.analysis.access.Outcome;
import io.allowpath.analysis.access.Reason;
import io.allowpath.analysis.access.Verdict;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.Egress;
import io.allowpath.analysis.egress.EgressMode;
import io.allowpath.analysis.egress.EgressResolver;
import io.allowpath.model.Estate;
import io.allowpath.model.IpSet;
import io.allowpath.model.IpValue;
import io.allowpath.model.LbOutboundRule;
import io.allowpath.model.LoadBalancer;
import io.allowpath.model.NetworkInterface;
import io.allowpath.model.NicIpConfig;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Service;
import io.allowpath.model.Subnet;
import io.allowpath.model.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs the {@link AuditRule} catalogue over an estate. Every rule works from what the analysis already
 * decided — the egress of each compute ({@link EgressResolver}), the verdict of each pair and the
 * compiled target rules ({@link AccessEvaluator}) — and never re-reads firewall semantics itself.
 * One finding per resource and rule: the computes or pairs a finding concerns are listed in its message.
 */
public final class Auditor {

  private final AccessEvaluator ev;
  private final EgressResolver resolver;
  private final Estate estate;

  public Auditor(AccessEvaluator evaluator) {
    this.ev = evaluator;
    this.resolver = evaluator.resolver();
    this.estate = resolver.estate();
  }

  /**
   * The verdicts of every (compute, target) pair, as {@code allowpath check} evaluates them: a Databricks
   * cluster and its own workspace talk over the control plane, so that pair is left out.
   */
  public static List<Verdict> verdicts(AccessEvaluator ev, List<Compute> computes, List<Target> targets) {
    return ev.verdicts(computes, targets);
  }

  /** The reasons the verdict rules (AP003–AP005) read: a pair without one of them cannot produce a finding. */
  public static final Set<Reason> VERDICT_RULE_REASONS = EnumSet.of(Reason.SOME_EGRESS_IPS_NOT_ADMITTED,
      Reason.STORAGE_SAME_REGION, Reason.IP_RULE_SHADOWED_BY_SERVICE_ENDPOINT);

  /**
   * One answer of the grouped matrix ({@code Matrix.visitIndexed}): the pairs of each of {@code computes}
   * (indexes into the audited compute list, ascending) with {@code target}, which share the decision's inputs
   * (egress addresses, managed network, private endpoint) and so its outcome and reasons.
   */
  public record SharedAnswer(int target, int[] computes, List<Reason> reasons) {}

  public List<Finding> audit(List<Compute> computes, List<Target> targets) {
    return audit(computes, targets, verdicts(ev, computes, targets));
  }

  /** The findings, sorted by rule id then resource id. {@code verdicts} are those of the given pairs. */
  public List<Finding> audit(List<Compute> computes, List<Target> targets, List<Verdict> verdicts) {
    return run(computes, targets, acc -> verdictRules(verdicts, acc));
  }

  /** Every rule family in the one order both audits share; {@code pairRules} adds the per-pair rules. */
  private List<Finding> run(List<Compute> computes, List<Target> targets, Consumer<Acc> pairRules) {
    Acc acc = new Acc();
    computeRules(computes, acc);
    pairRules.accept(acc);
    for (Target t : targets) {
      targetRules(t, acc);
      staleRules(t, computes, acc);
    }
    firewallRules(computes, acc);
    nsgRules(computes, acc);
    snatRules(acc);
    return acc.findings();
  }

  /**
   * As {@link #audit(List, List, List)}, with the verdict rules read from grouped answers instead of one
   * verdict per pair: AP004 (millions of pairs at size) from one egress and rule match per answer, its detail
   * repeated for each compute of the answer; AP003 and AP005 (rare) from an explained verdict of each of their
   * pairs, whose last hop and subnet differ within an answer. Details come in compute order, as the per-pair
   * audit gives them (PairGroupsTest compares the two). {@code answers} need only hold those with a
   * {@link #VERDICT_RULE_REASONS} reason.
   */
  public List<Finding> auditShared(List<Compute> computes, List<Target> targets, List<SharedAnswer> answers) {
    return run(computes, targets, acc -> sharedRules(computes, targets, answers, acc));
  }

  private void sharedRules(List<Compute> computes, List<Target> targets, List<SharedAnswer> answers, Acc acc) {
    AuditRule[] rules = {AuditRule.SOME_EGRESS_IPS_NOT_ADMITTED, AuditRule.STORAGE_IP_RULE_SAME_REGION,
        AuditRule.IP_RULE_SHADOWED_BY_SERVICE_ENDPOINT};
    // per rule and target: the (compute, detail) of each pair with a finding; details are added in compute order
    List<Map<Integer, List<Map.Entry<Integer, String>>>> byRule = List.of(new HashMap<>(), new HashMap<>(), new HashMap<>());
    Map<List<Object>, List<String>> admitting = new HashMap<>();
    for (SharedAnswer a : answers) {
      Target t = targets.get(a.target());
      boolean some = a.reasons().contains(Reason.SOME_EGRESS_IPS_NOT_ADMITTED);
      boolean shadowed = a.reasons().contains(Reason.IP_RULE_SHADOWED_BY_SERVICE_ENDPOINT);
      if (some || shadowed) {
        // rare (AP003, AP005): one explained verdict per pair, since the last hop (an NSG's, a rule table's) and
        // the subnet differ between computes of one answer
        for (int c : a.computes()) {
          Verdict v = ev.evaluate(computes.get(c), t);
          if (some) {
            String detail = v.hops().isEmpty() ? "" : v.hops().get(v.hops().size() - 1).detail();
            add(byRule.get(0), a.target(), c, name(computes.get(c)) + " (" + detail + ")");
          }
          if (shadowed) {
            ResourceId sub = v.egress() == null ? null : v.egress().serviceEndpointSubnet();
            add(byRule.get(2), a.target(), c, name(computes.get(c)) + (sub == null ? "" : " (subnet " + sub.name() + ")"));
          }
        }
      }
      if (a.reasons().contains(Reason.STORAGE_SAME_REGION)) {
        // AP004 (millions of pairs at size) reads only the egress addresses, which the answer's computes share: the
        // verdict's egress is the situation's, unless a managed network or a private endpoint carries the pair
        Compute rep = computes.get(a.computes()[0]);
        AccessEvaluator.Situation sit = a.reasons().contains(Reason.VIA_PRIVATE_ENDPOINT) ? null
            : ev.situation(rep, AccessEvaluator.destinationOf(t));
        Egress e = sit == null || sit.managed() != null ? null : sit.egress();
        if (e != null && !e.publicIps().isEmpty()) {
          List<String> r = admitting.computeIfAbsent(List.of(a.target(), e.publicIps()), k -> admittingRules(t, e.publicIps()));
          if (!r.isEmpty()) {
            String suffix = " leaves with " + e.publicIps() + ", admitted by " + String.join(", ", r);
            for (int c : a.computes()) {
              add(byRule.get(1), a.target(), c, name(computes.get(c)) + suffix);
            }
          }
        }
      }
    }
    for (int r = 0; r < 3; r++) {
      for (Map.Entry<Integer, List<Map.Entry<Integer, String>>> e : byRule.get(r).entrySet()) {
        Target t = targets.get(e.getKey());
        List<Map.Entry<Integer, String>> pairs = e.getValue();
        pairs.sort(Map.Entry.comparingByKey());
        for (Map.Entry<Integer, String> p : pairs) {
          acc.add(rules[r], t.id(), header(rules[r], t), p.getValue());
        }
      }
    }
  }

  private static void add(Map<Integer, List<Map.Entry<Integer, String>>> byTarget, int target, int compute, String detail) {
    byTarget.computeIfAbsent(target, k -> new ArrayList<>()).add(Map.entry(compute, detail));
  }

  /** The header of a verdict rule's finding on {@code t} (as {@link #verdictRules} writes it). */
  private static String header(AuditRule rule, Target t) {
    return switch (rule) {
      case SOME_EGRESS_IPS_NOT_ADMITTED -> describe(t.id()) + " admits only some egress addresses, so connections fail at random";
      case STORAGE_IP_RULE_SAME_REGION -> describe(t.id()) + " has IP rules for computes in its own region (" + t.location()
          + "), where IP rules never match";
      default -> describe(t.id()) + " has IP rules for computes whose subnet has a " + t.service().endpointService()
          + " service endpoint, so they cannot match";
    };
  }

  /** A compute for messages: {@code <workspace>/<compute>}. */
  static String name(Compute c) {
    return c.workspace().name() + "/" + c.label();
  }

  // ------------------------------------------------------------------ AP001, AP002

  private void computeRules(List<Compute> computes, Acc acc) {
    for (Compute c : computes) {
      Egress e = resolver.resolve(c);
      if (e.mode() == EgressMode.NO_EGRESS) {
        acc.add(AuditRule.NO_EGRESS, c.resource(), describe(c.resource()) + " has no way out to the internet",
            c.label() + ": " + e.why());
      } else if (e.mode() == EgressMode.DEFAULT_OUTBOUND || (e.mode() == EgressMode.INSTANCE_PUBLIC_IP && !e.stable())) {
        acc.add(AuditRule.EGRESS_UNSTABLE, c.resource(), describe(c.resource()) + " leaves with addresses that "
            + "change and cannot be allowlisted", c.label() + " (" + e.mode() + "): " + e.why()
            + (e.mode() == EgressMode.DEFAULT_OUTBOUND ? " (new virtual networks get private subnets after 31 March "
            + "2026, where this compute has no egress)" : ""));
      }
    }
  }

  // ------------------------------------------------------------------ AP003, AP004, AP005

  private void verdictRules(List<Verdict> verdicts, Acc acc) {
    for (Verdict v : verdicts) {
      Target t = v.target();
      Compute c = v.compute();
      if (v.reasons().contains(Reason.SOME_EGRESS_IPS_NOT_ADMITTED)) {
        String detail = v.hops().isEmpty() ? "" : v.hops().get(v.hops().size() - 1).detail();
        acc.add(AuditRule.SOME_EGRESS_IPS_NOT_ADMITTED, t.id(), describe(t.id()) + " admits only some egress "
            + "addresses, so connections fail at random", name(c) + " (" + detail + ")");
      }
      if (v.reasons().contains(Reason.STORAGE_SAME_REGION) && v.egress() != null && !v.egress().publicIps().isEmpty()) {
        List<String> rules = admittingRules(t, v.egress().publicIps());
        if (!rules.isEmpty()) {
          acc.add(AuditRule.STORAGE_IP_RULE_SAME_REGION, t.id(), describe(t.id()) + " has IP rules for computes in "
              + "its own region (" + t.location() + "), where IP rules never match",
              name(c) + " leaves with " + v.egress().publicIps() + ", admitted by " + String.join(", ", rules));
        }
      }
      if (v.reasons().contains(Reason.IP_RULE_SHADOWED_BY_SERVICE_ENDPOINT)) {
        ResourceId sub = v.egress() == null ? null : v.egress().serviceEndpointSubnet();
        acc.add(AuditRule.IP_RULE_SHADOWED_BY_SERVICE_ENDPOINT, t.id(), describe(t.id()) + " has IP rules for "
            + "computes whose subnet has a " + t.service().endpointService() + " service endpoint, so they cannot "
            + "match", name(c) + (sub == null ? "" : " (subnet " + sub.name() + ")"));
      }
    }
  }

  private List<String> admittingRules(Target t, IpSet addresses) {
    List<String> out = new ArrayList<>();
    for (AccessEvaluator.IpRule r : ev.ipRules(t)) {
      if (r.allow() && r.addresses() != null && r.addresses().intersects(addresses)) {
        out.add(r.label());
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ AP006 - AP010, AP013

  private void targetRules(Target t, Acc acc) {
    if (ev.unknownReason(t) != null) {
      return;
    }
    List<Reason> notes = ev.notes(t);
    boolean workspace = t.service() == Service.ML_WORKSPACE || t.service() == Service.DATABRICKS;
    if (ev.open(t) && !ev.publicDisabled(t)) {
      if (workspace) {
        acc.add(AuditRule.WORKSPACE_PUBLIC_ALL_NETWORKS, t.id(), describe(t.id()) + " accepts connections from "
            + "all networks", ev.decidedBy(t));
      } else if (notes.contains(Reason.MESSAGING_DENY_WITHOUT_RULES_IS_OPEN)) {
        acc.add(AuditRule.MESSAGING_DENY_WITHOUT_RULES, t.id(), describe(t.id()) + " has defaultAction Deny but no "
            + "IP or VNet rule, so it is still open to the internet", ev.decidedBy(t));
      } else if (notes.contains(Reason.ACR_RULES_NEED_PREMIUM)) {
        acc.add(AuditRule.ACR_RULES_NEED_PREMIUM, t.id(), describe(t.id()) + " has network rules that have no "
            + "effect below Premium, so it is open to every network", ev.decidedBy(t));
      } else {
        acc.add(AuditRule.TARGET_OPEN_TO_ALL_NETWORKS, t.id(), describe(t.id()) + " admits every network",
            ev.decidedBy(t));
      }
    }
    for (AccessEvaluator.IpRule r : ev.ipRules(t)) {
      if (!r.allow()) {
        continue;
      }
      boolean azureCloudTag = r.label().toLowerCase(Locale.ROOT).contains("service tag azurecloud");
      if (r.allAzure() || azureCloudTag) {
        acc.add(AuditRule.OVERLY_BROAD_RULE, t.id(), describe(t.id()) + " has rules that admit far more than "
            + "its clients", r.label() + " admits every Azure customer's traffic");
      } else if (r.addresses() != null && r.addresses().containsAll(IpSet.ALL_V4)) {
        acc.add(AuditRule.OVERLY_BROAD_RULE, t.id(), describe(t.id()) + " has rules that admit far more than "
            + "its clients", r.label() + " admits the whole internet");
      }
    }
    int limit = t.service().ipRuleLimit();
    int count = t.ipRuleCount();
    if (limit > 0 && count * 10 >= limit * 9) {
      acc.add(AuditRule.RULE_LIMIT_NEAR, t.id(), describe(t.id()) + " is near its IP rule limit",
          count + " of " + limit + " IP rules used (" + (count * 100 / limit) + "%)");
    }
  }

  // ------------------------------------------------------------------ AP011

  private void staleRules(Target t, List<Compute> computes, Acc acc) {
    List<AccessEvaluator.IpRule> rules = ev.ipRules(t);
    if (rules.isEmpty() || computes.isEmpty()) {
      return;
    }
    List<IpSet> seen = new ArrayList<>();
    for (Compute c : computes) {
      Egress e = resolver.resolve(c, AccessEvaluator.destinationOf(t));
      if (e.mode() == EgressMode.SERVICE_ENDPOINT || e.mode() == EgressMode.AZURE_BACKBONE
          || e.mode() == EgressMode.NO_EGRESS) {
        continue; // known: no public address reaches the target
      }
      if (!e.symbolicIps().isEmpty() || e.publicIps().isEmpty()) {
        return; // an address is not known: a rule may serve it
      }
      seen.add(e.publicIps());
    }
    IpSet all = IpSet.union(seen);
    for (AccessEvaluator.IpRule r : rules) {
      if (r.allow() && !r.allAzure() && r.publicIp() == null && r.addresses() != null && !r.addresses().intersects(all)) {
        acc.add(AuditRule.STALE_IP_RULE, t.id(), describe(t.id()) + " has IP rules that admit no egress address of "
            + "any of the " + computes.size() + " compute(s), whose egress to it is all known", r.label());
      }
    }
  }

  // ------------------------------------------------------------------ AP012

  /** A service tag a workspace's computes need, and the TCP ports that count as allowing it. */
  private record Required(String tag, boolean regional, List<Integer> ports) {}

  private static final List<Required> AML_REQUIRED = List.of(
      new Required("AzureMachineLearning", false, List.of(443)),
      new Required("BatchNodeManagement", true, List.of(443)),
      new Required("Storage", true, List.of(443)));

  private static final List<Required> DATABRICKS_REQUIRED = List.of(
      new Required("AzureDatabricks", false, List.of(443)),
      new Required("Sql", false, List.of(3306, 1433, 443)),
      new Required("Storage", false, List.of(443)),
      new Required("EventHub", false, List.of(9093, 443)));

  private void firewallRules(List<Compute> computes, Acc acc) {
    for (Compute c : computes) {
      Egress e = resolver.resolve(c);
      if (e.mode() != EgressMode.FIREWALL || e.firewall() == null) {
        continue;
      }
      Subnet s = estate.get(c.subnet(), Subnet.class);
      List<IpValue> src = s == null ? List.of() : s.addressPrefixes();
      String region = c.subnet() == null ? null : estate.subnetLocation(c.subnet());
      if (region == null) {
        region = c.location();
      }
      List<String> missing = new ArrayList<>();
      boolean unknown = false;
      for (Required r : c.isDatabricks() ? DATABRICKS_REQUIRED : AML_REQUIRED) {
        boolean allowed = false;
        for (int port : r.ports()) {
          AccessEvaluator.FirewallTagCheck check = ev.firewallAllowsTag(e.firewall(), src, r.tag(), region, port);
          if (check == null || check.outcome() == Outcome.UNKNOWN) {
            unknown = true;
            break;
          }
          if (check.outcome() == Outcome.ALLOW) {
            allowed = true;
            break;
          }
        }
        if (unknown) {
          break;
        }
        if (!allowed) {
          missing.add(r.regional() && region != null ? r.tag() + "." + region : r.tag());
        }
      }
      if (!unknown && !missing.isEmpty()) {
        acc.add(AuditRule.FIREWALL_MISSING_REQUIRED_TAGS, e.firewall(), "Azure Firewall " + e.firewall().name()
            + " on the route of workspace computes does not allow their required outbound service tags",
            name(c) + " needs " + String.join(", ", missing));
      }
    }
  }

  // ------------------------------------------------------------------ AP014

  /** What AML computes must reach through their subnet's NSG (§8.9; every port listed must be allowed). */
  private static final List<Required> AML_NSG_REQUIRED = List.of(
      new Required("AzureActiveDirectory", false, List.of(443)),
      new Required("AzureMachineLearning", false, List.of(443)),
      new Required("BatchNodeManagement", true, List.of(443)),
      new Required("AzureResourceManager", false, List.of(443)),
      new Required("Storage", true, List.of(443)),
      new Required("AzureFrontDoor.FrontEnd", false, List.of(443)),
      new Required("AzureFrontDoor.FirstParty", false, List.of(443)),
      new Required("MicrosoftContainerRegistry", false, List.of(443)),
      new Required("AzureMonitor", false, List.of(443)));

  /** What Databricks clusters must reach through their subnet's NSG (§8.9, D12). */
  private static final List<Required> DATABRICKS_NSG_REQUIRED = List.of(
      new Required("AzureDatabricks", false, List.of(443)),
      new Required("Sql", false, List.of(3306)),
      new Required("Storage", false, List.of(443)),
      new Required("EventHub", false, List.of(9093)));

  private void nsgRules(List<Compute> computes, Acc acc) {
    NsgCheck check = new NsgCheck(estate, resolver.tags());
    for (Compute c : computes) {
      Subnet s = c.subnet() == null ? null : estate.get(c.subnet(), Subnet.class);
      if (s == null || s.networkSecurityGroup() == null) {
        continue; // AML managed networks and computes without a subnet NSG
      }
      String region = estate.subnetLocation(c.subnet());
      if (region == null) {
        region = c.location();
      }
      for (Required r : c.isDatabricks() ? DATABRICKS_NSG_REQUIRED : AML_NSG_REQUIRED) {
        NsgCheck.Answer a = check.outbound(s, r.tag(), r.regional() ? region : null, r.ports());
        if (a == null || a.outcome() != Outcome.DENY) {
          continue; // allowed, or a rule naming another tag decides and no tags file was given
        }
        String tag = r.regional() && region != null ? r.tag() + "." + region : r.tag();
        acc.add(AuditRule.NSG_BLOCKS_REQUIRED_OUTBOUND, a.nsg(), "Network security group " + a.nsg().name()
            + " on the subnet of workspace computes blocks outbound traffic they require",
            name(c) + " needs " + tag + " on TCP " + r.ports().stream().map(String::valueOf)
                .reduce((x, y) -> x + ", " + y).orElse("") + ": rule " + a.rule() + " denies it");
      }
    }
  }

  // ------------------------------------------------------------------ AP015

  /** SNAT ports one frontend IP holds (load-balancer-outbound-connections). */
  static final int PORTS_PER_FRONTEND_IP = 64_000;

  /** The default port allocation table: SNAT ports per instance for one frontend IP by pool size; 0 above 1,000. */
  static int defaultPorts(int poolSize) {
    if (poolSize <= 50) {
      return 1024;
    }
    if (poolSize <= 100) {
      return 512;
    }
    if (poolSize <= 200) {
      return 256;
    }
    if (poolSize <= 400) {
      return 128;
    }
    if (poolSize <= 800) {
      return 64;
    }
    return poolSize <= 1000 ? 32 : 0;
  }

  private void snatRules(Acc acc) {
    for (LoadBalancer lb : estate.all(LoadBalancer.class)) {
      Set<ResourceId> withOutboundRule = new LinkedHashSet<>();
      for (LbOutboundRule r : lb.outboundRules()) {
        if (r.backendPool() == null) {
          continue;
        }
        withOutboundRule.add(r.backendPool());
        Integer n = poolSize(lb, r.backendPool());
        int f = Math.max(1, r.frontends().size());
        Integer a = r.allocatedOutboundPorts();
        if (a != null && a == 0) {
          acc.add(AuditRule.LB_SNAT_PORT_EXHAUSTION, lb.id(), describe(lb.id()) + " gives outbound SNAT with "
              + "the default port allocation or more ports than its frontend IPs hold", "outbound rule "
              + r.id().name() + " (allocatedOutboundPorts 0, " + f + " frontend IP(s)) for pool " + r.backendPool().name()
              + ": " + defaultAllocation(n, f));
        } else if (a != null && n != null && (long) a * n > (long) PORTS_PER_FRONTEND_IP * f) {
          acc.add(AuditRule.LB_SNAT_PORT_EXHAUSTION, lb.id(), describe(lb.id()) + " gives outbound SNAT with "
              + "the default port allocation or more ports than its frontend IPs hold", "outbound rule "
              + r.id().name() + " for pool " + r.backendPool().name() + " allocates " + a + " ports x " + n
              + " instances = " + ((long) a * n) + " ports, but its " + f + " frontend IP(s) hold "
              + ((long) PORTS_PER_FRONTEND_IP * f) + ": at most " + ((long) PORTS_PER_FRONTEND_IP * f / a)
              + " instances get their ports");
        }
      }
      for (LoadBalancer.LbRule r : lb.loadBalancingRules()) {
        if (r.disableOutboundSnat() || r.backendPool() == null || withOutboundRule.contains(r.backendPool())) {
          continue; // no SNAT from this rule, or the pool's outbound rule takes over
        }
        acc.add(AuditRule.LB_SNAT_PORT_EXHAUSTION, lb.id(), describe(lb.id()) + " gives outbound SNAT with the "
            + "default port allocation or more ports than its frontend IPs hold", "load-balancing rule "
            + (r.id() == null ? "" : r.id().name() + " ") + "(disableOutboundSnat false) SNATs pool "
            + r.backendPool().name() + " through its frontend: " + defaultAllocation(poolSize(lb, r.backendPool()), 1));
      }
    }
  }

  /** The pool's member count: the load balancer's own listing, else the NIC IP configurations in the pool. */
  private Integer poolSize(LoadBalancer lb, ResourceId pool) {
    Integer listed = lb.poolSizes().get(pool);
    if (listed != null) {
      return listed;
    }
    int n = 0;
    for (NetworkInterface nic : estate.all(NetworkInterface.class)) {
      for (NicIpConfig c : nic.ipConfigurations()) {
        if (c.loadBalancerBackendPools().contains(pool)) {
          n++;
        }
      }
    }
    return n == 0 ? null : n;
  }

  private static String defaultAllocation(Integer poolSize, int frontends) {
    if (poolSize == null) {
      return "each instance gets at most 1,024 SNAT ports (1,024 per frontend IP up to 50 instances, 512 up to 100, "
          + "256 up to 200, fewer above; the pool's size is not in the estate)";
    }
    int per = Math.min(defaultPorts(poolSize) * frontends, 1024);
    return "each of the pool's " + poolSize + " instance(s) gets " + per + " SNAT ports (default allocation for a "
        + "pool of " + poolSize + ", " + frontends + " frontend IP(s), at most 1,024)";
  }

  // ------------------------------------------------------------------ helpers

  /** A resource for messages: its type's short name and its name. */
  static String describe(ResourceId id) {
    String type = id.type();
    String kind = type == null ? "resource" : switch (type.toLowerCase(Locale.ROOT)) {
      case "microsoft.storage/storageaccounts" -> "Storage account";
      case "microsoft.keyvault/vaults" -> "Key vault";
      case "microsoft.sql/servers" -> "SQL server";
      case "microsoft.documentdb/databaseaccounts" -> "Cosmos DB account";
      case "microsoft.containerregistry/registries" -> "Container registry";
      case "microsoft.web/sites" -> "App Service";
      case "microsoft.eventhub/namespaces" -> "Event Hubs namespace";
      case "microsoft.servicebus/namespaces" -> "Service Bus namespace";
      case "microsoft.cognitiveservices/accounts" -> "Azure AI services account";
      case "microsoft.search/searchservices" -> "AI Search service";
      case "microsoft.machinelearningservices/workspaces" -> "Azure ML workspace";
      case "microsoft.machinelearningservices/workspaces/computes" -> "Azure ML compute";
      case "microsoft.databricks/workspaces" -> "Databricks workspace";
      case "microsoft.network/azurefirewalls" -> "Azure Firewall";
      case "microsoft.network/networksecuritygroups" -> "Network security group";
      case "microsoft.network/loadbalancers" -> "Load balancer";
      default -> type.substring(type.lastIndexOf('/') + 1);
    };
    return kind + " " + id.name();
  }

  /** Findings keyed by (rule, resource): a header and the details gathered for it. */
  private final class Acc {
    private final Map<String, AuditRule> rules = new LinkedHashMap<>();
    private final Map<String, ResourceId> resources = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, Set<String>> details = new LinkedHashMap<>();

    void add(AuditRule rule, ResourceId resource, String header, String detail) {
      String key = rule.id() + "|" + resource.key();
      rules.putIfAbsent(key, rule);
      resources.putIfAbsent(key, resource);
      headers.putIfAbsent(key, header);
      Set<String> d = details.computeIfAbsent(key, k -> new LinkedHashSet<>());
      if (detail != null && !detail.isBlank()) {
        d.add(detail.strip().replaceAll("\\.+$", ""));
      }
    }

    List<Finding> findings() {
      List<Finding> out = new ArrayList<>();
      for (String key : rules.keySet()) {
        AuditRule rule = rules.get(key);
        ResourceId id = resources.get(key);
        Set<String> d = details.get(key);
        String message = headers.get(key) + (d.isEmpty() ? "." : ": " + String.join("; ", d) + ".");
        Estate.SourceRef src = estate.source(id);
        out.add(new Finding(rule.id(), rule.level(), id, message, rule.fix(), src == null ? null : src.file(),
            src == null ? null : src.pointer()));
      }
      out.sort(Comparator.comparing(Finding::ruleId).thenComparing(f -> f.resource().key()));
      return out;
    }
  }
}
