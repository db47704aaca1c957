package io.allowpath.analysis.egress;

import static io.allowpath.analysis.egress.EgressResolverTest.CLUSTER;
import static io.allowpath.analysis.egress.EgressResolverTest.DBW_CONTAINER;
import static io.allowpath.analysis.egress.EgressResolverTest.HUB;
import static io.allowpath.analysis.egress.EgressResolverTest.INTERNET;
import static io.allowpath.analysis.egress.EgressResolverTest.SNET;
import static io.allowpath.analysis.egress.EgressResolverTest.SPOKE;
import static io.allowpath.analysis.egress.EgressResolverTest.STORAGE_EASTUS;
import static io.allowpath.analysis.egress.EgressResolverTest.aml;
import static io.allowpath.analysis.egress.EgressResolverTest.c;
import static io.allowpath.analysis.egress.EgressResolverTest.dbxInjected;
import static io.allowpath.analysis.egress.EgressResolverTest.defaultTo;
import static io.allowpath.analysis.egress.EgressResolverTest.firewall;
import static io.allowpath.analysis.egress.EgressResolverTest.firewallInSpoke;
import static io.allowpath.analysis.egress.EgressResolverTest.gatewayIn;
import static io.allowpath.analysis.egress.EgressResolverTest.hop;
import static io.allowpath.analysis.egress.EgressResolverTest.natOnSnet;
import static io.allowpath.analysis.egress.EgressResolverTest.noHop;
import static io.allowpath.testing.EstateJson.fwId;
import static io.allowpath.testing.EstateJson.gatewayId;
import static io.allowpath.testing.EstateJson.lbId;
import static io.allowpath.testing.EstateJson.pipId;
import static io.allowpath.testing.EstateJson.rtId;
import static io.allowpath.testing.EstateJson.subnetId;
import static io.allowpath.testing.EstateJson.vnetId;
import static io.allowpath.testing.TargetJson.add;
import static io.allowpath.testing.TargetJson.arr;
import static io.allowpath.testing.TargetJson.obj;
import static io.allowpath.testing.TargetJson.policyId;
import static io.allowpath.testing.TargetJson.put;
import static io.allowpath.testing.TargetJson.ref;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.analysis.egress.EgressResolverTest.Case;
import io.allowpath.analysis.egress.EgressResolverTest.Check;
import io.allowpath.testing.EstateJson;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Platform modes of AZURE-EGRESS.md §8.3–§8.6, each written in the documented ARM shape:
 * firewall {@code managementIpConfiguration} + an AzureFirewallSubnet default route (forced tunnelling,
 * https://learn.microsoft.com/azure/firewall/forced-tunneling); classic
 * {@code additionalProperties["Network.SNAT.PrivateRanges"]} and policy {@code snat.privateRanges} /
 * {@code autoLearnPrivateRanges} (https://learn.microsoft.com/azure/firewall/snat-private-range);
 * {@code loadBalancingRules[].properties.disableOutboundSnat}
 * (https://learn.microsoft.com/azure/load-balancer/outbound-rules); gateway-learned routes with
 * {@code disableBgpRoutePropagation} and peering {@code useRemoteGateways}
 * (https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview).
 */
class EgressPlatformModesTest {
  static final String FW_SUBNET = subnetId(SPOKE, "AzureFirewallSubnet");

  /** The spoke's cluster routed to firewall fw (10.1.0.4, public 20.20.0.1). */
  static void toFirewall(EstateJson e) {
    firewallInSpoke(e);
    defaultTo(e, "VirtualAppliance", "10.1.0.4");
  }

  static ObjectNode fwNode(EstateJson e) {
    return e.resource(fwId("fw"), "Microsoft.Network/azureFirewalls", "eastus");
  }

  /** The firewall's management IP configuration in AzureFirewallManagementSubnet. */
  static void management(EstateJson e) {
    e.vnet(SPOKE).subnet("AzureFirewallManagementSubnet").addressPrefix("10.1.0.64/26");
    put(fwNode(e), "properties.managementIpConfiguration", obj("name", "mgmt", "properties",
        obj("subnet", ref(subnetId(SPOKE, "AzureFirewallManagementSubnet")), "publicIPAddress", ref(pipId("pip-fw-mgmt")))));
  }

  /** Route table rt-fw on AzureFirewallSubnet with 0.0.0.0/0 to the given next hop. */
  static void firewallDefault(EstateJson e, String nextHopType, String ip) {
    e.routeTable("rt-fw").route("fw-default", "0.0.0.0/0", nextHopType, ip);
    e.vnet(SPOKE).subnet("AzureFirewallSubnet").routeTable(rtId("rt-fw"));
  }

  static Check snat(SnatMode m) {
    return x -> assertThat(x.networkRuleSnat()).as("networkRuleSnat; hops %s", x.hops()).isEqualTo(m);
  }

  static Check bgp(boolean b) {
    return x -> assertThat(x.bgpMayOverride()).as("bgpMayOverride; hops %s", x.hops()).isEqualTo(b);
  }

  static Stream<Arguments> forcedTunnelling() {
    return Stream.of(
        c("forced tunnelling: management IP configuration + AzureFirewallSubnet 0/0 → VirtualNetworkGateway → ON_PREMISES",
            aml(), e -> {
              toFirewall(e);
              management(e);
              firewallDefault(e, "VirtualNetworkGateway", null);
              gatewayIn(e, SPOKE, "Vpn");
            }, CLUSTER, INTERNET, EgressMode.ON_PREMISES, List.of(), hop(HopKind.FORCED_TUNNEL, fwId("fw")),
            hop(HopKind.GATEWAY, gatewayId("vgw")), firewall(fwId("fw"))),
        c("forced tunnelling to an appliance: egress is the appliance's public IP, the Azure Firewall still filters",
            aml(), e -> {
              toFirewall(e);
              management(e);
              e.vnet(SPOKE).subnet("nva").addressPrefix("10.1.5.0/24");
              e.nic("nva-nic", true, "10.1.5.4", subnetId(SPOKE, "nva"), e.publicIp("pip-nva", "20.50.0.1"));
              firewallDefault(e, "VirtualAppliance", "10.1.5.4");
            }, CLUSTER, INTERNET, EgressMode.APPLIANCE, List.of("20.50.0.1"), hop(HopKind.FORCED_TUNNEL, fwId("fw")),
            firewall(fwId("fw"))),
        c("without a management IP configuration the firewall is not force-tunnelled: it leaves with its public IP",
            aml(), e -> {
              toFirewall(e);
              firewallDefault(e, "VirtualNetworkGateway", null);
              gatewayIn(e, SPOKE, "Vpn");
            }, CLUSTER, INTERNET, EgressMode.FIREWALL, List.of("20.20.0.1"), noHop(HopKind.FORCED_TUNNEL),
            firewall(fwId("fw"))),
        c("management IP configuration but AzureFirewallSubnet 0/0 → Internet: not tunnelled",
            aml(), e -> {
              toFirewall(e);
              management(e);
              firewallDefault(e, "Internet", null);
            }, CLUSTER, INTERNET, EgressMode.FIREWALL, List.of("20.20.0.1"), noHop(HopKind.FORCED_TUNNEL)));
  }

  static Stream<Arguments> snatRanges() {
    return Stream.of(
        c("no private ranges set: IANA default, public destinations are SNATed", aml(), EgressPlatformModesTest::toFirewall,
            CLUSTER, INTERNET, EgressMode.FIREWALL, List.of("20.20.0.1"), snat(SnatMode.SNAT)),
        c("classic Network.SNAT.PrivateRanges 0.0.0.0/0: never SNAT network-rule traffic", aml(), e -> {
          toFirewall(e);
          put(fwNode(e), "properties.additionalProperties", obj("Network.SNAT.PrivateRanges", "0.0.0.0/0"));
        }, CLUSTER, INTERNET, EgressMode.FIREWALL, List.of("20.20.0.1"), snat(SnatMode.NOT_SNATED),
            hop(HopKind.SNAT, fwId("fw"))),
        c("classic IANAPrivateRanges keyword plus a private range: public destinations still SNATed", aml(), e -> {
          toFirewall(e);
          put(fwNode(e), "properties.additionalProperties", obj("Network.SNAT.PrivateRanges", "IANAPrivateRanges,192.0.2.0/24"));
        }, CLUSTER, STORAGE_EASTUS, EgressMode.FIREWALL, List.of("20.20.0.1"), snat(SnatMode.NEEDS_TAGS)),
        c("classic range with only RFC 1918 space: SNATed", aml(), e -> {
          toFirewall(e);
          put(fwNode(e), "properties.additionalProperties", obj("Network.SNAT.PrivateRanges", "IANAPrivateRanges,10.0.0.0/8"));
        }, CLUSTER, STORAGE_EASTUS, EgressMode.FIREWALL, List.of("20.20.0.1"), snat(SnatMode.SNAT)),
        c("policy snat.privateRanges 0.0.0.0/0: not SNATed", aml(), e -> {
          toFirewall(e);
          put(fwNode(e), "properties.firewallPolicy", ref(policyId("pol")));
          put(e.resource(policyId("pol"), "Microsoft.Network/firewallPolicies", "eastus"), "properties.snat",
              obj("privateRanges", arr("0.0.0.0/0")));
        }, CLUSTER, STORAGE_EASTUS, EgressMode.FIREWALL, List.of("20.20.0.1"), snat(SnatMode.NOT_SNATED)),
        c("policy autoLearnPrivateRanges Enabled: the ranges are not in the estate", aml(), e -> {
          toFirewall(e);
          put(fwNode(e), "properties.firewallPolicy", ref(policyId("pol")));
          put(e.resource(policyId("pol"), "Microsoft.Network/firewallPolicies", "eastus"), "properties.snat",
              obj("privateRanges", arr("IANAPrivateRanges"), "autoLearnPrivateRanges", "Enabled"));
        }, CLUSTER, STORAGE_EASTUS, EgressMode.FIREWALL, List.of("20.20.0.1"), snat(SnatMode.AUTO_LEARN),
            hop(HopKind.SNAT, policyId("pol"))),
        c("a public range covering part of the internet: partly SNATed", aml(), e -> {
          toFirewall(e);
          put(fwNode(e), "properties.additionalProperties", obj("Network.SNAT.PrivateRanges", "IANAPrivateRanges,20.0.0.0/8"));
        }, CLUSTER, INTERNET, EgressMode.FIREWALL, List.of("20.20.0.1"), snat(SnatMode.PARTLY_SNATED)),
        c("no firewall on the path: no SNAT question", aml(), EgressResolverTest::natOnSnet, CLUSTER, INTERNET,
            EgressMode.NAT_GATEWAY, List.of("20.10.0.1"), snat(null)));
  }

  static Stream<Arguments> loadBalancers() {
    return Stream.of(
        c("load-balancing rule without disableOutboundSnat gives the backend pool SNAT through its frontend",
            dbxInjected(true), e -> {
              lbWithRule(e, false);
            }, DBW_CONTAINER, INTERNET, EgressMode.LOAD_BALANCER, List.of("20.60.0.1"), hop(HopKind.LOAD_BALANCER, lbId("lb"))),
        c("disableOutboundSnat: true gives no SNAT: default outbound access", dbxInjected(true), e -> {
          lbWithRule(e, true);
        }, DBW_CONTAINER, INTERNET, EgressMode.DEFAULT_OUTBOUND, List.of()),
        c("an outbound rule for the pool wins over the load-balancing rule's frontend", dbxInjected(true), e -> {
          lbWithRule(e, false);
          e.publicIp("pip-out", "20.60.0.9");
          e.loadBalancer("lb").frontend("fe-out", pipId("pip-out")).outboundRule("out", "fe-out", "pool");
        }, DBW_CONTAINER, INTERNET, EgressMode.LOAD_BALANCER, List.of("20.60.0.9")));
  }

  /** Load balancer lb with frontend fe (20.60.0.1), pool "pool", load-balancing rule lbr; Databricks uses it. */
  static void lbWithRule(EstateJson e, boolean disableOutboundSnat) {
    e.publicIp("pip-lb", "20.60.0.1");
    EstateJson.LoadBalancer lb = e.loadBalancer("lb").frontend("fe", pipId("pip-lb")).backendPool("pool");
    add(lb.node, "properties.loadBalancingRules", obj("name", "lbr", "id", lb.id() + "/loadBalancingRules/lbr",
        "properties", obj("frontendIPConfiguration", ref(lb.id() + "/frontendIPConfigurations/fe"),
            "backendAddressPool", ref(lb.id() + "/backendAddressPools/pool"), "protocol", "Tcp", "frontendPort", 443,
            "backendPort", 443, "disableOutboundSnat", disableOutboundSnat)));
    e.databricks("dbw").outboundLoadBalancer(lbId("lb"), "pool");
  }

  static Stream<Arguments> bgp() {
    return Stream.of(
        c("an ExpressRoute gateway in the VNet can advertise 0/0 over the NAT gateway path: caveat", aml(), e -> {
          natOnSnet(e);
          gatewayIn(e, SPOKE, "ExpressRoute");
        }, CLUSTER, INTERNET, EgressMode.NAT_GATEWAY, List.of("20.10.0.1"), bgp(true), hop(HopKind.BGP, gatewayId("vgw"))),
        c("disableBgpRoutePropagation on the subnet's route table removes the caveat", aml(), e -> {
          natOnSnet(e);
          gatewayIn(e, SPOKE, "ExpressRoute");
          put(e.routeTable("rt").node, "properties.disableBgpRoutePropagation", true);
          e.vnet(SPOKE).subnet(SNET).routeTable(rtId("rt"));
        }, CLUSTER, INTERNET, EgressMode.NAT_GATEWAY, List.of("20.10.0.1"), bgp(false), noHop(HopKind.BGP)),
        c("a peering with useRemoteGateways to a hub with a BGP-enabled VPN gateway: caveat naming the hub gateway",
            aml(), e -> {
              natOnSnet(e);
              e.vnet(HUB).addressPrefix("10.0.0.0/16");
              gatewayIn(e, HUB, "Vpn");
              put(e.resource(gatewayId("vgw"), "Microsoft.Network/virtualNetworkGateways", "eastus"), "properties.enableBgp",
                  true);
              e.vnet(SPOKE).peering("spoke-to-hub", vnetId(HUB), true);
            }, CLUSTER, INTERNET, EgressMode.NAT_GATEWAY, List.of("20.10.0.1"), bgp(true), hop(HopKind.BGP, gatewayId("vgw"))),
        c("a VPN gateway without BGP (enableBgp false) learns no routes to propagate: no caveat", aml(), e -> {
          natOnSnet(e);
          e.vnet(HUB).addressPrefix("10.0.0.0/16");
          gatewayIn(e, HUB, "Vpn");
          put(e.resource(gatewayId("vgw"), "Microsoft.Network/virtualNetworkGateways", "eastus"), "properties.enableBgp",
              false);
          e.vnet(SPOKE).peering("spoke-to-hub", vnetId(HUB), true);
        }, CLUSTER, INTERNET, EgressMode.NAT_GATEWAY, List.of("20.10.0.1"), bgp(false)),
        c("a peering with useRemoteGateways whose hub gateway is not exported: caveat (conservative)", aml(), e -> {
          natOnSnet(e);
          e.vnet(HUB).addressPrefix("10.0.0.0/16");
          e.vnet(SPOKE).peering("spoke-to-hub", vnetId(HUB), true);
        }, CLUSTER, INTERNET, EgressMode.NAT_GATEWAY, List.of("20.10.0.1"), bgp(true), hop(HopKind.BGP, vnetId(HUB))),
        c("UDRs 0/0 beat a BGP default route on a tie (compute subnet to the firewall, firewall subnet to Internet)",
            aml(), e -> {
              toFirewall(e);
              gatewayIn(e, SPOKE, "ExpressRoute");
              firewallDefault(e, "Internet", null);
            }, CLUSTER, INTERNET, EgressMode.FIREWALL, List.of("20.20.0.1"), bgp(false)),
        c("service endpoint routes are preferred over BGP routes: no caveat", aml(), e -> {
          natOnSnet(e);
          gatewayIn(e, SPOKE, "ExpressRoute");
          e.vnet(SPOKE).subnet(SNET).serviceEndpoint("Microsoft.Storage");
        }, CLUSTER, STORAGE_EASTUS, EgressMode.SERVICE_ENDPOINT, List.of(), bgp(false)),
        c("no gateway anywhere: no caveat", aml(), EgressResolverTest::natOnSnet, CLUSTER, INTERNET, EgressMode.NAT_GATEWAY,
            List.of("20.10.0.1"), bgp(false)),
        c("the firewall subnet learning a BGP default: caveat on the firewall path", aml(), e -> {
          toFirewall(e);
          gatewayIn(e, SPOKE, "ExpressRoute");
        }, CLUSTER, INTERNET, EgressMode.FIREWALL, List.of("20.20.0.1"), bgp(true)));
  }

  @ParameterizedTest
  @MethodSource("forcedTunnelling")
  void forcedTunnelling(Case k, @TempDir Path dir) {
    EgressResolverTest.verify(k, dir);
  }

  @ParameterizedTest
  @MethodSource("snatRanges")
  void snatRanges(Case k, @TempDir Path dir) {
    EgressResolverTest.verify(k, dir);
  }

  @ParameterizedTest
  @MethodSource("loadBalancers")
  void loadBalancers(Case k, @TempDir Path dir) {
    EgressResolverTest.verify(k, dir);
  }

  @ParameterizedTest
  @MethodSource("bgp")
  void bgp(Case k, @TempDir Path dir) {
    EgressResolverTest.verify(k, dir);
  }
}
