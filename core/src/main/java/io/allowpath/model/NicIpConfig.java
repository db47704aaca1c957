package io.allowpath.model;

import java.util.List;

/** A NIC IP configuration: private IP, subnet, optional public IP and load balancer backend pools. */
public record NicIpConfig(
    ResourceId id, IpValue privateIp, ResourceId subnet, ResourceId publicIp, List<ResourceId> loadBalancerBackendPools) {
  public NicIpConfig {
    loadBalancerBackendPools = List.copyOf(loadBalancerBackendPools);
  }
}
