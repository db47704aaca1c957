package io.allowpath.model;

import java.util.List;
import java.util.Map;

/**
 * {@code Microsoft.Network/loadBalancers}: frontends, backend pool ids, outbound rules and load-balancing
 * rules. A load-balancing rule gives its backend pool outbound SNAT through its frontend unless
 * {@code disableOutboundSnat} is true; an outbound rule for the pool takes over
 * (AZURE-EGRESS.md §8.5; https://learn.microsoft.com/azure/load-balancer/outbound-rules ,
 * https://learn.microsoft.com/azure/load-balancer/load-balancer-outbound-connections).
 */
public record LoadBalancer(
    ResourceId id, String location, String sku, List<LbFrontend> frontends, List<ResourceId> backendPools,
    List<LbOutboundRule> outboundRules, List<LbRule> loadBalancingRules, Map<ResourceId, Integer> poolSizes)
    implements Resource {
  public LoadBalancer {
    frontends = List.copyOf(frontends);
    backendPools = List.copyOf(backendPools);
    outboundRules = List.copyOf(outboundRules);
    loadBalancingRules = List.copyOf(loadBalancingRules);
    poolSizes = Map.copyOf(poolSizes);
  }

  /**
   * A load balancer whose pools' members are not listed. {@code poolSizes} counts, per backend pool, the
   * {@code backendIPConfigurations} a GET of the load balancer lists (absent: not shown).
   */
  public LoadBalancer(ResourceId id, String location, String sku, List<LbFrontend> frontends,
      List<ResourceId> backendPools, List<LbOutboundRule> outboundRules, List<LbRule> loadBalancingRules) {
    this(id, location, sku, frontends, backendPools, outboundRules, loadBalancingRules, Map.of());
  }

  /** A load balancer without load-balancing rules. */
  public LoadBalancer(ResourceId id, String location, String sku, List<LbFrontend> frontends,
      List<ResourceId> backendPools, List<LbOutboundRule> outboundRules) {
    this(id, location, sku, frontends, backendPools, outboundRules, List.of());
  }

  public LbFrontend frontend(ResourceId fid) {
    return frontends.stream().filter(f -> f.id().equals(fid)).findFirst().orElse(null);
  }

  /**
   * A load-balancing rule: its frontend, backend pool and {@code disableOutboundSnat} (false when not set,
   * the ARM default).
   */
  public record LbRule(ResourceId id, ResourceId frontend, ResourceId backendPool, boolean disableOutboundSnat) {}
}
