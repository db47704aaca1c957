package io.allowpath.session;

import io.allowpath.analysis.access.AccessEvaluator;
import io.allowpath.analysis.access.Verdict;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.Egress;
import io.allowpath.analysis.egress.HopKind;
import io.allowpath.ingest.RawResource;
import io.allowpath.ingest.load.EstateLoader;
import io.allowpath.model.IpSet;
import io.allowpath.model.ResourceId;
import io.allowpath.model.ServiceTags;
import io.allowpath.model.Subnet;
import io.allowpath.model.Target;
import io.allowpath.plan.AddFirewallRule;
import io.allowpath.plan.AddIpRule;
import io.allowpath.plan.AddManagedPrivateEndpointRule;
import io.allowpath.plan.AddNsgRule;
import io.allowpath.plan.AddServiceEndpoint;
import io.allowpath.plan.AddVnetRule;
import io.allowpath.plan.Change;
import io.allowpath.plan.CreateNatGateway;
import io.allowpath.plan.CreateOutboundLoadBalancer;
import io.allowpath.plan.Plan;
import io.allowpath.plan.RouteToFirewall;
import io.allowpath.plan.SideEffects;
import io.allowpath.plan.SideEffects.EgressChange;
import io.allowpath.plan.SideEffects.VerdictChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A plan's side effects (issue 17 §5; {@link SideEffects}). The plan is applied to the estate offline
 * exactly as {@code plan --write-estate} does ({@link PlanGuard#simulate}), and every pair a change can
 * touch is decided again on both estates by {@code AccessEvaluator.evaluate} — the one decision path, no
 * second evaluator. A pair can only change when something on its path changes, so the pairs decided
 * again are: every target of a compute whose subnet (NAT gateway, route table, service endpoint) or
 * workspace (outbound load balancer, managed private endpoint rule) a change touches; every compute towards a
 * target that gets a rule admitting one of the compute's sources towards it, before or after the plan (its
 * address, its public IP by reference, its subnet: a rule that admits none of them cannot change the pair);
 * every compute whose traffic crosses a firewall that gets a rule, towards the targets the rule names; every target of
 * a compute whose subnet's NSG gets a rule (an NSG rule changes the answer for its destination, and, without
 * {@code --service-tags}, may make others undecidable).
 *
 * <p>Each egress change is charged to the change that causes it: a service endpoint for sources that
 * become (or stop being) a subnet seen over a service endpoint, the NAT gateway / route / load balancer
 * otherwise. Each verdict change of a pair no change was made for is charged to every change on the
 * pair's path; one no change touches (none is expected) goes to {@link Plan#otherEffects()}.
 */
public final class PlanEffects {
  private PlanEffects() {}

  /** The plan with its side effects worked out against {@code before}, the session it was planned in. */
  public static Plan of(Plan plan, Analysis before, List<RawResource> raw, EstateLoader loader, ServiceTags tags) {
    if (plan.changes().isEmpty()) {
      return plan.withSideEffects(Map.of(), SideEffects.NONE);
    }
    Analysis after = PlanGuard.simulate(raw, loader, tags, plan);
    return of(plan, before, after);
  }

