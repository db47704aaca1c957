package io.allowpath.plan;

import io.allowpath.model.CosmosAccount;
import io.allowpath.model.NetworkRules;
import io.allowpath.model.Target;

/**
 * Cosmos DB: ipAddressOrRange values, VNet rules; sub-resource Sql (§4.4, T8).
 */
final class CosmosFixes implements ServiceFixes {
  static final CosmosFixes INSTANCE = new CosmosFixes();

  private CosmosFixes() {}

  @Override
  public String privateEndpointSubresource() {
    return "Sql";
  }

  @Override
  public NetworkRules rules(Target t) {
    return ((CosmosAccount) t).rules();
  }
}
