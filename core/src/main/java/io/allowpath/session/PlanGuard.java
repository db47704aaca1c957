package io.allowpath.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.analysis.intent.Intent;
import io.allowpath.analysis.intent.IntentCheck;
import io.allowpath.analysis.intent.Intents;
import io.allowpath.ingest.load.EstateLoader;
import io.allowpath.ingest.RawResource;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.ServiceTags;
import io.allowpath.analysis.egress.HopKind;
import io.allowpath.plan.AddNsgRule;
import io.allowpath.plan.ArmPatcher;
import io.allowpath.plan.Change;
import io.allowpath.plan.Plan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps a plan from opening a {@code not-reach} pair (docs/intents.md): the plan is applied to the
 * estate offline (as {@code plan --write-estate} does), the {@code not-reach} pairs are checked again,
 * and every change that a newly opened pair needs — a change made for that pair, or a change of that
 * pair's target — is dropped and named with the intent that blocked it; then the check repeats.
 */
public final class PlanGuard {
  private PlanGuard() {}

  /** A change left out, the pair it would have opened, and the intent that forbids that pair. */
  public record Blocked(Change change, String pair, Intent intent) {}

  /** The plan without the blocked changes, and what was blocked. */
  public record Guarded(Plan plan, List<Blocked> blocked) {}

  public static Guarded guard(Plan plan, Intents intents, List<RawResource> raw, EstateLoader loader, ServiceTags tags) {
    boolean anyNotReach = intents.intents().stream().anyMatch(i -> i.expect() == Intent.Expect.NOT_REACH);
    List<Blocked> blocked = new ArrayList<>();
    if (!anyNotReach || plan.changes().isEmpty()) {
      return new Guarded(plan, blocked);
    }
    Set<String> openToday = opened(intents, raw, loader, tags, null);
    Plan current = plan;
    for (int round = 0; round < 10 && !current.changes().isEmpty(); round++) {
      List<IntentCheck.Judged> opened = new ArrayList<>();
      Analysis after = simulate(raw, loader, tags, current);
      for (IntentCheck.Judged j : notReachViolations(after, intents)) {
        if (!openToday.contains(key(j))) {
          opened.add(j);
        }
      }
      if (opened.isEmpty()) {
        break;
      }
      Set<Change> drop = new HashSet<>();
      for (IntentCheck.Judged j : opened) {
        String pair = j.verdict().compute().key() + " -> " + j.verdict().target().id().value();
        for (Change c : current.changes()) {
          // an NSG rule opens every compute behind its NSG: it is to blame when the opened pair crosses that NSG
          boolean nsgOnPath = c instanceof AddNsgRule n && j.verdict().hops().stream()
              .anyMatch(h -> h.kind() == HopKind.NSG && n.nsg().equals(h.resource()));
          if (c.resource().equals(j.verdict().target().id()) || c.pairs().contains(pair) || nsgOnPath) {
            if (drop.add(c)) {
              blocked.add(new Blocked(c, j.verdict().compute().name() + " -> " + j.verdict().target().id().name(),
                  j.intent()));
            }
          }
        }
      }
      if (drop.isEmpty()) {
        // no single change is to blame (e.g. a shared egress): refuse the whole plan rather than open the pair
        for (Change c : current.changes()) {
          blocked.add(new Blocked(c, opened.get(0).verdict().compute().name() + " -> "
              + opened.get(0).verdict().target().id().name(), opened.get(0).intent()));
        }
        return new Guarded(new Plan(List.of(), current.unresolved()), blocked);
      }
      List<Change> kept = new ArrayList<>(current.changes());
      kept.removeAll(drop);
      current = new Plan(kept, current.unresolved());
    }
    return new Guarded(current, blocked);
  }

  private static Set<String> opened(Intents intents, List<RawResource> raw, EstateLoader loader, ServiceTags tags,
      Plan plan) {
    Analysis a = plan == null ? Analysis.of(loader.build(raw, new ArrayList<>()), tags) : simulate(raw, loader, tags, plan);
    Set<String> out = new HashSet<>();
    notReachViolations(a, intents).forEach(j -> out.add(key(j)));
    return out;
  }

  private static String key(IntentCheck.Judged j) {
    return j.verdict().compute().key() + " -> " + j.verdict().target().id().key();
  }

  /**
   * The pairs whose deciding intent says not-reach and that are allowed: judged with every intent, so a
   * reach intent listed before a broader not-reach one still decides its pairs (first match, docs/intents.md).
   */
  private static List<IntentCheck.Judged> notReachViolations(Analysis a, Intents intents) {
    return a.check(intents, a.computes(), a.targets()).violations().stream()
        .filter(j -> j.intent().expect() == Intent.Expect.NOT_REACH).toList();
  }

  /** The estate with the plan applied, as a new session. */
  static Analysis simulate(List<RawResource> raw, EstateLoader loader, ServiceTags tags, Plan plan) {
    List<ObjectNode> nodes = new ArrayList<>();
    raw.forEach(r -> nodes.add(r.json().deepCopy()));
    List<RawResource> patched = new ArrayList<>();
    for (ObjectNode n : ArmPatcher.apply(nodes, plan)) {
      patched.add(new RawResource(n, "(plan applied)", ""));
    }
    List<Diagnostic> ignored = new ArrayList<>();
    return Analysis.of(loader.build(patched, ignored), tags);
  }
}
