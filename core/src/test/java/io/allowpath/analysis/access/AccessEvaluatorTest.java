package io.allowpath.analysis.access;

import static io.allowpath.analysis.access.AccessCases.CLUSTER;
import static io.allowpath.analysis.access.AccessCases.NAT_IP;
import static io.allowpath.analysis.access.AccessCases.OTHER_IP;
import static io.allowpath.analysis.access.AccessCases.SNET_ID;
import static io.allowpath.analysis.access.AccessCases.SPOKE;
import static io.allowpath.analysis.access.AccessCases.bare;
import static io.allowpath.analysis.access.AccessCases.c;
import static io.allowpath.analysis.access.AccessCases.decidedByTarget;
import static io.allowpath.analysis.access.AccessCases.hop;
import static io.allowpath.analysis.access.AccessCases.nat;
import static io.allowpath.analysis.access.AccessCases.on;
import static io.allowpath.analysis.access.Outcome.ALLOW;
import static io.allowpath.analysis.access.Outcome.AMBIGUOUS;
import static io.allowpath.analysis.access.Outcome.DENY;
import static io.allowpath.analysis.access.Outcome.UNKNOWN;
import static io.allowpath.analysis.access.Reason.ADMITTED_BY_ALL_AZURE_RULE;
import static io.allowpath.analysis.access.Reason.ADMITTED_BY_BROAD_RULE;
import static io.allowpath.analysis.access.Reason.ADMITTED_BY_IP_RULE;
import static io.allowpath.analysis.access.Reason.ADMITTED_BY_VNET_RULE;
import static io.allowpath.analysis.access.Reason.EGRESS_IP_NOT_ADMITTED;
import static io.allowpath.analysis.access.Reason.EGRESS_UNSTABLE;
import static io.allowpath.analysis.access.Reason.FIREWALL_DENY_RULE;
import static io.allowpath.analysis.access.Reason.FIREWALL_NO_RULE_MATCH;
import static io.allowpath.analysis.access.Reason.FIREWALL_POLICY_NOT_IN_ESTATE;
import static io.allowpath.analysis.access.Reason.IP_RULE_SHADOWED_BY_SERVICE_ENDPOINT;
import static io.allowpath.analysis.access.Reason.NO_EGRESS;
import static io.allowpath.analysis.access.Reason.OPEN_TO_ALL_NETWORKS;
import static io.allowpath.analysis.access.Reason.PRIVATE_DNS_RECORD_MISSING;
import static io.allowpath.analysis.access.Reason.PRIVATE_ENDPOINT_DNS_NOT_LINKED;
import static io.allowpath.analysis.access.Reason.PUBLIC_ACCESS_DISABLED;
import static io.allowpath.analysis.access.Reason.PUBLIC_IP_ADDRESS_UNKNOWN;
import static io.allowpath.analysis.access.Reason.SERVICE_ENDPOINT_NO_VNET_RULE;
import static io.allowpath.analysis.access.Reason.SOME_EGRESS_IPS_NOT_ADMITTED;
import static io.allowpath.analysis.access.Reason.SQL_REDIRECT_PORTS_BLOCKED;
import static io.allowpath.analysis.access.Reason.STORAGE_SAME_REGION;
import static io.allowpath.analysis.access.Reason.VIA_PRIVATE_ENDPOINT;
import static io.allowpath.analysis.access.Via.NONE;
import static io.allowpath.analysis.access.Via.PRIVATE_ENDPOINT;
import static io.allowpath.analysis.access.Via.PUBLIC_IP;
import static io.allowpath.analysis.access.Via.SERVICE_ENDPOINT;
import static io.allowpath.testing.EstateJson.fwId;
import static io.allowpath.testing.EstateJson.natId;
import static io.allowpath.testing.EstateJson.pipId;
import static io.allowpath.testing.EstateJson.prefixId;
import static io.allowpath.testing.EstateJson.rtId;
import static io.allowpath.testing.EstateJson.subnetId;
import static io.allowpath.testing.EstateJson.vnetId;
import static io.allowpath.testing.TargetJson.aRecord;
import static io.allowpath.testing.TargetJson.applicationRule;
import static io.allowpath.testing.TargetJson.classicCollection;
import static io.allowpath.testing.TargetJson.denyExcept;
import static io.allowpath.testing.TargetJson.dnsLink;
import static io.allowpath.testing.TargetJson.dnsZone;
import static io.allowpath.testing.TargetJson.filterCollection;
import static io.allowpath.testing.TargetJson.keyVault;
import static io.allowpath.testing.TargetJson.kvId;
import static io.allowpath.testing.TargetJson.networkRule;
import static io.allowpath.testing.TargetJson.of;
import static io.allowpath.testing.TargetJson.peId;
import static io.allowpath.testing.TargetJson.policyApplicationRule;
import static io.allowpath.testing.TargetJson.policyNetworkRule;
import static io.allowpath.testing.TargetJson.privateEndpoint;
import static io.allowpath.testing.TargetJson.put;
import static io.allowpath.testing.TargetJson.ruleCollectionGroup;
import static io.allowpath.testing.TargetJson.sqlConnectionPolicy;
import static io.allowpath.testing.TargetJson.sqlFirewallRule;
import static io.allowpath.testing.TargetJson.sqlId;
import static io.allowpath.testing.TargetJson.sqlServer;
import static io.allowpath.testing.TargetJson.sqlVnetRule;
import static io.allowpath.testing.TargetJson.storage;
import static io.allowpath.testing.TargetJson.storageId;
import static io.allowpath.testing.TargetJson.usePolicy;
import static io.allowpath.testing.TargetJson.vnetRule;

