package io.allowpath.ingest.armtemplate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.allowpath.ingest.RawResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Resource-level copy loops (one resource declaration, {@code count} instances told apart by
 * {@code copyIndex()}) with the count from a parameter, and a property copy loop over the same count
 * that refers to each instance; written by this project so the behaviour is covered without the shared
 * corpus (the quickstart templates 201-vnet-2subnets-service-endpoints-storage-integration and
 * 101-azurefirewall-sandbox-linux exercise the same thing in CorpusScenarioTest). Semantics:
 * https://learn.microsoft.com/azure/azure-resource-manager/templates/copy-resources and
 * https://learn.microsoft.com/azure/azure-resource-manager/templates/copy-properties
 */
class TemplateCopyLoopsTest {
  static final String TEMPLATE = """
      {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
       "contentVersion": "1.0.0.0",
       "parameters": {
         "count": {"type": "int", "defaultValue": 2, "minValue": 1, "maxValue": 100}
       },
       "resources": [
         {"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2020-05-01",
          "name": "[concat('pip-fw-', copyIndex(1))]", "location": "eastus",
          "sku": {"name": "Standard"}, "properties": {"publicIPAllocationMethod": "Static"},
          "copy": {"name": "pips", "count": "[parameters('count')]"}},
         {"type": "Microsoft.Network/azureFirewalls", "apiVersion": "2020-05-01", "name": "fw", "location": "eastus",
          "dependsOn": ["pips"],
          "properties": {
            "copy": [{"name": "ipConfigurations", "count": "[parameters('count')]",
              "input": {"name": "[concat('ipconfig', copyIndex('ipConfigurations', 1))]",
                "properties": {"publicIPAddress": {"id": "[resourceId('Microsoft.Network/publicIPAddresses', concat('pip-fw-', copyIndex('ipConfigurations', 1)))]"}}}}]
          }}
       ]}
      """;

  static List<RawResource> resources(Map<String, String> overrides) {
    TemplateOptions o = TemplateOptions.defaults().withOverrides(overrides);
    TemplateResult r = new TemplateEvaluator(o).evaluate("copy.json", Eval.json(TEMPLATE));
    assertThat(r.diagnostics()).as("diagnostics").isEmpty();
    return r.resources();
  }

  static List<RawResource> ofType(List<RawResource> rs, String type) {
    return rs.stream().filter(r -> r.json().path("type").asText().equals(type)).toList();
  }

  @Test
  void aResourceCopyLoopGivesDistinctInstancesThatPointAtTheirDeclaration() {
    List<RawResource> pips = ofType(resources(Map.of()), "Microsoft.Network/publicIPAddresses");
    assertThat(pips).extracting(p -> p.json().get("name").asText()).containsExactly("pip-fw-1", "pip-fw-2");
    assertThat(pips).extracting(p -> p.json().get("id").asText()).doesNotHaveDuplicates()
        .allSatisfy(id -> assertThat(id).startsWith(Eval.RG_ID + "/providers/Microsoft.Network/publicIPAddresses/pip-fw-"));
    assertThat(pips).extracting(RawResource::pointer).containsOnly("/resources/0");
    assertThat(pips).allSatisfy(p -> assertThat(p.json().has("copy")).isFalse());
  }

  @Test
  void theCountFollowsTheParameterAndThePropertyLoopRefersToEachInstance() {
    List<RawResource> rs = resources(Map.of("count", "3"));
    assertThat(ofType(rs, "Microsoft.Network/publicIPAddresses")).hasSize(3);
    JsonNode fw = ofType(rs, "Microsoft.Network/azureFirewalls").get(0).json();
    JsonNode cfgs = fw.at("/properties/ipConfigurations");
    assertThat(cfgs).hasSize(3);
    assertThat(fw.at("/properties").has("copy")).isFalse();
    for (int i = 0; i < 3; i++) {
      assertThat(cfgs.get(i).get("name").asText()).isEqualTo("ipconfig" + (i + 1));
      assertThat(cfgs.get(i).at("/properties/publicIPAddress/id").asText())
          .isEqualTo(Eval.RG_ID + "/providers/Microsoft.Network/publicIPAddresses/pip-fw-" + (i + 1));
    }
  }
}
