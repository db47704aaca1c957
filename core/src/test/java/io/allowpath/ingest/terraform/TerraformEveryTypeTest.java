package io.allowpath.ingest.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.ingest.load.EstateLoader;
import io.allowpath.model.Address;
import io.allowpath.model.AzureFirewall;
import io.allowpath.model.CognitiveAccount;
import io.allowpath.model.ContainerRegistry;
import io.allowpath.model.CosmosAccount;
import io.allowpath.model.DatabricksWorkspace;
import io.allowpath.model.Estate;
import io.allowpath.model.IpValue;
import io.allowpath.model.LoadBalancer;
import io.allowpath.model.MessagingNamespace;
import io.allowpath.model.MlCompute;
import io.allowpath.model.MlWorkspace;
import io.allowpath.model.NetworkSecurityGroup;
import io.allowpath.model.PrivateDnsZone;
import io.allowpath.model.PrivateEndpoint;
import io.allowpath.model.ResourceId;
import io.allowpath.model.RouteTable;
import io.allowpath.model.SearchService;
import io.allowpath.model.Severity;
import io.allowpath.model.SqlServer;
import io.allowpath.model.StorageAccount;
import io.allowpath.model.Subnet;
import io.allowpath.model.VirtualNetwork;
import io.allowpath.model.WebApp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every mapped azurerm / azapi type, read from a state in {@code terraform show -json} shape, lands in
 * the model record the ARM reader makes of the same resource exported from Azure (the attribute names
 * follow the provider schemas cited in {@link TfMappings}; the ARM names the REST API specs).
 */
class TerraformEveryTypeTest {
  static final String RG = "/subscriptions/5d9e2c1a-0f3b-4a7e-9b1c-7e2d4f6a8c10/resourceGroups/rg-all/providers/";
  static final Estate E = new EstateLoader().load(List.of(Path.of("src/test/resources/terraform/every-type.state.json")));

  static ResourceId id(String s) {
    return ResourceId.of(RG + s);
  }

  @Test
  void noErrorAndNothingSkippedButTheInboundLoadBalancingRuleType() {
    assertThat(E.diagnostics()).noneMatch(d -> d.severity() == Severity.ERROR);
    assertThat(E.diagnostics()).noneMatch(d -> d.message().contains("Terraform resource(s) of types allowpath does not map"));
  }

  @Test
  void networkTypes() {
    Subnet app = E.get(id("Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-app"), Subnet.class);
    assertThat(app.routeTable()).isEqualTo(id("Microsoft.Network/routeTables/rt-app"));
    assertThat(app.networkSecurityGroup()).isEqualTo(id("Microsoft.Network/networkSecurityGroups/nsg-app"));
    assertThat(app.serviceEndpoints()).extracting(s -> s.service()).containsExactly("Microsoft.Sql");
    Subnet fwSubnet = E.get(id("Microsoft.Network/virtualNetworks/vnet-hub/subnets/AzureFirewallSubnet"), Subnet.class);
    assertThat(IpValue.texts(fwSubnet.addressPrefixes())).as("inline subnet block").containsExactly("10.0.0.0/26");
    assertThat(fwSubnet.networkSecurityGroup()).as("\"\" is unset").isNull();
    VirtualNetwork hub = E.get(id("Microsoft.Network/virtualNetworks/vnet-hub"), VirtualNetwork.class);
    assertThat(hub.peerings()).singleElement().satisfies(p -> {
      assertThat(p.remoteVnet()).isEqualTo(id("Microsoft.Network/virtualNetworks/vnet-spoke"));
      assertThat(p.allowForwardedTraffic()).isTrue();
    });
    RouteTable rt = E.get(id("Microsoft.Network/routeTables/rt-app"), RouteTable.class);
    assertThat(rt.routes()).extracting(r -> r.name() + " " + r.addressPrefix() + " " + r.nextHopType() + " " + r.nextHopIp())
        .containsExactlyInAnyOrder("default 0.0.0.0/0 VirtualAppliance 10.0.0.4", "onprem 192.168.0.0/16 VirtualNetworkGateway null");
    NetworkSecurityGroup nsg = E.get(id("Microsoft.Network/networkSecurityGroups/nsg-app"), NetworkSecurityGroup.class);
    assertThat(nsg.rules()).extracting(r -> r.name()).containsExactlyInAnyOrder("deny-internet", "allow-https");
    LoadBalancer lb = E.get(id("Microsoft.Network/loadBalancers/lb-out"), LoadBalancer.class);
    assertThat(lb.frontends()).singleElement().satisfies(f -> assertThat(f.publicIp())
        .isEqualTo(id("Microsoft.Network/publicIPAddresses/pip-lb")));
    assertThat(lb.backendPools()).containsExactly(id("Microsoft.Network/loadBalancers/lb-out/backendAddressPools/pool-a"));
    assertThat(lb.outboundRules()).singleElement().satisfies(r -> {
      assertThat(r.backendPool()).isEqualTo(id("Microsoft.Network/loadBalancers/lb-out/backendAddressPools/pool-a"));
      assertThat(r.frontends()).containsExactly(id("Microsoft.Network/loadBalancers/lb-out/frontendIPConfigurations/fe"));
    });
  }

