package io.allowpath.ingest.arm;

import com.fasterxml.jackson.databind.JsonNode;
import io.allowpath.model.Address;
import io.allowpath.model.CosmosAccount;
import io.allowpath.model.CosmosLocation;
import io.allowpath.model.NetworkRules;
import io.allowpath.model.ResourceId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cosmos DB accounts (AZURE-EGRESS.md §4.4): {@code ipRules} (and the legacy {@code ipRangeFilter}),
 * {@code virtualNetworkRules}, {@code isVirtualNetworkFilterEnabled}, and what a safe PUT needs.
 */
final class CosmosReader {
  private CosmosReader() {}

  static void register(ArmResourceReader r) {
    r.on("Microsoft.DocumentDB/databaseAccounts", CosmosReader::cosmos);
  }

  static void cosmos(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    TargetReaders.markIfUnread(id, j, out);
    Map<String, Address> ips = new LinkedHashMap<>();
    for (Address a : TargetReaders.ruleAddresses(j, b, TargetReaders.p("properties", "ipRules"), "ipAddressOrRange")) {
      ips.putIfAbsent(a.text(), a);
    }
    // legacy comma-separated form (T8)
    for (Address a : TargetReaders.addresses(J.strings(j, b, "properties", "ipRangeFilter"), b + "/properties/ipRangeFilter")) {
      ips.putIfAbsent(a.text(), a);
    }
    NetworkRules rules = new NetworkRules(
        TargetReaders.publicAccess(J.text(j, b, "properties", "publicNetworkAccess")),
        null,
        J.text(j, b, "properties", "networkAclBypass"),
        new ArrayList<>(ips.values()),
        TargetReaders.ruleIds(j, b, TargetReaders.p("properties", "virtualNetworkRules"), "id"));
    JsonNode locs = J.at(j, "properties", "locations");
    List<CosmosLocation> locations = null;
    if (locs != null && !TargetReaders.containsUnknown(locs)) {
      locations = new ArrayList<>();
      List<JsonNode> items = J.array(j, b, "properties", "locations");
      for (int i = 0; i < items.size(); i++) {
        String lb = b + "/properties/locations/" + i;
        String name = J.text(items.get(i), lb, "locationName");
        Integer prio = J.integer(items.get(i), lb, "failoverPriority");
        if (name == null || prio == null) {
          locations = null; // an incomplete region list must not be restated
          break;
        }
        locations.add(new CosmosLocation(name, prio, Boolean.TRUE.equals(J.bool(items.get(i), lb, "isZoneRedundant"))));
      }
    }
    JsonNode caps = J.at(j, "properties", "capabilities");
    List<String> capabilities = caps == null || TargetReaders.containsUnknown(caps) ? null
        : TargetReaders.ruleValues(j, b, TargetReaders.p("properties", "capabilities"), "name");
    Integer staleness = J.integer(j, b, "properties", "consistencyPolicy", "maxStalenessPrefix");
    out.put(new CosmosAccount(id, ArmResourceReader.loc(j), rules,
        Boolean.TRUE.equals(J.bool(j, b, "properties", "isVirtualNetworkFilterEnabled")),
        J.text(j, b, "kind"),
        J.text(j, b, "properties", "databaseAccountOfferType"),
        locations,
        J.text(j, b, "properties", "consistencyPolicy", "defaultConsistencyLevel"),
        staleness == null ? null : staleness.longValue(),
        J.integer(j, b, "properties", "consistencyPolicy", "maxIntervalInSeconds"),
        capabilities));
  }
}
