package io.allowpath.model;

import java.util.List;

/**
 * {@code Microsoft.Network/privateEndpoints}: its subnet and its connections (automatic and manual)
 * to target resources, each with group ids (e.g. blob, vault) and approval status. Only Approved
 * connections carry traffic. {@code privateIps} are the NIC addresses when the export shows them.
 * {@code dnsRecords} are the names Azure gives the endpoint: {@code properties.customDnsConfigs} (FQDN and
 * addresses, zone unknown) and the record sets of its {@code privateDnsZoneGroups} (zone id, record set
 * name, FQDN). They are the reliable link from an endpoint to its records, since the record is often not
 * named after the resource (AZURE-EGRESS.md §8.1; https://learn.microsoft.com/azure/private-link/private-endpoint-dns ,
 * https://learn.microsoft.com/azure/machine-learning/how-to-custom-dns).
 */
public record PrivateEndpoint(
    ResourceId id, String location, ResourceId subnet, List<Connection> connections, List<IpValue> privateIps,
    List<DnsRecord> dnsRecords)
    implements Resource {
  public PrivateEndpoint {
    connections = List.copyOf(connections);
    privateIps = List.copyOf(privateIps);
    dnsRecords = List.copyOf(dnsRecords);
  }

  /** An endpoint whose DNS configuration is not known. */
  public PrivateEndpoint(ResourceId id, String location, ResourceId subnet, List<Connection> connections,
      List<IpValue> privateIps) {
    this(id, location, subnet, connections, privateIps, List.of());
  }

  public PrivateEndpoint withDnsRecords(List<DnsRecord> records) {
    return new PrivateEndpoint(id, location, subnet, connections, privateIps, records);
  }

  /** A private link service connection. {@code status} null (templates) counts as approved. */
  public record Connection(ResourceId target, List<String> groupIds, String status) {
    public Connection {
      groupIds = List.copyOf(groupIds);
    }

    public boolean approved() {
      return status == null || "Approved".equalsIgnoreCase(status);
    }
  }

  /**
   * One DNS name of the endpoint: {@code zone} is the private DNS zone of a zone group (null for a
   * {@code customDnsConfigs} entry), {@code recordSetName} the relative record name there (null when
   * unknown), {@code fqdn} the public FQDN (null when unknown) and its private addresses.
   */
  public record DnsRecord(ResourceId zone, String recordSetName, String fqdn, List<String> ipAddresses) {
    public DnsRecord {
      ipAddresses = List.copyOf(ipAddresses);
    }
  }
}
