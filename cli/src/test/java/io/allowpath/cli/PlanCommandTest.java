package io.allowpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code allowpath plan} exit codes (docs/contract.md): unresolved pairs are reported, not failures, unless asked. */
class PlanCommandTest {
  static final String ESTATE = CheckCommandTest.ESTATE;

  @Test
  void aPlanWithUnresolvedPairsExitsZeroAndListsThem() {
    CliRun r = CliRun.of("plan", "--estate", ESTATE, "-o", "json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode plan = r.json();
    assertThat(plan.path("changes").size()).isPositive();
    // the example estate has pairs no change can fix; they are listed, and the plan still succeeds
    assertThat(plan.path("unresolved").size()).isPositive();
  }

  @Test
  void failOnUnresolvedExitsOneWhenSomePairCannotBeFixed() {
    CliRun r = CliRun.of("plan", "--estate", ESTATE, "-o", "json", "--fail-on-unresolved");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.json().path("unresolved").size()).isPositive();
  }

  @Test
  void failOnUnresolvedExitsZeroWhenEveryPairIsFixable() {
    // one compute and one target the plan fixes completely
    CliRun all = CliRun.of("plan", "--estate", ESTATE, "-o", "json");
    JsonNode change = all.json().path("changes").get(0);
    String pair = change.path("for").get(0).asText();
    String from = pair.substring(0, pair.indexOf(" -> "));
    String to = pair.substring(pair.indexOf(" -> ") + 4);
    CliRun one = CliRun.of("plan", "--estate", ESTATE, "-o", "json", "--from", from, "--to", to, "--fail-on-unresolved");
    assertThat(one.json().path("unresolved").size()).as(one.out()).isZero();
    assertThat(one.code()).isZero();
  }

  @Test
  void theReadmeChainRunsCheckAfterPlan(@TempDir Path dir) {
    Path after = dir.resolve("after.json");
    CliRun plan = CliRun.of("plan", "--estate", ESTATE, "--write-estate", after.toString());
    assertThat(plan.code()).as(plan.err()).isZero();
    assertThat(after).exists();
    CliRun check = CliRun.of("check", "--estate", after.toString(), "--output", "summary");
    assertThat(check.code()).as(check.err()).isIn(0, 1);
    assertThat(check.json().has("ALLOW")).isTrue();
  }

  @Test
  void outDirWritesOneFilePerResourceGroupAndAReadme(@TempDir Path dir) {
    Path out = dir.resolve("bicep-plan");
    CliRun r = CliRun.of("plan", "--estate", ESTATE, "--intents", "inferred", "--emit", "bicep", "--out-dir", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("README.md");
    assertThat(out.resolve("README.md")).exists().content().contains("## Apply").contains("## Why this order");
    assertThat(out.resolve("main.bicep")).exists();
    assertThat(out.resolve("11111111-1111-1111-1111-111111111111/rg-network.bicep")).exists();
    assertThat(out.resolve("11111111-1111-1111-1111-111111111111/rg-ml-prod.bicep")).exists();
  }

  @Test
  void outDirWithoutEmitIsAUsageError(@TempDir Path dir) {
    CliRun r = CliRun.of("plan", "--estate", ESTATE, "--out-dir", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--out-dir needs --emit");
  }

  @Test
  void planJsonNamesTheComputeInstanceWhoseAddressTheNatGatewayChanges() {
    CliRun r = CliRun.of("plan", "--estate", ESTATE, "-o", "json");
    assertThat(r.code()).as(r.err()).isZero();
    boolean found = false;
    for (JsonNode c : r.json().path("changes")) {
      for (JsonNode e : c.path("sideEffects").path("egress")) {
        if (c.path("action").asText().equals("CREATE_NAT_GATEWAY") && e.path("name").asText().equals("mlw-prod/ci-alice")
            && e.path("before").asText().startsWith("40.121.5.6 ")) {
          found = true;
        }
      }
    }
    assertThat(found).as(r.out()).isTrue();
  }
}
