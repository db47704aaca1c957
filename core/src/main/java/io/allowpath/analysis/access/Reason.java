package io.allowpath.analysis.access;

/**
 * The closed vocabulary of reason codes (habit 7), documented one per line in docs/reasons.md, which a
 * test keeps in step with this enum. Each code carries its meaning, the AZURE-EGRESS.md source and the
 * usual fix.
 */
public enum Reason {
  OPEN_TO_ALL_NETWORKS("the target's public endpoint admits every network", "§4.1 T2, §4.7 T11", "none needed; consider restricting it"),
  ADMITTED_BY_IP_RULE("every egress address is admitted by the target's IP rules", "§4", "none needed"),
  ADMITTED_BY_VNET_RULE("a service endpoint carries the traffic and the subnet is in the target's VNet rules", "§4.0 N11", "none needed"),
  ADMITTED_BY_ALL_AZURE_RULE("admitted only by an 'allow all Azure' rule (SQL/Cosmos 0.0.0.0, AzureCloud tag), which admits every tenant", "§4.3 T7, §4.4 T8", "replace it with rules for the compute's own egress"),
  ADMITTED_BY_BROAD_RULE("admitted only because a broad rule (/16 or wider) happens to cover a changing address", "CONTRACT.md AMBIGUOUS", "give the compute a stable egress (NAT gateway) and allow exactly its IPs"),
  VIA_PRIVATE_ENDPOINT("reaches the target through an approved private endpoint resolved by a private DNS zone linked to the compute's VNet; the public firewall does not apply", "§4.0 T9 T10b T2b", "none needed"),
  VIA_MANAGED_PRIVATE_ENDPOINT("the AML managed network has an active private endpoint outbound rule to the target", "§2.2 A1", "none needed"),
  ACR_RULES_NEED_PREMIUM("the registry's network rules have no effect below the Premium SKU: it is open", "§4.5 T9", "upgrade to Premium to enforce rules"),
  MESSAGING_DENY_WITHOUT_RULES_IS_OPEN("Event Hubs/Service Bus with defaultAction Deny and no IP or VNet rule is still open to the internet", "§4.7 T11 T12", "add IP/VNet rules or disable public access"),
  PUBLIC_ACCESS_DISABLED("the target's public network access is disabled and no private path reaches it", "§4.1 T1, §4.5 T9", "add a private endpoint in (or peered with) the compute's VNet, with its private DNS zone linked"),
  EGRESS_IP_NOT_ADMITTED("none of the compute's egress addresses is admitted by the target's rules", "§4", "add IP rules for the egress addresses"),
  SOME_EGRESS_IPS_NOT_ADMITTED("some egress addresses are admitted and some are not: NAT gateways and firewalls pick one at random, so requests fail intermittently", "§1.2 N4, §1.5 N9, §6.4", "add IP rules for the missing addresses"),
  EGRESS_UNSTABLE("the compute leaves with an address that changes (default outbound access, node or service-managed public IPs), which cannot be allowlisted", "§1.3 N6, §2.3 A2, §6.5", "attach a NAT gateway with a static public IP to the compute subnet"),
  NO_EGRESS("the compute has no way out (private subnet without an outbound method, a route to None, or a gateway route without a gateway)", "§1.3 N6, §1.4 N8", "attach a NAT gateway or route to a firewall"),
  EGRESS_UNKNOWN("the estate lacks what is needed to work out the compute's egress (see diagnostics)", "ARCHITECTURE habit 5", "add the missing resources to the estate"),
  REGION_UNKNOWN("the storage account's or the compute's region is not in the estate (no location): whether the IP rules apply (they do not to same-region traffic) cannot be decided", "§4.0 T1, habit 5", "export the resources with their location"),
  PUBLIC_IP_ADDRESS_UNKNOWN("an egress public IP's address is not known yet (not exported, or a template)", "CONTRACT.md symbolicIps", "export the public IP, or plan rules that reference it"),
  ON_PREMISES_EGRESS("the traffic is forced on-premises; its public address is decided there", "§1.6 N8", "allowlist the on-premises egress or route Azure targets directly"),
  STORAGE_SAME_REGION("storage IP rules have no effect for traffic from the same region: same-region traffic uses private Azure addresses", "§4.0 T1, §6.1", "add a service endpoint and a VNet rule, or a private endpoint"),
  SERVICE_ENDPOINT_NO_VNET_RULE("a service endpoint on the compute subnet carries the traffic, but the subnet is not in the target's VNet rules", "§4.0 N11, §6.2", "add a VNet rule for the subnet"),
  IP_RULE_SHADOWED_BY_SERVICE_ENDPOINT("an IP rule for the compute's public egress exists but cannot match: the service endpoint makes the target see the subnet", "§4.0 N11, §6.2", "add a VNet rule (the IP rule is then unused)"),
  COSMOS_VNET_FILTER_DISABLED("the account has VNet rules but isVirtualNetworkFilterEnabled is false", "§4.4 T8b", "enable the virtual network filter"),
  FIREWALL_NO_RULE_MATCH("the Azure Firewall on the path has no rule allowing this traffic: denied by default", "§4.0 rule processing", "add a network or application rule for the target"),
  FIREWALL_DENY_RULE("a Deny rule collection of the Azure Firewall on the path matches this traffic first", "§4.0 rule processing", "reorder or narrow the deny rule"),
  FIREWALL_POLICY_NOT_IN_ESTATE("the Azure Firewall uses a firewall policy whose rule collection groups are not in the estate", "habit 5", "export the firewall policy's ruleCollectionGroups"),
  MANAGED_NETWORK_NOT_APPROVED("the AML managed network allows only approved outbound and no active rule covers the target", "§2.2 A1", "add a private endpoint outbound rule to the target"),
  MANAGED_NETWORK_NO_STABLE_IP("AML managed-network egress has no customer-visible or stable IP to allowlist", "§2.2 A1", "add a private endpoint outbound rule to the target"),
  APP_SERVICE_DENY_RULE("an App Service access restriction with action Deny matches first", "§4.6 T10", "add an Allow rule with a lower priority number"),
  APP_SERVICE_IMPLICIT_DENY("no App Service access restriction matches and the unmatched action is deny (implicit once any rule exists)", "§4.6 T10 G6", "add an Allow rule for the egress addresses"),
  APP_SERVICE_CONFIG_NOT_EXPORTED("the site's access restrictions are not in the estate (a plain site GET has siteConfig nulls)", "§4.6", "export the sites/config/web resource"),
  SERVICE_TAG_UNRESOLVED("a rule or route uses a service tag and no --service-tags file was given", "§5 ST1", "pass --service-tags ServiceTags_Public_*.json"),
  NETWORK_RULE_SET_NOT_EXPORTED("the namespace's networkRuleSets/default resource is not in the estate", "§4.7", "export namespaces/networkRuleSets/default"),
  PRIVATE_ENDPOINT_DNS_NOT_LINKED("a private endpoint exists but no private DNS zone for it is linked to the compute's VNet, so the name resolves to the public endpoint", "§4.0", "link the privatelink DNS zone to the compute's VNet"),
  SCAN_READ_FAILED("a part of a resource on the path that a live scan reads with its own request (named in the hop: a SQL server's firewall or virtual network rules or connection policy, a site's config/web, a namespace's network rule set, an AML managed network's outbound rules) could not be read, so the answer is not computed as if it were empty", "issue 14 §4, docs/formats.md §7", "grant Reader on the resource and scan again, or export the named part"),
  TARGET_UNKNOWN("the target's network configuration cannot be read (see diagnostics)", "habit 5", "export the target's full resource JSON"),
  PRIVATE_DNS_RECORD_MISSING("a private endpoint exists and its privatelink zone is linked to the compute's VNet, but the zone lacks the record the name resolves through (named in the hop), so the public endpoint answers", "§8.1 https://learn.microsoft.com/azure/private-link/private-endpoint-dns", "add the record (a DNS zone group on the endpoint writes it)"),
  PRIVATE_DNS_RECORDS_UNKNOWN("a private endpoint exists but the estate does not show whether the linked zone holds its record (zone records not exported, or the workspaceId/workspaceUrl that names them missing)", "§8.1 https://learn.microsoft.com/azure/machine-learning/how-to-custom-dns", "export the zone's A records (privateDnsZones/A) and the target's full JSON"),
  PRIVATE_DNS_CUSTOM_SERVERS("a private endpoint exists but the compute's VNet uses custom DNS servers, whose answer for the name the estate cannot show", "§8.1 https://learn.microsoft.com/azure/private-link/private-endpoint-dns#on-premises-workloads-using-a-dns-forwarder", "check the DNS servers resolve the privatelink name (forward to 168.63.129.16)"),
  FIREWALL_NO_SNAT_TO_INTERNET("a network rule of the Azure Firewall admits the traffic, but the firewall's SNAT private ranges cover the destination, so it is not SNATed and cannot leave for a public address", "§8.4 https://learn.microsoft.com/azure/firewall/snat-private-range", "remove the public range (or 0.0.0.0/0) from the private ranges, or allow the target with an application rule"),
  FIREWALL_SNAT_AUTO_LEARN("the firewall policy learns its SNAT private ranges from Azure Route Server (autoLearnPrivateRanges), so whether network-rule traffic is SNATed is not in the estate", "§8.4 https://learn.microsoft.com/azure/firewall/snat-private-range", "export the learned ranges, or allow the target with an application rule"),
  BGP_ROUTES_MAY_OVERRIDE("the compute subnet can learn routes from a VPN/ExpressRoute gateway (its VNet's or a peering's with useRemoteGateways) and its route table does not disable BGP propagation: an advertised default route would override the internet path", "§8.6 https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview#border-gateway-protocol", "set disableBgpRoutePropagation on the subnet's route table, or pass the NIC's effective routes"),
  MESSAGING_RULES_NEED_TIER("the namespace's tier does not enforce IP or VNet rules (Event Hubs Basic; Service Bus below Premium): it is open to every network", "§8.8 https://learn.microsoft.com/azure/service-bus-messaging/service-bus-ip-filtering", "upgrade the tier (Event Hubs Standard, Service Bus Premium) to enforce the rules, or disable public access"),
  PERIMETER_NOT_IN_ESTATE("the target's publicNetworkAccess is SecuredByPerimeter and its network security perimeter association, profile or access rules are not in the estate", "§8.7 https://learn.microsoft.com/azure/private-link/network-security-perimeter-transition", "export networkSecurityPerimeters/resourceAssociations, profiles and profiles/accessRules"),
  PERIMETER_SUBSCRIPTION_RULE("the target is SecuredByPerimeter and its profile's address rules do not admit the compute's egress, but a subscription rule admits managed identities of the compute's subscription: calls authenticated with such an identity get through, keys, SAS and user tokens do not", "§8.7 https://learn.microsoft.com/azure/private-link/network-security-perimeter-concepts#access-rules", "authenticate with the compute's managed identity, or add the compute's stable egress addresses to an inbound addressPrefixes rule"),
  NSG_DENY_RULE("a network security group rule on the compute's NIC or subnet denies the outbound traffic on the target's port (the rule is named in the hop)", "§8.9 https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview", "add an outbound Allow rule with a lower priority number for the target's service tag and port"),
  SQL_REDIRECT_PORTS_BLOCKED("the NSG or Azure Firewall on the path allows SQL's 1433 but not the ports the server's connection policy redirects to (11000-11999 on the public endpoint, 1433-65535 through a private endpoint); DENY when the policy is Redirect (or Default, from inside Azure), AMBIGUOUS when connectionPolicies/default is not in the estate", "§8.10 https://learn.microsoft.com/azure/azure-sql/database/connectivity-architecture#connection-policy", "allow the redirect ports to the Sql service tag (or the endpoint), or set the server's connection policy to Proxy");

  private final String meaning;
  private final String source;
  private final String fix;

  Reason(String meaning, String source, String fix) {
    this.meaning = meaning;
    this.source = source;
    this.fix = fix;
  }

  public String meaning() {
    return meaning;
  }

  public String source() {
    return source;
  }

  public String fix() {
    return fix;
  }
}
