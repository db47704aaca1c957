package io.allowpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --intents} on check and plan (issue 17, deliverables 1 and 2), on the example estate. */
class IntentsCommandTest {
  private static final String ESTATE = "../examples/estate";
  private static final String SECRETS = "src/test/resources/intents/secrets.yaml";
  private static final String EXFILTRATION = "src/test/resources/intents/exfiltration.json";

  @Test
  void aReachPairThatIsNotAllowIsAViolationAndOnlyCoveredPairsAreChecked() {
    CliRun r = CliRun.of("check", "--estate", ESTATE, "--intents", SECRETS, "-o", "json");
    assertThat(r.code()).as("a reach intent is violated: exit 1; %s", r.err()).isEqualTo(1);
    JsonNode j = r.json();
    assertThat(j.get("intents").get("pairs").asInt()).isEqualTo(2);
    assertThat(j.get("checks")).hasSize(2);
    JsonNode v = j.get("intents").get("violations");
    assertThat(v).hasSize(1);
    assertThat(v.get(0).get("fromName").asText()).isEqualTo("mlw-prod/gpu-cluster");
    assertThat(v.get(0).get("intent").asText()).isEqualTo("training-reads-secrets");
    assertThat(v.get(0).get("expect").asText()).isEqualTo("reach");
  }

  @Test
  void aNotReachPairThatIsAllowedIsAViolationExitOne() {
    CliRun r = CliRun.of("check", "--estate", ESTATE, "--intents", EXFILTRATION);
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("Intent violations (1 of 1 pairs covered by intents")
        .contains("mlw-prod/gpu-cluster").contains("not-reach").contains("ALLOW")
        .contains("no-registry-pushes-from-training");
  }

  @Test
  void noViolationExitsZeroEvenWhenOtherPairsFail() {
    CliRun r = CliRun.of("check", "--estate", ESTATE, "--from", "mlw-managed", "--intents", "inferred");
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out()).startsWith("No intent violation: 3 pair(s) covered");
  }

  @Test
  void inferredIntentsCoverEachAmlWorkspacesOwnDependenciesOnly() {
    JsonNode j = CliRun.of("check", "--estate", ESTATE, "--intents", "inferred", "-o", "json").json();
    List<String> targets = new ArrayList<>();
    j.get("checks").forEach(c -> targets.add(c.get("toName").asText()));
    assertThat(targets).isNotEmpty().allMatch(t -> List.of("mlw-prod", "stmlprod", "kv-ml-prod", "crmlprod",
        "mlw-managed", "stmlmanaged", "kv-ml-managed", "crmlmanaged").contains(t));
  }

  @Test
  void planNeverOpensANotReachPairAndSaysWhichIntentBlockedTheChange() {
    CliRun r = CliRun.of("plan", "--estate", ESTATE, "--intents", SECRETS, "-o", "json");
    // gpu-cluster's fix would be a VNet rule for its subnet on kv-ml-prod, which serverless shares
    assertThat(r.err()).contains("left out ADD_VNET_RULE on kv-ml-prod: it would let mlw-prod/serverless -> "
        + "kv-ml-prod reach, which intent 'serverless-never-reads-secrets' forbids (not-reach)");
    List<String> changes = new ArrayList<>();
    r.json().get("changes").forEach(c -> changes.add(c.get("action").asText() + " " + c.get("resource").asText()));
    assertThat(changes).noneMatch(c -> c.contains("kv-ml-prod"));
  }

  @Test
  void aReachIntentListedFirstDecidesItsPairsForThePlanGuardToo(@TempDir Path dir) throws Exception {
    // first match (docs/intents.md): the not-reach intent below decides no pair, so the plan may open serverless
    Path f = dir.resolve("first-match.yaml");
    Files.writeString(f, "intents:\n  - name: every-compute-reads-secrets\n    from: mlw-prod/*\n    to: kv-ml-prod\n"
        + "    expect: reach\n  - name: serverless-never-reads-secrets\n    from: mlw-prod/serverless\n"
        + "    to: kv-ml-prod\n    expect: not-reach\n");
    CliRun r = CliRun.of("plan", "--estate", ESTATE, "--intents", f.toString(), "-o", "json");
    assertThat(r.err()).doesNotContain("left out");
    List<String> changes = new ArrayList<>();
    r.json().get("changes").forEach(c -> changes.add(c.get("action").asText() + " " + c.get("resource").asText()));
    assertThat(changes).anyMatch(c -> c.contains("kv-ml-prod"));
  }

  @Test
  void planWithIntentsTouchesOnlyReachPairs() {
    JsonNode j = CliRun.of("plan", "--estate", ESTATE, "--intents", "inferred", "-o", "json").json();
    List<String> resources = new ArrayList<>();
    j.get("changes").forEach(c -> resources.add(c.get("resource").asText().toLowerCase()));
    assertThat(resources).isNotEmpty().noneMatch(id -> id.contains("microsoft.web/sites"));
  }

  @Test
  void aBadIntentsFileIsOneLineNamingWhere(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, "intents:\n  - from: mlw-prod/gpu-cluster\n    to: kv-ml-prod\n    expect: maybe\n");
    CliRun r = CliRun.of("check", "--estate", ESTATE, "--intents", f.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").contains("bad.yaml: /intents/0/expect: expected reach or not-reach, "
        + "found 'maybe'");
  }
}
