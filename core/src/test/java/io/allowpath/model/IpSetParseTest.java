package io.allowpath.model;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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

  /**
   * Dotted IPv4 text is read without the library on its common path: every form, valid or not, must give
   * what the library gives (the same block, or a refusal).
   */
  @Test
  void plainIpv4TextReadsAsTheLibraryReadsIt() {
    List<String> cases = new ArrayList<>(List.of("0.0.0.0/0", "255.255.255.255", "255.255.255.255/32", "10.0.0.5/24",
        "1.2.3.4/0", "1.2.3.4/1", "1.2.3.4/31", "192.168.1.1/33", "256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4",
        "1.2.3.04", "1.2.3.4/024", "1.2.3.4/", "1.2.3.4/8x", "1.2.3.4 ", " 1.2.3.4", "1..3.4", "1.2.3.4/00",
        "1234.1.1.1", "1.2.3.4/-1", "0.0.0.0", "100.64.0.0/10", "20.10.0.1/32"));
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 2000; i++) {
      String a = r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
      cases.add(r.nextBoolean() ? a : a + "/" + r.nextInt(33));
    }
    for (String c : cases) {
      IpSet ours = IpSet.tryParse(c);
      String lib = library(c.strip());
      assertThat(ours == null ? null : ours.v4Start(0) + "-" + ours.v4End(0)).as(c).isEqualTo(lib);
    }
  }

  /** The library's block for dotted text, or null where IpSet refuses it (inet_aton forms, errors). */
  private static String library(String t) {
    if (!t.matches("^\\d{1,3}(\\.\\d{1,3}){3}(/\\d{1,2})?$")) {
      return null;
    }
    try {
      IPAddress a = new IPAddressString(t).toAddress();
      if (a.getNetworkPrefixLength() != null) {
        a = a.toPrefixBlock();
      }
      return a.getLower().getValue().longValue() + "-" + a.getUpper().getValue().longValue();
    } catch (Exception e) {
      return null;
    }
  }
}