import io.allowpath.analysis.egress.HopKind;
import io.allowpath.analysis.access.AccessCases.Case;
import io.allowpath.testing.EstateJson;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link AccessEvaluator} against AZURE-EGRESS.md §4 and §6 and issue 3: how many egress addresses are
 * admitted, service endpoints and their scope, an Azure Firewall on the path, same-region storage,
 * private endpoints with their DNS, unstable or missing egress and symbolic public IPs. Each case is
 * ARM JSON read through the real loader (see {@link AccessCases}).
 */
class AccessEvaluatorTest {
  @TempDir Path dir;

  static final String KV = kvId("kv1");
  static final List<String> NAT = List.of(NAT_IP);
  static final List<String> NO_SRC = List.of();

  /** Key vault kv1 in eastus that admits only the given IP rules. */
  static void kvOnly(EstateJson e, String... ips) {
    denyExcept(keyVault(e, "kv1", "eastus"), ips);
  }

  // ------------------------------------------------------------------ how many addresses are admitted (§6.4)

  static Stream<Arguments> admission() {
    return Stream.of(
        c("every egress IP admitted → ALLOW", e -> kvOnly(e, NAT_IP), KV, ALLOW, PUBLIC_IP, NAT,
            List.of(ADMITTED_BY_IP_RULE), decidedByTarget(KV)),
        c("no egress IP admitted → DENY", e -> kvOnly(e, OTHER_IP), KV, DENY, PUBLIC_IP, NAT,
            List.of(EGRESS_IP_NOT_ADMITTED), decidedByTarget(KV)),
        c("NAT gateway with two IPs, one admitted → AMBIGUOUS (one is picked at random)", e -> {
          e.publicIp("pip-ng2", "20.10.0.2");
          e.natGateway("ng").publicIp(pipId("pip-ng2"));
          kvOnly(e, NAT_IP);
        }, KV, AMBIGUOUS, PUBLIC_IP, List.of("20.10.0.1", "20.10.0.2"), List.of(SOME_EGRESS_IPS_NOT_ADMITTED),
            decidedByTarget(KV)),
        c("NAT gateway with two IPs, both admitted → ALLOW", e -> {
          e.publicIp("pip-ng2", "20.10.0.2");
          e.natGateway("ng").publicIp(pipId("pip-ng2"));
          kvOnly(e, NAT_IP, "20.10.0.2");
        }, KV, ALLOW, PUBLIC_IP, List.of("20.10.0.1", "20.10.0.2"), List.of(ADMITTED_BY_IP_RULE)),
        c("a NAT prefix counts as all its addresses: a /30 with only a /31 admitted → AMBIGUOUS", e -> {
          e.natGateway("ng").publicIpPrefix(e.publicIpPrefix("pfx", "20.10.4.0/30"));
          e.remove(pipId("pip-ng"));
          ((com.fasterxml.jackson.databind.node.ObjectNode) e.natGateway("ng").node.get("properties"))
              .remove("publicIpAddresses");
          kvOnly(e, "20.10.4.0/31");
        }, KV, AMBIGUOUS, PUBLIC_IP, List.of("20.10.4.0/30"), List.of(SOME_EGRESS_IPS_NOT_ADMITTED)),
        c("a NAT prefix wholly inside an IP rule → ALLOW", e -> {
          e.natGateway("ng").publicIpPrefix(e.publicIpPrefix("pfx", "20.10.4.0/30"));
          e.remove(pipId("pip-ng"));
          ((com.fasterxml.jackson.databind.node.ObjectNode) e.natGateway("ng").node.get("properties"))
              .remove("publicIpAddresses");
          kvOnly(e, "20.10.4.0/24");
        }, KV, ALLOW, PUBLIC_IP, List.of("20.10.4.0/30"), List.of(ADMITTED_BY_IP_RULE)),
        c("a NAT prefix and an IP rule for its first address only is not enough → AMBIGUOUS", e -> {
          e.natGateway("ng").publicIpPrefix(e.publicIpPrefix("pfx", "20.10.4.0/30"));
          kvOnly(e, NAT_IP, "20.10.4.0");
        }, KV, AMBIGUOUS, PUBLIC_IP, List.of("20.10.0.1", "20.10.4.0/30"), List.of(SOME_EGRESS_IPS_NOT_ADMITTED)),
        c("a target open to all networks → ALLOW whatever the egress", e -> keyVault(e, "kv1", "eastus"), KV, ALLOW,
            PUBLIC_IP, NAT, List.of(OPEN_TO_ALL_NETWORKS), decidedByTarget(KV)));
  }

  @ParameterizedTest
  @MethodSource("admission")
  void admission(Case k) {
    AccessCases.verify(k, dir);
  }

  // ------------------------------------------------------------------ service endpoints (§4.0, §6.2)

