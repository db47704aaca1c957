package io.allowpath.emit.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Schemas of the Terraform resources the emitter writes: arguments (required or optional, kind, allowed values,
 * integer range) and nested blocks (with their minimum count), each with the provider source it was derived from:
 * hashicorp/terraform-provider-azurerm 4.x {@code internal/services/<service>/<name>_resource.go} and Azure/azapi 2.x
 * ({@code internal/services/azapi_resource.go}, {@code azapi_update_resource.go}). "read" rows were compared with the
 * stored source at that commit; "doc" rows with the provider's registry documentation of the same resource
 * (generated from the same schema). Terraform meta-arguments (provider, depends_on, count, for_each, lifecycle) are
 * allowed on every resource.
 */
public final class TerraformTable {
  /** An argument: kind is string, int, bool, list (of strings), set (of strings), or dynamic (any value). */
  public record Arg(String kind, boolean required, Set<String> values, long min, long max) {}

  /** A block type's schema, or a resource's. */
  public record Schema(String source, Map<String, Arg> args, Map<String, Schema> blocks, int minItems) {}

  static final Set<String> META = Set.of("provider", "depends_on", "count", "for_each", "lifecycle");
  private static final Map<String, Schema> RESOURCES = new LinkedHashMap<>();

  /** {@code name!:kind=A,B} or {@code name:int[100..65000]}. */
  static Map<String, Arg> args(String... specs) {
    Map<String, Arg> m = new LinkedHashMap<>();
    for (String spec : specs) {
      String s = spec;
      Set<String> values = null;
      long min = Long.MIN_VALUE;
      long max = Long.MAX_VALUE;
      int e = s.indexOf('=');
      if (e >= 0) {
        values = Set.of(s.substring(e + 1).split(","));
        s = s.substring(0, e);
      }
      int r = s.indexOf('[');
      if (r >= 0) {
        String[] mm = s.substring(r + 1, s.length() - 1).split("\\.\\.");
        min = Long.parseLong(mm[0]);
        max = Long.parseLong(mm[1]);
        s = s.substring(0, r);
      }
      String[] nk = s.split(":");
      boolean req = nk[0].endsWith("!");
      m.put(req ? nk[0].substring(0, nk[0].length() - 1) : nk[0], new Arg(nk.length > 1 ? nk[1] : "string", req, values, min, max));
    }
    return m;
  }

  static Schema schema(String source, Map<String, Arg> args, Map<String, Schema> blocks) {
    return new Schema(source, args, blocks, 0);
  }

  static Schema block(int minItems, Map<String, Arg> args, Map<String, Schema> blocks) {
    return new Schema(null, args, blocks, minItems);
  }

  static final String AZ = "hashicorp/terraform-provider-azurerm internal/services/";

