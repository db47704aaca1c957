package io.allowpath.model;

/**
 * {@code Microsoft.Databricks/workspaces} with its custom parameters (AZURE-EGRESS.md §3.1, D1): VNet
 * injection ({@code customVirtualNetworkId} + host/container subnet names), secure cluster connectivity
 * ({@code enableNoPublicIp}, null when not set), the outbound load balancer
 * ({@code loadBalancerId}/{@code loadBalancerBackendPoolName}) and, for the default managed VNet, the
 * NAT gateway and public IP names in the managed resource group (defaults {@code nat-gateway} and
 * {@code nat-gw-public-ip}, D1, D6).
 */
public record DatabricksWorkspace(
    ResourceId id,
    String location,
    ResourceId managedResourceGroup,
    String publicNetworkAccess,
    ResourceId customVirtualNetwork,
    String publicSubnetName,
    String privateSubnetName,
    Boolean enableNoPublicIp,
    ResourceId loadBalancer,
    String loadBalancerBackendPoolName,
    String natGatewayName,
    String publicIpName,
    String workspaceUrl)
    implements Target {
  // ported-by-lead: workspaceUrl (properties.workspaceUrl, adb-<workspaceId>.<n>.azuredatabricks.net) names the
  // workspace's record in privatelink.azuredatabricks.net
  // (https://learn.microsoft.com/azure/databricks/workspace/workspace-details). Trailing component, old
  // canonical constructor kept.
  public DatabricksWorkspace(ResourceId id, String location, ResourceId managedResourceGroup, String publicNetworkAccess,
      ResourceId customVirtualNetwork, String publicSubnetName, String privateSubnetName, Boolean enableNoPublicIp,
      ResourceId loadBalancer, String loadBalancerBackendPoolName, String natGatewayName, String publicIpName) {
    this(id, location, managedResourceGroup, publicNetworkAccess, customVirtualNetwork, publicSubnetName,
        privateSubnetName, enableNoPublicIp, loadBalancer, loadBalancerBackendPoolName, natGatewayName, publicIpName,
        null);
  }

  @Override
  public Service service() {
    return Service.DATABRICKS;
  }


  public static final String DEFAULT_NAT_GATEWAY_NAME = "nat-gateway";
  public static final String DEFAULT_PUBLIC_IP_NAME = "nat-gw-public-ip";

  public boolean vnetInjected() {
    return customVirtualNetwork != null;
  }

  /** Secure cluster connectivity; when not set, the current API default (true) applies (D1, D6). */
  public boolean noPublicIp() {
    return enableNoPublicIp == null || enableNoPublicIp;
  }

  public ResourceId hostSubnet() {
    return customVirtualNetwork == null || publicSubnetName == null
        ? null : customVirtualNetwork.child("subnets", publicSubnetName);
  }

  public ResourceId containerSubnet() {
    return customVirtualNetwork == null || privateSubnetName == null
        ? null : customVirtualNetwork.child("subnets", privateSubnetName);
  }

  /** The NAT gateway Databricks creates in the managed resource group for a managed VNet with SCC. */
  public ResourceId managedNatGateway() {
    return managedResourceGroup == null ? null : ResourceId.inGroup(managedResourceGroup.value(),
        "Microsoft.Network/natGateways", natGatewayName == null ? DEFAULT_NAT_GATEWAY_NAME : natGatewayName);
  }

  public ResourceId managedNatPublicIp() {
    return managedResourceGroup == null ? null : ResourceId.inGroup(managedResourceGroup.value(),
        "Microsoft.Network/publicIPAddresses", publicIpName == null ? DEFAULT_PUBLIC_IP_NAME : publicIpName);
  }

  @Override
  public int ipRuleCount() {
    return 0;
  }

  @Override
  public <R> R accept(Target.Visitor<R> v) {
    return v.databricks(this);
  }
}