  static Stream<Arguments> serviceEndpoints() {
    return Stream.of(
        c("service endpoint: the target sees the subnet and a VNet rule for it → ALLOW via SERVICE_ENDPOINT", e -> {
          e.vnet(SPOKE).subnet("snet").serviceEndpoint("Microsoft.KeyVault", "*");
          vnetRule(denyExcept(keyVault(e, "kv1", "eastus")), SNET_ID);
        }, KV, ALLOW, SERVICE_ENDPOINT, List.of(SNET_ID), List.of(ADMITTED_BY_VNET_RULE), decidedByTarget(KV)),
        c("service endpoint without a VNet rule: the IP rule for the NAT IP no longer matches → DENY, both reasons", e -> {
          e.vnet(SPOKE).subnet("snet").serviceEndpoint("Microsoft.KeyVault", "*");
          kvOnly(e, NAT_IP);
        }, KV, DENY, SERVICE_ENDPOINT, List.of(SNET_ID),
            List.of(SERVICE_ENDPOINT_NO_VNET_RULE, IP_RULE_SHADOWED_BY_SERVICE_ENDPOINT), decidedByTarget(KV)),
        c("service endpoint without a VNet rule and no IP rule for the NAT IP → DENY SERVICE_ENDPOINT_NO_VNET_RULE only", e -> {
          e.vnet(SPOKE).subnet("snet").serviceEndpoint("Microsoft.KeyVault", "*");
          kvOnly(e, OTHER_IP);
        }, KV, DENY, SERVICE_ENDPOINT, List.of(SNET_ID), List.of(SERVICE_ENDPOINT_NO_VNET_RULE)),
        c("Microsoft.Storage endpoint (no locations: a template) covers the paired region: westus account via SE", e -> {
          e.vnet(SPOKE).subnet("snet").serviceEndpoint("Microsoft.Storage");
          vnetRule(denyExcept(storage(e, "stwest", "westus"), NAT_IP), SNET_ID);
        }, storageId("stwest"), ALLOW, SERVICE_ENDPOINT, List.of(SNET_ID), List.of(ADMITTED_BY_VNET_RULE)),
        c("Microsoft.Storage endpoint with exported locations [eastus, westus] covers the paired region", e -> {
          e.vnet(SPOKE).subnet("snet").serviceEndpoint("Microsoft.Storage", "eastus", "westus");
          denyExcept(storage(e, "stwest", "westus"), NAT_IP);
        }, storageId("stwest"), DENY, SERVICE_ENDPOINT, List.of(SNET_ID),
            List.of(SERVICE_ENDPOINT_NO_VNET_RULE, IP_RULE_SHADOWED_BY_SERVICE_ENDPOINT)),
        c("Microsoft.Storage endpoint does not cover a third region: centralus account sees the NAT IP → ALLOW by IP rule", e -> {
          e.vnet(SPOKE).subnet("snet").serviceEndpoint("Microsoft.Storage");
          denyExcept(storage(e, "stcentral", "centralus"), NAT_IP);
        }, storageId("stcentral"), ALLOW, PUBLIC_IP, NAT, List.of(ADMITTED_BY_IP_RULE)),
        c("Microsoft.Storage endpoint, same-region account with a VNet rule → ALLOW via SE (the fix for §6.1)", e -> {
          e.vnet(SPOKE).subnet("snet").serviceEndpoint("Microsoft.Storage");
          vnetRule(denyExcept(storage(e, "steast", "eastus"), NAT_IP), SNET_ID);
        }, storageId("steast"), ALLOW, SERVICE_ENDPOINT, List.of(SNET_ID), List.of(ADMITTED_BY_VNET_RULE)),
        c("Microsoft.Sql endpoint covers its own region: SQL server in eastus with a VNet rule → ALLOW via SE", e -> {
          e.vnet(SPOKE).subnet("snet").serviceEndpoint("Microsoft.Sql");
          sqlServer(e, "sql1", "eastus");
          sqlVnetRule(e, "sql1", "snet-rule", SNET_ID);
        }, sqlId("sql1"), ALLOW, SERVICE_ENDPOINT, List.of(SNET_ID), List.of(ADMITTED_BY_VNET_RULE)),
        c("Microsoft.Sql endpoint is region only: SQL server in westus sees the NAT IP → ALLOW by firewall rule", e -> {
          e.vnet(SPOKE).subnet("snet").serviceEndpoint("Microsoft.Sql");
          sqlServer(e, "sqlwest", "westus");
          sqlFirewallRule(e, "sqlwest", "nat", NAT_IP, NAT_IP);
        }, sqlId("sqlwest"), ALLOW, PUBLIC_IP, NAT, List.of(ADMITTED_BY_IP_RULE)),
        c("Microsoft.KeyVault endpoint (no locations) covers every region: japaneast vault with a VNet rule → ALLOW via SE", e -> {
          e.vnet(SPOKE).subnet("snet").serviceEndpoint("Microsoft.KeyVault");
          vnetRule(denyExcept(keyVault(e, "kvjp", "japaneast"), NAT_IP), SNET_ID);
        }, kvId("kvjp"), ALLOW, SERVICE_ENDPOINT, List.of(SNET_ID), List.of(ADMITTED_BY_VNET_RULE)),
        c("a service endpoint for another service does not change the source: Microsoft.Sql on snet, vault sees the NAT IP", e -> {
          e.vnet(SPOKE).subnet("snet").serviceEndpoint("Microsoft.Sql");
          kvOnly(e, NAT_IP);
        }, KV, ALLOW, PUBLIC_IP, NAT, List.of(ADMITTED_BY_IP_RULE)));
  }

  @ParameterizedTest
  @MethodSource("serviceEndpoints")
  void serviceEndpoints(Case k) {
    AccessCases.verify(k, dir);
  }

  // ------------------------------------------------------------------ Azure Firewall on the path (§4.0)

  static final String FW = fwId("fw");
  static final String FW_IP = "20.20.0.1";
  static final String[] SNET_SRC = of("10.1.1.0/24");

  /** Azure Firewall fw (10.1.0.4, public IP 20.20.0.1) in the spoke, default route of snet to it, NAT kept. */
  static EstateJson viaFirewall() {
    EstateJson e = nat();
    e.vnet(SPOKE).subnet("AzureFirewallSubnet").addressPrefix("10.1.0.0/26");
    e.firewall("fw", "10.1.0.4", subnetId(SPOKE, "AzureFirewallSubnet"), e.publicIp("pip-fw", FW_IP));
    e.routeTable("rt").route("default", "0.0.0.0/0", "VirtualAppliance", "10.1.0.4");
    e.vnet(SPOKE).subnet("snet").routeTable(rtId("rt"));
    return e;
  }

