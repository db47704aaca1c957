package io.allowpath.emit.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * azure-cli's argument definitions for every command the az CLI emitter writes, one row per command with the
 * source it was read from. Option syntax in a row: {@code --name|-n} aliases; {@code !} required; {@code +} takes
 * one or more values (else exactly one); {@code =A,B} allowed values; {@code ~REGEX} the format of each value;
 * {@code kv(a,b)} each value is {@code key=value} with these keys. Values that are shell variables ({@code $NAME})
 * match any format. Global arguments (azure-cli core: --subscription, --query, --output/-o, --only-show-errors,
 * --debug, --verbose) are allowed everywhere.
 *
 * <p>Sources (paths in Azure/azure-cli unless marked ext: Azure/azure-cli-extensions); "read" rows were compared
 * with the stored file at that commit through the source index; "ref" rows with the command's reference page
 * https://learn.microsoft.com/cli/azure/&lt;group&gt; (azure-cli 2.6x), whose option lists are generated from the
 * same _params.py / aaz files.
 */
public final class AzCliTable {
  /** One option of a row. */
  public record Option(List<String> names, boolean required, boolean many, Set<String> values, Pattern format,
      List<String> keys) {}

  /** One command. */
  public record Row(String command, String source, Map<String, Option> options) {}

  static final Set<String> GLOBAL = Set.of("--subscription", "--query", "--output", "-o", "--only-show-errors", "--debug",
      "--verbose");
  static final Set<String> OUTPUT = Set.of("json", "jsonc", "none", "table", "tsv", "yaml", "yamlc");

  static final String IP = "[0-9]{1,3}(\\.[0-9]{1,3}){3}(/[0-9]{1,2})?";
  static final String ID = "/subscriptions/[^/]+/resourceGroups/[^/]+/providers/.+";
  static final String INT = "[0-9]+";
  static final String BOOL = "true,false";
  static final String RG = "--resource-group|-g!";

  private static final Map<String, Row> ROWS = new LinkedHashMap<>();

  private static void row(String command, String source, String... options) {
    Map<String, Option> m = new HashMap<>();
    for (String spec : options) {
      Option o = parse(spec);
      o.names().forEach(n -> m.put(n, o));
    }
    ROWS.put(command, new Row(command, source, m));
  }

  private static Option parse(String spec) {
    String s = spec;
    Pattern format = null;
    Set<String> values = null;
    List<String> keys = null;
    int k = s.indexOf("kv(");
    if (k >= 0) {
      keys = List.of(s.substring(k + 3, s.length() - 1).split(","));
      s = s.substring(0, k);
    }
    int t = s.indexOf('~');
    if (t >= 0) {
      format = Pattern.compile(s.substring(t + 1));
      s = s.substring(0, t);
    }
    int e = s.indexOf('=');
    if (e >= 0) {
      values = Set.of(s.substring(e + 1).split(","));
      s = s.substring(0, e);
    }
    boolean many = s.endsWith("+");
    s = many ? s.substring(0, s.length() - 1) : s;
    boolean required = s.endsWith("!");
    s = required ? s.substring(0, s.length() - 1) : s;
    if (s.endsWith("+")) {
      many = true;
      s = s.substring(0, s.length() - 1);
    }
    return new Option(List.of(s.split("\\|")), required, many, values, format, keys);
  }

