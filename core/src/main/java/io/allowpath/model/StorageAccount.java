package io.allowpath.model;

import java.util.List;

/**
 * {@code Microsoft.Storage/storageAccounts}: {@code networkAcls} and {@code publicNetworkAccess}
 * (AZURE-EGRESS.md §4.1, T1–T4). Defaults when not set: defaultAction Allow, bypass AzureServices.
 * {@code resourceAccessRules} are the resource ids of resource-instance rules.
 */
public record StorageAccount(
    ResourceId id, String location, String sku, String kind, NetworkRules rules, List<ResourceId> resourceAccessRules)
    implements Target {
  public StorageAccount {
    resourceAccessRules = List.copyOf(resourceAccessRules);
  }

  @Override
  public Service service() {
    return Service.STORAGE;
  }

  public StorageAccount withRules(NetworkRules r) {
    return new StorageAccount(id, location, sku, kind, r, resourceAccessRules);
  }

  @Override
  public int ipRuleCount() {
    return rules.ipRules().size();
  }

  @Override
  public <R> R accept(Target.Visitor<R> v) {
    return v.storage(this);
  }
}
