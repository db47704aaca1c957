package io.allowpath.plan;

import io.allowpath.model.IpSet;
import java.util.List;

/**
 * Storage: bare addresses for /32 and /31, prefixes /0–/30; VNet rules; private endpoint sub-resource blob
 * (§4.1, T2).
 */
final class StorageFixes implements ServiceFixes {
  static final StorageFixes INSTANCE = new StorageFixes();

  private StorageFixes() {}

  @Override
  public String privateEndpointSubresource() {
    return "blob";
  }

  @Override
  public List<String[]> ruleValues(IpSet missing) {
    return ServiceFixes.bareForSmallBlocks(missing);
  }
}
