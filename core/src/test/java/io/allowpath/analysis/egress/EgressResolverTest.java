package io.allowpath.analysis.egress;

import static io.allowpath.testing.EstateJson.computeId;
import static io.allowpath.testing.EstateJson.dbwId;
import static io.allowpath.testing.EstateJson.fwId;
import static io.allowpath.testing.EstateJson.gatewayId;
import static io.allowpath.testing.EstateJson.lbId;
import static io.allowpath.testing.EstateJson.mlwId;
import static io.allowpath.testing.EstateJson.natId;
import static io.allowpath.testing.EstateJson.nicId;
import static io.allowpath.testing.EstateJson.pipId;
import static io.allowpath.testing.EstateJson.prefixId;
import static io.allowpath.testing.EstateJson.rg;
import static io.allowpath.testing.EstateJson.rtId;
import static io.allowpath.testing.EstateJson.subnetId;
import static io.allowpath.testing.EstateJson.vnetId;
import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.ResourceId;
import io.allowpath.model.ServiceTags;
import io.allowpath.testing.EstateJson;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every precedence rule and mode of {@link EgressResolver} (AZURE-EGRESS.md §1.6, §2, §3), one named
 * case each. Each case starts from a small fixture written as ARM JSON and read through the real
 * {@code EstateLoader}, changes what the rule is about, and pins mode, addresses and the deciding hop.
 */
class EgressResolverTest {
  // ------------------------------------------------------------------ fixture

  static final String SPOKE = "vnet-spoke";
  static final String SNET = "snet";
  static final String HUB = "vnet-hub";
  static final String CLUSTER = computeId("mlw", "cluster");
  static final String INSTANCE = computeId("mlw", "instance");
  static final String SERVERLESS = mlwId("mlw") + "#serverless";
  static final String DBW_HOST = dbwId("dbw") + "#host";
  static final String DBW_CONTAINER = dbwId("dbw") + "#container";
  static final String DBW_MRG = rg("rg-dbw-managed");
  static final String DBW_NAT = DBW_MRG + "/providers/Microsoft.Network/natGateways/nat-gateway";
  static final String DBW_PIP = DBW_MRG + "/providers/Microsoft.Network/publicIPAddresses/nat-gw-public-ip";

  static final Destination STORAGE_EASTUS = new Destination("Storage", "eastus", "Microsoft.Storage", null);
  static final Destination STORAGE_WESTUS = new Destination("Storage", "westus", "Microsoft.Storage", null);
  static final Destination STORAGE_CENTRALUS = new Destination("Storage", "centralus", "Microsoft.Storage", null);
  static final Destination SQL_EASTUS = new Destination("Sql", "eastus", "Microsoft.Sql", null);
  static final Destination SQL_WESTUS = new Destination("Sql", "westus", "Microsoft.Sql", null);
  static final Destination KV_JAPANEAST = new Destination("AzureKeyVault", "japaneast", "Microsoft.KeyVault", null);
  static final Destination INTERNET = Destination.INTERNET;

  /** An AML workspace "mlw" (no managed network) with cluster "cluster" (no node public IP) in vnet-spoke/snet. */
  static EstateJson aml() {
    EstateJson e = new EstateJson();
    e.vnet(SPOKE).addressPrefix("10.1.0.0/16").subnet(SNET).addressPrefix("10.1.1.0/24");
    e.mlWorkspace("mlw");
    e.compute("mlw", "cluster", "AmlCompute").subnet(subnetId(SPOKE, SNET)).enableNodePublicIp(false);
    return e;
  }

  /** vnet-dbx with subnets host and container and a VNet-injected Databricks workspace "dbw". */
  static EstateJson dbxInjected(boolean scc) {
    EstateJson e = new EstateJson();
    e.vnet("vnet-dbx").addressPrefix("10.2.0.0/16").subnet("host").addressPrefix("10.2.0.0/24").and()
        .subnet("container").addressPrefix("10.2.1.0/24");
    e.databricks("dbw").managedResourceGroupId(DBW_MRG).injected(vnetId("vnet-dbx"), "host", "container")
        .enableNoPublicIp(scc);
    return e;
  }

  /** Databricks workspace "dbw" in its default managed VNet. */
  static EstateJson dbxManaged() {
    EstateJson e = new EstateJson();
    e.databricks("dbw").managedResourceGroupId(DBW_MRG);
    return e;
  }

  static void natOn(EstateJson e, String vnet, String subnet) {
    e.publicIp("pip-ng", "20.10.0.1");
    e.natGateway("ng").publicIp(pipId("pip-ng"));
    e.vnet(vnet).subnet(subnet).natGateway(natId("ng"));
  }

  static void natOnSnet(EstateJson e) {
    natOn(e, SPOKE, SNET);
  }

  /** Route table "rt" on vnet-spoke/snet with the given routes (name, prefix, next hop type, next hop IP). */
  static void routes(EstateJson e, String... r) {
    EstateJson.RouteTable rt = e.routeTable("rt");
    for (int i = 0; i < r.length; i += 4) {
      rt.route(r[i], r[i + 1], r[i + 2], r[i + 3]);
    }
    e.vnet(SPOKE).subnet(SNET).routeTable(rtId("rt"));
  }

  static void defaultTo(EstateJson e, String nextHopType, String ip) {
    routes(e, "default", "0.0.0.0/0", nextHopType, ip);
  }

  /** Azure Firewall "fw" (10.1.0.4, public IP 20.20.0.1) in vnet-spoke/AzureFirewallSubnet. */
  static void firewallInSpoke(EstateJson e) {
    e.vnet(SPOKE).subnet("AzureFirewallSubnet").addressPrefix("10.1.0.0/26");
    e.firewall("fw", "10.1.0.4", subnetId(SPOKE, "AzureFirewallSubnet"), e.publicIp("pip-fw", "20.20.0.1"));
  }

  /** vnet-hub with Azure Firewall "fw-hub" (10.0.1.4, public IP 20.30.0.1); spoke peered to hub. */
  static void hubFirewall(EstateJson e) {
    e.vnet(HUB).addressPrefix("10.0.0.0/16").subnet("AzureFirewallSubnet").addressPrefix("10.0.1.0/26");
    e.firewall("fw-hub", "10.0.1.4", subnetId(HUB, "AzureFirewallSubnet"), e.publicIp("pip-fw-hub", "20.30.0.1"));
    e.vnet(SPOKE).peering("spoke-to-hub", vnetId(HUB), false);
  }

  /** A GatewaySubnet in {@code vnet} with a virtual network gateway of the given type. */
  static void gatewayIn(EstateJson e, String vnet, String type) {
    e.vnet(vnet).subnet("GatewaySubnet").addressPrefix("10.0.255.0/27");
    e.vnetGateway("vgw", type, subnetId(vnet, "GatewaySubnet"));
  }

  // ------------------------------------------------------------------ checks

  /** One extra assertion on an egress result. */
  interface Check {
    void verify(Egress e);
  }

