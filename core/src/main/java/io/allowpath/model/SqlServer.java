package io.allowpath.model;

import java.util.List;

/**
 * {@code Microsoft.Sql/servers} with its child {@code firewallRules} and {@code virtualNetworkRules}
 * joined by id (§4.3, T7, N11). {@code vnetRules} are subnet ids. {@code connectionPolicy} is the
 * {@code connectionType} of the server's {@code connectionPolicies/default} child ({@code Default},
 * {@code Redirect} or {@code Proxy}), null when that child is not in the estate
 * (https://learn.microsoft.com/azure/azure-sql/database/connectivity-architecture#connection-policy), or
 * {@link #POLICY_UNREAD} when a live scan could not read it (issue 14: the answers that depend on it are UNKNOWN).
 */
public record SqlServer(
    ResourceId id, String location, String publicNetworkAccess, List<SqlFirewallRule> firewallRules,
    List<ResourceId> vnetRules, String connectionPolicy)
    implements Target {
  public SqlServer {
    firewallRules = List.copyOf(firewallRules);
    vnetRules = List.copyOf(vnetRules);
  }

  /** {@code connectionPolicy} of a server whose {@code connectionPolicies/default} a scan could not read. */
  public static final String POLICY_UNREAD = "(unread)";

  /** A server whose connection policy is not in the estate. */
  public SqlServer(ResourceId id, String location, String publicNetworkAccess, List<SqlFirewallRule> firewallRules,
      List<ResourceId> vnetRules) {
    this(id, location, publicNetworkAccess, firewallRules, vnetRules, null);
  }

  public SqlServer withConnectionPolicy(String policy) {
    return new SqlServer(id, location, publicNetworkAccess, firewallRules, vnetRules, policy);
  }

  @Override
  public Service service() {
    return Service.SQL;
  }

  public SqlServer with(List<SqlFirewallRule> fw, List<ResourceId> vnets) {
    return new SqlServer(id, location, publicNetworkAccess, fw, vnets, connectionPolicy);
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
