package io.allowpath.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IpValueTest {
  @Test
  void addressesPrefixesAndRangesAreParsedNamesAreNot() {
    assertThat(IpValue.of("10.0.0.0/8").ips()).isEqualTo(IpSet.parse("10.0.0.0/8"));
    assertThat(IpValue.of("52.1.1.1-52.1.1.9").ips()).isEqualTo(IpSet.parse("52.1.1.1-52.1.1.9"));
    assertThat(IpValue.of("2001:db8::/32").isAddress()).isTrue();
    for (String name : new String[] {"*", "Any", "Internet", "VirtualNetwork", "AzureCloud.eastus", "Storage",
        "IANAPrivateRanges", "[parameters('prefix')]", "/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/ipGroups/g"}) {
      assertThat(IpValue.of(name).ips()).as(name).isNull();
      assertThat(IpValue.of(name).text()).isEqualTo(name);
    }
    assertThat(IpValue.of(null)).isNull();
  }

  @Test
  void textThatLooksLikeAnAddressButIsNotOneIsRefused() {
    for (String bad : new String[] {"999.1.1.1", "10.0.0.0/40", "1.2.3", "10.0.0.1/", "1.2.3.4.5"}) {
      assertThatThrownBy(() -> IpValue.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
    }
  }

  @Test
  void anAddressOnlyFieldRefusesNames() {
    assertThat(IpValue.address("10.0.0.4").ips()).isEqualTo(IpSet.parse("10.0.0.4"));
    assertThatThrownBy(() -> IpValue.address("garbage/99")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IpValue.address("Internet")).isInstanceOf(IllegalArgumentException.class);
    assertThat(IpValue.address(null)).isNull();
  }

  @Test
  void prefixLengthOfBlocksAndNothingElse() {
    assertThat(IpValue.of("0.0.0.0/0").prefixLength()).isZero();
    assertThat(IpValue.of("10.1.0.0/16").prefixLength()).isEqualTo(16);
    assertThat(IpValue.of("10.1.2.3").prefixLength()).isEqualTo(32);
    assertThat(IpValue.of("10.1.2.3/16").prefixLength()).isEqualTo(16); // Azure reads the block
    assertThat(IpValue.of("fd00::/48").prefixLength()).isEqualTo(48);
    assertThat(IpValue.of("::/0").prefixLength()).isZero();
    assertThat(IpValue.of("10.0.0.1-10.0.0.3").prefixLength()).isEqualTo(-1);
    assertThat(IpValue.of("10.0.0.0-10.0.0.3").prefixLength()).isEqualTo(30);
    assertThat(IpValue.of("AzureCloud").prefixLength()).isEqualTo(-1);
  }

  @Test
  void listsKeepTextAndSkipNamesWhenAddressesAreAsked() {
    var l = IpValue.list("10.0.0.0/24", "VirtualNetwork");
    assertThat(IpValue.texts(l)).containsExactly("10.0.0.0/24", "VirtualNetwork");
    assertThat(IpValue.addresses(l)).containsExactly(IpSet.parse("10.0.0.0/24"));
    assertThat(IpValue.text(null)).isNull();
    assertThat(IpValue.ips(null)).isNull();
    assertThat(l.get(1).name()).isEqualTo("VirtualNetwork");
  }
}
