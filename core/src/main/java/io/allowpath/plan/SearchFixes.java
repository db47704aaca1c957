package io.allowpath.plan;

import io.allowpath.model.NetworkRules;
import io.allowpath.model.SearchService;
import io.allowpath.model.Target;

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
  public NetworkRules rules(Target t) {
    return ((SearchService) t).rules();
  }

  @Override
  public boolean takesVnetRules() {
    return false;
  }
}
