package io.allowpath.emit.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.emit.FixturePlans;
import io.allowpath.emit.spec.ApiVersions;
import io.allowpath.emit.terraform.TerraformEmitter;
import io.allowpath.plan.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every Terraform output, for the golden cases and for plans of the example and synthetic estates under every
 * egress strategy, parses as HCL and matches the azurerm 4.x / azapi 2.x schemas of {@link TerraformTable}; azapi
 * bodies type-check against the Bicep type system when the corpus is present. The only body the type system
 * cannot check is the AML workspace IP allow list, which exists only in the preview API version the emitter names.
 */
class TerraformMatchesProviderSchemasTest {
  static BicepTypes types() {
    Path p = Path.of("../../shared/corpus/bicep-types-az");
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      for (Path c : List.of(d.resolve("shared/corpus/bicep-types-az"), d.resolve("../shared/corpus/bicep-types-az"))) {
        if (Files.isDirectory(c)) {
          return BicepTypes.under(c);
        }
      }
    }
    return Files.isDirectory(p) ? BicepTypes.under(p) : null;
  }

  static List<String> problems(String name, Plan plan, BicepTypes types, Set<String> unchecked) {
    List<String> out = new ArrayList<>();
    List<String> u = new ArrayList<>();
    TerraformCheck.check(new TerraformEmitter().emit(plan), types, u).forEach(p -> out.add(name + " " + p));
    unchecked.addAll(u);
    return out;
  }

  static void report(List<String> problems) {
    Map<String, Integer> kinds = new TreeMap<>();
    for (String p : problems) {
      kinds.merge(p.replaceAll("^.*? line \\d+ ", "").replaceAll("'[^']*'", "'…'").replaceAll("\\[\\d+\\]", "[]"),
          1, Integer::sum);
    }
    System.out.println("terraform: " + problems.size() + " invalid construct(s), " + kinds.size() + " kind(s)");
    kinds.forEach((k, n) -> System.out.println("  " + n + "x " + k));
  }

  @Test
  void goldenCasesMatchTheSchemas() {
    BicepTypes types = types();
    List<String> problems = new ArrayList<>();
    Set<String> unchecked = new TreeSet<>();
    FixturePlans.cases().forEach((name, plan) -> problems.addAll(problems("golden " + name, plan, types, unchecked)));
    report(problems);
    assertThat(problems).isEmpty();
    if (types != null) {
      assertThat(unchecked).containsOnly("Microsoft.MachineLearningServices/workspaces@" + ApiVersions.ML_NETWORK_ACLS_PREVIEW);
    }
  }

  @Test
  void estatePlansMatchTheSchemas() {
    BicepTypes types = types();
    List<String> problems = new ArrayList<>();
    Set<String> unchecked = new TreeSet<>();
    Plans.estates().forEach((name, plan) -> problems.addAll(problems(name, plan, types, unchecked)));
    report(problems);
    assertThat(problems).isEmpty();
    if (types != null) {
      assertThat(unchecked).isSubsetOf("Microsoft.MachineLearningServices/workspaces@" + ApiVersions.ML_NETWORK_ACLS_PREVIEW);
    }
  }

  @Test
  void theCheckRejectsWhatIssue12Found() {
    String tf = "resource \"azurerm_firewall_application_rule_collection\" \"a\" {\n"
        + "  name = \"c\"\n  azure_firewall_name = \"fw\"\n  resource_group_name = \"rg\"\n  priority = 100\n"
        + "  action = \"Allow\"\n  rule {\n    name = \"r\"\n    protocol {\n      port = \"Https:443\"\n      type = \"Https\"\n"
        + "    }\n  }\n}\n"
        + "resource \"azurerm_machine_learning_workspace_network_outbound_rule_private_endpoint\" \"p\" {\n"
        + "  name = \"p\"\n  workspace_id = \"w\"\n  service_resource_id = \"s\"\n  sub_resource_target = \"sites\"\n}\n";
    List<String> problems = TerraformCheck.check(tf, null, new ArrayList<>());
    assertThat(problems).anyMatch(p -> p.contains("no terraform { required_providers"))
        .anyMatch(p -> p.contains("must use a declared azurerm provider alias"))
        .anyMatch(p -> p.contains("rule.protocol.port: expected a number, got Https:443"))
        .anyMatch(p -> p.contains("sub_resource_target: 'sites' is none of"));
    assertThat(TerraformCheck.check("resource \"x\" {\n  a = \"unterminated\n}\n", null, new ArrayList<>()))
        .anyMatch(p -> p.startsWith("HCL line 2: unterminated string"));
  }
}