  static Arguments fw(String name, java.util.function.Consumer<EstateJson> setup, String target, Outcome o,
      List<String> src, List<Reason> reasons, AccessCases.Check... checks) {
    return on(name, viaFirewall(), setup, CLUSTER, target, false, o, PUBLIC_IP, src, reasons, checks);
  }

  static final List<String> FWSRC = List.of(FW_IP);

  static Stream<Arguments> firewall() {
    return Stream.of(
        fw("classic network rule to the AzureKeyVault service tag on 443 → ALLOW, the hop names the rule", e -> {
          classicCollection(e, FW, "networkRuleCollections", "net-allow", 200, "Allow",
              networkRule("to-kv", SNET_SRC, of("AzureKeyVault"), "443"));
          kvOnly(e, FW_IP);
        }, KV, ALLOW, FWSRC, List.of(ADMITTED_BY_IP_RULE), hop(HopKind.FIREWALL_RULE, FW, "to-kv"), decidedByTarget(KV)),
        fw("classic network rule on the wrong port (1433) does not match → DENY FIREWALL_NO_RULE_MATCH (and the target blocks too)", e -> {
          classicCollection(e, FW, "networkRuleCollections", "net-allow", 200, "Allow",
              networkRule("to-kv", SNET_SRC, of("AzureKeyVault"), "1433"));
          kvOnly(e, OTHER_IP);
        }, KV, DENY, FWSRC, List.of(FIREWALL_NO_RULE_MATCH, EGRESS_IP_NOT_ADMITTED), hop(HopKind.FIREWALL_RULE, FW)),
        fw("classic network rule from another source range does not match → DENY FIREWALL_NO_RULE_MATCH (and the target blocks too)", e -> {
          classicCollection(e, FW, "networkRuleCollections", "net-allow", 200, "Allow",
              networkRule("to-kv", of("10.9.0.0/16"), of("AzureKeyVault"), "443"));
          kvOnly(e, OTHER_IP);
        }, KV, DENY, FWSRC, List.of(FIREWALL_NO_RULE_MATCH, EGRESS_IP_NOT_ADMITTED)),
        fw("classic network rule to a regional tag of another region does not match", e -> {
          classicCollection(e, FW, "networkRuleCollections", "net-allow", 200, "Allow",
              networkRule("to-kv", SNET_SRC, of("AzureKeyVault.westeurope"), "443"));
          kvOnly(e, OTHER_IP);
        }, KV, DENY, FWSRC, List.of(FIREWALL_NO_RULE_MATCH, EGRESS_IP_NOT_ADMITTED)),
        fw("classic application rule *.blob.core.windows.net admits a storage account → ALLOW", e -> {
          classicCollection(e, FW, "applicationRuleCollections", "app-allow", 300, "Allow",
              applicationRule("blob", SNET_SRC, "*.blob.core.windows.net"));
          denyExcept(storage(e, "steu", "westeurope"), FW_IP);
        }, storageId("steu"), ALLOW, FWSRC, List.of(ADMITTED_BY_IP_RULE), hop(HopKind.FIREWALL_RULE, FW, "blob")),
        fw("classic application rule for the exact FQDN kv1.vault.azure.net → ALLOW", e -> {
          classicCollection(e, FW, "applicationRuleCollections", "app-allow", 300, "Allow",
              applicationRule("kv-exact", SNET_SRC, "kv1.vault.azure.net"));
          kvOnly(e, FW_IP);
        }, KV, ALLOW, FWSRC, List.of(ADMITTED_BY_IP_RULE), hop(HopKind.FIREWALL_RULE, FW, "kv-exact")),
        fw("classic application rule for another vault's FQDN does not match → DENY FIREWALL_NO_RULE_MATCH (and the target blocks too)", e -> {
          classicCollection(e, FW, "applicationRuleCollections", "app-allow", 300, "Allow",
              applicationRule("kv-other", SNET_SRC, "kv2.vault.azure.net"));
          kvOnly(e, OTHER_IP);
        }, KV, DENY, FWSRC, List.of(FIREWALL_NO_RULE_MATCH, EGRESS_IP_NOT_ADMITTED)),
        fw("classic: a Deny collection at priority 100 beats an Allow at 200 → DENY FIREWALL_DENY_RULE naming it", e -> {
          classicCollection(e, FW, "networkRuleCollections", "net-allow", 200, "Allow",
              networkRule("allow-kv", SNET_SRC, of("AzureKeyVault"), "443"));
          classicCollection(e, FW, "networkRuleCollections", "net-deny", 100, "Deny",
              networkRule("deny-kv", SNET_SRC, of("*"), "443"));
          kvOnly(e, OTHER_IP);
        }, KV, DENY, FWSRC, List.of(FIREWALL_DENY_RULE, EGRESS_IP_NOT_ADMITTED), hop(HopKind.FIREWALL_RULE, FW, "deny-kv")),
        fw("classic: an Allow at priority 100 beats a Deny at 200 → ALLOW naming the allow rule", e -> {
          classicCollection(e, FW, "networkRuleCollections", "net-allow", 100, "Allow",
              networkRule("allow-kv", SNET_SRC, of("AzureKeyVault"), "443"));
          classicCollection(e, FW, "networkRuleCollections", "net-deny", 200, "Deny",
              networkRule("deny-kv", SNET_SRC, of("*"), "443"));
          kvOnly(e, FW_IP);
        }, KV, ALLOW, FWSRC, List.of(ADMITTED_BY_IP_RULE), hop(HopKind.FIREWALL_RULE, FW, "allow-kv")),
        fw("policy: rule collection group 100 with a Deny beats group 200 with an Allow → DENY FIREWALL_DENY_RULE", e -> {
          usePolicy(e, FW, "fwp");
          ruleCollectionGroup(e, "fwp", "rcg-allow", 200, filterCollection("allow", 100, "Allow",
              policyNetworkRule("allow-kv", SNET_SRC, of("AzureKeyVault"), "443")));
          ruleCollectionGroup(e, "fwp", "rcg-deny", 100, filterCollection("deny", 500, "Deny",
              policyNetworkRule("deny-all", SNET_SRC, of("*"), "*")));
          kvOnly(e, OTHER_IP);
        }, KV, DENY, FWSRC, List.of(FIREWALL_DENY_RULE, EGRESS_IP_NOT_ADMITTED), hop(HopKind.FIREWALL_RULE, FW, "deny-all")),
        fw("policy: group 100 with an Allow beats group 200 with a Deny → ALLOW naming the allow rule", e -> {
          usePolicy(e, FW, "fwp");
          ruleCollectionGroup(e, "fwp", "rcg-allow", 100, filterCollection("allow", 500, "Allow",
              policyNetworkRule("allow-kv", SNET_SRC, of("AzureKeyVault"), "443")));
          ruleCollectionGroup(e, "fwp", "rcg-deny", 200, filterCollection("deny", 100, "Deny",
              policyNetworkRule("deny-all", SNET_SRC, of("*"), "*")));
          kvOnly(e, FW_IP);
        }, KV, ALLOW, FWSRC, List.of(ADMITTED_BY_IP_RULE), hop(HopKind.FIREWALL_RULE, FW, "allow-kv")),
        fw("policy: within one group, collection priority orders Deny before Allow", e -> {
          usePolicy(e, FW, "fwp");
          ruleCollectionGroup(e, "fwp", "rcg", 100,
              filterCollection("allow", 300, "Allow", policyNetworkRule("allow-kv", SNET_SRC, of("AzureKeyVault"), "443")),
              filterCollection("deny", 200, "Deny", policyNetworkRule("deny-kv", SNET_SRC, of("AzureKeyVault"), "443")));
          kvOnly(e, OTHER_IP);
        }, KV, DENY, FWSRC, List.of(FIREWALL_DENY_RULE, EGRESS_IP_NOT_ADMITTED), hop(HopKind.FIREWALL_RULE, FW, "deny-kv")),
        fw("policy application rule *.vault.azure.net → ALLOW", e -> {
          usePolicy(e, FW, "fwp");
          ruleCollectionGroup(e, "fwp", "rcg", 100, filterCollection("apps", 100, "Allow",
              policyApplicationRule("vaults", SNET_SRC, "*.vault.azure.net")));
          kvOnly(e, FW_IP);
        }, KV, ALLOW, FWSRC, List.of(ADMITTED_BY_IP_RULE), hop(HopKind.FIREWALL_RULE, FW, "vaults")),
        fw("a firewall policy whose rule collection groups are not in the estate (target does not admit the firewall IP either) → both reasons", e -> {
          usePolicy(e, FW, "fwp");
          kvOnly(e, OTHER_IP);
        }, KV, DENY, FWSRC, List.of(FIREWALL_POLICY_NOT_IN_ESTATE, EGRESS_IP_NOT_ADMITTED), hop(HopKind.FIREWALL_RULE, FW)),
        fw("firewall without rules and a target not admitting its IP → both blockers listed", e -> kvOnly(e, OTHER_IP),
            KV, DENY, FWSRC, List.of(FIREWALL_NO_RULE_MATCH, EGRESS_IP_NOT_ADMITTED), hop(HopKind.FIREWALL_RULE, FW),
            decidedByTarget(KV)),
        fw("firewall allows, but the target admits the NAT IP the firewall route bypasses → DENY (it sees the firewall IP)", e -> {
          classicCollection(e, FW, "networkRuleCollections", "net-allow", 200, "Allow",
              networkRule("to-kv", SNET_SRC, of("AzureKeyVault"), "443"));
          kvOnly(e, NAT_IP);
        }, KV, DENY, FWSRC, List.of(EGRESS_IP_NOT_ADMITTED), hop(HopKind.FIREWALL_RULE, FW, "to-kv")),
        fw("classic network rule to the Sql tag on 1433 admits a SQL server (connection policy Proxy: 1433 only) with a "
            + "firewall rule for the firewall IP", e -> {
          classicCollection(e, FW, "networkRuleCollections", "net-allow", 200, "Allow",
              networkRule("to-sql", SNET_SRC, of("Sql"), "1433"));
          sqlServer(e, "sqlw", "westus");
          sqlFirewallRule(e, "sqlw", "fw", FW_IP, FW_IP);
          sqlConnectionPolicy(e, "sqlw", "Proxy");
        }, sqlId("sqlw"), ALLOW, FWSRC, List.of(ADMITTED_BY_IP_RULE), hop(HopKind.FIREWALL_RULE, FW, "to-sql")),
        fw("the same rule for a server whose connection policy is not exported: the redirect ports 11000-11999 are not "
            + "allowed → AMBIGUOUS SQL_REDIRECT_PORTS_BLOCKED (§8.10)", e -> {
          classicCollection(e, FW, "networkRuleCollections", "net-allow", 200, "Allow",
              networkRule("to-sql", SNET_SRC, of("Sql"), "1433"));
          sqlServer(e, "sqlw", "westus");
          sqlFirewallRule(e, "sqlw", "fw", FW_IP, FW_IP);
        }, sqlId("sqlw"), AMBIGUOUS, FWSRC, List.of(SQL_REDIRECT_PORTS_BLOCKED, ADMITTED_BY_IP_RULE),
            hop(HopKind.FIREWALL_RULE, FW, "11000")));
  }

