package io.allowpath.emit.spec;

import io.allowpath.emit.Edits;
import io.allowpath.model.KeyVault;
import io.allowpath.model.KeyVaultAccessPolicy;
import io.allowpath.model.NetworkRules;
import io.allowpath.model.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * Key Vault (Microsoft.KeyVault/vaults): IP and VNet rules in properties.networkAcls; the vault stores a single
 * address as a /32 range (AZURE-EGRESS.md §4.2). Its ARM resources (Bicep, ARM and the bodies of Terraform's
 * azapi updates) and its az CLI steps.
 */
final class KeyVaultSpecs implements ServiceSpecs {
  static final KeyVaultSpecs INSTANCE = new KeyVaultSpecs();

  private KeyVaultSpecs() {}

  @Override
  public List<ResourceSpec> arm(Edits.TargetEdit t) {
    KeyVault k = (KeyVault) t.target();
    NetworkRules r = t.rules();
    List<String> notes = ArmSpecs.notes(t);
    List<Node> ips = new ArrayList<>();
    List<Node> vnets = new ArrayList<>();
      t.mergedIps().forEach(a -> ips.add(Node.obj().put("value", ArmSpecs.address(a)).build()));
      t.mergedSubnets().forEach(id -> vnets.add(Node.obj().put("id", id.value()).put("ignoreMissingVnetServiceEndpoint", false).build()));
      List<Node> policies = new ArrayList<>();
      if (k.accessPolicies() != null) {
    for (KeyVaultAccessPolicy ap : k.accessPolicies()) {
      Node.ObjBuilder perms = Node.obj();
      ap.permissions().forEach((kind, ops) -> perms.put(kind, Node.arr(ops.stream().map(Node::str).toList())));
      policies.add(Node.obj().put("tenantId", ap.tenantId()).put("objectId", ap.objectId())
          .put("applicationId", ap.applicationId()).put("permissions", perms.build()).build());
    }
      }
      return List.of(new ResourceSpec(k.id(), "Microsoft.KeyVault/vaults", ApiVersions.KEY_VAULT, false,
      Node.obj().put("location", k.location())
          .put("properties", Node.obj().put("tenantId", k.tenantId())
              .put("sku", k.skuName() == null ? null
                  : Node.obj().put("family", ArmSpecs.orDefault(k.skuFamily(), "A")).put("name", k.skuName()).build())
              .put("accessPolicies", k.accessPolicies() == null ? null : Node.arr(policies))
              .put("enableRbacAuthorization", ArmSpecs.bool(k.enableRbacAuthorization()))
              .put("enabledForDeployment", ArmSpecs.bool(k.enabledForDeployment()))
              .put("enabledForDiskEncryption", ArmSpecs.bool(k.enabledForDiskEncryption()))
              .put("enabledForTemplateDeployment", ArmSpecs.bool(k.enabledForTemplateDeployment()))
              .put("enableSoftDelete", ArmSpecs.bool(k.enableSoftDelete()))
              .put("softDeleteRetentionInDays", k.softDeleteRetentionInDays() == null ? null
                  : new Node.Num(k.softDeleteRetentionInDays()))
              .put("enablePurgeProtection", ArmSpecs.bool(k.enablePurgeProtection()))
              .put("publicNetworkAccess", r.publicNetworkAccess())
              .put("networkAcls", Node.obj().put("bypass", ArmSpecs.orDefault(r.bypass(), "AzureServices"))
                  .put("defaultAction", ArmSpecs.orDefault(r.defaultAction(), "Allow"))
                  .put("ipRules", Node.arr(ips)).put("virtualNetworkRules", Node.arr(vnets)).build())
              .build())
          .build(),
      List.of(), notes));
  }

  @Override
  public List<AzStep> az(Edits.TargetEdit t) {
    // https://learn.microsoft.com/cli/azure/keyvault/network-rule#az-keyvault-network-rule-add (--subnet: name or id)
    return ServiceSpecs.networkRuleAdds(t, "properties.networkAcls",
        id -> AzCall.az(id, "keyvault", "network-rule", "add").opt("--name", id.name()), true);
  }

  @Override
  public String putGap(Target t) {
    KeyVault k = (KeyVault) t;
    return k.putGap();
  }
}
