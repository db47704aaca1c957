package io.allowpath.model;

/** {@code Microsoft.KeyVault/vaults}: {@code networkAcls}, {@code publicNetworkAccess} (§4.2, T5, T6). */
public record KeyVault(ResourceId id, String location, NetworkRules rules) implements Target {
  @Override
  public Service service() {
    return Service.KEY_VAULT;
  }

  public KeyVault withRules(NetworkRules r) {
    return new KeyVault(id, location, r);
  }
}
