package io.allowpath.analysis.audit;

import java.util.List;

/**
 * The catalogue of audit rules. Ids ({@code AP###}) are stable: a rule is never renumbered or reused.
 * Each rule names what it detects, why it matters, its AZURE-EGRESS.md source (section and source id)
 * and the usual fix; docs/audit-rules.md has one section per rule, kept in step by a test.
 */
public enum AuditRule {
  EGRESS_UNSTABLE("AP001", "UnstableEgress", Level.WARNING,
      "Compute egress relies on default outbound access or node public IPs",
      "The compute leaves through default outbound access or through its nodes' own or service-managed public IPs. "
          + "Those addresses change without notice (clusters lose theirs on every scale to zero), cannot be "
          + "allowlisted, and default outbound access is being retired: new virtual networks get private subnets "
          + "after 31 March 2026, where such computes have no egress at all.",
      "§1.3 N6, §2.3 A2, §6.5",
      "Attach a NAT gateway with a static Standard public IP to the compute subnet (or route to a firewall), then "
          + "allowlist exactly its addresses.",
      List.of("egress", "reliability")),
  NO_EGRESS("AP002", "NoEgress", Level.ERROR,
      "Compute has no way out",
      "The compute subnet has no outbound method: a private subnet (defaultOutboundAccess false) without NAT "
          + "gateway, public IP or load balancer, a route to None, or a gateway route without a gateway. Nothing "
          + "public (package feeds, control planes, targets without private endpoints) can be reached.",
      "§1.3 N6, §1.4 N8",
      "Attach a NAT gateway to the compute subnet, or route 0.0.0.0/0 to an Azure Firewall.",
      List.of("egress", "connectivity")),
  SOME_EGRESS_IPS_NOT_ADMITTED("AP003", "SomeEgressIpsNotAdmitted", Level.ERROR,
      "Target admits some but not all egress addresses of a compute",
      "NAT gateways and Azure Firewalls pick one of their public addresses at random for each connection. When a "
          + "target admits only some of them, requests fail intermittently (SOME_EGRESS_IPS_NOT_ADMITTED).",
      "§1.2 N4, §1.5 N9, §6.4",
      "Add IP rules for every public IP and prefix of the NAT gateway or firewall.",
      List.of("target-firewall", "connectivity")),
  STORAGE_IP_RULE_SAME_REGION("AP004", "StorageIpRuleSameRegion", Level.WARNING,
      "Storage IP rule cannot work for a same-region compute",
      "The storage account has an IP rule for a compute's egress address, but the compute is in the same region: "
          + "same-region traffic reaches Storage from private Azure addresses, so IP rules never match it.",
      "§4.0 T1, §4.1 T1, §6.1",
      "Add a Microsoft.Storage service endpoint on the compute subnet and a VNet rule, or a private endpoint; the IP "
          + "rule can then go.",
      List.of("target-firewall", "storage")),
  IP_RULE_SHADOWED_BY_SERVICE_ENDPOINT("AP005", "IpRuleShadowedByServiceEndpoint", Level.WARNING,
      "IP rule shadowed by a service endpoint on the compute subnet",
      "The target has an IP rule for the compute's public egress, but the compute subnet has a service endpoint for "
          + "the target's service: the target sees the subnet's private source and identity, so the IP rule cannot "
          + "match and the traffic is denied unless a VNet rule admits the subnet.",
      "§4.0 N11, §6.2",
      "Add a VNet rule for the compute subnet (the IP rule is then unused).",
      List.of("target-firewall", "service-endpoint")),
  TARGET_OPEN_TO_ALL_NETWORKS("AP006", "TargetOpenToAllNetworks", Level.WARNING,
      "Target's public endpoint admits every network",
      "The target's public endpoint is enabled and its firewall admits every network (default action Allow, or no "
          + "rule where no rule means open).",
      "§4.1 T2, §4.4 T8, §4.7 T11, §4.9 T14",
      "Set the default action to Deny and allow the computes' egress (IP or VNet rules), or disable public access "
          + "and use private endpoints.",
      List.of("target-firewall", "security")),
  OVERLY_BROAD_RULE("AP007", "OverlyBroadRule", Level.WARNING,
      "Rule admits all of the internet or all of Azure",
      "An allow rule of 0.0.0.0/0 (or App Service 'Any'), the SQL 0.0.0.0 rule (AllowAllWindowsAzureIps), the "
          + "Cosmos DB 0.0.0.0 entry or an App Service AzureCloud service tag: the last three admit every Azure "
          + "customer's traffic, not just yours.",
      "§4.3 T7, §4.4 T8, §5 ST1, §6.8",
      "Replace the rule with rules for the computes' own egress addresses or subnets.",
      List.of("target-firewall", "security")),
  MESSAGING_DENY_WITHOUT_RULES("AP008", "MessagingDenyWithoutRules", Level.WARNING,
      "Event Hubs / Service Bus namespace set to Deny with no rules is still public",
      "With defaultAction Deny and no IP or VNet rule, an Event Hubs or Service Bus namespace stays open to the "
          + "internet: rules are enforced only once at least one exists.",
      "§4.7 T11 T12, §6.7",
      "Add IP or VNet rules for the computes, or set publicNetworkAccess Disabled and use private endpoints.",
      List.of("target-firewall", "security")),
  ACR_RULES_NEED_PREMIUM("AP009", "AcrRulesNeedPremium", Level.WARNING,
      "Container registry network rules on a non-Premium SKU",
      "The registry has network rules (default action Deny or IP rules) but is not Premium: IP rules are a Premium "
          + "feature, so the registry is open to every network.",
      "§4.5 T9",
      "Upgrade the registry to Premium, or disable public access and use a private endpoint.",
      List.of("target-firewall", "security")),
  RULE_LIMIT_NEAR("AP010", "RuleLimitNear", Level.WARNING,
      "IP rule list at 90% or more of the service limit",
      "The target's IP rule count is at least 90% of the service's limit (Storage 400, Key Vault 1000, SQL 256, "
          + "ACR 100, App Service 512, Event Hubs/Service Bus 128, AI services 100, AML workspace 200); the next "
          + "egress change may not fit.",
      "§4.1 T2, §4.2 T5, §4.3 T7, §4.5 T9, §4.6 T10, §4.7 T11b T12b, §4.8 T13, §2.1 A3",
      "Consolidate addresses into prefixes (a public IP prefix on the NAT gateway), or move to VNet rules or "
          + "private endpoints.",
      List.of("target-firewall", "limits")),
  STALE_IP_RULE("AP011", "StaleIpRule", Level.NOTE,
      "IP rule admits no known egress address of any compute",
      "Every compute's egress to the target is known, and none of them leaves with an address this IP rule "
          + "admits. The rule may serve other clients (people, build agents); otherwise it is a candidate for "
          + "removal.",
      "§1.6, §4",
      "Check who else uses the rule; remove it if nobody does.",
      List.of("target-firewall", "hygiene")),
  FIREWALL_MISSING_REQUIRED_TAGS("AP012", "FirewallMissingRequiredServiceTags", Level.ERROR,
      "Firewall on the compute's route allows none of the workspace's required service tags",
      "The compute subnet routes internet-bound traffic to an Azure Firewall whose network rules do not allow the "
          + "outbound service tags the workspace needs: AzureMachineLearning, BatchNodeManagement.<region> and "
          + "Storage.<region> for Azure ML computes; AzureDatabricks, Sql, Storage and EventHub for Databricks "
          + "clusters. Compute creation, job submission or cluster start fail.",
      "§2.3 A2, §3.2 D4, §4.0 rule processing",
      "Add a network rule collection allowing the missing service tags from the compute subnets (TCP 443; Sql on "
          + "its port).",
      List.of("egress", "firewall", "connectivity")),
  WORKSPACE_PUBLIC_ALL_NETWORKS("AP013", "WorkspacePublicFromAllNetworks", Level.WARNING,
      "Azure ML or Databricks workspace reachable from all networks",
      "The Azure ML workspace has public network access Enabled without selected IPs (networkAcls defaultAction "
          + "Allow, no ipAllowlist), or the Databricks workspace has publicNetworkAccess Enabled (IP access lists "
          + "live in the Databricks account and are not visible in ARM).",
      "§2.1 A3 A5, §3.1 D1",
      "Restrict the AML workspace to selected IPs or disable public access with a private endpoint; for Databricks, "
          + "use Private Link or configure IP access lists in the account.",
      List.of("workspace", "security")),
  NSG_BLOCKS_REQUIRED_OUTBOUND("AP014", "NsgBlocksRequiredOutbound", Level.ERROR,
      "Network security group blocks outbound traffic the workspace's computes require",
      "The network security group of the compute subnet denies outbound TCP to a service tag Azure ML or Databricks "
          + "computes must reach: for Azure ML AzureActiveDirectory, AzureMachineLearning, BatchNodeManagement.<region>, "
          + "AzureResourceManager, Storage.<region>, AzureFrontDoor.FrontEnd, AzureFrontDoor.FirstParty, "
          + "MicrosoftContainerRegistry and AzureMonitor on 443; for Databricks AzureDatabricks 443, Sql 3306, Storage "
          + "443 and EventHub 9093. Compute creation, job submission or cluster start fail whatever the targets say. "
          + "Rules are evaluated as for verdicts (NIC then subnet, priority order, default rules); a rule that names "
          + "another tag needs --service-tags, else the tag is not reported.",
      "§8.9 https://learn.microsoft.com/azure/machine-learning/how-to-access-azureml-behind-firewall , "
          + "https://learn.microsoft.com/azure/databricks/security/network/classic/vnet-inject",
      "Add an outbound Allow rule with a lower priority number than the blocking rule for the missing service tags "
          + "and ports.",
      List.of("egress", "nsg", "connectivity")),
  LB_SNAT_PORT_EXHAUSTION("AP015", "LoadBalancerSnatPortExhaustionRisk", Level.WARNING,
      "Load balancer outbound SNAT prone to port exhaustion",
      "A load balancer gives a backend pool outbound SNAT with the default port allocation (a load-balancing rule "
          + "without disableOutboundSnat and no outbound rule for the pool, or an outbound rule with "
          + "allocatedOutboundPorts 0): each instance gets the table's ports per frontend IP (1,024 up to 50 "
          + "instances, 512 up to 100, 256 up to 200, 128 up to 400, 64 up to 800, 32 up to 1,000), at most 1,024, "
          + "which Microsoft does not recommend for production; or an outbound rule allocates more ports per "
          + "instance than its frontend IPs hold (allocatedOutboundPorts x instances above 64,000 x frontend IPs). "
          + "Connections beyond the ports fail until flows close.",
      "§8.5 https://learn.microsoft.com/azure/load-balancer/load-balancer-outbound-connections#preallocatedports , "
          + "https://learn.microsoft.com/azure/load-balancer/outbound-rules",
      "Attach a NAT gateway to the subnet (it takes over outbound), or give the pool an outbound rule with "
          + "allocatedOutboundPorts sized for the pool and enough frontend IPs (64,000 ports each).",
      List.of("egress", "load-balancer", "reliability"));

