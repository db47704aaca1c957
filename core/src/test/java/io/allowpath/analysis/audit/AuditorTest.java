package io.allowpath.analysis.audit;

import static io.allowpath.testing.EstateJson.RG;
import static io.allowpath.testing.EstateJson.natId;
import static io.allowpath.testing.EstateJson.pipId;
import static io.allowpath.testing.EstateJson.rtId;
import static io.allowpath.testing.EstateJson.subnetId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.analysis.access.AccessEvaluator;
import io.allowpath.analysis.egress.EgressResolver;
import io.allowpath.ingest.servicetags.ServiceTagsReader;
import io.allowpath.model.Estate;
import io.allowpath.model.ServiceTags;
import io.allowpath.testing.EstateJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each audit rule fires on a small estate built for it and not on the clean one. The clean estate: an
 * AML workspace with public access disabled, one cluster in a subnet with a NAT gateway (one static
 * public IP), and a storage account in another region whose only IP rule is exactly that IP.
 */
class AuditorTest {
  static final String NAT_IP = "20.1.2.3";
  static final String STORAGE = RG + "/providers/Microsoft.Storage/storageAccounts/stdata";

  @TempDir Path dir;

  static EstateJson clean() {
    EstateJson e = new EstateJson();
    e.vnet("vnet-ml").addressPrefix("10.1.0.0/16")
        .subnet("snet-train").addressPrefix("10.1.1.0/24").natGateway(natId("ng-ml")).and()
        .subnet("AzureFirewallSubnet").addressPrefix("10.1.0.0/26");
    e.natGateway("ng-ml").publicIp(e.publicIp("pip-nat", NAT_IP));
    e.mlWorkspace("mlw").node.withObjectProperty("properties").put("publicNetworkAccess", "Disabled");
    e.compute("mlw", "cluster", "AmlCompute").subnet(subnetId("vnet-ml", "snet-train")).enableNodePublicIp(false);
    ObjectNode st = e.resource(STORAGE, "Microsoft.Storage/storageAccounts", "westus");
    ObjectNode acls = st.withObjectProperty("properties").putObject("networkAcls");
    acls.put("defaultAction", "Deny");
    acls.putArray("ipRules").addObject().put("value", NAT_IP);
    return e;
  }

  List<Finding> audit(EstateJson e) {
    Estate estate = e.load(dir);
    EgressResolver r = new EgressResolver(estate, null);
    AccessEvaluator ev = new AccessEvaluator(r, null);
    return new Auditor(ev).audit(r.computes(), ev.targets());
  }

  List<Finding> audit(Consumer<EstateJson> change) {
    EstateJson e = clean();
    change.accept(e);
    return audit(e);
  }

  static List<String> ids(List<Finding> fs) {
    return fs.stream().map(Finding::ruleId).toList();
  }

  static ArrayNode storageIpRules(EstateJson e) {
    return (ArrayNode) e.resource(STORAGE, "Microsoft.Storage/storageAccounts", "westus").withObjectProperty("properties")
        .withObjectProperty("networkAcls").get("ipRules");
  }

  @Test
  void cleanEstateHasNoFinding() {
    assertThat(audit(clean())).isEmpty();
  }

  @Test
  void ap001DefaultOutboundAccess() {
    List<Finding> fs = audit(e -> e.vnet("vnet-ml").subnet("snet-train").node.withObjectProperty("properties").remove("natGateway"));
    assertThat(ids(fs)).contains("AP001");
    Finding f = fs.stream().filter(x -> x.ruleId().equals("AP001")).findFirst().orElseThrow();
    assertThat(f.severity()).isEqualTo(Level.WARNING);
    assertThat(f.resource().name()).isEqualTo("cluster");
    assertThat(f.message()).contains("DEFAULT_OUTBOUND").contains("31 March 2026");
    assertThat(f.file()).endsWith("estate.json");
    assertThat(f.pointer()).startsWith("/");
  }

