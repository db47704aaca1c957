package io.allowpath.analysis.access;

import static io.allowpath.analysis.access.AccessCases.CLUSTER;
import static io.allowpath.analysis.access.AccessCases.NAT_IP;
import static io.allowpath.analysis.access.AccessCases.OTHER_IP;
import static io.allowpath.analysis.access.AccessCases.SNET_ID;
import static io.allowpath.analysis.access.AccessCases.SPOKE;
import static io.allowpath.analysis.access.AccessCases.c;
import static io.allowpath.analysis.access.AccessCases.decidedByTarget;
import static io.allowpath.analysis.access.AccessCases.hop;
import static io.allowpath.analysis.access.AccessCases.nat;
import static io.allowpath.analysis.access.AccessCases.on;
import static io.allowpath.analysis.access.Outcome.ALLOW;
import static io.allowpath.analysis.access.Outcome.AMBIGUOUS;
import static io.allowpath.analysis.access.Outcome.DENY;
import static io.allowpath.analysis.access.Outcome.UNKNOWN;
import static io.allowpath.analysis.access.Reason.ACR_RULES_NEED_PREMIUM;
import static io.allowpath.analysis.access.Reason.ADMITTED_BY_ALL_AZURE_RULE;
import static io.allowpath.analysis.access.Reason.ADMITTED_BY_IP_RULE;
import static io.allowpath.analysis.access.Reason.ADMITTED_BY_VNET_RULE;
import static io.allowpath.analysis.access.Reason.APP_SERVICE_CONFIG_NOT_EXPORTED;
import static io.allowpath.analysis.access.Reason.APP_SERVICE_DENY_RULE;
import static io.allowpath.analysis.access.Reason.APP_SERVICE_IMPLICIT_DENY;
import static io.allowpath.analysis.access.Reason.EGRESS_IP_NOT_ADMITTED;
import static io.allowpath.analysis.access.Reason.MANAGED_NETWORK_NOT_APPROVED;
import static io.allowpath.analysis.access.Reason.MANAGED_NETWORK_NO_STABLE_IP;
import static io.allowpath.analysis.access.Reason.MESSAGING_DENY_WITHOUT_RULES_IS_OPEN;
import static io.allowpath.analysis.access.Reason.NETWORK_RULE_SET_NOT_EXPORTED;
import static io.allowpath.analysis.access.Reason.OPEN_TO_ALL_NETWORKS;
import static io.allowpath.analysis.access.Reason.PUBLIC_ACCESS_DISABLED;
import static io.allowpath.analysis.access.Reason.SERVICE_TAG_UNRESOLVED;
import static io.allowpath.analysis.access.Reason.SOME_EGRESS_IPS_NOT_ADMITTED;
import static io.allowpath.analysis.access.Reason.VIA_MANAGED_PRIVATE_ENDPOINT;
import static io.allowpath.analysis.access.Via.MANAGED_PRIVATE_ENDPOINT;
import static io.allowpath.analysis.access.Via.NONE;
import static io.allowpath.analysis.access.Via.PUBLIC_IP;
import static io.allowpath.analysis.access.Via.SERVICE_ENDPOINT;
import static io.allowpath.testing.EstateJson.dbwId;
import static io.allowpath.testing.EstateJson.mlwId;
import static io.allowpath.testing.EstateJson.pipId;
import static io.allowpath.testing.TargetJson.acr;
import static io.allowpath.testing.TargetJson.acrId;
import static io.allowpath.testing.TargetJson.add;
import static io.allowpath.testing.TargetJson.arr;
import static io.allowpath.testing.TargetJson.cogId;
import static io.allowpath.testing.TargetJson.cognitive;
import static io.allowpath.testing.TargetJson.cosmos;
import static io.allowpath.testing.TargetJson.cosmosId;
import static io.allowpath.testing.TargetJson.cosmosIp;
import static io.allowpath.testing.TargetJson.denyExcept;
import static io.allowpath.testing.TargetJson.ehId;
import static io.allowpath.testing.TargetJson.keyVault;
import static io.allowpath.testing.TargetJson.kvId;
import static io.allowpath.testing.TargetJson.namespace;
import static io.allowpath.testing.TargetJson.networkRuleSet;
import static io.allowpath.testing.TargetJson.obj;
import static io.allowpath.testing.TargetJson.put;
import static io.allowpath.testing.TargetJson.restriction;
import static io.allowpath.testing.TargetJson.sbId;
import static io.allowpath.testing.TargetJson.search;
import static io.allowpath.testing.TargetJson.searchId;
import static io.allowpath.testing.TargetJson.site;
import static io.allowpath.testing.TargetJson.siteConfigWeb;
import static io.allowpath.testing.TargetJson.siteId;
import static io.allowpath.testing.TargetJson.sqlFirewallRule;
import static io.allowpath.testing.TargetJson.sqlId;
import static io.allowpath.testing.TargetJson.sqlServer;
import static io.allowpath.testing.TargetJson.storage;
import static io.allowpath.testing.TargetJson.storageId;
import static io.allowpath.testing.TargetJson.subnetRestriction;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.CorpusFiles;
import io.allowpath.RequiresCorpus;
import io.allowpath.analysis.access.AccessCases.Case;
import io.allowpath.ingest.servicetags.ServiceTagsReader;
import io.allowpath.model.IpSet;
import io.allowpath.model.ServiceTags;
import io.allowpath.testing.EstateJson;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each service's public-endpoint firewall (AZURE-EGRESS.md §4.1–§4.9, §2.1, §3.1) and the AML managed
 * network (§2.2), from the NAT fixture of {@link AccessCases} (egress 20.10.0.1) unless stated.
 */
