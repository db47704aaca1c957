package io.allowpath.analysis.access;

import io.allowpath.model.DatabricksWorkspace;
import java.util.List;

/**
 * Azure Databricks workspaces as targets (AZURE-EGRESS.md §3.1 D1): only {@code publicNetworkAccess} is
 * in ARM; IP access lists live in the Databricks account, not in the estate, so an enabled workspace is
 * open as far as ARM tells (https://learn.microsoft.com/azure/databricks/security/network/front-end/ip-access-list).
 */
final class DatabricksRules {
  private DatabricksRules() {}

  static Admission compile(DatabricksWorkspace d) {
    return RuleContext.disabled(d.publicNetworkAccess())
        ? Admission.disabled("publicNetworkAccess " + d.publicNetworkAccess())
        : Admission.open("publicNetworkAccess " + (d.publicNetworkAccess() == null ? "not set" : d.publicNetworkAccess())
            + " (IP access lists live in the Databricks account)", List.of(Reason.OPEN_TO_ALL_NETWORKS));
  }
}