  @ParameterizedTest
  @MethodSource("firewall")
  void firewall(Case k) {
    AccessCases.verify(k, dir);
  }

  /**
   * docs/reasons.md: "For a verdict other than ALLOW the reasons are the blockers found". When the
   * firewall on the path blocks and the target would admit the firewall IP, the target's admission
   * code is not a blocker and must not be listed.
   */
  static Stream<Arguments> firewallBlocksTargetAdmits() {
    return Stream.of(
        fw("firewall Deny rule, target admits the firewall IP → DENY with FIREWALL_DENY_RULE only", e -> {
          classicCollection(e, FW, "networkRuleCollections", "net-deny", 100, "Deny",
              networkRule("deny-kv", SNET_SRC, of("*"), "443"));
          kvOnly(e, FW_IP);
        }, KV, DENY, FWSRC, List.of(FIREWALL_DENY_RULE), hop(HopKind.FIREWALL_RULE, FW, "deny-kv")),
        fw("firewall without a matching rule, target admits the firewall IP → DENY with FIREWALL_NO_RULE_MATCH only",
            e -> kvOnly(e, FW_IP), KV, DENY, FWSRC, List.of(FIREWALL_NO_RULE_MATCH), hop(HopKind.FIREWALL_RULE, FW)),
        fw("firewall policy not in the estate, target admits the firewall IP → UNKNOWN FIREWALL_POLICY_NOT_IN_ESTATE only", e -> {
          usePolicy(e, FW, "fwp");
          kvOnly(e, FW_IP);
        }, KV, UNKNOWN, FWSRC, List.of(FIREWALL_POLICY_NOT_IN_ESTATE), hop(HopKind.FIREWALL_RULE, FW)),
        fw("firewall without a matching rule, target open to all networks → DENY with FIREWALL_NO_RULE_MATCH only",
            e -> keyVault(e, "kv1", "eastus"), KV, DENY, FWSRC, List.of(FIREWALL_NO_RULE_MATCH), hop(HopKind.FIREWALL_RULE, FW)));
  }
  @ParameterizedTest
  @MethodSource("firewallBlocksTargetAdmits")
  void firewallBlocksTargetAdmits(Case k) {
    AccessCases.verify(k, dir);
  }

