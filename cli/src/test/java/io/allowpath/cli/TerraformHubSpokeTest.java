package io.allowpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub-spoke estate written twice, as a Terraform plan ({@code terraform show -json}: hub VNet with Azure
 * Firewall, two peered spokes whose subnets route 0.0.0.0/0 to the firewall, an AML compute cluster in one and
 * a VNet-injected Databricks workspace in the other, storage and SQL targets) and as the ARM export of the same
 * resources (core/src/test/resources/terraform/hub-spoke.gen.py writes both). Forced tunnelling to a firewall
 * SNATs to the firewall's public IP (AZURE-EGRESS.md 1.4, 1.5 [N9]), so every compute leaves from
 * 20.61.15.40, and both inputs must give the same answers.
 */
class TerraformHubSpokeTest {
  static final String DIR = "../core/src/test/resources/terraform/";
  static final String PLAN = DIR + "hub-spoke.plan.json";
  static final String ARM = DIR + "hub-spoke.arm.json";
  static final String ROUTE_REMOVAL = DIR + "hub-spoke-route-removal.plan.json";
  static final String STATE = DIR + "hub-spoke.state.json";
  /** The firewall managed by a firewall policy that the plan creates, with one rule collection group. */
  static final String POLICY_PLAN = DIR + "hub-spoke-policy.plan.json";
  static final String POLICY_STATE = DIR + "hub-spoke-policy.state.json";
  static final String POLICY_ARM = DIR + "hub-spoke-policy.arm.json";

  @Test
  void everyComputeLeavesThroughTheFirewallPublicIpInBothInputs() {
    for (String in : List.of(PLAN, ARM)) {
      CliRun r = CliRun.of("egress", "--estate", in, "-o", "json");
      assertThat(r.code()).as(r.err()).isZero();
      List<String> seen = new ArrayList<>();
      for (JsonNode e : r.json().path("egress")) {
        seen.add(e.path("name").asText());
        assertThat(e.path("mode").asText()).as(in + " " + e.path("name")).isEqualTo("FIREWALL");
        assertThat(e.path("publicIps")).extracting(JsonNode::asText).containsExactly("20.61.15.40");
      }
      assertThat(seen).containsExactlyInAnyOrder("mlw-spoke/cpu-cluster", "dbw-spoke/host", "dbw-spoke/container");
    }
    assertThat(CliRun.of("egress", "--estate", PLAN, "-o", "json").out())
        .isEqualTo(CliRun.of("egress", "--estate", ARM, "-o", "json").out());
  }

  @Test
  void theVerdictsOfThePlanAreThoseOfTheArmExport() {
    CliRun tf = CliRun.of("check", "--estate", PLAN, "-o", "json");
    CliRun arm = CliRun.of("check", "--estate", ARM, "-o", "json");
    assertThat(tf.out()).isEqualTo(arm.out());
    // the firewall IP is admitted on sthubdata only; sthublogs and stmlarchive deny it; SQL is not allowed by fw-hub
    assertThat(CliRun.of("check", "--estate", PLAN).out())
        .containsPattern("mlw-spoke/cpu-cluster +sthubdata +ALLOW +PUBLIC_IP +ADMITTED_BY_IP_RULE")
        .containsPattern("mlw-spoke/cpu-cluster +sthublogs +DENY +PUBLIC_IP +EGRESS_IP_NOT_ADMITTED")
        .containsPattern("dbw-spoke/host +stmlarchive +DENY +PUBLIC_IP +EGRESS_IP_NOT_ADMITTED")
        .containsPattern("dbw-spoke/container +sql-hub +DENY +PUBLIC_IP +FIREWALL_NO_RULE_MATCH");
  }

  @Test
  void theStateGivesTheVerdictsAndHopsOfThePlanAndTheArmExport() {
    String arm = CliRun.of("check", "-v", "--estate", ARM).out();
    assertThat(CliRun.of("check", "-v", "--estate", STATE).out()).isEqualTo(arm);
    assertThat(CliRun.of("egress", "--estate", STATE, "-o", "json").out())
        .isEqualTo(CliRun.of("egress", "--estate", ARM, "-o", "json").out());
    assertThat(CliRun.of("check", "-v", "--estate", PLAN).out()).isEqualTo(arm)
        .contains("FIREWALL_RULE: network rule spokes-https in collection spokes-egress (priority 100, Allow) matches "
            + "sthubdata.blob.core.windows.net:443")
        .contains("FIREWALL_RULE: no rule of firewall fw-hub allows sql-hub.database.windows.net:1433: denied by default");
  }

