package io.allowpath.analysis.access;

import io.allowpath.model.Service;
import io.allowpath.model.MessagingNamespace;
import io.allowpath.model.NetworkRules;
import java.util.List;
import java.util.Set;

/**
 * Event Hubs and Service Bus namespaces (AZURE-EGRESS.md §4.7 T11, T12): the rules live in the
 * {@code networkRuleSets/default} child; defaultAction Deny with no IP and no VNet rule still leaves the
 * namespace open (https://learn.microsoft.com/azure/event-hubs/network-security,
 * https://learn.microsoft.com/azure/service-bus-messaging/service-bus-ip-filtering).
 */
final class MessagingRules {
  private MessagingRules() {}

  /**
   * Whether the namespace's tier enforces IP and VNet rules (AZURE-EGRESS.md §8.8): Event Hubs not in Basic
   * ("This feature isn't supported in the basic tier", https://learn.microsoft.com/azure/event-hubs/event-hubs-ip-filtering ,
   * .../event-hubs-service-endpoints); Service Bus only in Premium ("Firewalls and Virtual Networks are supported
   * only in the premium tier", https://learn.microsoft.com/azure/service-bus-messaging/service-bus-ip-filtering ,
   * .../service-bus-service-endpoints; AZURE-EGRESS.md §8.8 says IP rules need Standard or Premium, which the
   * page does not say). An unknown sku keeps the rules.
   */
  static boolean tierHoldsRules(MessagingNamespace m) {
    if (m.sku() == null) {
      return true;
    }
    return m.service() == Service.SERVICE_BUS ? m.sku().equalsIgnoreCase("Premium")
        : !m.sku().equalsIgnoreCase("Basic");
  }

  static Admission compile(MessagingNamespace m, RuleContext ctx) {
    if (RuleContext.disabled(m.publicNetworkAccess())) {
      return Admission.disabled("publicNetworkAccess " + m.publicNetworkAccess());
    }
    NetworkRules r = m.rules();
    if (r == null) {
      return Admission.unknown(Reason.NETWORK_RULE_SET_NOT_EXPORTED,
          "export " + m.id().value() + "/networkRuleSets/default");
    }
    if (r.publicAccessDisabled()) {
      return Admission.disabled("networkRuleSets publicNetworkAccess " + r.publicNetworkAccess());
    }
    if (!r.defaultDeny()) {
      return Admission.open("networkRuleSets defaultAction " + (r.defaultAction() == null ? "not set (Allow)"
          : r.defaultAction()), List.of(Reason.OPEN_TO_ALL_NETWORKS));
    }
    if (r.ipRules().isEmpty() && r.vnetRules().isEmpty()) {
      return Admission.open("defaultAction Deny without any rule leaves the namespace open",
          List.of(Reason.OPEN_TO_ALL_NETWORKS, Reason.MESSAGING_DENY_WITHOUT_RULES_IS_OPEN));
    }
    if (!tierHoldsRules(m)) {
      return Admission.open("sku " + m.sku() + " does not enforce IP or VNet rules", List.of(Reason.OPEN_TO_ALL_NETWORKS,
          Reason.MESSAGING_RULES_NEED_TIER));
    }
    return Admission.restricted(ctx.ipRules(r.ipRules()), Set.copyOf(r.vnetRules()), false, false, List.of(),
        "namespace networkRuleSets (defaultAction Deny)");
  }
}
