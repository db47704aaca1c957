package io.allowpath.model;

import java.util.List;

/** One network security group rule, kept for later analysis. */
public record NsgRule(
    String name, String direction, String access, int priority, String protocol,
    List<String> destinationAddressPrefixes, List<String> destinationPortRanges) {
  public NsgRule {
    destinationAddressPrefixes = List.copyOf(destinationAddressPrefixes);
    destinationPortRanges = List.copyOf(destinationPortRanges);
  }
}
