package io.allowpath.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IpSetParseTest {
  /** Service tag names of 20 characters are valid base-85 IPv6 text for the IP library: never an address here. */
  @Test
  void serviceTagNamesAreNotAddresses() {
    assertThat(IpSet.tryParse("AzureMachineLearning")).isNull();
    assertThat(IpSet.tryParse("Storage")).isNull();
    assertThat(IpSet.tryParse("20.1.2.3")).isEqualTo(IpSet.parse("20.1.2.3/32"));
    assertThat(IpSet.tryParse("2001:db8::/32")).isNotNull();
  }
}