  static Check hop(HopKind kind, String resourceId) {
    return e -> assertThat(e.hops()).as("hops %s", e.hops())
        .anyMatch(h -> h.kind() == kind && h.resource() != null && h.resource().equals(ResourceId.of(resourceId)));
  }

  static Check noHop(HopKind kind) {
    return e -> assertThat(e.hops()).as("hops").noneMatch(h -> h.kind() == kind);
  }

  static Check stable(boolean s) {
    return e -> assertThat(e.stable()).as("stable").isEqualTo(s);
  }

  static Check symbolic(String... ids) {
    return e -> assertThat(e.symbolicIps()).as("symbolicIps")
        .containsExactlyElementsOf(Arrays.stream(ids).map(ResourceId::of).toList());
  }

  static Check diagnosticNaming(String text) {
    return e -> assertThat(e.diagnostics()).as("diagnostics").extracting(Diagnostic::message)
        .anyMatch(m -> m.toLowerCase().contains(text.toLowerCase()));
  }

  static Check firewall(String id) {
    return e -> assertThat(e.firewall()).as("firewall").isEqualTo(ResourceId.of(id));
  }

  static Check seSubnet(String id) {
    return e -> assertThat(e.serviceEndpointSubnet()).as("service endpoint subnet").isEqualTo(ResourceId.of(id));
  }

  record Case(String compute, Consumer<EstateJson> setup, EstateJson base, Destination dest, EgressMode mode,
      List<String> ips, List<Check> checks) {}

  static Arguments c(String name, EstateJson base, Consumer<EstateJson> setup, String compute, Destination dest,
      EgressMode mode, List<String> ips, Check... checks) {
    return Arguments.argumentSet(name, new Case(compute, setup, base, dest, mode, ips, List.of(checks)));
  }

  static Egress resolve(Path dir, EstateJson e, String computeKey, Destination d, ServiceTags tags) {
    Estate estate = e.load(dir);
    EgressResolver r = new EgressResolver(estate, tags);
    Compute c = r.computes().stream().filter(x -> x.key().equalsIgnoreCase(computeKey)).findFirst()
        .orElseThrow(() -> new AssertionError("no compute " + computeKey + " in " + r.computes()));
    return r.resolve(c, d);
  }

  static void verify(Case k, Path dir) {
    k.setup().accept(k.base());
    Egress e = resolve(dir, k.base(), k.compute(), k.dest(), null);
    assertThat(e.mode()).as("mode; hops %s", e.hops()).isEqualTo(k.mode());
    assertThat(e.publicIps().toCidrs()).as("publicIps").containsExactlyElementsOf(k.ips());
    if (k.mode() == EgressMode.UNKNOWN) {
      assertThat(e.diagnostics()).as("UNKNOWN always says what is missing").isNotEmpty();
    }
    for (Check c : k.checks()) {
      c.verify(e);
    }
  }

  static final List<String> NONE = List.of();

  // ------------------------------------------------------------------ §1.6 step 1: appliances and gateways