  private final String id;
  private final String ruleName;
  private final Level level;
  private final String shortDescription;
  private final String fullDescription;
  private final String source;
  private final String fix;
  private final List<String> tags;

  AuditRule(String id, String ruleName, Level level, String shortDescription, String fullDescription, String source,
      String fix, List<String> tags) {
    this.id = id;
    this.ruleName = ruleName;
    this.level = level;
    this.shortDescription = shortDescription;
    this.fullDescription = fullDescription;
    this.source = source;
    this.fix = fix;
    this.tags = List.copyOf(tags);
  }

  public String id() {
    return id;
  }

  /** The PascalCase name SARIF shows next to the id. */
  public String ruleName() {
    return ruleName;
  }

  public Level level() {
    return level;
  }

  public String shortDescription() {
    return shortDescription;
  }

  /** What the rule detects and why it matters. */
  public String fullDescription() {
    return fullDescription;
  }

  /** AZURE-EGRESS.md section and source ids. */
  public String source() {
    return source;
  }

  public String fix() {
    return fix;
  }

  public List<String> tags() {
    return tags;
  }

  public static AuditRule byId(String id) {
    for (AuditRule r : values()) {
      if (r.id.equals(id)) {
        return r;
      }
    }
    throw new IllegalArgumentException("no audit rule " + id);
  }
}
