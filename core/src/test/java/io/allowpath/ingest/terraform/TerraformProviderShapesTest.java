package io.allowpath.ingest.terraform;

import static io.allowpath.ingest.terraform.TerraformSqlAndScmTest.load;
import static io.allowpath.ingest.terraform.TerraformSqlAndScmTest.state;
import static io.allowpath.ingest.terraform.TerraformSqlAndScmTest.tf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.diff.Answers;
import io.allowpath.ingest.load.EstateLoader;
import io.allowpath.model.ContainerRegistry;
import io.allowpath.model.DatabricksWorkspace;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.IpValue;
import io.allowpath.model.LoadBalancer;
import io.allowpath.model.MessagingNamespace;
import io.allowpath.model.MlWorkspace;
import io.allowpath.model.NetworkSecurityGroup;
import io.allowpath.model.NsgRule;
import io.allowpath.model.PrivateDnsZone;
import io.allowpath.model.PrivateEndpoint;
import io.allowpath.model.ResourceId;
import io.allowpath.model.RouteTable;
import io.allowpath.model.ServiceEndpoint;
import io.allowpath.model.SqlServer;
import io.allowpath.model.StorageAccount;
import io.allowpath.model.Subnet;
import io.allowpath.model.VirtualNetwork;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provider shapes the mappings first missed, each checked against the azurerm source that sends it to ARM
 * (hashicorp/terraform-provider-azurerm, internal/services/..., at the commit TfMappings cites, and tags v4.81.0 /
 * v3.117.0 for the older names): 5.x blocks and ids that replaced 3.x/4.x attributes, inline subnets' fields, NSG
 * sources, DNS zone groups, load-balancing rules, computed rule sets left unconfigured, and 3.x-only resources.
 */
class TerraformProviderShapesTest {
  static final String RG = "/subscriptions/s1/resourceGroups/rg-t/providers/";
  static final String VNET = RG + "Microsoft.Network/virtualNetworks/vnet";
  static final String SUBNET = VNET + "/subnets/snet";
  static final String RT = RG + "Microsoft.Network/routeTables/rt";
  static final String NSG = RG + "Microsoft.Network/networkSecurityGroups/nsg";

  static ResourceId id(String s) {
    return ResourceId.of(s);
  }

  /** A plan: planned values, one change per resource (its after_unknown), and the configuration's resources. */
  static String plan(List<String> resources, List<String> changes, List<String> config) {
    return "{\"format_version\":\"1.2\",\"terraform_version\":\"1.11.0\",\"planned_values\":{\"root_module\":{\"resources\":["
        + String.join(",", resources) + "]}},\"resource_changes\":[" + String.join(",", changes) + "],"
        + "\"configuration\":{\"provider_config\":{\"azurerm\":{\"name\":\"azurerm\",\"expressions\":{\"subscription_id\":"
        + "{\"constant_value\":\"s1\"}}}},\"root_module\":{\"resources\":[" + String.join(",", config) + "]}}}";
  }

  static String change(String type, String name, String afterUnknown) {
    return "{\"address\":\"" + type + "." + name + "\",\"mode\":\"managed\",\"type\":\"" + type + "\",\"name\":\"" + name
        + "\",\"change\":{\"actions\":[\"create\"],\"after_unknown\":" + afterUnknown + "}}";
  }

  static String config(String type, String name, String expressions) {
    return "{\"address\":\"" + type + "." + name + "\",\"mode\":\"managed\",\"type\":\"" + type + "\",\"name\":\"" + name
        + "\",\"provider_config_key\":\"azurerm\",\"expressions\":" + expressions + ",\"schema_version\":0}";
  }

  static String vnet(String extra) {
    return tf("azurerm_virtual_network", "vnet", "{\"id\":\"" + VNET + "\",\"name\":\"vnet\",\"resource_group_name\":\"rg-t\","
        + "\"location\":\"westeurope\",\"address_space\":[\"10.0.0.0/16\"]" + extra + "}");
  }

  static String subnet(String extra) {
    return tf("azurerm_subnet", "snet", "{\"id\":\"" + SUBNET + "\",\"name\":\"snet\",\"resource_group_name\":\"rg-t\","
        + "\"virtual_network_name\":\"vnet\",\"address_prefixes\":[\"10.0.1.0/24\"]" + extra + "}");
  }

  static String routeTable(String extra) {
    return tf("azurerm_route_table", "rt", "{\"id\":\"" + RT + "\",\"name\":\"rt\",\"resource_group_name\":\"rg-t\","
        + "\"location\":\"westeurope\",\"route\":[]" + extra + "}");
  }

  static List<String> services(Subnet s) {
    return s.serviceEndpoints().stream().map(ServiceEndpoint::service).toList();
  }

  @Test
  void aSubnetsServiceEndpointsAreReadFromThe5xBlockAndThe4xList(@TempDir Path dir) throws IOException {
    // 5.x: service_endpoint {service, network_identifier} (subnet_resource.go expandSubnetServiceEndpoint)
    Subnet v5 = load(dir, "s5.json", state(vnet(""), subnet(",\"service_endpoint\":[{\"service\":\"Microsoft.Storage\","
        + "\"network_identifier\":\"\"},{\"service\":\"Microsoft.KeyVault\",\"network_identifier\":\"\"}]")))
        .get(id(SUBNET), Subnet.class);
    assertThat(services(v5)).containsExactly("Microsoft.Storage", "Microsoft.KeyVault");
    Subnet v4 = load(dir, "s4.json", state(vnet(""), subnet(",\"service_endpoints\":[\"Microsoft.Sql\"]")))
        .get(id(SUBNET), Subnet.class);
    assertThat(services(v4)).containsExactly("Microsoft.Sql");
    // the generation shows in the addresses plan --emit terraform reads, so its EDIT uses the user's names
    assertThat(TerraformAdapter.addresses(new EstateLoader().loadRaw(List.of(dir.resolve("s5.json")), new ArrayList<>()))
        .get(id(SUBNET))).containsEntry(TerraformAdapter.SCHEMA_KEY, "5");
    assertThat(TerraformAdapter.addresses(new EstateLoader().loadRaw(List.of(dir.resolve("s4.json")), new ArrayList<>()))
        .get(id(SUBNET))).doesNotContainKey(TerraformAdapter.SCHEMA_KEY);
  }

