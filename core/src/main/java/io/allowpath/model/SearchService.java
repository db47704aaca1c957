package io.allowpath.model;

/** {@code Microsoft.Search/searchServices}: {@code networkRuleSet.ipRules}, {@code publicNetworkAccess} (§4.9, T14). */
public record SearchService(ResourceId id, String location, String sku, NetworkRules rules) implements Target {
  @Override
  public Service service() {
    return Service.SEARCH;
  }

  public SearchService withRules(NetworkRules r) {
    return new SearchService(id, location, sku, r);
  }

  @Override
  public int ipRuleCount() {
    return rules.ipRules().size();
  }

  @Override
  public <R> R accept(Target.Visitor<R> v) {
    return v.search(this);
  }
}