  /** The plan with its side effects, given the session of the estate with the plan applied. */
  static Plan of(Plan plan, Analysis before, Analysis after) {
    AccessEvaluator evB = before.evaluator();
    AccessEvaluator evA = after.evaluator();
    Map<String, Compute> computesAfter = new HashMap<>();
    after.computes().forEach(c -> computesAfter.put(c.key(), c));
    Map<String, Target> targetsAfter = new HashMap<>();
    evA.targets().forEach(t -> targetsAfter.put(t.id().key(), t));
    Set<String> planned = new HashSet<>();
    plan.changes().forEach(c -> planned.addAll(c.pairs()));

    // the pairs any change can touch
    List<Compute> computes = before.computes();
    List<Target> targets = evB.targets();
    Map<Compute, Set<Target>> candidates = new LinkedHashMap<>();
    // per target: the addresses and public IPs its new IP rules admit, and the subnets its new VNet rules admit
    Map<ResourceId, List<IpSet>> newAddresses = new HashMap<>();
    Map<ResourceId, Set<ResourceId>> newRefs = new HashMap<>();
    Map<ResourceId, Set<ResourceId>> newSubnets = new HashMap<>();
    for (Change ch : plan.changes()) {
      if (ch instanceof AddIpRule r) {
        if (r.address().isLiteral()) {
          String range = r.endAddress() != null && r.endAddress().isLiteral() && !r.endAddress().equals(r.address())
              ? r.address().literal() + "-" + r.endAddress().literal() : r.address().literal();
          IpSet set = IpSet.tryParse(range);
          if (set != null) {
            newAddresses.computeIfAbsent(ch.resource(), k -> new ArrayList<>()).add(set);
          }
        } else {
          newRefs.computeIfAbsent(ch.resource(), k -> new HashSet<>()).add(r.address().publicIp());
        }
      } else if (ch instanceof AddVnetRule v) {
        newSubnets.computeIfAbsent(ch.resource(), k -> new HashSet<>()).add(v.subnet());
      }
    }
    // indexes, so that the candidate search is linear in computes × targets
    Set<String> managedRules = new HashSet<>();
    List<AddNsgRule> nsgRules = new ArrayList<>();
    List<AddFirewallRule> firewallRules = new ArrayList<>();
    List<Change> egressChanging = new ArrayList<>();
    for (Change ch : plan.changes()) {
      if (ch instanceof AddManagedPrivateEndpointRule m) {
        managedRules.add(m.workspace().key() + "|" + m.target().key());
      } else if (ch instanceof AddFirewallRule f) {
        firewallRules.add(f);
      } else if (ch instanceof AddNsgRule n) {
        nsgRules.add(n);
      } else if (ch instanceof CreateNatGateway || ch instanceof RouteToFirewall || ch instanceof AddServiceEndpoint
          || ch instanceof CreateOutboundLoadBalancer) {
        egressChanging.add(ch);
      }
    }
    Map<Compute, List<Change>> egressChangesOf = new HashMap<>();
    for (Compute c : computes) {
      List<Change> mine = egressChanging.stream().filter(ch -> touchesEgress(ch, c)).toList();
      egressChangesOf.put(c, mine);
      List<AddFirewallRule> crossed = firewallRules.stream()
          .filter(f -> throughFirewall(f, c, before, after, computesAfter)).toList();
      List<AddNsgRule> nsgs = nsgRules.stream().filter(n -> behindNsg(n, c, before)).toList();
      Set<Target> ts = new LinkedHashSet<>();
      for (Target t : targets) {
        if (!AccessEvaluator.checked(c, t)) {
          continue;
        }
        if (!mine.isEmpty() || admitsNew(c, t, before, after, computesAfter, targetsAfter, newAddresses,
            newRefs, newSubnets)
            || managedRules.contains(c.workspace().key() + "|" + t.id().key())
            || crossed.stream().anyMatch(f -> namesTarget(f, t))
            || !nsgs.isEmpty()) {
          ts.add(t);
        }
      }
      if (!ts.isEmpty()) {
        candidates.put(c, ts);
      }
    }

    Map<Change, List<EgressChange>> egress = new LinkedHashMap<>();
    Map<Change, List<VerdictChange>> verdicts = new LinkedHashMap<>();
    List<VerdictChange> other = new ArrayList<>();
    for (var e : candidates.entrySet()) {
      Compute c = e.getKey();
      Compute cA = computesAfter.get(c.key());
      if (cA == null) {
        continue;
      }
      List<Change> egressChanges = egressChangesOf.get(c);
      String internetBefore = null;
      String internetAfter = null;
      if (!egressChanges.isEmpty()) {
        internetBefore = describe(before.resolver().resolve(c));
        internetAfter = describe(after.resolver().resolve(cA));
        if (!internetBefore.equals(internetAfter)) {
          EgressChange ec = new EgressChange(c.key(), c.name(), List.of(), internetBefore, internetAfter);
          egressChanges.stream().filter(ch -> !(ch instanceof AddServiceEndpoint)).filter(ch -> !serves(ch, c))
              .forEach(ch -> egress.computeIfAbsent(ch, k -> new ArrayList<>()).add(ec));
        }
      }
      // per-target sources that differ from the internet-bound change, grouped by (before, after)
      Map<List<Object>, List<String>> perTarget = new LinkedHashMap<>();
      for (Target t : e.getValue()) {
        Target tA = targetsAfter.get(t.id().key());
        if (tA == null) {
          continue;
        }
        Verdict vb = evB.evaluate(c, t);
        Verdict va = evA.evaluate(cA, tA);
        String pair = c.key() + " -> " + t.id().value();
        if (vb.outcome() != va.outcome() && !planned.contains(pair)) {
          VerdictChange vc = new VerdictChange(c.key(), c.name(), t.id().value(), t.id().name(),
              vb.outcome().name(), va.outcome().name(), va.mainReason() == null ? null : va.mainReason().name());
          boolean charged = false;
          for (Change ch : plan.changes()) {
            if (onPath(ch, c, t, vb, va)) {
              verdicts.computeIfAbsent(ch, k -> new ArrayList<>()).add(vc);
              charged = true;
            }
          }
          if (!charged) {
            other.add(vc);
          }
        }
        if (egressChanges.isEmpty() || vb.egress() == null || va.egress() == null) {
          continue;
        }
        String b = describe(vb.egress());
        String a = describe(va.egress());
        if (b.equals(a) || b.equals(internetBefore) && a.equals(internetAfter)) {
          continue;
        }
        boolean endpoint = vb.egress().serviceEndpointSubnet() != null || va.egress().serviceEndpointSubnet() != null;
        perTarget.computeIfAbsent(List.of(b, a, endpoint), k -> new ArrayList<>()).add(t.id().name());
      }
      for (var p : perTarget.entrySet()) {
        boolean endpoint = (Boolean) p.getKey().get(2);
        EgressChange ec = new EgressChange(c.key(), c.name(), p.getValue(), (String) p.getKey().get(0),
            (String) p.getKey().get(1));
        egressChanges.stream().filter(ch -> endpoint == ch instanceof AddServiceEndpoint).filter(ch -> !serves(ch, c))
            .forEach(ch -> egress.computeIfAbsent(ch, k -> new ArrayList<>()).add(ec));
      }
    }
    Map<Change, SideEffects> out = new LinkedHashMap<>();
    for (Change ch : plan.changes()) {
      out.put(ch, new SideEffects(egress.getOrDefault(ch, List.of()), verdicts.getOrDefault(ch, List.of())));
    }
    return plan.withSideEffects(out, new SideEffects(List.of(), other));
  }

