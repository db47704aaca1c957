package io.allowpath.analysis.access;

import static io.allowpath.testing.TargetJson.add;
import static io.allowpath.testing.TargetJson.arr;
import static io.allowpath.testing.TargetJson.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.analysis.access.NsgEvaluator.Decision;
import io.allowpath.analysis.access.NsgEvaluator.Destination;
import io.allowpath.analysis.access.NsgEvaluator.PortRange;
import io.allowpath.ingest.servicetags.ServiceTagsReader;
import io.allowpath.model.IpValue;
import io.allowpath.model.Estate;
import io.allowpath.model.IpSet;
import io.allowpath.model.NetworkSecurityGroup;
import io.allowpath.model.Ports;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Service;
import io.allowpath.model.ServiceTags;
import io.allowpath.testing.EstateJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outbound NSG evaluation (AZURE-EGRESS.md §8.9, §8.10). Rules are written in the ARM
 * {@code securityRules[].properties} shape (protocol, sourceAddressPrefix(es), destinationAddressPrefix(es),
 * destinationPortRange(s), source/destinationApplicationSecurityGroups, access, priority, direction) and read
 * through the real loader; the default rules and the NIC-then-subnet order are those of
 * https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview and
 * https://learn.microsoft.com/azure/virtual-network/network-security-group-how-it-works.
 */
class NsgEvaluatorTest {
  @TempDir Path dir;

  static final List<IpValue> SUBNET = IpValue.list("10.1.1.0/24");
  static final Destination STORAGE_EASTUS = new Destination("Storage", "eastus", null, null);
  static final Destination VAULT_EASTUS = new Destination("AzureKeyVault", "eastus", null, null);
  static final Destination SQL_EASTUS = new Destination("Sql", "eastus", null, null);
  static final List<PortRange> HTTPS = NsgEvaluator.ports(Service.STORAGE);

  final EstateJson e = new EstateJson();

  static ObjectNode rule(String name, int priority, String access, String protocol, String dest, String ports) {
    return obj("name", name, "properties", obj("protocol", protocol, "sourcePortRange", "*", "destinationPortRange", ports,
        "sourceAddressPrefix", "*", "destinationAddressPrefix", dest, "access", access, "priority", priority,
        "direction", "Outbound"));
  }

  ObjectNode nsg(String name, ObjectNode... rules) {
    ObjectNode n = e.resource(EstateJson.net("networkSecurityGroups", name), "Microsoft.Network/networkSecurityGroups", "eastus");
    for (ObjectNode r : rules) {
      add(n, "properties.securityRules", r);
    }
    return n;
  }

  List<NetworkSecurityGroup> load(String... names) {
    Estate estate = e.load(dir);
    List<NetworkSecurityGroup> out = new ArrayList<>();
    for (String n : names) {
      out.add(estate.get(ResourceId.of(EstateJson.net("networkSecurityGroups", n)), NetworkSecurityGroup.class));
    }
    assertThat(out).doesNotContainNull();
    return out;
  }

  static Decision eval(List<NetworkSecurityGroup> nsgs, Destination d, List<PortRange> ports, ServiceTags tags) {
    return new NsgEvaluator(tags).evaluate(nsgs, SUBNET, Set.of(), d, ports);
  }

  ServiceTags tags() throws IOException {
    Path f = dir.resolve("ServiceTags_Public_20250101.json");
    Files.writeString(f, """
        {"changeNumber": 1, "cloud": "Public", "values": [
          {"name": "Storage.EastUS", "id": "Storage.EastUS",
           "properties": {"region": "eastus", "systemService": "AzureStorage", "addressPrefixes": ["20.38.0.0/16"]}},
          {"name": "AzureKeyVault.EastUS", "id": "AzureKeyVault.EastUS",
           "properties": {"region": "eastus", "systemService": "AzureKeyVault", "addressPrefixes": ["20.42.0.0/16"]}},
          {"name": "AzureMonitor", "id": "AzureMonitor",
           "properties": {"region": "", "systemService": "AzureMonitor", "addressPrefixes": ["13.64.0.0/16"]}}
        ]}
        """);
    return ServiceTagsReader.read(f);
  }

