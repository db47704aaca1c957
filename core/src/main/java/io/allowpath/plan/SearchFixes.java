package io.allowpath.plan;

/**
 * AI Search: IP rules, no VNet rules (no service endpoint); sub-resource searchService (§4.9, T14).
 */
final class SearchFixes implements ServiceFixes {
  static final SearchFixes INSTANCE = new SearchFixes();

  private SearchFixes() {}

  @Override
  public String privateEndpointSubresource() {
    return "searchService";
  }

  @Override
  public boolean takesVnetRules() {
    return false;
  }
}
