package io.allowpath.ingest.arm;

import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.model.AzureFirewall;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.IpSet;
import io.allowpath.model.NetworkSecurityGroup;
import io.allowpath.model.PrivateEndpoint;
import io.allowpath.model.RouteTable;
import io.allowpath.model.Severity;
import io.allowpath.model.Subnet;
import io.allowpath.model.VirtualNetwork;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 §3 (rule values: {@link TypedAddressesTest}): the network fields of the model are typed ({@link io.allowpath.model.IpValue}), parsed once while
 * reading. A value that is not what its field holds is an ERROR at its JSON pointer and the resource is skipped; a
 * service tag or keyword where the field admits one is kept as a name; analysis reads the parsed addresses.
 */
class NetworkFieldsTest {
  static final String RG = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/";

  private static Diagnostic onlyError(Estate e) {
    assertThat(Arm.of(e, Severity.ERROR)).hasSize(1);
    return Arm.of(e, Severity.ERROR).get(0);
  }

  @Test
  void aSubnetPrefixThatIsNotAPrefixIsAnErrorAtItsPointerAndTheSubnetIsSkipped() {
    Estate e = Arm.estate("""
        {"id": "%svirtualNetworks/v/subnets/a", "name": "v/a", "type": "Microsoft.Network/virtualNetworks/subnets",
         "properties": {"addressPrefixes": ["10.0.0.0/24", "garbage/99"]}}
        """.formatted(RG));
    Diagnostic d = onlyError(e);
    assertThat(d.message()).contains("expected an IP address or CIDR prefix, found \"garbage/99\"", "resource skipped");
    assertThat(d.pointer()).isEqualTo("/properties/addressPrefixes/1");
    assertThat(e.all(Subnet.class)).isEmpty();
  }

  @Test
  void aBadInlineSubnetSkipsThatSubnetAndNotItsVirtualNetwork() {
    Estate e = Arm.estate("""
        {"id": "%svirtualNetworks/v", "name": "v", "type": "Microsoft.Network/virtualNetworks", "location": "eastus",
         "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]},
           "subnets": [{"name": "bad", "properties": {"addressPrefix": "10.0.1.0/33"}},
                       {"name": "good", "properties": {"addressPrefix": "10.0.2.0/24"}}]}}
        """.formatted(RG));
    Diagnostic d = onlyError(e);
    assertThat(d.resource().value()).endsWith("/virtualNetworks/v/subnets/bad");
    assertThat(d.message()).contains("found \"10.0.1.0/33\"", "subnet skipped");
    assertThat(d.pointer()).isEqualTo("/properties/subnets/0/properties/addressPrefix");
    assertThat(e.all(VirtualNetwork.class)).hasSize(1);
    assertThat(e.all(Subnet.class)).extracting(s -> s.id().name()).containsExactly("good");
  }

  @Test
  void prefixesAndAddressesAreParsedOnceWithTheirText() {
    Estate e = Arm.estate("""
        {"id": "%svirtualNetworks/v", "name": "v", "type": "Microsoft.Network/virtualNetworks", "location": "eastus",
         "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16", "fd00::/48"]},
           "subnets": [{"name": "a", "properties": {"addressPrefix": " 10.0.1.0/24"}}]}}
        """.formatted(RG));
    assertThat(Arm.of(e, Severity.ERROR)).isEmpty();
    VirtualNetwork v = e.all(VirtualNetwork.class).get(0);
    assertThat(v.addressPrefixes()).extracting(p -> p.prefixLength()).containsExactly(16, 48);
    assertThat(v.addressPrefixes().get(0).ips()).isEqualTo(IpSet.parse("10.0.0.0/16"));
    Subnet s = e.all(Subnet.class).get(0);
    assertThat(s.addressPrefixes().get(0).text()).isEqualTo(" 10.0.1.0/24"); // restated as written
    assertThat(s.addressPrefixes().get(0).ips()).isEqualTo(IpSet.parse("10.0.1.0/24"));
  }

  @Test
  void nsgRulesKeepTagsAsNamesAndRefuseABrokenAddress() {
    String nsg = """
        {"id": "%snetworkSecurityGroups/g", "name": "g", "type": "Microsoft.Network/networkSecurityGroups",
         "location": "eastus", "properties": {"securityRules": [
           {"name": "r", "properties": {"protocol": "Tcp", "sourceAddressPrefix": "VirtualNetwork",
             "destinationAddressPrefixes": ["Storage.EastUS", "*", "%s"], "access": "Deny",
             "destinationPortRange": "443", "priority": 200, "direction": "Outbound"}}]}}
        """;
    Estate ok = Arm.estate(nsg.formatted(RG, "20.38.0.0/16"));
    assertThat(Arm.of(ok, Severity.ERROR)).isEmpty();
    var rule = ok.all(NetworkSecurityGroup.class).get(0).rules().get(0);
    assertThat(rule.destinationAddressPrefixes()).extracting(p -> p.isAddress()).containsExactly(false, false, true);
    assertThat(rule.sourceAddressPrefixes().get(0).ips()).isNull();

    Estate bad = Arm.estate(nsg.formatted(RG, "999.1.1.1"));
    Diagnostic d = onlyError(bad);
    assertThat(d.message()).contains("expected an IP address, CIDR prefix, service tag or keyword, found \"999.1.1.1\"");
    assertThat(d.pointer()).isEqualTo("/properties/securityRules/0/properties/destinationAddressPrefixes/2");
    assertThat(bad.all(NetworkSecurityGroup.class)).isEmpty();
  }

