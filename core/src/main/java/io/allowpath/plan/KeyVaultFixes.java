package io.allowpath.plan;

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
}
