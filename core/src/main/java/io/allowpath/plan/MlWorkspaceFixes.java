package io.allowpath.plan;

/**
 * AML workspaces: the IP allow list (networkAcls and ipAllowlist), no VNet rules; sub-resource amlworkspace
 * (§2.1 A3).
 */
final class MlWorkspaceFixes implements ServiceFixes {
  static final MlWorkspaceFixes INSTANCE = new MlWorkspaceFixes();

  private MlWorkspaceFixes() {}

  @Override
  public String privateEndpointSubresource() {
    return "amlworkspace";
  }

  @Override
  public boolean takesVnetRules() {
    return false;
  }
}
