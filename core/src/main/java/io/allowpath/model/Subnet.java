package io.allowpath.model;

import java.util.List;

/**
 * A subnet, inline in its VNet or a standalone {@code virtualNetworks/subnets} resource (joined by id,
 * habit 8). {@code defaultOutboundAccess} is null when not set, which means default outbound access is
 * allowed (AZURE-EGRESS.md §1.3, N6). {@code ipConfigurations} are the ids of IP configurations in the
 * subnet (used to find a VPN gateway in a GatewaySubnet). {@code delegations} keep their names, which a
 * subnet PUT must repeat.
 */
public record Subnet(
    ResourceId id,
    List<IpValue> addressPrefixes,
    ResourceId natGateway,
    ResourceId routeTable,
    ResourceId networkSecurityGroup,
    List<ServiceEndpoint> serviceEndpoints,
    Boolean defaultOutboundAccess,
    List<Delegation> delegations,
    List<ResourceId> ipConfigurations) {
  public Subnet {
    addressPrefixes = List.copyOf(addressPrefixes);
    serviceEndpoints = List.copyOf(serviceEndpoints);
    delegations = List.copyOf(delegations);
    ipConfigurations = List.copyOf(ipConfigurations);
  }

  public ResourceId vnet() {
    return id.parent();
  }

  /** A private subnet: {@code defaultOutboundAccess: false}, no implicit internet egress. */
  public boolean isPrivate() {
    return Boolean.FALSE.equals(defaultOutboundAccess);
  }

  public Subnet withNatGateway(ResourceId nat) {
    return new Subnet(id, addressPrefixes, nat, routeTable, networkSecurityGroup, serviceEndpoints,
        defaultOutboundAccess, delegations, ipConfigurations);
  }

  public Subnet withRouteTable(ResourceId rt) {
    return new Subnet(id, addressPrefixes, natGateway, rt, networkSecurityGroup, serviceEndpoints,
        defaultOutboundAccess, delegations, ipConfigurations);
  }

  public Subnet withServiceEndpoints(List<ServiceEndpoint> eps) {
    return new Subnet(id, addressPrefixes, natGateway, routeTable, networkSecurityGroup, eps,
        defaultOutboundAccess, delegations, ipConfigurations);
  }
}
