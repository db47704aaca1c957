package io.allowpath.plan;

import io.allowpath.model.ContainerRegistry;
import io.allowpath.model.Target;

/**
 * Container registries: IP rules only on Premium, no VNet rules (deprecated); sub-resource registry (§4.5, T9).
 */
final class AcrFixes implements ServiceFixes {
  static final AcrFixes INSTANCE = new AcrFixes();

  private AcrFixes() {}

  @Override
  public String privateEndpointSubresource() {
    return "registry";
  }

  @Override
  public boolean takesVnetRules() {
    return false;
  }

  @Override
  public String ipRulesBlocked(Target t) {
    return ((ContainerRegistry) t).premium() ? null : "the registry's IP rules need the Premium SKU";
  }
}
