package io.allowpath.model;

import java.util.List;

/** {@code Microsoft.Network/loadBalancers}: frontends, backend pool ids and outbound rules. */
public record LoadBalancer(
    ResourceId id, String location, String sku, List<LbFrontend> frontends, List<ResourceId> backendPools,
    List<LbOutboundRule> outboundRules)
    implements Resource {
  public LoadBalancer {
    frontends = List.copyOf(frontends);
    backendPools = List.copyOf(backendPools);
    outboundRules = List.copyOf(outboundRules);
  }

  public LbFrontend frontend(ResourceId fid) {
    return frontends.stream().filter(f -> f.id().equals(fid)).findFirst().orElse(null);
  }
}
