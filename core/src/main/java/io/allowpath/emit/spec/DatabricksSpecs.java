package io.allowpath.emit.spec;

import io.allowpath.emit.Edits;
import java.util.List;

/**
 * Azure Databricks workspaces as targets: reached over the control plane or a private endpoint, they take no IP or
 * VNet rules a plan could add (AZURE-EGRESS.md §3.1 D1), so there is nothing to deploy; the az script says so.
 */
final class DatabricksSpecs implements ServiceSpecs {
  static final DatabricksSpecs INSTANCE = new DatabricksSpecs();

  private DatabricksSpecs() {}

  @Override
  public List<ResourceSpec> arm(Edits.TargetEdit t) {
    return List.of();
  }

  @Override
  public List<AzStep> az(Edits.TargetEdit t) {
    return List.of(new AzStep.Blank(),
        new AzStep.Comment("NOT APPLIED: " + t.target().id().type() + " takes no IP or VNet rules here; use a private endpoint"));
  }
}