  static {
    String rg = "resource_group_name!";
    RESOURCES.put("azurerm_public_ip", schema(AZ + "network/public_ip_resource.go (doc)",
        args("name!", rg, "location!", "allocation_method!=Static,Dynamic", "sku=Basic,Standard", "sku_tier=Regional,Global",
            "zones:set", "idle_timeout_in_minutes:int[4..30]", "ip_version=IPv4,IPv6", "tags:dynamic"), Map.of()));
    RESOURCES.put("data.azurerm_public_ip", schema(AZ + "network/public_ip_data_source.go (doc)",
        args("name!", rg), Map.of()));
    RESOURCES.put("azurerm_nat_gateway", schema(AZ + "network/nat_gateway_resource.go (doc)",
        args("name!", rg, "location!", "sku_name=Standard,StandardV2", "idle_timeout_in_minutes:int[4..120]", "zones:set",
            "tags:dynamic"), Map.of()));
    RESOURCES.put("azurerm_nat_gateway_public_ip_association", schema(
        AZ + "network/nat_gateway_public_ip_association_resource.go (doc)", args("nat_gateway_id!", "public_ip_address_id!"),
        Map.of()));
    RESOURCES.put("azurerm_subnet_nat_gateway_association", schema(
        AZ + "network/subnet_nat_gateway_association_resource.go (doc)", args("subnet_id!", "nat_gateway_id!"), Map.of()));
    RESOURCES.put("azurerm_lb", schema(AZ + "loadbalancer/loadbalancer_resource.go (doc)",
        args("name!", rg, "location!", "sku=Basic,Standard,Gateway", "sku_tier=Regional,Global", "tags:dynamic"),
        Map.of("frontend_ip_configuration", block(0, args("name!", "public_ip_address_id", "subnet_id",
            "private_ip_address", "zones:set"), Map.of()))));
    RESOURCES.put("azurerm_lb_backend_address_pool", schema(AZ + "loadbalancer/backend_address_pool_resource.go (doc)",
        args("name!", "loadbalancer_id!"), Map.of()));
    RESOURCES.put("azurerm_lb_outbound_rule", schema(AZ + "loadbalancer/rule_outbound_resource.go (doc)",
        args("name!", "loadbalancer_id!", "protocol!=All,Tcp,Udp", "backend_address_pool_id!", "tcp_reset_enabled:bool",
            "idle_timeout_in_minutes:int[4..120]", "allocated_outbound_ports:int"),
        Map.of("frontend_ip_configuration", block(0, args("name!"), Map.of()))));
    RESOURCES.put("azurerm_route_table", schema(AZ + "network/route_table_resource.go (doc)",
        args("name!", rg, "location!", "bgp_route_propagation_enabled:bool", "tags:dynamic"),
        Map.of("route", block(0, args("name!", "address_prefix!",
            "next_hop_type!=VirtualNetworkGateway,VnetLocal,Internet,VirtualAppliance,None", "next_hop_in_ip_address"),
            Map.of()))));
    RESOURCES.put("azurerm_network_security_rule", schema(AZ + "network/network_security_rule_resource.go @003ae81d (read)",
        args("name!", rg, "network_security_group_name!", "description", "protocol!=*,Tcp,Udp,Icmp,Ah,Esp",
            "source_port_range", "source_port_ranges:set", "destination_port_range", "destination_port_ranges:set",
            "source_address_prefix", "source_address_prefixes:set", "destination_address_prefix",
            "destination_address_prefixes:set", "source_application_security_group_ids:set",
            "destination_application_security_group_ids:set", "access!=Allow,Deny", "priority!:int[100..4096]",
            "direction!=Inbound,Outbound"),
        Map.of()));
    RESOURCES.put("azurerm_subnet_route_table_association", schema(
        AZ + "network/subnet_route_table_association_resource.go (doc)", args("subnet_id!", "route_table_id!"), Map.of()));
    RESOURCES.put("azurerm_firewall_application_rule_collection", schema(
        AZ + "firewall/firewall_application_rule_collection_resource.go @6fedf2c8 (read)",
        args("name!", "azure_firewall_name!", rg, "priority!:int[100..65000]", "action!=Allow,Deny"),
        Map.of("rule", block(1, args("name!", "description", "source_addresses:list", "source_ip_groups:list",
            "fqdn_tags:list", "target_fqdns:list"),
            Map.of("protocol", block(0, args("type!=Http,Https,Mssql", "port!:int[0..65535]"), Map.of()))))));
    RESOURCES.put("azurerm_firewall_network_rule_collection", schema(
        AZ + "firewall/firewall_network_rule_collection_resource.go (doc)",
        args("name!", "azure_firewall_name!", rg, "priority!:int[100..65000]", "action!=Allow,Deny"),
        Map.of("rule", block(1, args("name!", "description", "source_addresses:list", "source_ip_groups:list",
            "destination_addresses:list", "destination_ip_groups:list", "destination_fqdns:list",
            "destination_ports!:list", "protocols!:list=Any,ICMP,TCP,UDP"), Map.of()))));
    Schema appRule = block(1, args("name!", "description", "source_addresses:list", "source_ip_groups:list",
        "destination_addresses:list", "destination_urls:list", "destination_fqdns:list", "destination_fqdn_tags:list",
        "terminate_tls:bool", "web_categories:list"),
        Map.of("protocols", block(0, args("type!=Http,Https,Mssql", "port!:int[0..64000]"), Map.of())));
    Schema netRule = block(1, args("name!", "description", "protocols!:list=Any,TCP,UDP,ICMP", "source_addresses:list",
        "source_ip_groups:list", "destination_addresses:list", "destination_ip_groups:list", "destination_fqdns:list",
        "destination_ports!:list"), Map.of());
    RESOURCES.put("azurerm_firewall_policy_rule_collection_group", schema(
        AZ + "firewall/firewall_policy_rule_collection_group_resource.go (doc)",
        args("name!", "firewall_policy_id!", "priority!:int[100..65000]"),
        Map.of("application_rule_collection", block(0, args("name!", "action!=Allow,Deny", "priority!:int[100..65000]"),
                Map.of("rule", appRule)),
            "network_rule_collection", block(0, args("name!", "action!=Allow,Deny", "priority!:int[100..65000]"),
                Map.of("rule", netRule)))));
    RESOURCES.put("azurerm_machine_learning_workspace_network_outbound_rule_private_endpoint", schema(
        AZ + "machinelearning/machine_learning_workspace_network_outbound_rule_private_endpoint_resource.go @db19f373 (read)",
        args("name!", "workspace_id!", "service_resource_id!",
            "sub_resource_target!=vault,amlworkspace,blob,table,queue,file,web,dfs,redisCache", "spark_enabled:bool"),
        Map.of()));
    RESOURCES.put("azurerm_mssql_firewall_rule", schema(AZ + "mssql/mssql_firewall_rule_resource.go (doc)",
        args("name!", "server_id!", "start_ip_address!", "end_ip_address!"), Map.of()));
    RESOURCES.put("azurerm_mssql_virtual_network_rule", schema(AZ + "mssql/mssql_virtual_network_rule_resource.go (doc)",
        args("name!", "server_id!", "subnet_id!", "ignore_missing_vnet_service_endpoint:bool"), Map.of()));
    RESOURCES.put("azurerm_storage_account_network_rules", schema(
        AZ + "storage/storage_account_network_rules_resource.go (doc)",
        args("storage_account_id!", "default_action!=Allow,Deny", "bypass:set=AzureServices,Logging,Metrics,None",
            "ip_rules:set", "virtual_network_subnet_ids:set"),
        Map.of("private_link_access", block(0, args("endpoint_resource_id!", "endpoint_tenant_id"), Map.of()))));
    RESOURCES.put("data.azurerm_client_config", schema(AZ + "authorization/client_config_data_source.go (doc)",
        args(), Map.of()));
    String azapi = "Azure/terraform-provider-azapi 2.x internal/services/";
    RESOURCES.put("azapi_update_resource", schema(azapi + "azapi_update_resource.go (doc)",
        args("type!", "resource_id", "parent_id", "name", "body:dynamic", "response_export_values:dynamic",
            "locks:list", "ignore_casing:bool", "ignore_missing_property:bool"), Map.of()));
    RESOURCES.put("azapi_resource", schema(azapi + "azapi_resource.go (doc)",
        args("type!", "name", "parent_id", "location", "body:dynamic", "tags:dynamic", "response_export_values:dynamic",
            "locks:list", "schema_validation_enabled:bool"), Map.of()));
  }

  public static Schema resource(String kind, String type) {
    return RESOURCES.get(kind.equals("data") ? "data." + type : type);
  }

  public static List<String> types() {
    return List.copyOf(RESOURCES.keySet());
  }
}
