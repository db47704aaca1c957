package io.allowpath.analysis.access;

import static io.allowpath.analysis.access.AccessCases.CLUSTER;
import static io.allowpath.analysis.access.AccessCases.SPOKE;
import static io.allowpath.analysis.access.AccessCases.show;
import static io.allowpath.testing.EstateJson.fwId;
import static io.allowpath.testing.EstateJson.rtId;
import static io.allowpath.testing.EstateJson.subnetId;
import static io.allowpath.testing.EstateJson.vnetId;
import static io.allowpath.testing.TargetJson.aRecord;
import static io.allowpath.testing.TargetJson.add;
import static io.allowpath.testing.TargetJson.arr;
import static io.allowpath.testing.TargetJson.classicCollection;
import static io.allowpath.testing.TargetJson.dnsLink;
import static io.allowpath.testing.TargetJson.dnsZone;
import static io.allowpath.testing.TargetJson.filterCollection;
import static io.allowpath.testing.TargetJson.obj;
import static io.allowpath.testing.TargetJson.privateEndpoint;
import static io.allowpath.testing.TargetJson.policyId;
import static io.allowpath.testing.TargetJson.put;
import static io.allowpath.testing.TargetJson.ruleCollectionGroup;
import static io.allowpath.testing.TargetJson.sqlConnectionPolicy;
import static io.allowpath.testing.TargetJson.sqlFirewallRule;
import static io.allowpath.testing.TargetJson.sqlId;
import static io.allowpath.testing.TargetJson.sqlServer;
import static io.allowpath.testing.TargetJson.usePolicy;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.analysis.egress.EgressResolver;
import io.allowpath.analysis.egress.HopKind;
import io.allowpath.model.Estate;
import io.allowpath.model.ResourceId;
import io.allowpath.model.SqlServer;
import io.allowpath.testing.EstateJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ports an Azure SQL client needs by the server's connection policy
 * (https://learn.microsoft.com/azure/azure-sql/database/connectivity-architecture#connection-policy): Proxy 1433;
 * Redirect 1433 and 11000–11999 to the region's SQL addresses; Default = Redirect from inside Azure; through a
 * private endpoint Redirect needs 1433–65535 and must be chosen explicitly
 * (https://learn.microsoft.com/azure/azure-sql/database/private-endpoint-overview#use-redirect-connection-policy-with-private-endpoints).
 * The policy is the {@code connectionPolicies/default} child in its REST shape; NSG rules in the ARM
 * {@code securityRules} shape; every answer is also checked against the matrix by {@link AccessCases#evaluate}.
 */
class SqlConnectionPolicyTest {
  @TempDir Path dir;

  static final String SQL = sqlId("sql1");
  static final String NSG = EstateJson.net("networkSecurityGroups", "nsg1");

  static ObjectNode rule(String name, int priority, String access, String dest, String ports) {
    return obj("name", name, "properties", obj("protocol", "Tcp", "sourcePortRange", "*", "destinationPortRange", ports,
        "sourceAddressPrefix", "*", "destinationAddressPrefix", dest, "access", access, "priority", priority,
        "direction", "Outbound"));
  }

  /** snet with NSG nsg1 holding {@code rules}, and SQL server sql1 (eastus) admitting the NAT address. */
  static EstateJson estate(String policy, ObjectNode... rules) {
    EstateJson e = AccessCases.nat();
    ObjectNode nsg = e.resource(NSG, "Microsoft.Network/networkSecurityGroups", "eastus");
    for (ObjectNode r : rules) {
      add(nsg, "properties.securityRules", r);
    }
    put(e.vnet(SPOKE).subnet("snet").node, "properties.networkSecurityGroup", obj("id", NSG));
    sqlServer(e, "sql1", "eastus");
    sqlFirewallRule(e, "sql1", "nat", AccessCases.NAT_IP, AccessCases.NAT_IP);
    if (policy != null) {
      sqlConnectionPolicy(e, "sql1", policy);
    }
    return e;
  }

  /** Allows Sql on 1433, then denies the internet: the usual "SQL only" outbound NSG. */
  static ObjectNode[] only1433() {
    return new ObjectNode[] {rule("AllowSql1433", 100, "Allow", "Sql", "1433"),
        rule("DenyInternet", 4000, "Deny", "Internet", "*")};
  }

  Verdict verdict(EstateJson e) {
    return AccessCases.evaluate(dir, e, CLUSTER, SQL, null);
  }

  @Test
  void theReaderJoinsTheConnectionPolicyToItsServer() {
    Estate estate = estate("Redirect").load(dir);
    assertThat(estate.get(ResourceId.of(SQL), SqlServer.class).connectionPolicy()).isEqualTo("Redirect");
    Estate none = estate(null).load(dir.resolve("none"));
    assertThat(none.get(ResourceId.of(SQL), SqlServer.class).connectionPolicy()).isNull();
  }

  @Test
  void anUnknownConnectionTypeIsADiagnosticAtItsPointer() {
    EstateJson e = estate(null);
    sqlConnectionPolicy(e, "sql1", "Sometimes");
    Estate estate = e.load(dir);
    assertThat(estate.diagnostics()).anyMatch(d -> d.toString().contains("/properties/connectionType")
        && d.toString().contains("Default, Redirect or Proxy"));
    assertThat(estate.get(ResourceId.of(SQL), SqlServer.class).connectionPolicy()).isNull();
  }

  @Test
  void redirectWithOnly1433OpenIsDeniedNamingThePorts() {
    Verdict v = verdict(estate("Redirect", only1433()));
    assertThat(v.outcome()).as(show(v)).isEqualTo(Outcome.DENY);
    assertThat(v.reasons()).as(show(v)).contains(Reason.SQL_REDIRECT_PORTS_BLOCKED).doesNotContain(Reason.NSG_DENY_RULE);
    assertThat(v.hops()).as(show(v)).anyMatch(h -> h.kind() == HopKind.NSG && h.detail().contains("DenyInternet")
        && h.detail().contains("11000-11999") && h.detail().contains("Redirect"));
  }

  @Test
  void defaultIsRedirectForAComputeInsideAzure() {
    Verdict v = verdict(estate("Default", only1433()));
    assertThat(v.outcome()).as(show(v)).isEqualTo(Outcome.DENY);
    assertThat(v.reasons()).as(show(v)).contains(Reason.SQL_REDIRECT_PORTS_BLOCKED);
  }

  @Test
  void proxyNeeds1433Only() {
    Verdict v = verdict(estate("Proxy", only1433()));
    assertThat(v.outcome()).as(show(v)).isEqualTo(Outcome.ALLOW);
    assertThat(v.reasons()).as(show(v)).containsExactly(Reason.ADMITTED_BY_IP_RULE);
  }

  @Test
  void aPolicyNotInTheEstateIsAmbiguousWhenOnlyTheRedirectPortsAreBlocked() {
    Verdict v = verdict(estate(null, only1433()));
    assertThat(v.outcome()).as(show(v)).isEqualTo(Outcome.AMBIGUOUS);
    assertThat(v.reasons()).as(show(v)).containsExactlyInAnyOrder(Reason.ADMITTED_BY_IP_RULE,
        Reason.SQL_REDIRECT_PORTS_BLOCKED);
    assertThat(v.hops()).as(show(v)).anyMatch(h -> h.kind() == HopKind.NSG && h.detail().contains("not in the estate"));
  }

  @Test
  void redirectWithTheRangeOpenIsAllowedAndTheHopNamesEveryPort() {
    Verdict v = verdict(estate("Redirect", rule("AllowSql1433", 100, "Allow", "Sql", "1433"),
        rule("AllowSqlRedirect", 110, "Allow", "Sql.EastUS", "11000-11999"), rule("DenyInternet", 4000, "Deny", "Internet", "*")));
    assertThat(v.outcome()).as(show(v)).isEqualTo(Outcome.ALLOW);
    assertThat(v.hops()).as(show(v)).anyMatch(h -> h.kind() == HopKind.NSG && h.detail().contains("1433, 11000-11999"));
  }

  @Test
  void blocking1433ItselfStaysAnNsgDeny() {
    Verdict v = verdict(estate("Redirect", rule("DenySql", 100, "Deny", "Sql", "1433")));
    assertThat(v.outcome()).as(show(v)).isEqualTo(Outcome.DENY);
    assertThat(v.reasons()).as(show(v)).contains(Reason.NSG_DENY_RULE).doesNotContain(Reason.SQL_REDIRECT_PORTS_BLOCKED);
  }

  /** sql1 behind a private endpoint in snet-pe, zone privatelink.database.windows.net linked with its record. */
  static EstateJson privateSql(String policy, ObjectNode... rules) {
    EstateJson e = estate(policy, rules);
    e.vnet(SPOKE).subnet("snet-pe").addressPrefix("10.1.2.0/24");
    put(e.resource(SQL, "Microsoft.Sql/servers", "eastus"), "properties.publicNetworkAccess", "Disabled");
    privateEndpoint(e, "pe-sql", subnetId(SPOKE, "snet-pe"), SQL, "sqlServer", "Approved");
    dnsZone(e, "privatelink.database.windows.net");
    dnsLink(e, "privatelink.database.windows.net", "link-spoke", vnetId(SPOKE));
    aRecord(e, "privatelink.database.windows.net", "sql1", "10.1.2.4");
    return e;
  }

  static ObjectNode[] vnetOnly1433() {
    return new ObjectNode[] {rule("AllowSqlPe", 100, "Allow", "VirtualNetwork", "1433"),
        rule("DenyVnet", 200, "Deny", "VirtualNetwork", "*")};
  }

  @Test
  void throughAPrivateEndpointRedirectNeedsTheHighPorts() {
    Verdict v = verdict(privateSql("Redirect", vnetOnly1433()));
    assertThat(v.via()).as(show(v)).isEqualTo(Via.PRIVATE_ENDPOINT);
    assertThat(v.outcome()).as(show(v)).isEqualTo(Outcome.DENY);
    assertThat(v.reasons()).as(show(v)).containsExactly(Reason.SQL_REDIRECT_PORTS_BLOCKED);
    assertThat(v.hops()).as(show(v)).anyMatch(h -> h.kind() == HopKind.NSG && h.detail().contains("1433-65535"));
  }

  @Test
  void throughAPrivateEndpointDefaultProxies() {
    Verdict v = verdict(privateSql("Default", vnetOnly1433()));
    assertThat(v.outcome()).as(show(v)).isEqualTo(Outcome.ALLOW);
    assertThat(v.reasons()).as(show(v)).containsExactly(Reason.VIA_PRIVATE_ENDPOINT);
  }

  /** The NAT fixture's snet routed to Azure Firewall fw (public IP 20.20.0.1) with {@code rules} as network rules. */
  static EstateJson viaFirewall(String policy, ObjectNode... rules) {
    EstateJson e = AccessCases.nat();
    e.vnet(SPOKE).subnet("AzureFirewallSubnet").addressPrefix("10.1.0.0/26");
    e.firewall("fw", "10.1.0.4", subnetId(SPOKE, "AzureFirewallSubnet"), e.publicIp("pip-fw", "20.20.0.1"));
    e.routeTable("rt").route("default", "0.0.0.0/0", "VirtualAppliance", "10.1.0.4");
    e.vnet(SPOKE).subnet("snet").routeTable(rtId("rt"));
    classicCollection(e, fwId("fw"), "networkRuleCollections", "sql", 100, "Allow", rules);
    sqlServer(e, "sql1", "eastus");
    sqlFirewallRule(e, "sql1", "fw", "20.20.0.1", "20.20.0.1");
    if (policy != null) {
      sqlConnectionPolicy(e, "sql1", policy);
    }
    return e;
  }

  static ObjectNode networkRule(String name, String tag, String... ports) {
    return obj("name", name, "protocols", arr("TCP"), "sourceAddresses", arr("10.1.1.0/24"),
        "destinationAddresses", arr(tag), "destinationPorts", arr((Object[]) ports));
  }

  @Test
  void theFirewallEvaluatesTheSamePorts() {
    Verdict redirect = verdict(viaFirewall("Redirect", networkRule("sql", "Sql.EastUS", "1433")));
    assertThat(redirect.outcome()).as(show(redirect)).isEqualTo(Outcome.DENY);
    assertThat(redirect.reasons()).as(show(redirect)).contains(Reason.SQL_REDIRECT_PORTS_BLOCKED);
    assertThat(redirect.hops()).as(show(redirect)).anyMatch(h -> h.kind() == HopKind.FIREWALL_RULE
        && h.detail().contains("11000"));

    Verdict unknownPolicy = verdict(viaFirewall(null, networkRule("sql", "Sql.EastUS", "1433")));
    assertThat(unknownPolicy.outcome()).as(show(unknownPolicy)).isEqualTo(Outcome.AMBIGUOUS);
    assertThat(unknownPolicy.reasons()).as(show(unknownPolicy)).contains(Reason.SQL_REDIRECT_PORTS_BLOCKED);

    Verdict proxy = verdict(viaFirewall("Proxy", networkRule("sql", "Sql.EastUS", "1433")));
    assertThat(proxy.outcome()).as(show(proxy)).isEqualTo(Outcome.ALLOW);

    Verdict open = verdict(viaFirewall("Redirect", networkRule("sql", "Sql.EastUS", "1433", "11000-11999")));
    assertThat(open.outcome()).as(show(open)).isEqualTo(Outcome.ALLOW);
  }

  /** viaFirewall's estate with the firewall on policy fwp holding one Mssql:1433 application rule for sql1's name. */
  static EstateJson viaPolicyAppRule(String policy, Boolean allowSqlRedirect) {
    EstateJson e = viaFirewall(policy);
    usePolicy(e, fwId("fw"), "fwp");
    if (allowSqlRedirect != null) {
      put(e.resource(policyId("fwp"), "Microsoft.Network/firewallPolicies", "eastus"), "properties.sql",
          obj("allowSqlRedirect", allowSqlRedirect));
    }
    ObjectNode rule = obj("ruleType", "ApplicationRule", "name", "sql-app", "protocols",
        arr(obj("protocolType", "Mssql", "port", 1433)), "sourceAddresses", arr("10.1.1.0/24"),
        "targetFqdns", arr("sql1.database.windows.net"));
    ruleCollectionGroup(e, "fwp", "rcg", 100, filterCollection("apps", 100, "Allow", rule));
    return e;
  }

  @Test
  void anMssqlApplicationRuleCoversTheRedirectOnlyWithThePolicysAllowSqlRedirect() {
    Verdict plain = verdict(viaPolicyAppRule("Redirect", null));
    assertThat(plain.outcome()).as(show(plain)).isEqualTo(Outcome.DENY);
    assertThat(plain.reasons()).as(show(plain)).contains(Reason.SQL_REDIRECT_PORTS_BLOCKED);
    Verdict filtered = verdict(viaPolicyAppRule("Redirect", true));
    assertThat(filtered.outcome()).as(show(filtered)).isEqualTo(Outcome.ALLOW);
    assertThat(filtered.reasons()).as(show(filtered)).containsExactly(Reason.ADMITTED_BY_IP_RULE);
  }

  @Test
  void theMatrixSeparatesServersOfOneRegionByTheirPolicy() {
    EstateJson e = estate("Redirect", only1433());
    sqlServer(e, "sql2", "eastus");
    sqlFirewallRule(e, "sql2", "nat", AccessCases.NAT_IP, AccessCases.NAT_IP);
    sqlConnectionPolicy(e, "sql2", "Proxy");
    Estate estate = e.load(dir);
    EgressResolver r = new EgressResolver(estate, null);
    AccessEvaluator a = new AccessEvaluator(r, null);
    List<String> matrix = new ArrayList<>();
    Matrix.visit(a, r.computes(), a.targets(), (cs, t, o, rs) -> {
      if (t instanceof SqlServer) {
        matrix.add(t.id().name() + " " + o);
      }
    });
    assertThat(matrix).containsExactlyInAnyOrder("sql1 DENY", "sql2 ALLOW");
  }
}