  // ------------------------------------------------------------------ storage and the same region (§4.0, §6.1)

  static Stream<Arguments> storageRegion() {
    return Stream.of(
        c("storage IP rule for the NAT IP has no effect from the same region → DENY STORAGE_SAME_REGION",
            e -> denyExcept(storage(e, "steast", "eastus"), NAT_IP), storageId("steast"), DENY, PUBLIC_IP, NAT,
            List.of(STORAGE_SAME_REGION), decidedByTarget(storageId("steast"))),
        c("storage IP rule for the NAT IP works cross-region → ALLOW",
            e -> denyExcept(storage(e, "steu", "westeurope"), NAT_IP), storageId("steu"), ALLOW, PUBLIC_IP, NAT,
            List.of(ADMITTED_BY_IP_RULE)),
        c("cross-region storage without the NAT IP → DENY EGRESS_IP_NOT_ADMITTED",
            e -> denyExcept(storage(e, "steu", "westeurope"), OTHER_IP), storageId("steu"), DENY, PUBLIC_IP, NAT,
            List.of(EGRESS_IP_NOT_ADMITTED)),
        c("same-region storage open to all networks → ALLOW (no rule to bypass)",
            e -> storage(e, "steast", "eastus"), storageId("steast"), ALLOW, PUBLIC_IP, NAT,
            List.of(OPEN_TO_ALL_NETWORKS)));
  }

  @ParameterizedTest
  @MethodSource("storageRegion")
  void storageRegion(Case k) {
    AccessCases.verify(k, dir);
  }

  // ------------------------------------------------------------------ private endpoints (§4.0)

  static final String ZONE_KV = "privatelink.vaultcore.azure.net";
  static final String PE_SNET = subnetId(SPOKE, "snet-pe");

  /** Key vault kv1 with public access Disabled and private endpoint pe-kv in {@code peSubnet}. */
  static void privateVault(EstateJson e, String peSubnet, String status) {
    put(keyVault(e, "kv1", "eastus"), "properties.publicNetworkAccess", "Disabled");
    privateEndpoint(e, "pe-kv", peSubnet, KV, "vault", status);
  }

  static void hub(EstateJson e) {
    e.vnet("vnet-hub").addressPrefix("10.0.0.0/16").subnet("snet-pe").addressPrefix("10.0.2.0/24");
    e.vnet(SPOKE).peering("spoke-to-hub", vnetId("vnet-hub"), false);
  }

