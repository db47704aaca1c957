package io.allowpath.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.analysis.access.AccessEvaluator;
import io.allowpath.analysis.access.Verdict;
import io.allowpath.analysis.audit.Auditor;
import io.allowpath.analysis.audit.Finding;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.EgressResolver;
import io.allowpath.ingest.load.EstateLoader;
import io.allowpath.model.Estate;
import io.allowpath.model.Target;
import io.allowpath.synth.SyntheticEstate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
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
 * situation shown; the audit over the grouped answers ({@link Auditor#auditShared}) gives the same findings
 * as the audit over every verdict; and the groups collapsed by service keep every count.
 */
class PairGroupsTest {
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
    List<Finding> fromGroups = new Auditor(ev).auditShared(computes, targets, pg.audited());
    assertThat(fromGroups).isEqualTo(full);
    assertThat(pg.collapsed()).isFalse();
    assertThat(pg.answers()).isEqualTo(pg.size());
    collapsedKeepsTheCounts(ev, computes, targets, pg);
  }

  /**
   * Collapsed by service (a limit of one answer), the groups hold the same pairs per (compute, service,
   * verdict, reasons, via) with their weights, and outcome counts, rows and audited answers do not change.
   */
  private static void collapsedKeepsTheCounts(AccessEvaluator ev, List<Compute> computes, List<Target> targets,
      PairGroups full) {
    PairGroups c = PairGroups.of(ev, computes, targets, 1);
    assertThat(c.collapsed()).isTrue();
    assertThat(c.pairs()).isEqualTo(full.pairs());
    assertThat(c.answers()).isEqualTo(full.answers());
    assertThat(c.rows()).isEqualTo(full.rows());
    assertThat(c.audited()).hasSameSizeAs(full.audited());
    Map<String, Long> expected = new HashMap<>();
    Map<String, Set<Integer>> expectedTargets = new HashMap<>();
    for (int g = 0; g < full.size(); g++) {
      String k = full.situation(g) + " " + full.service(g) + " " + full.outcome(g) + " " + full.reasons(g) + " " + full.via(g);
      for (int m : full.members(g)) {
        expected.merge(k + " " + m, 1L, Long::sum);
      }
      expectedTargets.computeIfAbsent(k, x -> new HashSet<>()).add(full.targetIndex(g));
    }
    Map<String, Long> got = new HashMap<>();
    long pairs = 0;
    for (int g = 0; g < c.size(); g++) {
      String k = c.situation(g) + " " + c.service(g) + " " + c.outcome(g) + " " + c.reasons(g) + " " + c.via(g);
      long sum = 0;
      for (int j = 0; j < c.members(g).length; j++) {
        assertThat(c.situationOf(c.members(g)[j])).isEqualTo(c.situation(g));
        assertThat(got.put(k + " " + c.members(g)[j], (long) c.weight(g, j))).isNull();
        sum += c.weight(g, j);
      }
      assertThat(c.groupPairs(g)).isEqualTo(sum);
      assertThat(c.groupTargets(g)).as(k).isEqualTo(expectedTargets.get(k).size());
      pairs += sum;
    }
    assertThat(got).isEqualTo(expected);
    assertThat(pairs).isEqualTo(full.pairs());
    // the pair file of a collapsed report: every target's answers, as the uncollapsed groups hold them
    Set<String> fullAnswers = new HashSet<>();
    for (int g = 0; g < full.size(); g++) {
      fullAnswers.add(full.situation(g) + " " + full.targetIndex(g) + " " + full.outcome(g).ordinal() + " "
          + full.reasonSet(g) + " " + full.via(g).ordinal() + " " + Arrays.toString(full.members(g)));
    }
    StringWriter w = new StringWriter();
    try {
      HtmlReport.writePairs(c, ev, null, w);
      JsonNode file = new ObjectMapper().readTree(w.toString());
      assertThat(file.get("targets")).hasSize(targets.size());
      Set<String> written = new HashSet<>();
      for (JsonNode a : file.get("answers")) {
        List<Integer> ms = new ArrayList<>();
        a.get(5).forEach(m -> ms.add(m.asInt()));
        assertThat(written.add(a.get(0).asInt() + " " + a.get(1).asInt() + " " + a.get(2).asInt() + " " + a.get(3).asInt()
            + " " + a.get(4).asInt() + " " + ms)).isTrue();
      }
      assertThat(written).isEqualTo(fullAnswers);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
