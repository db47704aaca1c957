package io.allowpath.analysis.egress;

import static io.allowpath.analysis.egress.EgressResolverTest.CLUSTER;
import static io.allowpath.analysis.egress.EgressResolverTest.SPOKE;
import static io.allowpath.analysis.egress.EgressResolverTest.SNET;
import static io.allowpath.analysis.egress.EgressResolverTest.STORAGE_EASTUS;
import static io.allowpath.analysis.egress.EgressResolverTest.aml;
import static io.allowpath.analysis.egress.EgressResolverTest.firewallInSpoke;
import static io.allowpath.analysis.egress.EgressResolverTest.gatewayIn;
import static io.allowpath.analysis.egress.EgressResolverTest.natOnSnet;
import static io.allowpath.analysis.egress.EgressResolverTest.resolve;
import static io.allowpath.analysis.egress.EgressResolverTest.routes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.ingest.servicetags.ServiceTagsReader;
import io.allowpath.model.ServiceTags;
import io.allowpath.testing.EstateJson;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documented behaviour (AZURE-EGRESS.md) that the resolver does not follow yet. Each test asserts what
 * the document says and is disabled with the reason; enable it when the resolver is fixed.
 */
class EgressResolverRouteEdgeCasesTest {

  /** A service tags file where Storage is exactly 20.38.0.0/16 (and no regional Storage tag). */
  static ServiceTags storageTag(Path dir) {
    ObjectNode root = EstateJson.MAPPER.createObjectNode().put("changeNumber", 1).put("cloud", "Public");
    ObjectNode tag = root.putArray("values").addObject().put("name", "Storage").put("id", "Storage");
    tag.putObject("properties").put("region", "").put("systemService", "AzureStorage")
        .putArray("addressPrefixes").add("20.38.0.0/16");
    return ServiceTagsReader.read(EstateJson.writeJson(dir.resolve("tags.json"), root));
  }

  // Control: with --service-tags, a CIDR route that covers the whole Storage tag decides a Storage destination.
  @Test
  void cidrRouteCoveringTheWholeServiceTagDecidesWithServiceTags(@TempDir Path dir) {
    EstateJson e = aml();
    natOnSnet(e);
    firewallInSpoke(e);
    routes(e, "storage-cidr", "20.38.0.0/16", "VirtualAppliance", "10.1.0.4");
    assertThat(resolve(dir, e, CLUSTER, STORAGE_EASTUS, storageTag(dir)).mode()).isEqualTo(EgressMode.FIREWALL);
  }

  // Longest prefix match: a tag route (its /16) beats a less specific /8 CIDR route.
  @Test
  void serviceTagRouteBeatsALessSpecificCidrRoute(@TempDir Path dir) {
    EstateJson e = aml();
    natOnSnet(e);
    firewallInSpoke(e);
    routes(e, "storage-tag", "Storage", "Internet", null, "wide", "20.0.0.0/8", "VirtualAppliance", "10.1.0.4");
    assertThat(resolve(dir, e, CLUSTER, STORAGE_EASTUS, storageTag(dir)).mode()).isEqualTo(EgressMode.NAT_GATEWAY);
  }

  // A CIDR route that covers only part of the tag does not decide the destination (it depends on the address).
  @Test
  void cidrRouteCoveringPartOfTheTagDoesNotDecide(@TempDir Path dir) {
    EstateJson e = aml();
    natOnSnet(e);
    firewallInSpoke(e);
    routes(e, "part", "20.38.0.0/17", "VirtualAppliance", "10.1.0.4");
    Egress eg = resolve(dir, e, CLUSTER, STORAGE_EASTUS, storageTag(dir));
    assertThat(eg.mode()).isEqualTo(EgressMode.NAT_GATEWAY);
    assertThat(eg.hops()).anyMatch(h -> h.kind() == HopKind.NOTE && h.detail().contains("20.38.0.0/17"));
  }

  @Test
  // Was a bug, fixed: AZURE-EGRESS.md §1.4 'An explicit prefix beats a service-tag route with the same
  // prefix', but EgressResolver.rank gives every tag route 101..104 and a CIDR at most 32, so the tag
  // route always wins
  void explicitPrefixBeatsServiceTagRouteWithTheSamePrefix(@TempDir Path dir) {
    EstateJson e = aml();
    natOnSnet(e);
    firewallInSpoke(e);
    routes(e, "storage-tag", "Storage", "Internet", null, "storage-cidr", "20.38.0.0/16", "VirtualAppliance", "10.1.0.4");
    Egress eg = resolve(dir, e, CLUSTER, STORAGE_EASTUS, storageTag(dir));
    assertThat(eg.mode()).isEqualTo(EgressMode.FIREWALL);
  }

  @Test
  // Was a bug, fixed: AZURE-EGRESS.md §4.0 'A route with next hop VirtualNetworkGateway needs a VPN-type
  // gateway for the VNet ...; without one the traffic has no next hop' (N8: UDRs cannot point at an
  // ExpressRoute gateway), but EgressResolver.gatewayOf ignores gatewayType and answers ON_PREMISES for
  // an ExpressRoute-only gateway
  void udrToVirtualNetworkGatewayWithOnlyAnExpressRouteGatewayHasNoNextHop(@TempDir Path dir) {
    EstateJson e = aml();
    gatewayIn(e, SPOKE, "ExpressRoute");
    routes(e, "default", "0.0.0.0/0", "VirtualNetworkGateway", null);
    Egress eg = resolve(dir, e, CLUSTER, Destination.INTERNET, null);
    assertThat(eg.mode()).isEqualTo(EgressMode.NO_EGRESS);
  }

  @Test
  // Was a bug, fixed: AZURE-EGRESS.md §1.4 longest prefix match: 0.0.0.0/1 + 128.0.0.0/1 →
  // VirtualAppliance cover every internet address more specifically than the system 0.0.0.0/0, so all
  // internet-bound traffic goes to the firewall; EgressResolver.rank only adds a NOTE hop for non-/0
  // CIDR routes when the destination is the internet and answers with the subnet's NAT gateway
  void splitDefaultRoutesToAFirewallCarryAllInternetTraffic(@TempDir Path dir) {
    EstateJson e = aml();
    natOnSnet(e);
    firewallInSpoke(e);
    routes(e, "low-half", "0.0.0.0/1", "VirtualAppliance", "10.1.0.4", "high-half", "128.0.0.0/1", "VirtualAppliance",
        "10.1.0.4");
    Egress eg = resolve(dir, e, CLUSTER, Destination.INTERNET, null);
    assertThat(eg.mode()).isEqualTo(EgressMode.FIREWALL);
    assertThat(eg.publicIps().toCidrs()).containsExactly("20.20.0.1");
  }

  @Test
  // Was a bug, fixed: AZURE-EGRESS.md §1.3 'VMs in a private subnet can still reach Storage in the same
  // region' (N6), but a private subnet without an explicit outbound method answers NO_EGRESS for a same-
  // region Storage destination too (EgressResolver.internet checks isPrivate without looking at the
  // destination)
  void privateSubnetStillReachesSameRegionStorage(@TempDir Path dir) {
    EstateJson e = aml();
    e.vnet(SPOKE).subnet(SNET).defaultOutboundAccess(false);
    Egress eg = resolve(dir, e, CLUSTER, STORAGE_EASTUS, null);
    assertThat(eg.mode()).isNotEqualTo(EgressMode.NO_EGRESS);
  }
}
