package io.allowpath.plan;

/**
 * Databricks workspaces: no IP or VNet rules to add; sub-resource databricks_ui_api (§3.1 D1).
 */
final class DatabricksFixes implements ServiceFixes {
  static final DatabricksFixes INSTANCE = new DatabricksFixes();

  private DatabricksFixes() {}

  @Override
  public String privateEndpointSubresource() {
    return "databricks_ui_api";
  }

  @Override
  public boolean takesVnetRules() {
    return false;
  }
}
