package io.allowpath.ingest.arm;

import com.fasterxml.jackson.databind.JsonNode;
import io.allowpath.model.NetworkRules;
import io.allowpath.model.ResourceId;
import io.allowpath.model.StorageAccount;

/**
 * Storage accounts (AZURE-EGRESS.md §4.1): {@code networkAcls} (publicNetworkAccess, defaultAction,
 * bypass, ipRules, virtualNetworkRules, resourceAccessRules).
 */
final class StorageReader {
  private StorageReader() {}

  static void register(ArmResourceReader r) {
    r.on("Microsoft.Storage/storageAccounts", StorageReader::storage);
  }

  static void storage(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    TargetReaders.markIfUnread(id, j, out);
    NetworkRules rules = TargetReaders.networkAcls(j, b, J.text(j, b, "properties", "publicNetworkAccess"));
    out.put(new StorageAccount(id, ArmResourceReader.loc(j), J.text(j, b, "sku", "name"), J.text(j, b, "kind"), rules,
        TargetReaders.ruleIds(j, b, TargetReaders.p("properties", "networkAcls", "resourceAccessRules"), "resourceId")));
  }
}