class TargetServicesAccessTest {
  @TempDir Path dir;

  static final List<String> NAT = List.of(NAT_IP);
  static final List<String> NO_SRC = List.of();
  static final String APP = siteId("app1");
  static final String SQL = sqlId("sql1");
  static final String COSMOS = cosmosId("cosmos1");

  static ObjectNode web(EstateJson e) {
    site(e, "app1", "eastus");
    return siteConfigWeb(e, "app1");
  }

  // ------------------------------------------------------------------ App Service (§4.6)

  static Stream<Arguments> appService() {
    return Stream.of(
        c("App Service: Allow at 100 beats Deny at 200 for the same IP → ALLOW", e -> {
          ObjectNode w = web(e);
          restriction(w, "deny-range", 200, "Deny", "20.10.0.0/24", null);
          restriction(w, "allow-nat", 100, "Allow", NAT_IP + "/32", null);
        }, APP, ALLOW, PUBLIC_IP, NAT, List.of(ADMITTED_BY_IP_RULE), decidedByTarget(APP)),
        c("App Service: Deny at 100 beats Allow at 200 for the same IP → DENY APP_SERVICE_DENY_RULE", e -> {
          ObjectNode w = web(e);
          restriction(w, "allow-range", 200, "Allow", "20.10.0.0/24", null);
          restriction(w, "deny-nat", 100, "Deny", NAT_IP + "/32", null);
        }, APP, DENY, PUBLIC_IP, NAT, List.of(EGRESS_IP_NOT_ADMITTED, APP_SERVICE_DENY_RULE), decidedByTarget(APP)),
        c("App Service: one Allow rule for another range creates the implicit deny → DENY APP_SERVICE_IMPLICIT_DENY",
            e -> restriction(web(e), "allow-other", 100, "Allow", "198.51.100.0/24", null), APP, DENY, PUBLIC_IP, NAT,
            List.of(EGRESS_IP_NOT_ADMITTED, APP_SERVICE_IMPLICIT_DENY)),
        c("App Service: an Allow Any rule → ALLOW", e -> restriction(web(e), "any", 500, "Allow", "Any", null), APP,
            ALLOW, PUBLIC_IP, NAT, List.of(ADMITTED_BY_IP_RULE)),
        c("App Service: Deny Any at 100 before an Allow at 200 → DENY APP_SERVICE_DENY_RULE", e -> {
          ObjectNode w = web(e);
          restriction(w, "deny-any", 100, "Deny", "Any", null);
          restriction(w, "allow-nat", 200, "Allow", NAT_IP + "/32", null);
        }, APP, DENY, PUBLIC_IP, NAT, List.of(EGRESS_IP_NOT_ADMITTED, APP_SERVICE_DENY_RULE)),
        c("App Service: unmatched traffic with ipSecurityRestrictionsDefaultAction Allow → ALLOW", e -> {
          ObjectNode w = web(e);
          restriction(w, "deny-other", 100, "Deny", "198.51.100.0/24", null);
          put(w, "properties.ipSecurityRestrictionsDefaultAction", "Allow");
        }, APP, ALLOW, PUBLIC_IP, NAT, List.of(ADMITTED_BY_IP_RULE)),
        c("App Service: no rules and ipSecurityRestrictionsDefaultAction Deny → DENY",
            e -> put(web(e), "properties.ipSecurityRestrictionsDefaultAction", "Deny"), APP, DENY, PUBLIC_IP, NAT,
            List.of(EGRESS_IP_NOT_ADMITTED, APP_SERVICE_IMPLICIT_DENY)),
        c("App Service: config/web with no rules → open", e -> web(e), APP, ALLOW, PUBLIC_IP, NAT,
            List.of(OPEN_TO_ALL_NETWORKS)),
        on("App Service: service-tag rule resolved with a service tags file → ALLOW", nat(),
            e -> restriction(web(e), "df", 100, "Allow", "DataFactory.EastUS", "ServiceTag"), CLUSTER, APP, true, ALLOW,
            PUBLIC_IP, NAT, List.of(ADMITTED_BY_IP_RULE)),
        on("App Service: service-tag rule resolved to prefixes that miss the egress → DENY implicit", nat(),
            e -> restriction(web(e), "apim", 100, "Allow", "ApiManagement.EastUS", "ServiceTag"), CLUSTER, APP, true,
            DENY, PUBLIC_IP, NAT, List.of(EGRESS_IP_NOT_ADMITTED, APP_SERVICE_IMPLICIT_DENY)),
        c("App Service: service-tag rule without a service tags file → UNKNOWN SERVICE_TAG_UNRESOLVED, not a guess",
            e -> restriction(web(e), "df", 100, "Allow", "DataFactory.EastUS", "ServiceTag"), APP, UNKNOWN, PUBLIC_IP,
            NAT, List.of(SERVICE_TAG_UNRESOLVED)),
        c("App Service: a rule with headers does not match compute traffic → implicit deny", e -> {
          ObjectNode r = restriction(web(e), "fd", 100, "Allow", NAT_IP + "/32", null);
          r.set("headers", obj("x-azure-fdid", arr("00000000-0000-0000-0000-000000000001")));
        }, APP, DENY, PUBLIC_IP, NAT, List.of(EGRESS_IP_NOT_ADMITTED, APP_SERVICE_IMPLICIT_DENY)),
        c("App Service: subnet rule with a Microsoft.Web service endpoint on the compute subnet → ALLOW via SE", e -> {
          e.vnet(SPOKE).subnet("snet").serviceEndpoint("Microsoft.Web", "*");
          subnetRestriction(web(e), "snet", 100, "Allow", SNET_ID);
        }, APP, ALLOW, SERVICE_ENDPOINT, List.of(SNET_ID), List.of(ADMITTED_BY_VNET_RULE)),
        c("App Service: subnet rule without the Microsoft.Web service endpoint: the NAT IP is seen → implicit deny",
            e -> subnetRestriction(web(e), "snet", 100, "Allow", SNET_ID), APP, DENY, PUBLIC_IP, NAT,
            List.of(EGRESS_IP_NOT_ADMITTED, APP_SERVICE_IMPLICIT_DENY)),
        c("App Service: site GET with siteConfig nulls and no config/web → UNKNOWN naming the resource to export",
            e -> site(e, "app1", "eastus"), APP, UNKNOWN, PUBLIC_IP, NAT, List.of(APP_SERVICE_CONFIG_NOT_EXPORTED),
            hop("TARGET", APP, "/config/web")),
        c("App Service: publicNetworkAccess Disabled → DENY PUBLIC_ACCESS_DISABLED", e -> {
          restriction(web(e), "any", 100, "Allow", "Any", null);
          put(site(e, "app1", "eastus"), "properties.publicNetworkAccess", "Disabled");
        }, APP, DENY, PUBLIC_IP, NAT, List.of(PUBLIC_ACCESS_DISABLED)));
  }

