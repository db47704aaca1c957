package io.allowpath.ingest.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.allowpath.ingest.RawResource;
import io.allowpath.ingest.Unknown;
import io.allowpath.model.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reference resolution on plans built in {@code terraform show -json} shape, where each expression's
 * {@code references} are as Terraform's {@code internal/command/jsonconfig/expression.go} writes them (the full form,
 * then its prefixes; an index that is not a literal ends the form; {@code dynamic} blocks are left out; azurerm's
 * ConfigModeAttr blocks are one expression). A value the plan does not determine stays unknown: never the first
 * reference that resolves, never a guessed instance.
 */
class TfResolverCasesTest {
  static final Path DIR = Path.of("src/test/resources/terraform/resolver");
  static final String RG = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/";

  /** The ARM JSON each Terraform address maps to, plus the diagnostics. */
  record Read(Map<String, JsonNode> byAddress, List<Diagnostic> diagnostics) {
    JsonNode props(String address) {
      return byAddress.get(address).path("properties");
    }
  }

  static Read read(String plan) throws IOException {
    JsonNode root = new ObjectMapper().readTree(Files.readAllBytes(DIR.resolve(plan + ".plan.json")));
    List<Diagnostic> d = new ArrayList<>();
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (RawResource r : TerraformAdapter.read(plan, root, TerraformAdapter.View.PLANNED, d)) {
      out.put(r.pointer(), r.json());
    }
    return new Read(out, d);
  }

  static String skipped(Read r) {
    return r.diagnostics().stream().map(Diagnostic::message).filter(m -> m.contains("skipped")).findFirst().orElse("");
  }

  @Test
  void anAttributeOfAModuleVariableIsNotTheArgumentsFirstReference() throws IOException {
    // network = {subnet_id = azurerm_subnet.a.id, nat_gateway_id = azurerm_nat_gateway.ng.id};
    // nat_gateway_id = var.network.nat_gateway_id: the old reading put the subnet's own id as its NAT gateway
    Read r = read("A_var_object");
    assertThat(r.props("azurerm_subnet.a").has("natGateway")).isFalse();
    assertThat(skipped(r)).contains("azurerm_subnet_nat_gateway_association");
  }

  @Test
  void aKeyedModuleOutputIsNotItsFirstValue() throws IOException {
    // subnet_id = module.net.subnet_ids["db"], the output a map of two subnets: not snet-app
    Read r = read("B_module_output_key");
    assertThat(r.props("module.net.azurerm_subnet.app").has("natGateway")).isFalse();
    assertThat(r.props("module.net.azurerm_subnet.db").has("natGateway")).isFalse();
  }

  @Test
  void aTemplateOrAConditionalOfSeveralValuesStaysUnknown() throws IOException {
    // "${azurerm_virtual_network.v.id}/subnets/${azurerm_subnet.a.name}": not the VNet
    Read c = read("C_template");
    assertThat(c.props("azurerm_virtual_network.v").has("natGateway")).isFalse();
    // var.use_b ? azurerm_nat_gateway.b.id : azurerm_nat_gateway.a.id: neither is known to be the one
    Read d = read("D_conditional");
    assertThat(Unknown.is(d.props("azurerm_subnet.s").path("natGateway").path("id"))).isTrue();
  }

  @Test
  void aResolvedIdOfAnotherTypeThanTheAttributeHoldsIsNotTaken() throws IOException {
    // subnet_id = "${azurerm_virtual_network.v.id}/subnets/snet-a": one value (the VNet's id), but a subnet_id holds
    // a subnet's: the association joins nothing rather than the VNet
    Read r = read("C2_template_one_value");
    assertThat(r.props("azurerm_virtual_network.v").has("natGateway")).isFalse();
    assertThat(skipped(r)).contains("azurerm_subnet_nat_gateway_association");
  }

