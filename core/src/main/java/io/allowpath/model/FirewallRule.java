package io.allowpath.model;

import java.util.List;

/**
 * One firewall rule. Network rules match {@code destinationAddresses} (IPs, CIDRs, service tags or "*"),
 * {@code destinationFqdns}, {@code destinationPorts} and {@code protocols}; application rules match
 * {@code targetFqdns} (wildcards like {@code *.blob.core.windows.net}) or {@code fqdnTags}, with
 * {@code protocols} like "Https:443".
 */
public record FirewallRule(
    String name,
    List<IpValue> sourceAddresses,
    List<IpValue> destinationAddresses,
    List<String> destinationFqdns,
    List<Ports> destinationPorts,
    List<String> protocols,
    List<String> targetFqdns,
    List<String> fqdnTags) {
  public FirewallRule {
    sourceAddresses = List.copyOf(sourceAddresses);
    destinationAddresses = List.copyOf(destinationAddresses);
    destinationFqdns = List.copyOf(destinationFqdns);
    destinationPorts = List.copyOf(destinationPorts);
    protocols = List.copyOf(protocols);
    targetFqdns = List.copyOf(targetFqdns);
    fqdnTags = List.copyOf(fqdnTags);
  }
}