  @ParameterizedTest
  @MethodSource("appService")
  void appService(Case k) {
    AccessCases.verify(k, dir);
  }

  static Stream<Arguments> appServiceAzureCloud() {
    return Stream.of(on("App Service: a resolved AzureCloud.eastus tag admits the egress only as 'all Azure' → "
            + "ADMITTED_BY_ALL_AZURE_RULE", nat(),
        e -> restriction(web(e), "azure", 100, "Allow", "AzureCloud.eastus", "ServiceTag"), CLUSTER, APP, true, ALLOW,
        PUBLIC_IP, NAT, List.of(ADMITTED_BY_ALL_AZURE_RULE)));
  }
  @ParameterizedTest
  @MethodSource("appServiceAzureCloud")
  void appServiceAzureCloud(Case k) {
    AccessCases.verify(k, dir);
  }

  /**
   * With the real published service tags file: an App Service rule for the AzureMachineLearning tag
   * does not admit the compute's NAT IP (§5: a service tag is the service's own address space).
   */
  @Test
  @RequiresCorpus
  void realServiceTagsFileAzureMachineLearningRuleDoesNotAdmitTheClustersNatIp() {
    ServiceTags tags = ServiceTagsReader.read(
        CorpusFiles.resolve("AzureServiceTagsJson/AzurePublic/ServiceTags_Public_20250414.json"));
    ServiceTags.Tag aml = tags.get("AzureMachineLearning");
    assertThat(aml).as("AzureMachineLearning in the published file").isNotNull();
    assertThat(aml.addresses().intersects(IpSet.parse(NAT_IP))).as("precondition: NAT IP outside the tag").isFalse();
    EstateJson e = nat();
    restriction(web(e), "aml", 100, "Allow", "AzureMachineLearning", "ServiceTag");
    Verdict v = AccessCases.evaluate(dir, e, CLUSTER, APP, tags);
    assertThat(v.outcome()).as(AccessCases.show(v)).isEqualTo(DENY);
    assertThat(v.reasons()).containsExactlyInAnyOrder(EGRESS_IP_NOT_ADMITTED, APP_SERVICE_IMPLICIT_DENY);
    assertThat(v.sourceAddresses()).containsExactly(NAT_IP);

    // the same rule admits an egress address that really is in the tag
    String inside = aml.addresses().toCidrs().stream().filter(s -> !s.contains(":")).findFirst().orElseThrow()
        .split("/")[0];
    EstateJson e2 = nat();
    e2.publicIp("pip-ng", inside);
    restriction(web(e2), "aml", 100, "Allow", "AzureMachineLearning", "ServiceTag");
    Verdict v2 = AccessCases.evaluate(dir.resolve("inside"), e2, CLUSTER, APP, tags);
    assertThat(v2.outcome()).as(AccessCases.show(v2)).isEqualTo(ALLOW);
    assertThat(v2.sourceAddresses()).containsExactly(inside);
  }

