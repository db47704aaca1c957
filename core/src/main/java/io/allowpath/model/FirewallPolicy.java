package io.allowpath.model;

import java.util.List;

/**
 * {@code Microsoft.Network/firewallPolicies}, for what decides SNAT: {@code properties.snat.privateRanges}
 * (null when not set: the IANA private ranges) and {@code autoLearnPrivateRanges} (Enabled/Disabled, null
 * when not set). Its rule collection groups are joined to the firewalls that use it
 * (AZURE-EGRESS.md §8.4; https://learn.microsoft.com/azure/firewall/snat-private-range).
 */
public record FirewallPolicy(ResourceId id, String location, List<IpValue> snatPrivateRanges, String autoLearnPrivateRanges,
    Boolean allowSqlRedirect)
    implements Resource {
  public FirewallPolicy {
    snatPrivateRanges = snatPrivateRanges == null ? null : List.copyOf(snatPrivateRanges);
  }

  /**
   * A policy whose {@code sql.allowSqlRedirect} is not shown. That flag (null when not set) lets application rules
   * filter SQL's redirect traffic (FirewallPolicySQL, Microsoft.Network firewallPolicies 2024-05-01).
   */
  public FirewallPolicy(ResourceId id, String location, List<IpValue> snatPrivateRanges, String autoLearnPrivateRanges) {
    this(id, location, snatPrivateRanges, autoLearnPrivateRanges, null);
  }

  public boolean autoLearn() {
    return "Enabled".equalsIgnoreCase(autoLearnPrivateRanges);
  }
}