  @Test
  void inlineSubnetsKeepTheirRouteTableEndpointsAndOutboundFlagAndTheVnetItsDnsServers(@TempDir Path dir) throws IOException {
    // virtual_network_resource.go expandVirtualNetworkSubnets: route_table_id, default_outbound_access_enabled,
    // service_endpoint(s); dns_servers -> DhcpOptions.DnsServers
    Estate e = load(dir, "v.json", state(routeTable(""), vnet(",\"dns_servers\":[\"10.0.0.4\"],\"subnet\":["
        + "{\"name\":\"a\",\"address_prefixes\":[\"10.0.1.0/24\"],\"security_group\":\"\",\"route_table_id\":\"" + RT + "\","
        + "\"default_outbound_access_enabled\":false,\"service_endpoint\":[{\"service\":\"Microsoft.Storage\",\"network_identifier\":\"\"}]},"
        + "{\"name\":\"b\",\"address_prefixes\":[\"10.0.2.0/24\"],\"security_group\":\"\",\"route_table_id\":\"\","
        + "\"default_outbound_access_enabled\":true,\"service_endpoints\":[\"Microsoft.KeyVault\"]}]")));
    Subnet a = e.get(id(VNET + "/subnets/a"), Subnet.class);
    Subnet b = e.get(id(VNET + "/subnets/b"), Subnet.class);
    assertThat(a.routeTable()).isEqualTo(id(RT));
    assertThat(a.defaultOutboundAccess()).isFalse();
    assertThat(services(a)).containsExactly("Microsoft.Storage");
    assertThat(b.routeTable()).isNull();
    assertThat(b.defaultOutboundAccess()).isTrue();
    assertThat(services(b)).containsExactly("Microsoft.KeyVault");
    assertThat(e.get(id(VNET), VirtualNetwork.class).dnsServers()).containsExactly("10.0.0.4");
    // the standalone azurerm_virtual_network_dns_servers, and a standalone peering joined to the VNet, keep them
    Estate joined = load(dir, "d.json", state(vnet(""),
        tf("azurerm_virtual_network_dns_servers", "dns", "{\"id\":\"" + VNET + "/dnsServers/default\",\"virtual_network_id\":\""
            + VNET + "\",\"dns_servers\":[\"10.0.0.5\"]}"),
        tf("azurerm_virtual_network_peering", "p", "{\"id\":\"" + VNET + "/virtualNetworkPeerings/p\",\"name\":\"p\","
            + "\"resource_group_name\":\"rg-t\",\"virtual_network_name\":\"vnet\",\"remote_virtual_network_id\":\"" + RG
            + "Microsoft.Network/virtualNetworks/hub\",\"allow_forwarded_traffic\":true}")));
    VirtualNetwork v = joined.get(id(VNET), VirtualNetwork.class);
    assertThat(v.dnsServers()).containsExactly("10.0.0.5");
    assertThat(v.peerings()).hasSize(1);
  }

  @Test
  void a5xSubnetsComputedNsgAndRouteTableAreReadAndAWriteOnlyReferenceIsResolved(@TempDir Path dir) throws IOException {
    // subnet_resource.go (5.x): network_security_group_id / route_table_id are computed from the write-only *_wo
    Subnet s = load(dir, "s.json", state(vnet(""), subnet(",\"network_security_group_id\":\"" + NSG + "\",\"route_table_id\":\""
        + RT + "\""))).get(id(SUBNET), Subnet.class);
    assertThat(s.networkSecurityGroup()).isEqualTo(id(NSG));
    assertThat(s.routeTable()).isEqualTo(id(RT));
    // a plan: the computed ids are unknown and the write-only values are in no plan; the configuration names the table
    String p = plan(List.of(vnet(""), routeTable(""), tf("azurerm_subnet", "snet", "{\"name\":\"snet\",\"resource_group_name\":"
            + "\"rg-t\",\"virtual_network_name\":\"vnet\",\"address_prefixes\":[\"10.0.1.0/24\"]}")),
        List.of(change("azurerm_subnet", "snet", "{\"id\":true,\"route_table_id\":true,\"network_security_group_id\":true}")),
        List.of(config("azurerm_subnet", "snet", "{\"route_table_id_wo\":{\"references\":[\"azurerm_route_table.rt.id\","
            + "\"azurerm_route_table.rt\"]},\"route_table_id_wo_version\":{\"constant_value\":1}}")));
    Subnet planned = load(dir, "p.json", p).get(id(SUBNET), Subnet.class);
    assertThat(planned.routeTable()).isEqualTo(id(RT));
    assertThat(planned.networkSecurityGroup()).isNull(); // no write-only argument: no NSG, not an unknown one
    // a root variable: its value is in the plan's variables
    String byVar = plan(List.of(vnet(""), tf("azurerm_subnet", "snet", "{\"name\":\"snet\",\"resource_group_name\":"
            + "\"rg-t\",\"virtual_network_name\":\"vnet\",\"address_prefixes\":[\"10.0.1.0/24\"]}")),
        List.of(change("azurerm_subnet", "snet", "{\"id\":true,\"route_table_id\":true,\"network_security_group_id\":true}")),
        List.of(config("azurerm_subnet", "snet", "{\"network_security_group_id_wo\":{\"references\":[\"var.nsg_id\"]},"
            + "\"route_table_id_wo\":{\"references\":[\"var.vnet_id\"]}}")))
        .replace("\"terraform_version\":\"1.11.0\",", "\"terraform_version\":\"1.11.0\",\"variables\":{\"nsg_id\":{\"value\":\""
            + NSG + "\"},\"vnet_id\":{\"value\":\"" + VNET + "\"}},");
    Subnet viaVar = load(dir, "v.json", byVar).get(id(SUBNET), Subnet.class);
    assertThat(viaVar.networkSecurityGroup()).isEqualTo(id(NSG));
    // a VNet's id given where a route table's is written: not taken (the subnet's route table stays unknown)
    assertThat(viaVar.routeTable()).isNotEqualTo(id(VNET));
    assertThat(viaVar.routeTable().isUnresolved()).isTrue();
  }