  /**
   * True when a new rule of the target may admit the compute: an IP rule whose addresses meet the compute's source
   * towards the target (before or after the plan), an IP rule naming one of its public IPs, or a VNet rule for its
   * subnet. A rule that admits none of the compute's sources cannot change the pair's verdict.
   */
  private static boolean admitsNew(Compute c, Target t, Analysis before, Analysis after, Map<String, Compute> computesAfter,
      Map<String, Target> targetsAfter, Map<ResourceId, List<IpSet>> addresses, Map<ResourceId, Set<ResourceId>> refs,
      Map<ResourceId, Set<ResourceId>> subnets) {
    List<IpSet> a = addresses.get(t.id());
    Set<ResourceId> r = refs.get(t.id());
    Set<ResourceId> s = subnets.get(t.id());
    if (a == null && r == null && s == null) {
      return false;
    }
    if (s != null && c.subnet() != null && s.contains(c.subnet())) {
      return true;
    }
    Compute cA = computesAfter.get(c.key());
    List<Egress> egress = new ArrayList<>();
    egress.add(before.resolver().resolve(c, AccessEvaluator.destinationOf(t)));
    if (cA != null) {
      Target tA = targetsAfter.get(t.id().key());
      if (tA != null) {
        egress.add(after.resolver().resolve(cA, AccessEvaluator.destinationOf(tA)));
      }
    }
    for (Egress e : egress) {
      if (e == null) {
        continue;
      }
      if (s != null && e.serviceEndpointSubnet() != null && s.contains(e.serviceEndpointSubnet())) {
        return true;
      }
      if (r != null && e.symbolicIps().stream().anyMatch(r::contains)) {
        return true;
      }
      if (a != null && a.stream().anyMatch(x -> x.intersects(e.publicIps()))) {
        return true;
      }
    }
    return false;
  }

