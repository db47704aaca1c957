package io.allowpath.model;

import java.util.List;

/**
 * The public-endpoint firewall most services share: {@code publicNetworkAccess} (Enabled, Disabled,
 * SecuredByPerimeter, or null when not set), {@code defaultAction} (Allow/Deny, null when not set),
 * {@code bypass} (e.g. AzureServices), IP rules as written (single IP, CIDR or, for SQL-like services,
 * a range "a-b"), and VNet rules (subnet ids). Values stay raw here; the evaluator parses them and
 * reports a bad one instead of failing the run.
 */
public record NetworkRules(
    String publicNetworkAccess, String defaultAction, String bypass, List<String> ipRules, List<ResourceId> vnetRules) {
  public NetworkRules {
    ipRules = List.copyOf(ipRules);
    vnetRules = List.copyOf(vnetRules);
  }

  public static final NetworkRules NONE = new NetworkRules(null, null, null, List.of(), List.of());

  public boolean publicAccessDisabled() {
    return publicNetworkAccess != null && !publicNetworkAccess.equalsIgnoreCase("Enabled");
  }

  public boolean defaultDeny() {
    return "Deny".equalsIgnoreCase(defaultAction);
  }

  public NetworkRules withIpRules(List<String> rules) {
    return new NetworkRules(publicNetworkAccess, defaultAction, bypass, rules, vnetRules);
  }

  public NetworkRules withVnetRules(List<ResourceId> rules) {
    return new NetworkRules(publicNetworkAccess, defaultAction, bypass, ipRules, rules);
  }

  public NetworkRules withDefaultAction(String action) {
    return new NetworkRules(publicNetworkAccess, action, bypass, ipRules, vnetRules);
  }
}
