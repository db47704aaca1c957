package io.allowpath.model;

import java.util.List;

/**
 * {@code Microsoft.Network/azureFirewalls}. Outbound traffic is SNATed to one of all its public IPs at
 * random, or to the NAT gateway of AzureFirewallSubnet when there is one (AZURE-EGRESS.md §1.5, N9).
 * {@code hubPrivateIp}/{@code hubPublicIps} are the secured-hub form ({@code hubIPAddresses}).
 * {@code ruleCollections} holds classic rules and, once joined, those of its firewall policy (a classic
 * collection's {@code source} is the firewall itself). {@code skuName}/{@code skuTier} and
 * {@code threatIntelMode} (null when unknown) and {@code unmodelled} (properties present in the estate that
 * the model does not keep: NAT rule collections, IP groups in rules, zones, ...) decide whether the
 * firewall can be PUT in full ({@link #putGap()}). {@code managementSubnet} is the subnet of its
 * {@code managementIpConfiguration} (AzureFirewallManagementSubnet; null when none), which forced tunnelling
 * requires (AZURE-EGRESS.md §8.3, https://learn.microsoft.com/azure/firewall/forced-tunneling).
 * {@code snatPrivateRanges} is the classic {@code additionalProperties["Network.SNAT.PrivateRanges"]} split
 * on commas (null when not set; a policy's {@code snat.privateRanges} lives on {@link FirewallPolicy}; §8.4,
 * https://learn.microsoft.com/azure/firewall/snat-private-range).
 * {@code sqlRedirectFiltered} is its policy's {@code sql.allowSqlRedirect} (joined from the policy): application
 * rules then filter SQL's redirect traffic too, and it "requires no rule using port 11000-11999"
 * (FirewallPolicySQL, Microsoft.Network firewallPolicies 2024-05-01).
 * {@code policyRulesRead} is true once its policy's rule collection groups were read (joined), even when they
 * hold no outbound collection (empty, or DNAT only): the policy's rules are then known, not missing.
 */
