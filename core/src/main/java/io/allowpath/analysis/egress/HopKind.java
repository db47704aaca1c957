package io.allowpath.analysis.egress;

/**
 * What one hop of an explanation is (docs/contract.md {@code hops[].kind}, each described in
 * docs/reasons.md "Hop kinds"): a closed vocabulary, so code that reads hops (the planner, the report's
 * diagrams) matches on constants, never on text.
 */
public enum HopKind {
  COMPUTE("the compute and the subnet it runs in"),
  SUBNET("the subnet whose routes and outbound settings apply"),
  ROUTE("the route (user-defined, BGP or system) that decides the next hop"),
  NOTE("a caveat that does not change the path"),
  SERVICE_ENDPOINT("a service endpoint on the subnet carries the traffic to the service"),
  NAT_GATEWAY("a NAT gateway translates the traffic to its public IPs"),
  PUBLIC_IP("a public IP address the traffic may leave with"),
  PUBLIC_IP_PREFIX("a public IP prefix the traffic may leave from"),
  LOAD_BALANCER("a load balancer's outbound rule or load-balancing rule SNATs the traffic"),
  FIREWALL("an Azure Firewall the route sends the traffic through"),
  APPLIANCE("a network virtual appliance the route sends the traffic to"),
  INSTANCE_PUBLIC_IP("the compute's own (or a service-managed) public IP"),
  DEFAULT_OUTBOUND("default outbound access: a Microsoft-owned address that can change"),
  AZURE_BACKBONE("same-region traffic to Storage stays on Azure's backbone with private addresses"),
  MANAGED_NETWORK("the AML managed network, whose egress the customer does not see"),
  PEERING("a VNet peering the traffic crosses"),
  GATEWAY("a VPN or ExpressRoute gateway (forced tunnelling)"),
  FORCED_TUNNEL("the firewall's own default route sends its traffic on, not to the internet"),
  BGP("routes a gateway may learn by BGP can override the path"),
  DROP("the traffic is dropped (a route to None, or a gateway that is missing)"),
  MISSING("a resource the path needs is not in the estate"),
  PRIVATE_ENDPOINT("a private endpoint, and whether the name resolves to it"),
  OUTBOUND_RULE("an AML managed-network outbound rule"),
  FIREWALL_RULE("the firewall rule (or the default deny) that decides the traffic"),
  SNAT("whether the firewall translates network-rule traffic (SNAT private ranges)"),
  NSG("the network security group rules on the path for the target's ports"),
  TARGET("the target's public-endpoint rules and what they decide");

  private final String meaning;

  HopKind(String meaning) {
    this.meaning = meaning;
  }

  public String meaning() {
    return meaning;
  }
}
