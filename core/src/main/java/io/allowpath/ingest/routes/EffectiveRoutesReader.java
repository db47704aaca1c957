package io.allowpath.ingest.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.allowpath.ingest.InputException;
import io.allowpath.ingest.JsonFiles;
import io.allowpath.model.EffectiveRoutes;
import io.allowpath.model.IpSet;
import io.allowpath.model.IpValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the output of {@code az network nic show-effective-route-table -g RG -n NIC} (and of the REST call
 * {@code POST .../networkInterfaces/{nic}/effectiveRouteTable}): {@code {"value": [route...]}}, or the bare array
 * {@code az ... --query value} prints. Each route: {@code source}, {@code state}, {@code addressPrefix} (an array),
 * {@code nextHopType}, {@code nextHopIpAddress} (an array) — the EffectiveRoute definition of the
 * Microsoft.Network REST spec (networkInterface.json). A value that is not what the spec says is an error at its
 * JSON pointer.
 */
public final class EffectiveRoutesReader {
  private EffectiveRoutesReader() {}

  private static final Set<String> SOURCES = Set.of("unknown", "user", "virtualnetworkgateway", "default");
  private static final Set<String> STATES = Set.of("active", "invalid");

  public static List<EffectiveRoutes.Entry> read(Path file) {
    JsonNode root = JsonFiles.read(file, "the effective routes file");
    String base = "/value";
    JsonNode values = root == null ? null : root.isArray() ? root : root.path("value");
    if (root != null && root.isArray()) {
      base = "";
    }
    if (values == null || !values.isArray()) {
      throw new InputException(file.toString(), base, "expected the output of az network nic "
          + "show-effective-route-table (an object with a \"value\" array of routes)");
    }
    List<EffectiveRoutes.Entry> out = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      JsonNode r = values.get(i);
      String at = base + "/" + i;
      if (!r.isObject()) {
        throw new InputException(file.toString(), at, "expected a route object");
      }
      String source = text(file, r, at, "source", SOURCES);
      String state = text(file, r, at, "state", STATES);
      List<IpValue> prefixes = strings(file, r, at, "addressPrefix", true);
      String next = r.path("nextHopType").asText(null);
      if (next == null || next.isBlank()) {
        throw new InputException(file.toString(), at + "/nextHopType", "expected the next hop type (Internet, "
            + "VirtualNetworkGateway, VirtualAppliance, VnetLocal, None, ...)");
      }
      out.add(new EffectiveRoutes.Entry(source, state, prefixes, next, strings(file, r, at, "nextHopIpAddress", false)));
    }
    return out;
  }

  private static String text(Path file, JsonNode r, String at, String field, Set<String> allowed) {
    String v = r.path(field).isTextual() ? r.get(field).asText() : null;
    if (v == null || !allowed.contains(v.toLowerCase(Locale.ROOT))) {
      throw new InputException(file.toString(), at + "/" + field, "expected " + field + " to be one of "
          + String.join(", ", allowed.stream().sorted().toList()) + (v == null ? "" : ", found \"" + v + "\""));
    }
    return v;
  }

  private static List<IpValue> strings(Path file, JsonNode r, String at, String field, boolean prefixes) {
    JsonNode a = r.path(field);
    if (a.isMissingNode() || a.isNull()) {
      return List.of();
    }
    if (!a.isArray()) {
      throw new InputException(file.toString(), at + "/" + field, "expected an array of " + (prefixes ? "prefixes" : "addresses"));
    }
    List<IpValue> out = new ArrayList<>();
    for (int k = 0; k < a.size(); k++) {
      String v = a.get(k).asText("");
      IpSet set = a.get(k).isTextual() ? IpSet.tryParse(v.strip()) : null;
      if (set == null) {
        throw new InputException(file.toString(), at + "/" + field + "/" + k, "expected an IP "
            + (prefixes ? "prefix" : "address") + ", found " + (a.get(k).isTextual() ? "\"" + v + "\"" : a.get(k).toString()));
      }
      out.add(new IpValue(v.strip(), set));
    }
    return out;
  }
}