  @Test
  void bgpRoutePropagationIsReadInBothSpellingsAndSurvivesStandaloneRoutes(@TempDir Path dir) throws IOException {
    // route_table_resource.go: DisableBgpRoutePropagation = !bgp_route_propagation_enabled; 3.x disable_bgp_route_propagation
    assertThat(load(dir, "a.json", state(routeTable(",\"bgp_route_propagation_enabled\":false")))
        .get(id(RT), RouteTable.class).disableBgpRoutePropagation()).isTrue();
    assertThat(load(dir, "b.json", state(routeTable(",\"bgp_route_propagation_enabled\":true")))
        .get(id(RT), RouteTable.class).disableBgpRoutePropagation()).isFalse();
    assertThat(load(dir, "c.json", state(routeTable(",\"disable_bgp_route_propagation\":true")))
        .get(id(RT), RouteTable.class).disableBgpRoutePropagation()).isTrue();
    RouteTable joined = load(dir, "d.json", state(routeTable(",\"bgp_route_propagation_enabled\":false"),
        tf("azurerm_route", "r", "{\"id\":\"" + RT + "/routes/r\",\"name\":\"r\",\"resource_group_name\":\"rg-t\","
            + "\"route_table_name\":\"rt\",\"address_prefix\":\"0.0.0.0/0\",\"next_hop_type\":\"VirtualAppliance\","
            + "\"next_hop_in_ip_address\":\"10.0.0.4\"}"))).get(id(RT), RouteTable.class);
    assertThat(joined.routes()).hasSize(1);
    assertThat(joined.disableBgpRoutePropagation()).isTrue();
  }

  static String rule(String name, String extra) {
    return "{\"name\":\"" + name + "\",\"direction\":\"Outbound\",\"access\":\"Deny\",\"priority\":100,\"protocol\":\"Tcp\","
        + "\"source_port_range\":\"*\",\"destination_port_range\":\"443\",\"destination_address_prefix\":\"*\","
        + "\"destination_address_prefixes\":[],\"source_address_prefixes\":[],\"source_application_security_group_ids\":[],"
        + "\"destination_application_security_group_ids\":[]" + extra + "}";
  }

  @Test
  void nsgRulesKeepTheirSourcesAndApplicationSecurityGroupsAndAStandaloneRuleReplacesItsCopy(@TempDir Path dir)
      throws IOException {
    // network_security_group_resource.go expandSecurityRules: SourceAddressPrefix(es), *ApplicationSecurityGroups
    String asg = RG + "Microsoft.Network/applicationSecurityGroups/web";
    Estate e = load(dir, "n.json", state(tf("azurerm_network_security_group", "nsg", "{\"id\":\"" + NSG + "\",\"name\":\"nsg\","
        + "\"resource_group_name\":\"rg-t\",\"location\":\"westeurope\",\"security_rule\":["
        + rule("other-subnet", ",\"source_address_prefix\":\"10.9.0.0/24\"") + ","
        + rule("to-asg", ",\"source_address_prefix\":\"*\",\"destination_application_security_group_ids\":[\"" + asg + "\"]") + ","
        + rule("from-asg", ",\"source_address_prefix\":\"\",\"source_application_security_group_ids\":[\"" + asg + "\"]") + "]}"),
        tf("azurerm_network_security_rule", "changed", "{\"id\":\"" + NSG + "/securityRules/other-subnet\","
            + "\"network_security_group_name\":\"nsg\",\"resource_group_name\":\"rg-t\"," + rule("other-subnet",
                ",\"source_address_prefixes\":[\"10.8.0.0/24\",\"10.7.0.0/24\"],\"source_address_prefix\":\"\"").substring(1))));
    List<NsgRule> rules = e.get(id(NSG), NetworkSecurityGroup.class).rules();
    assertThat(rules).extracting(NsgRule::name).containsExactly("other-subnet", "to-asg", "from-asg");
    assertThat(rules.get(0).sourceAddressPrefixes()).extracting(v -> v.text()).containsExactly("10.8.0.0/24", "10.7.0.0/24");
    assertThat(rules.get(1).sourceAddressPrefixes()).extracting(v -> v.text()).containsExactly("*");
    assertThat(rules.get(1).destinationAsgs()).containsExactly(id(asg));
    assertThat(rules.get(2).sourceAsgs()).containsExactly(id(asg));
    assertThat(rules.get(2).sourceAddressPrefixes()).isEmpty();
  }

  /**
   * ml.state.json (a cluster behind a NAT gateway, a storage account admitting the NAT's address) with an NSG on the
   * cluster's subnet whose one outbound rule denies TCP 443 from {@code source}.
   */
  static Estate mlWithNsg(Path dir, String source) throws IOException {
    ObjectMapper m = new ObjectMapper();
    ObjectNode root = (ObjectNode)
        m.readTree(Path.of("src/test/resources/terraform/ml.state.json").toFile());
    String rg = "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-ml/providers/";
    String nsg = rg + "Microsoft.Network/networkSecurityGroups/nsg-train";
    ArrayNode net = (ArrayNode)
        root.at("/values/root_module/child_modules/0/resources");
    net.add(m.readTree("{\"address\":\"module.network.azurerm_network_security_group.train\",\"mode\":\"managed\","
        + "\"type\":\"azurerm_network_security_group\",\"name\":\"train\",\"values\":{\"id\":\"" + nsg + "\",\"name\":"
        + "\"nsg-train\",\"resource_group_name\":\"rg-ml\",\"location\":\"eastus\",\"security_rule\":[" + rule("deny-https",
            ",\"destination_address_prefix\":\"Internet\",\"source_address_prefix\":\"" + source + "\"") + "]}}"));
    net.add(m.readTree("{\"address\":\"module.network.azurerm_subnet_network_security_group_association.train\","
        + "\"mode\":\"managed\",\"type\":\"azurerm_subnet_network_security_group_association\",\"name\":\"train\","
        + "\"values\":{\"id\":\"" + rg + "Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-train\",\"subnet_id\":\""
        + rg + "Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-train\",\"network_security_group_id\":\"" + nsg + "\"}}"));
    return load(dir, "ml-nsg.json", m.writeValueAsString(root));
  }

