package io.allowpath.emit;

import io.allowpath.model.Address;
import io.allowpath.model.AccessRestriction;
import io.allowpath.model.AzureFirewall;
import io.allowpath.model.CognitiveAccount;
import io.allowpath.model.ContainerRegistry;
import io.allowpath.model.CosmosAccount;
import io.allowpath.model.CosmosLocation;
import io.allowpath.model.FirewallIpConfig;
import io.allowpath.model.FirewallRule;
import io.allowpath.model.FirewallRuleCollection;
import io.allowpath.model.IpValue;
import io.allowpath.model.KeyVault;
import io.allowpath.model.KeyVaultAccessPolicy;
import io.allowpath.model.MessagingNamespace;
import io.allowpath.model.MlWorkspace;
import io.allowpath.model.NetworkRules;
import io.allowpath.model.Ports;
import io.allowpath.model.ResourceId;
import io.allowpath.model.SearchService;
import io.allowpath.model.Service;
import io.allowpath.model.ServiceEndpoint;
import io.allowpath.model.SiteConfig;
import io.allowpath.model.SqlFirewallRule;
import io.allowpath.model.SqlServer;
import io.allowpath.model.StorageAccount;
import io.allowpath.model.Subnet;
import io.allowpath.plan.AddFirewallRule;
import io.allowpath.plan.AddIpRule;
import io.allowpath.plan.AddManagedPrivateEndpointRule;
import io.allowpath.plan.AddNsgRule;
import io.allowpath.plan.AddServiceEndpoint;
import io.allowpath.plan.AddVnetRule;
import io.allowpath.plan.AddressRef;
import io.allowpath.plan.Change;
import io.allowpath.plan.CreateNatGateway;
import io.allowpath.plan.CreateOutboundLoadBalancer;
import io.allowpath.plan.Plan;
import io.allowpath.plan.RouteToFirewall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small plans built from model records, one per change type, for the golden and property tests. */
final class Fixtures {
  private Fixtures() {}

  static final String SUB = "00000000-0000-0000-0000-000000000001";
  static final String NET = "/subscriptions/" + SUB + "/resourceGroups/rg-net/providers/Microsoft.Network";
  static final String DATA = "/subscriptions/" + SUB + "/resourceGroups/rg-data/providers";
  static final String APP = "/subscriptions/" + SUB + "/resourceGroups/rg-app/providers";
  static final List<String> PAIRS = List.of("ml-cluster -> stdata");

  static ResourceId id(String s) {
    return ResourceId.of(s);
  }

  static final ResourceId VNET = id(NET + "/virtualNetworks/vnet-ml");
  static final ResourceId NAT = id(NET + "/natGateways/ng-ml");
  static final ResourceId NAT_PIP = id(NET + "/publicIPAddresses/pip-ng-ml");
  static final ResourceId OTHER_PIP = id("/subscriptions/" + SUB + "/resourceGroups/rg-edge/providers/Microsoft.Network/publicIPAddresses/pip-egress");

  static Subnet subnet(String name, String prefix, List<ServiceEndpoint> eps, List<String> delegations) {
    return new Subnet(VNET.child("subnets", name), IpValue.list(prefix), null, null,
        id(NET + "/networkSecurityGroups/nsg-ml"), eps, null,
        delegations.stream().map(d -> new io.allowpath.model.Delegation("databricks-del", d)).toList(), List.of());
  }

  static final Subnet ML_SUBNET = subnet("snet-ml", "10.10.1.0/24",
      List.of(new ServiceEndpoint("Microsoft.KeyVault", List.of("*"))), List.of());
  static final Subnet DBX_HOST = subnet("snet-dbx-host", "10.10.2.0/26", List.of(), List.of("Microsoft.Databricks/workspaces"));
  static final Subnet DBX_CONTAINER = subnet("snet-dbx-container", "10.10.3.0/26", List.of(), List.of("Microsoft.Databricks/workspaces"));