  static Stream<Arguments> applianceRoutes() {
    return Stream.of(
        c("UDR 0/0 → VirtualAppliance at an Azure Firewall in the same VNet beats the subnet's NAT gateway",
            aml(), e -> {
              natOnSnet(e);
              firewallInSpoke(e);
              defaultTo(e, "VirtualAppliance", "10.1.0.4");
            }, CLUSTER, INTERNET, EgressMode.FIREWALL, List.of("20.20.0.1"),
            hop(HopKind.FIREWALL, fwId("fw")), hop(HopKind.ROUTE, rtId("rt") + "/routes/default"), noHop(HopKind.NAT_GATEWAY),
            firewall(fwId("fw")), stable(true)),
        c("UDR 0/0 → Azure Firewall in a peered hub VNet: FIREWALL with the hub firewall's public IP",
            aml(), e -> {
              hubFirewall(e);
              defaultTo(e, "VirtualAppliance", "10.0.1.4");
            }, CLUSTER, INTERNET, EgressMode.FIREWALL, List.of("20.30.0.1"), hop(HopKind.FIREWALL, fwId("fw-hub"))),
        c("peering declared only on the hub side still makes the hub firewall reachable",
            aml(), e -> {
              e.vnet(HUB).addressPrefix("10.0.0.0/16").subnet("AzureFirewallSubnet").addressPrefix("10.0.1.0/26");
              e.firewall("fw-hub", "10.0.1.4", subnetId(HUB, "AzureFirewallSubnet"), e.publicIp("pip-fw-hub", "20.30.0.1"));
              e.vnet(HUB).peering("hub-to-spoke", vnetId(SPOKE), false);
              defaultTo(e, "VirtualAppliance", "10.0.1.4");
            }, CLUSTER, INTERNET, EgressMode.FIREWALL, List.of("20.30.0.1"), hop(HopKind.FIREWALL, fwId("fw-hub"))),
        c("a firewall with the next-hop IP in an unpeered VNet is not the appliance: UNKNOWN",
            aml(), e -> {
              e.vnet(HUB).addressPrefix("10.0.0.0/16").subnet("AzureFirewallSubnet").addressPrefix("10.0.1.0/26");
              e.firewall("fw-hub", "10.0.1.4", subnetId(HUB, "AzureFirewallSubnet"), e.publicIp("pip-fw-hub", "20.30.0.1"));
              defaultTo(e, "VirtualAppliance", "10.0.1.4");
            }, CLUSTER, INTERNET, EgressMode.UNKNOWN, NONE, diagnosticNaming("10.0.1.4")),
        c("a Disconnected peering does not reach the hub firewall: UNKNOWN",
            aml(), e -> {
              hubFirewall(e);
              e.vnet(SPOKE).peering("spoke-to-hub", vnetId(HUB), false, "Disconnected");
              defaultTo(e, "VirtualAppliance", "10.0.1.4");
            }, CLUSTER, INTERNET, EgressMode.UNKNOWN, NONE, diagnosticNaming("10.0.1.4")),
        c("firewall with a NAT gateway on AzureFirewallSubnet: FIREWALL with the NAT gateway's IPs, not its own",
            aml(), e -> {
              hubFirewall(e);
              e.publicIp("pip-ng-fw", "20.40.0.1");
              e.publicIp("pip-ng-fw2", "20.40.0.2");
              e.natGateway("ng-fw").publicIp(pipId("pip-ng-fw2")).publicIp(pipId("pip-ng-fw"));
              e.vnet(HUB).subnet("AzureFirewallSubnet").natGateway(natId("ng-fw"));
              defaultTo(e, "VirtualAppliance", "10.0.1.4");
            }, CLUSTER, INTERNET, EgressMode.FIREWALL, List.of("20.40.0.1", "20.40.0.2"),
            hop(HopKind.FIREWALL, fwId("fw-hub")), hop(HopKind.NAT_GATEWAY, natId("ng-fw")), firewall(fwId("fw-hub"))),
        c("firewall with several public IPs: all of them, sorted (one is picked at random per connection)",
            aml(), e -> {
              firewallInSpoke(e);
              e.firewall("fw", "10.1.0.4", subnetId(SPOKE, "AzureFirewallSubnet"), e.publicIp("pip-fw0", "20.20.0.9"));
              defaultTo(e, "VirtualAppliance", "10.1.0.4");
            }, CLUSTER, INTERNET, EgressMode.FIREWALL, List.of("20.20.0.1", "20.20.0.9")),
        c("NVA NIC with IP forwarding and a public IP: APPLIANCE leaving with the NIC's public IP",
            aml(), e -> {
              e.vnet(SPOKE).subnet("snet-nva").addressPrefix("10.1.2.0/24");
              e.nic("nva-nic", true, "10.1.2.4", subnetId(SPOKE, "snet-nva"), e.publicIp("pip-nva", "20.50.0.1"));
              defaultTo(e, "VirtualAppliance", "10.1.2.4");
            }, CLUSTER, INTERNET, EgressMode.APPLIANCE, List.of("20.50.0.1"), hop(HopKind.APPLIANCE, nicId("nva-nic")),
            firewall(nicId("nva-nic"))),
        c("NVA whose own subnet has a NAT gateway leaves with the NAT gateway (NAT beats the NIC's public IP)",
            aml(), e -> {
              e.vnet(SPOKE).subnet("snet-nva").addressPrefix("10.1.2.0/24");
              e.nic("nva-nic", true, "10.1.2.4", subnetId(SPOKE, "snet-nva"), e.publicIp("pip-nva", "20.50.0.1"));
              natOn(e, SPOKE, "snet-nva");
              defaultTo(e, "VirtualAppliance", "10.1.2.4");
            }, CLUSTER, INTERNET, EgressMode.APPLIANCE, List.of("20.10.0.1"), hop(HopKind.NAT_GATEWAY, natId("ng"))),
        c("NVA NIC without IP forwarding drops forwarded traffic: NO_EGRESS",
            aml(), e -> {
              e.vnet(SPOKE).subnet("snet-nva").addressPrefix("10.1.2.0/24");
              e.nic("nva-nic", false, "10.1.2.4", subnetId(SPOKE, "snet-nva"), e.publicIp("pip-nva", "20.50.0.1"));
              defaultTo(e, "VirtualAppliance", "10.1.2.4");
            }, CLUSTER, INTERNET, EgressMode.NO_EGRESS, NONE, hop(HopKind.APPLIANCE, nicId("nva-nic"))),
        c("NVA without public IP in a private subnet has no way out: NO_EGRESS",
            aml(), e -> {
              e.vnet(SPOKE).subnet("snet-nva").addressPrefix("10.1.2.0/24").defaultOutboundAccess(false);
              e.nic("nva-nic", true, "10.1.2.4", subnetId(SPOKE, "snet-nva"), null);
              defaultTo(e, "VirtualAppliance", "10.1.2.4");
            }, CLUSTER, INTERNET, EgressMode.NO_EGRESS, NONE, hop(HopKind.DROP, subnetId(SPOKE, "snet-nva"))),
        c("NVA without public IP relying on default outbound: APPLIANCE with no known, unstable IP",
            aml(), e -> {
              e.vnet(SPOKE).subnet("snet-nva").addressPrefix("10.1.2.0/24");
              e.nic("nva-nic", true, "10.1.2.4", subnetId(SPOKE, "snet-nva"), null);
              defaultTo(e, "VirtualAppliance", "10.1.2.4");
            }, CLUSTER, INTERNET, EgressMode.APPLIANCE, NONE, stable(false)),
        c("next-hop IP with nothing behind it: UNKNOWN and a diagnostic naming the IP",
            aml(), e -> {
              natOnSnet(e);
              defaultTo(e, "VirtualAppliance", "10.9.9.9");
            }, CLUSTER, INTERNET, EgressMode.UNKNOWN, NONE, diagnosticNaming("10.9.9.9"), stable(false)),
        c("UDR 0/0 → VirtualAppliance beats a compute instance's own public IP",
            aml(), e -> {
              e.compute("mlw", "instance", "ComputeInstance").subnet(subnetId(SPOKE, SNET)).enableNodePublicIp(true)
                  .publicIpAddress("40.1.2.3");
              firewallInSpoke(e);
              defaultTo(e, "VirtualAppliance", "10.1.0.4");
            }, INSTANCE, INTERNET, EgressMode.FIREWALL, List.of("20.20.0.1")),
        c("UDR 0/0 → VirtualAppliance beats a Databricks outbound load balancer",
            dbxInjected(true), e -> {
              e.publicIp("pip-lb", "20.60.0.1");
              e.loadBalancer("lb").frontend("fe", pipId("pip-lb")).backendPool("pool").outboundRule("out", "fe", "pool");
              e.databricks("dbw").outboundLoadBalancer(lbId("lb"), "pool");
              e.vnet("vnet-dbx").subnet("AzureFirewallSubnet").addressPrefix("10.2.2.0/26");
              e.firewall("fw", "10.2.2.4", subnetId("vnet-dbx", "AzureFirewallSubnet"), e.publicIp("pip-fw", "20.20.0.1"));
              e.routeTable("rt").route("default", "0.0.0.0/0", "VirtualAppliance", "10.2.2.4");
              e.vnet("vnet-dbx").subnet("host").routeTable(rtId("rt"));
            }, DBW_HOST, INTERNET, EgressMode.FIREWALL, List.of("20.20.0.1"), noHop(HopKind.LOAD_BALANCER)),
        c("firewall public IP without ipAddress: symbolic by id, publicIps empty",
            aml(), e -> {
              e.vnet(SPOKE).subnet("AzureFirewallSubnet").addressPrefix("10.1.0.0/26");
              e.firewall("fw", "10.1.0.4", subnetId(SPOKE, "AzureFirewallSubnet"), e.publicIp("pip-fw", null));
              defaultTo(e, "VirtualAppliance", "10.1.0.4");
            }, CLUSTER, INTERNET, EgressMode.FIREWALL, NONE, symbolic(pipId("pip-fw"))));
  }