  static String storageVerdict(Estate e) {
    return Answers.of(e, null).pairs().stream().filter(p -> p.target().name().equals("stmlfeatures"))
        .map(p -> p.outcome()).findFirst().orElseThrow();
  }

  @Test
  void anNsgDenyScopedToAnotherSourceDoesNotBlockTheCluster(@TempDir Path dir) throws IOException {
    // the rule's source is another subnet's range: the cluster (10.20.1.0/24) still reaches the storage account
    assertThat(storageVerdict(mlWithNsg(dir, "10.99.0.0/24"))).isEqualTo("ALLOW");
    // the same rule from any source blocks it: the rule is evaluated, its source decides
    assertThat(storageVerdict(mlWithNsg(dir, "*"))).isEqualTo("DENY");
  }

  static final String ZONE = RG + "Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net";

  @Test
  void privateDnsRecordsAndLinksFindTheirZoneByThe5xZoneId(@TempDir Path dir) throws IOException {
    // private_dns_a_record_resource.go / ..._virtual_network_link_resource.go (5.x): private_dns_zone_id
    Estate e = load(dir, "z.json", state(vnet(""),
        tf("azurerm_private_dns_zone", "z", "{\"id\":\"" + ZONE + "\",\"name\":\"privatelink.blob.core.windows.net\","
            + "\"resource_group_name\":\"rg-t\",\"number_of_record_sets\":2}"),
        tf("azurerm_private_dns_zone_virtual_network_link", "l", "{\"name\":\"l\",\"private_dns_zone_id\":\"" + ZONE + "\","
            + "\"virtual_network_id\":\"" + VNET + "\"}"),
        tf("azurerm_private_dns_a_record", "a", "{\"name\":\"stdata\",\"private_dns_zone_id\":\"" + ZONE + "\",\"ttl\":300,"
            + "\"records\":[\"10.0.1.5\"]}")));
    PrivateDnsZone z = e.get(id(ZONE), PrivateDnsZone.class);
    assertThat(z.linkedVnets()).containsExactly(id(VNET));
    assertThat(z.aRecords()).extracting(PrivateDnsZone.ARecord::name).containsExactly("stdata");
    assertThat(z.numberOfRecordSets()).isEqualTo(2);
  }

  @Test
  void aPrivateEndpointsZoneGroupAndTheRecordsAzureWroteAreRead(@TempDir Path dir) throws IOException {
    // private_endpoint_resource.go: private_dns_zone_group {name, private_dns_zone_ids}; computed custom_dns_configs
    // {fqdn, ip_addresses} and private_dns_zone_configs {private_dns_zone_id, record_sets {name, type, fqdn, ip_addresses}}
    String pe = RG + "Microsoft.Network/privateEndpoints/pe";
    String st = RG + "Microsoft.Storage/storageAccounts/stdata";
    String conn = "\"subnet_id\":\"" + SUBNET + "\",\"private_service_connection\":[{\"name\":\"c\",\"is_manual_connection\":false,"
        + "\"private_connection_resource_id\":\"" + st + "\",\"subresource_names\":[\"blob\"],\"private_ip_address\":\"10.0.1.5\"}]";
    PrivateEndpoint state = load(dir, "pe.json", state(tf("azurerm_private_endpoint", "pe", "{\"id\":\"" + pe + "\",\"name\":\"pe\","
        + "\"resource_group_name\":\"rg-t\",\"location\":\"westeurope\"," + conn + ",\"private_dns_zone_group\":[{\"name\":\"g\","
        + "\"private_dns_zone_ids\":[\"" + ZONE + "\"]}],\"custom_dns_configs\":[{\"fqdn\":\"stdata.blob.core.windows.net\","
        + "\"ip_addresses\":[\"10.0.1.5\"]}],\"private_dns_zone_configs\":[{\"name\":\"privatelink-blob\",\"private_dns_zone_id\":\""
        + ZONE + "\",\"record_sets\":[{\"name\":\"stdata\",\"type\":\"A\",\"fqdn\":\"stdata.privatelink.blob.core.windows.net\","
        + "\"ttl\":10,\"ip_addresses\":[\"10.0.1.5\"]}]}]}"))).get(id(pe), PrivateEndpoint.class);
    assertThat(state.dnsRecords()).contains(
        new PrivateEndpoint.DnsRecord(null, null, "stdata.blob.core.windows.net", List.of("10.0.1.5")),
        new PrivateEndpoint.DnsRecord(id(ZONE), "stdata", "stdata.privatelink.blob.core.windows.net", List.of("10.0.1.5")));
    // a plan: only the group's zones are known; Azure writes the record in each (a record with the zone alone)
    PrivateEndpoint planned = load(dir, "pp.json", state(tf("azurerm_private_endpoint", "pe", "{\"id\":\"" + pe + "\","
        + "\"name\":\"pe\",\"resource_group_name\":\"rg-t\",\"location\":\"westeurope\"," + conn + ",\"private_dns_zone_group\":"
        + "[{\"name\":\"g\",\"private_dns_zone_ids\":[\"" + ZONE + "\"]}]}"))).get(id(pe), PrivateEndpoint.class);
    assertThat(planned.dnsRecords()).contains(new PrivateEndpoint.DnsRecord(id(ZONE), null, null, List.of()));
  }

  static final String LB = RG + "Microsoft.Network/loadBalancers/lb";

