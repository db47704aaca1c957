package io.allowpath.ingest.arm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Invalid addresses in address fields are reported with their pointer; tags and valid values are not. */
class AddressesTest {
  static final ObjectMapper MAPPER = new ObjectMapper();

  static List<String> problems(String json) throws Exception {
    JsonNode n = MAPPER.readTree(json);
    List<String> out = new ArrayList<>();
    Addresses.check(n, "/3", (p, m) -> out.add(p + " " + m));
    return out;
  }

  @Test
  void invalidPrefixesAndAddressesAreReportedWithTheirPointer() throws Exception {
    assertThat(problems("""
        {"properties": {"addressPrefix": "10.0.0.0/40", "networkAcls": {"ipRules": [{"value": "999.1.1.1/33"},
          {"value": "20.1.2.3"}]}, "ipRangeFilter": "1.2.3.4,300.1.1.1", "startIpAddress": "1.2.3.4.5"}}"""))
        .containsExactly(
            "/3/properties/addressPrefix \"10.0.0.0/40\" is not a valid IP address, CIDR prefix or range; it is ignored",
            "/3/properties/networkAcls/ipRules/0/value \"999.1.1.1/33\" is not a valid IP address, CIDR prefix or range; "
                + "it is ignored",
            "/3/properties/ipRangeFilter \"300.1.1.1\" is not a valid IP address, CIDR prefix or range; it is ignored",
            "/3/properties/startIpAddress \"1.2.3.4.5\" is not a valid IP address, CIDR prefix or range; it is ignored");
  }

  @Test
  void serviceTagsWildcardsRangesAndIpv6AreNotReported() throws Exception {
    assertThat(problems("""
        {"properties": {"securityRules": [{"properties": {"destinationAddressPrefix": "Internet",
          "sourceAddressPrefixes": ["VirtualNetwork", "AzureCloud.eastus", "*", "10.0.0.0/8"]}}],
          "addressPrefixes": ["fd00::/8", "2001:db8::1"], "ipAddressOrRange": "10.0.0.1-10.0.0.9",
          "name": "999.999.999.999"}}""")).isEmpty();
  }
}
