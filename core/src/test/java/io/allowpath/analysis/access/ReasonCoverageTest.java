package io.allowpath.analysis.access;

import static io.allowpath.analysis.access.AccessCases.CLUSTER;
import static io.allowpath.analysis.access.AccessCases.NAT_IP;
import static io.allowpath.analysis.access.AccessCases.OTHER_IP;
import static io.allowpath.analysis.access.AccessCases.SNET_ID;
import static io.allowpath.analysis.access.AccessCases.SPOKE;
import static io.allowpath.analysis.access.Outcome.ALLOW;
import static io.allowpath.analysis.access.Outcome.AMBIGUOUS;
import static io.allowpath.analysis.access.Outcome.DENY;
import static io.allowpath.analysis.access.Outcome.UNKNOWN;
import static io.allowpath.analysis.access.Reason.ACR_RULES_NEED_PREMIUM;
import static io.allowpath.analysis.access.Reason.ADMITTED_BY_ALL_AZURE_RULE;
import static io.allowpath.analysis.access.Reason.ADMITTED_BY_BROAD_RULE;
import static io.allowpath.analysis.access.Reason.ADMITTED_BY_IP_RULE;
import static io.allowpath.analysis.access.Reason.ADMITTED_BY_VNET_RULE;
import static io.allowpath.analysis.access.Reason.APP_SERVICE_CONFIG_NOT_EXPORTED;
import static io.allowpath.analysis.access.Reason.APP_SERVICE_DENY_RULE;
import static io.allowpath.analysis.access.Reason.APP_SERVICE_IMPLICIT_DENY;
import static io.allowpath.analysis.access.Reason.COSMOS_VNET_FILTER_DISABLED;
import static io.allowpath.analysis.access.Reason.EGRESS_IP_NOT_ADMITTED;
import static io.allowpath.analysis.access.Reason.EGRESS_UNKNOWN;
import static io.allowpath.analysis.access.Reason.EGRESS_UNSTABLE;
import static io.allowpath.analysis.access.Reason.FIREWALL_DENY_RULE;
import static io.allowpath.analysis.access.Reason.FIREWALL_NO_RULE_MATCH;
import static io.allowpath.analysis.access.Reason.FIREWALL_POLICY_NOT_IN_ESTATE;
import static io.allowpath.analysis.access.Reason.IP_RULE_SHADOWED_BY_SERVICE_ENDPOINT;
import static io.allowpath.analysis.access.Reason.MANAGED_NETWORK_NOT_APPROVED;
import static io.allowpath.analysis.access.Reason.MANAGED_NETWORK_NO_STABLE_IP;
import static io.allowpath.analysis.access.Reason.MESSAGING_DENY_WITHOUT_RULES_IS_OPEN;
import static io.allowpath.analysis.access.Reason.NETWORK_RULE_SET_NOT_EXPORTED;
import static io.allowpath.analysis.access.Reason.NO_EGRESS;
import static io.allowpath.analysis.access.Reason.ON_PREMISES_EGRESS;
import static io.allowpath.analysis.access.Reason.OPEN_TO_ALL_NETWORKS;
import static io.allowpath.analysis.access.Reason.PRIVATE_ENDPOINT_DNS_NOT_LINKED;
import static io.allowpath.analysis.access.Reason.PUBLIC_ACCESS_DISABLED;
import static io.allowpath.analysis.access.Reason.PUBLIC_IP_ADDRESS_UNKNOWN;
import static io.allowpath.analysis.access.Reason.SERVICE_ENDPOINT_NO_VNET_RULE;
import static io.allowpath.analysis.access.Reason.SERVICE_TAG_UNRESOLVED;
import static io.allowpath.analysis.access.Reason.SOME_EGRESS_IPS_NOT_ADMITTED;
import static io.allowpath.analysis.access.Reason.REGION_UNKNOWN;
import static io.allowpath.analysis.access.Reason.STORAGE_SAME_REGION;
import static io.allowpath.analysis.access.Reason.TARGET_UNKNOWN;
import static io.allowpath.analysis.access.Reason.SCAN_READ_FAILED;
import static io.allowpath.analysis.access.Reason.VIA_MANAGED_PRIVATE_ENDPOINT;
import static io.allowpath.analysis.access.Reason.VIA_PRIVATE_ENDPOINT;
import static io.allowpath.analysis.access.Via.MANAGED_PRIVATE_ENDPOINT;
import static io.allowpath.analysis.access.Via.NONE;
import static io.allowpath.analysis.access.Via.PRIVATE_ENDPOINT;
import static io.allowpath.analysis.access.Via.PUBLIC_IP;
import static io.allowpath.analysis.access.Via.SERVICE_ENDPOINT;
import static io.allowpath.testing.EstateJson.fwId;
import static io.allowpath.testing.EstateJson.natId;
import static io.allowpath.testing.EstateJson.pipId;
import static io.allowpath.testing.EstateJson.rtId;
import static io.allowpath.testing.EstateJson.subnetId;
import static io.allowpath.testing.EstateJson.vnetId;
import static io.allowpath.testing.TargetJson.acr;
import static io.allowpath.testing.TargetJson.acrId;
import static io.allowpath.testing.TargetJson.add;
import static io.allowpath.testing.TargetJson.applicationRule;
import static io.allowpath.testing.TargetJson.classicCollection;
import static io.allowpath.testing.TargetJson.cosmos;
import static io.allowpath.testing.TargetJson.cosmosId;
import static io.allowpath.testing.TargetJson.cosmosIp;
import static io.allowpath.testing.TargetJson.denyExcept;
import static io.allowpath.testing.TargetJson.dnsLink;
import static io.allowpath.testing.TargetJson.dnsZone;
import static io.allowpath.testing.TargetJson.ehId;
import static io.allowpath.testing.TargetJson.keyVault;
import static io.allowpath.testing.TargetJson.kvId;
import static io.allowpath.testing.TargetJson.namespace;
import static io.allowpath.testing.TargetJson.networkRule;
import static io.allowpath.testing.TargetJson.networkRuleSet;
import static io.allowpath.testing.TargetJson.obj;
import static io.allowpath.testing.TargetJson.of;
import static io.allowpath.testing.TargetJson.privateEndpoint;
import static io.allowpath.testing.TargetJson.put;
import static io.allowpath.testing.TargetJson.restriction;
import static io.allowpath.testing.TargetJson.site;
import static io.allowpath.testing.TargetJson.siteConfigWeb;
import static io.allowpath.testing.TargetJson.siteId;
import static io.allowpath.testing.TargetJson.sqlConnectionPolicy;
import static io.allowpath.testing.TargetJson.sqlFirewallRule;
import static io.allowpath.testing.TargetJson.sqlId;
import static io.allowpath.testing.TargetJson.sqlServer;
import static io.allowpath.testing.TargetJson.storage;
import static io.allowpath.testing.TargetJson.storageId;
import static io.allowpath.testing.TargetJson.usePolicy;
import static io.allowpath.testing.TargetJson.vnetRule;
import static io.allowpath.analysis.access.Reason.PRIVATE_DNS_RECORD_MISSING;
import static io.allowpath.analysis.access.Reason.PRIVATE_DNS_RECORDS_UNKNOWN;
import static io.allowpath.analysis.access.Reason.PRIVATE_DNS_CUSTOM_SERVERS;
import static io.allowpath.analysis.access.Reason.FIREWALL_NO_SNAT_TO_INTERNET;
import static io.allowpath.analysis.access.Reason.FIREWALL_SNAT_AUTO_LEARN;
import static io.allowpath.analysis.access.Reason.BGP_ROUTES_MAY_OVERRIDE;
import static io.allowpath.analysis.access.Reason.NSG_DENY_RULE;
import static io.allowpath.analysis.access.Reason.SQL_REDIRECT_PORTS_BLOCKED;
import static io.allowpath.analysis.access.Reason.MESSAGING_RULES_NEED_TIER;
import static io.allowpath.analysis.access.Reason.PERIMETER_NOT_IN_ESTATE;
import static io.allowpath.analysis.access.Reason.PERIMETER_SUBSCRIPTION_RULE;
import static io.allowpath.testing.TargetJson.aRecord;
import static io.allowpath.testing.TargetJson.arr;
import static io.allowpath.testing.TargetJson.policyId;
import static io.allowpath.testing.TargetJson.ruleCollectionGroup;
import static io.allowpath.testing.TargetJson.filterCollection;
import static io.allowpath.testing.TargetJson.policyNetworkRule;
import static io.allowpath.testing.TargetJson.sbId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.EgressResolver;
import io.allowpath.analysis.egress.Hop;
import io.allowpath.model.Estate;
import io.allowpath.model.ResourceId;
import io.allowpath.model.ServiceTags;
import io.allowpath.model.Target;
import io.allowpath.testing.EstateJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@link Reason} is produced by at least one case here that pins the whole answer: outcome, via and
 * the exact, ordered reason list (the first reason is what {@code check}'s table shows). Each case is ARM
 * JSON in the documented shape (the fixture of {@link AccessCases}: cluster in vnet-spoke/snet, NAT
 * gateway with public IP 20.10.0.1 unless stated), read through the real loader, evaluated with the
 * public API only ({@code new EgressResolver(estate, tags)}, {@code new AccessEvaluator(resolver, tags)
 * .evaluate(compute, target)}), and the matrix ({@link Matrix#visit}) must give the same outcome and
 * reasons for the pair.
 *
 * <p>{@link #everyReasonIsProducedByACase()} fails listing every reason no case produces, so a new
 * reason code cannot be added without a case that pins it. Rules and sources: docs/reasons.md and the
 * AZURE-EGRESS.md sections named in each case.
 */
class ReasonCoverageTest {
  @TempDir Path dir;

  /**
   * Reasons that no estate read through the loader can produce today, each with why. The meta-test
   * fails if one of these starts being produced (then move it into the table) or if a reason is
   * missing from both the table and this map.
   */
  /** Reasons no case can produce, with why (none today: every reason is pinned by a case). */
  static final Map<Reason, String> NOT_PRODUCIBLE = Map.of();

  record Case(String name, Supplier<EstateJson> base, Consumer<EstateJson> setup, String compute, String target,
      boolean tags, Outcome outcome, Via via, List<Reason> reasons) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case c(String name, Consumer<EstateJson> setup, String target, Outcome o, Via via, Reason... reasons) {
    return new Case(name, AccessCases::nat, setup, CLUSTER, target, false, o, via, List.of(reasons));
  }

  static Case on(String name, Supplier<EstateJson> base, Consumer<EstateJson> setup, String target, boolean tags,
      Outcome o, Via via, Reason... reasons) {
    return new Case(name, base, setup, CLUSTER, target, tags, o, via, List.of(reasons));
  }

  static final String KV = kvId("kv1");
  static final String APP = siteId("app1");
  static final String COSMOS = cosmosId("cosmos1");
  static final String FW_IP = "20.20.0.1";
  static final String[] SNET_SRC = of("10.1.1.0/24");
  static final String ZONE_KV = "privatelink.vaultcore.azure.net";

  static void kvOnly(EstateJson e, String... ips) {
    denyExcept(keyVault(e, "kv1", "eastus"), ips);
  }

  /** The NAT fixture with Azure Firewall fw (10.1.0.4, public IP 20.20.0.1) as snet's default route. */
  static EstateJson viaFirewall() {
    EstateJson e = AccessCases.nat();
    e.vnet(SPOKE).subnet("AzureFirewallSubnet").addressPrefix("10.1.0.0/26");
    e.firewall("fw", "10.1.0.4", subnetId(SPOKE, "AzureFirewallSubnet"), e.publicIp("pip-fw", FW_IP));
    e.routeTable("rt").route("default", "0.0.0.0/0", "VirtualAppliance", "10.1.0.4");
    e.vnet(SPOKE).subnet("snet").routeTable(rtId("rt"));
    return e;
  }

  /** Workspace mlw in a managed network (§2.2) with {@code mode}, cluster "cluster" without a subnet. */
  static Supplier<EstateJson> managed(String mode) {
    return () -> {
      EstateJson e = new EstateJson();
      e.mlWorkspace("mlw").isolationMode(mode);
      e.compute("mlw", "cluster", "AmlCompute");
      return e;
    };
  }

  static void outboundRule(EstateJson e, String name, ObjectNode rule) {
    ObjectNode mn = (ObjectNode) e.mlWorkspace("mlw").node.get("properties").get("managedNetwork");
    (mn.has("outboundRules") ? (ObjectNode) mn.get("outboundRules") : mn.putObject("outboundRules")).set(name, rule);
  }

  static ObjectNode web(EstateJson e) {
    site(e, "app1", "eastus");
    return siteConfigWeb(e, "app1");
  }

  /** One or more cases per reason; the comment names the rule (AZURE-EGRESS.md section). */
  static List<Case> cases() {
    return List.of(
        // ---- admitted (§4)
        c("key vault exported with \"properties\": null (az resource list, docs/formats.md §3.6) → UNKNOWN "
            + "TARGET_UNKNOWN, not open", e -> keyVault(e, "kv1", "eastus").putNull("properties"), KV, UNKNOWN, PUBLIC_IP,
            TARGET_UNKNOWN),
        c("open key vault → ALLOW OPEN_TO_ALL_NETWORKS", e -> keyVault(e, "kv1", "eastus"), KV, ALLOW, PUBLIC_IP,
            OPEN_TO_ALL_NETWORKS),
        c("key vault IP rule for the NAT IP → ALLOW ADMITTED_BY_IP_RULE", e -> kvOnly(e, NAT_IP), KV, ALLOW, PUBLIC_IP,
            ADMITTED_BY_IP_RULE),
        c("Microsoft.KeyVault service endpoint and a VNet rule for snet → ALLOW ADMITTED_BY_VNET_RULE (§4.0 N11)", e -> {
          e.vnet(SPOKE).subnet("snet").serviceEndpoint("Microsoft.KeyVault", "*");
          vnetRule(denyExcept(keyVault(e, "kv1", "eastus")), SNET_ID);
        }, KV, ALLOW, SERVICE_ENDPOINT, ADMITTED_BY_VNET_RULE),
        c("SQL firewall rule 0.0.0.0 only → ALLOW ADMITTED_BY_ALL_AZURE_RULE (§4.3 T7)", e -> {
          sqlServer(e, "sql1", "westus");
          sqlFirewallRule(e, "sql1", "AllowAllWindowsAzureIps", "0.0.0.0", "0.0.0.0");
        }, sqlId("sql1"), ALLOW, PUBLIC_IP, ADMITTED_BY_ALL_AZURE_RULE),
        on("default outbound access against a /8 IP rule → AMBIGUOUS EGRESS_UNSTABLE, ADMITTED_BY_BROAD_RULE (§6.5)",
            AccessCases::bare, e -> kvOnly(e, "20.0.0.0/8"), KV, false, AMBIGUOUS, PUBLIC_IP, EGRESS_UNSTABLE,
            ADMITTED_BY_BROAD_RULE),
        c("private endpoint in snet's VNet, zone linked → ALLOW VIA_PRIVATE_ENDPOINT (§4.0)", e -> {
          e.vnet(SPOKE).subnet("snet-pe").addressPrefix("10.1.2.0/24");
          put(denyExcept(keyVault(e, "kv1", "eastus")), "properties.publicNetworkAccess", "Disabled");
          privateEndpoint(e, "pe-kv", subnetId(SPOKE, "snet-pe"), KV, "vault", "Approved");
          dnsZone(e, ZONE_KV);
          dnsLink(e, ZONE_KV, "link-spoke", vnetId(SPOKE));
          aRecord(e, ZONE_KV, "kv1", "10.1.2.4");
        }, KV, ALLOW, PRIVATE_ENDPOINT, VIA_PRIVATE_ENDPOINT),
        on("managed network, active PrivateEndpoint outbound rule → ALLOW VIA_MANAGED_PRIVATE_ENDPOINT (§2.2 A1)",
            managed("AllowOnlyApprovedOutbound"), e -> {
              put(denyExcept(keyVault(e, "kv1", "eastus")), "properties.publicNetworkAccess", "Disabled");
              outboundRule(e, "pe-kv", obj("type", "PrivateEndpoint", "category", "UserDefined", "status", "Active",
                  "destination", obj("serviceResourceId", KV, "subresourceTarget", "vault", "sparkEnabled", false)));
            }, KV, false, ALLOW, MANAGED_PRIVATE_ENDPOINT, VIA_MANAGED_PRIVATE_ENDPOINT),
        c("ACR Standard with defaultAction Deny: rules need Premium → ALLOW (§4.5 T9)", e -> {
          ObjectNode r = acr(e, "cr1", "eastus", "Standard");
          put(r, "properties.networkRuleSet.defaultAction", "Deny");
        }, acrId("cr1"), ALLOW, PUBLIC_IP, OPEN_TO_ALL_NETWORKS, ACR_RULES_NEED_PREMIUM),
        c("Event Hubs defaultAction Deny without any rule is open → ALLOW (§4.7 T11)", e -> {
          namespace(e, "Microsoft.EventHub", "eh1", "eastus");
          networkRuleSet(e, "Microsoft.EventHub", "eh1", "Deny");
        }, ehId("eh1"), ALLOW, PUBLIC_IP, OPEN_TO_ALL_NETWORKS, MESSAGING_DENY_WITHOUT_RULES_IS_OPEN),
        // ---- refused by the target (§4)
        c("publicNetworkAccess Disabled, no private endpoint → DENY PUBLIC_ACCESS_DISABLED (§4.1 T1)",
            e -> put(denyExcept(keyVault(e, "kv1", "eastus"), NAT_IP), "properties.publicNetworkAccess", "Disabled"),
            KV, DENY, PUBLIC_IP, PUBLIC_ACCESS_DISABLED),
        c("key vault IP rule for another address → DENY EGRESS_IP_NOT_ADMITTED", e -> kvOnly(e, OTHER_IP), KV, DENY,
            PUBLIC_IP, EGRESS_IP_NOT_ADMITTED),
        c("NAT gateway with two IPs, one admitted → AMBIGUOUS SOME_EGRESS_IPS_NOT_ADMITTED (§6.4)", e -> {
          e.publicIp("pip-ng2", "20.10.0.2");
          e.natGateway("ng").publicIp(pipId("pip-ng2"));
          kvOnly(e, NAT_IP);
        }, KV, AMBIGUOUS, PUBLIC_IP, SOME_EGRESS_IPS_NOT_ADMITTED),
        c("same-region storage with an IP rule for the NAT IP → DENY STORAGE_SAME_REGION (§4.0 T1, §6.1)",
            e -> denyExcept(storage(e, "steast", "eastus"), NAT_IP), storageId("steast"), DENY, PUBLIC_IP,
            STORAGE_SAME_REGION),
        on("same-region storage from default outbound access → DENY STORAGE_SAME_REGION, EGRESS_UNSTABLE",
            AccessCases::bare, e -> denyExcept(storage(e, "steast", "eastus"), NAT_IP), storageId("steast"), false, DENY,
            PUBLIC_IP, STORAGE_SAME_REGION, EGRESS_UNSTABLE),
        c("storage exported without location, IP rule for the NAT IP → UNKNOWN REGION_UNKNOWN (§4.0 T1: same region?)",
            e -> denyExcept(storage(e, "stnoloc", "eastus"), NAT_IP).remove("location"), storageId("stnoloc"), UNKNOWN,
            PUBLIC_IP, REGION_UNKNOWN),
        c("storage exported without location, IP rule for another address → DENY whatever its region",
            e -> denyExcept(storage(e, "stnoloc", "eastus"), OTHER_IP).remove("location"), storageId("stnoloc"), DENY,
            PUBLIC_IP, EGRESS_IP_NOT_ADMITTED),
        c("service endpoint, no VNet rule, IP rule for the NAT IP → DENY with the shadowed IP rule (§4.0 N11, §6.2)",
            e -> {
              e.vnet(SPOKE).subnet("snet").serviceEndpoint("Microsoft.KeyVault", "*");
              kvOnly(e, NAT_IP);
            }, KV, DENY, SERVICE_ENDPOINT, SERVICE_ENDPOINT_NO_VNET_RULE, IP_RULE_SHADOWED_BY_SERVICE_ENDPOINT),
        c("Cosmos with a VNet rule for snet but isVirtualNetworkFilterEnabled false, IP rule for another address "
            + "→ DENY EGRESS_IP_NOT_ADMITTED, COSMOS_VNET_FILTER_DISABLED (§4.4 T8b)", e -> {
              ObjectNode n = cosmosIp(cosmos(e, "cosmos1", "eastus"), OTHER_IP);
              add(n, "properties.virtualNetworkRules", obj("id", SNET_ID, "ignoreMissingVNetServiceEndpoint", false));
            }, COSMOS, DENY, PUBLIC_IP, EGRESS_IP_NOT_ADMITTED, COSMOS_VNET_FILTER_DISABLED),
        c("Cosmos with the VNet filter off and a Microsoft.AzureCosmosDB endpoint: the VNet rule is ignored → DENY "
            + "SERVICE_ENDPOINT_NO_VNET_RULE, COSMOS_VNET_FILTER_DISABLED (§4.4 T8b)", e -> {
              e.vnet(SPOKE).subnet("snet").serviceEndpoint("Microsoft.AzureCosmosDB", "*");
              ObjectNode n = cosmosIp(cosmos(e, "cosmos1", "eastus"), OTHER_IP);
              add(n, "properties.virtualNetworkRules", obj("id", SNET_ID, "ignoreMissingVNetServiceEndpoint", false));
            }, COSMOS, DENY, SERVICE_ENDPOINT, SERVICE_ENDPOINT_NO_VNET_RULE, COSMOS_VNET_FILTER_DISABLED),
        c("Cosmos with the VNet filter on and the same VNet rule via the endpoint → ALLOW ADMITTED_BY_VNET_RULE", e -> {
          e.vnet(SPOKE).subnet("snet").serviceEndpoint("Microsoft.AzureCosmosDB", "*");
          ObjectNode n = cosmosIp(cosmos(e, "cosmos1", "eastus"), OTHER_IP);
          put(n, "properties.isVirtualNetworkFilterEnabled", true);
          add(n, "properties.virtualNetworkRules", obj("id", SNET_ID, "ignoreMissingVNetServiceEndpoint", false));
        }, COSMOS, ALLOW, SERVICE_ENDPOINT, ADMITTED_BY_VNET_RULE),
        // ---- egress (§1, §6.5)
        on("default outbound access against an IP-restricted target → DENY EGRESS_UNSTABLE (§1.3 N6)",
            AccessCases::bare, e -> kvOnly(e, NAT_IP), KV, false, DENY, PUBLIC_IP, EGRESS_UNSTABLE),
        c("default route to None → DENY NO_EGRESS (§1.4 N8)", e -> {
          e.routeTable("rt").route("default", "0.0.0.0/0", "None", null);
          e.vnet(SPOKE).subnet("snet").routeTable(rtId("rt"));
          kvOnly(e, NAT_IP);
        }, KV, DENY, NONE, NO_EGRESS),
        c("default route to a VirtualAppliance IP with nothing behind it → UNKNOWN EGRESS_UNKNOWN", e -> {
          e.routeTable("rt").route("default", "0.0.0.0/0", "VirtualAppliance", "10.9.9.9");
          e.vnet(SPOKE).subnet("snet").routeTable(rtId("rt"));
          kvOnly(e, NAT_IP);
        }, KV, UNKNOWN, NONE, EGRESS_UNKNOWN),
        c("cluster whose subnet is not in the estate → UNKNOWN EGRESS_UNKNOWN", e -> {
          e.compute("mlw", "cluster", "AmlCompute").subnet(subnetId("vnet-missing", "snet"));
          keyVault(e, "kv1", "eastus");
        }, KV, UNKNOWN, NONE, EGRESS_UNKNOWN),
        on("NAT public IP without an address → UNKNOWN PUBLIC_IP_ADDRESS_UNKNOWN", AccessCases::bare, e -> {
          e.publicIp("pip-ng", null);
          e.natGateway("ng").publicIp(pipId("pip-ng"));
          e.vnet(SPOKE).subnet("snet").natGateway(natId("ng"));
          kvOnly(e, NAT_IP);
        }, KV, false, UNKNOWN, PUBLIC_IP, PUBLIC_IP_ADDRESS_UNKNOWN),
        on("NAT gateway with a known IP the vault refuses and one without an address → DENY EGRESS_IP_NOT_ADMITTED, "
            + "PUBLIC_IP_ADDRESS_UNKNOWN (the unknown one may be refused too, but one refused address is enough)",
            AccessCases::bare, e -> {
              e.publicIp("pip-ng", NAT_IP);
              e.publicIp("pip-ng2", null);
              e.natGateway("ng").publicIp(pipId("pip-ng")).publicIp(pipId("pip-ng2"));
              e.vnet(SPOKE).subnet("snet").natGateway(natId("ng"));
              kvOnly(e, OTHER_IP);
            }, KV, false, DENY, PUBLIC_IP, EGRESS_IP_NOT_ADMITTED, PUBLIC_IP_ADDRESS_UNKNOWN),
        c("forced tunnelling (0/0 → VirtualNetworkGateway, VPN gateway in the VNet) against an IP-restricted "
            + "target → UNKNOWN ON_PREMISES_EGRESS (§1.6 N8)", e -> {
              e.vnet(SPOKE).subnet("GatewaySubnet").addressPrefix("10.1.255.0/27");
              e.vnetGateway("vgw", "Vpn", subnetId(SPOKE, "GatewaySubnet"));
              e.routeTable("rt").route("default", "0.0.0.0/0", "VirtualNetworkGateway", null);
              e.vnet(SPOKE).subnet("snet").routeTable(rtId("rt"));
              kvOnly(e, NAT_IP);
            }, KV, UNKNOWN, PUBLIC_IP, ON_PREMISES_EGRESS),
        c("forced tunnelling against an open target → ALLOW OPEN_TO_ALL_NETWORKS (the on-premises address does not "
            + "matter)", e -> {
              e.vnet(SPOKE).subnet("GatewaySubnet").addressPrefix("10.1.255.0/27");
              e.vnetGateway("vgw", "Vpn", subnetId(SPOKE, "GatewaySubnet"));
              e.routeTable("rt").route("default", "0.0.0.0/0", "VirtualNetworkGateway", null);
              e.vnet(SPOKE).subnet("snet").routeTable(rtId("rt"));
              keyVault(e, "kv1", "eastus");
            }, KV, ALLOW, PUBLIC_IP, OPEN_TO_ALL_NETWORKS),
        // ---- Azure Firewall on the path (§4.0 rule processing)
        on("firewall without rules → DENY FIREWALL_NO_RULE_MATCH (the target admits the firewall IP)",
            ReasonCoverageTest::viaFirewall, e -> kvOnly(e, FW_IP), KV, false, DENY, PUBLIC_IP, FIREWALL_NO_RULE_MATCH),
        on("firewall policy whose only rule on 443 is in a DNAT collection (inbound translation) → DENY "
            + "FIREWALL_NO_RULE_MATCH, not ALLOW", ReasonCoverageTest::viaFirewall, e -> {
              usePolicy(e, fwId("fw"), "fwp");
              ruleCollectionGroup(e, "fwp", "rcg", 100, obj("ruleCollectionType", "FirewallPolicyNatRuleCollection",
                  "name", "dnat", "priority", 100, "action", obj("type", "DNAT"), "rules", arr(obj("ruleType", "NatRule",
                      "name", "in-443", "ipProtocols", arr("TCP"), "sourceAddresses", arr("*"), "destinationAddresses",
                      arr("*"), "destinationPorts", arr("443"), "translatedAddress", "10.1.1.10", "translatedPort", "443"))),
                  filterCollection("sql-out", 200, "Allow", policyNetworkRule("sql", SNET_SRC, of("Sql"), "1433")));
              kvOnly(e, FW_IP);
            }, KV, false, DENY, PUBLIC_IP, FIREWALL_NO_RULE_MATCH),
        on("firewall policy whose only rule collection group holds a DNAT collection only: its rules are read and let "
            + "nothing out → DENY FIREWALL_NO_RULE_MATCH, not UNKNOWN FIREWALL_POLICY_NOT_IN_ESTATE",
            ReasonCoverageTest::viaFirewall, e -> {
              usePolicy(e, fwId("fw"), "fwp");
              ruleCollectionGroup(e, "fwp", "rcg-dnat", 100, obj("ruleCollectionType", "FirewallPolicyNatRuleCollection",
                  "name", "dnat", "priority", 100, "action", obj("type", "DNAT"), "rules", arr(obj("ruleType", "NatRule",
                      "name", "in-443", "ipProtocols", arr("TCP"), "sourceAddresses", arr("*"), "destinationAddresses",
                      arr("20.20.0.1"), "destinationPorts", arr("443"), "translatedAddress", "10.1.1.10",
                      "translatedPort", "443"))));
              kvOnly(e, FW_IP);
            }, KV, false, DENY, PUBLIC_IP, FIREWALL_NO_RULE_MATCH),
        on("firewall Deny collection at 100 before an Allow at 200 → DENY FIREWALL_DENY_RULE",
            ReasonCoverageTest::viaFirewall, e -> {
              classicCollection(e, fwId("fw"), "networkRuleCollections", "net-allow", 200, "Allow",
                  networkRule("allow-kv", SNET_SRC, of("AzureKeyVault"), "443"));
              classicCollection(e, fwId("fw"), "networkRuleCollections", "net-deny", 100, "Deny",
                  networkRule("deny-kv", SNET_SRC, of("*"), "443"));
              kvOnly(e, FW_IP);
            }, KV, false, DENY, PUBLIC_IP, FIREWALL_DENY_RULE),
        on("firewall application rule for the vault's FQDN, target admits the firewall IP → ALLOW",
            ReasonCoverageTest::viaFirewall, e -> {
              classicCollection(e, fwId("fw"), "applicationRuleCollections", "app-allow", 300, "Allow",
                  applicationRule("kv-exact", SNET_SRC, "kv1.vault.azure.net"));
              kvOnly(e, FW_IP);
            }, KV, false, ALLOW, PUBLIC_IP, ADMITTED_BY_IP_RULE),
        on("firewall policy whose rule collection groups are not exported, target admits the firewall IP → UNKNOWN "
            + "FIREWALL_POLICY_NOT_IN_ESTATE (habit 5: not a guess)", ReasonCoverageTest::viaFirewall, e -> {
              usePolicy(e, fwId("fw"), "fwp");
              kvOnly(e, FW_IP);
            }, KV, false, UNKNOWN, PUBLIC_IP, FIREWALL_POLICY_NOT_IN_ESTATE),
        // ---- issue 14 §4: a part the scan could not read is not an empty part
        c("SQL server whose firewallRules the scan could not read (403) → UNKNOWN SCAN_READ_FAILED, not DENY", e ->
            sqlServer(e, "sql1", "westus").set("allowpathUnread", arr(obj("read", "firewallRules", "error",
                "HTTP 403 AuthorizationFailed"))), sqlId("sql1"), UNKNOWN, PUBLIC_IP, SCAN_READ_FAILED),
        on("approved-only managed network whose outboundRules the scan could not read → UNKNOWN SCAN_READ_FAILED, not "
            + "DENY", managed("AllowOnlyApprovedOutbound"), e -> {
              keyVault(e, "kv1", "eastus");
              e.mlWorkspace("mlw").node.set("allowpathUnread", arr(obj("read", "outboundRules", "error",
                  "HTTP 500 InternalServerError (after 7 attempts)")));
            }, KV, false, UNKNOWN, NONE, SCAN_READ_FAILED),
        // ---- AML managed network (§2.2 A1)
        on("approved-only managed network, no rule for an open target → DENY MANAGED_NETWORK_NOT_APPROVED",
            managed("AllowOnlyApprovedOutbound"), e -> keyVault(e, "kv1", "eastus"), KV, false, DENY, NONE,
            MANAGED_NETWORK_NOT_APPROVED),
        on("internet-outbound managed network against an IP-restricted target → DENY MANAGED_NETWORK_NO_STABLE_IP",
            managed("AllowInternetOutbound"), e -> kvOnly(e, NAT_IP), KV, false, DENY, PUBLIC_IP,
            MANAGED_NETWORK_NO_STABLE_IP),
        // ---- App Service access restrictions (§4.6 T10)
        c("App Service Deny at 100 before Allow at 200 for the NAT IP → DENY APP_SERVICE_DENY_RULE", e -> {
          ObjectNode w = web(e);
          restriction(w, "allow-range", 200, "Allow", "20.10.0.0/24", null);
          restriction(w, "deny-nat", 100, "Deny", NAT_IP + "/32", null);
        }, APP, DENY, PUBLIC_IP, EGRESS_IP_NOT_ADMITTED, APP_SERVICE_DENY_RULE),
        c("App Service Allow for another range → DENY APP_SERVICE_IMPLICIT_DENY",
            e -> restriction(web(e), "allow-other", 100, "Allow", "198.51.100.0/24", null), APP, DENY, PUBLIC_IP,
            EGRESS_IP_NOT_ADMITTED, APP_SERVICE_IMPLICIT_DENY),
        c("App Service site GET without its config/web → UNKNOWN APP_SERVICE_CONFIG_NOT_EXPORTED",
            e -> site(e, "app1", "eastus"), APP, UNKNOWN, PUBLIC_IP, APP_SERVICE_CONFIG_NOT_EXPORTED),
        c("App Service service-tag rule without a service tags file → UNKNOWN SERVICE_TAG_UNRESOLVED (§5 ST1)",
            e -> restriction(web(e), "df", 100, "Allow", "DataFactory.EastUS", "ServiceTag"), APP, UNKNOWN, PUBLIC_IP,
            SERVICE_TAG_UNRESOLVED),
        on("App Service service-tag rule resolved with the tags file → ALLOW ADMITTED_BY_IP_RULE", AccessCases::nat,
            e -> restriction(web(e), "df", 100, "Allow", "DataFactory.EastUS", "ServiceTag"), APP, true, ALLOW,
            PUBLIC_IP, ADMITTED_BY_IP_RULE),
        // ---- Databricks workspace as a target (§3.1: IP access lists live in the Databricks account)
        c("Databricks workspace with publicNetworkAccess Disabled, from an AML cluster → DENY PUBLIC_ACCESS_DISABLED",
            e -> put(e.databricks("dbw").node, "properties.publicNetworkAccess", "Disabled"), EstateJson.dbwId("dbw"),
            DENY, PUBLIC_IP, PUBLIC_ACCESS_DISABLED),
        c("Databricks workspace with publicNetworkAccess Enabled, from an AML cluster → ALLOW OPEN_TO_ALL_NETWORKS",
            e -> put(e.databricks("dbw").node, "properties.publicNetworkAccess", "Enabled"), EstateJson.dbwId("dbw"),
            ALLOW, PUBLIC_IP, OPEN_TO_ALL_NETWORKS),
        // ---- messaging (§4.7)
        c("Event Hubs namespace without its networkRuleSets/default → UNKNOWN NETWORK_RULE_SET_NOT_EXPORTED",
            e -> namespace(e, "Microsoft.EventHub", "eh1", "eastus"), ehId("eh1"), UNKNOWN, PUBLIC_IP,
            NETWORK_RULE_SET_NOT_EXPORTED),
        // ---- private endpoint DNS (§4.0)
        c("private endpoint in a peered hub whose zone is linked only to the hub → DENY PUBLIC_ACCESS_DISABLED, "
            + "PRIVATE_ENDPOINT_DNS_NOT_LINKED", e -> {
              e.vnet("vnet-hub").addressPrefix("10.0.0.0/16").subnet("snet-pe").addressPrefix("10.0.2.0/24");
              e.vnet(SPOKE).peering("spoke-to-hub", vnetId("vnet-hub"), false);
              put(denyExcept(keyVault(e, "kv1", "eastus")), "properties.publicNetworkAccess", "Disabled");
              privateEndpoint(e, "pe-kv", subnetId("vnet-hub", "snet-pe"), KV, "vault", "Approved");
              dnsZone(e, ZONE_KV);
              dnsLink(e, ZONE_KV, "link-hub", vnetId("vnet-hub"));
            }, KV, DENY, PUBLIC_IP, PUBLIC_ACCESS_DISABLED, PRIVATE_ENDPOINT_DNS_NOT_LINKED),
        // ---- issue 13: DNS as Azure resolves it (§8.1)
        c("zone linked but holding only another vault's record → DENY PUBLIC_ACCESS_DISABLED, PRIVATE_DNS_RECORD_MISSING",
            e -> {
              privateVault(e);
              aRecord(e, ZONE_KV, "kv-other", "10.1.2.9");
            }, KV, DENY, PUBLIC_IP, PUBLIC_ACCESS_DISABLED, PRIVATE_DNS_RECORD_MISSING),
        c("zone linked, its records not exported → UNKNOWN PUBLIC_ACCESS_DISABLED, PRIVATE_DNS_RECORDS_UNKNOWN",
            ReasonCoverageTest::privateVault, KV, UNKNOWN, PUBLIC_IP, PUBLIC_ACCESS_DISABLED, PRIVATE_DNS_RECORDS_UNKNOWN),
        c("custom DNS servers on the compute VNet → UNKNOWN PUBLIC_ACCESS_DISABLED, PRIVATE_DNS_CUSTOM_SERVERS", e -> {
          privateVault(e);
          aRecord(e, ZONE_KV, "kv1", "10.1.2.4");
          put(e.resource(vnetId(SPOKE), "Microsoft.Network/virtualNetworks", "eastus"), "properties.dhcpOptions.dnsServers",
              arr("10.0.0.4"));
        }, KV, UNKNOWN, PUBLIC_IP, PUBLIC_ACCESS_DISABLED, PRIVATE_DNS_CUSTOM_SERVERS),
        // ---- issue 13: the path (§8.4, §8.6, §8.9)
        on("network rule through a firewall whose SNAT private ranges are 0.0.0.0/0 → DENY FIREWALL_NO_SNAT_TO_INTERNET",
            ReasonCoverageTest::viaFirewall, e -> {
              classicCollection(e, fwId("fw"), "networkRuleCollections", "net-allow", 200, "Allow",
                  networkRule("allow-kv", SNET_SRC, of("AzureKeyVault"), "443"));
              put(e.resource(fwId("fw"), "Microsoft.Network/azureFirewalls", "eastus"), "properties.additionalProperties",
                  obj("Network.SNAT.PrivateRanges", "0.0.0.0/0"));
              keyVault(e, "kv1", "eastus");
            }, KV, false, DENY, PUBLIC_IP, FIREWALL_NO_SNAT_TO_INTERNET),
        on("network rule through a firewall whose policy learns its private ranges → UNKNOWN FIREWALL_SNAT_AUTO_LEARN",
            ReasonCoverageTest::viaFirewall, e -> {
              usePolicy(e, fwId("fw"), "fwp");
              put(e.resource(policyId("fwp"), "Microsoft.Network/firewallPolicies", "eastus"), "properties.snat",
                  obj("autoLearnPrivateRanges", "Enabled"));
              ruleCollectionGroup(e, "fwp", "rcg", 100, filterCollection("allow", 100, "Allow",
                  policyNetworkRule("allow-kv", SNET_SRC, of("AzureKeyVault"), "443")));
              keyVault(e, "kv1", "eastus");
            }, KV, false, UNKNOWN, PUBLIC_IP, FIREWALL_SNAT_AUTO_LEARN),
        c("NAT path in a VNet with an ExpressRoute gateway and no disableBgpRoutePropagation → AMBIGUOUS "
            + "OPEN_TO_ALL_NETWORKS, BGP_ROUTES_MAY_OVERRIDE", e -> {
              e.vnet(SPOKE).subnet("GatewaySubnet").addressPrefix("10.1.255.0/27");
              e.vnetGateway("vgw", "ExpressRoute", subnetId(SPOKE, "GatewaySubnet"));
              keyVault(e, "kv1", "eastus");
            }, KV, AMBIGUOUS, PUBLIC_IP, OPEN_TO_ALL_NETWORKS, BGP_ROUTES_MAY_OVERRIDE),
        c("subnet NSG denying Internet outbound before the default allow → DENY NSG_DENY_RULE", e -> {
          ObjectNode nsg = e.resource(EstateJson.net("networkSecurityGroups", "nsg1"), "Microsoft.Network/networkSecurityGroups",
              "eastus");
          add(nsg, "properties.securityRules", obj("name", "DenyInternet", "properties", obj("protocol", "*",
              "sourcePortRange", "*", "destinationPortRange", "*", "sourceAddressPrefix", "*", "destinationAddressPrefix",
              "Internet", "access", "Deny", "priority", 4000, "direction", "Outbound")));
          put(e.resource(subnetId(SPOKE, "snet"), "Microsoft.Network/virtualNetworks/subnets", null),
              "properties.networkSecurityGroup", obj("id", EstateJson.net("networkSecurityGroups", "nsg1")));
          keyVault(e, "kv1", "eastus");
        }, KV, DENY, PUBLIC_IP, NSG_DENY_RULE),
        c("SQL connection policy Redirect, subnet NSG allowing Sql 1433 only → DENY SQL_REDIRECT_PORTS_BLOCKED (§8.10)",
            e -> {
              ObjectNode nsg = e.resource(EstateJson.net("networkSecurityGroups", "nsg1"),
                  "Microsoft.Network/networkSecurityGroups", "eastus");
              add(nsg, "properties.securityRules", obj("name", "AllowSql", "properties", obj("protocol", "Tcp",
                  "sourcePortRange", "*", "destinationPortRange", "1433", "sourceAddressPrefix", "*",
                  "destinationAddressPrefix", "Sql", "access", "Allow", "priority", 100, "direction", "Outbound")));
              add(nsg, "properties.securityRules", obj("name", "DenyInternet", "properties", obj("protocol", "*",
                  "sourcePortRange", "*", "destinationPortRange", "*", "sourceAddressPrefix", "*",
                  "destinationAddressPrefix", "Internet", "access", "Deny", "priority", 4000, "direction", "Outbound")));
              put(e.vnet(SPOKE).subnet("snet").node, "properties.networkSecurityGroup",
                  obj("id", EstateJson.net("networkSecurityGroups", "nsg1")));
              sqlServer(e, "sql1", "eastus");
              sqlFirewallRule(e, "sql1", "nat", NAT_IP, NAT_IP);
              sqlConnectionPolicy(e, "sql1", "Redirect");
            }, sqlId("sql1"), DENY, PUBLIC_IP, SQL_REDIRECT_PORTS_BLOCKED),
        // ---- issue 13: tiers and perimeters (§8.7, §8.8)
        c("Service Bus Standard with an IP rule: rules are Premium only → ALLOW OPEN_TO_ALL_NETWORKS, "
            + "MESSAGING_RULES_NEED_TIER", e -> {
              namespace(e, "Microsoft.ServiceBus", "sb1", "eastus");
              networkRuleSet(e, "Microsoft.ServiceBus", "sb1", "Deny", "198.51.100.0/24");
            }, sbId("sb1"), ALLOW, PUBLIC_IP, OPEN_TO_ALL_NETWORKS, MESSAGING_RULES_NEED_TIER),
        c("publicNetworkAccess SecuredByPerimeter without the perimeter exported → UNKNOWN PERIMETER_NOT_IN_ESTATE",
            e -> put(keyVault(e, "kv1", "eastus"), "properties.publicNetworkAccess", "SecuredByPerimeter"), KV, UNKNOWN,
            PUBLIC_IP, PERIMETER_NOT_IN_ESTATE),
        c("SecuredByPerimeter whose profile admits the compute's subscription, not its address → AMBIGUOUS "
            + "PERIMETER_SUBSCRIPTION_RULE", e -> {
              PerimeterAccessTest.securedVault(e);
              PerimeterAccessTest.perimeter(e, "Enforced", "198.51.100.0/24");
              put(e.resource(PerimeterAccessTest.PROFILE + "/accessRules/inbound-ml",
                  "Microsoft.Network/networkSecurityPerimeters/profiles/accessRules", "eastus"),
                  "properties.subscriptions", arr(obj("id", EstateJson.SUB)));
            }, KV, AMBIGUOUS, PUBLIC_IP, EGRESS_IP_NOT_ADMITTED, PERIMETER_SUBSCRIPTION_RULE));
  }

  /** kv1 with public access disabled, private endpoint pe-kv in snet-pe, the vault zone linked to the spoke. */
  static void privateVault(EstateJson e) {
    e.vnet(SPOKE).subnet("snet-pe").addressPrefix("10.1.2.0/24");
    put(denyExcept(keyVault(e, "kv1", "eastus")), "properties.publicNetworkAccess", "Disabled");
    privateEndpoint(e, "pe-kv", subnetId(SPOKE, "snet-pe"), KV, "vault", "Approved");
    dnsZone(e, ZONE_KV);
    dnsLink(e, ZONE_KV, "link-spoke", vnetId(SPOKE));
  }

  static Stream<Arguments> table() {
    return cases().stream().map(k -> Arguments.argumentSet(k.name(), k));
  }

  /** The evaluated verdict and the matrix's answer for the same pair. */
  record Result(Verdict verdict, Outcome matrixOutcome, List<Reason> matrixReasons) {}

  static Result run(Case k, Path dir) {
    EstateJson json = k.base().get();
    k.setup().accept(json);
    Estate estate = json.load(dir);
    ServiceTags tags = k.tags() ? AccessCases.tags(dir) : null;
    EgressResolver resolver = new EgressResolver(estate, tags);
    AccessEvaluator evaluator = new AccessEvaluator(resolver, tags);
    Compute c = resolver.computes().stream().filter(x -> x.key().equalsIgnoreCase(k.compute())).findFirst()
        .orElseThrow(() -> new AssertionError("no compute " + k.compute() + " in " + resolver.computes()));
    Target t = targets(estate).stream().filter(x -> x.id().equals(ResourceId.of(k.target()))).findFirst()
        .orElseThrow(() -> new AssertionError("no target " + k.target() + " in " + targets(estate)));
    Verdict v = evaluator.evaluate(c, t);
    List<Object[]> seen = new ArrayList<>();
    AccessEvaluator other = new AccessEvaluator(new EgressResolver(estate, tags), tags);
    Matrix.visit(other, List.of(c), List.of(t), (cs, tt, o, rs) -> seen.add(new Object[] {o, List.copyOf(rs)}));
    assertThat(seen).as("the matrix answers the pair once").hasSize(1);
    @SuppressWarnings("unchecked")
    List<Reason> mr = (List<Reason>) seen.get(0)[1];
    return new Result(v, (Outcome) seen.get(0)[0], mr);
  }

  static List<Target> targets(Estate estate) {
    List<Target> out = new ArrayList<>();
    for (Object o : estate.resources().values()) {
      if (o instanceof Target t) {
        out.add(t);
      }
    }
    return out;
  }

  static String show(Verdict v) {
    StringBuilder b = new StringBuilder(v.outcome() + " " + v.via() + " " + v.reasons());
    for (Hop h : v.hops()) {
      b.append("\n  ").append(h.kind()).append(' ').append(h.resource() == null ? "-" : h.resource().name())
          .append(": ").append(h.detail());
    }
    return b.toString();
  }

  @ParameterizedTest
  @MethodSource("table")
  void verdictPinsOutcomeViaAndReasons(Case k) {
    Result r = run(k, dir);
    Verdict v = r.verdict();
    assertThat(v.outcome()).as("outcome: %s", show(v)).isEqualTo(k.outcome());
    assertThat(v.via()).as("via: %s", show(v)).isEqualTo(k.via());
    assertThat(v.reasons()).as("reasons, in order: %s", show(v)).containsExactlyElementsOf(k.reasons());
    assertThat(v.hops()).as("the last hop is the target's decision: %s", show(v)).isNotEmpty();
    assertThat(r.matrixOutcome() + " " + r.matrixReasons()).as("the matrix on the same pair: %s", show(v))
        .isEqualTo(v.outcome() + " " + v.reasons());
  }

  @Test
  void everyReasonIsProducedByACase() throws Exception {
    Map<Reason, String> producedBy = new EnumMap<>(Reason.class);
    int i = 0;
    for (Case k : cases()) {
      Path d = Files.createDirectories(dir.resolve("case" + i++));
      Verdict v = run(k, d).verdict();
      if (v.outcome() == k.outcome() && v.reasons().equals(k.reasons())) { // only cases that pass count
        v.reasons().forEach(r -> producedBy.putIfAbsent(r, k.name()));
      }
    }
    Set<Reason> missing = EnumSet.allOf(Reason.class);
    missing.removeAll(producedBy.keySet());
    missing.removeAll(NOT_PRODUCIBLE.keySet());
    assertThat(missing).as("reasons no passing case produces (add a case that pins each)").isEmpty();
    Set<Reason> listedButProduced = EnumSet.noneOf(Reason.class);
    listedButProduced.addAll(NOT_PRODUCIBLE.keySet());
    listedButProduced.retainAll(producedBy.keySet());
    assertThat(listedButProduced).as("reasons listed as not producible that a case now produces").isEmpty();
  }
}