  static Stream<Arguments> privateEndpoints() {
    return Stream.of(
        c("private endpoint in the compute VNet with the zone linked → ALLOW via PRIVATE_ENDPOINT despite public access Disabled", e -> {
          e.vnet(SPOKE).subnet("snet-pe").addressPrefix("10.1.2.0/24");
          privateVault(e, PE_SNET, "Approved");
          dnsZone(e, ZONE_KV);
          dnsLink(e, ZONE_KV, "link-spoke", vnetId(SPOKE));
          aRecord(e, ZONE_KV, "kv1", "10.1.2.4");
        }, KV, ALLOW, PRIVATE_ENDPOINT, List.of(SNET_ID), List.of(VIA_PRIVATE_ENDPOINT), hop(HopKind.PRIVATE_ENDPOINT, peId("pe-kv"))),
        c("private endpoint in a peered hub VNet with the zone linked to the spoke → ALLOW via PRIVATE_ENDPOINT", e -> {
          hub(e);
          privateVault(e, subnetId("vnet-hub", "snet-pe"), "Approved");
          dnsZone(e, ZONE_KV);
          dnsLink(e, ZONE_KV, "link-spoke", vnetId(SPOKE));
          aRecord(e, ZONE_KV, "kv1", "10.0.2.4");
        }, KV, ALLOW, PRIVATE_ENDPOINT, List.of(SNET_ID), List.of(VIA_PRIVATE_ENDPOINT), hop(HopKind.PRIVATE_ENDPOINT, peId("pe-kv"))),
        c("private endpoint whose zone is linked only to the hub: the name resolves publicly → DENY with both reasons", e -> {
          hub(e);
          privateVault(e, subnetId("vnet-hub", "snet-pe"), "Approved");
          dnsZone(e, ZONE_KV);
          dnsLink(e, ZONE_KV, "link-hub", vnetId("vnet-hub"));
        }, KV, DENY, PUBLIC_IP, NAT, List.of(PUBLIC_ACCESS_DISABLED, PRIVATE_ENDPOINT_DNS_NOT_LINKED),
            hop(HopKind.PRIVATE_ENDPOINT, peId("pe-kv")), decidedByTarget(KV)),
        c("private endpoint without any DNS zone, open vault: reached publicly → ALLOW via PUBLIC_IP", e -> {
          e.vnet(SPOKE).subnet("snet-pe").addressPrefix("10.1.2.0/24");
          keyVault(e, "kv1", "eastus");
          privateEndpoint(e, "pe-kv", PE_SNET, KV, "vault", "Approved");
        }, KV, ALLOW, PUBLIC_IP, NAT, List.of(OPEN_TO_ALL_NETWORKS)),
        c("private endpoint in an unpeered VNet is no path → DENY PUBLIC_ACCESS_DISABLED", e -> {
          e.vnet("vnet-far").addressPrefix("10.5.0.0/16").subnet("snet-pe").addressPrefix("10.5.2.0/24");
          privateVault(e, subnetId("vnet-far", "snet-pe"), "Approved");
          dnsZone(e, ZONE_KV);
          dnsLink(e, ZONE_KV, "link-spoke", vnetId(SPOKE));
        }, KV, DENY, PUBLIC_IP, NAT, List.of(PUBLIC_ACCESS_DISABLED)),
        c("a Pending (unapproved) private endpoint connection is no path → DENY PUBLIC_ACCESS_DISABLED", e -> {
          e.vnet(SPOKE).subnet("snet-pe").addressPrefix("10.1.2.0/24");
          privateVault(e, PE_SNET, "Pending");
          dnsZone(e, ZONE_KV);
          dnsLink(e, ZONE_KV, "link-spoke", vnetId(SPOKE));
        }, KV, DENY, PUBLIC_IP, NAT, List.of(PUBLIC_ACCESS_DISABLED)),
        c("publicNetworkAccess Disabled and no private endpoint → DENY PUBLIC_ACCESS_DISABLED",
            e -> put(denyExcept(keyVault(e, "kv1", "eastus"), NAT_IP), "properties.publicNetworkAccess", "Disabled"),
            KV, DENY, PUBLIC_IP, NAT, List.of(PUBLIC_ACCESS_DISABLED), decidedByTarget(KV)),
        c("storage private endpoint with the blob zone linked and an A record for the account → ALLOW", e -> {
          e.vnet(SPOKE).subnet("snet-pe").addressPrefix("10.1.2.0/24");
          put(denyExcept(storage(e, "stpriv", "eastus")), "properties.publicNetworkAccess", "Disabled");
          privateEndpoint(e, "pe-st", PE_SNET, storageId("stpriv"), "blob", "Approved");
          dnsZone(e, "privatelink.blob.core.windows.net");
          dnsLink(e, "privatelink.blob.core.windows.net", "link-spoke", vnetId(SPOKE));
          aRecord(e, "privatelink.blob.core.windows.net", "stpriv", "10.1.2.5");
        }, storageId("stpriv"), ALLOW, PRIVATE_ENDPOINT, List.of(SNET_ID), List.of(VIA_PRIVATE_ENDPOINT),
            hop(HopKind.PRIVATE_ENDPOINT, peId("pe-st"))),
        c("linked zone whose A records are for other accounts only does not resolve the target privately", e -> {
          e.vnet(SPOKE).subnet("snet-pe").addressPrefix("10.1.2.0/24");
          put(denyExcept(storage(e, "stpriv", "eastus")), "properties.publicNetworkAccess", "Disabled");
          privateEndpoint(e, "pe-st", PE_SNET, storageId("stpriv"), "blob", "Approved");
          dnsZone(e, "privatelink.blob.core.windows.net");
          dnsLink(e, "privatelink.blob.core.windows.net", "link-spoke", vnetId(SPOKE));
          aRecord(e, "privatelink.blob.core.windows.net", "stother", "10.1.2.9");
        }, storageId("stpriv"), DENY, PUBLIC_IP, NAT, List.of(PUBLIC_ACCESS_DISABLED, PRIVATE_DNS_RECORD_MISSING),
            hop(HopKind.PRIVATE_ENDPOINT, peId("pe-st"), "no A record stpriv (stpriv.privatelink.blob.core.windows.net)")));
  }

