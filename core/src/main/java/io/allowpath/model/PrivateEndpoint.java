package io.allowpath.model;

import java.util.List;

/**
 * {@code Microsoft.Network/privateEndpoints}: its subnet and its connections (automatic and manual)
 * to target resources, each with group ids (e.g. blob, vault) and approval status. Only Approved
 * connections carry traffic. {@code privateIps} are the NIC addresses when the export shows them.
 */
public record PrivateEndpoint(
    ResourceId id, String location, ResourceId subnet, List<Connection> connections, List<String> privateIps)
    implements Resource {
  public PrivateEndpoint {
    connections = List.copyOf(connections);
    privateIps = List.copyOf(privateIps);
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
}
