package io.allowpath.plan;

import io.allowpath.model.IpSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Azure SQL: named firewall rules as start–end ranges (adjacent addresses merged), VNet rules; sub-resource
 * sqlServer (§4.3, T7).
 */
final class SqlFixes implements ServiceFixes {
  static final SqlFixes INSTANCE = new SqlFixes();

  private SqlFixes() {}

  @Override
  public String privateEndpointSubresource() {
    return "sqlServer";
  }

  @Override
  public String firewallProtocol() {
    return "Mssql:1433";
  }

  @Override
  public boolean namesRules() {
    return true;
  }

  @Override
  public List<String[]> ruleValues(IpSet missing) {
    List<String[]> out = new ArrayList<>();
    long[] iv = missing.v4Intervals();
    for (int i = 0; i < iv.length; i += 2) {
      out.add(new String[] {IpSet.v4ToString(iv[i]), IpSet.v4ToString(iv[i + 1])});
    }
    return out;
  }
}
