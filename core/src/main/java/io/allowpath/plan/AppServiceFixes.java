package io.allowpath.plan;

import io.allowpath.model.IpSet;
import java.util.ArrayList;
import java.util.List;

/**
 * App Service: named, prioritised access restrictions as CIDRs (a single address as /32), VNet rules; sub-
 * resource sites (§4.6, T10).
 */
final class AppServiceFixes implements ServiceFixes {
  static final AppServiceFixes INSTANCE = new AppServiceFixes();

  private AppServiceFixes() {}

  @Override
  public String privateEndpointSubresource() {
    return "sites";
  }

  @Override
  public boolean namesRules() {
    return true;
  }

  @Override
  public List<String[]> ruleValues(IpSet missing) {
    List<String[]> out = new ArrayList<>();
    missing.toCidrs().forEach(c -> out.add(new String[] {c.contains("/") ? c : c + "/32", null}));
    return out;
  }
}