  /** True when the change alters the egress of the compute (its subnet's outbound path, or its workspace's). */
  static boolean touchesEgress(Change ch, Compute c) {
    if (ch instanceof CreateNatGateway n) {
      return onSubnets(n.subnets(), c);
    } else if (ch instanceof RouteToFirewall r) {
      return onSubnets(r.subnets(), c);
    } else if (ch instanceof AddServiceEndpoint s) {
      return s.subnet().id().equals(c.subnet());
    } else if (ch instanceof CreateOutboundLoadBalancer lb) {
      return lb.workspace().equals(c.workspace()) && c.isDatabricks();
    }
    return false;
  }

  private static boolean onSubnets(List<Subnet> subnets, Compute c) {
    return c.subnet() != null && subnets.stream().anyMatch(s -> s.id().equals(c.subnet()));
  }

  /** True when the change was planned for some pair of this compute (then it is not an "other" compute). */
  private static boolean serves(Change ch, Compute c) {
    String prefix = c.key() + " -> ";
    return ch.pairs().stream().anyMatch(p -> p.startsWith(prefix));
  }

  private static boolean namesTarget(AddFirewallRule f, Target t) {
    return !f.serviceTags().isEmpty() || f.targetFqdns().stream().anyMatch(x -> x.equalsIgnoreCase(t.fqdn()));
  }

  /** True when the compute's subnet has the NSG the rule is added to (the NSG step evaluates the subnet's NSG). */
  private static boolean behindNsg(AddNsgRule n, Compute c, Analysis before) {
    Subnet s = c.subnet() == null ? null : before.estate().get(c.subnet(), Subnet.class);
    return s != null && n.nsg().equals(s.networkSecurityGroup());
  }

  private static boolean crossesNsg(AddNsgRule n, Verdict v) {
    return v.hops().stream().anyMatch(h -> h.kind() == HopKind.NSG && n.nsg().equals(h.resource()));
  }

  private static boolean throughFirewall(AddFirewallRule f, Compute c, Analysis before, Analysis after,
      Map<String, Compute> computesAfter) {
    Compute cA = computesAfter.get(c.key());
    return f.firewall().equals(before.resolver().resolve(c).firewall())
        || cA != null && f.firewall().equals(after.resolver().resolve(cA).firewall());
  }

  /** True when the change sits on the pair's path: the pair's verdict can change because of it. */
  private static boolean onPath(Change ch, Compute c, Target t, Verdict vb, Verdict va) {
    if (ch instanceof AddIpRule || ch instanceof AddVnetRule) {
      return ch.resource().equals(t.id());
    } else if (ch instanceof AddManagedPrivateEndpointRule m) {
      return m.workspace().equals(c.workspace()) && m.target().equals(t.id());
    } else if (ch instanceof AddFirewallRule f) {
      return namesTarget(f, t) && (vb.egress() != null && f.firewall().equals(vb.egress().firewall())
          || va.egress() != null && f.firewall().equals(va.egress().firewall()));
    } else if (ch instanceof AddNsgRule n) {
      // the pair's NSG step evaluated this NSG (a hop for it whatever it said): a new rule can change its answer for
      // any destination (one whose tag it names; or, without --service-tags, one it may overlap: UNKNOWN)
      return crossesNsg(n, vb) || crossesNsg(n, va);
    } else if (ch instanceof AddServiceEndpoint s) {
      // only pairs whose traffic the endpoint carries (before or after): the target sees the subnet
      return touchesEgress(s, c) && (vb.egress() != null && vb.egress().serviceEndpointSubnet() != null
          || va.egress() != null && va.egress().serviceEndpointSubnet() != null);
    }
    return touchesEgress(ch, c);
  }

  /** A source as tables show it: the addresses (or the subnet over a service endpoint) and the mode. */
  static String describe(Egress e) {
    if (e == null) {
      return "none";
    }
    if (e.serviceEndpointSubnet() != null) {
      ResourceId s = e.serviceEndpointSubnet();
      return "subnet " + (s.parent() == null ? "" : s.parent().name() + "/") + s.name() + " (SERVICE_ENDPOINT)";
    }
    List<String> parts = new ArrayList<>(e.publicIps().toCidrs());
    e.symbolicIps().forEach(p -> parts.add("<address of " + p.name() + ">"));
    String addresses = parts.isEmpty() ? (e.stable() ? "no public address" : "a changing address")
        : String.join(", ", parts);
    if (!e.stable() && !parts.isEmpty()) {
      addresses += " (unstable)";
    }
    return addresses + " (" + Objects.toString(e.mode()) + ")";
  }
}
