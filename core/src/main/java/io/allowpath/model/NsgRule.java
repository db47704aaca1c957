package io.allowpath.model;

import java.util.List;

/**
 * One network security group rule ({@code securityRules[]} or {@code defaultSecurityRules[]}): the
 * singular and plural address/port fields are merged into lists; application security groups are kept by
 * id. Evaluated by priority, lowest number first, first match wins
 * (https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview).
 */
public record NsgRule(
    String name, String direction, String access, int priority, String protocol,
    List<IpValue> destinationAddressPrefixes, List<Ports> destinationPortRanges,
    List<IpValue> sourceAddressPrefixes, List<ResourceId> sourceAsgs, List<ResourceId> destinationAsgs) {
  public NsgRule {
    destinationAddressPrefixes = List.copyOf(destinationAddressPrefixes);
    destinationPortRanges = List.copyOf(destinationPortRanges);
    sourceAddressPrefixes = List.copyOf(sourceAddressPrefixes);
    sourceAsgs = List.copyOf(sourceAsgs);
    destinationAsgs = List.copyOf(destinationAsgs);
  }

  /** A rule from any source, without application security groups. */
  public NsgRule(String name, String direction, String access, int priority, String protocol,
      List<IpValue> destinationAddressPrefixes, List<Ports> destinationPortRanges) {
    this(name, direction, access, priority, protocol, destinationAddressPrefixes, destinationPortRanges, IpValue.list("*"),
        List.of(), List.of());
  }

  public boolean outbound() {
    return "Outbound".equalsIgnoreCase(direction);
  }

  public boolean allow() {
    return "Allow".equalsIgnoreCase(access);
  }
}
