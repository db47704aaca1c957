package io.allowpath.model;

import java.util.List;

/**
 * A service endpoint on a subnet ({@code properties.serviceEndpoints[]}): the service (e.g.
 * {@code Microsoft.Storage}) and the regions it covers ({@code locations}, filled by Azure: region and
 * pair for Storage, the region for Sql, "*" for most others; AZURE-EGRESS.md §4.0, N11, T1, T3).
 */
public record ServiceEndpoint(String service, List<String> locations) {
  public ServiceEndpoint {
    locations = List.copyOf(locations);
  }
}