  @Test
  void routesTakeATagOrAPrefixAndTheirNextHopMustBeAnAddress() {
    String rt = """
        {"id": "%srouteTables/t", "name": "t", "type": "Microsoft.Network/routeTables", "location": "eastus",
         "properties": {"routes": [{"name": "r", "properties": {"addressPrefix": "%s",
           "nextHopType": "VirtualAppliance", "nextHopIpAddress": "%s"}}]}}
        """;
    Estate tag = Arm.estate(rt.formatted(RG, "AzureCloud.westeurope", "10.0.0.4"));
    assertThat(Arm.of(tag, Severity.ERROR)).isEmpty();
    var route = tag.all(RouteTable.class).get(0).routes().get(0);
    assertThat(route.addressPrefix().isAddress()).isFalse();
    assertThat(route.nextHopIp().ips()).isEqualTo(IpSet.parse("10.0.0.4"));

    assertThat(onlyError(Arm.estate(rt.formatted(RG, "10.0.0.0/40", "10.0.0.4"))).pointer())
        .isEqualTo("/properties/routes/0/properties/addressPrefix");
    assertThat(onlyError(Arm.estate(rt.formatted(RG, "0.0.0.0/0", "fw-private-ip"))).pointer())
        .isEqualTo("/properties/routes/0/properties/nextHopIpAddress");
  }

  @Test
  void firewallRuleAddressesAndPrivateIpsAreTyped() {
    String fw = """
        {"id": "%sazureFirewalls/fw", "name": "fw", "type": "Microsoft.Network/azureFirewalls", "location": "eastus",
         "properties": {"ipConfigurations": [{"name": "c", "properties": {"privateIPAddress": "10.0.0.4",
             "subnet": {"id": "%svirtualNetworks/hub/subnets/AzureFirewallSubnet"}}}],
           "networkRuleCollections": [{"name": "n", "properties": {"priority": 100, "action": {"type": "Allow"},
             "rules": [{"name": "r", "protocols": ["TCP"], "sourceAddresses": ["%s"],
               "destinationAddresses": ["Storage", "20.0.0.0/8"], "destinationPorts": ["443"]}]}}]}}
        """;
    Estate ok = Arm.estate(fw.formatted(RG, RG, "10.1.0.0/16"));
    assertThat(Arm.of(ok, Severity.ERROR)).isEmpty();
    AzureFirewall f = ok.all(AzureFirewall.class).get(0);
    assertThat(f.ipConfigurations().get(0).privateIp().ips()).isEqualTo(IpSet.parse("10.0.0.4"));
    var rule = f.ruleCollections().get(0).rules().get(0);
    assertThat(rule.destinationAddresses()).extracting(p -> p.isAddress()).containsExactly(false, true);

    Diagnostic d = onlyError(Arm.estate(fw.formatted(RG, RG, "1.2.3")));
    assertThat(d.pointer()).isEqualTo("/properties/networkRuleCollections/0/properties/rules/0/sourceAddresses/0");
  }

  @Test
  void aPrivateEndpointAddressThatIsNotOneIsAnError() {
    String pe = """
        {"id": "%sprivateEndpoints/pe", "name": "pe", "type": "Microsoft.Network/privateEndpoints", "location": "eastus",
         "properties": {"subnet": {"id": "%svirtualNetworks/v/subnets/a"},
           "customDnsConfigs": [{"fqdn": "st.blob.core.windows.net", "ipAddresses": ["%s"]}]}}
        """;
    Estate ok = Arm.estate(pe.formatted(RG, RG, "10.0.1.5"));
    assertThat(Arm.of(ok, Severity.ERROR)).isEmpty();
    assertThat(ok.all(PrivateEndpoint.class).get(0).privateIps().get(0).ips()).isEqualTo(IpSet.parse("10.0.1.5"));
    assertThat(onlyError(Arm.estate(pe.formatted(RG, RG, "10.0.1"))).pointer())
        .isEqualTo("/properties/customDnsConfigs/0/ipAddresses/0");
  }

  @Test
  void aPortThatIsNotAPortARangeOrStarIsAnErrorAtItsPointer() {
    String nsg = """
        {"id": "%snetworkSecurityGroups/g", "name": "g", "type": "Microsoft.Network/networkSecurityGroups",
         "location": "eastus", "properties": {"securityRules": [
           {"name": "r", "properties": {"protocol": "Tcp", "sourceAddressPrefix": "*", "destinationAddressPrefix": "*",
             "destinationPortRanges": ["443", "%s"], "access": "Deny", "priority": 200, "direction": "Outbound"}}]}}
        """;
    Estate ok = Arm.estate(nsg.formatted(RG, "1433-1434"));
    assertThat(Arm.of(ok, Severity.ERROR)).isEmpty();
    assertThat(ok.all(NetworkSecurityGroup.class).get(0).rules().get(0).destinationPortRanges())
        .extracting(p -> p.from() + ".." + p.to()).containsExactly("443..443", "1433..1434");
    Diagnostic d = onlyError(Arm.estate(nsg.formatted(RG, "https")));
    assertThat(d.message()).contains("expected a port (0-65535), a range a-b or *, found \"https\"", "resource skipped");
    assertThat(d.pointer()).isEqualTo("/properties/securityRules/0/properties/destinationPortRanges/1");
  }
}
