package io.allowpath.emit.spec;

import io.allowpath.emit.Edits;
import io.allowpath.model.MlWorkspace;
import io.allowpath.model.NetworkRules;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * AML workspaces (Microsoft.MachineLearningServices/workspaces): the IP allow list properties.networkAcls,
 * preview-only (AZURE-EGRESS.md §2.1 A3). Its ARM resources (Bicep, ARM and the bodies of Terraform's azapi
 * updates) and its az CLI steps.
 */
final class MlWorkspaceSpecs implements ServiceSpecs {
  static final MlWorkspaceSpecs INSTANCE = new MlWorkspaceSpecs();

  private MlWorkspaceSpecs() {}

  @Override
  public List<ResourceSpec> arm(Edits.TargetEdit t) {
    MlWorkspace w = (MlWorkspace) t.target();
    NetworkRules r = t.rules();
    List<String> notes = ArmSpecs.notes(t);
    List<Node> ips = new ArrayList<>();
    List<Node> vnets = new ArrayList<>();
      t.mergedIps().forEach(a -> ips.add(Node.obj().put("value", ArmSpecs.address(a)).build()));
      notes.add("API version " + ApiVersions.ML_NETWORK_ACLS_PREVIEW + ": properties.networkAcls (the IP allow list) exists "
      + "only in preview versions of Microsoft.MachineLearningServices/workspaces, not in stable " + ApiVersions.ML);
      notes.add("REVIEW: a workspace PUT also resets settings the model does not carry (friendlyName, description, "
      + "imageBuildCompute, ...); compare with the deployed workspace");
      return List.of(new ResourceSpec(w.id(), "Microsoft.MachineLearningServices/workspaces", ApiVersions.ML_NETWORK_ACLS_PREVIEW,
      false,
      Node.obj().put("location", w.location())
          .put("identity", w.identityType() == null ? null : Node.obj().put("type", w.identityType()).build())
          .put("sku", w.skuName() == null ? null : Node.obj().put("name", w.skuName()).put("tier", w.skuTier()).build())
          .put("properties", Node.obj()
              .put("storageAccount", w.storageAccount() == null ? null : w.storageAccount().value())
              .put("keyVault", w.keyVault() == null ? null : w.keyVault().value())
              .put("containerRegistry", w.containerRegistry() == null ? null : w.containerRegistry().value())
              .put("applicationInsights", w.applicationInsights() == null ? null : w.applicationInsights().value())
              .put("ipAllowlist", w.ipAllowlist().isEmpty() ? null : Node.arr(w.ipAllowlist().stream().map(a -> Node.str(a.text())).toList()))
              .put("publicNetworkAccess", ArmSpecs.orDefault(w.publicNetworkAccess(), "Enabled"))
              .put("networkAcls", Node.obj().put("defaultAction", ArmSpecs.orDefault(w.aclDefaultAction(), "Deny")).put("ipRules", Node.arr(ips)).build())
              .build())
          .build(),
      List.of(), notes));
  }

  @Override
  public List<AzStep> az(Edits.TargetEdit t) {
    List<AzStep> out = new ArrayList<>();
    ResourceId id = t.target().id();
    out.add(new AzStep.Blank());
    t.changes().forEach(ch -> out.add(new AzStep.Comment(Edits.describe(ch))));
    if (!t.ipRules().isEmpty()) {
      // There is no "az ml workspace network-rule"; the IP allow list is --network-acls of
      // https://learn.microsoft.com/cli/azure/ml/workspace#az-ml-workspace-update (comma-separated; flags checked in
      // Azure/azure-cli-extensions src/machinelearningservices/azext_mlv2/manual/_params/_workspace_params.py)
      out.add(new AzStep.Comment("--network-acls replaces the list: existing entries are kept"));
      out.add(new AzStep.Run(AzCall.az(id, "ml", "workspace", "update").opt("--name", id.name())
          .opt("--network-acls", ServiceSpecs.commaList(t.mergedIps()))));
    }
    if (!t.vnetRules().isEmpty()) {
      out.add(new AzStep.Comment("NOT APPLIED: " + id.type() + " takes no VNet rule here; use a private endpoint"));
    }
    return out;
  }

  @Override
  public String putGap(Target t) {
    MlWorkspace w = (MlWorkspace) t;
    return w.putGap();
  }
}