public record AzureFirewall(
    ResourceId id,
    String location,
    List<FirewallIpConfig> ipConfigurations,
    IpValue hubPrivateIp,
    List<IpValue> hubPublicIps,
    ResourceId firewallPolicy,
    List<FirewallRuleCollection> ruleCollections,
    String skuName,
    String skuTier,
    String threatIntelMode,
    List<String> unmodelled,
    ResourceId managementSubnet,
    List<IpValue> snatPrivateRanges,
    boolean sqlRedirectFiltered,
    boolean policyRulesRead)
    implements Resource {
  public AzureFirewall {
    ipConfigurations = List.copyOf(ipConfigurations);
    hubPublicIps = List.copyOf(hubPublicIps);
    ruleCollections = List.copyOf(ruleCollections);
    unmodelled = List.copyOf(unmodelled);
    snatPrivateRanges = snatPrivateRanges == null ? null : List.copyOf(snatPrivateRanges);
  }

  /** A firewall whose policy's rule collection groups are not (yet) joined. */
  public AzureFirewall(ResourceId id, String location, List<FirewallIpConfig> ipConfigurations, IpValue hubPrivateIp,
      List<IpValue> hubPublicIps, ResourceId firewallPolicy, List<FirewallRuleCollection> ruleCollections,
      String skuName, String skuTier, String threatIntelMode, List<String> unmodelled, ResourceId managementSubnet,
      List<IpValue> snatPrivateRanges, boolean sqlRedirectFiltered) {
    this(id, location, ipConfigurations, hubPrivateIp, hubPublicIps, firewallPolicy, ruleCollections, skuName, skuTier,
        threatIntelMode, unmodelled, managementSubnet, snatPrivateRanges, sqlRedirectFiltered, false);
  }

  /** A firewall whose policy does not filter SQL redirect traffic. */
  public AzureFirewall(ResourceId id, String location, List<FirewallIpConfig> ipConfigurations, IpValue hubPrivateIp,
      List<IpValue> hubPublicIps, ResourceId firewallPolicy, List<FirewallRuleCollection> ruleCollections,
      String skuName, String skuTier, String threatIntelMode, List<String> unmodelled, ResourceId managementSubnet,
      List<IpValue> snatPrivateRanges) {
    this(id, location, ipConfigurations, hubPrivateIp, hubPublicIps, firewallPolicy, ruleCollections, skuName, skuTier,
        threatIntelMode, unmodelled, managementSubnet, snatPrivateRanges, false);
  }

  /** A firewall without a management IP configuration or classic SNAT ranges. */
  public AzureFirewall(ResourceId id, String location, List<FirewallIpConfig> ipConfigurations, IpValue hubPrivateIp,
      List<IpValue> hubPublicIps, ResourceId firewallPolicy, List<FirewallRuleCollection> ruleCollections,
      String skuName, String skuTier, String threatIntelMode, List<String> unmodelled) {
    this(id, location, ipConfigurations, hubPrivateIp, hubPublicIps, firewallPolicy, ruleCollections, skuName, skuTier,
        threatIntelMode, unmodelled, null, null);
  }

  /** A firewall whose sku, threat intelligence mode and other PUT properties are unknown. */
  public AzureFirewall(ResourceId id, String location, List<FirewallIpConfig> ipConfigurations, IpValue hubPrivateIp,
      List<IpValue> hubPublicIps, ResourceId firewallPolicy, List<FirewallRuleCollection> ruleCollections) {
    this(id, location, ipConfigurations, hubPrivateIp, hubPublicIps, firewallPolicy, ruleCollections, null, null, null,
        List.of());
  }

  public AzureFirewall withRuleCollections(List<FirewallRuleCollection> rcs) {
    return new AzureFirewall(id, location, ipConfigurations, hubPrivateIp, hubPublicIps, firewallPolicy, rcs, skuName,
        skuTier, threatIntelMode, unmodelled, managementSubnet, snatPrivateRanges, sqlRedirectFiltered, policyRulesRead);
  }

  public AzureFirewall withSqlRedirectFiltered(boolean filtered) {
    return new AzureFirewall(id, location, ipConfigurations, hubPrivateIp, hubPublicIps, firewallPolicy, ruleCollections,
        skuName, skuTier, threatIntelMode, unmodelled, managementSubnet, snatPrivateRanges, filtered, policyRulesRead);
  }

  /** This firewall once its policy's rule collection groups were read. */
  public AzureFirewall withPolicyRulesRead() {
    return new AzureFirewall(id, location, ipConfigurations, hubPrivateIp, hubPublicIps, firewallPolicy, ruleCollections,
        skuName, skuTier, threatIntelMode, unmodelled, managementSubnet, snatPrivateRanges, sqlRedirectFiltered, true);
  }

  /** The classic rule collections (properties of this resource), in estate order. */
  public List<FirewallRuleCollection> classicCollections() {
    return ruleCollections.stream().filter(c -> id.equals(c.source())).toList();
  }

  /**
   * Why a PUT of the whole firewall built from this record would lose or guess something, or null when it
   * can be written in full (classic rules only; a policy-managed firewall gets rules through its policy).
   */
  public String putGap() {
    List<String> missing = new java.util.ArrayList<>();
    if (location == null) {
      missing.add("location");
    }
    if (skuName == null || skuTier == null) {
      missing.add("sku");
    }
    if (threatIntelMode == null) {
      missing.add("threatIntelMode");
    }
    if (ipConfigurations.isEmpty() || ipConfigurations.stream().anyMatch(c -> c.name() == null || c.subnet() == null)) {
      missing.add("ipConfigurations with names and subnets");
    }
    if (!missing.isEmpty()) {
      return "the estate does not show its " + String.join(", ", missing) + ", which a PUT of the firewall needs";
    }
    if (!unmodelled.isEmpty()) {
      return "it has " + String.join(", ", unmodelled) + ", which the model does not keep and a PUT would remove";
    }
    return null;
  }

  /** True when {@code ip} is one of the firewall's private addresses. */
  public boolean hasPrivateIp(IpValue ip) {
    if (ip == null || ip.ips() == null) {
      return false;
    }
    if (hubPrivateIp != null && ip.ips().equals(hubPrivateIp.ips())) {
      return true;
    }
    return ipConfigurations.stream().anyMatch(c -> c.privateIp() != null && ip.ips().equals(c.privateIp().ips()));
  }

  /** The AzureFirewallSubnet this firewall sits in, if known. */
  public ResourceId subnet() {
    return ipConfigurations.stream().map(FirewallIpConfig::subnet).filter(s -> s != null).findFirst().orElse(null);
  }
}