  @Test
  void anUnkeyedReferenceTakesTheReferrersKeyOnlyThroughCountIndexOrEachKey() throws IOException {
    // subnet_id = azurerm_subnet.s[var.i].id (references: azurerm_subnet.s, var.i): not s[0] because the
    // association's own index is 0
    Read e1 = read("E1_index_heuristic");
    assertThat(e1.props("azurerm_subnet.s[0]").has("natGateway")).isFalse();
    assertThat(e1.props("azurerm_subnet.s[1]").has("natGateway")).isFalse();
    // module "spoke" { count = 2, nat_gateway_id = azurerm_nat_gateway.ng[count.index].id }: count.index is the
    // module instance's index, not the inner resource's (always 0)
    Read e2 = read("E2_module_count");
    assertThat(e2.props("module.spoke[0].azurerm_subnet.s").path("natGateway").path("id").asText())
        .isEqualTo(RG + "Microsoft.Network/natGateways/ng-0");
    assertThat(e2.props("module.spoke[1].azurerm_subnet.s").path("natGateway").path("id").asText())
        .isEqualTo(RG + "Microsoft.Network/natGateways/ng-1");
  }

  @Test
  void aBlockMadeByADynamicBlockDoesNotTakeTheStaticBlocksExpression() throws IOException {
    JsonNode cfgs = read("F_dynamic_block").props("azurerm_network_interface.n").path("ipConfigurations");
    assertThat(cfgs.get(0).path("properties").path("publicIPAddress").path("id").asText())
        .isEqualTo(RG + "Microsoft.Network/publicIPAddresses/p0");
    assertThat(Unknown.is(cfgs.get(1).path("properties").path("publicIPAddress").path("id"))).isTrue();
  }

  @Test
  void anUnknownFirewallAddressStaysUnknownRatherThanAbsent() throws IOException {
    // next_hop_in_ip_address = azurerm_firewall.fw.ip_configuration[0].private_ip_address (unknown): the prefix
    // azurerm_firewall.fw.ip_configuration[0] is not a fallback value
    assertThat(Unknown.is(read("G_route_nexthop").props("azurerm_route.default").path("nextHopIpAddress"))).isTrue();
  }

  @Test
  void aListPairsItsUnknownElementsWithTheValuesItNamesByPosition() throws IOException {
    // [azurerm_subnet.existing.id (known), module.spoke.subnet_id (unknown)]: not [existing, existing]
    JsonNode rules = read("H_patchlist").props("azurerm_storage_account.sa").path("networkAcls").path("virtualNetworkRules");
    assertThat(rules).extracting(n -> n.path("id").asText()).containsExactly(
        RG + "Microsoft.Network/virtualNetworks/vnet/subnets/existing",
        RG + "Microsoft.Network/virtualNetworks/vnet/subnets/snet-spoke");
    // toset([azurerm_subnet.a.id, azurerm_subnet.b.id]), unknown as a whole: both, not the first alone
    JsonNode whole = read("J_whole_unknown_list").props("azurerm_storage_account.sa").path("networkAcls")
        .path("virtualNetworkRules");
    assertThat(whole).hasSize(3);
    assertThat(whole.get(0).path("id").asText()).isEqualTo(RG + "Microsoft.Network/virtualNetworks/vnet/subnets/snet-a");
    assertThat(whole.get(1).path("id").asText()).isEqualTo(RG + "Microsoft.Network/virtualNetworks/vnet/subnets/snet-b");
    // the references do not show constants or what a function makes of them: one more element, unknown
    assertThat(Unknown.is(whole.get(2).path("id"))).isTrue();
    // [azurerm_subnet.a.id, "/.../legacy"]: snet-a, and the constant the references cannot show stays unknown
    JsonNode withConstant = read("R_one_plus_const").props("azurerm_storage_account.sa").path("networkAcls")
        .path("virtualNetworkRules");
    assertThat(withConstant).hasSize(2);
    assertThat(withConstant.get(0).path("id").asText()).endsWith("/subnets/snet-a");
    assertThat(Unknown.is(withConstant.get(1).path("id"))).isTrue();
  }

  @Test
  void aTransformedModuleValueIsNotIndexedAsIfItWereTheResourcesInstances() throws IOException {
    // module argument subnet_ids = reverse(azurerm_subnet.s[*].id), used as var.subnet_ids[0]: not snet-0
    JsonNode cfg = read("R_reverse").props("module.m.azurerm_network_interface.nic").path("ipConfigurations").get(0);
    assertThat(Unknown.is(cfg.path("properties").path("subnet").path("id"))).isTrue();
  }

