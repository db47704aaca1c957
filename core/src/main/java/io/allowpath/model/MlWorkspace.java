package io.allowpath.model;

import java.util.List;

/**
 * {@code Microsoft.MachineLearningServices/workspaces}: public access ({@code publicNetworkAccess},
 * {@code networkAcls}, {@code ipAllowlist}; §2.1), managed network ({@code managedNetwork.isolationMode}
 * and outbound rules; §2.2) and serverless compute settings (§2.4). {@code isolationMode} is null when
 * not set (= Disabled). {@code serverlessConfigured} is true when {@code serverlessComputeSettings} is
 * present, which makes allowpath model the serverless compute {@code <id>#serverless}.
 */
public record MlWorkspace(
    ResourceId id,
    String location,
    String publicNetworkAccess,
    String aclDefaultAction,
    List<String> aclIpRules,
    List<String> ipAllowlist,
    String isolationMode,
    List<MlOutboundRule> outboundRules,
    boolean serverlessConfigured,
    ResourceId serverlessSubnet,
    Boolean serverlessNoPublicIp,
    ResourceId storageAccount,
    ResourceId keyVault,
    ResourceId containerRegistry)
    implements Target {
  @Override
  public Service service() {
    return Service.ML_WORKSPACE;
  }

  public MlWorkspace {
    aclIpRules = List.copyOf(aclIpRules);
    ipAllowlist = List.copyOf(ipAllowlist);
    outboundRules = List.copyOf(outboundRules);
  }

  /** The regional API host of AML workspaces ({@code <region>.api.azureml.ms}). */
  @Override
  public String fqdn() {
    return (location == null ? "" : location + ".") + "api.azureml.ms";
  }

  /** True when computes run in the workspace's managed VNet. */
  public boolean managedNetwork() {
    return isolationMode != null && !"Disabled".equalsIgnoreCase(isolationMode);
  }

  public MlWorkspace withOutboundRules(List<MlOutboundRule> rules) {
    return new MlWorkspace(id, location, publicNetworkAccess, aclDefaultAction, aclIpRules, ipAllowlist,
        isolationMode, rules, serverlessConfigured, serverlessSubnet, serverlessNoPublicIp, storageAccount,
        keyVault, containerRegistry);
  }
}
