package io.allowpath.analysis.access;

import io.allowpath.model.ContainerRegistry;
import io.allowpath.model.NetworkRules;
import java.util.List;
import java.util.Set;

/**
 * Container registries (AZURE-EGRESS.md §4.5 T9): network rules take effect only on the Premium SKU —
 * below it the registry is open whatever its rules say; IP rules only (VNet rules are retired)
 * (https://learn.microsoft.com/azure/container-registry/container-registry-access-selected-networks).
 */
final class RegistryRules {
  private RegistryRules() {}

  static Admission compile(ContainerRegistry r, RuleContext ctx) {
    NetworkRules n = r.rules();
    if (n.publicAccessDisabled()) {
      return Admission.disabled("publicNetworkAccess " + n.publicNetworkAccess());
    }
    if (!r.premium()) {
      List<Reason> notes = n.defaultDeny() || !n.ipRules().isEmpty()
          ? List.of(Reason.OPEN_TO_ALL_NETWORKS, Reason.ACR_RULES_NEED_PREMIUM) : List.of(Reason.OPEN_TO_ALL_NETWORKS);
      return Admission.open("SKU " + r.sku() + ": network rules need Premium", notes);
    }
    if (!n.defaultDeny()) {
      return Admission.open("networkRuleSet.defaultAction " + (n.defaultAction() == null ? "not set (Allow)"
          : n.defaultAction()), List.of(Reason.OPEN_TO_ALL_NETWORKS));
    }
    return Admission.restricted(ctx.ipRules(n.ipRules()), Set.of(), false, false, List.of(),
        "registry networkRuleSet (defaultAction Deny)");
  }
}
