package io.allowpath.plan;

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
}
