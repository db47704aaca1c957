package io.allowpath.ingest.arm;

import com.fasterxml.jackson.databind.JsonNode;
import io.allowpath.model.ContainerRegistry;
import io.allowpath.model.NetworkRules;
import io.allowpath.model.ResourceId;

/**
 * Container registries (AZURE-EGRESS.md §4.5): SKU and {@code networkRuleSet}.
 */
final class RegistryReader {
  private RegistryReader() {}

  static void register(ArmResourceReader r) {
    r.on("Microsoft.ContainerRegistry/registries", RegistryReader::registry);
  }

  static void registry(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    TargetReaders.markIfUnread(id, j, out);
    NetworkRules rules = new NetworkRules(
        TargetReaders.publicAccess(J.text(j, b, "properties", "publicNetworkAccess")),
        J.text(j, b, "properties", "networkRuleSet", "defaultAction"),
        J.text(j, b, "properties", "networkRuleBypassOptions"),
        TargetReaders.ruleAddresses(j, b, TargetReaders.p("properties", "networkRuleSet", "ipRules"), "value", "ipAddressOrRange"),
        TargetReaders.ruleIds(j, b, TargetReaders.p("properties", "networkRuleSet", "virtualNetworkRules"), "id"));
    out.put(new ContainerRegistry(id, ArmResourceReader.loc(j), J.text(j, b, "sku", "name"), rules));
  }
}
