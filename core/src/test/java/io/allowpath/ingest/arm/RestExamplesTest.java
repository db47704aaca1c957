package io.allowpath.ingest.arm;

import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.CorpusFiles;
import io.allowpath.RequiresCorpus;
import io.allowpath.ingest.RawResource;
import io.allowpath.model.Address;
import io.allowpath.model.AzureFirewall;
import io.allowpath.model.ContainerRegistry;
import io.allowpath.model.CosmosAccount;
import io.allowpath.model.DatabricksWorkspace;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.IpValue;
import io.allowpath.model.KeyVault;
import io.allowpath.model.LoadBalancer;
import io.allowpath.model.MlCompute;
import io.allowpath.model.MlWorkspace;
import io.allowpath.model.NatGateway;
import io.allowpath.model.NetworkSecurityGroup;
import io.allowpath.model.PrivateEndpoint;
import io.allowpath.model.PublicIp;
import io.allowpath.model.PublicIpPrefix;
import io.allowpath.model.ResourceId;
import io.allowpath.model.RouteTable;
import io.allowpath.model.Severity;
import io.allowpath.model.SqlFirewallRule;
import io.allowpath.model.SqlServer;
import io.allowpath.model.StorageAccount;
import io.allowpath.model.Subnet;
import io.allowpath.model.VirtualNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scenario tests on the Azure REST API examples in the shared corpus (habit 10): every example's
 * response body is an ARM resource (or a {@code value} list) that reads without an ERROR diagnostic,
 * and each one becomes the record it describes, with the key values of the file.
 */
@RequiresCorpus
class RestExamplesTest {
  static final String DIR = "azure-rest-api-specs";

  static Stream<Named<Path>> examples() {
    return CorpusFiles.files(DIR, ".json").stream().map(p -> Named.of(p.getFileName().toString(), p));
  }

  static Path example(String fileName) {
    return CorpusFiles.files(DIR, ".json").stream().filter(p -> p.getFileName().toString().equals(fileName))
        .findFirst().orElseThrow(() -> new AssertionError("no REST example " + fileName + " in the corpus"));
  }

  static Estate read(String... fileNames) {
    List<RawResource> raws = new ArrayList<>();
    for (String f : fileNames) {
      raws.addAll(Arm.example(example(f)));
    }
    return Arm.read(raws);
  }

  static <T> T one(Estate e, Class<T> type) {
    assertThat(e.all(type)).as("records of type %s", type.getSimpleName()).hasSize(1);
    return e.all(type).get(0);
  }

  static ResourceId id(String s) {
    return ResourceId.of(s);
  }

  /** Per file: what it must read as (file names are unique in the corpus; a test checks that). */
  static final Map<String, Consumer<Estate>> EXPECTED = new LinkedHashMap<>();