  /**
   * The firewall managed by a policy: the plan creates the policy and its rule collection group (their ids, and the
   * firewall's firewall_policy_id, known after apply and resolved through the configuration's references); the
   * group's rules, the group priority and the policy's sql_redirect_allowed give the answers and hop texts of the ARM
   * export of the same resources, from the plan and from the state after apply.
   */
  @Test
  void aFirewallPolicyAndItsRuleCollectionGroupGiveTheAnswersOfTheArmExport() {
    CliRun arm = CliRun.of("check", "-v", "--estate", POLICY_ARM);
    assertThat(arm.out()).contains("FIREWALL_RULE: application rule sql-hub in collection spokes-sql (priority 300, Allow) "
        + "matches sql-hub.database.windows.net:1433")
        .containsPattern("mlw-spoke/cpu-cluster +sql-hub +DENY +PUBLIC_IP +EGRESS_IP_NOT_ADMITTED\n")
        .containsPattern("mlw-spoke/cpu-cluster +sthubdata +ALLOW +PUBLIC_IP +ADMITTED_BY_IP_RULE")
        .doesNotContain("FIREWALL_POLICY_NOT_IN_ESTATE").doesNotContain("SQL_REDIRECT_PORTS_BLOCKED");
    for (String in : List.of(POLICY_PLAN, POLICY_STATE)) {
      CliRun tf = CliRun.of("check", "-v", "--estate", in);
      assertThat(tf.code()).as(tf.err()).isEqualTo(arm.code());
      assertThat(tf.out()).as(in).isEqualTo(arm.out());
      assertThat(CliRun.of("egress", "--estate", in, "-o", "json").out())
          .isEqualTo(CliRun.of("egress", "--estate", POLICY_ARM, "-o", "json").out());
    }
    // the plan's diff: the policy replaces the classic collection, and SQL (1433 now allowed by the firewall) stays DENY
    CliRun diff = CliRun.of("diff", "--before", PLAN, "--after", POLICY_PLAN, "-o", "json");
    assertThat(diff.code()).as(diff.err()).isZero();
  }

