package io.allowpath.ingest.arm;

import com.fasterxml.jackson.databind.JsonNode;
import io.allowpath.model.IpSet;
import io.allowpath.model.IpValue;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Finds IP addresses and CIDR prefixes that cannot be right ({@code 999.1.1.1/33}, {@code 1.2.3},
 * {@code 10.0.0.0/40}) in the fields of a resource that hold addresses, and reports each one with its
 * JSON pointer. A value that is not meant as an address (a service tag such as {@code Internet} or
 * {@code AzureCloud.eastus}, {@code *}, a template's unknown value) is left to the readers.
 *
 * <p>Field names follow the ARM REST API specs: {@code addressPrefix(es)} on subnets, routes and NSG
 * rules; {@code ipAddress} on public IPs and App Service restrictions; {@code ipPrefix} on public IP
 * prefixes; {@code ipRules[].value} (Storage, Key Vault, ACR, Cognitive Services, AML, Event Hubs,
 * Service Bus) and {@code ipAddressOrRange} (Event Hubs, Service Bus); {@code startIpAddress} /
 * {@code endIpAddress} (SQL firewall rules); {@code ipRangeFilter} (Cosmos DB, comma separated);
 * {@code privateIPAddress}, {@code nextHopIpAddress}; firewall rule {@code sourceAddresses} /
 * {@code destinationAddresses}.
 */
final class Addresses {
  private Addresses() {}

  private static final Set<String> FIELDS = Set.of("addressprefix", "addressprefixes", "ipaddress", "ipprefix",
      "ipaddressorrange", "startipaddress", "endipaddress", "iprangefilter", "privateipaddress", "nexthopipaddress",
      "sourceaddresses", "destinationaddresses", "sourceaddressprefix", "sourceaddressprefixes",
      "destinationaddressprefix", "destinationaddressprefixes", "ipallowlist", "address", "ipmask");

  static void check(JsonNode n, String pointer, BiConsumer<String, String> report) {
    walk(n, pointer, false, report, 0);
  }

  /** Field names (as written) known to be, or not to be, address fields: a few distinct names per input. */
  private static final Map<String, Boolean> KNOWN = new ConcurrentHashMap<>();

  private static boolean addressField(String key) {
    Boolean b = KNOWN.get(key);
    if (b == null) {
      b = FIELDS.contains(key.toLowerCase(Locale.ROOT));
      if (KNOWN.size() < 4096) {
        KNOWN.put(key, b);
      }
    }
    return b;
  }

  // Pointers are built only for the containers walked into and the values checked (not for every scalar).
  private static void walk(JsonNode n, String pointer, boolean addressField, BiConsumer<String, String> report, int depth) {
    if (depth > 64) {
      return;
    }
    if (n.isObject()) {
      boolean ipRule = false;
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        JsonNode c = e.getValue();
        boolean field = addressField(e.getKey()) || e.getKey().equalsIgnoreCase("value") && ipRule;
        if (c.isContainerNode() || field && c.isTextual() && depth + 1 <= 64) {
          walk(c, pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), field, report, depth + 1);
        }
      }
      return;
    }
    if (n.isArray()) {
      boolean ipRules = pointer.toLowerCase(Locale.ROOT).endsWith("/iprules");
      for (int i = 0; i < n.size(); i++) {
        JsonNode e = n.get(i);
        // ipRules: [{"value": "1.2.3.4"}]
        if (ipRules && e.isObject() && e.get("value") != null && e.get("value").isTextual()) {
          value(e.get("value").asText(), pointer + "/" + i + "/value", report);
        }
        if (e.isContainerNode() || addressField && e.isTextual() && depth + 1 <= 64) {
          walk(e, pointer + "/" + i, addressField, report, depth + 1);
        }
      }
      return;
    }
    if (addressField && n.isTextual()) {
      String t = n.asText();
      if (t.contains(",")) {
        for (String part : t.split(",")) {
          value(part, pointer, report);
        }
      } else {
        value(t, pointer, report);
      }
    }
  }

  private static void value(String text, String pointer, BiConsumer<String, String> report) {
    String t = text.strip();
    if (!IpValue.looksLikeAddress(t) || IpSet.tryParse(t) != null) {
      return;
    }
    report.accept(pointer, "\"" + J.abbreviate(t) + "\" is not a valid IP address, CIDR prefix or range; it is ignored");
  }
}