  @Test
  void noNsgAllowsEverything() {
    Decision d = eval(List.of(), STORAGE_EASTUS, HTTPS, null);
    assertThat(d.outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(d.nsg()).isNull();
  }

  @Test
  void defaultRulesAllowInternetOutbound() {
    nsg("nsg1", rule("AllowSsh", 100, "Allow", "Tcp", "*", "22"));
    Decision d = eval(load("nsg1"), STORAGE_EASTUS, HTTPS, null);
    assertThat(d.outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(d.rule()).isEqualTo("AllowInternetOutBound");
  }

  @Test
  void denyOnTheServiceTagBlocksAndIsNamed() {
    nsg("nsg1", rule("DenyStorage", 200, "Deny", "*", "Storage", "*"));
    Decision d = eval(load("nsg1"), STORAGE_EASTUS, HTTPS, null);
    assertThat(d.outcome()).isEqualTo(Outcome.DENY);
    assertThat(d.rule()).isEqualTo("DenyStorage");
    assertThat(d.detail()).contains("nsg1").contains("DenyStorage").contains("443");
  }

  @Test
  void regionalTagOfAnotherRegionDoesNotMatch() {
    nsg("nsg1", rule("DenyStorageWest", 200, "Deny", "Tcp", "Storage.WestUS", "443"));
    assertThat(eval(load("nsg1"), STORAGE_EASTUS, HTTPS, null).outcome()).isEqualTo(Outcome.ALLOW);
  }

  @Test
  void lowerPriorityNumberWinsAllowStorageBeforeDenyInternet() throws IOException {
    nsg("nsg1", rule("AllowStorageEast", 100, "Allow", "Tcp", "Storage.EastUS", "443"),
        rule("DenyInternet", 4000, "Deny", "*", "Internet", "*"));
    List<NetworkSecurityGroup> n = load("nsg1");
    assertThat(eval(n, STORAGE_EASTUS, HTTPS, null).rule()).isEqualTo("AllowStorageEast");
    // whether Storage.EastUS holds key vault addresses is a service tags question
    assertThat(eval(n, VAULT_EASTUS, HTTPS, null).outcome()).isEqualTo(Outcome.UNKNOWN);
    Decision kv = eval(n, VAULT_EASTUS, HTTPS, tags());
    assertThat(kv.outcome()).isEqualTo(Outcome.DENY);
    assertThat(kv.rule()).isEqualTo("DenyInternet");
  }

  @Test
  void aPortRuleForAnotherPortDoesNotBlock() {
    nsg("nsg1", rule("DenySmb", 100, "Deny", "Tcp", "Storage", "445"));
    assertThat(eval(load("nsg1"), STORAGE_EASTUS, HTTPS, null).outcome()).isEqualTo(Outcome.ALLOW);
  }

  @Test
  void udpRulesDoNotTouchTcpTraffic() {
    nsg("nsg1", rule("DenyUdp", 100, "Deny", "Udp", "*", "*"));
    assertThat(eval(load("nsg1"), STORAGE_EASTUS, HTTPS, null).outcome()).isEqualTo(Outcome.ALLOW);
  }

  @Test
  void sqlIsEvaluatedOnItsPortNotOn443() {
    nsg("nsg1", rule("AllowSql1433", 100, "Allow", "Tcp", "Sql", "1433"),
        rule("DenyInternet", 4000, "Deny", "*", "Internet", "*"));
    Decision d = eval(load("nsg1"), SQL_EASTUS, NsgEvaluator.ports(Service.SQL), null);
    assertThat(d.outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(d.rule()).isEqualTo("AllowSql1433");
    assertThat(eval(load("nsg1"), SQL_EASTUS, HTTPS, null).rule()).isEqualTo("DenyInternet");
  }

  @Test
  void everyPortOfAListMustBeAllowed() {
    nsg("nsg1", rule("AllowSql1433", 100, "Allow", "Tcp", "Sql", "1433"),
        rule("DenyInternet", 4000, "Deny", "*", "Internet", "*"));
    Decision d = eval(load("nsg1"), SQL_EASTUS, List.of(PortRange.of(1433), ClientPorts.REDIRECT_PUBLIC), null);
    assertThat(d.outcome()).isEqualTo(Outcome.DENY);
    assertThat(d.rule()).isEqualTo("DenyInternet");
  }

  @Test
  void anotherServiceTagNeedsTheTagsFileWhenItDecides() throws IOException {
    nsg("nsg1", rule("DenyMonitor", 100, "Deny", "Tcp", "AzureMonitor", "443"));
    List<NetworkSecurityGroup> n = load("nsg1");
    Decision unknown = eval(n, STORAGE_EASTUS, HTTPS, null);
    assertThat(unknown.outcome()).isEqualTo(Outcome.UNKNOWN);
    assertThat(unknown.rule()).isEqualTo("DenyMonitor");
    assertThat(unknown.detail()).contains("--service-tags");
    assertThat(eval(n, STORAGE_EASTUS, HTTPS, tags()).outcome()).isEqualTo(Outcome.ALLOW);
  }

  @Test
  void anUndecidableRuleThatCannotChangeTheOutcomeDoesNotMakeItUnknown() {
    nsg("nsg1", rule("AllowMonitor", 100, "Allow", "Tcp", "AzureMonitor", "443"));
    assertThat(eval(load("nsg1"), STORAGE_EASTUS, HTTPS, null).outcome()).isEqualTo(Outcome.ALLOW);
  }

  @Test
  void privateEndpointTrafficIsInsideVirtualNetwork() {
    nsg("nsg1", rule("DenyInternet", 100, "Deny", "*", "Internet", "*"),
        rule("DenyAllOut", 4096, "Deny", "*", "*", "*"));
    Destination pe = new Destination("Storage", "eastus", null, IpSet.parse("10.1.2.5"));
    List<NetworkSecurityGroup> n = load("nsg1");
    Decision d = eval(n, pe, HTTPS, null);
    assertThat(d.outcome()).isEqualTo(Outcome.DENY);
    assertThat(d.rule()).isEqualTo("DenyAllOut");
    ObjectNode allowVnet = rule("AllowVnet", 90, "Allow", "Tcp", "VirtualNetwork", "443");
    add(e.resource(EstateJson.net("networkSecurityGroups", "nsg1"), "Microsoft.Network/networkSecurityGroups", "eastus"),
        "properties.securityRules", allowVnet);
    assertThat(eval(load("nsg1"), pe, HTTPS, null).rule()).isEqualTo("AllowVnet");
  }

  @Test
  void sourceAsgRulesDoNotMatchComputesOutsideTheGroup() {
    ObjectNode r = rule("DenyFromAsg", 100, "Deny", "*", "*", "*");
    ((ObjectNode) r.get("properties")).remove("sourceAddressPrefix");
    ((ObjectNode) r.get("properties")).set("sourceApplicationSecurityGroups",
        arr(obj("id", EstateJson.net("applicationSecurityGroups", "asg-web"))));
    nsg("nsg1", r);
    assertThat(eval(load("nsg1"), STORAGE_EASTUS, HTTPS, null).outcome()).isEqualTo(Outcome.ALLOW);
  }

  @Test
  void aSourcePrefixCoveringPartOfTheSubnetIsUndecided() {
    ObjectNode r = rule("DenyHalf", 100, "Deny", "*", "*", "*");
    ((ObjectNode) r.get("properties")).put("sourceAddressPrefix", "10.1.1.0/25");
    nsg("nsg1", r);
    assertThat(eval(load("nsg1"), STORAGE_EASTUS, HTTPS, null).outcome()).isEqualTo(Outcome.UNKNOWN);
  }

  @Test
  void nicNsgIsProcessedFirstForOutbound() {
    nsg("nsg-nic", rule("DenyStorageNic", 100, "Deny", "*", "Storage", "*"));
    nsg("nsg-subnet", rule("DenyStorageSubnet", 100, "Deny", "*", "Storage", "*"));
    Decision d = eval(load("nsg-nic", "nsg-subnet"), STORAGE_EASTUS, HTTPS, null);
    assertThat(d.rule()).isEqualTo("DenyStorageNic");
    assertThat(d.nsg().name()).isEqualTo("nsg-nic");
  }

  @Test
  void pluralFieldsAreRead() {
    ObjectNode r = obj("name", "DenyMany", "properties", obj("protocol", "Tcp", "sourcePortRange", "*",
        "destinationPortRanges", arr("80", "440-450"), "sourceAddressPrefixes", arr("10.0.0.0/8"),
        "destinationAddressPrefixes", arr("AzureKeyVault", "Storage"), "access", "Deny", "priority", 300,
        "direction", "Outbound"));
    nsg("nsg1", r);
    Decision d = eval(load("nsg1"), STORAGE_EASTUS, HTTPS, null);
    assertThat(d.outcome()).isEqualTo(Outcome.DENY);
    assertThat(d.rule()).isEqualTo("DenyMany");
  }

  @Test
  void portRangesParseAndSubtract() {
    assertThat(NsgEvaluator.intersect(List.of(new PortRange(1000, 2000)), Ports.list("*")))
        .containsExactly(new PortRange(1000, 2000));
    assertThat(NsgEvaluator.intersect(List.of(new PortRange(1000, 12000)), Ports.list("11000-11999", "80")))
        .containsExactly(new PortRange(11000, 11999));
    assertThat(NsgEvaluator.intersect(List.of(new PortRange(443, 443)), List.of())).containsExactly(new PortRange(443, 443));
    assertThat(NsgEvaluator.intersect(List.of(new PortRange(443, 443)), Ports.list("444-500"))).isEmpty();
    assertThat(NsgEvaluator.minus(List.of(new PortRange(1, 10)), List.of(new PortRange(3, 4))))
        .containsExactly(new PortRange(1, 2), new PortRange(5, 10));
  }

  /**
   * Without the service tags file, allow rules for other services' tags are undecidable, but each one that matched
   * would allow: a run of more of them than the undecided limit (as the planner adds, one per destination) still
   * ends in the service's own allow rule, so the answer is ALLOW; undecidable rules that could deny still make the
   * answer UNKNOWN.
   */
  @Test
  void aLongRunOfUndecidedAllowRulesBeforeTheServicesOwnRuleStaysDecidable() {
    List<ObjectNode> rules = new ArrayList<>();
    String[] others = {"AppService.eastus", "AzureCognitiveSearch.eastus", "AzureContainerRegistry.eastus",
        "AzureCosmosDB.westeurope", "AzureDatabricks", "AzureMachineLearning.eastus", "EventHub.westeurope",
        "ServiceBus.eastus", "Sql.eastus", "Storage.westeurope", "AzureMonitor", "ApiManagement"};
    for (int i = 0; i < others.length; i++) {
      rules.add(rule("allow-" + i, 3000 - i, "Allow", "Tcp", others[i], "443"));
    }
    rules.add(rule("allow-vault", 3999, "Allow", "Tcp", "AzureKeyVault.eastus", "443"));
    rules.add(rule("DenyInternet", 4000, "Deny", "*", "Internet", "*"));
    nsg("nsg1", rules.toArray(new ObjectNode[0]));
    assertThat(eval(load("nsg1"), VAULT_EASTUS, HTTPS, null).outcome()).isEqualTo(Outcome.ALLOW);

    List<ObjectNode> denies = new ArrayList<>();
    for (int i = 0; i < others.length; i++) {
      denies.add(rule("deny-" + i, 3000 - i, "Deny", "Tcp", others[i], "443"));
    }
    denies.add(rule("allow-vault", 3999, "Allow", "Tcp", "AzureKeyVault.eastus", "443"));
    nsg("nsg2", denies.toArray(new ObjectNode[0]));
    assertThat(eval(load("nsg2"), VAULT_EASTUS, HTTPS, null).outcome()).as("a deny that may match").isEqualTo(Outcome.UNKNOWN);
  }

  /** A rule from {@code source} (a prefix or tag) denying every destination and port. */
  static ObjectNode denyFrom(String name, int priority, String source) {
    ObjectNode r = rule(name, priority, "Deny", "*", "*", "*");
    ((ObjectNode) r.get("properties")).put("sourceAddressPrefix", source);
    return r;
  }

  @Test
  void aSourcePrefixMatchesWhenItHoldsTheWholeSubnetMayMatchWhenItOverlapsAndNotOtherwise() {
    nsg("holds", denyFrom("d", 100, "10.1.0.0/16"));
    nsg("overlaps", denyFrom("d", 100, "10.1.1.128/25"));
    nsg("disjoint", denyFrom("d", 100, "10.9.0.0/16"));
    nsg("tag", denyFrom("d", 100, "Internet"));
    nsg("vnet", denyFrom("d", 100, "VirtualNetwork"));
    nsg("any", denyFrom("d", 100, "Any"));
    List<NetworkSecurityGroup> g = load("holds", "overlaps", "disjoint", "tag", "vnet", "any");
    assertThat(eval(List.of(g.get(0)), STORAGE_EASTUS, HTTPS, null).outcome()).isEqualTo(Outcome.DENY);
    Decision partial = eval(List.of(g.get(1)), STORAGE_EASTUS, HTTPS, null);
    assertThat(partial.outcome()).isEqualTo(Outcome.UNKNOWN);
    assertThat(partial.detail()).contains("source 10.1.1.128/25");
    assertThat(eval(List.of(g.get(2)), STORAGE_EASTUS, HTTPS, null).outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(eval(List.of(g.get(3)), STORAGE_EASTUS, HTTPS, null).outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(eval(List.of(g.get(4)), STORAGE_EASTUS, HTTPS, null).outcome()).isEqualTo(Outcome.DENY);
    assertThat(eval(List.of(g.get(5)), STORAGE_EASTUS, HTTPS, null).outcome()).isEqualTo(Outcome.DENY);
    // a compute whose subnet's prefixes are not known may or may not be in the rule's source
    assertThat(new NsgEvaluator(null).evaluate(List.of(g.get(0)), List.of(), Set.of(), STORAGE_EASTUS, HTTPS).outcome())
        .isEqualTo(Outcome.UNKNOWN);
  }

  @Test
  void aPrivateEndpointIsInsideVirtualNetworkAndOutsideTheInternetAndServiceTags() {
    IpSet pe = IpSet.parse("10.5.0.4");
    Destination priv = new Destination("Storage", "eastus", null, pe);
    nsg("vnet", rule("d", 100, "Deny", "Tcp", "VirtualNetwork", "443"));
    nsg("internet", rule("d", 100, "Deny", "Tcp", "Internet", "443"));
    nsg("tag", rule("d", 100, "Deny", "Tcp", "Storage", "443"));
    nsg("cidr", rule("d", 100, "Deny", "Tcp", "10.5.0.0/24", "443"));
    nsg("other", rule("d", 100, "Deny", "Tcp", "10.6.0.0/24", "443"));
    nsg("part", rule("d", 100, "Deny", "Tcp", "10.5.0.4/32", "443"));
    List<NetworkSecurityGroup> g = load("vnet", "internet", "tag", "cidr", "other", "part");
    assertThat(eval(List.of(g.get(0)), priv, HTTPS, null).outcome()).isEqualTo(Outcome.DENY);
    assertThat(eval(List.of(g.get(1)), priv, HTTPS, null).outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(eval(List.of(g.get(2)), priv, HTTPS, null).outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(eval(List.of(g.get(3)), priv, HTTPS, null).outcome()).isEqualTo(Outcome.DENY);
    assertThat(eval(List.of(g.get(4)), priv, HTTPS, null).outcome()).isEqualTo(Outcome.ALLOW);
    Destination two = new Destination("Storage", "eastus", null, IpSet.parse("10.5.0.4/31"));
    assertThat(eval(List.of(g.get(5)), two, HTTPS, null).outcome()).isEqualTo(Outcome.UNKNOWN);
    // the public endpoint: VirtualNetwork does not hold it, Internet does
    assertThat(eval(List.of(g.get(0)), STORAGE_EASTUS, HTTPS, null).outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(eval(List.of(g.get(1)), STORAGE_EASTUS, HTTPS, null).outcome()).isEqualTo(Outcome.DENY);
    // a private CIDR never holds a public endpoint
    assertThat(eval(List.of(g.get(3)), STORAGE_EASTUS, HTTPS, null).outcome()).isEqualTo(Outcome.ALLOW);
  }

  @Test
  void aDestinationAsgMayHoldAPrivateEndpointButNeverAPublicOne() {
    ObjectNode r = rule("DenyToAsg", 100, "Deny", "Tcp", "*", "443");
    ObjectNode props = (ObjectNode) r.get("properties");
    props.remove("destinationAddressPrefix");
    props.set("destinationApplicationSecurityGroups",
        arr(obj("id", EstateJson.net("applicationSecurityGroups", "asg-pe"))));
    nsg("asg", r);
    List<NetworkSecurityGroup> g = load("asg");
    assertThat(eval(g, new Destination("Storage", "eastus", null, IpSet.parse("10.5.0.4")), HTTPS, null).outcome())
        .isEqualTo(Outcome.UNKNOWN);
    assertThat(eval(g, STORAGE_EASTUS, HTTPS, null).outcome()).isEqualTo(Outcome.ALLOW);
  }

  @Test
  void aPublicCidrIsComparedWithTheServiceTagsAddressesWhenTheyAreKnown() throws IOException {
    ServiceTags t = tags();
    nsg("all", rule("d", 100, "Deny", "Tcp", "20.38.0.0/15", "443"));
    nsg("some", rule("d", 100, "Deny", "Tcp", "20.38.0.0/17", "443"));
    nsg("none", rule("d", 100, "Deny", "Tcp", "20.40.0.0/16", "443"));
    List<NetworkSecurityGroup> g = load("all", "some", "none");
    assertThat(eval(List.of(g.get(0)), STORAGE_EASTUS, HTTPS, t).outcome()).isEqualTo(Outcome.DENY);
    assertThat(eval(List.of(g.get(1)), STORAGE_EASTUS, HTTPS, t).outcome()).isEqualTo(Outcome.UNKNOWN);
    assertThat(eval(List.of(g.get(2)), STORAGE_EASTUS, HTTPS, t).outcome()).isEqualTo(Outcome.ALLOW);
    // without the tags file the addresses behind Storage.EastUS are unknown
    assertThat(eval(List.of(g.get(2)), STORAGE_EASTUS, HTTPS, null).outcome()).isEqualTo(Outcome.UNKNOWN);
    // another service's tag is compared by its addresses
    nsg("monitor", rule("d", 100, "Deny", "Tcp", "AzureMonitor", "443"));
    assertThat(eval(load("monitor"), STORAGE_EASTUS, HTTPS, t).outcome()).isEqualTo(Outcome.ALLOW);
  }
}