  @Test
  void ap001NodePublicIps() {
    List<Finding> fs = audit(e -> {
      e.vnet("vnet-ml").subnet("snet-train").node.withObjectProperty("properties").remove("natGateway");
      e.compute("mlw", "cluster", "AmlCompute").enableNodePublicIp(true);
    });
    assertThat(fs).filteredOn(f -> f.ruleId().equals("AP001")).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("INSTANCE_PUBLIC_IP"));
  }

  @Test
  void ap002NoEgress() {
    List<Finding> fs = audit(e -> {
      e.vnet("vnet-ml").subnet("snet-train").defaultOutboundAccess(false).node.withObjectProperty("properties").remove("natGateway");
    });
    assertThat(ids(fs)).contains("AP002").doesNotContain("AP001");
    assertThat(fs).filteredOn(f -> f.ruleId().equals("AP002")).singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Level.ERROR));
  }

  @Test
  void ap003SomeEgressIpsNotAdmittedOneFindingPerTarget() {
    List<Finding> fs = audit(e -> {
      e.natGateway("ng-ml").publicIp(e.publicIp("pip-nat-2", "20.1.2.9"));
      e.compute("mlw", "cluster2", "AmlCompute").subnet(subnetId("vnet-ml", "snet-train")).enableNodePublicIp(false);
    });
    assertThat(fs).filteredOn(f -> f.ruleId().equals("AP003")).singleElement().satisfies(f -> {
      assertThat(f.resource().name()).isEqualTo("stdata");
      assertThat(f.message()).contains("mlw/cluster ").contains("mlw/cluster2").contains("20.1.2.9");
    });
  }

  @Test
  void ap004StorageIpRuleSameRegion() {
    List<Finding> fs = audit(e -> e.resource(STORAGE, "x", null).put("location", "eastus"));
    assertThat(fs).filteredOn(f -> f.ruleId().equals("AP004")).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("eastus").contains(NAT_IP));
  }

  @Test
  void ap005IpRuleShadowedByServiceEndpoint() {
    List<Finding> fs = audit(e -> e.vnet("vnet-ml").subnet("snet-train").serviceEndpoint("Microsoft.Storage", "westus"));
    assertThat(fs).filteredOn(f -> f.ruleId().equals("AP005")).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("snet-train").contains("Microsoft.Storage"));
  }

  @Test
  void ap006TargetOpenToAllNetworks() {
    List<Finding> fs = audit(e -> e.resource(STORAGE, "x", null).withObjectProperty("properties").withObjectProperty("networkAcls")
        .put("defaultAction", "Allow"));
    assertThat(ids(fs)).containsExactly("AP006");
  }

  @Test
  void ap007ZeroSlashZero() {
    List<Finding> fs = audit(e -> storageIpRules(e).addObject().put("value", "0.0.0.0/0"));
    assertThat(fs).filteredOn(f -> f.ruleId().equals("AP007")).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("whole internet"));
  }

  @Test
  void ap007SqlAllowAllAzure() {
    String sql = RG + "/providers/Microsoft.Sql/servers/sql1";
    List<Finding> fs = audit(e -> {
      e.resource(sql, "Microsoft.Sql/servers", "westus");
      ObjectNode r = e.resource(sql + "/firewallRules/AllowAllWindowsAzureIps", "Microsoft.Sql/servers/firewallRules", null);
      r.withObjectProperty("properties").put("startIpAddress", "0.0.0.0").put("endIpAddress", "0.0.0.0");
      ObjectNode own = e.resource(sql + "/firewallRules/nat", "Microsoft.Sql/servers/firewallRules", null);
      own.withObjectProperty("properties").put("startIpAddress", NAT_IP).put("endIpAddress", NAT_IP);
    });
    assertThat(fs).filteredOn(f -> f.ruleId().equals("AP007")).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("AllowAllWindowsAzureIps").contains("every Azure customer"));
  }

  @Test
  void ap007CosmosZero() {
    String cosmos = RG + "/providers/Microsoft.DocumentDB/databaseAccounts/cosmos1";
    List<Finding> fs = audit(e -> {
      ArrayNode rules = e.resource(cosmos, "Microsoft.DocumentDB/databaseAccounts", "westus").withObjectProperty("properties")
          .putArray("ipRules");
      rules.addObject().put("ipAddressOrRange", NAT_IP);
      rules.addObject().put("ipAddressOrRange", "0.0.0.0");
    });
    assertThat(fs).filteredOn(f -> f.ruleId().equals("AP007")).singleElement()
        .satisfies(f -> assertThat(f.resource().name()).isEqualTo("cosmos1"));
  }

  @Test
  void ap007AppServiceAzureCloudTag() {
    String site = RG + "/providers/Microsoft.Web/sites/app1";
    List<Finding> fs = audit(e -> {
      e.resource(site, "Microsoft.Web/sites", "westus");
      ObjectNode web = e.resource(site + "/config/web", "Microsoft.Web/sites/config", "westus");
      ArrayNode rs = web.withObjectProperty("properties").putArray("ipSecurityRestrictions");
      rs.addObject().put("name", "nat").put("ipAddress", NAT_IP + "/32").put("action", "Allow").put("priority", 100);
      rs.addObject().put("name", "azure").put("ipAddress", "AzureCloud").put("tag", "ServiceTag").put("action", "Allow")
          .put("priority", 200);
    });
    assertThat(fs).filteredOn(f -> f.ruleId().equals("AP007")).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("AzureCloud"));
  }

  @Test
  void ap008EventHubsDenyWithoutRules() {
    String ns = RG + "/providers/Microsoft.EventHub/namespaces/evh1";
    List<Finding> fs = audit(e -> {
      e.resource(ns, "Microsoft.EventHub/namespaces", "westus");
      e.resource(ns + "/networkRuleSets/default", "Microsoft.EventHub/namespaces/networkRuleSets", "westus")
          .withObjectProperty("properties").put("defaultAction", "Deny");
    });
    assertThat(ids(fs)).containsExactly("AP008");
  }

  @Test
  void ap009AcrRulesOnStandard() {
    String acr = RG + "/providers/Microsoft.ContainerRegistry/registries/cr1";
    List<Finding> fs = audit(e -> {
      ObjectNode r = e.resource(acr, "Microsoft.ContainerRegistry/registries", "westus");
      r.putObject("sku").put("name", "Standard");
      ObjectNode set = r.withObjectProperty("properties").putObject("networkRuleSet");
      set.put("defaultAction", "Deny");
      set.putArray("ipRules").addObject().put("value", NAT_IP).put("action", "Allow");
    });
    assertThat(ids(fs)).containsExactly("AP009");
  }

  @Test
  void ap010RuleListNearLimit() {
    List<Finding> fs = audit(e -> {
      ArrayNode rules = storageIpRules(e);
      for (int i = 1; i < 360; i++) {
        rules.addObject().put("value", "52.1." + (i / 250) + "." + (i % 250 + 1));
      }
    });
    assertThat(fs).filteredOn(f -> f.ruleId().equals("AP010")).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("360 of 400"));
    List<Finding> under = audit(e -> {
      ArrayNode rules = storageIpRules(e);
      for (int i = 1; i < 359; i++) {
        rules.addObject().put("value", "52.1." + (i / 250) + "." + (i % 250 + 1));
      }
    });
    assertThat(ids(under)).doesNotContain("AP010");
  }

  @Test
  void ap011StaleRuleOnlyWhenEveryEgressIsKnown() {
    List<Finding> fs = audit(e -> storageIpRules(e).addObject().put("value", "198.51.100.0/24"));
    assertThat(fs).filteredOn(f -> f.ruleId().equals("AP011")).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Level.NOTE);
      assertThat(f.message()).contains("198.51.100.0/24").contains("all known").doesNotContain(NAT_IP);
    });
    List<Finding> unknown = audit(e -> {
      storageIpRules(e).addObject().put("value", "198.51.100.0/24");
      e.vnet("vnet-ml").subnet("snet-other").addressPrefix("10.1.2.0/24");
      e.compute("mlw", "legacy", "AmlCompute").subnet(subnetId("vnet-ml", "snet-other")).enableNodePublicIp(false);
    });
    assertThat(ids(unknown)).doesNotContain("AP011").contains("AP001");
  }

  /** The compute subnet routes 0.0.0.0/0 to an Azure Firewall with the given network rules. */
  static void viaFirewall(EstateJson e, String... allowedTags) {
    e.routeTable("rt-fw").route("default", "0.0.0.0/0", "VirtualAppliance", "10.1.0.4");
    e.vnet("vnet-ml").subnet("snet-train").routeTable(rtId("rt-fw"));
    String fw = e.firewall("fw1", "10.1.0.4", subnetId("vnet-ml", "AzureFirewallSubnet"), e.publicIp("pip-fw", "20.9.9.9"));
    storageIpRules(e).addObject().put("value", "20.9.9.9");
    ObjectNode props = e.resource(fw, "Microsoft.Network/azureFirewalls", "eastus").withObjectProperty("properties");
    ObjectNode col = props.putArray("networkRuleCollections").addObject();
    col.put("name", "required");
    ObjectNode cp = col.putObject("properties");
    cp.put("priority", 100);
    cp.putObject("action").put("type", "Allow");
    ArrayNode rules = cp.putArray("rules");
    for (String tag : allowedTags) {
      ObjectNode r = rules.addObject();
      r.put("name", "allow-" + tag);
      r.putArray("sourceAddresses").add("10.1.0.0/16");
      r.putArray("destinationAddresses").add(tag);
      r.putArray("destinationPorts").add("443");
      r.putArray("protocols").add("TCP");
    }
    // the storage target itself must pass the firewall, or the pair is denied there
    ObjectNode st = rules.addObject();
    st.put("name", "storage-westus");
    st.putArray("sourceAddresses").add("*");
    st.putArray("destinationAddresses").add("Storage.westus");
    st.putArray("destinationPorts").add("443");
    st.putArray("protocols").add("TCP");
  }

  @Test
  void ap012FirewallWithoutRequiredTags() {
    List<Finding> fs = audit(e -> viaFirewall(e));
    assertThat(fs).filteredOn(f -> f.ruleId().equals("AP012")).singleElement().satisfies(f -> {
      assertThat(f.resource().name()).isEqualTo("fw1");
      assertThat(f.severity()).isEqualTo(Level.ERROR);
      assertThat(f.message()).contains("AzureMachineLearning").contains("BatchNodeManagement.eastus")
          .contains("Storage.eastus");
    });
    List<Finding> partial = audit(e -> viaFirewall(e, "AzureMachineLearning", "BatchNodeManagement.eastus"));
    assertThat(partial).filteredOn(f -> f.ruleId().equals("AP012")).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("needs Storage.eastus").doesNotContain("AzureMachineLearning,"));
    List<Finding> ok = audit(e -> viaFirewall(e, "AzureMachineLearning", "BatchNodeManagement.eastus", "Storage"));
    assertThat(ids(ok)).doesNotContain("AP012");
  }

  @Test
  void ap013WorkspacePublicFromAllNetworks() {
    List<Finding> fs = audit(e -> e.mlWorkspace("mlw").node.withObjectProperty("properties").put("publicNetworkAccess", "Enabled"));
    assertThat(ids(fs)).containsExactly("AP013");
    List<Finding> dbx = audit(e -> e.databricks("dbw1"));
    assertThat(ids(dbx)).contains("AP013");
  }

  static final String NSG = RG + "/providers/Microsoft.Network/networkSecurityGroups/nsg-train";

  /** An outbound security rule in the ARM {@code securityRules[]} shape. */
  static ObjectNode nsgRule(String name, int priority, String access, String dest, String ports) {
    ObjectNode r = new ObjectMapper().createObjectNode().put("name", name);
    r.putObject("properties").put("protocol", "Tcp").put("sourcePortRange", "*").put("destinationPortRange", ports)
        .put("sourceAddressPrefix", "VirtualNetwork").put("destinationAddressPrefix", dest).put("access", access)
        .put("priority", priority).put("direction", "Outbound");
    return r;
  }

  /** The clean estate with an NSG on snet-train holding {@code rules}. */
  static void withNsg(EstateJson e, ObjectNode... rules) {
    ArrayNode rs = e.resource(NSG, "Microsoft.Network/networkSecurityGroups", "eastus").withObjectProperty("properties")
        .putArray("securityRules");
    for (ObjectNode r : rules) {
      rs.add(r);
    }
    e.vnet("vnet-ml").subnet("snet-train").node.withObjectProperty("properties").putObject("networkSecurityGroup")
        .put("id", NSG);
  }

  /** Disjoint address ranges for the tags the AP014 case names, in the ServiceTags_Public_*.json shape. */
  ServiceTags tags() throws IOException {
    String[][] t = {{"AzureActiveDirectory", "20.190.128.0/18"}, {"AzureMachineLearning", "13.66.87.0/24"},
        {"BatchNodeManagement.eastus", "13.68.0.0/24"}, {"AzureResourceManager", "13.69.64.0/24"},
        {"Storage.eastus", "20.38.0.0/16"}, {"AzureFrontDoor.FrontEnd", "13.107.208.0/24"},
        {"AzureFrontDoor.FirstParty", "13.107.6.0/24"}, {"MicrosoftContainerRegistry", "13.69.227.0/24"},
        {"AzureMonitor", "13.64.0.0/16"}};
    StringBuilder b = new StringBuilder("{\"changeNumber\": 1, \"cloud\": \"Public\", \"values\": [");
    for (int i = 0; i < t.length; i++) {
      String region = t[i][0].endsWith(".eastus") ? "eastus" : "";
      b.append(i == 0 ? "" : ",").append("{\"name\": \"").append(t[i][0]).append("\", \"id\": \"").append(t[i][0])
          .append("\", \"properties\": {\"region\": \"").append(region).append("\", \"addressPrefixes\": [\"")
          .append(t[i][1]).append("\"]}}");
    }
    Path f = dir.resolve("ServiceTags_Public_20250101.json");
    Files.writeString(f, b.append("]}").toString());
    return ServiceTagsReader.read(f);
  }

  List<Finding> auditWithTags(EstateJson e) throws IOException {
    ServiceTags tags = tags();
    Estate estate = e.load(dir.resolve("estate"));
    EgressResolver r = new EgressResolver(estate, tags);
    AccessEvaluator ev = new AccessEvaluator(r, tags);
    return new Auditor(ev).audit(r.computes(), ev.targets());
  }

  static final ObjectNode[] AML_LOCKDOWN_WITHOUT_MCR_AND_FIRST_PARTY = {
      nsgRule("AllowAad", 100, "Allow", "AzureActiveDirectory", "443"),
      nsgRule("AllowAml", 110, "Allow", "AzureMachineLearning", "443"),
      nsgRule("AllowBatch", 120, "Allow", "BatchNodeManagement.eastus", "443"),
      nsgRule("AllowArm", 130, "Allow", "AzureResourceManager", "443"),
      nsgRule("AllowStorage", 140, "Allow", "Storage.eastus", "443"),
      nsgRule("AllowFrontDoor", 150, "Allow", "AzureFrontDoor.FrontEnd", "443"),
      nsgRule("AllowMonitor", 160, "Allow", "AzureMonitor", "443"),
      nsgRule("DenyInternet", 4000, "Deny", "Internet", "*")};

  @Test
  void ap014NsgBlockingRequiredOutboundNamesTagsAndRule() throws IOException {
    // the AML lock-down pattern with AzureFrontDoor.FirstParty and MicrosoftContainerRegistry forgotten: whether a
    // rule for another tag covers them is a service tags question, answered by the tags file
    EstateJson e = clean();
    withNsg(e, AML_LOCKDOWN_WITHOUT_MCR_AND_FIRST_PARTY);
    List<Finding> fs = auditWithTags(e);
    assertThat(fs).filteredOn(f -> f.ruleId().equals("AP014")).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Level.ERROR);
      assertThat(f.resource().name()).isEqualTo("nsg-train");
      assertThat(f.message()).contains("mlw/cluster").contains("AzureFrontDoor.FirstParty")
          .contains("MicrosoftContainerRegistry").contains("DenyInternet").doesNotContain("needs Storage")
          .doesNotContain("needs AzureMachineLearning");
    });
    // without the tags file the same NSG is undecided for those tags: no finding rather than a guess
    assertThat(ids(audit(x -> withNsg(x, AML_LOCKDOWN_WITHOUT_MCR_AND_FIRST_PARTY)))).doesNotContain("AP014");
    // a deny of the internet before any allow blocks every required tag, with or without the tags file
    List<Finding> all = audit(x -> withNsg(x, nsgRule("DenyInternet", 100, "Deny", "Internet", "*")));
    assertThat(all).filteredOn(f -> f.ruleId().equals("AP014")).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("AzureMachineLearning").contains("Storage.eastus"));
    // nothing blocked: AzureCloud allowed before the deny, or only the default rules
    assertThat(ids(audit(x -> withNsg(x, nsgRule("AllowAzure", 100, "Allow", "AzureCloud", "443"),
        nsgRule("DenyInternet", 4000, "Deny", "Internet", "*"))))).doesNotContain("AP014");
    assertThat(ids(audit(x -> withNsg(x)))).doesNotContain("AP014");
  }

  static final String LB = RG + "/providers/Microsoft.Network/loadBalancers/lb-out";

  /**
   * Load balancer lb-out as a GET returns it (REST LoadBalancerGet shape): one frontend, pool "pool" listing
   * {@code members} backendIPConfigurations, and the given outbound and load-balancing rules.
   */
  static ObjectNode loadBalancer(EstateJson e, int members) {
    ObjectNode lb = e.resource(LB, "Microsoft.Network/loadBalancers", "eastus");
    lb.putObject("sku").put("name", "Standard");
    ObjectNode p = lb.withObjectProperty("properties");
    p.putArray("frontendIPConfigurations").addObject().put("id", LB + "/frontendIPConfigurations/fe").put("name", "fe")
        .putObject("properties").putObject("publicIPAddress").put("id", pipId("pip-nat"));
    ArrayNode cfgs = p.putArray("backendAddressPools").addObject().put("id", LB + "/backendAddressPools/pool")
        .put("name", "pool").putObject("properties").putArray("backendIPConfigurations");
    for (int i = 0; i < members; i++) {
      cfgs.addObject().put("id", RG + "/providers/Microsoft.Network/networkInterfaces/nic" + i + "/ipConfigurations/ipconfig1");
    }
    return lb;
  }

  static void outboundRule(ObjectNode lb, Integer ports) {
    ObjectNode rp = lb.withObjectProperty("properties").withArrayProperty("outboundRules").addObject()
        .put("id", LB + "/outboundRules/out").put("name", "out").putObject("properties").put("protocol", "All");
    rp.putArray("frontendIPConfigurations").addObject().put("id", LB + "/frontendIPConfigurations/fe");
    rp.putObject("backendAddressPool").put("id", LB + "/backendAddressPools/pool");
    if (ports != null) {
      rp.put("allocatedOutboundPorts", ports);
    }
  }

  static void lbRule(ObjectNode lb, boolean disableOutboundSnat) {
    ObjectNode rp = lb.withObjectProperty("properties").withArrayProperty("loadBalancingRules").addObject()
        .put("id", LB + "/loadBalancingRules/https").put("name", "https").putObject("properties")
        .put("protocol", "Tcp").put("frontendPort", 443).put("backendPort", 443)
        .put("disableOutboundSnat", disableOutboundSnat);
    rp.putObject("frontendIPConfiguration").put("id", LB + "/frontendIPConfigurations/fe");
    rp.putObject("backendAddressPool").put("id", LB + "/backendAddressPools/pool");
  }

  static List<Finding> ap015(List<Finding> fs) {
    return fs.stream().filter(f -> f.ruleId().equals("AP015")).toList();
  }

  @Test
  void ap015DefaultPortAllocationAndOverAllocationWithTheNumbers() {
    // outbound rule with allocatedOutboundPorts 0 and a pool of 60: the table gives 512 ports
    List<Finding> byDefault = audit(e -> outboundRule(loadBalancer(e, 60), 0));
    assertThat(ap015(byDefault)).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Level.WARNING);
      assertThat(f.resource().name()).isEqualTo("lb-out");
      assertThat(f.message()).contains("outbound rule out").contains("60 instance(s) gets 512 SNAT ports");
    });
    // 10,000 ports x 10 instances = 100,000 > 64,000 on one frontend IP: only 6 instances get theirs
    List<Finding> over = audit(e -> outboundRule(loadBalancer(e, 10), 10_000));
    assertThat(ap015(over)).singleElement().satisfies(f -> assertThat(f.message()).contains("100000 ports")
        .contains("hold 64000").contains("at most 6 instances"));
    // a load-balancing rule without an outbound rule for its pool SNATs with the default allocation
    List<Finding> implicit = audit(e -> lbRule(loadBalancer(e, 10), false));
    assertThat(ap015(implicit)).singleElement().satisfies(f -> assertThat(f.message())
        .contains("load-balancing rule https").contains("gets 1024 SNAT ports"));
    // fine: manual allocation that fits, disableOutboundSnat, or the pool's outbound rule taking over
    assertThat(ap015(audit(e -> outboundRule(loadBalancer(e, 10), 1024)))).isEmpty();
    assertThat(ap015(audit(e -> lbRule(loadBalancer(e, 10), true)))).isEmpty();
    assertThat(ap015(audit(e -> {
      ObjectNode lb = loadBalancer(e, 10);
      lbRule(lb, false);
      outboundRule(lb, 1024);
    }))).isEmpty();
    // an outbound rule whose allocation is not in the export is not judged
    assertThat(ap015(audit(e -> outboundRule(loadBalancer(e, 10), null)))).isEmpty();
  }

  @Test
  void findingsAreSortedAndOnePerRuleAndResource() {
    List<Finding> fs = audit(e -> {
      e.vnet("vnet-ml").subnet("snet-train").node.withObjectProperty("properties").remove("natGateway");
      e.compute("mlw", "cluster2", "AmlCompute").subnet(subnetId("vnet-ml", "snet-train")).enableNodePublicIp(false);
      e.mlWorkspace("mlw").node.withObjectProperty("properties").put("publicNetworkAccess", "Enabled");
    });
    assertThat(fs).extracting(f -> f.ruleId() + "|" + f.resource().key()).doesNotHaveDuplicates()
        .isSorted();
    assertThat(pipId("x")).isNotNull();
  }
}
