package io.allowpath.model;

import java.util.List;

/**
 * {@code Microsoft.Network/natGateways}. Outbound connections pick one of all its IPs and prefixes at
 * random, so every one must be allowlisted (AZURE-EGRESS.md §1.2, source N4).
 */
public record NatGateway(ResourceId id, String location, List<ResourceId> publicIps, List<ResourceId> publicIpPrefixes)
    implements Resource {
  public NatGateway {
    publicIps = List.copyOf(publicIps);
    publicIpPrefixes = List.copyOf(publicIpPrefixes);
  }
}