  @Test
  void removingTheSpokeDefaultRouteRegressesTheAmlComputeWithTheRouteAsCause() {
    CliRun r = CliRun.of("diff", "--plan", ROUTE_REMOVAL);
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.out()).startsWith("1 regression(s), 0 other verdict change(s), 1 egress change(s).")
        .containsPattern("REGRESSION +mlw-spoke/cpu-cluster +sthubdata +ALLOW +DENY +rt-spoke-ml \\(routeTables\\): routes removed")
        .containsPattern("mlw-spoke/cpu-cluster +FIREWALL 20.61.15.40 +DEFAULT_OUTBOUND");
    // the Databricks spoke keeps its route: no pair of it changes
    assertThat(r.out()).doesNotContain("dbw-spoke");
    assertThat(CliRun.of("diff", "--plan", ROUTE_REMOVAL, "-o", "markdown").out())
        .contains("`module.ml.azurerm_route.default`")
        // the removed route in words, not as Java's record text
        .contains("routes removed default-to-firewall (addressPrefix 0.0.0.0/0, nextHopType VirtualAppliance, "
            + "nextHopIp 10.0.1.4)").doesNotContain("Route[");
    // the unchanged plan is no change at all
    assertThat(CliRun.of("diff", "--plan", PLAN, "--fail-on", "change").code()).isZero();
  }

  @Test
  void planEmitsFixesAgainstTheUsersOwnAddresses() {
    CliRun r = CliRun.of("plan", "--estate", PLAN, "--emit", "terraform");
    assertThat(r.code()).as(r.err()).isZero();
    String out = r.out();
    // a resource of its own that references the user's server by address
    assertThat(out).contains("resource \"azurerm_mssql_firewall_rule\"").contains("server_id        = azurerm_mssql_server.hub.id");
    // the new firewall collection names the user's firewall by address
    assertThat(out).contains("resource \"azurerm_firewall_network_rule_collection\" \"fw_hub_allowpath_sql\"")
        .contains("azure_firewall_name = azurerm_firewall.hub.name")
        .contains("resource_group_name = azurerm_firewall.hub.resource_group_name");
    // storage rules are edits of the user's resources, never a second rules resource
    assertThat(out).contains("# EDIT azurerm_storage_account_network_rules.logs (declared by your configuration):")
        .contains("# EDIT module.ml.azurerm_storage_account.archive (declared by your configuration, in module.ml):")
        .contains("#   network_rules {").contains("#     ip_rules                   = [\"20.61.15.40\"]");
    assertThat(out.lines().filter(l -> l.startsWith("resource \"azurerm_storage_account_network_rules\""))).isEmpty();
    assertThat(out.lines().filter(l -> l.startsWith("resource \"azapi_update_resource\""))).isEmpty();
    // added to the user's root module: no terraform or provider blocks of its own, no provider aliases
    assertThat(out).doesNotContain("required_providers").doesNotContain("provider \"azurerm\"").doesNotContain("azurerm.sub_");
    // an ARM input of the same estate still gets a root module of its own with a rules resource
    String arm = CliRun.of("plan", "--estate", ARM, "--emit", "terraform").out();
    assertThat(arm).contains("required_providers").contains("resource \"azurerm_storage_account_network_rules\"")
        .doesNotContain("# EDIT");
  }

  /**
   * When the rule goes into a collection the configuration declares (here the user's collection is named
   * allowpath-sql, the one the planner adds SQL rules to), the output edits that resource instead of adopting the
   * collection with an import block and a second resource that would fight it.
   */
  @Test
  void aRuleForACollectionTheConfigurationDeclaresIsAnEditOfIt(@TempDir Path dir) throws IOException, InterruptedException {
    Path plan = dir.resolve("plan.json");
    Files.writeString(plan, Files.readString(Path.of(PLAN)).replace("\"spokes-egress\"", "\"allowpath-sql\""));
    CliRun r = CliRun.of("plan", "--estate", plan.toString(), "--emit", "terraform");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().lines().filter(l -> l.startsWith("resource \"azurerm_firewall_network_rule_collection\""))).isEmpty();
    assertThat(r.out()).doesNotContain("import {")
        .contains("# EDIT azurerm_firewall_network_rule_collection.egress (declared by your configuration):")
        .contains("#   resource \"azurerm_firewall_network_rule_collection\" \"egress\" {")
        // the collection whole: the user's rule, then the new one
        .containsSubsequence("#       name                  = \"spokes-https\"",
            "#       name                  = \"allow-sql-westeurope\"", "#       destination_addresses = [\"Sql.westeurope\"]");
    assertThat(parsesAsHcl(dir, r.out())).isIn(-1, 3); // the collection and the two storage EDITs
    // the ARM export of the same estate adopts the existing collection with an import block
    Path arm = dir.resolve("arm.json");
    Files.writeString(arm, Files.readString(Path.of(ARM)).replace("\"spokes-egress\"", "\"allowpath-sql\""));
    assertThat(CliRun.of("plan", "--estate", arm.toString(), "--emit", "terraform").out()).contains("import {")
        .contains("resource \"azurerm_firewall_network_rule_collection\"").doesNotContain("# EDIT");
  }

  /**
   * A firewall policy whose configuration declares the rule collection group the planner adds rules to
   * ({@code allowpath}; here the policy state's group renamed so, with its network rule moved to port 8443 so that
   * the storage pairs need a rule): the output is an EDIT of the user's group resource, naming the user's policy by
   * address, instead of an import block and a second group resource.
   */
  @Test
  void aRuleForARuleCollectionGroupTheConfigurationDeclaresIsAnEditOfIt(@TempDir Path dir)
      throws IOException, InterruptedException {
    JsonNode state = CliRun.MAPPER.readTree(Path.of(POLICY_STATE).toFile());
    for (JsonNode r : state.path("values").path("root_module").path("resources")) {
      if (r.path("type").asText().equals("azurerm_firewall_policy_rule_collection_group")) {
        ObjectNode v = (ObjectNode) r.get("values");
        v.put("name", "allowpath").put("id", v.get("id").asText().replace("/spokes", "/allowpath"));
        ((ObjectNode) v.path("network_rule_collection").get(0).path("rule").get(0))
            .putArray("destination_ports").add("8443");
      }
    }
    Path file = dir.resolve("state.json");
    Files.writeString(file, CliRun.MAPPER.writeValueAsString(state));
    CliRun r = CliRun.of("plan", "--estate", file.toString(), "--emit", "terraform");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().lines().filter(l -> l.startsWith("resource \"azurerm_firewall_policy_rule_collection_group\"")))
        .isEmpty();
    assertThat(r.out()).doesNotContain("import {")
        .contains("# EDIT azurerm_firewall_policy_rule_collection_group.spokes (declared by your configuration):")
        .contains("#   resource \"azurerm_firewall_policy_rule_collection_group\" \"spokes\" {")
        .contains("#     firewall_policy_id = azurerm_firewall_policy.hub.id")
        // the group whole: the user's collections (the 8443 rule, the SQL application rule), then the new rule
        .contains("#         destination_ports     = [\"8443\"]").contains("#         destination_fqdns = [\"sql-hub.database.windows.net\"]")
        .containsSubsequence("#     application_rule_collection {", "#       name     = \"allowpath-targets\"",
            "#         destination_fqdns = [\"sthubdata.blob.core.windows.net\"]");
    assertThat(parsesAsHcl(dir, r.out())).isIn(-1, 3); // the group and the two storage EDITs
  }

  @Test
  void outDirWritesTheSameFixesAgainstTheUsersAddresses(@TempDir Path dir) throws IOException {
    Path tfDir = dir.resolve("tf");
    CliRun r = CliRun.of("plan", "--estate", PLAN, "--emit", "terraform", "--out-dir", tfDir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    // the file is what --emit terraform prints for this input: EDITs of the user's resources, no root module of its own
    assertThat(tfDir.resolve("main.tf")).doesNotExist();
    String fixes = Files.readString(tfDir.resolve("allowpath-fixes.tf"));
    assertThat(fixes).isEqualTo(CliRun.of("plan", "--estate", PLAN, "--emit", "terraform").out())
        .contains("# EDIT azurerm_storage_account_network_rules.logs (declared by your configuration):")
        .contains("server_id        = azurerm_mssql_server.hub.id").doesNotContain("required_providers");
    assertThat(Files.readString(tfDir.resolve("README.md"))).contains("Copy it into your configuration's root module")
        .contains("`# EDIT`").doesNotContain("terraform init");
    // an ARM export of the same estate still gets a root module of its own
    Path armDir = dir.resolve("arm");
    assertThat(CliRun.of("plan", "--estate", ARM, "--emit", "terraform", "--out-dir", armDir.toString()).code()).isZero();
    assertThat(armDir.resolve("allowpath-fixes.tf")).doesNotExist();
    assertThat(Files.readString(armDir.resolve("main.tf"))).contains("required_providers").doesNotContain("# EDIT");
    assertThat(Files.readString(armDir.resolve("README.md"))).contains("terraform init");
  }

  /** The output for a Terraform input, and the body of each EDIT uncommented, parse as HCL (terraform fmt). */
  @Test
  void theOutputAndEveryEditParseAsHcl(@TempDir Path dir) throws IOException, InterruptedException {
    Assumptions.assumeTrue(hasTerraform(), "skipped: terraform is not on the PATH");
    assertThat(parsesAsHcl(dir, CliRun.of("plan", "--estate", PLAN, "--emit", "terraform").out())).isEqualTo(2);
  }

  /**
   * Writes the output and the body of each EDIT uncommented into {@code dir/hcl-N/} and runs {@code terraform fmt}
   * on them (skipped when terraform is not on the PATH); returns the number of EDITs.
   */
  static int parsesAsHcl(Path dir, String out) throws IOException, InterruptedException {
    if (!hasTerraform()) {
      return -1;
    }
    int n = 0;
    while (Files.exists(dir.resolve("hcl-" + n))) {
      n++;
    }
    dir = Files.createDirectories(dir.resolve("hcl-" + n));
    Files.writeString(dir.resolve("fixes.tf"), out, StandardCharsets.UTF_8);
    // each EDIT's body: the lines after its "what" line, without the "why:" lines; an in-line block
    // (network_rules) is only valid inside a resource, so it is wrapped in one to be parsed
    List<StringBuilder> edits = new ArrayList<>();
    String[] lines = out.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].startsWith("# EDIT ")) {
        continue;
      }
      StringBuilder body = new StringBuilder();
      for (i += 2; i < lines.length && lines[i].startsWith("#   "); i++) {
        if (!lines[i].startsWith("#   why:")) {
          body.append(lines[i].substring(4)).append('\n');
        }
      }
      edits.add(body.toString().startsWith("resource ") ? body
          : new StringBuilder("resource \"azurerm_storage_account\" \"x\" {\n").append(body).append("}\n"));
    }
    for (int k = 0; k < edits.size(); k++) {
      Files.writeString(dir.resolve("edit" + k + ".tf"), edits.get(k), StandardCharsets.UTF_8);
    }
    String wrapped = String.join("\n", edits);
    Process p = new ProcessBuilder("terraform", "fmt", "-write=false", "-list=false", dir.toString())
        .redirectErrorStream(true).start();
    String msg = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("terraform fmt: %s\n--- edits\n%s", msg, wrapped).isZero();
    return edits.size();
  }

  static boolean hasTerraform() {
    try {
      Process p = new ProcessBuilder("terraform", "version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
