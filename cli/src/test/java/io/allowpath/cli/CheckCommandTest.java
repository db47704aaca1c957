package io.allowpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.allowpath.analysis.access.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code allowpath check} against CONTRACT.md, on the demo estate in {@code examples/estate}. */
class CheckCommandTest {
  static final String ESTATE = "../examples/estate";
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final Set<String> VERDICTS = Set.of("ALLOW", "DENY", "AMBIGUOUS", "UNKNOWN");
  static final Set<String> VIAS = Set.of("PUBLIC_IP", "SERVICE_ENDPOINT", "PRIVATE_ENDPOINT", "MANAGED_PRIVATE_ENDPOINT",
      "NONE");
  static final Set<String> CODES = Arrays.stream(Reason.values()).map(Enum::name).collect(Collectors.toSet());

  static CliRun run(String... args) {
    return CliRun.of(args);
  }

  static Set<String> fieldNames(JsonNode o) {
    Set<String> s = new HashSet<>();
    o.fieldNames().forEachRemaining(s::add);
    return s;
  }

  static Map<String, Integer> countVerdicts(JsonNode checks) {
    Map<String, Integer> m = new HashMap<>();
    VERDICTS.forEach(v -> m.put(v, 0));
    checks.forEach(c -> m.merge(c.get("verdict").asText(), 1, Integer::sum));
    return m;
  }

  @Test
  void checkJsonOnTheDemoEstateFollowsTheContractExactly() {
    CliRun r = run("check", "--estate", ESTATE, "--output", "json");
    assertThat(r.code()).as("some verdict is not ALLOW: exit 1; stderr %s", r.err()).isEqualTo(1);
    JsonNode root = r.json();
    assertThat(fieldNames(root)).containsExactlyInAnyOrder("checks", "diagnostics");
    assertThat(root.get("checks").isArray()).isTrue();
    assertThat(root.get("checks").size()).isPositive();
    for (JsonNode c : root.get("checks")) {
      assertThat(fieldNames(c)).as("check fields").containsExactlyInAnyOrder("from", "to", "fromName", "toName",
          "verdict", "via", "sourceAddresses", "reasons", "hops");
      // the names are what the table prints, and --from/--to accept them back (issue 17)
      assertThat(c.get("fromName").asText()).matches("[^/]+/[^/]+");
      assertThat(c.get("from").asText()).startsWith("/subscriptions/");
      assertThat(c.get("to").asText()).startsWith("/subscriptions/").doesNotContain("#");
      assertThat(c.get("verdict").asText()).isIn(VERDICTS);
      assertThat(c.get("via").asText()).isIn(VIAS);
      assertThat(c.get("sourceAddresses").isArray()).isTrue();
      c.get("sourceAddresses").forEach(s -> assertThat(s.isTextual()).isTrue());
      assertThat(c.get("reasons").isArray()).isTrue();
      assertThat(c.get("reasons").size()).as("every verdict carries a reason: %s", c).isPositive();
      c.get("reasons").forEach(x -> assertThat(x.asText()).as("reason code").isIn(CODES));
      assertThat(c.get("hops").isArray()).isTrue();
      assertThat(c.get("hops").size()).isPositive();
      for (JsonNode h : c.get("hops")) {
        assertThat(fieldNames(h)).as("hop fields").containsExactlyInAnyOrder("kind", "resource", "detail");
        assertThat(h.get("kind").isTextual()).isTrue();
        assertThat(h.get("resource").isNull() || h.get("resource").isTextual()).isTrue();
        assertThat(h.get("detail").asText()).isNotBlank();
      }
      assertThat(c.get("hops")).as("a hop names the target or the deciding resource: %s", c)
          .anyMatch(h -> !h.get("resource").isNull());
      if (c.get("via").asText().equals("SERVICE_ENDPOINT")) {
        assertThat(c.get("sourceAddresses")).hasSize(1);
        assertThat(c.get("sourceAddresses").get(0).asText()).contains("/subnets/");
      }
    }
    for (JsonNode d : root.get("diagnostics")) {
      assertThat(fieldNames(d)).containsExactlyInAnyOrder("severity", "resource", "message");
      assertThat(d.get("severity").asText()).isIn("ERROR", "WARNING", "INFO");
    }
  }

