package io.allowpath.model;

import java.util.List;

/**
 * A load balancer outbound rule: SNAT for the backend pool through the listed frontends, with
 * {@code allocatedOutboundPorts} SNAT ports per backend instance (0: the default port allocation table; null when
 * the export does not show it; https://learn.microsoft.com/azure/load-balancer/outbound-rules).
 */
public record LbOutboundRule(ResourceId id, List<ResourceId> frontends, ResourceId backendPool,
    Integer allocatedOutboundPorts) {
  public LbOutboundRule {
    frontends = List.copyOf(frontends);
  }

  public LbOutboundRule(ResourceId id, List<ResourceId> frontends, ResourceId backendPool) {
    this(id, frontends, backendPool, null);
  }
}
