package io.allowpath.plan;

import io.allowpath.model.ResourceId;
import io.allowpath.model.Subnet;
import java.util.List;

/**
 * Create a Standard NAT gateway with a new Standard static public IP and attach it to the subnets
 * (both Databricks subnets; AZURE-EGRESS.md §1.2, §3.2). {@code subnets} are the subnets as they are
 * before the plan.
 */
public record CreateNatGateway(
    ResourceId natGateway, ResourceId publicIp, String location, List<Subnet> subnets, List<String> pairs, String why)
    implements Change {
  public CreateNatGateway {
    subnets = List.copyOf(subnets);
    pairs = List.copyOf(pairs);
  }

  @Override
  public String action() {
    return "CREATE_NAT_GATEWAY";
  }

  @Override
  public ResourceId resource() {
    return natGateway;
  }

  @Override
  public String value() {
    return natGateway.name() + " with public IP " + publicIp.name() + " on "
        + String.join(", ", subnets.stream().map(s -> s.id().name()).toList());
  }
}