  @Test
  void aResourceGroupIdIsNotASubnetId() throws IOException {
    // subnet_id = "${azurerm_resource_group.rg.id}/providers/.../subnets/app": the one value is a resource group's id
    JsonNode cfg = read("R_rg_template").props("azurerm_network_interface.nic").path("ipConfigurations").get(0);
    assertThat(Unknown.is(cfg.path("properties").path("subnet").path("id"))).isTrue();
  }

  @Test
  void anAzapiBodyIdIsFilledOnlyWithAnIdOfItsPropertysType() throws IOException {
    // body references var.natgw.id, var.natgw and var.nat (a module): var.nat is not a prefix of var.natgw.id, and
    // module variables may be ids: the unknown routeTable.id stays unknown (it was filled with the NAT gateway's id)
    JsonNode p = read("R_azapi_prefix").props("module.m.azapi_resource.snet");
    assertThat(Unknown.is(p.path("routeTable").path("id"))).isTrue();
    // a template around a VNet id is not the NAT gateway's id
    assertThat(Unknown.is(read("R_azapi_template").props("azapi_resource.snet").path("natGateway").path("id"))).isTrue();
    assertThat(TerraformAdapter.namesTypeForTest("routeTable", RG + "Microsoft.Network/routeTables/rt")).isTrue();
    assertThat(TerraformAdapter.namesTypeForTest("publicIPAddress", RG + "Microsoft.Network/publicIPAddresses/p")).isTrue();
    assertThat(TerraformAdapter.namesTypeForTest("remoteVirtualNetwork", RG + "Microsoft.Network/virtualNetworks/v"))
        .isTrue();
    assertThat(TerraformAdapter.namesTypeForTest("routeTable", RG + "Microsoft.Network/natGateways/ng")).isFalse();
    assertThat(TerraformAdapter.namesTypeForTest("subnet", "/subscriptions/s/resourceGroups/rg")).isFalse();
  }

  @Test
  void aReferenceLoopOrAHugeIndexIsUnknownNotACrash() throws IOException {
    // x = module.m.out, out = var.x, var.x.id: a cycle Terraform rejects, in a hand-made plan
    JsonNode loop = read("R_loop").props("module.m.azurerm_network_interface.nic").path("ipConfigurations").get(0);
    assertThat(Unknown.is(loop.path("properties").path("subnet").path("id"))).isTrue();
    // azurerm_virtual_network.v.subnet[99999999999].id
    JsonNode big = read("R_bigindex").props("azurerm_network_interface.nic").path("ipConfigurations").get(0);
    assertThat(Unknown.is(big.path("properties").path("subnet").path("id"))).isTrue();
  }

  @Test
  void aMessagingRuleSetReadAsTheDefaultSaysSo() throws IOException {
    Read r = read("R_eh_dynamic");
    assertThat(r.diagnostics()).anySatisfy(d -> assertThat(d.message())
        .startsWith("network_rulesets is known only after apply and not in the configuration: read as the namespace's "
            + "default"));
  }

  @Test
  void blocksGivenAsOneExpressionDoNotAllTakeItsFirstReference() throws IOException {
    // two security_rule blocks, to p0 (Allow) and to p1 (Deny): the Deny rule is not about p0
    JsonNode rules = read("I_configmodeattr").props("azurerm_network_security_group.n").path("securityRules");
    assertThat(rules).hasSize(2);
    for (JsonNode rule : rules) {
      assertThat(Unknown.is(rule.path("properties").path("destinationAddressPrefix"))).as(rule.toString()).isTrue();
    }
  }

  @Test
  void eachValueOfAForEachOverAResourceIsThatResourcesInstanceOfTheSameKey() throws IOException {
    // for_each = azurerm_subnet.s, subnet_id = each.value.id: both associations join their subnet
    Read r = read("K_each_value");
    for (String k : List.of("app", "db")) {
      assertThat(r.props("azurerm_subnet.s[\"" + k + "\"]").path("natGateway").path("id").asText())
          .isEqualTo(RG + "Microsoft.Network/natGateways/ng-1");
    }
    assertThat(skipped(r)).isEmpty();
  }

