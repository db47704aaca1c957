package io.allowpath.model;

/** A SQL server firewall rule ({@code servers/firewallRules}): an inclusive start–end IPv4 range (§4.3, T7). */
public record SqlFirewallRule(String name, String startIpAddress, String endIpAddress) {
  /** The 0.0.0.0–0.0.0.0 rule (AllowAllWindowsAzureIps) admits all Azure traffic, every tenant's (T7). */
  public boolean allowsAllAzure() {
    return "0.0.0.0".equals(startIpAddress) && "0.0.0.0".equals(endIpAddress);
  }
}
