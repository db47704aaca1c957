package io.allowpath.analysis.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.Destination;
import io.allowpath.analysis.egress.Egress;
import io.allowpath.analysis.egress.EgressMode;
import io.allowpath.analysis.egress.SnatMode;
import io.allowpath.model.Estate;
import io.allowpath.model.IpSet;
import io.allowpath.model.IpValue;
import io.allowpath.model.PrivateEndpoint;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Subnet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What of a compute's path the path checks read ({@link PathChecks#signature}): the matrix gives computes with equal
 * signatures one answer, so every part that can change an answer must be in it, and a PE's addresses fall back to
 * its subnet's prefixes only when the estate does not show them.
 */
class PathSignatureTest {
  static final String NET = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/";
  static final ResourceId NSG = ResourceId.of(NET + "networkSecurityGroups/nsg");

  static Subnet subnet(String name, String prefix, ResourceId nsg) {
    return new Subnet(ResourceId.of(NET + "virtualNetworks/v/subnets/" + name), IpValue.list(prefix), null, null, nsg,
        List.of(), null, List.of(), List.of());
  }

  static Egress egress(SnatMode snat, boolean bgp) {
    Compute c = new Compute("c", Compute.Kind.AML_CLUSTER, null, null, null, "eastus");
    return new Egress(c, Destination.INTERNET, EgressMode.FIREWALL, IpSet.EMPTY, List.of(), true, List.of(), null, null,
        List.of(), "0.0.0.0/0", snat, bgp);
  }

  @Test
  void theSignatureNamesTheNsgAndPrefixesTheSnatModeAndTheBgpCaveat() {
    assertThat(PathChecks.signature(null, null)).isNull();
    assertThat(PathChecks.signature(subnet("a", "10.0.0.0/24", null), egress(SnatMode.SNAT, false))).isNull();
    String a = PathChecks.signature(subnet("a", "10.0.0.0/24", NSG), null);
    String b = PathChecks.signature(subnet("b", "10.0.1.0/24", NSG), null);
    assertThat(a).isNotNull().isNotEqualTo(b).contains("10.0.0.0/24");
    assertThat(PathChecks.signature(subnet("a2", "10.0.0.0/24", NSG), null)).isEqualTo(a); // same NSG and prefixes
    assertThat(PathChecks.signature(null, egress(SnatMode.NOT_SNATED, false))).isEqualTo("|snat:NOT_SNATED");
    assertThat(PathChecks.signature(null, egress(null, true))).isEqualTo("|bgp");
    assertThat(PathChecks.egressSignature(egress(SnatMode.AUTO_LEARN, true))).isEqualTo("|snat:AUTO_LEARN|bgp");
    assertThat(PathChecks.egressSignature(egress(SnatMode.SNAT, false))).isEmpty();
    assertThat(PathChecks.egressSignature(null)).isEmpty();
  }

  @Test
  void anEndpointsAddressesAreItsOwnElseItsSubnetsElsePrivateSpace() {
    Subnet s = subnet("pe", "10.5.0.0/24", null);
    Map<ResourceId, Object> res = new LinkedHashMap<>();
    res.put(s.id(), s);
    Estate estate = new Estate(res, Map.of(), List.of(), Map.of());
    ResourceId peId = ResourceId.of(NET + "privateEndpoints/pe");
    PrivateEndpoint withIp = new PrivateEndpoint(peId, "eastus", s.id(), List.of(), IpValue.list("10.5.0.4"));
    PrivateEndpoint withoutIp = new PrivateEndpoint(peId, "eastus", s.id(), List.of(), List.of());
    PrivateEndpoint nothing = new PrivateEndpoint(peId, "eastus", null, List.of(), List.of());
    assertThat(PathChecks.endpointAddresses(estate, withIp)).isEqualTo(IpSet.parse("10.5.0.4"));
    assertThat(PathChecks.endpointAddresses(estate, withoutIp)).isEqualTo(IpSet.parse("10.5.0.0/24"));
    assertThat(PathChecks.endpointAddresses(estate, nothing)).isEqualTo(IpSet.NON_PUBLIC);
  }
}