  @Test
  void anAzapiBodyWithSeveralUnknownIdsDoesNotGiveThemAllItsOneIdReference() throws IOException {
    // body = {routeTable = {id = azurerm_route_table.rt.id}, natGateway = {id = local.nat_gateway_id}}
    JsonNode p = read("L_azapi_body").props("azapi_resource.snet");
    assertThat(Unknown.is(p.path("natGateway").path("id"))).isTrue();
    assertThat(Unknown.is(p.path("routeTable").path("id"))).isTrue();
  }

  @Test
  void aMapElementOfAnotherResourceIsThatElementNotTheMap() throws IOException {
    // ip_rules = [azurerm_public_ip.p.tags["egress"]], unknown while planning: references
    // ["azurerm_public_ip.p.tags[\"egress\"]", "azurerm_public_ip.p.tags", "azurerm_public_ip.p"]
    String plan = "{\"format_version\":\"1.2\",\"planned_values\":{\"root_module\":{\"resources\":["
        + "{\"address\":\"azurerm_public_ip.p\",\"mode\":\"managed\",\"type\":\"azurerm_public_ip\",\"name\":\"p\","
        + "\"values\":{\"name\":\"p\",\"resource_group_name\":\"rg\",\"location\":\"westeurope\",\"allocation_method\":\"Static\","
        + "\"tags\":{\"egress\":\"52.1.2.3\",\"owner\":\"ml\"}}},"
        + "{\"address\":\"azurerm_storage_account.sa\",\"mode\":\"managed\",\"type\":\"azurerm_storage_account\",\"name\":\"sa\","
        + "\"values\":{\"name\":\"sa\",\"resource_group_name\":\"rg\",\"location\":\"westeurope\",\"network_rules\":[{"
        + "\"default_action\":\"Deny\",\"bypass\":[\"AzureServices\"],\"virtual_network_subnet_ids\":[]}]}}]}},"
        + "\"resource_changes\":[{\"address\":\"azurerm_storage_account.sa\",\"change\":{\"actions\":[\"create\"],"
        + "\"after_unknown\":{\"id\":true,\"network_rules\":[{\"ip_rules\":true}]}}}],"
        + "\"configuration\":{\"provider_config\":{\"azurerm\":{\"expressions\":{\"subscription_id\":{\"constant_value\":"
        + "\"00000000-0000-0000-0000-000000000001\"}}}},\"root_module\":{\"resources\":[{\"address\":\"azurerm_storage_account.sa\","
        + "\"mode\":\"managed\",\"type\":\"azurerm_storage_account\",\"name\":\"sa\",\"expressions\":{\"network_rules\":[{"
        + "\"ip_rules\":{\"references\":[\"azurerm_public_ip.p.tags[\\\"egress\\\"]\",\"azurerm_public_ip.p.tags\","
        + "\"azurerm_public_ip.p\"]}}]}}]}}}";
    List<Diagnostic> d = new ArrayList<>();
    JsonNode sa = null;
    for (RawResource r : TerraformAdapter.read("p.json", new ObjectMapper().readTree(plan), TerraformAdapter.View.PLANNED, d)) {
      if ("azurerm_storage_account.sa".equals(r.pointer())) {
        sa = r.json();
      }
    }
    assertThat(sa).isNotNull();
    JsonNode rules = sa.path("properties").path("networkAcls").path("ipRules");
    assertThat(rules.get(0).path("value").asText()).isEqualTo("52.1.2.3");
    assertThat(rules).hasSize(2); // and what the references cannot show (the list was unknown as a whole)
    assertThat(Unknown.is(rules.get(1).path("value"))).isTrue();
  }

  @Test
  void aModuleKeyIsReadFromTheModuleAddress() {
    assertThat(TfResolver.moduleKey("module.spoke[1]").asInt()).isEqualTo(1);
    assertThat(TfResolver.moduleKey("module.a.module.spoke[\"eu\"]").asText()).isEqualTo("eu");
    assertThat(TfResolver.moduleKey("module.spoke")).isNull();
    assertThat(TfResolver.moduleKey("module.a[0].module.b")).isNull();
    assertThat(TfResolver.moduleKey("")).isNull();
  }
}