  @Test
  void firewallWithPolicyAndClassicCollections() {
    AzureFirewall fw = E.get(id("Microsoft.Network/azureFirewalls/fw-hub"), AzureFirewall.class);
    assertThat(fw.ipConfigurations()).singleElement().satisfies(c -> assertThat(c.privateIp().text()).isEqualTo("10.0.0.4"));
    assertThat(fw.firewallPolicy()).isEqualTo(id("Microsoft.Network/firewallPolicies/fwp-hub"));
    assertThat(fw.skuTier()).isEqualTo("Standard");
    assertThat(fw.ruleCollections()).extracting(c -> c.name() + " " + c.kind() + " " + c.action() + " " + c.priority())
        .containsExactlyInAnyOrder("classic NETWORK Deny 150", "net-allow NETWORK Allow 100", "app-allow APPLICATION Allow 300");
    assertThat(fw.ruleCollections()).filteredOn(c -> c.name().equals("app-allow")).singleElement()
        .satisfies(c -> assertThat(c.rules()).singleElement().satisfies(r -> {
          assertThat(r.targetFqdns()).containsExactly("pypi.org");
          assertThat(r.protocols()).containsExactly("Https:443");
        }));
    assertThat(fw.ruleCollections()).filteredOn(c -> c.name().equals("net-allow")).singleElement()
        .satisfies(c -> assertThat(c.groupPriority()).isEqualTo(200));
  }

  @Test
  void privateEndpointAndDns() {
    PrivateEndpoint pe = E.get(id("Microsoft.Network/privateEndpoints/pe-sql"), PrivateEndpoint.class);
    assertThat(pe.connections()).singleElement().satisfies(c -> {
      assertThat(c.target()).isEqualTo(id("Microsoft.Sql/servers/sql-all"));
      assertThat(c.groupIds()).containsExactly("sqlServer");
      assertThat(c.approved()).isTrue();
    });
    assertThat(IpValue.texts(pe.privateIps())).containsExactly("10.0.1.10");
    PrivateDnsZone z = E.get(id("Microsoft.Network/privateDnsZones/privatelink.database.windows.net"), PrivateDnsZone.class);
    assertThat(z.linkedVnets()).containsExactly(id("Microsoft.Network/virtualNetworks/vnet-hub"));
    assertThat(z.aRecords()).singleElement().satisfies(a -> assertThat(a.addresses()).containsExactly("10.0.1.10"));
  }

  @Test
  void workloads() {
    MlWorkspace w = E.get(id("Microsoft.MachineLearningServices/workspaces/mlw-managed"), MlWorkspace.class);
    assertThat(w.isolationMode()).isEqualTo("AllowOnlyApprovedOutbound");
    assertThat(w.publicNetworkAccess()).isEqualTo("Disabled");
    assertThat(w.outboundRules()).extracting(r -> r.name() + " " + r.type())
        .containsExactlyInAnyOrder("pypi FQDN", "sql PrivateEndpoint", "storage ServiceTag");
    assertThat(w.outboundRules()).filteredOn(r -> r.name().equals("sql")).singleElement().satisfies(r -> {
      assertThat(r.serviceResourceId()).isEqualTo(id("Microsoft.Sql/servers/sql-all"));
      assertThat(r.subresourceTarget()).isEqualTo("sqlServer");
    });
    assertThat(w.outboundRules()).filteredOn(r -> r.name().equals("pypi")).singleElement()
        .satisfies(r -> assertThat(r.fqdn()).isEqualTo("pypi.org"));
    MlCompute ci = E.get(id("Microsoft.MachineLearningServices/workspaces/mlw-managed/computes/ci-dev"), MlCompute.class);
    assertThat(ci.isInstance()).isTrue();
    assertThat(ci.location()).as("a compute instance has the workspace's location").isEqualTo("westeurope");
    DatabricksWorkspace d = E.get(id("Microsoft.Databricks/workspaces/dbw-lb"), DatabricksWorkspace.class);
    assertThat(d.loadBalancer()).isEqualTo(id("Microsoft.Network/loadBalancers/lb-out"));
    assertThat(d.loadBalancerBackendPoolName()).isEqualTo("pool-a");
    assertThat(d.hostSubnet()).isEqualTo(id("Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-dbx-host"));
    assertThat(d.natGatewayName()).isEqualTo("nat-gateway");
  }

