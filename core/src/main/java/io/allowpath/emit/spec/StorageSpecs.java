package io.allowpath.emit.spec;

import io.allowpath.emit.Edits;
import io.allowpath.model.NetworkRules;
import io.allowpath.model.StorageAccount;
import java.util.ArrayList;
import java.util.List;

/**
 * Storage accounts (Microsoft.Storage/storageAccounts): IP and VNet rules in properties.networkAcls (AZURE-
 * EGRESS.md §4.1). Its ARM resources (Bicep, ARM and the bodies of Terraform's azapi updates) and its az CLI
 * steps.
 */
final class StorageSpecs implements ServiceSpecs {
  static final StorageSpecs INSTANCE = new StorageSpecs();

  private StorageSpecs() {}

  @Override
  public List<ResourceSpec> arm(Edits.TargetEdit t) {
    StorageAccount s = (StorageAccount) t.target();
    NetworkRules r = t.rules();
    List<String> notes = ArmSpecs.notes(t);
    List<Node> ips = new ArrayList<>();
    List<Node> vnets = new ArrayList<>();
      t.mergedIps().forEach(a -> ips.add(Node.obj().put("value", ArmSpecs.address(a)).put("action", "Allow").build()));
      t.mergedSubnets().forEach(id -> vnets.add(Node.obj().put("id", id.value()).put("action", "Allow").build()));
      List<Node> ras = new ArrayList<>();
      s.resourceAccessRules().forEach(id -> ras.add(Node.obj().put("tenantId", new Node.Tenant()).put("resourceId", id.value()).build()));
      notes.add("REVIEW: the storage RP keeps properties a PUT omits only for some of them; "
      + "compare with the deployed account before applying");
      Node.ObjBuilder acls = Node.obj().put("bypass", ArmSpecs.orDefault(r.bypass(), "AzureServices"))
      .put("defaultAction", ArmSpecs.orDefault(r.defaultAction(), "Allow"))
      .put("ipRules", Node.arr(ips)).put("virtualNetworkRules", Node.arr(vnets));
      if (!ras.isEmpty()) {
    acls.put("resourceAccessRules", Node.arr(ras));
    notes.add("REVIEW: resourceAccessRules are written with the deploying tenant (the model keeps no tenant id)");
      }
      return List.of(new ResourceSpec(s.id(), "Microsoft.Storage/storageAccounts", ApiVersions.STORAGE, false,
      Node.obj().put("location", s.location()).put("sku", Node.obj().put("name", s.sku()).build()).put("kind", s.kind())
          .put("properties", Node.obj().put("publicNetworkAccess", r.publicNetworkAccess()).put("networkAcls", acls.build()).build())
          .build(),
      List.of(), notes));
  }

  @Override
  public List<AzStep> az(Edits.TargetEdit t) {
    // https://learn.microsoft.com/cli/azure/storage/account/network-rule#az-storage-account-network-rule-add
    return ServiceSpecs.networkRuleAdds(t, "properties.networkAcls",
        id -> AzCall.az(id, "storage", "account", "network-rule", "add").opt("--account-name", id.name()), true);
  }
}
