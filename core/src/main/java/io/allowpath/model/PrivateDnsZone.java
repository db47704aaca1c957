package io.allowpath.model;

import java.util.List;

/**
 * {@code Microsoft.Network/privateDnsZones} (e.g. {@code privatelink.blob.core.windows.net}) with its
 * {@code virtualNetworkLinks} (VNet ids) and A records joined by id. A compute resolves a target to its
 * private endpoint only when a zone for the service is linked to the compute's VNet and holds the record.
 * {@code numberOfRecordSets} is the zone's own count ({@code properties.numberOfRecordSets}, SOA included;
 * null when not exported): it tells an empty zone from one whose records were not exported.
 */
public record PrivateDnsZone(ResourceId id, List<ResourceId> linkedVnets, List<ARecord> aRecords,
    Integer numberOfRecordSets) implements Resource {
  public PrivateDnsZone {
    linkedVnets = List.copyOf(linkedVnets);
    aRecords = List.copyOf(aRecords);
  }

  /** A zone whose record-set count is unknown. */
  public PrivateDnsZone(ResourceId id, List<ResourceId> linkedVnets, List<ARecord> aRecords) {
    this(id, linkedVnets, aRecords, null);
  }

  public PrivateDnsZone withLinkedVnets(List<ResourceId> vnets) {
    return new PrivateDnsZone(id, vnets, aRecords, numberOfRecordSets);
  }

  public PrivateDnsZone withARecords(List<ARecord> records) {
    return new PrivateDnsZone(id, linkedVnets, records, numberOfRecordSets);
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

  /** The A record with this relative name (case-insensitive), or null. */
  public ARecord record(String name) {
    for (ARecord a : aRecords) {
      if (a.name().equalsIgnoreCase(name)) {
        return a;
      }
    }
    return null;
  }

  /**
   * True when the estate holds the zone's records as Azure has them: some A record was exported, or the
   * zone says it holds only its SOA record set.
   */
  public boolean recordsKnown() {
    return !aRecords.isEmpty() || (numberOfRecordSets != null && numberOfRecordSets <= 1);
  }
}