  @ParameterizedTest
  @MethodSource("privateEndpoints")
  void privateEndpoints(Case k) {
    AccessCases.verify(k, dir);
  }

  // ------------------------------------------------------------------ unstable, missing and symbolic egress (§6.5)

  static Stream<Arguments> unstable() {
    return Stream.of(
        on("default outbound access against an IP-restricted target → DENY EGRESS_UNSTABLE", bare(),
            e -> kvOnly(e, NAT_IP), CLUSTER, KV, false, DENY, PUBLIC_IP, NO_SRC, List.of(EGRESS_UNSTABLE),
            decidedByTarget(KV)),
        on("default outbound access against SQL 0.0.0.0 → AMBIGUOUS with ADMITTED_BY_ALL_AZURE_RULE, never ALLOW", bare(), e -> {
          sqlServer(e, "sql1", "eastus");
          sqlFirewallRule(e, "sql1", "AllowAllWindowsAzureIps", "0.0.0.0", "0.0.0.0");
        }, CLUSTER, sqlId("sql1"), false, AMBIGUOUS, PUBLIC_IP, NO_SRC, List.of(EGRESS_UNSTABLE, ADMITTED_BY_ALL_AZURE_RULE)),
        on("default outbound access against a /8 IP rule → AMBIGUOUS with ADMITTED_BY_BROAD_RULE", bare(),
            e -> kvOnly(e, "20.0.0.0/8"), CLUSTER, KV, false, AMBIGUOUS, PUBLIC_IP, NO_SRC,
            List.of(EGRESS_UNSTABLE, ADMITTED_BY_BROAD_RULE)),
        on("default outbound access against an open target → ALLOW (nothing to allowlist)", bare(),
            e -> keyVault(e, "kv1", "eastus"), CLUSTER, KV, false, ALLOW, PUBLIC_IP, NO_SRC, List.of(OPEN_TO_ALL_NETWORKS)),
        on("cluster with node public IPs (recreated on scale from zero) against an IP-restricted target → DENY EGRESS_UNSTABLE",
            bare(), e -> {
              e.compute("mlw", "cluster", "AmlCompute").enableNodePublicIp(true);
              kvOnly(e, NAT_IP);
            }, CLUSTER, KV, false, DENY, PUBLIC_IP, NO_SRC, List.of(EGRESS_UNSTABLE)),
        on("default route to None → DENY NO_EGRESS via NONE", nat(), e -> {
          e.routeTable("rt").route("default", "0.0.0.0/0", "None", null);
          e.vnet(SPOKE).subnet("snet").routeTable(rtId("rt"));
          kvOnly(e, NAT_IP);
        }, CLUSTER, KV, false, DENY, NONE, NO_SRC, List.of(NO_EGRESS), decidedByTarget(KV)),
        on("private subnet (defaultOutboundAccess false) without an outbound method → DENY NO_EGRESS", bare(), e -> {
          e.vnet(SPOKE).subnet("snet").defaultOutboundAccess(false);
          kvOnly(e, NAT_IP);
        }, CLUSTER, KV, false, DENY, NONE, NO_SRC, List.of(NO_EGRESS)),
        on("a NAT public IP without an address against an IP-restricted target → UNKNOWN PUBLIC_IP_ADDRESS_UNKNOWN", bare(), e -> {
          e.publicIp("pip-ng", null);
          e.natGateway("ng").publicIp(pipId("pip-ng"));
          e.vnet(SPOKE).subnet("snet").natGateway(natId("ng"));
          kvOnly(e, NAT_IP);
        }, CLUSTER, KV, false, UNKNOWN, PUBLIC_IP, List.of(pipId("pip-ng")), List.of(PUBLIC_IP_ADDRESS_UNKNOWN)),
        on("an IP rule written as [reference('<public IP id>').ipAddress] admits that symbolic public IP → ALLOW", bare(), e -> {
          e.publicIp("pip-ng", null);
          e.natGateway("ng").publicIp(pipId("pip-ng"));
          e.vnet(SPOKE).subnet("snet").natGateway(natId("ng"));
          kvOnly(e, "[reference('" + pipId("pip-ng") + "').ipAddress]");
        }, CLUSTER, KV, false, ALLOW, PUBLIC_IP, List.of(pipId("pip-ng")), List.of(ADMITTED_BY_IP_RULE)),
        on("a reference rule to another public IP does not admit the symbolic NAT IP", bare(), e -> {
          e.publicIp("pip-ng", null);
          e.natGateway("ng").publicIp(pipId("pip-ng"));
          e.vnet(SPOKE).subnet("snet").natGateway(natId("ng"));
          kvOnly(e, "[reference('" + pipId("pip-other") + "').ipAddress]");
        }, CLUSTER, KV, false, UNKNOWN, PUBLIC_IP, List.of(pipId("pip-ng")), List.of(PUBLIC_IP_ADDRESS_UNKNOWN)));
  }

  @ParameterizedTest
  @MethodSource("unstable")
  void unstable(Case k) {
    AccessCases.verify(k, dir);
  }

  static Stream<Arguments> referenceToKnownAddress() {
    return Stream.of(c("an IP rule [reference('<NAT public IP id>').ipAddress] admits that public IP when its address is known too",
        e -> kvOnly(e, "[reference('" + pipId("pip-ng") + "').ipAddress]"), KV, ALLOW, PUBLIC_IP, NAT,
        List.of(ADMITTED_BY_IP_RULE)));
  }
  @ParameterizedTest
  @MethodSource("referenceToKnownAddress")
  void referenceToKnownAddress(Case k) {
    AccessCases.verify(k, dir);
  }
}
