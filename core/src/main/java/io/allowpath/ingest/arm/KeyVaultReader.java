package io.allowpath.ingest.arm;

import com.fasterxml.jackson.databind.JsonNode;
import io.allowpath.ingest.Unknown;
import io.allowpath.model.KeyVault;
import io.allowpath.model.KeyVaultAccessPolicy;
import io.allowpath.model.ResourceId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Key vaults (AZURE-EGRESS.md §4.2): {@code networkAcls} and what a safe PUT needs (tenant, sku, access
 * policies, soft delete and purge protection).
 */
final class KeyVaultReader {
  private KeyVaultReader() {}

  static void register(ArmResourceReader r) {
    r.on("Microsoft.KeyVault/vaults", KeyVaultReader::keyVault);
  }

  static void keyVault(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    TargetReaders.markIfUnread(id, j, out);
    out.put(new KeyVault(id, ArmResourceReader.loc(j), TargetReaders.networkAcls(j, b, J.text(j, b, "properties", "publicNetworkAccess")),
        J.text(j, b, "properties", "tenantId"),
        J.text(j, b, "properties", "sku", "family"),
        J.text(j, b, "properties", "sku", "name"),
        J.bool(j, b, "properties", "enableRbacAuthorization"),
        accessPolicies(j, b),
        J.bool(j, b, "properties", "enabledForDeployment"),
        J.bool(j, b, "properties", "enabledForDiskEncryption"),
        J.bool(j, b, "properties", "enabledForTemplateDeployment"),
        J.bool(j, b, "properties", "enableSoftDelete"),
        J.integer(j, b, "properties", "softDeleteRetentionInDays"),
        J.bool(j, b, "properties", "enablePurgeProtection")));
  }

  /**
   * A vault's {@code accessPolicies}; null when the JSON does not carry the list or any part of it is
   * not known until deployment (a PUT must then not restate them).
   */
  static List<KeyVaultAccessPolicy> accessPolicies(JsonNode j, String b) {
    JsonNode list = J.at(j, "properties", "accessPolicies");
    if (list == null || Unknown.is(list)) {
      return null;
    }
    List<KeyVaultAccessPolicy> out = new ArrayList<>();
    List<JsonNode> items = J.array(j, b, "properties", "accessPolicies");
    for (int i = 0; i < items.size(); i++) {
      JsonNode e = items.get(i);
      String eb = b + "/properties/accessPolicies/" + i;
      if (TargetReaders.containsUnknown(e)) {
        return null;
      }
      String objectId = J.text(e, eb, "objectId");
      String tenantId = J.text(e, eb, "tenantId");
      if (objectId == null || tenantId == null) {
        throw new J.FieldException(eb, "an access policy needs tenantId and objectId");
      }
      Map<String, List<String>> perms = new LinkedHashMap<>();
      for (String kind : List.of("keys", "secrets", "certificates", "storage")) {
        if (J.at(e, "permissions", kind) != null) {
          perms.put(kind, J.strings(e, eb, "permissions", kind));
        }
      }
      out.add(new KeyVaultAccessPolicy(tenantId, objectId, J.text(e, eb, "applicationId"), perms));
    }
    return out;
  }
}
