package io.allowpath.ingest.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.allowpath.model.Delegation;
import io.allowpath.model.Estate;
import io.allowpath.model.IpValue;
import io.allowpath.model.LoadBalancer;
import io.allowpath.model.NetworkSecurityGroup;
import io.allowpath.model.NsgRule;
import io.allowpath.model.Ports;
import io.allowpath.model.PublicIp;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Severity;
import io.allowpath.model.Subnet;
import org.junit.jupiter.api.Test;

/**
 * Network resources in the shapes of the Azure REST API examples (NetworkSecurityGroupGet,
 * SubnetGetWithDelegation, LoadBalancerGet, PublicIpAddressGet of azure-rest-api-specs, Microsoft.Network
 * stable API), written here so the readers are covered without the shared corpus (RestExamplesTest reads
 * the real files when the corpus is present).
 */
class NetworkReadersTest {
  static final String RG = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/";

  static void noErrors(Estate e) {
    assertThat(Arm.of(e, Severity.ERROR)).isEmpty();
  }

  @Test
  void nsgRulesKeepNameDirectionAccessPriorityProtocolAndBothPrefixForms() {
    Estate e = Arm.estate("""
        {"id": "%snetworkSecurityGroups/nsg1", "name": "nsg1", "type": "Microsoft.Network/networkSecurityGroups",
         "location": "westus",
         "properties": {"securityRules": [
           {"name": "rule1", "properties": {"protocol": "*", "sourceAddressPrefix": "*",
             "destinationAddressPrefix": "*", "access": "Allow", "destinationPortRange": "80",
             "sourcePortRange": "*", "priority": 130, "direction": "Inbound"}},
           {"name": "deny-out", "properties": {"protocol": "Tcp", "sourceAddressPrefix": "VirtualNetwork",
             "destinationAddressPrefixes": ["20.0.0.0/8", "Storage"], "access": "Deny",
             "destinationPortRanges": ["443", "1433-1434"], "sourcePortRange": "*", "priority": 200,
             "direction": "Outbound"}}]}}
        """.formatted(RG));
    noErrors(e);
    NetworkSecurityGroup nsg = e.all(NetworkSecurityGroup.class).get(0);
    assertThat(nsg.location()).isEqualTo("westus");
    assertThat(nsg.rules()).extracting(NsgRule::name, NsgRule::direction, NsgRule::access, NsgRule::priority,
        NsgRule::protocol).containsExactly(
            tuple("rule1", "Inbound", "Allow", 130, "*"),
            tuple("deny-out", "Outbound", "Deny", 200, "Tcp"));
    assertThat(IpValue.texts(nsg.rules().get(0).destinationAddressPrefixes())).containsExactly("*");
    assertThat(Ports.texts(nsg.rules().get(0).destinationPortRanges())).containsExactly("80");
    assertThat(IpValue.texts(nsg.rules().get(1).destinationAddressPrefixes())).containsExactly("20.0.0.0/8", "Storage");
    assertThat(Ports.texts(nsg.rules().get(1).destinationPortRanges())).containsExactly("443", "1433-1434");
  }

  @Test
  void subnetDelegationsReadTheServiceNameAndTheName() {
    Estate e = Arm.estate("""
        {"id": "%svirtualNetworks/vnetname/subnets/subnet1", "name": "subnet1",
         "type": "Microsoft.Network/virtualNetworks/subnets",
         "properties": {"addressPrefix": "10.0.0.0/16", "provisioningState": "Succeeded",
           "delegations": [{"name": "myDelegation", "id": "%svirtualNetworks/vnetname/subnets/subnet1/delegations/myDelegation",
             "properties": {"serviceName": "Microsoft.Databricks/workspaces", "actions": ["Microsoft.Network/virtualNetworks/subnets/join/action"]}},
             {"properties": {"serviceName": "Microsoft.MachineLearningServices/workspaces"}}]}}
        """.formatted(RG, RG));
    noErrors(e);
    Subnet s = e.all(Subnet.class).get(0);
    assertThat(IpValue.texts(s.addressPrefixes())).containsExactly("10.0.0.0/16");
    assertThat(s.delegations()).extracting(Delegation::name, Delegation::serviceName).containsExactly(
        tuple("myDelegation", "Microsoft.Databricks/workspaces"),
        tuple("Microsoft.MachineLearningServices/workspaces",
            "Microsoft.MachineLearningServices/workspaces"));
  }

  @Test
  void basicInternalLoadBalancerReadsSkuFrontendSubnetAndPools() {
    Estate e = Arm.estate("""
        {"id": "%sloadBalancers/lb", "name": "lb", "type": "Microsoft.Network/loadBalancers", "location": "eastus",
         "sku": {"name": "Basic"},
         "properties": {
           "frontendIPConfigurations": [{"name": "fe-lb", "id": "%sloadBalancers/lb/frontendIPConfigurations/fe-lb",
             "properties": {"privateIPAllocationMethod": "Dynamic",
               "subnet": {"id": "%svirtualNetworks/vnetlb/subnets/subnetlb"}}}],
           "backendAddressPools": [{"name": "be-lb", "id": "%sloadBalancers/lb/backendAddressPools/be-lb"}],
           "outboundRules": []}}
        """.formatted(RG, RG, RG, RG));
    noErrors(e);
    LoadBalancer lb = e.all(LoadBalancer.class).get(0);
    assertThat(lb.sku()).isEqualTo("Basic");
    assertThat(lb.frontends()).singleElement().satisfies(f -> {
      assertThat(f.subnet()).isEqualTo(ResourceId.of(RG + "virtualNetworks/vnetlb/subnets/subnetlb"));
      assertThat(f.publicIp()).isNull();
      assertThat(f.publicIpPrefix()).isNull();
    });
    assertThat(lb.backendPools()).extracting(ResourceId::name).containsExactly("be-lb");
    assertThat(lb.outboundRules()).isEmpty();
  }

  @Test
  void dynamicPublicIpWithoutAnAddressIsReadWithANullAddress() {
    Estate e = Arm.estate("""
        {"id": "%spublicIPAddresses/testDNS-ip", "name": "testDNS-ip", "type": "Microsoft.Network/publicIPAddresses",
         "location": "westus", "sku": {"name": "Basic"},
         "properties": {"publicIPAllocationMethod": "Dynamic", "publicIPAddressVersion": "IPv4",
           "idleTimeoutInMinutes": 4, "provisioningState": "Succeeded"}}
        """.formatted(RG));
    noErrors(e);
    PublicIp ip = e.all(PublicIp.class).get(0);
    assertThat(ip.allocationMethod()).isEqualTo("Dynamic");
    assertThat(ip.ipAddress()).isNull();
    assertThat(ip.sku()).isEqualTo("Basic");
  }
}
