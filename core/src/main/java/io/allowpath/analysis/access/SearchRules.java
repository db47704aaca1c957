package io.allowpath.analysis.access;

import io.allowpath.model.NetworkRules;
import io.allowpath.model.SearchService;
import java.util.List;
import java.util.Set;

/**
 * Azure AI Search (AZURE-EGRESS.md §4.9 T14): with public access enabled, IP rules restrict it; no rules =
 * open (https://learn.microsoft.com/azure/search/service-configure-firewall).
 */
final class SearchRules {
  private SearchRules() {}

  static Admission compile(SearchService s, RuleContext ctx) {
    NetworkRules r = s.rules();
    if (r.publicAccessDisabled()) {
      return Admission.disabled("publicNetworkAccess " + r.publicNetworkAccess());
    }
    if (r.ipRules().isEmpty()) {
      return Admission.open("no IP rules", List.of(Reason.OPEN_TO_ALL_NETWORKS));
    }
    return Admission.restricted(ctx.ipRules(r.ipRules()), Set.of(), false, false, List.of(),
        "search service networkRuleSet.ipRules");
  }
}
