package io.allowpath.plan;

import io.allowpath.model.ResourceId;
import java.util.List;

/**
 * Create a Standard outbound load balancer for a Databricks workspace: load balancer, backend pool,
 * frontend IP configuration with a new Standard static public IP, and an outbound rule; then set the
 * workspace's {@code loadBalancerId} and {@code loadBalancerBackendPoolName} (D1, D3). Azure accepts
 * these parameters only when the workspace is created, which {@code why} says.
 */
public record CreateOutboundLoadBalancer(
    ResourceId loadBalancer,
    String backendPool,
    String frontend,
    ResourceId publicIp,
    String outboundRule,
    String location,
    ResourceId workspace,
    List<String> pairs,
    String why)
    implements Change {
  public CreateOutboundLoadBalancer {
    pairs = List.copyOf(pairs);
  }

  @Override
  public String action() {
    return "CREATE_OUTBOUND_LOAD_BALANCER";
  }

  @Override
  public ResourceId resource() {
    return loadBalancer;
  }

  @Override
  public String value() {
    return loadBalancer.name() + " (pool " + backendPool + ", frontend " + frontend + ", public IP " + publicIp.name()
        + ") for " + workspace.name();
  }
}
