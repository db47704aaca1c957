package io.allowpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --effective-routes} end to end (issue 13 §5, docs/formats.md §1.6): a cluster behind a NAT gateway whose
 * VNet has an ExpressRoute gateway, and a vault whose IP rule admits the NAT address. The estate alone says
 * AMBIGUOUS (BGP_ROUTES_MAY_OVERRIDE); the NIC's effective routes settle it either way.
 */
class EffectiveRoutesCommandTest {
  @TempDir Path dir;

  static final String RG = "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-test";
  static final String NET = RG + "/providers/Microsoft.Network/";

  Path estate() throws IOException {
    String json = """
        [
         {"id": "%1$svirtualNetworks/vnet-spoke", "name": "vnet-spoke", "type": "Microsoft.Network/virtualNetworks",
          "location": "eastus", "properties": {"addressSpace": {"addressPrefixes": ["10.1.0.0/16"]}, "subnets": [
           {"id": "%1$svirtualNetworks/vnet-spoke/subnets/snet", "name": "snet", "properties": {
            "addressPrefix": "10.1.1.0/24", "natGateway": {"id": "%1$snatGateways/ng"}}},
           {"id": "%1$svirtualNetworks/vnet-spoke/subnets/GatewaySubnet", "name": "GatewaySubnet", "properties": {
            "addressPrefix": "10.1.255.0/27"}}]}},
         {"id": "%1$svirtualNetworkGateways/vgw", "name": "vgw", "type": "Microsoft.Network/virtualNetworkGateways",
          "location": "eastus", "properties": {"gatewayType": "ExpressRoute", "ipConfigurations": [{"name": "cfg",
           "properties": {"subnet": {"id": "%1$svirtualNetworks/vnet-spoke/subnets/GatewaySubnet"}}}]}},
         {"id": "%1$spublicIPAddresses/pip-ng", "name": "pip-ng", "type": "Microsoft.Network/publicIPAddresses",
          "location": "eastus", "sku": {"name": "Standard"}, "properties": {"ipAddress": "20.10.0.1",
          "publicIPAllocationMethod": "Static"}},
         {"id": "%1$snatGateways/ng", "name": "ng", "type": "Microsoft.Network/natGateways", "location": "eastus",
          "sku": {"name": "Standard"}, "properties": {"publicIpAddresses": [{"id": "%1$spublicIPAddresses/pip-ng"}]}},
         {"id": "%2$s/providers/Microsoft.MachineLearningServices/workspaces/mlw", "name": "mlw",
          "type": "Microsoft.MachineLearningServices/workspaces", "location": "eastus", "properties": {}},
         {"id": "%2$s/providers/Microsoft.MachineLearningServices/workspaces/mlw/computes/cluster", "name": "cluster",
          "type": "Microsoft.MachineLearningServices/workspaces/computes", "location": "eastus", "properties": {
           "computeType": "AmlCompute", "properties": {"enableNodePublicIp": false,
            "subnet": {"id": "%1$svirtualNetworks/vnet-spoke/subnets/snet"}}}},
         {"id": "%2$s/providers/Microsoft.KeyVault/vaults/kv1", "name": "kv1", "type": "Microsoft.KeyVault/vaults",
          "location": "eastus", "properties": {"tenantId": "00000000-0000-0000-0000-000000000000",
           "networkAcls": {"defaultAction": "Deny", "ipRules": [{"value": "20.10.0.1"}]}}}
        ]
        """.formatted(NET, RG);
    Path f = dir.resolve("estate.json");
    Files.writeString(f, json);
    return f;
  }

  Path routes(String name, String defaultSource, String nextHop) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, "{\"value\": [{\"source\": \"Default\", \"state\": \"Active\", \"addressPrefix\": [\"10.1.0.0/16\"],"
        + " \"nextHopType\": \"VnetLocal\", \"nextHopIpAddress\": []}, {\"source\": \"" + defaultSource + "\", "
        + "\"state\": \"Active\", \"addressPrefix\": [\"0.0.0.0/0\"], \"nextHopType\": \"" + nextHop + "\", "
        + "\"nextHopIpAddress\": []}]}");
    return f;
  }

  static String verdict(CliRun r) {
    JsonNode v = r.json().get("checks").get(0);
    List<String> reasons = new ArrayList<>();
    v.get("reasons").forEach(x -> reasons.add(x.asText()));
    return v.get("verdict").asText() + " " + reasons;
  }

  @Test
  void theEffectiveRoutesSettleTheBgpCaveatEitherWay() throws IOException {
    String estate = estate().toString();
    assertThat(verdict(CliRun.of("check", "--estate", estate, "--from", "mlw/cluster", "--to", "kv1", "-o", "json")))
        .isEqualTo("AMBIGUOUS [ADMITTED_BY_IP_RULE, BGP_ROUTES_MAY_OVERRIDE]");
    Path internet = routes("internet.json", "Default", "Internet");
    assertThat(verdict(CliRun.of("check", "--estate", estate, "--from", "mlw/cluster", "--to", "kv1", "-o", "json",
        "--effective-routes", "snet=" + internet))).isEqualTo("ALLOW [ADMITTED_BY_IP_RULE]");
    Path learned = routes("learned.json", "VirtualNetworkGateway", "VirtualNetworkGateway");
    CliRun r = CliRun.of("check", "--estate", estate, "--from", "mlw/cluster", "--to", "kv1", "-o", "json",
        "--effective-routes", "vnet-spoke/snet=" + learned);
    assertThat(verdict(r)).isEqualTo("UNKNOWN [ON_PREMISES_EGRESS]");
    CliRun egress = CliRun.of("egress", "--estate", estate, "--effective-routes", "snet=" + learned);
    assertThat(egress.out()).contains("ON_PREMISES").contains("learned from the gateway");
  }

  @Test
  void aWrongNameOrFileIsOneLineAndExitTwo() throws IOException {
    String estate = estate().toString();
    Path internet = routes("internet.json", "Default", "Internet");
    CliRun unnamed = CliRun.of("check", "--estate", estate, "--effective-routes", internet.toString());
    assertThat(unnamed.code()).isEqualTo(2);
    assertThat(unnamed.err().strip().lines()).singleElement().asString()
        .contains("no NIC or subnet named 'internet'").contains("--effective-routes <subnet-or-nic>=");
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"value\": [{\"source\": \"BGP\", \"state\": \"Active\", \"addressPrefix\": [], "
        + "\"nextHopType\": \"Internet\"}]}");
    CliRun wrong = CliRun.of("check", "--estate", estate, "--effective-routes", "snet=" + bad);
    assertThat(wrong.code()).isEqualTo(2);
    assertThat(wrong.err().strip().lines()).singleElement().asString().contains("bad.json").contains("/value/0/source");
  }
}
