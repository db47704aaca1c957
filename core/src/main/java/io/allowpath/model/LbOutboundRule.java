package io.allowpath.model;

import java.util.List;

/** A load balancer outbound rule: SNAT for the backend pool through the listed frontends. */
public record LbOutboundRule(ResourceId id, List<ResourceId> frontends, ResourceId backendPool) {
  public LbOutboundRule {
    frontends = List.copyOf(frontends);
  }
}
