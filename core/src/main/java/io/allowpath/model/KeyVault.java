package io.allowpath.model;

import java.util.List;

/**
 * {@code Microsoft.KeyVault/vaults}: {@code networkAcls}, {@code publicNetworkAccess} (§4.2, T5, T6), and
 * the properties a vault PUT needs or would otherwise reset: {@code tenantId}, {@code sku},
 * {@code enableRbacAuthorization}, {@code accessPolicies} and the {@code enabledFor*}/soft-delete/purge
 * protection settings. A null value is unknown (not in the estate); {@code accessPolicies} is null when
 * the vault JSON does not carry the list at all (a Resource Graph row without it, a template), and empty
 * when it carries an empty list.
 */
public record KeyVault(
    ResourceId id,
    String location,
    NetworkRules rules,
    String tenantId,
    String skuFamily,
    String skuName,
    Boolean enableRbacAuthorization,
    List<KeyVaultAccessPolicy> accessPolicies,
    Boolean enabledForDeployment,
    Boolean enabledForDiskEncryption,
    Boolean enabledForTemplateDeployment,
    Boolean enableSoftDelete,
    Integer softDeleteRetentionInDays,
    Boolean enablePurgeProtection)
    implements Target {
  public KeyVault {
    accessPolicies = accessPolicies == null ? null : List.copyOf(accessPolicies);
  }

  /** A vault of which only the network part is known (everything a PUT needs is unknown). */
  public KeyVault(ResourceId id, String location, NetworkRules rules) {
    this(id, location, rules, null, null, null, null, null, null, null, null, null, null, null);
  }

  @Override
  public Service service() {
    return Service.KEY_VAULT;
  }

  public KeyVault withRules(NetworkRules r) {
    return new KeyVault(id, location, r, tenantId, skuFamily, skuName, enableRbacAuthorization, accessPolicies,
        enabledForDeployment, enabledForDiskEncryption, enabledForTemplateDeployment, enableSoftDelete,
        softDeleteRetentionInDays, enablePurgeProtection);
  }

  /**
   * Why a whole-vault PUT built from this record would lose or guess something, or null when it is safe:
   * the tenant and sku must be known, and the access policies too unless the vault uses RBAC
   * authorization (a PUT without {@code accessPolicies} deletes them).
   */
  public String putGap() {
    if (accessPolicies == null && !Boolean.TRUE.equals(enableRbacAuthorization)) {
      return "the estate does not show its accessPolicies (and enableRbacAuthorization is not true), and a PUT "
          + "without them deletes every access policy";
    }
    if (tenantId == null || skuName == null) {
      return "the estate does not show its tenantId and sku, which a PUT needs";
    }
    return null;
  }

  @Override
  public int ipRuleCount() {
    return rules.ipRules().size();
  }

  @Override
  public <R> R accept(Target.Visitor<R> v) {
    return v.keyVault(this);
  }
}