  // ------------------------------------------------------------------ messaging, ACR, SQL, Cosmos (§4.3–§4.7)

  static Stream<Arguments> services() {
    return Stream.of(
        c("Event Hubs defaultAction Deny with no rules is still open → ALLOW + MESSAGING_DENY_WITHOUT_RULES_IS_OPEN", e -> {
          namespace(e, "Microsoft.EventHub", "eh1", "eastus");
          networkRuleSet(e, "Microsoft.EventHub", "eh1", "Deny");
        }, ehId("eh1"), ALLOW, PUBLIC_IP, NAT, List.of(OPEN_TO_ALL_NETWORKS, MESSAGING_DENY_WITHOUT_RULES_IS_OPEN),
            decidedByTarget(ehId("eh1"))),
        c("Event Hubs defaultAction Deny with an IP rule for another address → DENY", e -> {
          namespace(e, "Microsoft.EventHub", "eh1", "eastus");
          networkRuleSet(e, "Microsoft.EventHub", "eh1", "Deny", "198.51.100.0/24");
        }, ehId("eh1"), DENY, PUBLIC_IP, NAT, List.of(EGRESS_IP_NOT_ADMITTED)),
        c("Event Hubs defaultAction Deny with an IP rule for the NAT IP → ALLOW", e -> {
          namespace(e, "Microsoft.EventHub", "eh1", "eastus");
          networkRuleSet(e, "Microsoft.EventHub", "eh1", "Deny", NAT_IP);
        }, ehId("eh1"), ALLOW, PUBLIC_IP, NAT, List.of(ADMITTED_BY_IP_RULE)),
        c("Service Bus defaultAction Deny with no rules is still open", e -> {
          namespace(e, "Microsoft.ServiceBus", "sb1", "eastus");
          networkRuleSet(e, "Microsoft.ServiceBus", "sb1", "Deny");
        }, sbId("sb1"), ALLOW, PUBLIC_IP, NAT, List.of(OPEN_TO_ALL_NETWORKS, MESSAGING_DENY_WITHOUT_RULES_IS_OPEN)),
        c("Service Bus namespace without networkRuleSets/default → UNKNOWN NETWORK_RULE_SET_NOT_EXPORTED",
            e -> namespace(e, "Microsoft.ServiceBus", "sb1", "eastus"), sbId("sb1"), UNKNOWN, PUBLIC_IP, NAT,
            List.of(NETWORK_RULE_SET_NOT_EXPORTED), hop("TARGET", sbId("sb1"), "networkRuleSets")),
        c("ACR Standard with defaultAction Deny: rules need Premium → ALLOW + ACR_RULES_NEED_PREMIUM", e -> {
          ObjectNode r = acr(e, "cr1", "eastus", "Standard");
          put(r, "properties.networkRuleSet.defaultAction", "Deny");
          add(r, "properties.networkRuleSet.ipRules", obj("action", "Allow", "value", OTHER_IP));
        }, acrId("cr1"), ALLOW, PUBLIC_IP, NAT, List.of(OPEN_TO_ALL_NETWORKS, ACR_RULES_NEED_PREMIUM)),
        c("ACR Premium with defaultAction Deny and a rule for another IP → DENY", e -> {
          ObjectNode r = acr(e, "cr1", "eastus", "Premium");
          put(r, "properties.networkRuleSet.defaultAction", "Deny");
          add(r, "properties.networkRuleSet.ipRules", obj("action", "Allow", "value", OTHER_IP));
        }, acrId("cr1"), DENY, PUBLIC_IP, NAT, List.of(EGRESS_IP_NOT_ADMITTED)),
        c("ACR Premium with defaultAction Deny and a rule for the NAT IP → ALLOW", e -> {
          ObjectNode r = acr(e, "cr1", "eastus", "Premium");
          put(r, "properties.networkRuleSet.defaultAction", "Deny");
          add(r, "properties.networkRuleSet.ipRules", obj("action", "Allow", "value", NAT_IP));
        }, acrId("cr1"), ALLOW, PUBLIC_IP, NAT, List.of(ADMITTED_BY_IP_RULE)),
        c("SQL 0.0.0.0 rule admits all Azure traffic → ALLOW ADMITTED_BY_ALL_AZURE_RULE", e -> {
          sqlServer(e, "sql1", "eastus");
          sqlFirewallRule(e, "sql1", "AllowAllWindowsAzureIps", "0.0.0.0", "0.0.0.0");
        }, SQL, ALLOW, PUBLIC_IP, NAT, List.of(ADMITTED_BY_ALL_AZURE_RULE), decidedByTarget(SQL)),
        c("SQL with no firewall rules → DENY", e -> sqlServer(e, "sql1", "eastus"), SQL, DENY, PUBLIC_IP, NAT,
            List.of(EGRESS_IP_NOT_ADMITTED)),
        c("SQL range rule containing the NAT IP → ALLOW", e -> {
          sqlServer(e, "sql1", "eastus");
          sqlFirewallRule(e, "sql1", "range", "20.10.0.0", "20.10.0.255");
        }, SQL, ALLOW, PUBLIC_IP, NAT, List.of(ADMITTED_BY_IP_RULE)),
        c("SQL range rule covering one of two NAT IPs → AMBIGUOUS", e -> {
          e.publicIp("pip-ng2", "20.10.1.1");
          e.natGateway("ng").publicIp(pipId("pip-ng2"));
          sqlServer(e, "sql1", "eastus");
          sqlFirewallRule(e, "sql1", "range", "20.10.0.0", "20.10.0.255");
        }, SQL, AMBIGUOUS, PUBLIC_IP, List.of("20.10.0.1", "20.10.1.1"), List.of(SOME_EGRESS_IPS_NOT_ADMITTED)),
        c("SQL range rule ending just below the NAT IP → DENY", e -> {
          sqlServer(e, "sql1", "eastus");
          sqlFirewallRule(e, "sql1", "range", "20.9.0.0", "20.10.0.0");
        }, SQL, DENY, PUBLIC_IP, NAT, List.of(EGRESS_IP_NOT_ADMITTED)),
        c("SQL publicNetworkAccess Disabled → DENY even with 0.0.0.0", e -> {
          put(sqlServer(e, "sql1", "eastus"), "properties.publicNetworkAccess", "Disabled");
          sqlFirewallRule(e, "sql1", "AllowAllWindowsAzureIps", "0.0.0.0", "0.0.0.0");
        }, SQL, DENY, PUBLIC_IP, NAT, List.of(PUBLIC_ACCESS_DISABLED)),
        c("Cosmos 0.0.0.0 admits Azure datacenters → ALLOW ADMITTED_BY_ALL_AZURE_RULE",
            e -> cosmosIp(cosmos(e, "cosmos1", "eastus"), "0.0.0.0"), COSMOS, ALLOW, PUBLIC_IP, NAT,
            List.of(ADMITTED_BY_ALL_AZURE_RULE)),
        c("Cosmos with no IP rules and the VNet filter off is open → ALLOW", e -> cosmos(e, "cosmos1", "eastus"), COSMOS,
            ALLOW, PUBLIC_IP, NAT, List.of(OPEN_TO_ALL_NETWORKS)),
        c("Cosmos with an IP rule for another address → DENY", e -> cosmosIp(cosmos(e, "cosmos1", "eastus"), OTHER_IP),
            COSMOS, DENY, PUBLIC_IP, NAT, List.of(EGRESS_IP_NOT_ADMITTED)),
        c("Cosmos legacy ipRangeFilter (comma-separated) admitting the NAT IP → ALLOW", e -> {
          ObjectNode n = cosmos(e, "cosmos1", "eastus");
          ((ObjectNode) n.get("properties")).remove("ipRules");
          put(n, "properties.ipRangeFilter", OTHER_IP + "," + NAT_IP);
        }, COSMOS, ALLOW, PUBLIC_IP, NAT, List.of(ADMITTED_BY_IP_RULE)),
        c("Cosmos legacy ipRangeFilter without the NAT IP → DENY", e -> {
          ObjectNode n = cosmos(e, "cosmos1", "eastus");
          ((ObjectNode) n.get("properties")).remove("ipRules");
          put(n, "properties.ipRangeFilter", OTHER_IP + ",198.51.100.8");
        }, COSMOS, DENY, PUBLIC_IP, NAT, List.of(EGRESS_IP_NOT_ADMITTED)));
  }