  static {
    // ---- targets
    EXPECTED.put("createVaultWithNetworkAcls.json", e -> {
      // the example quotes its second IP rule ("'10.91.4.0/24'"), which is not an address: IP rule values are
      // parsed while reading, so the vault is one ERROR at the value's pointer and is skipped (issue 10)
      assertThat(e.all(KeyVault.class)).isEmpty();
      assertThat(Arm.of(e, Severity.ERROR)).singleElement().satisfies(d -> {
        assertThat(d.pointer()).isEqualTo("/properties/networkAcls/ipRules/1/value");
        assertThat(d.message()).contains("'10.91.4.0/24'");
      });
    });
    EXPECTED.put("getVault.json", e -> {
      KeyVault kv = one(e, KeyVault.class);
      assertThat(kv.rules().publicNetworkAccess()).isEqualTo("Enabled");
      assertThat(kv.rules().defaultAction()).isNull();
      assertThat(kv.rules().ipRules()).isEmpty();
    });
    EXPECTED.put("CosmosDBDatabaseAccountCreateMax.json", e -> {
      CosmosAccount c = one(e, CosmosAccount.class);
      assertThat(c.location()).isEqualTo("westus");
      assertThat(Address.texts(c.rules().ipRules())).containsExactly("23.43.230.120", "110.12.240.0/12");
      assertThat(c.virtualNetworkFilterEnabled()).isTrue();
      assertThat(c.rules().vnetRules()).containsExactly(
          id("/subscriptions/subId/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/subnet1"));
      assertThat(c.rules().publicNetworkAccess()).isEqualTo("Enabled");
      assertThat(c.rules().bypass()).isEqualTo("AzureServices");
    });
    EXPECTED.put("CosmosDBDatabaseAccountGet.json", e -> {
      CosmosAccount c = one(e, CosmosAccount.class);
      assertThat(c.rules().ipRules()).isEmpty();
      assertThat(c.virtualNetworkFilterEnabled()).isFalse();
      assertThat(c.rules().vnetRules()).isEmpty();
    });
    EXPECTED.put("RegistryGet.json", e -> {
      ContainerRegistry r = one(e, ContainerRegistry.class);
      assertThat(r.id().name()).isEqualTo("myRegistry");
      assertThat(r.sku()).isEqualTo("Standard");
      assertThat(r.premium()).isFalse();
      assertThat(r.rules().defaultAction()).isEqualTo("Allow");
      assertThat(r.rules().ipRules()).isEmpty();
      assertThat(r.rules().publicNetworkAccess()).isEqualTo("Enabled");
      assertThat(r.rules().bypass()).isEqualTo("AzureServices");
    });
    EXPECTED.put("ServerGet.json", e -> {
      SqlServer s = one(e, SqlServer.class);
      assertThat(s.id().name()).isEqualTo("sqlcrudtest-4645");
      assertThat(s.location()).isEqualTo("japaneast");
      assertThat(s.publicNetworkAccess()).isEqualTo("Enabled");
      assertThat(s.firewallRules()).isEmpty();
    });
    // standalone children without their server: nothing to join to, one WARNING each naming the server
    EXPECTED.put("FirewallRuleGet.json", e -> {
      assertThat(e.resources()).isEmpty();
      assertThat(Arm.of(e, Severity.WARNING)).singleElement().extracting(Diagnostic::message).asString()
          .contains("firewallrulecrudtest-6285");
    });
    EXPECTED.put("FirewallRuleList.json", e -> {
      assertThat(e.resources()).isEmpty();
      assertThat(Arm.of(e, Severity.WARNING)).hasSize(4);
    });
    EXPECTED.put("VirtualNetworkRulesGet.json", e -> {
      assertThat(e.resources()).isEmpty();
      assertThat(Arm.of(e, Severity.WARNING)).singleElement().extracting(Diagnostic::message).asString()
          .contains("/servers/vnet-test-svr");
    });
    EXPECTED.put("StorageAccountGetProperties.json", e -> {
      StorageAccount s = one(e, StorageAccount.class);
      assertThat(s.id().name()).isEqualTo("sto8596");
      assertThat(s.sku()).isEqualTo("Standard_GRS");
      assertThat(s.kind()).isEqualTo("Storage");
      assertThat(s.location()).isEqualTo("eastus2(stage)");
      assertThat(s.rules().defaultAction()).isEqualTo("Allow");
      assertThat(s.rules().bypass()).isEqualTo("AzureServices");
      assertThat(s.rules().ipRules()).isEmpty();
      assertThat(s.resourceAccessRules()).containsExactly(id("/subscriptions/a7e99807-abbf-4642-bdec-2c809a96a8bc"
          + "/resourceGroups/res9407/providers/Microsoft.Synapse/workspaces/testworkspace"));
    });
    EXPECTED.put("StorageAccountUpdate.json", e -> {
      StorageAccount s = one(e, StorageAccount.class);
      assertThat(s.resourceAccessRules()).hasSize(1);
      assertThat(s.rules().vnetRules()).isEmpty();
    });
    EXPECTED.put("NfsV3AccountCreate.json", e -> {
      StorageAccount s = one(e, StorageAccount.class);
      assertThat(s.kind()).isEqualTo("BlockBlobStorage");
      assertThat(s.sku()).isEqualTo("Premium_LRS");
      assertThat(s.rules().vnetRules()).containsExactly(id("/subscriptions/{subscription-id}/resourceGroups/res9101"
          + "/providers/Microsoft.Network/virtualNetworks/net123/subnets/subnet12"));
    });
    // sites/config/web without its site and without ipSecurityRestrictions: a WARNING naming the site
    EXPECTED.put("GetSiteConfig.json", e -> {
      assertThat(e.resources()).isEmpty();
      assertThat(Arm.of(e, Severity.WARNING)).singleElement().extracting(Diagnostic::message).asString()
          .contains("/sites/sitef6141");
    });
    EXPECTED.put("PrivateEndpointGet.json", e -> {
      PrivateEndpoint pe = one(e, PrivateEndpoint.class);
      assertThat(pe.subnet()).isEqualTo(
          id("/subscriptions/subId/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/myVnet/subnets/mySubnet"));
      assertThat(pe.connections()).singleElement().satisfies(c -> {
        assertThat(c.target()).isEqualTo(
            id("/subscriptions/subId/resourceGroups/rg1/providers/Microsoft.Network/privateLinkServices/testPls"));
        assertThat(c.groupIds()).containsExactly("groupIdFromResource");
        assertThat(c.status()).isEqualTo("Approved");
        assertThat(c.approved()).isTrue();
      });
      assertThat(IpValue.texts(pe.privateIps())).containsExactly("192.168.0.4", "192.168.0.5", "192.168.0.6", "192.168.0.7");
    });
    // ---- network (already modelled)
    EXPECTED.put("VirtualNetworkGet.json", e -> {
      VirtualNetwork v = one(e, VirtualNetwork.class);
      assertThat(IpValue.texts(v.addressPrefixes())).containsExactly("10.0.0.0/16");
      assertThat(IpValue.texts(one(e, Subnet.class).addressPrefixes())).containsExactly("10.0.1.0/24");
    });
    EXPECTED.put("VirtualNetworkGetWithSubnetDelegation.json",
        e -> assertThat(one(e, Subnet.class).delegations()).extracting(io.allowpath.model.Delegation::serviceName)
            .containsExactly("Microsoft.Provider/resourceType"));
    EXPECTED.put("NatGatewayGet.json", e -> {
      NatGateway n = one(e, NatGateway.class);
      assertThat(n.publicIps()).extracting(ResourceId::name).containsExactly("PublicIpAddress1");
      assertThat(n.publicIpPrefixes()).extracting(ResourceId::name).containsExactly("PublicIpPrefix1");
    });
    EXPECTED.put("AzureFirewallGet.json", e -> {
      AzureFirewall f = one(e, AzureFirewall.class);
      assertThat(f.ipConfigurations()).hasSize(1);
      assertThat(f.ruleCollections()).extracting(c -> c.name() + ":" + c.kind())
          .contains("netrulecoll:NETWORK", "apprulecoll:APPLICATION");
    });
    EXPECTED.put("LoadBalancerGet.json", e -> {
      LoadBalancer lb = one(e, LoadBalancer.class);
      assertThat(lb.sku()).isEqualTo("Basic");
      assertThat(lb.frontends()).singleElement().satisfies(f -> assertThat(f.subnet()).isNotNull());
    });
    EXPECTED.put("LoadBalancerCreateWithOutboundRules.json", e -> {
      LoadBalancer lb = one(e, LoadBalancer.class);
      assertThat(lb.sku()).isEqualTo("Standard");
      assertThat(lb.outboundRules()).singleElement().satisfies(r -> {
        assertThat(r.frontends()).extracting(ResourceId::name).containsExactly("fe-lb");
        assertThat(r.backendPool().name()).isEqualTo("be-lb");
      });
    });
    EXPECTED.put("RouteTableGet.json", e -> assertThat(one(e, RouteTable.class).routes()).singleElement()
        .satisfies(r -> assertThat(r.nextHopType()).isEqualTo("VirtualNetworkGateway")));
    EXPECTED.put("PublicIpAddressGet.json", e -> {
      PublicIp ip = one(e, PublicIp.class);
      assertThat(ip.allocationMethod()).isEqualTo("Dynamic");
      assertThat(ip.ipAddress()).isNull();
    });
    EXPECTED.put("PublicIpPrefixGet.json",
        e -> assertThat(one(e, PublicIpPrefix.class).ipPrefix().text()).isEqualTo("192.168.254.2/30"));
    EXPECTED.put("SubnetGet.json", e -> assertThat(IpValue.texts(one(e, Subnet.class).addressPrefixes())).containsExactly("10.0.0.0/16"));
    EXPECTED.put("SubnetGetWithDelegation.json",
        e -> assertThat(one(e, Subnet.class).delegations()).extracting(io.allowpath.model.Delegation::serviceName)
            .containsExactly("Microsoft.Provider/resourceType"));
    EXPECTED.put("SubnetCreateServiceEndpoint.json", e -> assertThat(one(e, Subnet.class).serviceEndpoints())
        .singleElement().satisfies(s -> assertThat(s.service()).isEqualTo("Microsoft.Storage")));
    EXPECTED.put("NetworkSecurityGroupGet.json", e -> assertThat(one(e, NetworkSecurityGroup.class).rules())
        .extracting(r -> r.name() + ":" + r.access() + ":" + r.priority()).contains("rule1:Allow:130"));
    // ---- Azure Machine Learning
    EXPECTED.put("get.json", e -> {
      MlWorkspace w = one(e, MlWorkspace.class);
      assertThat(w.publicNetworkAccess()).isEqualTo("Disabled");
      assertThat(w.isolationMode()).isEqualTo("AllowOnlyApprovedOutbound");
      assertThat(w.outboundRules()).extracting(r -> r.name() + ":" + r.type()).containsExactly("some_string:FQDN");
    });
    EXPECTED.put("AmlCompute.json", e -> {
      MlCompute c = one(e, MlCompute.class);
      assertThat(c.computeType()).isEqualTo("AmlCompute");
      assertThat(c.enableNodePublicIp()).isTrue();
      assertThat(c.workspace().name()).isEqualTo("workspaces123");
    });
    EXPECTED.put("ComputeInstance.json", e -> assertThat(one(e, MlCompute.class).computeType()).isEqualTo("ComputeInstance"));
    // outbound rules without their workspace are kept for a join and produce no record
    EXPECTED.put("listRule.json", e -> assertThat(e.resources()).isEmpty());
    EXPECTED.put("createOrUpdateRule.json", e -> assertThat(e.resources()).isEmpty());
    // ---- Azure Databricks
    EXPECTED.put("WorkspaceGet.json", e -> {
      DatabricksWorkspace w = one(e, DatabricksWorkspace.class);
      assertThat(w.location()).isEqualTo("eastus2");
      assertThat(w.customVirtualNetwork()).isNull();
    });
    EXPECTED.put("WorkspaceGetParameters.json", e -> {
      DatabricksWorkspace w = one(e, DatabricksWorkspace.class);
      assertThat(w.customVirtualNetwork().name()).isEqualTo("myNetwork");
      assertThat(w.publicSubnetName()).isEqualTo("PublicSarah");
      assertThat(w.privateSubnetName()).isEqualTo("PrivateBob");
    });
    EXPECTED.put("WorkspaceCreateWithParameters.json", e -> {
      DatabricksWorkspace w = one(e, DatabricksWorkspace.class);
      assertThat(w.publicSubnetName()).isEqualTo("myPublicSubnet");
      assertThat(w.privateSubnetName()).isEqualTo("myPrivateSubnet");
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void exampleReadsWithoutErrorsAsTheRecordItDescribes(Path file) {
    Estate e = Arm.read(Arm.example(file));
    if (!INVALID.contains(file.getFileName().toString())) {
      assertThat(Arm.of(e, Severity.ERROR)).as("ERROR diagnostics").isEmpty();
    }
    assertThat(e.skippedTypes()).as("skipped types").isEmpty();
    Consumer<Estate> expected = EXPECTED.get(file.getFileName().toString());
    assertThat(expected).as("an expectation for %s in RestExamplesTest.EXPECTED", file.getFileName()).isNotNull();
    expected.accept(e);
  }

  /** Examples with a value Azure would refuse: each reads as one ERROR diagnostic (see its expectation). */
  private static final Set<String> INVALID = Set.of("createVaultWithNetworkAcls.json");

  @Test
  void everyExpectationNamesOneCorpusFile() {
    List<String> names = examples().map(Named::getName).toList();
    assertThat(names).doesNotHaveDuplicates();
    assertThat(names).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
  }

  /** The SQL examples come from different test runs: the rules' server is not the server of ServerGet. */
  @Test
  void sqlFirewallRulesDoNotJoinServerGetBecauseTheExampleIdsDiffer() {
    Estate e = read("ServerGet.json", "FirewallRuleList.json");
    assertThat(one(e, SqlServer.class).firewallRules()).isEmpty();
    assertThat(Arm.of(e, Severity.WARNING)).hasSize(4).allSatisfy(d -> assertThat(d.message())
        .contains("/resourceGroups/firewallrulecrudtest-12/providers/Microsoft.Sql/servers/firewallrulecrudtest-6285"));
  }

  /** With ServerGet re-homed to the rules' server id, FirewallRuleList and FirewallRuleGet join it (no duplicates). */
  @Test
  void sqlFirewallRulesJoinTheirServerWhenIdsMatch() {
    String serverId = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/firewallrulecrudtest-12"
        + "/providers/Microsoft.Sql/servers/firewallrulecrudtest-6285";
    var server = (com.fasterxml.jackson.databind.node.ObjectNode) Arm.exampleBody(example("ServerGet.json")).deepCopy();
    server.put("id", serverId);
    List<RawResource> raws = new ArrayList<>();
    raws.add(new RawResource(server, "ServerGet.json", ""));
    raws.addAll(Arm.example(example("FirewallRuleList.json")));
    raws.addAll(Arm.example(example("FirewallRuleGet.json")));
    Estate e = Arm.read(raws);
    assertThat(e.diagnostics()).isEmpty();
    SqlServer s = e.get(ResourceId.of(serverId), SqlServer.class);
    assertThat(s.firewallRules()).extracting(SqlFirewallRule::name, SqlFirewallRule::startIpAddress)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("firewallrulecrudtest-2304", "0.0.0.0"),
            org.assertj.core.groups.Tuple.tuple("firewallrulecrudtest-3927", "0.0.0.1"),
            org.assertj.core.groups.Tuple.tuple("firewallrulecrudtest-5370", "0.0.0.3"),
            org.assertj.core.groups.Tuple.tuple("firewallrulecrudtest-5767", "0.0.0.2"));
    assertThat(s.firewallRules().get(0).allowsAllAzure()).isTrue();
  }

  /** The whole REST corpus read as one estate: still no ERROR. */
  @Test
  void allExamplesTogetherReadWithoutErrors() {
    List<RawResource> raws = new ArrayList<>();
    examples().forEach(n -> raws.addAll(Arm.example(n.getPayload())));
    Estate e = Arm.read(raws);
    assertThat(Arm.of(e, Severity.ERROR)).hasSize(INVALID.size());
    assertThat(e.all(StorageAccount.class)).hasSize(2); // sto8596 appears in two examples
  }
}
