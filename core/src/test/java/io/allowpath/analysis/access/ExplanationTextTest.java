package io.allowpath.analysis.access;

import static io.allowpath.analysis.access.AccessCases.CLUSTER;
import static io.allowpath.analysis.access.AccessCases.NAT_IP;
import static io.allowpath.analysis.access.AccessCases.SNET_ID;
import static io.allowpath.analysis.access.AccessCases.SPOKE;
import static io.allowpath.analysis.access.AccessCases.hop;
import static io.allowpath.analysis.access.AccessCases.on;
import static io.allowpath.analysis.access.Outcome.ALLOW;
import static io.allowpath.analysis.access.Outcome.AMBIGUOUS;
import static io.allowpath.analysis.access.Outcome.DENY;
import static io.allowpath.analysis.access.Outcome.UNKNOWN;
import static io.allowpath.analysis.access.ReasonCoverageTest.FW_IP;
import static io.allowpath.analysis.access.ReasonCoverageTest.KV;
import static io.allowpath.analysis.access.ReasonCoverageTest.SNET_SRC;
import static io.allowpath.analysis.access.ReasonCoverageTest.kvOnly;
import static io.allowpath.testing.EstateJson.fwId;
import static io.allowpath.testing.EstateJson.pipId;
import static io.allowpath.testing.EstateJson.rtId;
import static io.allowpath.testing.EstateJson.subnetId;
import static io.allowpath.testing.TargetJson.classicCollection;
import static io.allowpath.testing.TargetJson.denyExcept;
import static io.allowpath.testing.TargetJson.keyVault;
import static io.allowpath.testing.TargetJson.networkRule;
import static io.allowpath.testing.TargetJson.obj;
import static io.allowpath.testing.TargetJson.of;
import static io.allowpath.testing.TargetJson.put;
import static io.allowpath.testing.TargetJson.storage;
import static io.allowpath.testing.TargetJson.storageId;
import static io.allowpath.testing.TargetJson.vnetRule;
import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.analysis.access.AccessCases.Case;
import io.allowpath.analysis.access.AccessCases.Check;
import io.allowpath.analysis.egress.HopKind;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@code check -v} says at the step that decides, path by path: each case pins the words of the hop that
 * explains the verdict (the explaining decision path writes them only when explaining, so a test that checks only
 * outcomes and reasons cannot tell them missing; written from AccessEvaluator's PIT survivors).
 */
class ExplanationTextTest {
  @TempDir Path dir;

  /** A hop of this kind, on any resource, whose words contain {@code text}. */
  static Check says(HopKind kind, String text) {
    return v -> assertThat(v.hops()).as("a %s hop saying '%s' in %s", kind, text, AccessCases.show(v))
        .anyMatch(h -> h.kind() == kind && h.detail() != null && h.detail().contains(text));
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        on("service endpoint to a vault whose public access is disabled", AccessCases.nat(), e -> {
          e.vnet(SPOKE).subnet("snet").serviceEndpoint("Microsoft.KeyVault", "*");
          put(denyExcept(keyVault(e, "kv1", "eastus")), "properties.publicNetworkAccess", "Disabled");
        }, CLUSTER, KV, false, DENY, Via.SERVICE_ENDPOINT, List.of(SNET_ID), List.of(Reason.PUBLIC_ACCESS_DISABLED),
            hop(HopKind.TARGET, KV, "service endpoint traffic is refused too")),
        on("service endpoint and a VNet rule for the subnet", AccessCases.nat(), e -> {
          e.vnet(SPOKE).subnet("snet").serviceEndpoint("Microsoft.KeyVault", "*");
          vnetRule(denyExcept(keyVault(e, "kv1", "eastus")), SNET_ID);
        }, CLUSTER, KV, false, ALLOW, Via.SERVICE_ENDPOINT, List.of(SNET_ID), List.of(Reason.ADMITTED_BY_VNET_RULE),
            hop(HopKind.TARGET, KV, "VNet rule for subnet snet admits it")),
        on("service endpoint shadowing the IP rule for the NAT address", AccessCases.nat(), e -> {
          e.vnet(SPOKE).subnet("snet").serviceEndpoint("Microsoft.KeyVault", "*");
          kvOnly(e, NAT_IP);
        }, CLUSTER, KV, false, DENY, Via.SERVICE_ENDPOINT, List.of(SNET_ID),
            List.of(Reason.SERVICE_ENDPOINT_NO_VNET_RULE, Reason.IP_RULE_SHADOWED_BY_SERVICE_ENDPOINT),
            hop(HopKind.NOTE, KV, "covers the compute's public egress but cannot match"),
            hop(HopKind.TARGET, KV, "subnet snet is not in the VNet rules")),
        on("an IP rule admits the NAT address", AccessCases.nat(), e -> kvOnly(e, NAT_IP), CLUSTER, KV, false, ALLOW,
            Via.PUBLIC_IP, List.of(NAT_IP), List.of(Reason.ADMITTED_BY_IP_RULE),
            hop(HopKind.TARGET, KV, "every egress address (20.10.0.1) is admitted"),
            says(HopKind.NAT_GATEWAY, "NAT gateway ng")),
        on("one of two NAT addresses admitted", AccessCases.nat(), e -> {
          e.publicIp("pip-ng2", "20.10.0.2");
          e.natGateway("ng").publicIp(pipId("pip-ng2"));
          kvOnly(e, NAT_IP);
        }, CLUSTER, KV, false, AMBIGUOUS, Via.PUBLIC_IP, List.of("20.10.0.1", "20.10.0.2"), List.of(Reason.SOME_EGRESS_IPS_NOT_ADMITTED),
            hop(HopKind.TARGET, KV, "20.10.0.1 admitted, 20.10.0.2 not: connections fail at random")),
        on("default outbound access inside a /8 rule", AccessCases.bare(), e -> kvOnly(e, "20.0.0.0/8"), CLUSTER, KV,
            false, AMBIGUOUS, Via.PUBLIC_IP, List.of(), List.of(Reason.EGRESS_UNSTABLE, Reason.ADMITTED_BY_BROAD_RULE),
            hop(HopKind.TARGET, KV, "falls in")),
        on("forced tunnelling to a VPN gateway against an IP-restricted vault", AccessCases.nat(), e -> {
          e.vnet(SPOKE).subnet("GatewaySubnet").addressPrefix("10.1.255.0/27");
          e.vnetGateway("vgw", "Vpn", subnetId(SPOKE, "GatewaySubnet"));
          e.routeTable("rt").route("default", "0.0.0.0/0", "VirtualNetworkGateway", null);
          e.vnet(SPOKE).subnet("snet").routeTable(rtId("rt"));
          kvOnly(e, NAT_IP);
        }, CLUSTER, KV, false, UNKNOWN, Via.PUBLIC_IP, List.of(), List.of(Reason.ON_PREMISES_EGRESS),
            hop(HopKind.TARGET, KV, "the on-premises egress address is not in the estate")),
        on("storage exported without a location", AccessCases.nat(),
            e -> denyExcept(storage(e, "stnoloc", "eastus"), NAT_IP).remove("location"), CLUSTER, storageId("stnoloc"),
            false, UNKNOWN, Via.PUBLIC_IP, List.of(NAT_IP), List.of(Reason.REGION_UNKNOWN),
            hop(HopKind.TARGET, storageId("stnoloc"), "storage account's")),
        on("a route to an appliance address with nothing behind it", AccessCases.nat(), e -> {
          e.routeTable("rt").route("default", "0.0.0.0/0", "VirtualAppliance", "10.9.9.9");
          e.vnet(SPOKE).subnet("snet").routeTable(rtId("rt"));
          kvOnly(e, NAT_IP);
        }, CLUSTER, KV, false, UNKNOWN, Via.NONE, List.of(), List.of(Reason.EGRESS_UNKNOWN),
            hop(HopKind.TARGET, KV, "egress unknown: ")),
        on("network rule through a firewall that never SNATs (private ranges 0.0.0.0/0)",
            ReasonCoverageTest.viaFirewall(), e -> {
              classicCollection(e, fwId("fw"), "networkRuleCollections", "net-allow", 200, "Allow",
                  networkRule("allow-kv", SNET_SRC, of("AzureKeyVault"), "443"));
              put(e.resource(fwId("fw"), "Microsoft.Network/azureFirewalls", "eastus"), "properties.additionalProperties",
                  obj("Network.SNAT.PrivateRanges", "0.0.0.0/0"));
              keyVault(e, "kv1", "eastus");
            }, CLUSTER, KV, false, DENY, Via.PUBLIC_IP, List.of(FW_IP), List.of(Reason.FIREWALL_NO_SNAT_TO_INTERNET),
            hop(HopKind.SNAT, fwId("fw")), hop(HopKind.FIREWALL_RULE, fwId("fw"), "allow-kv")),
        on("an ExpressRoute gateway in the VNet (BGP caveat)", AccessCases.nat(), e -> {
          e.vnet(SPOKE).subnet("GatewaySubnet").addressPrefix("10.1.255.0/27");
          e.vnetGateway("vgw", "ExpressRoute", subnetId(SPOKE, "GatewaySubnet"));
          keyVault(e, "kv1", "eastus");
        }, CLUSTER, KV, false, AMBIGUOUS, Via.PUBLIC_IP, List.of(NAT_IP),
            List.of(Reason.OPEN_TO_ALL_NETWORKS, Reason.BGP_ROUTES_MAY_OVERRIDE), says(HopKind.NOTE, "a gateway-learned default route would take this traffic on-premises")));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void theDecidingStepIsExplained(Case k) {
    AccessCases.verify(k, dir);
  }
}
