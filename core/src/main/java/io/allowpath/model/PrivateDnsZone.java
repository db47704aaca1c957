package io.allowpath.model;

import java.util.List;

/**
 * {@code Microsoft.Network/privateDnsZones} (e.g. {@code privatelink.blob.core.windows.net}) with its
 * {@code virtualNetworkLinks} (VNet ids) and A records joined by id. A compute resolves a target to its
 * private endpoint only when a zone for the service is linked to the compute's VNet.
 */
public record PrivateDnsZone(ResourceId id, List<ResourceId> linkedVnets, List<ARecord> aRecords) implements Resource {
  public PrivateDnsZone {
    linkedVnets = List.copyOf(linkedVnets);
    aRecords = List.copyOf(aRecords);
  }

  /** An A record set: relative name and addresses. */
  public record ARecord(String name, List<String> addresses) {
    public ARecord {
      addresses = List.copyOf(addresses);
    }
  }

  @Override
  public String location() {
    return "global";
  }

  public String zoneName() {
    return id.name().toLowerCase(java.util.Locale.ROOT);
  }
}
