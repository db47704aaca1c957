package io.allowpath.model;

import java.util.List;

/**
 * {@code Microsoft.Network/virtualNetworks}; subnets are separate {@link Subnet} records joined by id.
 * {@code dnsServers} is {@code properties.dhcpOptions.dnsServers}: empty means Azure-provided DNS
 * (168.63.129.16), which answers from the private DNS zones linked to the VNet; custom servers answer
 * whatever they are configured to (https://learn.microsoft.com/azure/private-link/private-endpoint-dns ,
 * https://learn.microsoft.com/azure/virtual-network/virtual-networks-name-resolution-for-vms-and-role-instances).
 */
public record VirtualNetwork(ResourceId id, String location, List<IpValue> addressPrefixes, List<VnetPeering> peerings,
    List<String> dnsServers)
    implements Resource {
  /** Azure's own resolver, which a custom DNS setting may list and which answers from linked zones. */
  public static final String AZURE_DNS = "168.63.129.16";

  public VirtualNetwork {
    addressPrefixes = List.copyOf(addressPrefixes);
    peerings = List.copyOf(peerings);
    dnsServers = List.copyOf(dnsServers);
  }

  /** A VNet that uses Azure-provided DNS. */
  public VirtualNetwork(ResourceId id, String location, List<IpValue> addressPrefixes, List<VnetPeering> peerings) {
    this(id, location, addressPrefixes, peerings, List.of());
  }

  /** Custom DNS servers other than Azure's own resolver (empty: names resolve through Azure DNS). */
  public List<String> customDnsServers() {
    return dnsServers.stream().filter(s -> !AZURE_DNS.equals(s.strip())).toList();
  }
}