  static {
    // core: resource module
    row("resource show", "src/azure-cli/azure/cli/command_modules/resource/_params.py (ref)", "--ids+~" + ID);
    // network: aaz-generated commands, customised in network/custom.py
    String pipShow = "src/azure-cli/azure/cli/command_modules/network/aaz/latest/network/public_ip/_show.py @8607809b (ref)";
    row("network public-ip show", pipShow, "--name|-n!", RG);
    row("network public-ip create",
        "src/azure-cli/azure/cli/command_modules/network/aaz/latest/network/public_ip/_create.py @0363f195 (read)",
        "--name|-n!", RG, "--location|-l", "--sku=Basic,Standard,StandardV2", "--allocation-method=Dynamic,Static",
        "--version=IPv4,IPv6", "--tier=Global,Regional", "--zone|-z+", "--idle-timeout~" + INT, "--dns-name");
    row("network nat gateway show", "src/azure-cli/azure/cli/command_modules/network/aaz/latest/network/nat/gateway/_show.py (ref)",
        "--name|-n!", RG);
    row("network nat gateway create",
        "src/azure-cli/azure/cli/command_modules/network/aaz/latest/network/nat/gateway/_create.py (ref)",
        "--name|-n!", RG, "--location|-l", "--public-ip-addresses+", "--public-ip-prefixes+", "--idle-timeout~" + INT,
        "--zone|-z+");
    row("network vnet subnet update",
        "src/azure-cli/azure/cli/command_modules/network/aaz/latest/network/vnet/subnet/_update.py + network/custom.py (ref)",
        "--vnet-name!", "--name|-n!", RG, "--nat-gateway", "--route-table", "--service-endpoints+",
        "--network-security-group|--nsg");
    row("network lb show", "src/azure-cli/azure/cli/command_modules/network/aaz/latest/network/lb/_show.py (ref)",
        "--name|-n!", RG);
    row("network lb create", "src/azure-cli/azure/cli/command_modules/network/_params.py (network lb create) (ref)",
        "--name|-n!", RG, "--location|-l", "--sku=Basic,Gateway,Standard", "--frontend-ip-name", "--public-ip-address",
        "--backend-pool-name");
    row("network lb outbound-rule show",
        "src/azure-cli/azure/cli/command_modules/network/aaz/latest/network/lb/outbound_rule/_show.py @de8aecc3 (ref)",
        "--lb-name!", "--name|-n!", RG);
    row("network lb outbound-rule create",
        "src/azure-cli/azure/cli/command_modules/network/aaz/latest/network/lb/outbound_rule/_create.py @274332cb (read); "
            + "--frontend-ip-configs from the override in network/custom.py (read)",
        "--lb-name!", "--name|-n!", RG, "--frontend-ip-configs+", "--address-pool|--backend-address-pool",
        "--protocol=All,Tcp,Udp", "--idle-timeout|--idle-timeout-in-minutes~" + INT, "--enable-tcp-reset=" + BOOL,
        "--outbound-ports|--allocated-outbound-ports~" + INT);
    row("network route-table show", "src/azure-cli/azure/cli/command_modules/network/aaz/latest/network/route_table/_show.py (ref)",
        "--name|-n!", RG);
    row("network route-table create",
        "src/azure-cli/azure/cli/command_modules/network/aaz/latest/network/route_table/_create.py (ref)",
        "--name|-n!", RG, "--location|-l", "--disable-bgp-route-propagation=" + BOOL);
    row("network route-table route show",
        "src/azure-cli/azure/cli/command_modules/network/aaz/latest/network/route_table/route/_show.py (ref)",
        "--route-table-name!", "--name|-n!", RG);
    row("network route-table route create",
        "src/azure-cli/azure/cli/command_modules/network/aaz/latest/network/route_table/route/_create.py (ref)",
        "--route-table-name!", "--name|-n!", RG, "--address-prefix!~[0-9./]+",
        "--next-hop-type!=Internet,None,VirtualAppliance,VirtualNetworkGateway,VnetLocal", "--next-hop-ip-address~" + IP);
    String nsgRule = "src/azure-cli/azure/cli/command_modules/network/aaz/latest/network/nsg/rule/";
    row("network nsg rule show", nsgRule + "_show.py (ref)", "--nsg-name!", "--name|-n!", RG);
    row("network nsg rule create", nsgRule + "_create.py @2e85395f (read; the plural options take one or more values)",
        "--nsg-name!", "--name|-n!", RG, "--priority~[0-9]{3,4}", "--direction=Inbound,Outbound", "--access=Allow,Deny",
        "--protocol=*,Ah,Esp,Icmp,Tcp,Udp", "--source-address-prefixes+", "--source-port-ranges+",
        "--destination-address-prefixes+", "--destination-port-ranges+~(\\*|[0-9]{1,5}(-[0-9]{1,5})?)", "--source-asgs+",
        "--destination-asgs+", "--description");
    // ext azure-firewall
    String fw = "ext src/azure-firewall/azext_firewall/_params.py @c96735c7 + commands.py + custom.py _upsert_af_rule (read)";
    row("network firewall application-rule collection show", fw, "--firewall-name|-f!", "--collection-name|-c!", RG);
    row("network firewall network-rule collection show", fw, "--firewall-name|-f!", "--collection-name|-c!", RG);
    row("network firewall application-rule show", fw, "--firewall-name|-f!", "--collection-name|-c!", "--name|-n!", RG);
    row("network firewall network-rule show", fw, "--firewall-name|-f!", "--collection-name|-c!", "--name|-n!", RG);
    row("network firewall application-rule create", fw, "--firewall-name|-f!", "--collection-name|-c!", "--name|-n!", RG,
        "--priority~[1-9][0-9]{2,4}", "--action=Allow,Deny", "--source-addresses+", "--source-ip-groups+",
        "--protocols+~(Http|Https|Mssql)=[0-9]{1,5}", "--target-fqdns+", "--fqdn-tags+", "--description");
    row("network firewall network-rule create", fw, "--firewall-name|-f!", "--collection-name|-c!", "--name|-n!", RG,
        "--priority~[1-9][0-9]{2,4}", "--action=Allow,Deny", "--source-addresses+", "--source-ip-groups+",
        "--destination-addresses+", "--destination-ip-groups+", "--destination-fqdns+", "--destination-ports+~[0-9*-]+",
        "--protocols+=Any,ICMP,TCP,UDP", "--description");
    row("network firewall policy rule-collection-group show", fw, "--policy-name!", "--name|-n!", RG);
    row("network firewall policy rule-collection-group create", fw, "--policy-name!", "--name|-n!", RG,
        "--priority!~[1-9][0-9]{2,4}");
    row("network firewall policy rule-collection-group collection list", fw, "--policy-name!",
        "--rule-collection-group-name!", RG);
    String[] common = {"--rule-type=ApplicationRule,NetworkRule,NatRule", "--description", "--destination-addresses+",
        "--source-addresses+", "--destination-ports+~[0-9*-]+", "--ip-protocols+=TCP,UDP,Any,ICMP", "--source-ip-groups+",
        "--destination-ip-groups+", "--target-fqdns+", "--fqdn-tags+", "--protocols+~(Http|Https|Mssql)=[0-9]{1,5}"};
    List<String> add = new ArrayList<>(List.of("--policy-name!", "--rule-collection-group-name!", "--name|-n!", RG,
        "--collection-priority!~[1-9][0-9]{2,4}", "--action=Allow,Deny", "--rule-name"));
    add.addAll(List.of(common));
    row("network firewall policy rule-collection-group collection add-filter-collection", fw, add.toArray(String[]::new));
    List<String> rule = new ArrayList<>(List.of("--policy-name!", "--rule-collection-group-name!", "--collection-name!",
        "--name|-n!", RG));
    rule.addAll(List.of(common));
    row("network firewall policy rule-collection-group collection rule add", fw, rule.toArray(String[]::new));
    // data-plane adjacent services
    row("storage account network-rule add", "src/azure-cli/azure/cli/command_modules/storage/_params.py + "
            + "operations/account.py add_network_rule (read: dedupes subnets)",
        "--account-name|-n!", RG, "--ip-address~" + IP, "--subnet", "--vnet-name", "--action=Allow",
        "--resource-id", "--tenant-id");
    row("keyvault network-rule add", "src/azure-cli/azure/cli/command_modules/keyvault/_params.py + custom.py "
            + "add_network_rule (read)",
        "--name|-n!", RG, "--ip-address~" + IP, "--subnet", "--vnet-name", "--no-wait");
    row("sql server firewall-rule create", "src/azure-cli/azure/cli/command_modules/sql/_params.py (ref)",
        "--server|-s!", "--name|-n!", RG, "--start-ip-address!~" + IP, "--end-ip-address!~" + IP);
    row("sql server vnet-rule create", "src/azure-cli/azure/cli/command_modules/sql/_params.py (ref)",
        "--server|-s!", "--name|-n!", RG, "--subnet!", "--vnet-name", "--ignore-missing-endpoint|-i=" + BOOL);
    row("acr network-rule add", "src/azure-cli/azure/cli/command_modules/acr/_params.py (ref)",
        "--name|-n!", RG, "--ip-address~" + IP, "--subnet", "--vnet-name");
    row("webapp config access-restriction add", "src/azure-cli/azure/cli/command_modules/appservice/_params.py (ref)",
        "--name|-n!", RG, "--rule-name|-r", "--action=Allow,Deny", "--ip-address~" + IP, "--priority|-p~" + INT,
        "--vnet-name", "--subnet", "--vnet-resource-group", "--description", "--service-tag", "--http-header+",
        "--ignore-missing-endpoint|-i=" + BOOL, "--scm-site=" + BOOL, "--slot|-s");
    String eh = "src/azure-cli/azure/cli/command_modules/eventhubs/_params.py @21914f9f (read: AlertAddIpRule, "
        + "AlertAddVirtualNetwork)";
    String sb = "src/azure-cli/azure/cli/command_modules/servicebus/_params.py (ref; same actions as eventhubs)";
    for (String[] ns : new String[][] {{"eventhubs", eh}, {"servicebus", sb}}) {
      row(ns[0] + " namespace network-rule-set ip-rule add", ns[1], "--namespace-name|--name|-n!", RG,
          "--ip-rule!+kv(ip-address,action)");
      row(ns[0] + " namespace network-rule-set virtual-network-rule add", ns[1], "--namespace-name|--name|-n!", RG,
          "--subnet!+kv(id,ignore-missing-endpoint)");
    }
    row("cognitiveservices account network-rule add",
        "src/azure-cli/azure/cli/command_modules/cognitiveservices/_params.py (ref)",
        "--name|-n!", RG, "--ip-address~" + IP, "--subnet", "--vnet-name");
    row("cosmosdb update", "src/azure-cli/azure/cli/command_modules/cosmosdb/_params.py (ref)",
        "--name|-n!", RG, "--ip-range-filter~(" + IP + "|\\$[A-Z0-9_]+)(,(" + IP + "|\\$[A-Z0-9_]+))*",
        "--enable-virtual-network=" + BOOL);
    row("cosmosdb network-rule add", "src/azure-cli/azure/cli/command_modules/cosmosdb/_params.py (ref)",
        "--name|-n!", RG, "--subnet!", "--vnet-name", "--ignore-missing-endpoint|--ignore-missing-vnet-service-endpoint=" + BOOL);
    row("search service update", "src/azure-cli/azure/cli/command_modules/search (aaz) (ref)",
        "--name|-n!", RG, "--ip-rules~(" + IP + "|\\$[A-Z0-9_]+)([,;](" + IP + "|\\$[A-Z0-9_]+))*");
    String ml = "ext src/machinelearningservices/azext_mlv2/manual/_params/";
    row("ml workspace update", ml + "_workspace_params.py (ref)",
        "--name|-n!", RG, "--network-acls~(" + IP + "|\\$[A-Z0-9_]+)(,(" + IP + "|\\$[A-Z0-9_]+))*");
    row("ml workspace outbound-rule set", ml + "_workspace_outbound_rule_params.py + custom/ml_workspace_outbound_rule "
            + "ml_workspace_outbound_rule_set (read)",
        "--workspace-name|-w!", RG, "--rule!", "--type!=fqdn,private_endpoint,service_tag", "--service-resource-id~" + ID,
        "--subresource-target", "--spark-enabled=" + BOOL, "--destination", "--service-tag", "--protocol",
        "--port-ranges", "--address-prefixes");
  }

  public static Row row(String command) {
    return ROWS.get(command);
  }

  public static Map<String, Row> rows() {
    return ROWS;
  }
}
