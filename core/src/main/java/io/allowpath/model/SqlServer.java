package io.allowpath.model;

import java.util.List;

/**
 * {@code Microsoft.Sql/servers} with its child {@code firewallRules} and {@code virtualNetworkRules}
 * joined by id (§4.3, T7, N11). {@code vnetRules} are subnet ids.
 */
public record SqlServer(
    ResourceId id, String location, String publicNetworkAccess, List<SqlFirewallRule> firewallRules,
    List<ResourceId> vnetRules)
    implements Target {
  public SqlServer {
    firewallRules = List.copyOf(firewallRules);
    vnetRules = List.copyOf(vnetRules);
  }

  @Override
  public Service service() {
    return Service.SQL;
  }

  public SqlServer with(List<SqlFirewallRule> fw, List<ResourceId> vnets) {
    return new SqlServer(id, location, publicNetworkAccess, fw, vnets);
  }

  @Override
  public int ipRuleCount() {
    return firewallRules.size();
  }

  @Override
  public <R> R accept(Target.Visitor<R> v) {
    return v.sql(this);
  }
}
