package io.allowpath.analysis.access;

import io.allowpath.model.Address;
import io.allowpath.model.MlWorkspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Azure Machine Learning workspaces as targets (AZURE-EGRESS.md §2.1 A3, A5): publicNetworkAccess
 * Enabled + {@code networkAcls.defaultAction} Deny + {@code networkAcls.ipRules} / {@code ipAllowlist}
 * restrict it to selected IPs (https://learn.microsoft.com/azure/machine-learning/how-to-configure-private-link).
 */
final class MlWorkspaceRules {
  private MlWorkspaceRules() {}

  static Admission compile(MlWorkspace w, RuleContext ctx) {
    if (RuleContext.disabled(w.publicNetworkAccess())) {
      return Admission.disabled("publicNetworkAccess " + w.publicNetworkAccess());
    }
    boolean deny = "Deny".equalsIgnoreCase(w.aclDefaultAction());
    if (!deny && w.ipAllowlist().isEmpty()) {
      return Admission.open("public access from all networks", List.of(Reason.OPEN_TO_ALL_NETWORKS));
    }
    List<Address> all = new ArrayList<>(w.aclIpRules());
    all.addAll(w.ipAllowlist());
    return Admission.restricted(ctx.ipRules(all), Set.of(), false, false, List.of(),
        "workspace selected IPs (networkAcls/ipAllowlist)");
  }
}
