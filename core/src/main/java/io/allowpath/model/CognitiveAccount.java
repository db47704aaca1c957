package io.allowpath.model;

/**
 * {@code Microsoft.CognitiveServices/accounts} (Azure AI services, Azure OpenAI): {@code networkAcls},
 * {@code publicNetworkAccess}, {@code customSubDomainName} (VNet rules need the custom subdomain
 * endpoint; §4.8, T13). {@code skuName} (null when unknown) is what an account PUT needs.
 */
public record CognitiveAccount(ResourceId id, String location, String kind, String customSubDomain, NetworkRules rules,
    String skuName)
    implements Target {
  /** An account whose sku is unknown. */
  public CognitiveAccount(ResourceId id, String location, String kind, String customSubDomain, NetworkRules rules) {
    this(id, location, kind, customSubDomain, rules, null);
  }

  @Override
  public Service service() {
    return Service.COGNITIVE_SERVICES;
  }

  @Override
  public String fqdn() {
    String host = customSubDomain != null ? customSubDomain : id.name();
    return host.toLowerCase(java.util.Locale.ROOT)
        + ("OpenAI".equalsIgnoreCase(kind) ? ".openai.azure.com" : ".cognitiveservices.azure.com");
  }

  public CognitiveAccount withRules(NetworkRules r) {
    return new CognitiveAccount(id, location, kind, customSubDomain, r, skuName);
  }

  /** What an account PUT built from this record would have to guess, or null. */
  public String putGap() {
    if (skuName == null || kind == null) {
      return "the estate does not show its " + (skuName == null ? "sku" : "kind") + ", which a PUT needs";
    }
    return null;
  }

  @Override
  public int ipRuleCount() {
    return rules.ipRules().size();
  }

  @Override
  public <R> R accept(Target.Visitor<R> v) {
    return v.cognitive(this);
  }
}
