package io.allowpath.ingest.armtemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.allowpath.ingest.InputException;
import io.allowpath.ingest.RawResource;
import io.allowpath.ingest.Unknown;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Template walking on small fixtures under src/test/resources/armtemplate. */
class TemplateEvaluatorTest {
  private static final String RG = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/";

  private static JsonNode fixture(String name) throws IOException {
    try (InputStream in = TemplateEvaluatorTest.class.getResourceAsStream("/armtemplate/" + name)) {
      return Eval.MAPPER.readTree(in);
    }
  }

  private static TemplateResult run(String name, TemplateOptions o) throws IOException {
    return new TemplateEvaluator(o).evaluate(name, fixture(name));
  }

  private static RawResource named(TemplateResult r, String name) {
    return r.resources().stream().filter(x -> x.json().path("name").asText().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no resource named " + name + " in " + r.resources()));
  }

  @Test
  void recognisesTemplates() {
    assertThat(TemplateEvaluator.isTemplate(Eval.json(
        "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\"}"))).isTrue();
    assertThat(TemplateEvaluator.isTemplate(Eval.json(
        "{\"$schema\": \"https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#\"}"))).isTrue();
    assertThat(TemplateEvaluator.isTemplate(Eval.json(
        "{\"$schema\": \"HTTPS://SCHEMA.MANAGEMENT.AZURE.COM/SCHEMAS/2019-08-01/MANAGEMENTGROUPDEPLOYMENTTEMPLATE.JSON#\"}"))).isTrue();
    assertThat(TemplateEvaluator.isTemplate(Eval.json(
        "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#\"}"))).isFalse();
    assertThat(TemplateEvaluator.isTemplate(Eval.json("[]"))).isFalse();
  }

  @Test
  void outputsPlainArmResourcesWithComputedIds() throws IOException {
    TemplateResult r = run("nested.json", TemplateOptions.defaults());
    JsonNode hub = named(r, "hub").json();
    assertThat(hub.get("id").asText()).isEqualTo(RG + "allowpath-template-rg/providers/Microsoft.Network/virtualNetworks/hub");
    assertThat(hub.get("type").asText()).isEqualTo("Microsoft.Network/virtualNetworks");
    assertThat(hub.get("apiVersion").asText()).isEqualTo("2020-05-01");
    assertThat(hub.get("location").asText()).isEqualTo("eastus");
    assertThat(hub.has("dependsOn") || hub.has("comments") || hub.has("resources")).isFalse();
    assertThat(named(r, "hub").pointer()).isEqualTo("/resources/0");
    // property copy loop fed by a variable with a nested copy
    assertThat(hub.at("/properties/subnets")).hasSize(2);
    assertThat(hub.at("/properties/subnets/1/name").asText()).isEqualTo("snet1");
    assertThat(hub.at("/properties/subnets/1/properties/addressPrefix").asText()).isEqualTo("10.0.1.0/24");
  }

  @Test
  void nestedChildResourceGetsFullTypeNameAndId() throws IOException {
    TemplateResult r = run("nested.json", TemplateOptions.defaults());
    RawResource child = named(r, "hub/extra");
    assertThat(child.json().get("type").asText()).isEqualTo("Microsoft.Network/virtualNetworks/subnets");
    assertThat(child.json().get("id").asText())
        .isEqualTo(RG + "allowpath-template-rg/providers/Microsoft.Network/virtualNetworks/hub/subnets/extra");
    assertThat(child.pointer()).isEqualTo("/resources/0/resources/0");
  }

  @Test
  void conditionsDropOrFlagResources() throws IOException {
    TemplateResult dev = run("nested.json", TemplateOptions.defaults());
    assertThat(dev.resources()).noneMatch(x -> x.json().path("name").asText().equals("prod-only"));
    TemplateResult prod = run("nested.json", TemplateOptions.defaults().withOverrides(Map.of("env", "prod")));
    assertThat(named(prod, "prod-only")).isNotNull();

    RawResource maybe = named(dev, "maybe");
    assertThat(maybe.json().at("/properties/ports").toString()).isEqualTo("[8080,8081,8082]");
    assertThat(maybe.json().at("/properties/tag").asText()).isEqualTo("[literal]");
    assertThat(dev.diagnostics()).anySatisfy(d -> {
      assertThat(d.severity()).isEqualTo(Severity.WARNING);
      assertThat(d.pointer()).isEqualTo("/resources/2");
      assertThat(d.message()).contains("existence is uncertain");
    });
  }

  @Test
  void innerScopeNestedDeploymentSeesOnlyItsOwnParametersAndTargetsItsResourceGroup() throws IOException {
    TemplateResult r = run("nested.json", TemplateOptions.defaults());
    RawResource spoke = named(r, "inner-dev-spoke");
    assertThat(spoke.json().get("id").asText())
        .isEqualTo(RG + "spoke-rg/providers/Microsoft.Network/virtualNetworks/inner-dev-spoke");
    assertThat(spoke.json().at("/properties/rg").asText()).isEqualTo("spoke-rg");
    assertThat(spoke.json().at("/properties/dep").asText()).isEqualTo("innerDeployment");
    assertThat(spoke.pointer()).isEqualTo("/resources/3/properties/template/resources/0");
    assertThat(r.resources()).noneMatch(x -> x.json().path("type").asText().equals("Microsoft.Resources/deployments"));
  }

  @Test
  void outerScopeNestedDeploymentUsesTheParentsVariables() throws IOException {
    TemplateResult r = run("nested.json", TemplateOptions.defaults());
    JsonNode st = r.resources().stream().map(RawResource::json)
        .filter(j -> j.path("type").asText().equals("Microsoft.Storage/storageAccounts")).findFirst().orElseThrow();
    assertThat(st.at("/properties/env").asText()).isEqualTo("dev-");
    assertThat(st.get("name").asText()).isEqualTo("st" + ArmHashes.uniqueString(List.of(RG + "allowpath-template-rg")));
    assertThat(st.get("kind").asText()).isEqualTo("StorageV2");
    assertThat(st.at("/sku/name").asText()).isEqualTo("Standard_LRS");
  }

  @Test
  void linkedTemplatesAreWarnedAndSkipped() throws IOException {
    TemplateResult r = run("nested.json", TemplateOptions.defaults());
    assertThat(r.diagnostics()).anySatisfy(d -> {
      assertThat(d.severity()).isEqualTo(Severity.WARNING);
      assertThat(d.pointer()).isEqualTo("/resources/5");
      assertThat(d.message()).contains("templateLink");
    });
    assertThat(r.diagnostics()).noneMatch(d -> d.severity() == Severity.ERROR);
  }

  @Test
  void symbolicNameTemplates() throws IOException {
    JsonNode params = Eval.json("""
        {"parameters": {"kvSecret": {"reference": {"keyVault": {"id": "/subscriptions/x/resourceGroups/y/providers/Microsoft.KeyVault/vaults/kv"},
                                                   "secretName": "pw"}}}}""");
    TemplateResult r = run("symbolic.json", TemplateOptions.defaults().withParametersFile(params));
    assertThat(r.resources()).extracting(x -> x.json().get("name").asText())
        .containsExactlyInAnyOrder("nsg1", "shared-vnet/app", "nolock");
    RawResource subnet = named(r, "shared-vnet/app");
    assertThat(subnet.pointer()).isEqualTo("/resources/subnet");
    assertThat(subnet.json().at("/properties/networkSecurityGroup/id").asText())
        .isEqualTo(RG + "allowpath-template-rg/providers/Microsoft.Network/networkSecurityGroups/nsg1");
    assertThat(Unknown.is(subnet.json().at("/properties/secret"))).isTrue();
    assertThat(Unknown.is(named(r, "nsg1").json().at("/properties/note"))).isTrue();
    assertThat(named(r, "nolock").json().get("id").asText()).isEqualTo(RG
        + "allowpath-template-rg/providers/Microsoft.Network/networkSecurityGroups/nsg1/providers/Microsoft.Authorization/locks/nolock");
    assertThat(r.diagnostics()).isEmpty();
  }

  @Test
  void parametersFileAndOverrides() throws IOException {
    JsonNode params = Eval.json("{\"parameters\": {\"vnetName\": {\"value\": \"fromFile\"}, \"env\": {\"value\": \"prod\"}}}");
    TemplateResult fromFile = run("nested.json", TemplateOptions.defaults().withParametersFile(params));
    assertThat(named(fromFile, "fromFile")).isNotNull();
    TemplateResult overridden = run("nested.json",
        TemplateOptions.defaults().withParametersFile(params).withOverrides(Map.of("vnetName", "fromFlag")));
    assertThat(named(overridden, "fromFlag")).isNotNull();
  }

  @Test
  void allowedValuesViolationIsAnErrorButTheValueIsUsed() throws IOException {
    TemplateResult r = run("nested.json", TemplateOptions.defaults().withOverrides(Map.of("env", "test")));
    assertThat(r.diagnostics()).anySatisfy(d -> {
      assertThat(d.severity()).isEqualTo(Severity.ERROR);
      assertThat(d.pointer()).isEqualTo("/parameters/env");
      assertThat(d.message()).contains("allowedValues");
    });
    assertThat(named(r, "inner-test-spoke")).isNotNull();
  }

  @Test
  void undeclaredSuppliedParameterIsAnError() throws IOException {
    TemplateResult r = run("nested.json", TemplateOptions.defaults().withOverrides(Map.of("notInTemplate", "1")));
    assertThat(r.diagnostics()).anySatisfy(d -> assertThat(d.message()).contains("'notInTemplate'").contains("does not declare"));
  }

  // ------------------------------------------------------------ bad input

  @Test
  void badExpressionsGiveOneErrorEachAndEvaluationContinues() throws IOException {
    TemplateResult r = run("bad.json", TemplateOptions.defaults().withOverrides(Map.of("size", "huge")));
    assertThat(r.resources()).hasSize(3);

    Diagnostic unsupported = only(r, "unsupported function");
    assertThat(unsupported.severity()).isEqualTo(Severity.ERROR);
    assertThat(unsupported.file()).isEqualTo("bad.json");
    assertThat(unsupported.pointer()).isEqualTo("/resources/1/properties/foo");
    assertThat(unsupported.message()).isEqualTo("unsupported function 'fooBar' in expression \"[fooBar(1)]\"");
    assertThat(unsupported.oneLine())
        .isEqualTo("error: bad.json at /resources/1/properties/foo: unsupported function 'fooBar' in expression \"[fooBar(1)]\"");
    JsonNode vnet2 = named(r, "vnet2").json();
    assertThat(Unknown.is(vnet2.at("/properties/foo"))).isTrue();
    assertThat(vnet2.at("/properties/x").asText()).isEqualTo("ok");

    Diagnostic malformed = only(r, "malformed expression");
    assertThat(malformed.pointer()).isEqualTo("/resources/2/properties/broken");
    assertThat(malformed.message()).contains("[concat('a', ]");

    Diagnostic unknownParam = only(r, "'nope'");
    assertThat(unknownParam.pointer()).isEqualTo("/resources/2/properties/unknownParam");
    assertThat(unknownParam.message()).contains("not declared");

    Diagnostic cycle = only(r, "circular reference");
    // reported where the cycle closes, inside the variables section; the using property is unknown
    assertThat(cycle.pointer()).isEqualTo("/variables/b");
    assertThat(cycle.message()).contains("variables('a') -> variables('b') -> variables('a')");
    assertThat(Unknown.is(named(r, "vnet3").json().at("/properties/cycle"))).isTrue();

    Diagnostic missing = only(r, "missing value for required parameter");
    assertThat(missing.pointer()).isEqualTo("/parameters/required");
    assertThat(Unknown.is(named(r, "vnet3").json().at("/properties/req"))).isTrue();

    Diagnostic notAllowed = only(r, "allowedValues");
    assertThat(notAllowed.pointer()).isEqualTo("/parameters/size");
  }

  private static Diagnostic only(TemplateResult r, String text) {
    List<Diagnostic> found = r.diagnostics().stream().filter(d -> d.message().contains(text)).toList();
    assertThat(found).as("diagnostics containing %s in %s", text, r.diagnostics()).hasSize(1);
    return found.get(0);
  }

  @Test
  void badArgumentValuesAreEvaluationErrorsNotCrashes() {
    JsonNode t = Eval.json("""
        {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
         "resources": [{"type": "Microsoft.Web/sites", "apiVersion": "2020-12-01", "name": "site",
           "properties": {"a": "[base64ToString('%%%')]", "b": "[div(1, 0)]", "c": "[substring('abc', 2, 5)]"}}]}""");
    TemplateResult r = new TemplateEvaluator(TemplateOptions.defaults().withStrict(true)).evaluate("t.json", t);
    assertThat(r.diagnostics()).hasSize(3).allSatisfy(d -> assertThat(d.severity()).isEqualTo(Severity.ERROR));
    assertThat(r.diagnostics()).extracting(Diagnostic::pointer)
        .containsExactly("/resources/0/properties/a", "/resources/0/properties/b", "/resources/0/properties/c");
    assertThat(Unknown.is(r.resources().get(0).json().at("/properties/b"))).isTrue();
  }

  @Test
  void strictModeThrowsWithFilePointerAndExpression() throws IOException {
    JsonNode t = fixture("bad.json");
    TemplateEvaluator strict = new TemplateEvaluator(TemplateOptions.defaults().withStrict(true));
    assertThatThrownBy(() -> strict.evaluate("bad.json", t))
        .isInstanceOf(InputException.class)
        .hasMessage("bad.json: /resources/1/properties/foo: unsupported function 'fooBar' in expression \"[fooBar(1)]\"");
  }

  @Test
  void unreadableInputIsAnInputException() {
    TemplateEvaluator e = new TemplateEvaluator(TemplateOptions.defaults());
    assertThatThrownBy(() -> e.evaluate("a.json", Eval.json("[1]")))
        .isInstanceOf(InputException.class).hasMessageContaining("a.json");
    assertThatThrownBy(() -> e.evaluate("b.json", Eval.json("{\"parameters\": {}}")))
        .isInstanceOf(InputException.class).hasMessageContaining("b.json: /resources");
  }

  @Test
  void defaultsAreObviousPlaceholders() {
    TemplateOptions d = TemplateOptions.defaults();
    assertThat(d.subscriptionId()).isEqualTo("00000000-0000-0000-0000-000000000000");
    assertThat(d.resourceGroup()).isEqualTo("allowpath-template-rg");
    assertThat(d.location()).isEqualTo("eastus");
    assertThat(d.deploymentName()).isEqualTo("allowpath-deployment");
    assertThat(d.tenantId()).isEqualTo("00000000-0000-0000-0000-000000000000");
    assertThat(d.strict()).isFalse();
  }

  @Test
  void subscriptionScopeTemplateIds() {
    JsonNode t = Eval.json("""
        {"$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
         "resources": [
           {"type": "Microsoft.Resources/resourceGroups", "apiVersion": "2021-04-01", "name": "app-rg", "location": "eastus"},
           {"type": "Microsoft.Resources/deployments", "apiVersion": "2021-04-01", "name": "inRg", "resourceGroup": "app-rg",
            "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
              "template": {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                "resources": [{"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2020-05-01", "name": "v",
                               "location": "[resourceGroup().location]"}]}}}
         ]}""");
    TemplateResult r = new TemplateEvaluator(TemplateOptions.defaults()).evaluate("sub.json", t);
    assertThat(r.resources()).extracting(x -> x.json().get("id").asText()).containsExactly(
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/app-rg",
        RG + "app-rg/providers/Microsoft.Network/virtualNetworks/v");
    assertThat(r.diagnostics()).isEmpty();
  }
}