  @Test
  void theExampleEstateShowsAllFourVerdicts() {
    Map<String, Integer> counts = countVerdicts(run("check", "--estate", ESTATE, "--output", "json").json().get("checks"));
    assertThat(counts).allSatisfy((v, n) -> assertThat(n).as("verdict %s", v).isPositive());
  }

  @Test
  void summaryHasTheContractShapeAndTheJsonOutputsCounts() {
    CliRun full = run("check", "--estate", ESTATE, "--output", "json");
    CliRun sum = run("check", "--estate", ESTATE, "--output", "summary");
    assertThat(sum.code()).isEqualTo(1);
    JsonNode s = sum.json();
    assertThat(fieldNames(s)).containsExactlyInAnyOrder("ALLOW", "DENY", "AMBIGUOUS", "UNKNOWN", "reasons");
    Map<String, Integer> counts = countVerdicts(full.json().get("checks"));
    for (String v : VERDICTS) {
      assertThat(s.get(v).asInt()).as("summary %s", v).isEqualTo(counts.get(v));
    }
    Map<String, Integer> reasons = new TreeMap<>();
    full.json().get("checks").forEach(c -> c.get("reasons").forEach(x -> reasons.merge(x.asText(), 1, Integer::sum)));
    Map<String, Integer> summaryReasons = new TreeMap<>();
    s.get("reasons").properties().forEach(e -> summaryReasons.put(e.getKey(), e.getValue().asInt()));
    assertThat(summaryReasons).isEqualTo(reasons);
  }

  @Test
  void onlyFailingListsEveryNonAllowPairAndNoAllow() {
    JsonNode all = run("check", "--estate", ESTATE, "--output", "json").json().get("checks");
    CliRun r = run("check", "--estate", ESTATE, "--output", "json", "--only-failing");
    assertThat(r.code()).isEqualTo(1);
    JsonNode failing = r.json().get("checks");
    assertThat(failing).noneMatch(c -> c.get("verdict").asText().equals("ALLOW"));
    Map<String, Integer> counts = countVerdicts(all);
    assertThat(failing.size()).isEqualTo(all.size() - counts.get("ALLOW")).isPositive();
  }

  @Test
  void exitZeroWhenTheChosenPairsAreAllAllow() {
    CliRun r = run("check", "--estate", ESTATE, "--from", "mlw-managed", "--to", "stmlmanaged", "--to", "kv-ml-managed",
        "--output", "json");
    assertThat(r.code()).as("stderr %s", r.err()).isZero();
    JsonNode checks = r.json().get("checks");
    assertThat(checks.size()).isEqualTo(2);
    assertThat(checks).allMatch(c -> c.get("verdict").asText().equals("ALLOW"));
  }

  @Test
  void unknownTargetNameIsAUsageErrorOnOneLine() {
    CliRun r = run("check", "--estate", ESTATE, "--to", "no-such-target");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).contains("no-such-target").doesNotContain("\n").doesNotContain("Exception");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void ambiguousTargetNameIsAUsageErrorOnOneLine(@TempDir Path dir) throws IOException {
    String sub = "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/";
    String acct = "{\"id\":\"%s\",\"name\":\"stdup\",\"type\":\"Microsoft.Storage/storageAccounts\",\"location\":\"eastus\","
        + "\"kind\":\"StorageV2\",\"sku\":{\"name\":\"Standard_LRS\"},\"properties\":{}}";
    Path f = dir.resolve("dup.json");
    Files.writeString(f, "[" + String.format(acct, sub + "rg-a/providers/Microsoft.Storage/storageAccounts/stdup") + ","
        + String.format(acct, sub + "rg-b/providers/Microsoft.Storage/storageAccounts/stdup") + "]");
    CliRun r = run("check", "--estate", ESTATE, "--estate", f.toString(), "--to", "stdup");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).contains("stdup").doesNotContain("\n").doesNotContain("Exception");
    assertThat(r.err()).as("lists the candidates").contains("rg-a").contains("rg-b");
  }
}
