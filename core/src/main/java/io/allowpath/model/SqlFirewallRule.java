package io.allowpath.model;

/**
 * A SQL server firewall rule ({@code servers/firewallRules}): an inclusive start–end IPv4 range (§4.3,
 * T7) as written, and parsed while reading: {@code range} is the addresses, or a reference to a public
 * IP's address written in {@code startIpAddress} (see {@link Address}).
 */
public record SqlFirewallRule(String name, String startIpAddress, String endIpAddress, Address range) {
  public SqlFirewallRule {
    if (range == null) {
      throw new IllegalArgumentException("firewall rule " + name + " has no range");
    }
  }

  /**
   * Parses the range: a reference in {@code startIpAddress}, else {@code start-end}; throws
   * {@link IllegalArgumentException} quoting the bad value.
   */
  public SqlFirewallRule(String name, String startIpAddress, String endIpAddress) {
    this(name, startIpAddress, endIpAddress, range(startIpAddress, endIpAddress));
  }

  private static Address range(String start, String end) {
    Address a = Address.parse(start);
    if (a.publicIp() != null) {
      return a;
    }
    IpSet s = IpSet.parse(start + "-" + end);
    return new Address(start + "-" + end, s, null);
  }

  /** The 0.0.0.0–0.0.0.0 rule (AllowAllWindowsAzureIps) admits all Azure traffic, every tenant's (T7). */
  public boolean allowsAllAzure() {
    return "0.0.0.0".equals(startIpAddress) && "0.0.0.0".equals(endIpAddress);
  }
}
