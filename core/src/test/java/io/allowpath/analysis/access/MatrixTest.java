package io.allowpath.analysis.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.EgressResolver;
import io.allowpath.ingest.load.EstateLoader;
import io.allowpath.model.Estate;
import io.allowpath.model.Target;
import io.allowpath.synth.SyntheticEstate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The matrix (one decision per distinct egress situation and target, with no explanation recorded) gives
 * every pair the outcome and reasons of the explained verdict ({@link AccessEvaluator#evaluate}), on
 * generated estates of several seeds and sizes and on the example estate: both go through the one
 * decision path, and the grouping must never merge computes whose answers differ.
 */
class MatrixTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "seed {0}: {1} computes x {2} targets, {3} rules")
  @CsvSource({"1, 60, 150, 25", "2, 60, 150, 25", "3, 60, 150, 25", "4, 120, 300, 20", "5, 30, 400, 5",
      "6, 200, 100, 40"})
  void matrixEqualsExplainedVerdictPairByPair(long seed, int computes, int targets, int rules) throws IOException {
    Path f = dir.resolve("e.json");
    SyntheticEstate.write(f, computes, targets, rules, seed);
    int grouped = check(new EstateLoader().load(List.of(f)));
    assertThat(grouped).as("pairs answered by another compute of their group").isPositive();
  }

  @Test
  void exampleEstate() throws IOException {
    check(new EstateLoader().load(List.of(Path.of("../examples/estate"))));
  }

  /** Checks the grouped matrix against the explained verdict of every pair; returns the pairs answered by group. */
  private static int check(Estate estate) {
    EgressResolver r = new EgressResolver(estate, null);
    AccessEvaluator grouped = new AccessEvaluator(r, null);
    List<Compute> computes = r.computes();
    List<Target> targets = grouped.targets();
    assertThat(computes).isNotEmpty();
    Map<String, String> got = new HashMap<>();
    int[] shared = {0};
    Matrix.visit(grouped, computes, targets, (cs, t, o, rs) -> {
      shared[0] += cs.size() - 1;
      for (Compute c : cs) {
        assertThat(got.put(c.key() + " -> " + t.id().value(), o + " " + rs)).as("each pair once").isNull();
      }
    });
    AccessEvaluator full = new AccessEvaluator(new EgressResolver(estate, null), null);
    int pairs = 0;
    Matrix.Counts want = new Matrix.Counts();
    for (Compute c : computes) {
      for (Target t : targets) {
        String pair = c.key() + " -> " + t.id().value();
        if (!AccessEvaluator.checked(c, t)) {
          assertThat(got).doesNotContainKey(pair);
          continue;
        }
        Verdict v = full.evaluate(c, t);
        assertThat(got.get(pair)).as("matrix " + pair).isEqualTo(v.outcome() + " " + v.reasons());
        want.add(v.outcome(), v.reasons(), 1);
        pairs++;
      }
    }
    assertThat(got).hasSize(pairs);
    Matrix.Counts counts = Matrix.summary(grouped, computes, targets);
    assertThat(counts.total()).isEqualTo(pairs);
    for (Outcome o : Outcome.values()) {
      assertThat(counts.count(o)).as("summary count of " + o).isEqualTo(want.count(o));
    }
    assertThat(counts.reasons()).as("summary reason counts").isEqualTo(want.reasons());
    return shared[0];
  }
}
