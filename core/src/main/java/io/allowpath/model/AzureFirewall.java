package io.allowpath.model;

import java.util.List;

/**
 * {@code Microsoft.Network/azureFirewalls}. Outbound traffic is SNATed to one of all its public IPs at
 * random, or to the NAT gateway of AzureFirewallSubnet when there is one (AZURE-EGRESS.md §1.5, N9).
 * {@code hubPrivateIp}/{@code hubPublicIps} are the secured-hub form ({@code hubIPAddresses}).
 * {@code ruleCollections} holds classic rules and, once joined, those of its firewall policy.
 */
public record AzureFirewall(
    ResourceId id,
    String location,
    List<FirewallIpConfig> ipConfigurations,
    String hubPrivateIp,
    List<String> hubPublicIps,
    ResourceId firewallPolicy,
    List<FirewallRuleCollection> ruleCollections)
    implements Resource {
  public AzureFirewall {
    ipConfigurations = List.copyOf(ipConfigurations);
    hubPublicIps = List.copyOf(hubPublicIps);
    ruleCollections = List.copyOf(ruleCollections);
  }

  /** True when {@code ip} is one of the firewall's private addresses. */
  public boolean hasPrivateIp(String ip) {
    if (ip == null) {
      return false;
    }
    if (ip.equals(hubPrivateIp)) {
      return true;
    }
    return ipConfigurations.stream().anyMatch(c -> ip.equals(c.privateIp()));
  }

  /** The AzureFirewallSubnet this firewall sits in, if known. */
  public ResourceId subnet() {
    return ipConfigurations.stream().map(FirewallIpConfig::subnet).filter(s -> s != null).findFirst().orElse(null);
  }
}
