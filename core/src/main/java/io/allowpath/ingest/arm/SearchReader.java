package io.allowpath.ingest.arm;

import com.fasterxml.jackson.databind.JsonNode;
import io.allowpath.model.NetworkRules;
import io.allowpath.model.ResourceId;
import io.allowpath.model.SearchService;
import java.util.List;

/**
 * Azure AI Search services (AZURE-EGRESS.md §4.9): {@code networkRuleSet.ipRules}, {@code bypass}.
 */
final class SearchReader {
  private SearchReader() {}

  static void register(ArmResourceReader r) {
    r.on("Microsoft.Search/searchServices", SearchReader::search);
  }

  static void search(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    TargetReaders.markIfUnread(id, j, out);
    NetworkRules rules = new NetworkRules(
        TargetReaders.publicAccess(J.text(j, b, "properties", "publicNetworkAccess")),
        null,
        J.text(j, b, "properties", "networkRuleSet", "bypass"),
        TargetReaders.ruleAddresses(j, b, TargetReaders.p("properties", "networkRuleSet", "ipRules"), "value"),
        List.of());
    out.put(new SearchService(id, ArmResourceReader.loc(j), J.text(j, b, "sku", "name"), rules));
  }
}