  @Test
  void aLoadBalancingRuleJoinsItsLoadBalancerAndOutboundRulesKeepTheirPorts(@TempDir Path dir) throws IOException {
    // lb_rule_resource.go: frontend_ip_configuration_name, backend_address_pool_ids, disable_outbound_snat (Default false);
    // lb_outbound_rule_resource.go: allocated_outbound_ports (Default 1024)
    String pool = LB + "/backendAddressPools/pool";
    LoadBalancer lb = load(dir, "lb.json", state(
        tf("azurerm_lb", "lb", "{\"id\":\"" + LB + "\",\"name\":\"lb\",\"resource_group_name\":\"rg-t\",\"location\":\"westeurope\","
            + "\"sku\":\"Standard\",\"frontend_ip_configuration\":[{\"name\":\"fe\",\"public_ip_address_id\":\"" + RG
            + "Microsoft.Network/publicIPAddresses/pip\",\"subnet_id\":\"\",\"public_ip_prefix_id\":\"\"}]}"),
        tf("azurerm_lb_backend_address_pool", "pool", "{\"id\":\"" + pool + "\",\"name\":\"pool\",\"loadbalancer_id\":\"" + LB + "\"}"),
        tf("azurerm_lb_rule", "https", "{\"id\":\"" + LB + "/loadBalancingRules/https\",\"name\":\"https\",\"loadbalancer_id\":\""
            + LB + "\",\"frontend_ip_configuration_name\":\"fe\",\"backend_address_pool_ids\":[\"" + pool + "\"],\"protocol\":\"Tcp\","
            + "\"frontend_port\":443,\"backend_port\":443,\"disable_outbound_snat\":false}"),
        tf("azurerm_lb_outbound_rule", "out", "{\"id\":\"" + LB + "/outboundRules/out\",\"name\":\"out\",\"loadbalancer_id\":\""
            + LB + "\",\"protocol\":\"All\",\"backend_address_pool_id\":\"" + pool + "\",\"allocated_outbound_ports\":0,"
            + "\"frontend_ip_configuration\":[{\"name\":\"fe\"}]}"))).get(id(LB), LoadBalancer.class);
    assertThat(lb.loadBalancingRules()).containsExactly(new LoadBalancer.LbRule(id(LB + "/loadBalancingRules/https"),
        id(LB + "/frontendIPConfigurations/fe"), id(pool), false));
    assertThat(lb.outboundRules()).singleElement().satisfies(r -> assertThat(r.allocatedOutboundPorts()).isZero());
  }

  static String storage(String networkRules) {
    return tf("azurerm_storage_account", "st", "{\"id\":\"" + RG + "Microsoft.Storage/storageAccounts/stdata\",\"name\":\"stdata\","
        + "\"resource_group_name\":\"rg-t\",\"location\":\"westeurope\",\"account_kind\":\"StorageV2\",\"account_tier\":\"Standard\","
        + "\"account_replication_type\":\"LRS\",\"public_network_access_enabled\":true,\"network_rules\":[" + networkRules + "]}");
  }

  @Test
  void anEmptyStorageBypassIsAzuresDefaultAndNoneOnlyWhenSaid(@TempDir Path dir) throws IOException {
    // storage_account_helpers_network.go expandAccountNetworkRuleBypass: an empty set sends nothing (Azure: AzureServices)
    String rules = "{\"default_action\":\"Deny\",\"ip_rules\":[],\"virtual_network_subnet_ids\":[],\"private_link_access\":[],"
        + "\"bypass\":";
    ResourceId st = id(RG + "Microsoft.Storage/storageAccounts/stdata");
    assertThat(load(dir, "a.json", state(storage(rules + "[]}"))).get(st, StorageAccount.class).rules().bypass())
        .isEqualTo("AzureServices");
    assertThat(load(dir, "b.json", state(storage(rules + "[\"None\"]}"))).get(st, StorageAccount.class).rules().bypass())
        .isEqualTo("None");
    assertThat(load(dir, "c.json", state(storage(rules + "[\"Logging\",\"Metrics\"]}"))).get(st, StorageAccount.class)
        .rules().bypass()).isEqualTo("Logging, Metrics");
  }

  @Test
  void aNewNamespaceWithoutARuleSetKeepsTheDefaultAndAConfiguredOneStaysUnknown(@TempDir Path dir) throws IOException {
    // eventhub_namespace_resource.go: network_rulesets is Optional+Computed and createNetworkRuleSetForNamespace sends
    // nothing when unset; servicebus_namespace_resource.go network_rule_set likewise
    String eh = "{\"name\":\"eh\",\"resource_group_name\":\"rg-t\",\"location\":\"westeurope\",\"sku\":\"Standard\","
        + "\"public_network_access_enabled\":true}";
    String sb = "{\"name\":\"sb\",\"resource_group_name\":\"rg-t\",\"location\":\"westeurope\",\"sku\":\"Premium\","
        + "\"public_network_access_enabled\":true}";
    List<String> resources = List.of(tf("azurerm_eventhub_namespace", "eh", eh), tf("azurerm_servicebus_namespace", "sb", sb));
    List<String> changes = List.of(change("azurerm_eventhub_namespace", "eh", "{\"id\":true,\"network_rulesets\":true}"),
        change("azurerm_servicebus_namespace", "sb", "{\"id\":true,\"network_rule_set\":true}"));
    Estate open = load(dir, "o.json", plan(resources, changes, List.of(config("azurerm_eventhub_namespace", "eh", "{}"),
        config("azurerm_servicebus_namespace", "sb", "{}"))));
    assertThat(open.get(id(RG + "Microsoft.EventHub/namespaces/eh"), MessagingNamespace.class).rules().defaultAction())
        .isEqualTo("Allow");
    assertThat(open.get(id(RG + "Microsoft.ServiceBus/namespaces/sb"), MessagingNamespace.class).rules().defaultAction())
        .isEqualTo("Allow");
    Estate configured = load(dir, "c.json", plan(resources, changes, List.of(
        config("azurerm_eventhub_namespace", "eh", "{\"network_rulesets\":[{\"default_action\":{\"references\":[\"var.action\"]}}]}"),
        config("azurerm_servicebus_namespace", "sb", "{}"))));
    assertThat(configured.get(id(RG + "Microsoft.EventHub/namespaces/eh"), MessagingNamespace.class).rules()).isNull();
  }

