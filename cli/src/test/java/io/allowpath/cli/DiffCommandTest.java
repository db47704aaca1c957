package io.allowpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code allowpath diff}: outputs, exit codes and usage errors (docs/contract.md "diff"). */
class DiffCommandTest {
  static final String PLAN = "../core/src/test/resources/terraform/nat-removal.plan.json";
  static final String STATE = "../core/src/test/resources/terraform/ml.state.json";
  static final String ESTATE = "../examples/estate";

  @Test
  void aPlanThatRemovesTheNatAssociationExitsOneWithTheRegressionsFirst() {
    CliRun r = CliRun.of("diff", "--plan", PLAN);
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.out()).startsWith("2 regression(s), 0 other verdict change(s), 1 egress change(s).")
        .contains("REGRESSION  mlw-prod/gpu-cluster  kv-ml-prod")
        .contains("snet-train (subnets): natGateway ng-ml -> (none); removed "
            + "module.network.azurerm_subnet_nat_gateway_association.train");
  }

  @Test
  void markdownIsAPullRequestComment() {
    CliRun r = CliRun.of("diff", "--plan", PLAN, "--output", "markdown");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).startsWith("### allowpath: :x: 2 regression(s)")
        .contains("| | Compute | Target | Before | After | Cause |")
        .contains("`module.network.azurerm_subnet.train`");
  }

  @Test
  void jsonFollowsTheContract() {
    CliRun r = CliRun.of("diff", "--plan", PLAN, "-o", "json");
    JsonNode root = r.json();
    assertThat(root.fieldNames()).toIterable().containsExactly("summary", "pairs", "egress", "diagnostics");
    assertThat(root.path("summary").path("regressions").asInt()).isEqualTo(2);
    JsonNode p = root.path("pairs").get(0);
    assertThat(p.fieldNames()).toIterable().containsExactly("from", "to", "before", "after", "regression",
        "reasonsBefore", "reasonsAfter", "causes");
    JsonNode c = p.path("causes").get(0);
    assertThat(c.path("attributes").get(0).path("attribute").asText()).isEqualTo("natGateway");
    assertThat(c.path("pointer").asText()).isEqualTo("module.network.azurerm_subnet.train");
    // the association the plan deletes, which set the subnet's natGateway
    assertThat(c.path("terraform").path("removed").get(0).asText())
        .isEqualTo("module.network.azurerm_subnet_nat_gateway_association.train");
    assertThat(c.path("terraform").path("added")).isEmpty();
    assertThat(root.path("egress").get(0).path("addressesBefore").get(0).asText()).isEqualTo("52.170.44.7");
  }

  @Test
  void sarifHasOneResultPerChangeAtItsCause() {
    CliRun r = CliRun.of("diff", "--plan", PLAN, "-o", "sarif");
    JsonNode run = r.json().path("runs").get(0);
    assertThat(r.json().path("version").asText()).isEqualTo("2.1.0");
    assertThat(run.path("results")).hasSize(3);
    assertThat(run.path("results").get(0).path("ruleId").asText()).isEqualTo("DIFF001");
    assertThat(run.path("results").get(0).path("level").asText()).isEqualTo("error");
    assertThat(run.path("results").get(2).path("ruleId").asText()).isEqualTo("DIFF003");
    assertThat(run.path("results").get(0).path("locations").get(0).path("logicalLocations").get(1)
        .path("fullyQualifiedName").asText()).isEqualTo("module.network.azurerm_subnet.train");
  }

  @Test
  void failOnDecidesTheExitCode() {
    assertThat(CliRun.of("diff", "--plan", PLAN, "--fail-on", "never").code()).isZero();
    // the state equals the plan's prior side: before (state) -> after (plan's planned values) regresses
    assertThat(CliRun.of("diff", "--before", STATE, "--after", PLAN).code()).isEqualTo(1);
    // reversed, the same pairs improve: a change but no regression
    assertThat(CliRun.of("diff", "--before", PLAN, "--after", STATE).code()).isZero();
    assertThat(CliRun.of("diff", "--before", PLAN, "--after", STATE, "--fail-on", "change").code()).isEqualTo(1);
  }

  @Test
  void identicalEstatesAreEmptyWithExitZero() {
    CliRun r = CliRun.of("diff", "--before", ESTATE, "--after", ESTATE, "--fail-on", "change");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("No change: every verdict and every egress is the same");
  }

  @Test
  void badUsageAndBadInputAreOneLineWithExitTwo(@TempDir Path tmp) throws IOException {
    CliRun both = CliRun.of("diff", "--plan", PLAN, "--before", ESTATE);
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err().strip()).doesNotContain("\n").contains("either --plan or --before and --after");
    CliRun half = CliRun.of("diff", "--before", ESTATE);
    assertThat(half.code()).isEqualTo(2);
    CliRun state = CliRun.of("diff", "--plan", STATE);
    assertThat(state.code()).isEqualTo(2);
    assertThat(state.err()).contains("expected the JSON of a Terraform plan");
    Path bad = tmp.resolve("plan.json");
    Files.writeString(bad, "{\"format_version\": \"1.2\", \"planned_values\": ");
    CliRun malformed = CliRun.of("diff", "--plan", bad.toString());
    assertThat(malformed.code()).isEqualTo(2);
    assertThat(malformed.err().strip()).doesNotContain("\n").contains("malformed JSON");
  }
}
