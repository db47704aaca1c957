package io.allowpath.analysis.access;

import io.allowpath.model.StorageAccount;

/**
 * Storage accounts (AZURE-EGRESS.md §4.1 T1–T4): publicNetworkAccess Disabled wins; the rules apply only
 * with defaultAction Deny; IP rules and VNet rules; IP rules have no effect on traffic from the same
 * region (§4.0 T1, https://learn.microsoft.com/azure/storage/common/storage-network-security#restrictions-for-ip-network-rules),
 * which the decision path reads from {@link Admission#ipRulesIgnoredFromRegion()}.
 */
final class StorageRules {
  private StorageRules() {}

  static Admission compile(StorageAccount s, RuleContext ctx) {
    Admission a = ctx.networkAcls(s.id(), s.rules(), "storage account");
    // an account without a location still ignores IP rules for same-region traffic: "" says the region is unknown
    return a.restricted() ? a.ignoringIpRulesFrom(s.location() == null ? Admission.REGION_NOT_KNOWN : s.location()) : a;
  }
}
