package io.allowpath.model;

/**
 * {@code Microsoft.CognitiveServices/accounts} (Azure AI services, Azure OpenAI): {@code networkAcls},
 * {@code publicNetworkAccess}, {@code customSubDomainName} (VNet rules need the custom subdomain
 * endpoint; §4.8, T13).
 */
public record CognitiveAccount(ResourceId id, String location, String kind, String customSubDomain, NetworkRules rules)
    implements Target {
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
    return new CognitiveAccount(id, location, kind, customSubDomain, r);
  }
}
