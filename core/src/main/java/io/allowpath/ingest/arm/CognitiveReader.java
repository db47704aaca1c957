package io.allowpath.ingest.arm;

import com.fasterxml.jackson.databind.JsonNode;
import io.allowpath.model.CognitiveAccount;
import io.allowpath.model.ResourceId;

/**
 * Azure AI services accounts (AZURE-EGRESS.md §4.8): {@code networkAcls}, custom subdomain, kind, sku.
 */
final class CognitiveReader {
  private CognitiveReader() {}

  static void register(ArmResourceReader r) {
    r.on("Microsoft.CognitiveServices/accounts", CognitiveReader::cognitive);
  }

  static void cognitive(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    TargetReaders.markIfUnread(id, j, out);
    out.put(new CognitiveAccount(id, ArmResourceReader.loc(j), J.text(j, b, "kind"),
        J.text(j, b, "properties", "customSubDomainName"),
        TargetReaders.networkAcls(j, b, J.text(j, b, "properties", "publicNetworkAccess")), J.text(j, b, "sku", "name")));
  }
}
