package io.allowpath.model;

/**
 * {@code Microsoft.DocumentDB/databaseAccounts}: {@code ipRules[].ipAddressOrRange} or the legacy
 * comma-separated {@code ipRangeFilter}, {@code isVirtualNetworkFilterEnabled} with
 * {@code virtualNetworkRules}, {@code publicNetworkAccess} (§4.4, T8). {@code 0.0.0.0} admits Azure
 * datacenters. No IP rules at all means open to every network.
 */
public record CosmosAccount(ResourceId id, String location, NetworkRules rules, boolean virtualNetworkFilterEnabled)
    implements Target {
  @Override
  public Service service() {
    return Service.COSMOS_DB;
  }

  public CosmosAccount withRules(NetworkRules r) {
    return new CosmosAccount(id, location, r, virtualNetworkFilterEnabled);
  }
}