  @Test
  void azurerm3xOnlyShapesAreRead(@TempDir Path dir) throws IOException {
    String sql = RG + "Microsoft.Sql/servers/sql";
    String acr = RG + "Microsoft.ContainerRegistry/registries/acr";
    String sb = RG + "Microsoft.ServiceBus/namespaces/sb";
    Estate e = load(dir, "3.json", state(vnet(""), subnet(""),
        // sql/sql_virtual_network_rule_resource.go: server_name, resource_group_name, subnet_id
        tf("azurerm_sql_server", "sql", "{\"id\":\"" + sql + "\",\"name\":\"sql\",\"resource_group_name\":\"rg-t\",\"location\":"
            + "\"westeurope\",\"version\":\"12.0\"}"),
        tf("azurerm_sql_virtual_network_rule", "v", "{\"id\":\"" + sql + "/virtualNetworkRules/v\",\"name\":\"v\",\"server_name\":"
            + "\"sql\",\"resource_group_name\":\"rg-t\",\"subnet_id\":\"" + SUBNET + "\",\"ignore_missing_vnet_service_endpoint\":false}"),
        // containers/container_registry_resource.go (3.x): network_rule_set.virtual_network {action, subnet_id}
        tf("azurerm_container_registry", "acr", "{\"id\":\"" + acr + "\",\"name\":\"acr\",\"resource_group_name\":\"rg-t\","
            + "\"location\":\"westeurope\",\"sku\":\"Premium\",\"public_network_access_enabled\":true,\"network_rule_set\":[{"
            + "\"default_action\":\"Deny\",\"ip_rule\":[],\"virtual_network\":[{\"action\":\"Allow\",\"subnet_id\":\"" + SUBNET + "\"}]}]}"),
        // servicebus/servicebus_namespace_network_rule_set_resource.go (3.x)
        tf("azurerm_servicebus_namespace", "sb", "{\"id\":\"" + sb + "\",\"name\":\"sb\",\"resource_group_name\":\"rg-t\","
            + "\"location\":\"westeurope\",\"sku\":\"Premium\",\"network_rule_set\":[{\"default_action\":\"Allow\",\"ip_rules\":[],"
            + "\"network_rules\":[],\"public_network_access_enabled\":true,\"trusted_services_allowed\":false}]}"),
        tf("azurerm_servicebus_namespace_network_rule_set", "rs", "{\"id\":\"" + sb + "/networkRuleSets/default\",\"namespace_id\":\""
            + sb + "\",\"default_action\":\"Deny\",\"public_network_access_enabled\":true,\"trusted_services_allowed\":true,"
            + "\"ip_rules\":[\"1.2.3.4\"],\"network_rules\":[{\"subnet_id\":\"" + SUBNET + "\",\"ignore_missing_vnet_service_endpoint\":false}]}")));
    assertThat(e.get(id(sql), SqlServer.class).vnetRules()).containsExactly(id(SUBNET));
    assertThat(e.get(id(acr), ContainerRegistry.class).rules().vnetRules()).containsExactly(id(SUBNET));
    MessagingNamespace ns = e.get(id(sb), MessagingNamespace.class);
    assertThat(ns.rules().defaultAction()).isEqualTo("Deny");
    assertThat(ns.rules().vnetRules()).containsExactly(id(SUBNET));
    assertThat(ns.trustedServiceAccessEnabled()).isTrue();
  }

  @Test
  void a3xWorkspaceLeftUnsetIsCreatedClosedAndA4xOneIsNotGuessed(@TempDir Path dir) throws IOException {
    // machine_learning_workspace_resource.go v3.117.0: Optional+Computed, and the create PUTs Disabled unless true
    String w = "{\"name\":\"mlw\",\"resource_group_name\":\"rg-t\",\"location\":\"westeurope\",\"sku_name\":\"Basic\"";
    ResourceId mlw = id(RG + "Microsoft.MachineLearningServices/workspaces/mlw");
    String v3 = plan(List.of(tf("azurerm_machine_learning_workspace", "w", w + ",\"public_access_behind_virtual_network_enabled\":null}")),
        List.of(change("azurerm_machine_learning_workspace", "w", "{\"id\":true,\"public_network_access_enabled\":true}")),
        List.of(config("azurerm_machine_learning_workspace", "w", "{}")));
    assertThat(load(dir, "3.json", v3).get(mlw, MlWorkspace.class).publicNetworkAccess()).isEqualTo("Disabled");
    String v4 = plan(List.of(tf("azurerm_machine_learning_workspace", "w", w + "}")),
        List.of(change("azurerm_machine_learning_workspace", "w", "{\"id\":true,\"public_network_access_enabled\":true}")),
        List.of(config("azurerm_machine_learning_workspace", "w", "{}")));
    assertThat(load(dir, "4.json", v4).get(mlw, MlWorkspace.class).publicNetworkAccess()).isNull();
  }

  @Test
  void aDeposedObjectIsNotTheResourceAtItsAddress(@TempDir Path dir) throws IOException {
    // json-format: a deposed object (create_before_destroy) is listed at the same address with "deposed_key"; its
    // values are the replaced resource's, not what the configuration declares
    String current = subnet(",\"service_endpoints\":[\"Microsoft.Storage\"]");
    String deposed = current.replace("\"address\":\"azurerm_subnet.snet\",", "\"address\":\"azurerm_subnet.snet\","
        + "\"deposed_key\":\"00000001\",").replace("Microsoft.Storage", "Microsoft.Sql");
    Estate e = load(dir, "d.json", state(vnet(""), current, deposed));
    assertThat(services(e.get(id(SUBNET), Subnet.class))).containsExactly("Microsoft.Storage");
    assertThat(e.diagnostics()).anySatisfy(d -> assertThat(d.message()).startsWith("skipped 1 deposed object(s)"));
  }