  static Stream<Arguments> gatewayAndDropRoutes() {
    return Stream.of(
        c("UDR 0/0 → VirtualNetworkGateway with a gateway in the own VNet: ON_PREMISES, beating the NAT gateway",
            aml(), e -> {
              natOnSnet(e);
              gatewayIn(e, SPOKE, "Vpn");
              defaultTo(e, "VirtualNetworkGateway", null);
            }, CLUSTER, INTERNET, EgressMode.ON_PREMISES, NONE, hop(HopKind.GATEWAY, gatewayId("vgw")), noHop(HopKind.NAT_GATEWAY),
            stable(false)),
        c("gateway found through the GatewaySubnet's ipConfigurations when only the subnet names it",
            aml(), e -> {
              e.vnet(SPOKE).subnet("GatewaySubnet").addressPrefix("10.1.255.0/27").node.withObjectProperty("properties")
                  .putArray("ipConfigurations").addObject().put("id", gatewayId("vgw-x") + "/ipConfigurations/default");
              defaultTo(e, "VirtualNetworkGateway", null);
            }, CLUSTER, INTERNET, EgressMode.ON_PREMISES, NONE, hop(HopKind.GATEWAY, gatewayId("vgw-x"))),
        c("UDR 0/0 → VirtualNetworkGateway via a peering with useRemoteGateways: ON_PREMISES",
            aml(), e -> {
              e.vnet(HUB).addressPrefix("10.0.0.0/16");
              gatewayIn(e, HUB, "Vpn");
              e.vnet(SPOKE).peering("spoke-to-hub", vnetId(HUB), true);
              defaultTo(e, "VirtualNetworkGateway", null);
            }, CLUSTER, INTERNET, EgressMode.ON_PREMISES, NONE, hop(HopKind.GATEWAY, gatewayId("vgw")),
            hop(HopKind.PEERING, vnetId(SPOKE) + "/virtualNetworkPeerings/spoke-to-hub")),
        c("peering to a hub with a gateway but without useRemoteGateways: no gateway, NO_EGRESS",
            aml(), e -> {
              e.vnet(HUB).addressPrefix("10.0.0.0/16");
              gatewayIn(e, HUB, "Vpn");
              e.vnet(SPOKE).peering("spoke-to-hub", vnetId(HUB), false);
              defaultTo(e, "VirtualNetworkGateway", null);
            }, CLUSTER, INTERNET, EgressMode.NO_EGRESS, NONE, hop(HopKind.DROP, vnetId(SPOKE))),
        c("UDR 0/0 → VirtualNetworkGateway without any gateway: NO_EGRESS",
            aml(), e -> defaultTo(e, "VirtualNetworkGateway", null),
            CLUSTER, INTERNET, EgressMode.NO_EGRESS, NONE, hop(HopKind.DROP, vnetId(SPOKE))),
        c("UDR 0/0 → None drops the traffic even with a NAT gateway: NO_EGRESS",
            aml(), e -> {
              natOnSnet(e);
              defaultTo(e, "None", null);
            }, CLUSTER, INTERNET, EgressMode.NO_EGRESS, NONE, hop(HopKind.DROP, rtId("rt") + "/routes/default"),
            noHop(HopKind.NAT_GATEWAY)),
        c("UDR 0/0 → VnetLocal keeps traffic in the VNet: NO_EGRESS",
            aml(), e -> defaultTo(e, "VnetLocal", null), CLUSTER, INTERNET, EgressMode.NO_EGRESS, NONE),
        c("UDR 0/0 → Internet falls through to the NAT gateway",
            aml(), e -> {
              natOnSnet(e);
              defaultTo(e, "Internet", null);
            }, CLUSTER, INTERNET, EgressMode.NAT_GATEWAY, List.of("20.10.0.1"), hop(HopKind.NAT_GATEWAY, natId("ng"))),
        c("next hop types compare case-insensitively ('none')",
            aml(), e -> defaultTo(e, "none", null), CLUSTER, INTERNET, EgressMode.NO_EGRESS, NONE),
        c("an unknown next hop type: UNKNOWN with a diagnostic quoting it",
            aml(), e -> defaultTo(e, "Teleport", null), CLUSTER, INTERNET, EgressMode.UNKNOWN, NONE,
            diagnosticNaming("Teleport")),
        c("a private-range UDR (10.0.0.0/8 → None) does not affect internet egress",
            aml(), e -> {
              natOnSnet(e);
              routes(e, "rfc1918", "10.0.0.0/8", "None", null);
            }, CLUSTER, INTERNET, EgressMode.NAT_GATEWAY, List.of("20.10.0.1")),
        c("UDR 0/0 → Internet on a private subnet with no explicit method: NO_EGRESS",
            aml(), e -> {
              e.vnet(SPOKE).subnet(SNET).defaultOutboundAccess(false);
              defaultTo(e, "Internet", null);
            }, CLUSTER, INTERNET, EgressMode.NO_EGRESS, NONE));
  }

  // ------------------------------------------------------------------ §1.6 steps 3-6

