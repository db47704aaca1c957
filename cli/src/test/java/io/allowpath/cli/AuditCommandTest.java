package io.allowpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.allowpath.analysis.audit.AuditRule;
import java.io.IOException;
import java.net.URI;
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

/** {@code allowpath audit} on the example estate: exit codes, JSON, and the SARIF 2.1.0 structure. */
class AuditCommandTest {
  /** A copy of the example estate below the working directory, so SARIF URIs are relative. */
  static final Path ESTATE = Path.of("target", "audit-test", "estate");

  @BeforeAll
  static void copyEstate() throws IOException {
    Files.createDirectories(ESTATE);
    try (Stream<Path> s = Files.list(Path.of("..", "examples", "estate"))) {
      for (Path p : s.toList()) {
        Files.copy(p, ESTATE.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void tableListsFindingsAndExitsOneOnErrors() {
    CliRun r = run("audit", "--estate", ESTATE.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("AP002").contains("private-cluster").contains("docs/audit-rules.md");
  }

  @Test
  void failOnControlsTheExitCode() {
    assertThat(run("audit", "--estate", ESTATE.toString(), "--fail-on", "never").code()).isZero();
    assertThat(run("audit", "--estate", ESTATE.toString(), "--fail-on", "warning").code()).isEqualTo(1);
    CliRun bad = run("audit", "--estate", ESTATE.toString(), "--fail-on", "sometimes");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(run("audit", "--estate", "no/such/dir").code()).isEqualTo(2);
  }

  @Test
  void jsonHasFindingsWithRuleSeverityResourceAndLocation() {
    JsonNode root = run("audit", "--estate", ESTATE.toString(), "-o", "json").json();
    assertThat(root.get("findings").size()).isPositive();
    for (JsonNode f : root.get("findings")) {
      assertThat(f.get("rule").asText()).matches("AP\\d{3}");
      assertThat(f.get("severity").asText()).isIn("error", "warning", "note");
      assertThat(f.get("resource").asText()).startsWith("/subscriptions/");
      assertThat(f.get("message").asText()).isNotBlank();
      assertThat(f.get("fix").asText()).isNotBlank();
      assertThat(f.get("file").asText()).endsWith(".json");
    }
    assertThat(root.get("summary").get("error").asInt()).isPositive();
  }

  @Test
  void sarifHasTheRequiredStructure() {
    CliRun r = run("audit", "--estate", ESTATE.toString(), "-o", "sarif");
    assertThat(r.code()).isEqualTo(1);
    JsonNode doc = r.json();
    assertThat(doc.get("$schema").asText()).isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
    assertThat(doc.get("version").asText()).isEqualTo("2.1.0");
    assertThat(doc.get("runs").size()).isEqualTo(1);
    JsonNode run = doc.get("runs").get(0);
    JsonNode driver = run.get("tool").get("driver");
    assertThat(driver.get("name").asText()).isEqualTo("allowpath");
    assertThat(driver.get("informationUri").asText()).startsWith("https://");
    assertThat(driver.get("semanticVersion").asText()).matches("\\d+\\.\\d+\\.\\d+");
    JsonNode rules = driver.get("rules");
    assertThat(rules.size()).isEqualTo(AuditRule.values().length);
    for (JsonNode rule : rules) {
      assertThat(rule.get("id").asText()).matches("AP\\d{3}");
      for (String f : List.of("name")) {
        assertThat(rule.get(f).asText()).isNotBlank();
      }
      for (String f : List.of("shortDescription", "fullDescription")) {
        assertThat(rule.get(f).get("text").asText()).endsWith(".");
      }
      assertThat(rule.get("help").get("text").asText()).isNotBlank();
      assertThat(rule.get("help").get("markdown").asText()).contains("**Fix:**");
      assertThat(rule.get("defaultConfiguration").get("level").asText()).isIn("error", "warning", "note");
      assertThat(rule.get("properties").get("tags").size()).isPositive();
    }
    String base = run.get("originalUriBaseIds").get("%SRCROOT%").get("uri").asText();
    assertThat(base).startsWith("file:").endsWith("/");
    assertThat(run.get("artifacts").size()).isPositive();
    Set<String> fingerprints = new HashSet<>();
    for (JsonNode res : run.get("results")) {
      String id = res.get("ruleId").asText();
      int index = res.get("ruleIndex").asInt();
      assertThat(rules.get(index).get("id").asText()).isEqualTo(id);
      assertThat(res.get("level").asText()).isEqualTo(rules.get(index).get("defaultConfiguration").get("level").asText());
      assertThat(res.get("message").get("text").asText()).endsWith(".");
      JsonNode loc = res.get("locations").get(0);
      JsonNode art = loc.get("physicalLocation").get("artifactLocation");
      assertThat(art.get("uriBaseId").asText()).isEqualTo("%SRCROOT%");
      assertThat(art.get("uri").asText()).startsWith("target/audit-test/estate/").doesNotContain("\\");
      JsonNode logical = loc.get("logicalLocations").get(0);
      assertThat(logical.get("kind").asText()).isEqualTo("resource");
      assertThat(logical.get("fullyQualifiedName").asText()).startsWith("/subscriptions/");
      assertThat(fingerprints.add(res.get("partialFingerprints").get("allowpathFinding/v1").asText())).isTrue();
    }
  }

  /** Each region points at the line holding the resource's opening brace or its "id". */
  @Test
  void sarifRegionsPointAtTheResourceInTheFile() throws IOException {
    JsonNode run = run("audit", "--estate", ESTATE.toString(), "-o", "sarif").json().get("runs").get(0);
    URI base = URI.create(run.get("originalUriBaseIds").get("%SRCROOT%").get("uri").asText());
    int checked = 0;
    for (JsonNode res : run.get("results")) {
      JsonNode phys = res.get("locations").get(0).get("physicalLocation");
      String id = res.get("locations").get(0).get("logicalLocations").get(0).get("fullyQualifiedName").asText();
      Path file = Path.of(base.resolve(phys.get("artifactLocation").get("uri").asText()));
      List<String> lines = new ArrayList<>(Files.readAllLines(file));
      int line = phys.get("region").get("startLine").asInt();
      int col = phys.get("region").get("startColumn").asInt();
      String text = lines.get(line - 1);
      assertThat(text.charAt(col - 1) == '{' || text.contains("\"" + id + "\"")).as("%s:%d %s", file, line, text).isTrue();
      // the object starting there is this resource: its "id" follows within a few lines
      String following = String.join("\n", lines.subList(line - 1, Math.min(lines.size(), line + 4)));
      assertThat(following.toLowerCase()).contains(("\"" + id + "\"").toLowerCase());
      checked++;
    }
    assertThat(checked).isPositive();
  }
}
