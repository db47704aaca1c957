package io.allowpath.analysis.egress;

import static io.allowpath.analysis.egress.EgressPlatformModesTest.toFirewall;
import static io.allowpath.analysis.egress.EgressResolverTest.CLUSTER;
import static io.allowpath.analysis.egress.EgressResolverTest.SNET;
import static io.allowpath.analysis.egress.EgressResolverTest.SPOKE;
import static io.allowpath.analysis.egress.EgressResolverTest.aml;
import static io.allowpath.analysis.egress.EgressResolverTest.gatewayIn;
import static io.allowpath.analysis.egress.EgressResolverTest.natOnSnet;
import static io.allowpath.testing.EstateJson.fwId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.allowpath.ingest.InputException;
import io.allowpath.model.Estate;
import io.allowpath.model.ResourceId;
import io.allowpath.session.EffectiveRoutesInput;
import io.allowpath.session.SelectionException;
import io.allowpath.testing.EstateJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --effective-routes}: the output of {@code az network nic show-effective-route-table} (REST
 * EffectiveRouteListResult: {@code value[]} of source, state, addressPrefix[], nextHopType, nextHopIpAddress[])
 * settles the BGP caveat of AZURE-EGRESS.md §8.6
 * (https://learn.microsoft.com/azure/virtual-network/diagnose-network-routing-problem): a gateway-learned active
 * 0.0.0.0/0 sends the traffic on-premises; an active system default route to the Internet removes the caveat.
 */
class EffectiveRoutesTest {
  @TempDir Path dir;

  /** The NAT-gateway cluster whose VNet has an ExpressRoute gateway: the estate alone gives the caveat. */
  static EstateJson expressRoute() {
    EstateJson e = aml();
    natOnSnet(e);
    gatewayIn(e, SPOKE, "ExpressRoute");
    return e;
  }

  static final String SYSTEM_DEFAULT = """
      {"source": "Default", "state": "%s", "addressPrefix": ["0.0.0.0/0"], "nextHopType": "Internet",
       "nextHopIpAddress": []}""";
  static final String LEARNED_DEFAULT = """
      {"source": "VirtualNetworkGateway", "state": "%s", "addressPrefix": ["0.0.0.0/0"],
       "nextHopType": "VirtualNetworkGateway", "nextHopIpAddress": ["10.0.255.4"]}""";
  static final String VNET_LOCAL = """
      {"source": "Default", "state": "Active", "addressPrefix": ["10.1.0.0/16"], "nextHopType": "VnetLocal",
       "nextHopIpAddress": []}""";

  Path routes(String name, String... entries) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, "{\"value\": [" + String.join(",", entries) + "], \"nextLink\": null}");
    return f;
  }

  Egress resolve(EstateJson e, List<String> specs) {
    Estate estate = EffectiveRoutesInput.attach(e.load(dir), specs);
    EgressResolver r = new EgressResolver(estate, null);
    Compute c = r.computes().stream().filter(x -> x.key().equalsIgnoreCase(CLUSTER)).findFirst().orElseThrow();
    return r.resolve(c, Destination.INTERNET);
  }

  @Test
  void withoutEffectiveRoutesTheGatewayIsACaveat() {
    Egress x = resolve(expressRoute(), List.of());
    assertThat(x.mode()).isEqualTo(EgressMode.NAT_GATEWAY);
    assertThat(x.bgpMayOverride()).isTrue();
  }

  @Test
  void anActiveGatewayLearnedDefaultRouteSendsTheTrafficOnPremises() throws IOException {
    Path f = routes("routes.json", VNET_LOCAL, SYSTEM_DEFAULT.formatted("Invalid"), LEARNED_DEFAULT.formatted("Active"));
    Egress x = resolve(expressRoute(), List.of(SNET + "=" + f));
    assertThat(x.mode()).isEqualTo(EgressMode.ON_PREMISES);
    assertThat(x.stable()).isFalse();
    assertThat(x.bgpMayOverride()).isFalse();
    assertThat(x.hops()).anyMatch(h -> h.kind() == HopKind.BGP && h.detail().contains("learned from the gateway")
        && h.detail().contains(f.toString()));
  }

  @Test
  void anActiveSystemDefaultRouteSettlesItTheOtherWay() throws IOException {
    Path f = routes("routes.json", VNET_LOCAL, SYSTEM_DEFAULT.formatted("Active"));
    Egress x = resolve(expressRoute(), List.of(SPOKE + "/" + SNET + "=" + f));
    assertThat(x.mode()).isEqualTo(EgressMode.NAT_GATEWAY);
    assertThat(x.publicIps().toCidrs()).containsExactly("20.10.0.1");
    assertThat(x.bgpMayOverride()).isFalse();
    assertThat(x.hops()).anyMatch(h -> h.kind() == HopKind.BGP && h.detail().contains("no gateway-learned route"));
  }

  @Test
  void gatewayLearnedPublicPrefixesKeepTheCaveat() throws IOException {
    Path f = routes("routes.json", VNET_LOCAL, SYSTEM_DEFAULT.formatted("Active"), """
        {"source": "VirtualNetworkGateway", "state": "Active", "addressPrefix": ["20.38.0.0/16"],
         "nextHopType": "VirtualNetworkGateway", "nextHopIpAddress": ["10.0.255.4"]}""", """
        {"source": "VirtualNetworkGateway", "state": "Active", "addressPrefix": ["192.168.0.0/16"],
         "nextHopType": "VirtualNetworkGateway", "nextHopIpAddress": ["10.0.255.4"]}""");
    Egress x = resolve(expressRoute(), List.of(SNET + "=" + f));
    assertThat(x.mode()).isEqualTo(EgressMode.NAT_GATEWAY);
    assertThat(x.bgpMayOverride()).isTrue();
    assertThat(x.hops()).anyMatch(h -> h.kind() == HopKind.BGP && h.detail().contains("20.38.0.0/16")
        && !h.detail().contains("192.168.0.0/16"));
  }

  @Test
  void theFirewallSubnetsLearnedDefaultRouteTakesTheFirewallTrafficOnPremises() throws IOException {
    EstateJson e = aml();
    toFirewall(e);
    gatewayIn(e, SPOKE, "ExpressRoute");
    Path f = routes("AzureFirewallSubnet.json", LEARNED_DEFAULT.formatted("Active"));
    Egress x = resolve(e, List.of(f.toString())); // the file's name is the subnet's
    assertThat(x.mode()).isEqualTo(EgressMode.ON_PREMISES);
    assertThat(x.firewall()).isEqualTo(ResourceId.of(fwId("fw")));
  }

  @Test
  void theFileNameCanNameTheNicWhoseSubnetItIs() throws IOException {
    EstateJson e = expressRoute();
    e.nic("worker-nic-0", false, "10.1.1.4", EstateJson.subnetId(SPOKE, SNET), null);
    Path f = routes("worker-nic-0.json", LEARNED_DEFAULT.formatted("Active"));
    assertThat(resolve(e, List.of(f.toString())).mode()).isEqualTo(EgressMode.ON_PREMISES);
  }

  @Test
  void aNameThatMatchesNoSubnetOrNicIsAUsageErrorSayingHowToName() throws IOException {
    Path f = routes("routes.json", SYSTEM_DEFAULT.formatted("Active"));
    assertThatThrownBy(() -> resolve(expressRoute(), List.of(f.toString()))).isInstanceOf(SelectionException.class)
        .hasMessageContaining("no NIC or subnet named 'routes'").hasMessageContaining("<subnet-or-nic>=");
    assertThatThrownBy(() -> resolve(expressRoute(), List.of("nope=" + f))).isInstanceOf(SelectionException.class)
        .hasMessageContaining("no subnet or NIC 'nope'");
  }

  @Test
  void aRouteNotInTheDocumentedShapeIsAnErrorAtItsPointer() throws IOException {
    Path bad = routes("bad.json", VNET_LOCAL, """
        {"source": "Default", "state": "Enabled", "addressPrefix": ["0.0.0.0/0"], "nextHopType": "Internet"}""");
    assertThatThrownBy(() -> resolve(expressRoute(), List.of(SNET + "=" + bad))).isInstanceOf(InputException.class)
        .hasMessageContaining("bad.json: /value/1/state: expected state to be one of active, invalid, found \"Enabled\"");
    Path prefix = routes("prefix.json", """
        {"source": "Default", "state": "Active", "addressPrefix": ["garbage/99"], "nextHopType": "Internet"}""");
    assertThatThrownBy(() -> resolve(expressRoute(), List.of(SNET + "=" + prefix))).isInstanceOf(InputException.class)
        .hasMessageContaining("/value/0/addressPrefix/0: expected an IP prefix, found \"garbage/99\"");
    Path notRoutes = dir.resolve("x.json");
    Files.writeString(notRoutes, "{\"values\": []}");
    assertThatThrownBy(() -> resolve(expressRoute(), List.of(SNET + "=" + notRoutes))).isInstanceOf(InputException.class)
        .hasMessageContaining("show-effective-route-table");
  }
}
