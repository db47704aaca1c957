package io.allowpath.azure;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a scan reads, and why (docs/formats.md "Reading the estate from Azure" lists the same, kept true
 * by a test):
 * <ul>
 *   <li>{@link #GRAPH_TYPES}: the resource types allowpath models that Resource Graph's {@code resources}
 *       table holds with their ARM {@code properties}, read by one query restricted to them
 *       (https://learn.microsoft.com/azure/governance/resource-graph/reference/supported-tables-resources);</li>
 *   <li>{@link #CHILD_READS}: the child resources that table does not hold, read by ARM GET per parent,
 *       with the api-versions the readers were written for (docs/formats.md §3.2).</li>
 * </ul>
 * Types allowpath does not model are not fetched at all. A child read whose parent type is itself a child
 * (a perimeter profile's access rules) runs on what the reads before it returned.
 */
public final class Inventory {
  private Inventory() {}

  private static final String NSP_API = "2024-07-01";

  /** Resource Graph's REST api-version (Resources - Resources). */
  public static final String GRAPH_API = "2022-10-01";
  /** Subscriptions - List. */
  public static final String SUBSCRIPTIONS_API = "2022-12-01";
  /** Resource Graph: at most 1,000 rows per page ({@code $top}). */
  public static final int PAGE_SIZE = 1000;
  /** Resource Graph: at most 1,000 subscriptions and 10 management groups per query (docs/formats.md §6). */
  public static final int SUBSCRIPTIONS_PER_QUERY = 1000;
  public static final int MANAGEMENT_GROUPS_PER_QUERY = 10;

  /** Types read from Resource Graph's {@code resources} table, lower case as the table spells them. */
  public static final List<String> GRAPH_TYPES = List.of(
      "microsoft.network/virtualnetworks",
      "microsoft.network/natgateways",
      "microsoft.network/publicipaddresses",
      "microsoft.network/publicipprefixes",
      "microsoft.network/loadbalancers",
      "microsoft.network/routetables",
      "microsoft.network/azurefirewalls",
      "microsoft.network/firewallpolicies",
      "microsoft.network/networkinterfaces",
      "microsoft.network/networksecuritygroups",
      "microsoft.network/virtualnetworkgateways",
      "microsoft.network/privateendpoints",
      "microsoft.network/privatednszones",
      "microsoft.network/privatednszones/virtualnetworklinks",
      "microsoft.network/networksecurityperimeters",
      "microsoft.machinelearningservices/workspaces",
      "microsoft.databricks/workspaces",
      "microsoft.storage/storageaccounts",
      "microsoft.keyvault/vaults",
      "microsoft.sql/servers",
      "microsoft.documentdb/databaseaccounts",
      "microsoft.containerregistry/registries",
      "microsoft.web/sites",
      "microsoft.eventhub/namespaces",
      "microsoft.servicebus/namespaces",
      "microsoft.cognitiveservices/accounts",
      "microsoft.search/searchservices");

  /**
   * One ARM GET per parent of {@code parentType}: {@code {parent id}/{suffix}?api-version=...}. A list
   * answers {@code {"value": [...], "nextLink"?}}; otherwise the answer is one resource.
   *
   * @param why what the model needs from it
   * @param ifMissing what becomes of the answers when the read fails (403, 404, ...)
   */
  public record ChildRead(String parentType, String suffix, String apiVersion, boolean list, String why,
      String ifMissing, String absentType, String absentProperties) {
    /** A read whose 404 is a failure (a list) or an absence the readers report themselves (a singleton). */
    public ChildRead(String parentType, String suffix, String apiVersion, boolean list, String why, String ifMissing) {
      this(parentType, suffix, apiVersion, list, why, ifMissing, null, null);
    }

    /**
     * Whether a 404 of this singleton means "never set", i.e. Azure's documented default: the scan then keeps
     * the child with {@code absentProperties} (type {@code absentType}), silently.
     */
    public boolean absentIsDefault() {
      return absentProperties != null;
    }
  }

  public static final List<ChildRead> CHILD_READS = List.of(
      new ChildRead("microsoft.machinelearningservices/workspaces", "computes", "2024-10-01", true,
          "AML computes (Compute - List): subnet, node public IP, type; not in Resource Graph",
          "its computes are missing, so no egress or verdict is given for them"),
      new ChildRead("microsoft.machinelearningservices/workspaces", "outboundRules", "2024-10-01", true,
          "managed network outbound rules (Managed Network Settings Rule - List), when the workspace has a managed "
              + "network; not in Resource Graph",
          "answers from computes in its managed network are UNKNOWN (SCAN_READ_FAILED)"),
      new ChildRead("microsoft.sql/servers", "firewallRules", "2021-11-01", true,
          "SQL server firewall rules (Firewall Rules - List By Server); not in Resource Graph",
          "its firewall rules are unknown: verdicts for it are UNKNOWN (SCAN_READ_FAILED)"),
      new ChildRead("microsoft.sql/servers", "virtualNetworkRules", "2021-11-01", true,
          "SQL server virtual network rules (Virtual Network Rules - List By Server); not in Resource Graph",
          "its virtual network rules are unknown: verdicts for it are UNKNOWN (SCAN_READ_FAILED)"),
      // the server's connection policy (issue 13, AZURE-EGRESS.md §8.10): Server Connection Policies - Get, 2023-08-01
      // (azure-rest-api-specs specification/sql/resource-manager/Microsoft.Sql/stable/2023-08-01/examples/
      // ServerConnectionPoliciesGet.json, the version SqlReader was written for). Every server has it: "Default"
      // unless changed (https://learn.microsoft.com/azure/azure-sql/database/connectivity-architecture#connection-policy),
      // so a 404 is read as Default; a 403/5xx is a failed read (SQL paths that open 1433 only become UNKNOWN)
      new ChildRead("microsoft.sql/servers", "connectionPolicies/default", "2023-08-01", false,
          "SQL server connection policy (Server Connection Policies - Get): Default, Redirect or Proxy, which decides "
              + "whether clients need 11000-11999 (or 1433-65535 through a private endpoint) beyond 1433; not in Resource Graph",
          "its connection policy is unknown: SQL paths whose NSG or firewall opens 1433 but not the redirect ports are "
              + "UNKNOWN (SCAN_READ_FAILED)",
          "Microsoft.Sql/servers/connectionPolicies", "{\"connectionType\": \"Default\"}"),
      new ChildRead("microsoft.web/sites", "config/web", "2024-11-01", false,
          "App Service access restrictions (Web Apps - Get Configuration): a site row carries "
              + "ipSecurityRestrictions null",
          "its access restrictions are unknown: verdicts for it are UNKNOWN (SCAN_READ_FAILED; APP_SERVICE_CONFIG_NOT_EXPORTED "
              + "when it answers 404, as when an export lacks it)"),
      new ChildRead("microsoft.eventhub/namespaces", "networkRuleSets/default", "2024-01-01", false,
          "Event Hubs network rule set (Namespaces - Get Network Rule Set); not in Resource Graph",
          "its network rules are unknown: verdicts for it are UNKNOWN (SCAN_READ_FAILED; NETWORK_RULE_SET_NOT_EXPORTED "
              + "when it answers 404)"),
      new ChildRead("microsoft.servicebus/namespaces", "networkRuleSets/default", "2021-11-01", false,
          "Service Bus network rule set (Namespaces - Get Network Rule Set); not in Resource Graph",
          "its network rules are unknown: verdicts for it are UNKNOWN (SCAN_READ_FAILED; NETWORK_RULE_SET_NOT_EXPORTED "
              + "when it answers 404)"),
      new ChildRead("microsoft.network/privateendpoints", "privateDnsZoneGroups", "2024-05-01", true,
          "private endpoint DNS zone groups (Private Dns Zone Groups - List): the record names Azure writes for the "
              + "endpoint; not in Resource Graph",
          "the endpoint's records are named from its customDnsConfigs or the service's naming rule"),
      new ChildRead("microsoft.network/privatednszones", "A", "2018-09-01", true,
          "private DNS A records (Record Sets - List By Type); in the dnsresources table, not in resources",
          "its A records are unknown: a private endpoint resolved only through it is UNKNOWN (PRIVATE_DNS_RECORDS_UNKNOWN) "
              + "unless a DNS zone group writes the record"),
      new ChildRead("microsoft.network/firewallpolicies", "ruleCollectionGroups", "2023-09-01", true,
          "firewall policy rules (Firewall Policy Rule Collection Groups - List); in the networkresources table, "
              + "not in resources",
          "the policy's rules are unknown: paths through firewalls using it that no other rule decides are UNKNOWN "
              + "(FIREWALL_POLICY_NOT_IN_ESTATE)"),
      // network security perimeters (§8.7), Microsoft.Network 2024-07-01 (the first stable NSP API:
      // azure-rest-api-specs specification/network/resource-manager/Microsoft.Network/stable/2024-07-01/
      // networkSecurityPerimeter.json): profiles and associations are children of the perimeter, access rules
      // grandchildren, read from each profile the first read returns
      new ChildRead("microsoft.network/networksecurityperimeters", "profiles", NSP_API, true,
          "network security perimeter profiles (NSP Profiles - List); not in Resource Graph's resources table",
          "its profiles are unknown: a SecuredByPerimeter target associated with it is UNKNOWN (PERIMETER_NOT_IN_ESTATE)"),
      new ChildRead("microsoft.network/networksecurityperimeters/profiles", "accessRules", NSP_API, true,
          "the profile's access rules (NSP Access Rules - List), one read per profile; not in Resource Graph",
          "its access rules are unknown: a SecuredByPerimeter target in the profile is UNKNOWN (SCAN_READ_FAILED)"),
      new ChildRead("microsoft.network/networksecurityperimeters", "resourceAssociations", NSP_API, true,
          "which resources the perimeter secures, in which profile and access mode (NSP Associations - List); not "
              + "in Resource Graph",
          "its associations are unknown: a SecuredByPerimeter target is UNKNOWN (PERIMETER_NOT_IN_ESTATE)"));

  /**
   * The one Resource Graph query: whole rows of the modelled types, optionally narrowed to resource
   * groups, ordered by id so that {@code $skipToken} paging is stable. No {@code limit}/{@code take}, which
   * would stop paging (https://learn.microsoft.com/azure/governance/resource-graph/concepts/paging-results).
   */
  public static String query(List<String> resourceGroups) {
    StringBuilder q = new StringBuilder("resources\n| where type in~ (");
    q.append(GRAPH_TYPES.stream().map(t -> "'" + t + "'").collect(Collectors.joining(", "))).append(")\n");
    if (!resourceGroups.isEmpty()) {
      q.append("| where resourceGroup in~ (")
          .append(resourceGroups.stream().map(g -> "'" + g.toLowerCase(Locale.ROOT) + "'").collect(Collectors.joining(", ")))
          .append(")\n");
    }
    q.append("| project id, name, type, location, kind, sku, identity, zones, managedBy, properties\n| order by id asc");
    return q.toString();
  }
}
