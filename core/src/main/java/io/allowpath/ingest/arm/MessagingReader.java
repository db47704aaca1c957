package io.allowpath.ingest.arm;

import com.fasterxml.jackson.databind.JsonNode;
import io.allowpath.model.MessagingNamespace;
import io.allowpath.model.NetworkRules;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Service;

/**
 * Event Hubs and Service Bus namespaces (AZURE-EGRESS.md §4.7): the namespace, and its
 * {@code networkRuleSets/default} child joined by id (the rules live only there).
 */
final class MessagingReader {
  private MessagingReader() {}

  static void register(ArmResourceReader r) {
    r.on("Microsoft.EventHub/namespaces", (id, j, b, out) -> namespace(id, j, b, out, Service.EVENT_HUBS));
    r.on("Microsoft.ServiceBus/namespaces", (id, j, b, out) -> namespace(id, j, b, out, Service.SERVICE_BUS));
    r.on("Microsoft.EventHub/namespaces/networkRuleSets", MessagingReader::networkRuleSet);
    r.on("Microsoft.ServiceBus/namespaces/networkRuleSets", MessagingReader::networkRuleSet);
  }

  static void namespace(ResourceId id, JsonNode j, String b, EstateAssembler out, Service service) {
    out.put(new MessagingNamespace(id, ArmResourceReader.loc(j), service, J.text(j, b, "sku", "name"),
        TargetReaders.publicAccess(J.text(j, b, "properties", "publicNetworkAccess")), null, false));
  }

  static void networkRuleSet(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    String pna = TargetReaders.publicAccess(J.text(j, b, "properties", "publicNetworkAccess"));
    NetworkRules rules = new NetworkRules(
        pna,
        J.text(j, b, "properties", "defaultAction"),
        null,
        TargetReaders.ruleAddresses(j, b, TargetReaders.p("properties", "ipRules"), "ipMask"),
        TargetReaders.ruleIds(j, b, TargetReaders.p("properties", "virtualNetworkRules"), "subnet"));
    boolean trusted = Boolean.TRUE.equals(J.bool(j, b, "properties", "trustedServiceAccessEnabled"));
    out.join(id, id.parent(), MessagingNamespace.class, n -> n.withRules(
        pna == null ? new NetworkRules(n.publicNetworkAccess(), rules.defaultAction(), null, rules.ipRules(),
            rules.vnetRules()) : rules,
        trusted));
  }
}
