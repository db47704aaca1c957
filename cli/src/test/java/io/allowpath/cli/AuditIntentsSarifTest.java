package io.allowpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.allowpath.analysis.audit.AuditRule;
import io.allowpath.analysis.intent.IntentRule;
import io.allowpath.report.SarifReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code audit} for GitHub code scanning (issue 17 §9): security-severity, helpUri and informationUri on
 * every rule, and {@code --intents} adding intent violations (AI001, AI002) and unused intents (AI003) to
 * the table, JSON and SARIF. Conventions: https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning.
 */
class AuditIntentsSarifTest {
  static final Path DIR = Path.of("target", "audit-intents-test");
  static final Path ESTATE = DIR.resolve("estate");
  static final Path INTENTS = DIR.resolve("intents.json");

  @BeforeAll
  static void copyEstate() throws IOException {
    Files.createDirectories(ESTATE);
    try (Stream<Path> s = Files.list(Path.of("..", "examples", "estate"))) {
      for (Path p : s.toList()) {
        Files.copy(p, ESTATE.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    // a not-reach intent the example estate violates (gpu-cluster reaches crmlprod), and one that matches nothing
    Files.writeString(INTENTS, """
        {
          "intents": [
            { "name": "no-registry-pushes-from-training", "from": { "workspace": "mlw-prod", "name": "*/gpu-*" },
              "to": { "service": "CONTAINER_REGISTRY" }, "expect": "not-reach" },
            { "name": "typo", "from": "mlw-nope/*", "to": "*", "expect": "reach" }
          ]
        }
        """);
  }

  static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void everyRuleCarriesSecuritySeverityHelpUriAndTheSecurityTag() {
    JsonNode driver = run("audit", "--estate", ESTATE.toString(), "-o", "sarif").json().get("runs").get(0).get("tool")
        .get("driver");
    assertThat(driver.get("informationUri").asText()).isEqualTo(SarifReport.INFORMATION_URI);
    JsonNode rules = driver.get("rules");
    assertThat(rules.size()).as("intent rules only with --intents").isEqualTo(AuditRule.values().length);
    for (JsonNode rule : rules) {
      String sev = rule.get("properties").get("security-severity").asText();
      assertThat(rule.get("properties").get("security-severity").isTextual()).isTrue();
      assertThat(sev).matches("\\d{1,2}\\.\\d");
      assertThat(Double.parseDouble(sev)).isBetween(0.1, 10.0);
      List<String> tags = new ArrayList<>();
      rule.get("properties").get("tags").forEach(t -> tags.add(t.asText()));
      assertThat(tags).contains("security");
      assertThat(rule.get("helpUri").asText()).isEqualTo(SarifReport.RULES_DOC + "#"
          + rule.get("id").asText().toLowerCase() + "-" + rule.get("name").asText().toLowerCase());
    }
  }

  @Test
  void intentViolationsAreResultsOfTheirOwnRules() {
    CliRun r = run("audit", "--estate", ESTATE.toString(), "--intents", INTENTS.toString(), "-o", "sarif");
    assertThat(r.code()).isEqualTo(1);
    JsonNode run = r.json().get("runs").get(0);
    JsonNode rules = run.get("tool").get("driver").get("rules");
    assertThat(rules.size()).isEqualTo(AuditRule.values().length + IntentRule.values().length);
    List<JsonNode> ai002 = new ArrayList<>();
    List<JsonNode> ai003 = new ArrayList<>();
    Set<String> fingerprints = new HashSet<>();
    for (JsonNode res : run.get("results")) {
      JsonNode rule = rules.get(res.get("ruleIndex").asInt());
      assertThat(rule.get("id").asText()).isEqualTo(res.get("ruleId").asText());
      assertThat(fingerprints.add(res.get("partialFingerprints").get(SarifReport.FINGERPRINT).asText())).isTrue();
      switch (res.get("ruleId").asText()) {
        case "AI002" -> ai002.add(res);
        case "AI003" -> ai003.add(res);
        case "AI001" -> throw new AssertionError("no reach intent matches a pair: " + res);
        default -> { }
      }
    }
    assertThat(ai002).hasSize(1);
    JsonNode v = ai002.get(0);
    assertThat(v.get("level").asText()).isEqualTo("error");
    assertThat(v.get("message").get("text").asText()).contains("mlw-prod/gpu-cluster -> crmlprod is ALLOW")
        .contains("no-registry-pushes-from-training").contains("must not reach").endsWith(".");
    JsonNode loc = v.get("locations").get(0);
    assertThat(loc.get("physicalLocation").get("artifactLocation").get("uri").asText())
        .isEqualTo("target/audit-intents-test/estate/targets.json");
    assertThat(loc.get("physicalLocation").get("region").get("startLine").asInt()).isPositive();
    List<String> logical = new ArrayList<>();
    loc.get("logicalLocations").forEach(l -> logical.add(l.get("fullyQualifiedName").asText()));
    assertThat(logical).hasSize(2);
    assertThat(logical.get(0)).endsWith("/registries/crmlprod");
    assertThat(logical.get(1)).endsWith("/computes/gpu-cluster");

    assertThat(ai003).hasSize(1);
    JsonNode u = ai003.get(0);
    assertThat(u.get("level").asText()).isEqualTo("note");
    assertThat(u.get("message").get("text").asText()).contains("'typo'").contains("matches no pair");
    JsonNode phys = u.get("locations").get(0).get("physicalLocation");
    assertThat(phys.get("artifactLocation").get("uri").asText()).isEqualTo("target/audit-intents-test/intents.json");
    assertThat(phys.get("region").get("startLine").asInt()).as("the second intent's line").isEqualTo(5);
  }

  @Test
  void tableAndJsonShowTheIntentsAndTheirViolations() {
    CliRun t = run("audit", "--estate", ESTATE.toString(), "--intents", INTENTS.toString());
    assertThat(t.code()).isEqualTo(1);
    assertThat(t.out()).contains("Intents (intents.json): 2 intent(s) decide 1 pair(s); 1 violation(s).")
        .contains("no-registry-pushes-from-training").contains("not-reach")
        .containsPattern("AI002 +mlw-prod/gpu-cluster +crmlprod +not-reach +ALLOW")
        .contains("AI003: intent 'typo' matches no pair of the estate.");
    assertThat(t.out().indexOf("AP0")).as("findings first").isLessThan(t.out().indexOf("Intents ("));

    JsonNode j = run("audit", "--estate", ESTATE.toString(), "--intents", INTENTS.toString(), "-o", "json").json();
    JsonNode in = j.get("intents");
    assertThat(in.get("list")).hasSize(2);
    assertThat(in.get("list").get(0).get("pairs").asInt()).isEqualTo(1);
    assertThat(in.get("list").get(0).get("violations").asInt()).isEqualTo(1);
    assertThat(in.get("list").get(1).get("pairs").asInt()).isZero();
    assertThat(in.get("violations").get(0).get("rule").asText()).isEqualTo("AI002");
    assertThat(j.get("findings").size()).isPositive();
  }

  @Test
  void failOnNeverIgnoresViolations() {
    assertThat(run("audit", "--estate", ESTATE.toString(), "--intents", INTENTS.toString(), "--fail-on", "never")
        .code()).isZero();
  }

  @Test
  void explainKnowsTheIntentRules() {
    CliRun r = run("explain", "ai002");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("AI002 IntentNotReachAllowed (intent rule of audit --intents, error)")
        .contains("docs/audit-rules.md#ai002-intentnotreachallowed");
    assertThat(run("explain", "IntentMatchesNoPair").out()).startsWith("AI003 ");
  }
}