  @Test
  void targets() {
    StorageAccount st = E.get(id("Microsoft.Storage/storageAccounts/stlate"), StorageAccount.class);
    assertThat(st.rules().defaultAction()).as("azurerm_storage_account_network_rules wins over the inline block")
        .isEqualTo("Deny");
    assertThat(st.rules().ipRules()).extracting(Address::text).containsExactly("20.50.1.2");
    assertThat(st.rules().bypass()).isEqualTo("AzureServices, Logging");
    assertThat(st.sku()).isEqualTo("Standard_ZRS");
    SqlServer sql = E.get(id("Microsoft.Sql/servers/sql-all"), SqlServer.class);
    assertThat(sql.vnetRules()).containsExactly(id("Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-app"));
    CosmosAccount cosmos = E.get(id("Microsoft.DocumentDB/databaseAccounts/cosmos-all"), CosmosAccount.class);
    assertThat(cosmos.rules().ipRules()).extracting(Address::text).containsExactly("20.50.1.2", "52.1.0.0/16");
    assertThat(cosmos.rules().bypass()).isEqualTo("None");
    assertThat(cosmos.virtualNetworkFilterEnabled()).isTrue();
    ContainerRegistry cr = E.get(id("Microsoft.ContainerRegistry/registries/crall"), ContainerRegistry.class);
    assertThat(cr.rules().defaultAction()).isEqualTo("Deny");
    assertThat(cr.rules().ipRules()).extracting(Address::text).containsExactly("20.50.1.2/32");
    WebApp app = E.get(id("Microsoft.Web/sites/app-api"), WebApp.class);
    assertThat(app.siteConfig().defaultAction()).isEqualTo("Deny");
    assertThat(app.siteConfig().ipSecurityRestrictions()).extracting(r -> r.name() + " " + r.ipAddress() + " " + r.tag()
        + " " + r.hasHeaders()).containsExactly("lb 20.50.1.2/32 Default false", "fd AzureFrontDoor.Backend ServiceTag true");
    MessagingNamespace evh = E.get(id("Microsoft.EventHub/namespaces/evh-all"), MessagingNamespace.class);
    assertThat(evh.rules().defaultAction()).isEqualTo("Deny");
    assertThat(evh.rules().ipRules()).extracting(Address::text).containsExactly("20.50.1.2");
    assertThat(evh.rules().vnetRules()).containsExactly(id("Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-app"));
    assertThat(evh.trustedServiceAccessEnabled()).isTrue();
    MessagingNamespace sb = E.get(id("Microsoft.ServiceBus/namespaces/sb-all"), MessagingNamespace.class);
    assertThat(sb.rules().ipRules()).extracting(Address::text).containsExactly("20.50.1.2");
    CognitiveAccount oai = E.get(id("Microsoft.CognitiveServices/accounts/oai-all"), CognitiveAccount.class);
    assertThat(oai.rules().vnetRules()).containsExactly(id("Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-app"));
    assertThat(oai.customSubDomain()).isEqualTo("oai-all");
    SearchService srch = E.get(id("Microsoft.Search/searchServices/srch-all"), SearchService.class);
    assertThat(srch.rules().ipRules()).extracting(Address::text).containsExactly("20.50.1.2");
  }

  @Test
  void azapiUpdateResourceMergesItsBodyIntoTheResource() {
    LoadBalancer lb = E.get(id("Microsoft.Network/loadBalancers/lb-out"), LoadBalancer.class);
    assertThat(lb.outboundRules()).singleElement().satisfies(r -> assertThat(r.id())
        .isEqualTo(id("Microsoft.Network/loadBalancers/lb-out/outboundRules/out-a")));
    assertThat(E.source(lb.id()).pointer()).as("the declaring resource is the source").isEqualTo("azurerm_lb.out");
  }
}
