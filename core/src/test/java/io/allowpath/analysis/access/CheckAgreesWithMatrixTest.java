package io.allowpath.analysis.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.EgressResolver;
import io.allowpath.ingest.EstateLoader;
import io.allowpath.model.DatabricksWorkspace;
import io.allowpath.model.Estate;
import io.allowpath.model.ServiceTags;
import io.allowpath.model.Target;
import io.allowpath.synth.SyntheticEstate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code check} (the explained verdict, {@link AccessEvaluator#evaluate} per pair) and {@code check --output
 * summary} / audit's matrix ({@link Matrix#visit}, {@link Matrix#summary}) give every (compute, target)
 * pair the same outcome and the same ordered reason list, pair by pair, not only in totals: on the
 * example estate and on generated estates of several seeds and small sizes, with and without a service
 * tags file. Only the public API is used (resolver and evaluator constructors, evaluate, visit, summary),
 * so the test holds whatever the matrix does inside.
 *
 * <p>Skipped pairs: a Databricks compute and its own workspace talk over the control plane, so neither
 * {@code check} nor the matrix reports that pair.
 */
class CheckAgreesWithMatrixTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "example estate, service tags {0}")
  @ValueSource(booleans = {false, true})
  void exampleEstate(boolean tags) {
    Estate e = new EstateLoader().load(List.of(Path.of("../examples/estate")));
    int pairs = compare(e, tags ? AccessCases.tags(dir) : null);
    assertThat(pairs).as("pairs compared").isGreaterThan(10);
  }

  @ParameterizedTest(name = "seed {0}: {1} computes x {2} targets, {3} rules, service tags {4}")
  @CsvSource({"11, 20, 40, 6, false", "12, 20, 40, 6, true", "13, 30, 30, 12, false", "14, 12, 60, 3, true",
      "15, 40, 20, 20, false"})
  void syntheticEstate(long seed, int computes, int targets, int rules, boolean tags) throws IOException {
    Path f = dir.resolve("synth-" + seed + ".json");
    SyntheticEstate.write(f, computes, targets, rules, seed);
    Estate e = new EstateLoader().load(List.of(f));
    int pairs = compare(e, tags ? AccessCases.tags(dir) : null);
    assertThat(pairs).as("pairs compared").isGreaterThan(computes * targets / 2);
  }

  static boolean skipped(Compute c, Target t) {
    return t instanceof DatabricksWorkspace && c.workspace().equals(t.id());
  }

  /** Compares every pair; returns how many were compared. */
  static int compare(Estate estate, ServiceTags tags) {
    EgressResolver resolver = new EgressResolver(estate, tags);
    List<Compute> computes = resolver.computes();
    List<Target> targets = ReasonCoverageTest.targets(estate);
    assertThat(computes).isNotEmpty();
    assertThat(targets).isNotEmpty();

    // what check prints: one explained verdict per pair
    AccessEvaluator explained = new AccessEvaluator(resolver, tags);
    Map<String, String> check = new LinkedHashMap<>();
    Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
    Map<Reason, Long> reasons = new EnumMap<>(Reason.class);
    for (Compute c : computes) {
      for (Target t : targets) {
        if (skipped(c, t)) {
          continue;
        }
        Verdict v = explained.evaluate(c, t);
        check.put(pair(c, t), v.outcome() + " " + v.reasons());
        outcomes.merge(v.outcome(), 1L, Long::sum);
        v.reasons().forEach(r -> reasons.merge(r, 1L, Long::sum));
      }
    }

    // what the matrix answers, on a fresh resolver and evaluator (no cache shared with check)
    AccessEvaluator grouped = new AccessEvaluator(new EgressResolver(estate, tags), tags);
    Map<String, String> matrix = new LinkedHashMap<>();
    List<String> twice = new ArrayList<>();
    Matrix.visit(grouped, grouped.resolver().computes(), targets, (cs, t, o, rs) -> {
      for (Compute c : cs) {
        if (matrix.put(pair(c, t), o + " " + rs) != null) {
          twice.add(pair(c, t));
        }
      }
    });
    assertThat(twice).as("pairs the matrix answered more than once").isEmpty();

    TreeSet<String> differ = new TreeSet<>();
    for (Map.Entry<String, String> x : check.entrySet()) {
      String m = matrix.get(x.getKey());
      if (!x.getValue().equals(m)) {
        differ.add(x.getKey() + ": check " + x.getValue() + ", matrix " + m);
      }
    }
    for (String k : matrix.keySet()) {
      if (!check.containsKey(k)) {
        differ.add(k + ": matrix " + matrix.get(k) + ", check has no such pair");
      }
    }
    assertThat(differ).as("pairs where check and the matrix disagree").isEmpty();

    Matrix.Counts counts = Matrix.summary(new AccessEvaluator(new EgressResolver(estate, tags), tags), computes,
        targets);
    assertThat(counts.total()).as("summary total").isEqualTo(check.size());
    for (Outcome o : Outcome.values()) {
      assertThat(counts.count(o)).as("summary count of %s", o).isEqualTo(outcomes.getOrDefault(o, 0L));
    }
    assertThat(counts.reasons()).as("summary reason counts").isEqualTo(reasons);
    return check.size();
  }

  static String pair(Compute c, Target t) {
    return c.key() + " -> " + t.id().value();
  }
}