  @Test
  void aDeposedObjectsChangeDoesNotHideTheUnknownsOfTheCurrentOne(@TempDir Path dir) throws IOException {
    // json-format: resource_changes lists a deposed object's destroy at the same address, with "deposed" and an empty
    // after_unknown; the association's ids are the current object's unknowns, resolved through the configuration
    String ng = RG + "Microsoft.Network/natGateways/ng";
    String assoc = "azurerm_subnet_nat_gateway_association";
    String deposedChange = "{\"address\":\"" + assoc + ".a\",\"mode\":\"managed\",\"type\":\"" + assoc + "\",\"name\":\"a\","
        + "\"deposed\":\"00000001\",\"change\":{\"actions\":[\"delete\"],\"after_unknown\":{}}}";
    String p = plan(List.of(vnet(""), subnet(""), tf("azurerm_nat_gateway", "ng", "{\"id\":\"" + ng + "\",\"name\":\"ng\","
        + "\"resource_group_name\":\"rg-t\",\"location\":\"westeurope\",\"sku_name\":\"Standard\"}"), tf(assoc, "a", "{}")),
        List.of(change(assoc, "a", "{\"id\":true,\"nat_gateway_id\":true,\"subnet_id\":true}"), deposedChange),
        List.of(config(assoc, "a", "{\"nat_gateway_id\":{\"references\":[\"azurerm_nat_gateway.ng.id\",\"azurerm_nat_gateway.ng\"]},"
            + "\"subnet_id\":{\"references\":[\"azurerm_subnet.snet.id\",\"azurerm_subnet.snet\"]}}")));
    assertThat(load(dir, "p.json", p).get(id(SUBNET), Subnet.class).natGateway()).isEqualTo(id(ng));
  }

  @Test
  void theLoaderShowsTheMergedRawResourcesOnceWithTheirTerraformAddresses(@TempDir Path dir) throws IOException {
    // what report needs from the raw translation (the addresses behind each resource) comes from the one load
    Path f = dir.resolve("s.json");
    java.nio.file.Files.writeString(f, state(vnet(""), subnet("")));
    List<java.util.Collection<io.allowpath.ingest.RawResource>> seen = new java.util.ArrayList<>();
    Estate e = new io.allowpath.ingest.load.EstateLoader().withMerged(seen::add).load(List.of(f));
    assertThat(seen).hasSize(1);
    assertThat(TerraformAdapter.addresses(seen.get(0))).isEqualTo(TerraformAdapter.addresses(
        new io.allowpath.ingest.load.EstateLoader().loadRaw(List.of(f), new java.util.ArrayList<>())));
    assertThat(TerraformAdapter.addresses(seen.get(0)).get(id(VNET))).containsEntry("", "azurerm_virtual_network.vnet");
    assertThat(e.get(id(SUBNET), Subnet.class)).isNotNull();
  }

  @Test
  void aTargetedDeferredOrErroredPlanSaysItsPlannedSideMissesResources(@TempDir Path dir) throws IOException {
    // Terraform's plans.Plan: complete only without -target and deferrals; errored = changes incomplete
    String complete = plan(List.of(vnet(""), subnet("")), List.of(), List.of());
    String flag = "\"configuration\":";
    String targeted = complete.replace(flag, "\"complete\":false,\"applyable\":true,\"errored\":false," + flag);
    String deferred = complete.replace(flag, "\"complete\":false,\"deferred_changes\":[{\"reason\":\"instance_count_unknown\","
        + "\"resource_change\":{\"address\":\"azurerm_subnet.more\"}},{\"reason\":\"deferred_prereq\"}]," + flag);
    String errored = complete.replace(flag, "\"complete\":false,\"errored\":true," + flag);
    String ok = complete.replace(flag, "\"complete\":true,\"errored\":false," + flag);
    assertThat(warnings(load(dir, "t.json", targeted))).singleElement().satisfies(m -> assertThat(m)
        .startsWith("the plan is incomplete (\"complete\": false: planned with -target)").endsWith("plan again without -target"));
    assertThat(warnings(load(dir, "d.json", deferred))).singleElement().satisfies(m -> assertThat(m)
        .contains("Terraform deferred 2 resource change(s)").endsWith("apply this plan, then plan again"));
    assertThat(warnings(load(dir, "e.json", errored))).singleElement().satisfies(m -> assertThat(m)
        .startsWith("the plan errored"));
    assertThat(warnings(load(dir, "o.json", ok))).isEmpty();
    assertThat(warnings(load(dir, "n.json", complete))).isEmpty(); // a plan of Terraform < 1.5 has no such field
    // the prior side of the same plan is the state Terraform read: whole
    List<Diagnostic> prior = new java.util.ArrayList<>();
    Path f = dir.resolve("t.json");
    TerraformAdapter.readPlan(f, TerraformAdapter.View.PRIOR, prior);
    assertThat(prior).noneMatch(d -> d.message().startsWith("the plan is incomplete"));
  }

  @Test
  void aRefreshOnlyPlanSaysItsPlannedSideIsNotTheEstate(@TempDir Path dir) throws IOException {
    String prior = ",\"prior_state\":{\"format_version\":\"1.0\",\"values\":{\"root_module\":{\"resources\":[{"
        + "\"address\":\"azurerm_virtual_network.v\",\"mode\":\"managed\",\"type\":\"azurerm_virtual_network\","
        + "\"name\":\"v\",\"values\":{\"id\":\"" + VNET + "\",\"name\":\"vnet\"}}]}}}";
    String refresh = plan(List.of(), List.of(), List.of());
    refresh = refresh.substring(0, refresh.length() - 1) + prior + "}";
    assertThat(warnings(load(dir, "r.json", refresh))).singleElement().satisfies(m -> assertThat(m)
        .contains("a -refresh-only plan"));
    // a plan that destroys everything records its deletions: its empty planned side is the answer
    String destroy = plan(List.of(), List.of("{\"address\":\"azurerm_virtual_network.v\",\"change\":{\"actions\":"
        + "[\"delete\"],\"after_unknown\":{}}}"), List.of());
    destroy = destroy.substring(0, destroy.length() - 1) + prior + "}";
    assertThat(warnings(load(dir, "d.json", destroy))).isEmpty();
  }

  private static List<String> warnings(Estate e) {
    return e.diagnostics().stream().filter(d -> d.severity() == io.allowpath.model.Severity.WARNING)
        .map(Diagnostic::message).toList();
  }

