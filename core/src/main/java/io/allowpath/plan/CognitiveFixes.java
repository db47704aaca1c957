package io.allowpath.plan;

import io.allowpath.model.IpSet;
import java.util.List;

/**
 * AI services: bare addresses for /32 and /31, VNet rules; sub-resource account (§4.8, T13).
 */
final class CognitiveFixes implements ServiceFixes {
  static final CognitiveFixes INSTANCE = new CognitiveFixes();

  private CognitiveFixes() {}

  @Override
  public String privateEndpointSubresource() {
    return "account";
  }

  @Override
  public List<String[]> ruleValues(IpSet missing) {
    return ServiceFixes.bareForSmallBlocks(missing);
  }
}