  @ParameterizedTest
  @MethodSource("services")
  void services(Case k) {
    AccessCases.verify(k, dir);
  }

  // ------------------------------------------------------------------ key vault, cognitive, search, AML, Databricks

  static final String MLW2 = mlwId("mlw2");
  static final String DBW = dbwId("dbw-t");

  static Stream<Arguments> otherTargets() {
    return Stream.of(
        c("Key Vault defaultAction Deny admitting the NAT IP → ALLOW", e -> denyExcept(keyVault(e, "kv1", "eastus"), NAT_IP),
            kvId("kv1"), ALLOW, PUBLIC_IP, NAT, List.of(ADMITTED_BY_IP_RULE)),
        c("Key Vault defaultAction Allow ignores its IP rules → open",
            e -> put(denyExcept(keyVault(e, "kv1", "eastus"), OTHER_IP), "properties.networkAcls.defaultAction", "Allow"),
            kvId("kv1"), ALLOW, PUBLIC_IP, NAT, List.of(OPEN_TO_ALL_NETWORKS)),
        c("Azure OpenAI account defaultAction Deny admitting the NAT IP → ALLOW",
            e -> denyExcept(cognitive(e, "oai1", "eastus"), NAT_IP), cogId("oai1"), ALLOW, PUBLIC_IP, NAT,
            List.of(ADMITTED_BY_IP_RULE), decidedByTarget(cogId("oai1"))),
        c("Azure OpenAI account defaultAction Deny without the NAT IP → DENY",
            e -> denyExcept(cognitive(e, "oai1", "eastus"), OTHER_IP), cogId("oai1"), DENY, PUBLIC_IP, NAT,
            List.of(EGRESS_IP_NOT_ADMITTED)),
        c("Azure OpenAI account publicNetworkAccess Disabled → DENY",
            e -> put(cognitive(e, "oai1", "eastus"), "properties.publicNetworkAccess", "Disabled"), cogId("oai1"), DENY,
            PUBLIC_IP, NAT, List.of(PUBLIC_ACCESS_DISABLED)),
        c("AI Search with IP rules for another address → DENY",
            e -> add(search(e, "srch1", "eastus"), "properties.networkRuleSet.ipRules", obj("value", OTHER_IP)),
            searchId("srch1"), DENY, PUBLIC_IP, NAT, List.of(EGRESS_IP_NOT_ADMITTED), decidedByTarget(searchId("srch1"))),
        c("AI Search with an IP rule for the NAT IP → ALLOW",
            e -> add(search(e, "srch1", "eastus"), "properties.networkRuleSet.ipRules", obj("value", NAT_IP)),
            searchId("srch1"), ALLOW, PUBLIC_IP, NAT, List.of(ADMITTED_BY_IP_RULE)),
        c("AI Search without IP rules is open", e -> search(e, "srch1", "eastus"), searchId("srch1"), ALLOW, PUBLIC_IP,
            NAT, List.of(OPEN_TO_ALL_NETWORKS)),
        c("AI Search publicNetworkAccess 'disabled' (lower case, as the API returns it) → DENY",
            e -> put(search(e, "srch1", "eastus"), "properties.publicNetworkAccess", "disabled"), searchId("srch1"), DENY,
            PUBLIC_IP, NAT, List.of(PUBLIC_ACCESS_DISABLED)),
        c("AML workspace target: Enabled + networkAcls Deny + ipRules with the NAT IP → ALLOW", e -> {
          ObjectNode w = e.mlWorkspace("mlw2").node;
          put(w, "properties.publicNetworkAccess", "Enabled");
          put(w, "properties.networkAcls.defaultAction", "Deny");
          add(w, "properties.networkAcls.ipRules", obj("value", NAT_IP));
        }, MLW2, ALLOW, PUBLIC_IP, NAT, List.of(ADMITTED_BY_IP_RULE), decidedByTarget(MLW2)),
        c("AML workspace target: Enabled + networkAcls Deny + ipRules for another address → DENY", e -> {
          ObjectNode w = e.mlWorkspace("mlw2").node;
          put(w, "properties.publicNetworkAccess", "Enabled");
          put(w, "properties.networkAcls.defaultAction", "Deny");
          add(w, "properties.networkAcls.ipRules", obj("value", OTHER_IP));
        }, MLW2, DENY, PUBLIC_IP, NAT, List.of(EGRESS_IP_NOT_ADMITTED)),
        c("AML workspace target: ipAllowlist with the NAT IP → ALLOW", e -> {
          ObjectNode w = e.mlWorkspace("mlw2").node;
          put(w, "properties.publicNetworkAccess", "Enabled");
          add(w, "properties.ipAllowlist", NAT_IP);
        }, MLW2, ALLOW, PUBLIC_IP, NAT, List.of(ADMITTED_BY_IP_RULE)),
        c("AML workspace target: publicNetworkAccess Disabled → DENY",
            e -> put(e.mlWorkspace("mlw2").node, "properties.publicNetworkAccess", "Disabled"), MLW2, DENY, PUBLIC_IP, NAT,
            List.of(PUBLIC_ACCESS_DISABLED)),
        c("Databricks workspace target: publicNetworkAccess Disabled → DENY",
            e -> put(e.databricks("dbw-t").node, "properties.publicNetworkAccess", "Disabled"), DBW, DENY, PUBLIC_IP, NAT,
            List.of(PUBLIC_ACCESS_DISABLED), decidedByTarget(DBW)),
        c("Databricks workspace target: publicNetworkAccess Enabled → ALLOW (IP access lists are not in ARM)",
            e -> put(e.databricks("dbw-t").node, "properties.publicNetworkAccess", "Enabled"), DBW, ALLOW, PUBLIC_IP, NAT,
            List.of(OPEN_TO_ALL_NETWORKS)));
  }

