package io.allowpath.plan;

import io.allowpath.model.CognitiveAccount;
import io.allowpath.model.IpSet;
import io.allowpath.model.NetworkRules;
import io.allowpath.model.Target;
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
  public NetworkRules rules(Target t) {
    return ((CognitiveAccount) t).rules();
  }

  @Override
  public List<String[]> ruleValues(IpSet missing) {
    return ServiceFixes.bareForSmallBlocks(missing);
  }
}
