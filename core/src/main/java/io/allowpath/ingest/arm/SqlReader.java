package io.allowpath.ingest.arm;

import com.fasterxml.jackson.databind.JsonNode;
import io.allowpath.model.ResourceId;
import io.allowpath.model.SqlFirewallRule;
import io.allowpath.model.SqlServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Azure SQL logical servers (AZURE-EGRESS.md §4.3): {@code publicNetworkAccess}, and the
 * {@code firewallRules}, {@code virtualNetworkRules} and {@code connectionPolicies/default} children joined to
 * their server by id. The connection policy's {@code properties.connectionType} ({@code Default}, {@code Redirect},
 * {@code Proxy}: REST example ServerConnectionPoliciesGet.json, 2023-08-01) decides the ports clients need
 * (https://learn.microsoft.com/azure/azure-sql/database/connectivity-architecture#connection-policy).
 */
final class SqlReader {
  private SqlReader() {}

  static void register(ArmResourceReader r) {
    r.on("Microsoft.Sql/servers", SqlReader::sqlServer);
    r.on("Microsoft.Sql/servers/firewallRules", SqlReader::sqlFirewallRule);
    r.on("Microsoft.Sql/servers/virtualNetworkRules", SqlReader::sqlVnetRule);
    r.on("Microsoft.Sql/servers/connectionPolicies", SqlReader::connectionPolicy);
  }

  static void connectionPolicy(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    String type = J.text(j, b, "properties", "connectionType");
    if (type == null || !"default".equalsIgnoreCase(id.name())) {
      return; // the only policy a server has is "default"
    }
    String policy = switch (type.strip().toLowerCase(Locale.ROOT)) {
      case "default" -> "Default";
      case "redirect" -> "Redirect";
      case "proxy" -> "Proxy";
      default -> throw new J.FieldException(b + "/properties/connectionType",
          "expected Default, Redirect or Proxy, found '" + type + "'");
    };
    out.join(id, id.parent(), SqlServer.class, s -> s.withConnectionPolicy(policy));
  }

  static void sqlServer(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    TargetReaders.markIfUnread(id, j, out);
    SqlServer s = new SqlServer(id, ArmResourceReader.loc(j), TargetReaders.publicAccess(J.text(j, b, "properties",
        "publicNetworkAccess")), List.of(), List.of());
    out.put(policyUnread(j) ? s.withConnectionPolicy(SqlServer.POLICY_UNREAD) : s);
  }

  /**
   * Whether a scan recorded that it could not read the server's {@code connectionPolicies/default}
   * ({@code allowpathUnread}, docs/formats.md §7.4): the policy is then unknown, not "not exported".
   */
  private static boolean policyUnread(JsonNode j) {
    for (JsonNode e : j.path(ArmResourceReader.UNREAD_FIELD)) {
      if ("connectionPolicies/default".equalsIgnoreCase(e.path("read").asText("").strip())) {
        return true;
      }
    }
    return false;
  }

  static void sqlFirewallRule(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    String start = J.text(j, b, "properties", "startIpAddress");
    String end = J.text(j, b, "properties", "endIpAddress");
    SqlFirewallRule rule;
    try {
      rule = new SqlFirewallRule(id.name(), start, end);
    } catch (IllegalArgumentException e) {
      throw new J.FieldException(b + "/properties/startIpAddress",
          "expected an IPv4 range (startIpAddress, endIpAddress), found '" + start + "' - '" + end + "'");
    }
    out.join(id, id.parent(), SqlServer.class, s -> {
      Map<String, SqlFirewallRule> m = new LinkedHashMap<>();
      s.firewallRules().forEach(r -> m.put(key(r.name()), r));
      m.put(key(rule.name()), rule);
      return s.with(new ArrayList<>(m.values()), s.vnetRules());
    });
  }

  static void sqlVnetRule(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    ResourceId subnet = J.id(j, b, "properties", "virtualNetworkSubnetId");
    if (subnet == null) {
      return;
    }
    out.join(id, id.parent(), SqlServer.class, s -> {
      LinkedHashSet<ResourceId> v = new LinkedHashSet<>(s.vnetRules());
      v.add(subnet);
      return s.with(s.firewallRules(), new ArrayList<>(v));
    });
  }

  static String key(String name) {
    return name == null ? "" : name.toLowerCase(Locale.ROOT);
  }
}