  static Stream<Arguments> outboundMethods() {
    return Stream.of(
        c("NAT gateway on the subnet: NAT_GATEWAY with its IP, stable, hop names the NAT gateway",
            aml(), EgressResolverTest::natOnSnet, CLUSTER, INTERNET, EgressMode.NAT_GATEWAY, List.of("20.10.0.1"),
            hop(HopKind.NAT_GATEWAY, natId("ng")), hop(HopKind.SUBNET, subnetId(SPOKE, SNET)), stable(true)),
        c("NAT gateway beats the cluster's node public IP",
            aml(), e -> {
              e.compute("mlw", "cluster", "AmlCompute").enableNodePublicIp(true);
              natOnSnet(e);
            }, CLUSTER, INTERNET, EgressMode.NAT_GATEWAY, List.of("20.10.0.1"), noHop(HopKind.INSTANCE_PUBLIC_IP)),
        c("NAT gateway beats a compute instance's known public IP",
            aml(), e -> {
              e.compute("mlw", "instance", "ComputeInstance").subnet(subnetId(SPOKE, SNET)).enableNodePublicIp(true)
                  .publicIpAddress("40.1.2.3");
              natOnSnet(e);
            }, INSTANCE, INTERNET, EgressMode.NAT_GATEWAY, List.of("20.10.0.1")),
        c("NAT gateway beats a Databricks outbound load balancer",
            dbxInjected(true), e -> {
              e.publicIp("pip-lb", "20.60.0.1");
              e.loadBalancer("lb").frontend("fe", pipId("pip-lb")).backendPool("pool").outboundRule("out", "fe", "pool");
              e.databricks("dbw").outboundLoadBalancer(lbId("lb"), "pool");
              natOn(e, "vnet-dbx", "host");
            }, DBW_HOST, INTERNET, EgressMode.NAT_GATEWAY, List.of("20.10.0.1"), noHop(HopKind.LOAD_BALANCER)),
        c("NAT gateway beats Databricks nodes' own public IPs (no SCC)",
            dbxInjected(false), e -> natOn(e, "vnet-dbx", "container"),
            DBW_CONTAINER, INTERNET, EgressMode.NAT_GATEWAY, List.of("20.10.0.1")),
        c("NAT gateway with several IPs and a prefix: every address, prefixes in CIDR form, sorted",
            aml(), e -> {
              e.publicIp("pip-b", "52.0.0.9");
              e.publicIp("pip-a", "20.10.0.7");
              e.natGateway("ng").publicIp(pipId("pip-b")).publicIp(pipId("pip-a"))
                  .publicIpPrefix(e.publicIpPrefix("ippre", "20.10.1.0/30"));
              e.vnet(SPOKE).subnet(SNET).natGateway(natId("ng"));
            }, CLUSTER, INTERNET, EgressMode.NAT_GATEWAY, List.of("20.10.0.7", "20.10.1.0/30", "52.0.0.9"),
            hop(HopKind.PUBLIC_IP_PREFIX, prefixId("ippre"))),
        c("NAT gateway public IP without ipAddress: symbolicIps has its id and publicIps is empty",
            aml(), e -> {
              e.publicIp("pip-ng", null);
              e.natGateway("ng").publicIp(pipId("pip-ng"));
              e.vnet(SPOKE).subnet(SNET).natGateway(natId("ng"));
            }, CLUSTER, INTERNET, EgressMode.NAT_GATEWAY, NONE, symbolic(pipId("pip-ng"))),
        c("NAT gateway public IP prefix without ipPrefix: symbolic by id",
            aml(), e -> {
              e.natGateway("ng").publicIpPrefix(e.publicIpPrefix("ippre", null));
              e.vnet(SPOKE).subnet(SNET).natGateway(natId("ng"));
            }, CLUSTER, INTERNET, EgressMode.NAT_GATEWAY, NONE, symbolic(prefixId("ippre"))),
        c("NAT gateway whose public IP is not in the estate: symbolic id plus a diagnostic naming it",
            aml(), e -> {
              e.natGateway("ng").publicIp(pipId("pip-gone"));
              e.vnet(SPOKE).subnet(SNET).natGateway(natId("ng"));
            }, CLUSTER, INTERNET, EgressMode.NAT_GATEWAY, NONE, symbolic(pipId("pip-gone")),
            diagnosticNaming(pipId("pip-gone"))),
        c("NAT gateway without any public IP or prefix gives no egress",
            aml(), e -> {
              e.natGateway("ng");
              e.vnet(SPOKE).subnet(SNET).natGateway(natId("ng"));
            }, CLUSTER, INTERNET, EgressMode.NO_EGRESS, NONE, diagnosticNaming("no public IP")),
        c("NAT gateway association recorded only on the NAT gateway side (properties.subnets) is joined",
            aml(), e -> {
              e.publicIp("pip-ng", "20.10.0.1");
              e.natGateway("ng").publicIp(pipId("pip-ng")).node.withObjectProperty("properties").putArray("subnets").addObject()
                  .put("id", subnetId(SPOKE, SNET));
            }, CLUSTER, INTERNET, EgressMode.NAT_GATEWAY, List.of("20.10.0.1")),
        c("cluster with a node public IP: INSTANCE_PUBLIC_IP, not stable (recreated on scale from zero)",
            aml(), e -> e.compute("mlw", "cluster", "AmlCompute").enableNodePublicIp(true),
            CLUSTER, INTERNET, EgressMode.INSTANCE_PUBLIC_IP, NONE, stable(false), hop(HopKind.INSTANCE_PUBLIC_IP, CLUSTER)),
        c("cluster with enableNodePublicIp unset: AML's default (true) gives INSTANCE_PUBLIC_IP",
            aml(), e -> ((com.fasterxml.jackson.databind.node.ObjectNode) e.compute("mlw", "cluster", "AmlCompute")
                .node.get("properties").get("properties")).remove("enableNodePublicIp"),
            CLUSTER, INTERNET, EgressMode.INSTANCE_PUBLIC_IP, NONE, stable(false)),
        c("compute instance with connectivityEndpoints.publicIpAddress: stable, with that IP",
            aml(), e -> e.compute("mlw", "instance", "ComputeInstance").subnet(subnetId(SPOKE, SNET))
                .enableNodePublicIp(true).publicIpAddress("40.1.2.3"),
            INSTANCE, INTERNET, EgressMode.INSTANCE_PUBLIC_IP, List.of("40.1.2.3"), stable(true),
            hop(HopKind.INSTANCE_PUBLIC_IP, INSTANCE)),
        c("compute instance without a known address: INSTANCE_PUBLIC_IP, stable, no address",
            aml(), e -> e.compute("mlw", "instance", "ComputeInstance").subnet(subnetId(SPOKE, SNET))
                .enableNodePublicIp(true),
            INSTANCE, INTERNET, EgressMode.INSTANCE_PUBLIC_IP, NONE, stable(true)),
        c("compute instance whose connectivityEndpoints address is private is not reported as its egress IP",
            aml(), e -> e.compute("mlw", "instance", "ComputeInstance").subnet(subnetId(SPOKE, SNET))
                .enableNodePublicIp(true).publicIpAddress("10.1.1.9"),
            INSTANCE, INTERNET, EgressMode.INSTANCE_PUBLIC_IP, NONE),
        c("Databricks outbound load balancer rule for the pool: LOAD_BALANCER with the frontend IP",
            dbxInjected(true), e -> {
              e.publicIp("pip-lb", "20.60.0.1");
              e.loadBalancer("lb").frontend("fe", pipId("pip-lb")).backendPool("pool").outboundRule("out", "fe", "pool");
              e.databricks("dbw").outboundLoadBalancer(lbId("lb"), "pool");
            }, DBW_HOST, INTERNET, EgressMode.LOAD_BALANCER, List.of("20.60.0.1"), hop(HopKind.LOAD_BALANCER, lbId("lb")),
            hop(HopKind.PUBLIC_IP, pipId("pip-lb")), stable(true)),
        c("Databricks load balancer frontend with a public IP prefix: the prefix in CIDR form",
            dbxInjected(true), e -> {
              e.loadBalancer("lb").frontendPrefix("fe", e.publicIpPrefix("ippre-lb", "20.60.1.0/31")).backendPool("pool")
                  .outboundRule("out", "fe", "pool");
              e.databricks("dbw").outboundLoadBalancer(lbId("lb"), "pool");
            }, DBW_CONTAINER, INTERNET, EgressMode.LOAD_BALANCER, List.of("20.60.1.0/31")),
        c("Databricks load balancer without an outbound rule for the pool falls through to DEFAULT_OUTBOUND",
            dbxInjected(true), e -> {
              e.publicIp("pip-lb", "20.60.0.1");
              e.loadBalancer("lb").frontend("fe", pipId("pip-lb")).backendPool("pool").backendPool("other")
                  .outboundRule("out", "fe", "other");
              e.databricks("dbw").outboundLoadBalancer(lbId("lb"), "pool");
            }, DBW_HOST, INTERNET, EgressMode.DEFAULT_OUTBOUND, NONE, hop(HopKind.LOAD_BALANCER, lbId("lb")), stable(false)),
        c("Databricks load balancer without an outbound rule on a private subnet: NO_EGRESS",
            dbxInjected(true), e -> {
              e.loadBalancer("lb").backendPool("pool");
              e.databricks("dbw").outboundLoadBalancer(lbId("lb"), "pool");
              e.vnet("vnet-dbx").subnet("host").defaultOutboundAccess(false);
            }, DBW_HOST, INTERNET, EgressMode.NO_EGRESS, NONE),
        c("no explicit outbound method: DEFAULT_OUTBOUND, not stable, hop names the subnet",
            aml(), e -> { }, CLUSTER, INTERNET, EgressMode.DEFAULT_OUTBOUND, NONE, stable(false),
            hop(HopKind.DEFAULT_OUTBOUND, subnetId(SPOKE, SNET))),
        c("defaultOutboundAccess: true is the same as unset: DEFAULT_OUTBOUND",
            aml(), e -> e.vnet(SPOKE).subnet(SNET).defaultOutboundAccess(true),
            CLUSTER, INTERNET, EgressMode.DEFAULT_OUTBOUND, NONE),
        c("private subnet (defaultOutboundAccess: false) with no explicit method: NO_EGRESS",
            aml(), e -> e.vnet(SPOKE).subnet(SNET).defaultOutboundAccess(false),
            CLUSTER, INTERNET, EgressMode.NO_EGRESS, NONE, hop(HopKind.DROP, subnetId(SPOKE, SNET))),
        c("private subnet with a NAT gateway still leaves through the NAT gateway",
            aml(), e -> {
              e.vnet(SPOKE).subnet(SNET).defaultOutboundAccess(false);
              natOnSnet(e);
            }, CLUSTER, INTERNET, EgressMode.NAT_GATEWAY, List.of("20.10.0.1")));
  }

