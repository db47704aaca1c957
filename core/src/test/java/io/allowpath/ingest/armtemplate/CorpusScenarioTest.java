package io.allowpath.ingest.armtemplate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.allowpath.CorpusFiles;
import io.allowpath.RequiresCorpus;
import io.allowpath.ingest.RawResource;
import io.allowpath.model.ResourceId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Specific facts about specific quickstart templates of the 2021 corpus. */
@RequiresCorpus
class CorpusScenarioTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static List<RawResource> resources(String dir, TemplateOptions options) throws IOException {
    Path template = CorpusFiles.quickstarts2021().resolve(dir).resolve("azuredeploy.json");
    Path params = CorpusFiles.parametersFor(template);
    TemplateOptions o = params == null ? options : options.withParametersFile(MAPPER.readTree(params.toFile()));
    return new TemplateEvaluator(o).evaluate(template.toString(), MAPPER.readTree(template.toFile())).resources();
  }

  private static List<JsonNode> ofType(List<RawResource> rs, String type) {
    return rs.stream().map(RawResource::json).filter(j -> j.path("type").asText().equalsIgnoreCase(type)).toList();
  }

  private static JsonNode single(List<RawResource> rs, String type) {
    List<JsonNode> found = ofType(rs, type);
    assertThat(found).as(type).hasSize(1);
    return found.get(0);
  }

  @Test
  void natGatewayUsesThePublicIpAndTheSubnetUsesTheNatGateway() throws IOException {
    List<RawResource> rs = resources("101-nat-gateway-vnet", TemplateOptions.defaults());
    JsonNode pip = single(rs, "Microsoft.Network/publicIPAddresses");
    JsonNode nat = single(rs, "Microsoft.Network/natGateways");
    JsonNode subnet = single(rs, "Microsoft.Network/virtualNetworks/subnets");

    assertThat(ResourceId.of(nat.at("/properties/publicIpAddresses/0/id").asText()))
        .isEqualTo(ResourceId.of(pip.get("id").asText()));
    assertThat(ResourceId.of(subnet.at("/properties/natGateway/id").asText()))
        .isEqualTo(ResourceId.of(nat.get("id").asText()));
    assertThat(nat.get("id").asText()).isEqualTo(
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/allowpath-template-rg"
            + "/providers/Microsoft.Network/natGateways/myNATgateway");
    assertThat(subnet.get("id").asText()).endsWith("/providers/Microsoft.Network/virtualNetworks/myVnet/subnets/mySubnet");
    assertThat(subnet.get("name").asText()).isEqualTo("myVnet/mySubnet");
    // uniqueString(resourceGroup().id) inside the DNS label is computed, not unknown
    assertThat(pip.at("/properties/dnsSettings/domainNameLabel").asText()).matches("gw-[a-z2-7]{13}");
    assertThat(rs).allSatisfy(r -> assertThat(r.json().has("dependsOn")).isFalse());
  }

  @Test
  void databricksWorkspaceIsInjectedIntoTheTemplatesVnet() throws IOException {
    List<RawResource> rs = resources("101-databricks-all-in-one-template-for-vnet-injection", TemplateOptions.defaults());
    JsonNode vnet = single(rs, "Microsoft.Network/virtualNetworks");
    JsonNode ws = single(rs, "Microsoft.Databricks/workspaces");
    assertThat(ws.at("/properties/parameters/customVirtualNetworkId/value").asText()).isEqualTo(vnet.get("id").asText());
    assertThat(ws.at("/properties/ManagedResourceGroupId").asText())
        .startsWith("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/databricks-rg-");
  }

  @Test
  void resourceCopyLoopProducesDistinctInstances() throws IOException {
    List<RawResource> rs = resources("201-vnet-2subnets-service-endpoints-storage-integration", TemplateOptions.defaults());
    List<JsonNode> nics = ofType(rs, "Microsoft.Network/networkInterfaces");
    List<JsonNode> vms = ofType(rs, "Microsoft.Compute/virtualMachines");
    assertThat(nics).hasSize(2);
    assertThat(vms).hasSize(2);
    assertThat(nics.stream().map(n -> n.get("name").asText()).distinct()).hasSize(2);
    assertThat(vms.stream().map(n -> n.get("id").asText()).distinct()).hasSize(2);
    // all instances point at the declaration
    assertThat(rs.stream().filter(r -> r.json().path("type").asText().equals("Microsoft.Network/networkInterfaces"))
        .map(RawResource::pointer).distinct()).hasSize(1);
  }

  @Test
  void firewallPublicIpCountFollowsTheParameter() throws IOException {
    TemplateOptions three = TemplateOptions.defaults().withOverrides(Map.of("numberOfFirewallPublicIPAddresses", "3"));
    List<RawResource> rs = resources("101-azurefirewall-sandbox-linux", three);
    List<JsonNode> pips = ofType(rs, "Microsoft.Network/publicIPAddresses");
    assertThat(pips.stream().map(p -> p.get("name").asText()).distinct()).hasSize(pips.size());
    JsonNode fw = single(rs, "Microsoft.Network/azureFirewalls");
    assertThat(fw.at("/properties/ipConfigurations").size()).isEqualTo(3);
  }

  @Test
  void keyVaultPropertyCopyLoopsProduceIpRulesAndVnetRules() throws IOException {
    TemplateOptions o = TemplateOptions.defaults().withOverrides(Map.of(
        "ipRules", "[\"203.0.113.7\", \"198.51.100.0/24\"]",
        "virtualNetworkRules", "[\"/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/virtualNetworks/v/subnets/a\"]"));
    JsonNode vault = single(resources("modules/Microsoft.KeyVault/vaults/1.0", o), "Microsoft.KeyVault/vaults");
    JsonNode acls = vault.at("/properties/networkAcls");
    assertThat(acls.get("ipRules")).hasSize(2);
    assertThat(acls.at("/ipRules/0/value").asText()).isEqualTo("203.0.113.7");
    assertThat(acls.at("/ipRules/1/value").asText()).isEqualTo("198.51.100.0/24");
    assertThat(acls.at("/virtualNetworkRules/0/id").asText()).endsWith("/subnets/a");
    assertThat(acls.has("copy")).isFalse();
    // the accessPolicies copy loop over the parameters file entry
    assertThat(vault.at("/properties/accessPolicies/0/objectId").asText()).isEqualTo("GEN-AZUREAD-AKS-OBJID");
  }

  @Test
  void linkedTemplateIsSkippedWithAWarning() throws IOException {
    Path template = CorpusFiles.quickstarts2021().resolve("201-application-gateway-webapp-iprestriction/azuredeploy.json");
    TemplateResult r = CorpusTemplatesTest.evaluate(template);
    assertThat(r.diagnostics()).anySatisfy(d -> assertThat(d.message()).contains("templateLink"));
    assertThat(r.resources()).noneSatisfy(x ->
        assertThat(x.json().path("type").asText()).isEqualTo("Microsoft.Resources/deployments"));
  }
}
