package io.allowpath.model;

import java.util.List;

/**
 * The public-endpoint firewall most services share: {@code publicNetworkAccess} (Enabled, Disabled,
 * SecuredByPerimeter, or null when not set), {@code defaultAction} (Allow/Deny, null when not set),
 * {@code bypass} (e.g. AzureServices), IP rules parsed while reading (single IP, CIDR, a range "a-b", or a
 * reference to a public IP's address; see {@link Address}), and VNet rules (subnet ids).
 */
public record NetworkRules(
    String publicNetworkAccess, String defaultAction, String bypass, List<Address> ipRules, List<ResourceId> vnetRules) {
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

  public NetworkRules withIpRules(List<Address> rules) {
    return new NetworkRules(publicNetworkAccess, defaultAction, bypass, rules, vnetRules);
  }

  public NetworkRules withVnetRules(List<ResourceId> rules) {
    return new NetworkRules(publicNetworkAccess, defaultAction, bypass, ipRules, rules);
  }

  public NetworkRules withDefaultAction(String action) {
    return new NetworkRules(publicNetworkAccess, action, bypass, ipRules, vnetRules);
  }
}