  static final StorageAccount STORAGE = new StorageAccount(id(DATA + "/Microsoft.Storage/storageAccounts/stdata"), "westeurope",
      "Standard_LRS", "StorageV2",
      new NetworkRules("Enabled", "Deny", "AzureServices", Address.list("20.30.40.0/24"), List.of(VNET.child("subnets", "snet-old"))),
      List.of(id(DATA + "/Microsoft.Databricks/accessConnectors/ac-dbx")));

  static List<Change> storage() {
    return List.of(
        new AddIpRule(STORAGE, AddressRef.literal("52.170.10.20"), null, null, null, PAIRS, "NAT IP not in ipRules"),
        new AddIpRule(STORAGE, AddressRef.publicIp(NAT_PIP, true), null, null, null, List.of("dbx -> stdata"),
            "new NAT gateway address"));
  }

  static final String TENANT = "22222222-2222-2222-2222-222222222222";

  /** A vault as a full GET shows it: tenant, sku, access policies and settings a PUT would reset. */
  static final KeyVault VAULT = new KeyVault(id(DATA + "/Microsoft.KeyVault/vaults/kv-data"), "westeurope",
      new NetworkRules(null, "Deny", "AzureServices", Address.list("20.30.40.50"), List.of()),
      TENANT, "A", "standard", false,
      List.of(
          new KeyVaultAccessPolicy(TENANT, "33333333-3333-3333-3333-333333333333", null,
              orderedMap("secrets", List.of("get", "list"), "keys", List.of("get", "unwrapKey", "wrapKey"))),
          new KeyVaultAccessPolicy(TENANT, "44444444-4444-4444-4444-444444444444", null,
              orderedMap("secrets", List.of("get", "list", "set", "delete"), "certificates", List.of("get")))),
      false, false, true, true, 90, true);

  /** A vault from a Resource Graph row that shows only its network part: no PUT may be written for it. */
  static final KeyVault VAULT_NETWORK_ONLY = new KeyVault(id(DATA + "/Microsoft.KeyVault/vaults/kv-graph"), "westeurope",
      new NetworkRules("Enabled", "Deny", "AzureServices", Address.list("20.30.40.50"), List.of()));