  @ParameterizedTest
  @MethodSource("otherTargets")
  void otherTargets(Case k) {
    AccessCases.verify(k, dir);
  }

  // ------------------------------------------------------------------ AML managed network (§2.2)

  static final String KV = kvId("kv1");

  /** Workspace mlw in a managed network with {@code mode}, cluster "cluster" without a subnet. */
  static EstateJson managed(String mode) {
    EstateJson e = new EstateJson();
    e.mlWorkspace("mlw").isolationMode(mode);
    e.compute("mlw", "cluster", "AmlCompute");
    return e;
  }

  static void outbound(EstateJson e, String name, ObjectNode rule) {
    ObjectNode mn = (ObjectNode) e.mlWorkspace("mlw").node.get("properties").get("managedNetwork");
    (mn.has("outboundRules") ? (ObjectNode) mn.get("outboundRules") : mn.putObject("outboundRules")).set(name, rule);
  }

  static ObjectNode peRule(String target, String sub, String status, String category) {
    return obj("type", "PrivateEndpoint", "category", category, "status", status,
        "destination", obj("serviceResourceId", target, "subresourceTarget", sub, "sparkEnabled", false));
  }

  static Arguments m(String name, String mode, Consumer<EstateJson> setup, String target, Outcome o, Via via,
      List<Reason> reasons, AccessCases.Check... checks) {
    return on(name, managed(mode), setup, CLUSTER, target, false, o, via, NO_SRC, reasons, checks);
  }

