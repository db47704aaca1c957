package io.allowpath.model;

import java.util.List;

/**
 * {@code Microsoft.MachineLearningServices/workspaces}: public access ({@code publicNetworkAccess},
 * {@code networkAcls}, {@code ipAllowlist}; §2.1), managed network ({@code managedNetwork.isolationMode}
 * and outbound rules; §2.2) and serverless compute settings (§2.4). {@code isolationMode} is null when
 * not set (= Disabled). {@code serverlessConfigured} is true when {@code serverlessComputeSettings} is
 * present, which makes allowpath model the serverless compute {@code <id>#serverless}.
 * {@code identityType}, {@code skuName}/{@code skuTier} and {@code applicationInsights} (null when unknown)
 * are what a workspace PUT needs besides the associated resources.
 */
public record MlWorkspace(
    ResourceId id,
    String location,
    String publicNetworkAccess,
    String aclDefaultAction,
    List<Address> aclIpRules,
    List<Address> ipAllowlist,
    String isolationMode,
    List<MlOutboundRule> outboundRules,
    boolean serverlessConfigured,
    ResourceId serverlessSubnet,
    Boolean serverlessNoPublicIp,
    ResourceId storageAccount,
    ResourceId keyVault,
    ResourceId containerRegistry,
    String identityType,
    String skuName,
    String skuTier,
    ResourceId applicationInsights,
    String workspaceId)
    implements Target {
  // ported-by-lead: workspaceId (properties.workspaceId, the per-workspace GUID) names the workspace's private
  // DNS records (<guid>.workspace.<region> in privatelink.api.azureml.ms, ml-<name>-<region>-<guid>.<region> in
  // privatelink.notebooks.azure.net; https://learn.microsoft.com/azure/machine-learning/how-to-custom-dns).
  // Added as a trailing component with the old canonical constructor kept below.
  public MlWorkspace(ResourceId id, String location, String publicNetworkAccess, String aclDefaultAction,
      List<Address> aclIpRules, List<Address> ipAllowlist, String isolationMode, List<MlOutboundRule> outboundRules,
      boolean serverlessConfigured, ResourceId serverlessSubnet, Boolean serverlessNoPublicIp, ResourceId storageAccount,
      ResourceId keyVault, ResourceId containerRegistry, String identityType, String skuName, String skuTier,
      ResourceId applicationInsights) {
    this(id, location, publicNetworkAccess, aclDefaultAction, aclIpRules, ipAllowlist, isolationMode, outboundRules,
        serverlessConfigured, serverlessSubnet, serverlessNoPublicIp, storageAccount, keyVault, containerRegistry,
        identityType, skuName, skuTier, applicationInsights, null);
  }

  /** A workspace whose identity, sku and Application Insights are unknown. */
  public MlWorkspace(ResourceId id, String location, String publicNetworkAccess, String aclDefaultAction,
      List<Address> aclIpRules, List<Address> ipAllowlist, String isolationMode, List<MlOutboundRule> outboundRules,
      boolean serverlessConfigured, ResourceId serverlessSubnet, Boolean serverlessNoPublicIp, ResourceId storageAccount,
      ResourceId keyVault, ResourceId containerRegistry) {
    this(id, location, publicNetworkAccess, aclDefaultAction, aclIpRules, ipAllowlist, isolationMode, outboundRules,
        serverlessConfigured, serverlessSubnet, serverlessNoPublicIp, storageAccount, keyVault, containerRegistry, null,
        null, null, null);
  }

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
        keyVault, containerRegistry, identityType, skuName, skuTier, applicationInsights, workspaceId);
  }

  /**
   * What a whole-workspace PUT built from this record would lose or guess, or null: it needs the identity
   * type (a user-assigned identity also needs its ids, which the model does not keep), the sku and the
   * associated storage account and key vault; a managed network's outbound rules are not carried in full.
   */
  public String putGap() {
    List<String> missing = new java.util.ArrayList<>();
    if (identityType == null) {
      missing.add("identity");
    }
    if (skuName == null) {
      missing.add("sku");
    }
    if (storageAccount == null || keyVault == null) {
      missing.add("associated storage account/key vault");
    }
    if (!missing.isEmpty()) {
      return "the estate does not show its " + String.join(", ", missing) + ", which a PUT needs";
    }
    if (identityType.toLowerCase(java.util.Locale.ROOT).contains("userassigned")) {
      return "it uses a user-assigned identity, whose ids the model does not keep (a PUT without them detaches it)";
    }
    if (managedNetwork()) {
      return "it has a managed network, whose outbound rules a PUT would have to restate in full";
    }
    return null;
  }

  @Override
  public int ipRuleCount() {
    return aclIpRules.size() + ipAllowlist.size();
  }

  @Override
  public <R> R accept(Target.Visitor<R> v) {
    return v.mlWorkspace(this);
  }
}
