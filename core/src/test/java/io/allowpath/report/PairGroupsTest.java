package io.allowpath.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.analysis.access.AccessEvaluator;
import io.allowpath.analysis.access.Reason;
import io.allowpath.analysis.access.Verdict;
import io.allowpath.analysis.audit.Auditor;
import io.allowpath.analysis.audit.Finding;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.EgressResolver;
import io.allowpath.ingest.load.EstateLoader;
import io.allowpath.model.Estate;
import io.allowpath.model.Target;
import io.allowpath.synth.SyntheticEstate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The report's grouped pairs hold every checked pair exactly once with the outcome, reasons and via of
 * its explained verdict ({@link AccessEvaluator#evaluate}); computes in a group share the egress
 * situation shown; and the audit over only the verdicts whose reasons the verdict rules read gives the
 * same findings as the audit over every verdict.
 */
class PairGroupsTest {
  static final Set<Reason> AUDITED = EnumSet.of(Reason.SOME_EGRESS_IPS_NOT_ADMITTED, Reason.STORAGE_SAME_REGION,
      Reason.IP_RULE_SHADOWED_BY_SERVICE_ENDPOINT);

  @TempDir Path dir;

  @Test
  void exampleEstate() throws IOException {
    check(new EstateLoader().load(List.of(Path.of("../examples/estate"))));
  }

  @ParameterizedTest(name = "seed {0}: {1} computes x {2} targets")
  @CsvSource({"1, 40, 120", "3, 80, 200"})
  void syntheticEstates(long seed, int computes, int targets) throws IOException {
    Path f = dir.resolve("e.json");
    SyntheticEstate.write(f, computes, targets, 20, seed);
    check(new EstateLoader().load(List.of(f)));
  }

  private static void check(Estate estate) {
    AccessEvaluator ev = new AccessEvaluator(new EgressResolver(estate, null), null);
    List<Compute> computes = ev.resolver().computes();
    List<Target> targets = ev.targets();
    PairGroups pg = PairGroups.of(ev, computes, targets);
    Map<String, String> got = new HashMap<>();
    for (int g = 0; g < pg.size(); g++) {
      for (int m : pg.members(g)) {
        assertThat(pg.situationOf(m)).isEqualTo(pg.situation(g));
        String key = computes.get(m).key() + " -> " + pg.target(g).id().value();
        assertThat(got.put(key, pg.outcome(g) + " " + pg.via(g) + " " + pg.reasons(g))).as("each pair once: " + key)
            .isNull();
      }
    }
    List<Verdict> all = ev.verdicts(computes, targets);
    assertThat(got).hasSize(all.size());
    assertThat(pg.pairs()).isEqualTo(all.size());
    for (Verdict v : all) {
      assertThat(got.get(v.compute().key() + " -> " + v.target().id().value()))
          .isEqualTo(v.outcome() + " " + v.via() + " " + v.reasons());
    }
    List<Finding> full = new Auditor(ev).audit(computes, targets, all);
    List<Finding> fromGroups = new Auditor(ev).audit(computes, targets, pg.verdictsWithAny(ev, AUDITED));
    assertThat(fromGroups).isEqualTo(full);
  }
}
