package io.allowpath.analysis.egress;

import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.model.IpSet;
import io.allowpath.model.ResourceId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code allowpath ips}: which computes can be allowlisted, the fewest blocks, and why the others cannot. */
class AllowlistTest {
  private static final ResourceId PIP = ResourceId.of(
      "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/publicIPAddresses/pip-nat");

  private static Egress egress(String name, EgressMode mode, String ips, List<ResourceId> symbolic, boolean stable,
      HopKind kind, String detail) {
    Compute c = new Compute(name, Compute.Kind.AML_CLUSTER, null, ResourceId.of("/subscriptions/s/resourceGroups/rg/"
        + "providers/Microsoft.MachineLearningServices/workspaces/w/computes/" + name), null, "eastus");
    return new Egress(c, Destination.INTERNET, mode, ips == null ? IpSet.EMPTY : IpSet.parse(ips), symbolic, stable,
        List.of(new Hop(HopKind.SUBNET, null, "subnet s"), new Hop(kind, null, detail)), null, null, List.of(), "0.0.0.0/0");
  }

  @Test
  void stableAddressesAreListedAndEveryOtherComputeSaysWhy() {
    Allowlist a = Allowlist.of(List.of(
        egress("nat", EgressMode.NAT_GATEWAY, "20.1.2.3", List.of(), true, HopKind.NAT_GATEWAY, "NAT gateway ng"),
        egress("nat2", EgressMode.NAT_GATEWAY, "20.1.2.2", List.of(), true, HopKind.NAT_GATEWAY, "NAT gateway ng2"),
        egress("dflt", EgressMode.DEFAULT_OUTBOUND, null, List.of(), false, HopKind.DEFAULT_OUTBOUND, "default outbound"),
        egress("none", EgressMode.NO_EGRESS, null, List.of(), true, HopKind.DROP, "route to None"),
        egress("unk", EgressMode.UNKNOWN, null, List.of(), false, HopKind.MISSING, "subnet missing"),
        egress("sym", EgressMode.NAT_GATEWAY, null, List.of(PIP), true, HopKind.NAT_GATEWAY, "NAT gateway ng3"),
        egress("half", EgressMode.NAT_GATEWAY, "20.9.9.9", List.of(ResourceId.unresolved("x")), true,
            HopKind.NAT_GATEWAY, "NAT gateway ng4"),
        egress("se", EgressMode.SERVICE_ENDPOINT, null, List.of(), true, HopKind.SERVICE_ENDPOINT, "service endpoint")));
    assertThat(a.addresses()).isEqualTo(IpSet.parse("20.1.2.2/31").union(IpSet.parse("20.9.9.9")));
    assertThat(a.addresses().toCidrs()).containsExactly("20.1.2.2/31", "20.9.9.9");
    assertThat(a.listed()).extracting(e -> e.compute().key()).containsExactly("nat", "nat2", "half");
    assertThat(a.problems()).extracting(p -> p.compute().key() + ": " + p.why()).containsExactly(
        "dflt: will change: default outbound",
        "none: no internet egress: route to None",
        "unk: egress unknown: subnet missing",
        "sym: address not in the estate yet: pip-nat",
        "half: address not in the estate yet: <deployment-time>",
        "se: no public address on the path: service endpoint");
  }

  @Test
  void noComputeGivesAnEmptyList() {
    Allowlist a = Allowlist.of(List.of());
    assertThat(a.addresses().isEmpty()).isTrue();
    assertThat(a.listed()).isEmpty();
    assertThat(a.problems()).isEmpty();
  }

  @Test
  void theWhyOfAnEgressIsItsDecidingHopElseItsLastHop() {
    Egress e = egress("nat", EgressMode.NAT_GATEWAY, "20.1.2.3", List.of(), true, HopKind.NAT_GATEWAY, "NAT gateway ng");
    assertThat(e.why()).isEqualTo("NAT gateway ng");
    Egress noDecider = egress("x", EgressMode.UNKNOWN, null, List.of(), false, HopKind.NOTE, "a note");
    assertThat(noDecider.why()).isEqualTo("a note");
    Egress empty = new Egress(noDecider.compute(), Destination.INTERNET, EgressMode.UNKNOWN, IpSet.EMPTY, List.of(), false,
        List.of(), null, null, List.of(), null);
    assertThat(empty.why()).isEmpty();
  }

  @Test
  void aDestinationDescribesItself() {
    assertThat(Destination.INTERNET.describe()).isEqualTo("the internet");
    assertThat(Destination.INTERNET.isInternet()).isTrue();
    Destination st = new Destination("Storage", "westeurope", "Microsoft.Storage", "st1.blob.core.windows.net");
    assertThat(st.isInternet()).isFalse();
    assertThat(st.describe()).isEqualTo("Storage in westeurope (st1.blob.core.windows.net)");
    assertThat(new Destination("AzureKeyVault", null, null, null).describe()).isEqualTo("AzureKeyVault");
  }
}
