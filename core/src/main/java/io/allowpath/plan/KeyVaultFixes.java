package io.allowpath.plan;

import io.allowpath.model.KeyVault;
import io.allowpath.model.NetworkRules;
import io.allowpath.model.Target;

/**
 * Key Vault: CIDR rules, VNet rules; sub-resource vault (§4.2, T5).
 */
final class KeyVaultFixes implements ServiceFixes {
  static final KeyVaultFixes INSTANCE = new KeyVaultFixes();

  private KeyVaultFixes() {}

  @Override
  public String privateEndpointSubresource() {
    return "vault";
  }

  @Override
  public NetworkRules rules(Target t) {
    return ((KeyVault) t).rules();
  }
}
