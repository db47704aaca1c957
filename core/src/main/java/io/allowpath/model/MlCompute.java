package io.allowpath.model;

/**
 * {@code Microsoft.MachineLearningServices/workspaces/computes}: {@code computeType} AmlCompute (cluster)
 * or ComputeInstance; {@code subnet} from {@code properties.properties.subnet.id};
 * {@code enableNodePublicIp} null when not set (AML's default is true); {@code publicIpAddress} from
 * {@code connectivityEndpoints.publicIpAddress} of an instance (AZURE-EGRESS.md §2.3, A2, A8).
 */
public record MlCompute(
    ResourceId id, ResourceId workspace, String location, String computeType, ResourceId subnet,
    Boolean enableNodePublicIp, IpValue publicIpAddress)
    implements Resource {

  public boolean isInstance() {
    return "ComputeInstance".equalsIgnoreCase(computeType);
  }

  /** AmlCompute and ComputeInstance are the computes whose egress allowpath resolves. */
  public boolean isSupportedType() {
    return isInstance() || "AmlCompute".equalsIgnoreCase(computeType);
  }
}
