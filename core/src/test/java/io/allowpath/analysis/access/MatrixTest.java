package io.allowpath.analysis.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.Egress;
import io.allowpath.analysis.egress.EgressResolver;
import io.allowpath.ingest.EstateLoader;
import io.allowpath.model.Estate;
import io.allowpath.model.MlWorkspace;
import io.allowpath.model.Subnet;
import io.allowpath.model.Target;
import io.allowpath.synth.SyntheticEstate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The matrix (one evaluation per distinct egress situation and target, answered by the allocation-free
 * fast path {@link AccessEvaluator#quick} where it applies) gives every pair the outcome and reasons of
 * the full {@link AccessEvaluator#evaluate}, on generated estates of several seeds and sizes and on the
 * example estate; and the fast path alone, applied to every pair, agrees with the full evaluator too.
 */
class MatrixTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "seed {0}: {1} computes x {2} targets, {3} rules")
  @CsvSource({"1, 60, 150, 25", "2, 60, 150, 25", "3, 60, 150, 25", "4, 120, 300, 20", "5, 30, 400, 5",
      "6, 200, 100, 40"})
  void fastPathEqualsFullEvaluationPairByPair(long seed, int computes, int targets, int rules) throws IOException {
    Path f = dir.resolve("e.json");
    SyntheticEstate.write(f, computes, targets, rules, seed);
    int fast = check(new EstateLoader().load(List.of(f)));
    assertThat(fast).as("pairs the fast path answered itself").isPositive();
  }

  @Test
  void exampleEstate() throws IOException {
    check(new EstateLoader().load(List.of(Path.of("../examples/estate"))));
  }

  /** Checks the grouped matrix and the per-pair fast path against the full evaluator; pairs answered fast. */
  private static int check(Estate estate) {
    EgressResolver r = new EgressResolver(estate, null);
    AccessEvaluator fast = new AccessEvaluator(r, null);
    List<Compute> computes = r.computes();
    List<Target> targets = fast.targets();
    assertThat(computes).isNotEmpty();
    Map<String, String> got = new HashMap<>();
    Matrix.visit(fast, computes, targets, (cs, t, o, rs) -> {
      for (Compute c : cs) {
        assertThat(got.put(c.key() + " -> " + t.id().value(), o + " " + rs)).as("each pair once").isNull();
      }
    });
    AccessEvaluator full = new AccessEvaluator(new EgressResolver(estate, null), null);
    AccessEvaluator single = new AccessEvaluator(new EgressResolver(estate, null), null);
    int pairs = 0;
    int answeredFast = 0;
    Map<Target, AccessEvaluator.Prepared> prepared = new HashMap<>();
    for (Compute c : computes) {
      MlWorkspace ws = c.isDatabricks() ? null : estate.get(c.workspace(), MlWorkspace.class);
      Subnet subnet = estate.get(c.subnet(), Subnet.class);
      for (Target t : targets) {
        String pair = c.key() + " -> " + t.id().value();
        if (Matrix.skip(c, t)) {
          assertThat(got).doesNotContainKey(pair);
          continue;
        }
        Verdict v = full.evaluate(c, t);
        String want = v.outcome() + " " + v.reasons();
        assertThat(got.get(pair)).as("matrix " + pair).isEqualTo(want);
        // the fast path on this very compute (not only on its group's representative)
        Egress e = ws != null && ws.managedNetwork() ? null
            : single.resolver().resolve(c, AccessEvaluator.destinationOf(t));
        AccessEvaluator.Prepared p = prepared.computeIfAbsent(t, single::prepare);
        MlWorkspace managed = ws != null && ws.managedNetwork() ? ws : null;
        AccessEvaluator.Quick q = managed != null ? single.quickManaged(p, managed)
            : single.quick(p, c, e, subnet);
        if (q != null) {
          answeredFast++;
          assertThat(q.outcome() + " " + q.reasons()).as("fast path " + pair).isEqualTo(want);
          assertThat(sorted(q.reasons())).as("reason multiset " + pair).isEqualTo(sorted(v.reasons()));
        }
        AccessEvaluator.Quick a = Matrix.answer(single, p, c, e, subnet, managed);
        assertThat(a.outcome() + " " + a.reasons()).as("answer " + pair).isEqualTo(want);
        pairs++;
      }
    }
    assertThat(got).hasSize(pairs);
    Matrix.Counts counts = Matrix.summary(fast, computes, targets);
    assertThat(counts.total()).isEqualTo(pairs);
    return answeredFast;
  }

  private static List<Reason> sorted(List<Reason> rs) {
    List<Reason> out = new ArrayList<>(rs);
    out.sort(null);
    return out;
  }
}
