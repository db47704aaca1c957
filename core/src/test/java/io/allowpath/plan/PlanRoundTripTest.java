package io.allowpath.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.analysis.access.AccessEvaluator;
import io.allowpath.analysis.access.Outcome;
import io.allowpath.analysis.access.Verdict;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.Egress;
import io.allowpath.analysis.egress.EgressResolver;
import io.allowpath.ingest.load.EstateLoader;
import io.allowpath.ingest.RawResource;
import io.allowpath.model.DatabricksWorkspace;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.IpSet;
import io.allowpath.model.Service;
import io.allowpath.model.Target;
import io.allowpath.synth.SyntheticEstate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property-style round trip on synthetic estates (issue 6): plan → apply offline ({@link ArmPatcher}) →
 * reload → re-check. Every pair that failed and is not unresolved becomes ALLOW; no ALLOW pair changes;
 * literal IP rules are never /31 or /32 on storage and Cognitive Services, never private, and never wider
 * than the egress addresses of the pairs they serve.
 */
class PlanRoundTripTest {
  @TempDir Path dir;

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (long seed : new long[] {1, 2, 3, 4}) {
      for (Planner.Strategy s : Planner.Strategy.values()) {
        out.add(Arguments.of(seed, s));
      }
    }
    return out.stream();
  }

  record Checked(Map<String, Verdict> verdicts, EgressResolver resolver, AccessEvaluator evaluator) {}

  static String key(Compute c, Target t) {
    return c.key() + " -> " + t.id().value();
  }

  static Checked check(Estate e) {
    EgressResolver r = new EgressResolver(e, null);
    AccessEvaluator ev = new AccessEvaluator(r, null);
    Map<String, Verdict> m = new LinkedHashMap<>();
    for (Compute c : r.computes()) {
      for (Target t : ev.targets()) {
        if (c.workspace().equals(t.id()) && t instanceof DatabricksWorkspace) {
          continue;
        }
        m.put(key(c, t), ev.evaluate(c, t));
      }
    }
    return new Checked(m, r, ev);
  }

  @ParameterizedTest(name = "seed {0}, {1}")
  @MethodSource("cases")
  void planAppliedOfflineMakesFailingPairsAllowAndKeepsAllowedOnes(long seed, Planner.Strategy strategy)
      throws IOException {
    Path f = dir.resolve("estate.json");
    SyntheticEstate.write(f, 14, 45, 12, seed);
    EstateLoader loader = new EstateLoader();
    List<Diagnostic> diags = new ArrayList<>();
    List<RawResource> raw = loader.loadRaw(List.of(f), diags);
    Estate before = loader.build(raw, diags);
    Checked b = check(before);
    Plan plan = new Planner(b.evaluator(), strategy).plan(b.resolver().computes(), b.evaluator().targets());

    List<ObjectNode> nodes = new ArrayList<>();
    raw.forEach(r -> nodes.add((ObjectNode) r.json()));
    List<RawResource> patched = new ArrayList<>();
    for (ObjectNode n : ArmPatcher.apply(nodes, plan)) {
      patched.add(new RawResource(n, "patched.json", "/" + patched.size()));
    }
    Estate after = loader.build(patched, new ArrayList<>());
    Checked a = check(after);

    Set<String> unresolved = new HashSet<>();
    plan.unresolved().forEach(u -> unresolved.add(u.from() + " -> " + u.to()));
    List<String> broken = new ArrayList<>();
    List<String> notFixed = new ArrayList<>();
    for (var e : b.verdicts().entrySet()) {
      Verdict was = e.getValue();
      Verdict now = a.verdicts().get(e.getKey());
      assertThat(now).as("pair still checked after the plan: " + e.getKey()).isNotNull();
      if (was.outcome() == Outcome.ALLOW && now.outcome() != Outcome.ALLOW) {
        broken.add(e.getKey() + ": " + now.outcome() + " " + now.reasons());
      }
      if (was.outcome() != Outcome.ALLOW && !unresolved.contains(e.getKey()) && now.outcome() != Outcome.ALLOW) {
        notFixed.add(e.getKey() + ": " + was.outcome() + " " + was.reasons() + " -> " + now.outcome() + " "
            + now.reasons());
      }
    }
    assertThat(broken).as("ALLOW pairs broken by the plan").isEmpty();
    assertThat(notFixed).as("failing pairs neither fixed nor unresolved").isEmpty();

    // Emitted literal IP rules: syntax, public only, and no wider than the egress they serve.
    Map<String, Compute> computes = new HashMap<>();
    b.resolver().computes().forEach(c -> computes.put(c.key(), c));
    Map<String, Target> targets = new HashMap<>();
    b.evaluator().targets().forEach(t -> targets.put(t.id().value(), t));
    Map<String, Compute> afterComputes = new HashMap<>();
    a.resolver().computes().forEach(c -> afterComputes.put(c.key(), c));
    Map<String, Target> afterTargets = new HashMap<>();
    a.evaluator().targets().forEach(t -> afterTargets.put(t.id().value(), t));
    for (Change ch : plan.changes()) {
      if (!(ch instanceof AddIpRule r) || !r.address().isLiteral()) {
        continue;
      }
      String lit = r.address().literal();
      if (r.target().service() == Service.STORAGE || r.target().service() == Service.COGNITIVE_SERVICES) {
        assertThat(lit).as("storage/Cognitive IP rule syntax").doesNotEndWith("/32").doesNotEndWith("/31");
      }
      IpSet rule = r.endAddress() != null && r.endAddress().isLiteral()
          ? IpSet.parse(lit + "-" + r.endAddress().literal()) : IpSet.parse(lit);
      assertThat(rule.touchesNonPublic()).as("IP rule " + r.value() + " holds a private address").isFalse();
      List<IpSet> served = new ArrayList<>();
      for (String p : r.pairs()) {
        int arrow = p.indexOf(" -> ");
        Compute c = computes.get(p.substring(0, arrow));
        Target t = targets.get(p.substring(arrow + 4));
        assertThat(c).as(p).isNotNull();
        assertThat(t).as(p).isNotNull();
        Egress toTarget = b.resolver().resolve(c, AccessEvaluator.destinationOf(t));
        served.add(toTarget.publicIps());
        served.add(b.resolver().resolve(c).publicIps());
        // the egress the compute has once the plan is applied (a route to a firewall, a new NAT gateway)
        Compute now = afterComputes.get(c.key());
        Target tNow = afterTargets.get(t.id().value());
        served.add(a.resolver().resolve(now, AccessEvaluator.destinationOf(tNow)).publicIps());
      }
      assertThat(IpSet.union(served).containsAll(rule))
          .as("IP rule " + r.value() + " on " + r.target().id().name() + " is within the egress of " + r.pairs()).isTrue();
    }
  }
}