  static final String APPROVED = "AllowOnlyApprovedOutbound";
  static final String INTERNET = "AllowInternetOutbound";
  static final String MLW = mlwId("mlw");

  static Stream<Arguments> managedNetwork() {
    return Stream.of(
        m("approved-only: an active PrivateEndpoint outbound rule → ALLOW via MANAGED_PRIVATE_ENDPOINT", APPROVED, e -> {
          put(denyExcept(keyVault(e, "kv1", "eastus")), "properties.publicNetworkAccess", "Disabled");
          outbound(e, "pe-kv", peRule(KV, "vault", "Active", "UserDefined"));
        }, KV, ALLOW, MANAGED_PRIVATE_ENDPOINT, List.of(VIA_MANAGED_PRIVATE_ENDPOINT), hop("OUTBOUND_RULE", MLW, "pe-kv")),
        m("approved-only: an Inactive PrivateEndpoint rule does nothing → DENY MANAGED_NETWORK_NOT_APPROVED", APPROVED, e -> {
          put(denyExcept(keyVault(e, "kv1", "eastus")), "properties.publicNetworkAccess", "Disabled");
          outbound(e, "pe-kv", peRule(KV, "vault", "Inactive", "UserDefined"));
        }, KV, DENY, NONE, List.of(MANAGED_NETWORK_NOT_APPROVED), decidedByTarget(KV)),
        m("approved-only: a Required rule to the workspace's key vault counts like a user rule", APPROVED, e -> {
          denyExcept(keyVault(e, "kv1", "eastus"));
          put(e.mlWorkspace("mlw").node, "properties.keyVault", KV);
          outbound(e, "__SYS_PE_mlw_vault", peRule(KV, "vault", "Active", "Required"));
        }, KV, ALLOW, MANAGED_PRIVATE_ENDPOINT, List.of(VIA_MANAGED_PRIVATE_ENDPOINT), hop("OUTBOUND_RULE", MLW)),
        m("approved-only: the workspace's own storage is reached by its automatic Required rule", APPROVED, e -> {
          put(denyExcept(storage(e, "stmlw", "eastus")), "properties.publicNetworkAccess", "Disabled");
          put(e.mlWorkspace("mlw").node, "properties.storageAccount", storageId("stmlw"));
        }, storageId("stmlw"), ALLOW, MANAGED_PRIVATE_ENDPOINT, List.of(VIA_MANAGED_PRIVATE_ENDPOINT),
            hop("OUTBOUND_RULE", MLW)),
        m("approved-only: an FQDN rule to an open non-storage target → ALLOW via PUBLIC_IP", APPROVED, e -> {
          keyVault(e, "kv1", "eastus");
          outbound(e, "kv-fqdn", obj("type", "FQDN", "category", "UserDefined", "status", "Active",
              "destination", "kv1.vault.azure.net"));
        }, KV, ALLOW, PUBLIC_IP, List.of(OPEN_TO_ALL_NETWORKS), hop("OUTBOUND_RULE", MLW, "kv-fqdn")),
        m("approved-only: an FQDN rule cannot reach storage → DENY MANAGED_NETWORK_NOT_APPROVED", APPROVED, e -> {
          storage(e, "stopen", "westeurope");
          outbound(e, "blob-fqdn", obj("type", "FQDN", "category", "UserDefined", "status", "Active",
              "destination", "*.blob.core.windows.net"));
        }, storageId("stopen"), DENY, NONE, List.of(MANAGED_NETWORK_NOT_APPROVED)),
        m("approved-only: an FQDN rule to an IP-restricted target → DENY MANAGED_NETWORK_NO_STABLE_IP", APPROVED, e -> {
          denyExcept(keyVault(e, "kv1", "eastus"), NAT_IP);
          outbound(e, "kv-fqdn", obj("type", "FQDN", "category", "UserDefined", "status", "Active",
              "destination", "kv1.vault.azure.net"));
        }, KV, DENY, PUBLIC_IP, List.of(MANAGED_NETWORK_NO_STABLE_IP), decidedByTarget(KV)),
        m("approved-only: no rule for an open target → DENY MANAGED_NETWORK_NOT_APPROVED", APPROVED,
            e -> keyVault(e, "kv1", "eastus"), KV, DENY, NONE, List.of(MANAGED_NETWORK_NOT_APPROVED)),
        m("internet outbound: an open target → ALLOW via PUBLIC_IP", INTERNET, e -> keyVault(e, "kv1", "eastus"), KV,
            ALLOW, PUBLIC_IP, List.of(OPEN_TO_ALL_NETWORKS), hop("MANAGED_NETWORK", MLW)),
        m("internet outbound: an IP-restricted target → DENY MANAGED_NETWORK_NO_STABLE_IP", INTERNET,
            e -> denyExcept(keyVault(e, "kv1", "eastus"), NAT_IP), KV, DENY, PUBLIC_IP,
            List.of(MANAGED_NETWORK_NO_STABLE_IP)),
        m("internet outbound: an active PrivateEndpoint rule → ALLOW via MANAGED_PRIVATE_ENDPOINT", INTERNET, e -> {
          denyExcept(keyVault(e, "kv1", "eastus"), NAT_IP);
          outbound(e, "pe-kv", peRule(KV, "vault", "Active", "UserDefined"));
        }, KV, ALLOW, MANAGED_PRIVATE_ENDPOINT, List.of(VIA_MANAGED_PRIVATE_ENDPOINT)));
  }

  @ParameterizedTest
  @MethodSource("managedNetwork")
  void managedNetwork(Case k) {
    AccessCases.verify(k, dir);
  }
}