  // ------------------------------------------------------------------ §2 and §3 modes

  static Stream<Arguments> workloadModes() {
    return Stream.of(
        c("AML managed network AllowInternetOutbound: MANAGED_NETWORK, not stable",
            aml(), e -> e.mlWorkspace("mlw").isolationMode("AllowInternetOutbound"),
            CLUSTER, INTERNET, EgressMode.MANAGED_NETWORK, NONE, stable(false), hop(HopKind.MANAGED_NETWORK, mlwId("mlw"))),
        c("AML managed network AllowOnlyApprovedOutbound: MANAGED_NETWORK even for a compute naming a subnet with NAT",
            aml(), e -> {
              natOnSnet(e);
              e.mlWorkspace("mlw").isolationMode("AllowOnlyApprovedOutbound");
            }, CLUSTER, INTERNET, EgressMode.MANAGED_NETWORK, NONE),
        c("isolationMode Disabled is not a managed network: the subnet decides",
            aml(), e -> {
              natOnSnet(e);
              e.mlWorkspace("mlw").isolationMode("Disabled");
            }, CLUSTER, INTERNET, EgressMode.NAT_GATEWAY, List.of("20.10.0.1")),
        c("serverless compute of a managed-network workspace: MANAGED_NETWORK",
            aml(), e -> e.mlWorkspace("mlw").isolationMode("AllowInternetOutbound").serverless(null, true),
            SERVERLESS, INTERNET, EgressMode.MANAGED_NETWORK, NONE),
        c("serverless with a custom subnet and no public IP takes the subnet's egress (NAT gateway)",
            aml(), e -> {
              natOnSnet(e);
              e.mlWorkspace("mlw").serverless(subnetId(SPOKE, SNET), true);
            }, SERVERLESS, INTERNET, EgressMode.NAT_GATEWAY, List.of("20.10.0.1"), hop(HopKind.SUBNET, subnetId(SPOKE, SNET))),
        c("serverless with a custom subnet and no public IP on a plain subnet: DEFAULT_OUTBOUND of that subnet",
            aml(), e -> e.mlWorkspace("mlw").serverless(subnetId(SPOKE, SNET), true),
            SERVERLESS, INTERNET, EgressMode.DEFAULT_OUTBOUND, NONE, hop(HopKind.DEFAULT_OUTBOUND, subnetId(SPOKE, SNET))),
        c("serverless with no subnet and no public IP: DEFAULT_OUTBOUND (dynamic, cannot be allowlisted)",
            aml(), e -> e.mlWorkspace("mlw").serverless(null, true),
            SERVERLESS, INTERNET, EgressMode.DEFAULT_OUTBOUND, NONE, stable(false)),
        c("serverless with no subnet and public IPs: INSTANCE_PUBLIC_IP, not stable",
            aml(), e -> e.mlWorkspace("mlw").serverless(null, false),
            SERVERLESS, INTERNET, EgressMode.INSTANCE_PUBLIC_IP, NONE, stable(false)),
        c("serverless with a custom subnet and public IPs, no NAT: INSTANCE_PUBLIC_IP",
            aml(), e -> e.mlWorkspace("mlw").serverless(subnetId(SPOKE, SNET), false),
            SERVERLESS, INTERNET, EgressMode.INSTANCE_PUBLIC_IP, NONE),
        c("Databricks managed VNet with SCC: NAT_GATEWAY with the managed RG's NAT gateway IP",
            dbxManaged(), e -> {
              e.databricks("dbw").enableNoPublicIp(true);
              e.natGatewayAt(DBW_NAT).publicIp(e.publicIpAt(DBW_PIP, "4.156.7.8"));
            }, DBW_HOST, INTERNET, EgressMode.NAT_GATEWAY, List.of("4.156.7.8"), hop(HopKind.NAT_GATEWAY, DBW_NAT),
            stable(true)),
        c("Databricks managed VNet with SCC, NAT gateway not exported but its public IP is: that address",
            dbxManaged(), e -> {
              e.databricks("dbw").enableNoPublicIp(true);
              e.publicIpAt(DBW_PIP, "4.156.7.8");
            }, DBW_CONTAINER, INTERNET, EgressMode.NAT_GATEWAY, List.of("4.156.7.8"), hop(HopKind.PUBLIC_IP, DBW_PIP),
            stable(true)),
        c("Databricks managed VNet with SCC, nothing exported: NAT_GATEWAY with the symbolic public IP id",
            dbxManaged(), e -> e.databricks("dbw").enableNoPublicIp(true),
            DBW_HOST, INTERNET, EgressMode.NAT_GATEWAY, NONE, symbolic(DBW_PIP), diagnosticNaming(DBW_PIP)),
        c("Databricks managed VNet with enableNoPublicIp unset: SCC by default, NAT_GATEWAY",
            dbxManaged(), e -> e.publicIpAt(DBW_PIP, "4.156.7.8"),
            DBW_HOST, INTERNET, EgressMode.NAT_GATEWAY, List.of("4.156.7.8")),
        c("Databricks managed VNet: natGatewayName and publicIpName parameters name the managed resources",
            dbxManaged(), e -> e.databricks("dbw").enableNoPublicIp(true).natGatewayName("my-nat").publicIpName("my-pip"),
            DBW_HOST, INTERNET, EgressMode.NAT_GATEWAY, NONE,
            symbolic(DBW_MRG + "/providers/Microsoft.Network/publicIPAddresses/my-pip"),
            hop(HopKind.NAT_GATEWAY, DBW_MRG + "/providers/Microsoft.Network/natGateways/my-nat")),
        c("Databricks managed VNet without SCC: INSTANCE_PUBLIC_IP, not stable",
            dbxManaged(), e -> e.databricks("dbw").enableNoPublicIp(false),
            DBW_HOST, INTERNET, EgressMode.INSTANCE_PUBLIC_IP, NONE, stable(false)),
        c("Databricks VNet-injected without SCC and no NAT: INSTANCE_PUBLIC_IP, not stable",
            dbxInjected(false), e -> { }, DBW_CONTAINER, INTERNET, EgressMode.INSTANCE_PUBLIC_IP, NONE, stable(false)),
        c("Databricks VNet-injected with SCC and no explicit method: DEFAULT_OUTBOUND",
            dbxInjected(true), e -> { }, DBW_HOST, INTERNET, EgressMode.DEFAULT_OUTBOUND, NONE,
            hop(HopKind.SUBNET, subnetId("vnet-dbx", "host"))),
        c("Databricks container side resolves through customPrivateSubnetName",
            dbxInjected(true), e -> natOn(e, "vnet-dbx", "container"),
            DBW_CONTAINER, INTERNET, EgressMode.NAT_GATEWAY, List.of("20.10.0.1"),
            hop(HopKind.SUBNET, subnetId("vnet-dbx", "container"))),
        c("Databricks host side is not affected by a NAT gateway on the container subnet",
            dbxInjected(true), e -> natOn(e, "vnet-dbx", "container"),
            DBW_HOST, INTERNET, EgressMode.DEFAULT_OUTBOUND, NONE));
  }

