package io.allowpath.analysis.access;

import io.allowpath.model.KeyVault;

/**
 * Key Vault (AZURE-EGRESS.md §4.2 T5, T6): the {@code networkAcls} shape — publicNetworkAccess, then
 * defaultAction, then IP rules (IPv4 only) and VNet rules
 * (https://learn.microsoft.com/azure/key-vault/general/network-security).
 */
final class KeyVaultRules {
  private KeyVaultRules() {}

  static Admission compile(KeyVault k, RuleContext ctx) {
    return ctx.networkAcls(k.id(), k.rules(), "key vault");
  }
}
