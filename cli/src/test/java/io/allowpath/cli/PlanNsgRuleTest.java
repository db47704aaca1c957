package io.allowpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 §8 end to end on the example estate: the demo's NSG-blocked pair ({@code mlw-prod/secure-cluster ->
 * sql-legacy}: the secure subnet's NSG denies the Internet tag at 4000, the server admits Azure services) gets an
 * outbound allow rule from {@code plan}; the plan written back into the estate makes the pair ALLOW; every emitter
 * writes the rule; a {@code not-reach} intent the rule would break keeps it out.
 */
class PlanNsgRuleTest {
  static final String ESTATE = "../examples/estate";
  @TempDir Path tmp;

  static JsonNode nsgChanges(JsonNode plan) {
    List<JsonNode> out = new ArrayList<>();
    plan.path("changes").forEach(c -> {
      if (c.path("action").asText().equals("ADD_NSG_RULE")) {
        out.add(c);
      }
    });
    return CliRun.MAPPER.valueToTree(out);
  }

  @Test
  void planProposesTheNsgRuleAndTheWrittenEstateAllowsThePair() throws Exception {
    Path after = tmp.resolve("after.json");
    CliRun plan = CliRun.of("plan", "--estate", ESTATE, "--from", "secure-cluster", "--to", "sql-legacy", "-o", "json",
        "--write-estate", after.toString());
    assertThat(plan.code()).as(plan.err()).isZero();
    JsonNode changes = plan.json().path("changes");
    assertThat(changes).hasSize(1);
    JsonNode c = changes.get(0);
    assertThat(c.path("action").asText()).isEqualTo("ADD_NSG_RULE");
    assertThat(c.path("resource").asText()).endsWith("/networkSecurityGroups/nsg-ml-secure");
    assertThat(c.path("value").asText())
        .isEqualTo("Outbound Allow Tcp rule allowpath-sql-eastus (priority 3999): 10.1.7.0/24 -> Sql.eastus : 1433,11000-11999");
    assertThat(c.path("for").get(0).asText()).endsWith("/servers/sql-legacy");
    assertThat(c.path("why").asText()).contains("DenyInternetOutbound (priority 4000)");

    JsonNode before = CliRun.of("check", "--estate", ESTATE, "--from", "secure-cluster", "--to", "sql-legacy", "-o", "json")
        .json().path("checks").get(0);
    assertThat(before.path("verdict").asText()).isEqualTo("DENY");
    assertThat(before.path("reasons").toString()).contains("NSG_DENY_RULE");
    JsonNode fixed = CliRun.of("check", "--estate", after.toString(), "--from", "secure-cluster", "--to", "sql-legacy",
        "-o", "json").json().path("checks").get(0);
    assertThat(fixed.path("verdict").asText()).as(fixed.toString()).isEqualTo("ALLOW");
  }

  @Test
  void everyEmitterWritesTheRule() {
    String[] base = {"plan", "--estate", ESTATE, "--from", "secure-cluster", "--to", "sql-legacy", "--emit"};
    String az = run(base, "az");
    assertThat(az).contains("az network nsg rule show").contains("az network nsg rule create")
        .contains("--nsg-name 'nsg-ml-secure'").contains("--priority '3999'").contains("--direction 'Outbound'")
        .contains("--destination-address-prefixes 'Sql.eastus'").contains("--destination-port-ranges '1433' '11000-11999'");
    String bicep = run(base, "bicep");
    assertThat(bicep).contains("'Microsoft.Network/networkSecurityGroups/securityRules@2024-05-01'")
        .contains("name: 'allowpath-sql-eastus'").contains("priority: 3999").contains("destinationAddressPrefix: 'Sql.eastus'");
    String arm = run(base, "arm");
    assertThat(arm).contains("\"type\": \"Microsoft.Network/networkSecurityGroups/securityRules\"")
        .contains("\"name\": \"nsg-ml-secure/allowpath-sql-eastus\"");
    String tf = run(base, "terraform");
    assertThat(tf).contains("resource \"azurerm_network_security_rule\"").contains("network_security_group_name = \"nsg-ml-secure\"")
        .contains("destination_port_ranges").contains("priority                    = 3999");
  }

  static String run(String[] base, String format) {
    String[] args = java.util.Arrays.copyOf(base, base.length + 1);
    args[base.length] = format;
    CliRun r = CliRun.of(args);
    assertThat(r.code()).as(format + ": " + r.err()).isZero();
    return r.out();
  }

  @Test
  void aNotReachIntentTheRuleWouldBreakKeepsItOut() throws Exception {
    Path intents = tmp.resolve("intents.yaml");
    Files.writeString(intents, """
        intents:
          - name: secure-reads-features
            from: mlw-prod/secure-cluster
            to: sql-features
            expect: reach
          - name: secure-never-reads-legacy
            from: mlw-prod/secure-cluster
            to: sql-legacy
            expect: not-reach
        """);
    // without the intents the Sql.eastus rule serves both servers; with them, it would open sql-legacy (which admits
    // every Azure address) for the secure cluster: PlanGuard leaves it out
    CliRun r = CliRun.of("plan", "--estate", ESTATE, "--intents", intents.toString(), "-o", "json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(nsgChanges(r.json())).isEmpty();
    assertThat(r.err()).contains("left out ADD_NSG_RULE on nsg-ml-secure: it would let mlw-prod/secure-cluster -> sql-legacy "
        + "reach, which intent 'secure-never-reads-legacy' forbids (not-reach)");
  }
}
