package io.allowpath.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PortsTest {
  @Test
  void aPortARangeAndEveryPort() {
    assertThat(Ports.parse("443")).isEqualTo(new Ports("443", 443, 443));
    assertThat(Ports.parse(" 11000 - 11999 ")).extracting(Ports::from, Ports::to).containsExactly(11000, 11999);
    assertThat(Ports.parse("*")).extracting(Ports::from, Ports::to).containsExactly(0, 65535);
    assertThat(Ports.parse("Any").to()).isEqualTo(65535);
    assertThat(Ports.parse("0-65535").contains(0)).isTrue();
    Ports r = Ports.parse("100-443");
    assertThat(r.contains(100)).isTrue();
    assertThat(r.contains(443)).isTrue();
    assertThat(r.contains(99)).isFalse();
    assertThat(r.contains(444)).isFalse();
    assertThat(Ports.texts(Ports.list("80", "*"))).containsExactly("80", "*");
    assertThat(r.toString()).isEqualTo("100-443");
  }

  @Test
  void anythingElseIsRefusedQuotingTheValue() {
    for (String bad : new String[] {"https", "65536", "-1", "500-400", "1-", "", "80,443", "123456", "4 43"}) {
      assertThatThrownBy(() -> Ports.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad + "'");
    }
    assertThatThrownBy(() -> Ports.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