  @Test
  void aWholeUnknownRuleSetTakesTheValueOfADataSourceReadWhilePlanning(@TempDir Path dir) throws IOException {
    // json-format: data sources read during planning are in prior_state only; ip_rules is a set, unknown as a whole
    // when one element is (after_unknown true): its elements are then what the expression names, and the data
    // source's address is known
    String st = tf("azurerm_storage_account", "st", "{\"name\":\"st\",\"resource_group_name\":\"rg-t\","
        + "\"location\":\"westeurope\",\"account_tier\":\"Standard\",\"public_network_access_enabled\":true,"
        + "\"network_rules\":[{\"default_action\":\"Deny\",\"bypass\":[\"AzureServices\"],\"virtual_network_subnet_ids\":[]}]}");
    String pip = tf("azurerm_public_ip", "new", "{\"name\":\"pip-new\",\"resource_group_name\":\"rg-t\","
        + "\"location\":\"westeurope\",\"allocation_method\":\"Static\",\"sku\":\"Standard\"}");
    String p = plan(List.of(st, pip),
        List.of(change("azurerm_storage_account", "st", "{\"id\":true,\"network_rules\":[{\"ip_rules\":true}]}"),
            change("azurerm_public_ip", "new", "{\"id\":true,\"ip_address\":true}")),
        List.of(config("azurerm_storage_account", "st", "{\"network_rules\":[{\"ip_rules\":{\"references\":["
            + "\"data.azurerm_public_ip.existing.ip_address\",\"data.azurerm_public_ip.existing\","
            + "\"azurerm_public_ip.new.ip_address\",\"azurerm_public_ip.new\"]}}]}"), config("azurerm_public_ip", "new", "{}")));
    String prior = ",\"prior_state\":{\"format_version\":\"1.0\",\"values\":{\"root_module\":{\"resources\":[{"
        + "\"address\":\"data.azurerm_public_ip.existing\",\"mode\":\"data\",\"type\":\"azurerm_public_ip\","
        + "\"name\":\"existing\",\"values\":{\"id\":\"" + RG + "Microsoft.Network/publicIPAddresses/pip-old\","
        + "\"ip_address\":\"20.1.2.3\",\"name\":\"pip-old\"}}]}}}";
    p = p.substring(0, p.length() - 1) + prior + "}";
    StorageAccount sa = load(dir, "p.json", p).get(id(RG + "Microsoft.Storage/storageAccounts/st"), StorageAccount.class);
    assertThat(sa.rules().ipRules()).extracting(io.allowpath.model.Address::text).contains("20.1.2.3");
  }

  @Test
  void aPlanThatReplacesEverythingTakesItsSubscriptionFromThePriorState(@TempDir Path dir) throws IOException {
    // every id unknown after apply (a replace), no provider subscription_id: only the prior state knows the ids
    String vnet = tf("azurerm_virtual_network", "v", "{\"name\":\"vnet2\",\"resource_group_name\":\"rg-t\","
        + "\"location\":\"westeurope\",\"address_space\":[\"10.0.0.0/16\"]}");
    String p = plan(List.of(vnet), List.of(change("azurerm_virtual_network", "v", "{\"id\":true}")), List.of())
        .replace("\"subscription_id\":{\"constant_value\":\"s1\"}", "\"features\":[]");
    String prior = ",\"prior_state\":{\"format_version\":\"1.0\",\"values\":{\"root_module\":{\"resources\":[{"
        + "\"address\":\"azurerm_virtual_network.v\",\"mode\":\"managed\",\"type\":\"azurerm_virtual_network\","
        + "\"name\":\"v\",\"values\":{\"id\":\"/subscriptions/1111-2222/resourceGroups/rg-t/providers/"
        + "Microsoft.Network/virtualNetworks/vnet1\",\"name\":\"vnet1\"}}]}}}";
    p = p.substring(0, p.length() - 1) + prior + "}";
    Estate e = load(dir, "r.json", p);
    assertThat(e.get(id("/subscriptions/1111-2222/resourceGroups/rg-t/providers/Microsoft.Network/virtualNetworks/vnet2"),
        io.allowpath.model.VirtualNetwork.class)).isNotNull();
    assertThat(e.diagnostics()).noneMatch(d -> d.message().contains("holds no subscription id"));
  }

  @Test
  void aDatabricksWorkspaceWithoutAManagedGroupNameGetsTheProvidersDefault(@TempDir Path dir) throws IOException {
    // databricks_workspace_resource.go: managedResourceGroupName = "databricks-rg-" + the workspace's resource group
    String ws = "{\"name\":\"dbw\",\"resource_group_name\":\"rg-t\",\"location\":\"westeurope\",\"sku\":\"premium\","
        + "\"public_network_access_enabled\":true,\"custom_parameters\":[{\"no_public_ip\":true}]}";
    ResourceId dbw = id(RG + "Microsoft.Databricks/workspaces/dbw");
    String unset = plan(List.of(tf("azurerm_databricks_workspace", "dbw", ws)), List.of(change("azurerm_databricks_workspace",
        "dbw", "{\"id\":true,\"managed_resource_group_name\":true,\"managed_resource_group_id\":true}")),
        List.of(config("azurerm_databricks_workspace", "dbw", "{}")));
    assertThat(load(dir, "u.json", unset).get(dbw, DatabricksWorkspace.class).managedResourceGroup())
        .isEqualTo(id("/subscriptions/s1/resourceGroups/databricks-rg-rg-t"));
    String configured = plan(List.of(tf("azurerm_databricks_workspace", "dbw", ws)), List.of(change("azurerm_databricks_workspace",
        "dbw", "{\"id\":true,\"managed_resource_group_name\":true,\"managed_resource_group_id\":true}")),
        List.of(config("azurerm_databricks_workspace", "dbw", "{\"managed_resource_group_name\":{\"references\":[\"var.mrg\"]}}")));
    assertThat(load(dir, "c.json", configured).get(dbw, DatabricksWorkspace.class).managedResourceGroup()).isNull();
  }
}
