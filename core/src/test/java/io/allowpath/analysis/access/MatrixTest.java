package io.allowpath.analysis.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.EgressResolver;
import io.allowpath.ingest.EstateLoader;
import io.allowpath.model.Estate;
import io.allowpath.model.Target;
import io.allowpath.synth.SyntheticEstate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The matrix fast path (one evaluation per distinct egress situation and target) gives every pair the
 * outcome and reasons of the full {@link AccessEvaluator#evaluate}, on generated estates.
 */
class MatrixTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void fastPathEqualsFullEvaluationPairByPair(long seed) throws IOException {
    Path f = dir.resolve("e.json");
    SyntheticEstate.write(f, 60, 150, 25, seed);
    Estate estate = new EstateLoader().load(List.of(f));
    EgressResolver r = new EgressResolver(estate, null);
    AccessEvaluator fast = new AccessEvaluator(r, null);
    List<Compute> computes = r.computes();
    List<Target> targets = fast.targets();
    Map<String, String> got = new HashMap<>();
    Matrix.visit(fast, computes, targets, (cs, t, o, rs) -> {
      for (Compute c : cs) {
        assertThat(got.put(c.key() + " -> " + t.id().value(), o + " " + rs)).as("each pair once").isNull();
      }
    });
    AccessEvaluator full = new AccessEvaluator(new EgressResolver(estate, null), null);
    int pairs = 0;
    for (Compute c : computes) {
      for (Target t : targets) {
        if (Matrix.skip(c, t)) {
          assertThat(got).doesNotContainKey(c.key() + " -> " + t.id().value());
          continue;
        }
        Verdict v = full.evaluate(c, t);
        assertThat(got.get(c.key() + " -> " + t.id().value())).as(c.key() + " -> " + t.id().value())
            .isEqualTo(v.outcome() + " " + v.reasons());
        pairs++;
      }
    }
    assertThat(got).hasSize(pairs);
    Matrix.Counts counts = Matrix.summary(fast, computes, targets);
    assertThat(counts.total()).isEqualTo(pairs);
  }
}