  static Map<String, List<String>> orderedMap(String k1, List<String> v1, String k2, List<String> v2) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }

  static List<Change> keyVault() {
    return List.of(new AddIpRule(VAULT, AddressRef.publicIp(OTHER_PIP, false), null, null, null, List.of("ml-cluster -> kv-data"),
        "egress IP of the firewall path"));
  }

  static final SqlServer SQL = new SqlServer(id(DATA + "/Microsoft.Sql/servers/sql-data"), "westeurope", "Enabled",
      List.of(new SqlFirewallRule("office", "20.30.40.1", "20.30.40.9")), List.of());

  static List<Change> keyVaultNetworkOnly() {
    return List.of(new AddIpRule(VAULT_NETWORK_ONLY, AddressRef.literal("52.170.10.20"), null, null, null,
        List.of("ml-cluster -> kv-graph"), "IP not in networkAcls"));
  }

  static List<Change> sql() {
    return List.of(new AddIpRule(SQL, AddressRef.literal("52.170.20.0"), AddressRef.literal("52.170.20.3"),
        "allow-ml-nat", null, List.of("ml-cluster -> sql-data"), "NAT prefix not covered by a firewall rule"));
  }

  static final CosmosAccount COSMOS = new CosmosAccount(id(DATA + "/Microsoft.DocumentDB/databaseAccounts/cosmos-data"), "westeurope",
      new NetworkRules("Enabled", null, null, Address.list("13.91.105.215", "4.210.172.107"), List.of()), false,
      "GlobalDocumentDB", "Standard",
      List.of(new CosmosLocation("West Europe", 0, true), new CosmosLocation("North Europe", 1, false)),
      "Session", null, null, List.of("EnableServerless"));

  static List<Change> cosmos() {
    return List.of(new AddIpRule(COSMOS, AddressRef.literal("52.170.10.20"), null, null, null, List.of("ml-cluster -> cosmos-data"),
        "IP not in ipRules"));
  }

  static final ContainerRegistry ACR = new ContainerRegistry(id(DATA + "/Microsoft.ContainerRegistry/registries/acrdata"),
      "westeurope", "Premium", new NetworkRules("Enabled", "Deny", "AzureServices", Address.list("20.30.40.0/24"), List.of()));

  static List<Change> acr() {
    return List.of(new AddIpRule(ACR, AddressRef.literal("52.170.10.20"), null, null, null, List.of("ml-cluster -> acrdata"),
        "IP not in networkRuleSet"));
  }

  static final io.allowpath.model.WebApp WEB = new io.allowpath.model.WebApp(id(APP + "/Microsoft.Web/sites/app-api"),
      "westeurope", "app", null, new SiteConfig(List.of(
          new AccessRestriction("office", "20.30.40.0/24", "Allow", 100, "Default", null, false),
          new AccessRestriction("front-door", "AzureFrontDoor.Backend", "Allow", 200, "ServiceTag", null, true)), null));

  static List<Change> appService() {
    return List.of(new AddIpRule(WEB, AddressRef.publicIp(NAT_PIP, true), null, "allow-ml-nat", 300,
        List.of("ml-cluster -> app-api"), "implicit deny after the first rule"));
  }

  static final MessagingNamespace HUBS = new MessagingNamespace(id(DATA + "/Microsoft.EventHub/namespaces/evh-data"), "westeurope",
      Service.EVENT_HUBS, "Standard", "Enabled", new NetworkRules("Enabled", "Deny", null, Address.list("20.30.40.0/24"), List.of()), true);

  static List<Change> eventHubs() {
    return List.of(new AddIpRule(HUBS, AddressRef.literal("52.170.10.20"), null, null, null, List.of("ml-cluster -> evh-data"),
        "IP not in ipRules"));
  }

  static final CognitiveAccount COG = new CognitiveAccount(id(DATA + "/Microsoft.CognitiveServices/accounts/oai-data"), "westeurope",
      "OpenAI", "oai-data", new NetworkRules("Enabled", "Deny", null, List.of(), List.of()), "S0");

  static List<Change> cognitive() {
    return List.of(new AddIpRule(COG, AddressRef.literal("52.170.10.20"), null, null, null, List.of("ml-cluster -> oai-data"),
        "IP not in networkAcls"));
  }

  static final SearchService SEARCH = new SearchService(id(DATA + "/Microsoft.Search/searchServices/srch-data"), "westeurope",
      "basic", new NetworkRules("enabled", null, "None", Address.list("20.30.40.0/24"), List.of()));

  static List<Change> search() {
    return List.of(new AddIpRule(SEARCH, AddressRef.literal("52.170.10.20"), null, null, null, List.of("ml-cluster -> srch-data"),
        "IP not in networkRuleSet"));
  }

  static final MlWorkspace WORKSPACE = new MlWorkspace(id(DATA + "/Microsoft.MachineLearningServices/workspaces/mlw-data"),
      "westeurope", "Enabled", "Deny", Address.list("20.30.40.0/24"), List.of(), null, List.of(), false, null, null,
      id(DATA + "/Microsoft.Storage/storageAccounts/stdata"), id(DATA + "/Microsoft.KeyVault/vaults/kv-data"), null,
      "SystemAssigned", "Basic", "Basic", id(DATA + "/Microsoft.Insights/components/appi-data"));

  static List<Change> amlIps() {
    return List.of(new AddIpRule(WORKSPACE, AddressRef.literal("52.170.10.20"), null, null, null,
        List.of("build-agent -> mlw-data"), "selected IPs do not list the agent"));
  }

  static List<Change> vnetRule() {
    return List.of(
        new AddVnetRule(STORAGE, ML_SUBNET.id(), null, null, PAIRS, "service endpoint on the subnet: private source"),
        new AddVnetRule(SQL, ML_SUBNET.id(), "allow-snet-ml", null, List.of("ml-cluster -> sql-data"), "no VNet rule"),
        new AddVnetRule(WEB, ML_SUBNET.id(), "allow-snet-ml", 310, List.of("ml-cluster -> app-api"), "Microsoft.Web endpoint"));
  }

  static List<Change> serviceEndpoint() {
    return List.of(new AddServiceEndpoint(ML_SUBNET, "westeurope", "Microsoft.Storage", PAIRS, "same-region storage needs a VNet rule"));
  }

  static List<Change> natGateway() {
    return List.of(new CreateNatGateway(NAT, NAT_PIP, "westeurope", List.of(DBX_HOST, DBX_CONTAINER),
        List.of("dbx -> stdata"), "default outbound access is retired; give both Databricks subnets a stable IP"));
  }

  static List<Change> outboundLb() {
    return List.of(new CreateOutboundLoadBalancer(id(NET + "/loadBalancers/lb-dbx"), "dbx-backend", "dbx-frontend",
        id(NET + "/publicIPAddresses/pip-lb-dbx"), "dbx-outbound", "westeurope",
        id(APP + "/Microsoft.Databricks/workspaces/dbw-app"), List.of("dbx -> stdata"),
        "stable egress for SCC; loadBalancerId is accepted only at workspace creation"));
  }

  static final ResourceId FIREWALL = id(NET + "/azureFirewalls/afw-hub");

  static List<Change> routeFirewall() {
    return List.of(new RouteToFirewall(id(NET + "/routeTables/rt-ml"), "westeurope", FIREWALL, "10.0.0.4", List.of(ML_SUBNET),
        PAIRS, "send egress through the hub firewall"));
  }

  /** A classic-rules firewall the estate shows in full: one existing network rule collection. */
  static final AzureFirewall FIREWALL_DEF = new AzureFirewall(FIREWALL, "westeurope",
      List.of(new FirewallIpConfig("ipconfig1", IpValue.of("10.0.0.4"), id(NET + "/virtualNetworks/vnet-hub/subnets/AzureFirewallSubnet"),
          id(NET + "/publicIPAddresses/pip-afw-hub"))),
      null, List.of(), null,
      List.of(new FirewallRuleCollection("existing-net", "NETWORK", "Allow", 0, 200,
          List.of(new FirewallRule("dns", IpValue.list("10.10.0.0/16"), IpValue.list("168.63.129.16"), List.of(), Ports.list("53"),
              List.of("UDP", "TCP"), List.of(), List.of())), FIREWALL)),
      "AZFW_VNet", "Standard", "Alert", List.of());

  static List<Change> firewallRules() {
    return List.of(
        new AddFirewallRule(FIREWALL_DEF, "application", "allowpath-app", 300, "stdata-blob", List.of("10.10.1.0/24"),
            List.of("stdata.blob.core.windows.net"), List.of(), List.of("Https:443"), PAIRS, "firewall denies by default"),
        new AddFirewallRule(FIREWALL_DEF, "application", "allowpath-app", 300, "sql-data", List.of("10.10.1.0/24"),
            List.of("sql-data.database.windows.net"), List.of(), List.of("Mssql:1433"), List.of("ml-cluster -> sql-data"),
            "firewall denies by default"),
        new AddFirewallRule(FIREWALL_DEF, "network", "allowpath-net", 310, "sql-westeurope", List.of("10.10.1.0/24"),
            List.of(), List.of("Sql.WestEurope"), List.of("1433"), List.of("ml-cluster -> sql-data"), "firewall denies by default"));
  }

  static final ResourceId POLICY = id(NET + "/firewallPolicies/afwp-hub");

  /** A firewall managed by a firewall policy (no classic rules). */
  static final AzureFirewall POLICY_FIREWALL = new AzureFirewall(id(NET + "/azureFirewalls/afw-policy"), "westeurope",
      List.of(new FirewallIpConfig("ipconfig1", IpValue.of("10.0.0.4"), id(NET + "/virtualNetworks/vnet-hub/subnets/AzureFirewallSubnet"),
          id(NET + "/publicIPAddresses/pip-afw-policy"))),
      null, List.of(), POLICY, List.of(), "AZFW_VNet", "Premium", null, List.of());

  static List<Change> firewallPolicy() {
    return List.of(
        new AddFirewallRule(POLICY_FIREWALL, "application", "allowpath-app", 300, "stdata-blob", List.of("10.10.1.0/24"),
            List.of("stdata.blob.core.windows.net"), List.of(), List.of("Https:443"), PAIRS, "firewall denies by default"),
        new AddFirewallRule(POLICY_FIREWALL, "application", "allowpath-app", 300, "sql-data", List.of("10.10.1.0/24"),
            List.of("sql-data.database.windows.net"), List.of(), List.of("Mssql:1433"), List.of("ml-cluster -> sql-data"),
            "firewall denies by default"),
        new AddFirewallRule(POLICY_FIREWALL, "network", "allowpath-net", 310, "sql-westeurope", List.of("10.10.1.0/24"),
            List.of(), List.of("Sql.WestEurope"), List.of("1433"), List.of("ml-cluster -> sql-data"), "firewall denies by default"));
  }

  static List<Change> managedPe() {
    return List.of(new AddManagedPrivateEndpointRule(WORKSPACE.id(), "pe-stdata-blob", STORAGE.id(), "blob",
        List.of("mlw-data serverless -> stdata"), "managed VNet computes reach storage over a private endpoint"));
  }

  /**
   * Outbound NSG rules (issue 13 §8): one towards a regional service tag from two subnets on SQL's ports (plural
   * address and port fields), one towards a private endpoint's address on 443 (singular fields).
   */
  static List<Change> nsgRule() {
    ResourceId nsg = id(NET + "/networkSecurityGroups/nsg-ml");
    return List.of(
        new AddNsgRule(nsg, "allowpath-sql-westeurope", 3999, List.of("10.10.2.0/26", "10.10.3.0/26"),
            List.of("Sql.westeurope"), List.of("1433", "11000-11999"), "DenyInternetOutbound (priority 4000)",
            List.of("dbw/host -> sqlsrv", "dbw/container -> sqlsrv"),
            "outbound rule DenyInternetOutbound (priority 4000) of network security group nsg-ml blocks TCP 1433,11000-11999"),
        new AddNsgRule(nsg, "allowpath-pe-pe-stdata", 299, List.of("10.10.1.0/24"), List.of("10.10.9.4"), List.of("443"),
            "DenyVnetOutbound (priority 300)", PAIRS,
            "outbound rule DenyVnetOutbound (priority 300) of network security group nsg-ml blocks TCP 443 to 10.10.9.4"));
  }

  /** Case name → changes; "all" holds every change together. */
  static Map<String, List<Change>> cases() {
    Map<String, List<Change>> m = new LinkedHashMap<>();
    m.put("storage", storage());
    m.put("keyvault", keyVault());
    m.put("keyvault_network_only", keyVaultNetworkOnly());
    m.put("sql", sql());
    m.put("cosmos", cosmos());
    m.put("acr", acr());
    m.put("appservice", appService());
    m.put("eventhubs", eventHubs());
    m.put("cognitive", cognitive());
    m.put("search", search());
    m.put("aml_ips", amlIps());
    m.put("vnet_rule", vnetRule());
    m.put("service_endpoint", serviceEndpoint());
    m.put("nat_gateway", natGateway());
    m.put("outbound_lb", outboundLb());
    m.put("route_firewall", routeFirewall());
    m.put("firewall_rules", firewallRules());
    m.put("firewall_policy", firewallPolicy());
    m.put("managed_pe", managedPe());
    m.put("nsg_rule", nsgRule());
    List<Change> all = new ArrayList<>();
    m.values().forEach(all::addAll);
    m.put("all", all);
    return m;
  }

  static Plan plan(List<Change> changes) {
    return new Plan(changes, List.of());
  }
}