  // ------------------------------------------------------------------ missing references

  static Stream<Arguments> missingReferences() {
    return Stream.of(
        c("subnet's NAT gateway missing from the estate: UNKNOWN, diagnostic names the NAT gateway id",
            aml(), e -> e.vnet(SPOKE).subnet(SNET).natGateway(natId("ng-gone")),
            CLUSTER, INTERNET, EgressMode.UNKNOWN, NONE, diagnosticNaming(natId("ng-gone")), hop(HopKind.MISSING, natId("ng-gone"))),
        c("compute's subnet missing from the estate: UNKNOWN, diagnostic names the subnet id",
            aml(), e -> e.compute("mlw", "cluster", "AmlCompute").subnet(subnetId(SPOKE, "snet-gone")),
            CLUSTER, INTERNET, EgressMode.UNKNOWN, NONE, diagnosticNaming(subnetId(SPOKE, "snet-gone"))),
        c("subnet's route table missing from the estate: UNKNOWN, diagnostic names the route table id",
            aml(), e -> {
              natOnSnet(e);
              e.vnet(SPOKE).subnet(SNET).routeTable(rtId("rt-gone"));
            }, CLUSTER, INTERNET, EgressMode.UNKNOWN, NONE, diagnosticNaming(rtId("rt-gone"))),
        c("NAT gateway on AzureFirewallSubnet missing: UNKNOWN naming it",
            aml(), e -> {
              hubFirewall(e);
              e.vnet(HUB).subnet("AzureFirewallSubnet").natGateway(natId("ng-fw-gone"));
              defaultTo(e, "VirtualAppliance", "10.0.1.4");
            }, CLUSTER, INTERNET, EgressMode.UNKNOWN, NONE, diagnosticNaming(natId("ng-fw-gone"))),
        c("Databricks outbound load balancer missing: UNKNOWN naming it",
            dbxInjected(true), e -> e.databricks("dbw").outboundLoadBalancer(lbId("lb-gone"), "pool"),
            DBW_HOST, INTERNET, EgressMode.UNKNOWN, NONE, diagnosticNaming(lbId("lb-gone"))),
        c("Databricks VNet-injected subnet missing: UNKNOWN naming it",
            dbxInjected(true), e -> e.databricks("dbw").param("customPublicSubnetName", "host-gone"),
            DBW_HOST, INTERNET, EgressMode.UNKNOWN, NONE, diagnosticNaming(subnetId("vnet-dbx", "host-gone"))),
        c("Databricks managed VNet without managedResourceGroupId: UNKNOWN",
            dbxManaged(), e -> e.databricks("dbw").managedResourceGroupId(null),
            DBW_HOST, INTERNET, EgressMode.UNKNOWN, NONE, diagnosticNaming("managedResourceGroupId")));
  }

  // ------------------------------------------------------------------ per destination

