package io.allowpath.analysis.egress;

/**
 * Where the traffic goes: the internet in general ({@link #INTERNET}), or an Azure service's public
 * endpoint, named by its service tag family (e.g. {@code Storage}, {@code Sql}, {@code AzureKeyVault}),
 * region and service endpoint name (e.g. {@code Microsoft.Storage}; null when the service has none).
 * Route selection per destination: a UDR whose prefix is a service tag covers a destination of that
 * service (AZURE-EGRESS.md §1.4, N8).
 */
public record Destination(String serviceTag, String region, String endpointService, String fqdn) {
  public static final Destination INTERNET = new Destination(null, null, null, null);

  public boolean isInternet() {
    return serviceTag == null;
  }

  public String describe() {
    return isInternet() ? "the internet" : serviceTag + (region == null ? "" : " in " + region)
        + (fqdn == null ? "" : " (" + fqdn + ")");
  }
}
