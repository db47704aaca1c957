package io.allowpath.model;

import java.util.List;

/**
 * {@code Microsoft.DocumentDB/databaseAccounts}: {@code ipRules[].ipAddressOrRange} or the legacy
 * comma-separated {@code ipRangeFilter}, {@code isVirtualNetworkFilterEnabled} with
 * {@code virtualNetworkRules}, {@code publicNetworkAccess} (§4.4, T8). {@code 0.0.0.0} admits Azure
 * datacenters. No IP rules at all means open to every network.
 *
 * <p>For a safe account PUT it also carries {@code kind}, {@code databaseAccountOfferType}, the
 * {@code locations} (null when the estate does not show them), the consistency policy and the
 * capability names (a PUT cannot drop capabilities such as EnableServerless). Null is unknown.
 */
public record CosmosAccount(
    ResourceId id,
    String location,
    NetworkRules rules,
    boolean virtualNetworkFilterEnabled,
    String kind,
    String databaseAccountOfferType,
    List<CosmosLocation> locations,
    String consistencyLevel,
    Long maxStalenessPrefix,
    Integer maxIntervalInSeconds,
    List<String> capabilities)
    implements Target {
  public CosmosAccount {
    locations = locations == null ? null : List.copyOf(locations);
    capabilities = capabilities == null ? null : List.copyOf(capabilities);
  }

  /** An account of which only the network part is known. */
  public CosmosAccount(ResourceId id, String location, NetworkRules rules, boolean virtualNetworkFilterEnabled) {
    this(id, location, rules, virtualNetworkFilterEnabled, null, null, null, null, null, null, null);
  }

  @Override
  public Service service() {
    return Service.COSMOS_DB;
  }

  public CosmosAccount withRules(NetworkRules r) {
    return new CosmosAccount(id, location, r, virtualNetworkFilterEnabled, kind, databaseAccountOfferType, locations,
        consistencyLevel, maxStalenessPrefix, maxIntervalInSeconds, capabilities);
  }

  /** What an account PUT built from this record would have to guess, or null when it needs nothing more. */
  public String putGap() {
    List<String> missing = new java.util.ArrayList<>();
    if (kind == null) {
      missing.add("kind");
    }
    if (databaseAccountOfferType == null) {
      missing.add("databaseAccountOfferType");
    }
    if (locations == null || locations.isEmpty()) {
      missing.add("locations");
    }
    if (consistencyLevel == null) {
      missing.add("consistencyPolicy");
    }
    if (capabilities == null) {
      missing.add("capabilities");
    }
    return missing.isEmpty() ? null : "the estate does not show its " + String.join(", ", missing)
        + ", which a PUT needs (a PUT with guessed locations adds or removes regions)";
  }

  @Override
  public int ipRuleCount() {
    return rules.ipRules().size();
  }

  @Override
  public <R> R accept(Target.Visitor<R> v) {
    return v.cosmos(this);
  }
}