  static Stream<Arguments> perDestination() {
    return Stream.of(
        c("service-tag UDR Storage → Internet beats 0/0 → firewall for a Storage destination",
            aml(), e -> {
              natOnSnet(e);
              firewallInSpoke(e);
              routes(e, "default", "0.0.0.0/0", "VirtualAppliance", "10.1.0.4", "storage", "Storage", "Internet", null);
            }, CLUSTER, STORAGE_EASTUS, EgressMode.NAT_GATEWAY, List.of("20.10.0.1"),
            hop(HopKind.ROUTE, rtId("rt") + "/routes/storage")),
        c("the same estate sends internet-bound traffic to the firewall",
            aml(), e -> {
              natOnSnet(e);
              firewallInSpoke(e);
              routes(e, "default", "0.0.0.0/0", "VirtualAppliance", "10.1.0.4", "storage", "Storage", "Internet", null);
            }, CLUSTER, INTERNET, EgressMode.FIREWALL, List.of("20.20.0.1")),
        c("regional tag (Storage.EastUS) beats the global tag (Storage), listed after it",
            aml(), e -> {
              firewallInSpoke(e);
              routes(e, "storage", "Storage", "VirtualAppliance", "10.1.0.4", "storage-eastus", "Storage.EastUS", "None", null);
            }, CLUSTER, STORAGE_EASTUS, EgressMode.NO_EGRESS, NONE, hop(HopKind.ROUTE, rtId("rt") + "/routes/storage-eastus")),
        c("regional tag (Storage.eastus) beats the global tag (Storage), listed before it",
            aml(), e -> {
              firewallInSpoke(e);
              routes(e, "storage-eastus", "Storage.eastus", "None", null, "storage", "Storage", "VirtualAppliance", "10.1.0.4");
            }, CLUSTER, STORAGE_EASTUS, EgressMode.NO_EGRESS, NONE),
        c("AzureCloud loses to a service tag",
            aml(), e -> routes(e, "storage", "Storage", "None", null, "cloud", "AzureCloud", "VirtualNetworkGateway", null),
            CLUSTER, STORAGE_EASTUS, EgressMode.NO_EGRESS, NONE, hop(HopKind.ROUTE, rtId("rt") + "/routes/storage")),
        c("AzureCloud.region beats AzureCloud",
            aml(), e -> {
              firewallInSpoke(e);
              routes(e, "cloud-east", "AzureCloud.eastus", "VirtualAppliance", "10.1.0.4", "cloud", "AzureCloud", "None", null);
            }, CLUSTER, STORAGE_EASTUS, EgressMode.FIREWALL, List.of("20.20.0.1")),
        c("AzureCloud beats 0/0 for an Azure destination",
            aml(), e -> {
              firewallInSpoke(e);
              routes(e, "default", "0.0.0.0/0", "VirtualAppliance", "10.1.0.4", "cloud", "AzureCloud", "Internet", null);
            }, CLUSTER, STORAGE_EASTUS, EgressMode.DEFAULT_OUTBOUND, NONE),
        c("a tag route for another region (Storage.westus) does not match an eastus destination",
            aml(), e -> {
              firewallInSpoke(e);
              routes(e, "default", "0.0.0.0/0", "VirtualAppliance", "10.1.0.4", "storage-west", "Storage.westus", "Internet", null);
            }, CLUSTER, STORAGE_EASTUS, EgressMode.FIREWALL, List.of("20.20.0.1")),
        c("a tag route for another service (Sql) does not match a Storage destination",
            aml(), e -> {
              firewallInSpoke(e);
              routes(e, "default", "0.0.0.0/0", "VirtualAppliance", "10.1.0.4", "sql", "Sql", "Internet", null);
            }, CLUSTER, STORAGE_EASTUS, EgressMode.FIREWALL, List.of("20.20.0.1")),
        c("a service-tag route does not apply to internet-bound traffic",
            aml(), e -> routes(e, "storage", "Storage", "None", null),
            CLUSTER, INTERNET, EgressMode.DEFAULT_OUTBOUND, NONE),
        c("service endpoint on the subnet: SERVICE_ENDPOINT for that service, beating 0/0 → firewall and NAT",
            aml(), e -> {
              natOnSnet(e);
              firewallInSpoke(e);
              defaultTo(e, "VirtualAppliance", "10.1.0.4");
              e.vnet(SPOKE).subnet(SNET).serviceEndpoint("Microsoft.Storage", "eastus", "westus");
            }, CLUSTER, STORAGE_EASTUS, EgressMode.SERVICE_ENDPOINT, NONE, seSubnet(subnetId(SPOKE, SNET)),
            hop(HopKind.SERVICE_ENDPOINT, subnetId(SPOKE, SNET))),
        c("service endpoint on a private subnet still carries its service's traffic",
            aml(), e -> e.vnet(SPOKE).subnet(SNET).defaultOutboundAccess(false).serviceEndpoint("Microsoft.Storage"),
            CLUSTER, STORAGE_EASTUS, EgressMode.SERVICE_ENDPOINT, NONE),
        c("a Storage service endpoint does not change internet-bound egress",
            aml(), e -> {
              natOnSnet(e);
              e.vnet(SPOKE).subnet(SNET).serviceEndpoint("Microsoft.Storage");
            }, CLUSTER, INTERNET, EgressMode.NAT_GATEWAY, List.of("20.10.0.1")),
        c("a Storage service endpoint does not carry Sql traffic",
            aml(), e -> {
              natOnSnet(e);
              e.vnet(SPOKE).subnet(SNET).serviceEndpoint("Microsoft.Storage");
            }, CLUSTER, SQL_EASTUS, EgressMode.NAT_GATEWAY, List.of("20.10.0.1")),
        c("Storage endpoint without locations covers the subnet's region",
            aml(), e -> e.vnet(SPOKE).subnet(SNET).serviceEndpoint("Microsoft.Storage"),
            CLUSTER, STORAGE_EASTUS, EgressMode.SERVICE_ENDPOINT, NONE),
        c("Storage endpoint without locations covers the paired region (eastus ↔ westus)",
            aml(), e -> e.vnet(SPOKE).subnet(SNET).serviceEndpoint("Microsoft.Storage"),
            CLUSTER, STORAGE_WESTUS, EgressMode.SERVICE_ENDPOINT, NONE),
        c("Storage endpoint without locations does not cover a third region",
            aml(), e -> {
              natOnSnet(e);
              e.vnet(SPOKE).subnet(SNET).serviceEndpoint("Microsoft.Storage");
            }, CLUSTER, STORAGE_CENTRALUS, EgressMode.NAT_GATEWAY, List.of("20.10.0.1")),
        c("Storage endpoint with explicit locations covers only those",
            aml(), e -> e.vnet(SPOKE).subnet(SNET).serviceEndpoint("Microsoft.Storage", "westeurope"),
            CLUSTER, STORAGE_EASTUS, EgressMode.DEFAULT_OUTBOUND, NONE),
        c("endpoint locations compare normalised ('East US' covers eastus)",
            aml(), e -> e.vnet(SPOKE).subnet(SNET).serviceEndpoint("Microsoft.Storage", "East US"),
            CLUSTER, STORAGE_EASTUS, EgressMode.SERVICE_ENDPOINT, NONE),
        c("Sql endpoint without locations covers its region",
            aml(), e -> e.vnet(SPOKE).subnet(SNET).serviceEndpoint("Microsoft.Sql"),
            CLUSTER, SQL_EASTUS, EgressMode.SERVICE_ENDPOINT, NONE),
        c("Sql endpoint without locations does not cover the paired region",
            aml(), e -> e.vnet(SPOKE).subnet(SNET).serviceEndpoint("Microsoft.Sql"),
            CLUSTER, SQL_WESTUS, EgressMode.DEFAULT_OUTBOUND, NONE),
        c("KeyVault endpoint without locations covers every region",
            aml(), e -> e.vnet(SPOKE).subnet(SNET).serviceEndpoint("Microsoft.KeyVault"),
            CLUSTER, KV_JAPANEAST, EgressMode.SERVICE_ENDPOINT, NONE),
        c("Microsoft.Storage.Global covers any region",
            aml(), e -> e.vnet(SPOKE).subnet(SNET).serviceEndpoint("Microsoft.Storage.Global"),
            CLUSTER, STORAGE_CENTRALUS, EgressMode.SERVICE_ENDPOINT, NONE),
        c("VNet location 'East US 2' is normalised: a Storage endpoint covers eastus2 and its pair centralus",
            aml(), e -> {
              e.vnet(SPOKE).location("East US 2");
              e.vnet(SPOKE).subnet(SNET).serviceEndpoint("Microsoft.Storage");
            }, CLUSTER, STORAGE_CENTRALUS, EgressMode.SERVICE_ENDPOINT, NONE));
  }

  @ParameterizedTest
  @MethodSource("applianceRoutes")
  void applianceRoutesDecideEgress(Case k, @TempDir Path dir) {
    verify(k, dir);
  }

  @ParameterizedTest
  @MethodSource("gatewayAndDropRoutes")
  void gatewayAndDropRoutesDecideEgress(Case k, @TempDir Path dir) {
    verify(k, dir);
  }

  @ParameterizedTest
  @MethodSource("outboundMethods")
  void outboundMethodPrecedence(Case k, @TempDir Path dir) {
    verify(k, dir);
  }

  @ParameterizedTest
  @MethodSource("workloadModes")
  void workloadModes(Case k, @TempDir Path dir) {
    verify(k, dir);
  }

  @ParameterizedTest
  @MethodSource("missingReferences")
  void missingReferencesAreUnknown(Case k, @TempDir Path dir) {
    verify(k, dir);
  }

  @ParameterizedTest
  @MethodSource("perDestination")
  void perDestinationRouteSelection(Case k, @TempDir Path dir) {
    verify(k, dir);
  }
}
