package io.allowpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.azure.ArmEmulator;
import io.allowpath.azure.ArmEmulator.Fault;
import io.allowpath.ingest.RawResource;
import io.allowpath.ingest.load.EstateLoader;
import io.allowpath.model.Diagnostic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's last read: {@code scan} GETs each SQL server's {@code connectionPolicies/default} (issue 13 made its
 * {@code connectionType} decide the ports a client needs beyond 1433,
 * https://learn.microsoft.com/azure/azure-sql/database/connectivity-architecture#connection-policy). The example
 * estate served by the ARM emulator, with the secure subnet's NSG opening TCP 1433 to the {@code Sql} tag ahead of
 * its DenyInternetOutbound rule (an NSG shape from the NSG overview: a lower priority number wins), so the pair
 * {@code secure-cluster -> sql-legacy} (admitted by the server's Azure-services rule) depends on the policy alone:
 * Proxy (200) ALLOW; a 404 is the never-set Default, i.e. Redirect from inside Azure: DENY with
 * SQL_REDIRECT_PORTS_BLOCKED; a 403 UNKNOWN with SCAN_READ_FAILED. The saved estate answers the same.
 */
class ScanSqlConnectionPolicyTest {
  static final String ESTATE = "../examples/estate";
  static final String TOKEN = "sql-policy-test-token";
  static final String POLICY = "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-data/providers/"
      + "Microsoft.Sql/servers/sql-legacy/connectionPolicies/default";

  ArmEmulator em;
  @TempDir Path tmp;
  /** The diagnostics of {@code check --estate} of the saved file, from the last {@link #pair}. */
  String saveDiagnostics;

  /** The emulator with the example estate, the NSG rule, and sql-legacy's policy as given (null: none, a 404). */
  void start(String legacyPolicy) {
    List<RawResource> raw = new EstateLoader().loadRaw(List.of(Path.of(ESTATE)), new ArrayList<Diagnostic>());
    em = new ArmEmulator().acceptToken(TOKEN);
    for (RawResource r : raw) {
      ObjectNode n = (ObjectNode) r.json().deepCopy();
      String id = n.path("id").asText();
      if (id.equalsIgnoreCase(POLICY)) {
        if (legacyPolicy == null) {
          continue;
        }
        ((ObjectNode) n.path("properties")).put("connectionType", legacyPolicy);
      }
      if (id.endsWith("/networkSecurityGroups/nsg-ml-secure")) {
        ObjectNode rule = ((ArrayNode) n.path("properties").path("securityRules")).addObject();
        rule.put("name", "AllowSqlOutbound");
        ObjectNode p = rule.putObject("properties");
        p.put("protocol", "Tcp");
        p.put("sourcePortRange", "*");
        p.put("destinationPortRange", "1433");
        p.put("sourceAddressPrefix", "VirtualNetwork");
        p.put("destinationAddressPrefix", "Sql");
        p.put("access", "Allow");
        p.put("priority", 200);
        p.put("direction", "Outbound");
      }
      em.add(n);
    }
    LiveOptions.environment = () -> Map.of("AZURE_ACCESS_TOKEN", TOKEN);
  }

  @AfterEach
  void stop() {
    if (em != null) {
      em.close();
    }
    LiveOptions.environment = System::getenv;
  }

  /** The pair's check, live, and from the estate {@code scan --save} wrote (which must be the same). */
  JsonNode pair() throws java.io.IOException {
    CliRun live = CliRun.of("check", "--arm-endpoint", em.uri().toString(), "--subscription",
        "11111111-1111-1111-1111-111111111111", "--from", "secure-cluster", "--to", "sql-legacy", "-o", "json", "-q");
    assertThat(live.err()).doesNotContain("Exception");
    Path saved = tmp.resolve("estate.json");
    CliRun scan = CliRun.of("scan", "--arm-endpoint", em.uri().toString(), "--save", saved.toString(), "-q");
    assertThat(scan.code()).as(scan.err()).isZero();
    CliRun fromSave = CliRun.of("check", "--estate", saved.toString(), "--from", "secure-cluster", "--to", "sql-legacy",
        "-o", "json");
    JsonNode l = live.json().path("checks");
    assertThat(l).hasSize(1);
    assertThat(fromSave.json().path("checks")).as("--save round trip").isEqualTo(l);
    saveDiagnostics = fromSave.json().path("diagnostics").toString();
    return live.json();
  }

  @Test
  void proxyPolicy_needs1433Only_allow() throws Exception {
    start("Proxy");
    JsonNode c = pair().path("checks").get(0);
    assertThat(c.path("verdict").asText()).as(c.toString()).isEqualTo("ALLOW");
    // the same estate exported without the policy cannot tell: AMBIGUOUS
    Path noPolicy = tmp.resolve("no-policy.json");
    CliRun.of("scan", "--arm-endpoint", em.uri().toString(), "--save", noPolicy.toString(), "-q");
    JsonNode all = CliRun.MAPPER.readTree(noPolicy.toFile());
    ArrayNode kept = CliRun.MAPPER.createArrayNode();
    all.forEach(n -> {
      if (!n.path("id").asText().equalsIgnoreCase(POLICY)) {
        kept.add(n);
      }
    });
    CliRun.MAPPER.writeValue(noPolicy.toFile(), kept);
    JsonNode without = CliRun.of("check", "--estate", noPolicy.toString(), "--from", "secure-cluster", "--to",
        "sql-legacy", "-o", "json").json().path("checks").get(0);
    assertThat(without.path("verdict").asText()).isEqualTo("AMBIGUOUS");
    assertThat(without.path("reasons").toString()).contains("SQL_REDIRECT_PORTS_BLOCKED");
  }

  @Test
  void policyAnswering404_isDefault_redirectPortsBlocked_deny() throws Exception {
    start(null);
    JsonNode r = pair();
    JsonNode c = r.path("checks").get(0);
    assertThat(c.path("verdict").asText()).as(c.toString()).isEqualTo("DENY");
    assertThat(c.path("reasons").toString()).contains("SQL_REDIRECT_PORTS_BLOCKED");
    assertThat(c.path("hops").toString()).contains("connection policy Default");
    assertThat(r.path("diagnostics").toString()).doesNotContain("connectionPolicies");
    assertThat(saveDiagnostics).doesNotContain("connectionPolicies");
  }

  @Test
  void policyRefused_isUnknownNamingTheRead() throws Exception {
    start("Proxy");
    em.fault("/servers/sql-legacy/connectionpolicies/default", Fault.status(403, "AuthorizationFailed"),
        Fault.status(403, "AuthorizationFailed"));
    JsonNode r = pair();
    JsonNode c = r.path("checks").get(0);
    assertThat(c.path("verdict").asText()).as(c.toString()).isEqualTo("UNKNOWN");
    assertThat(c.path("reasons").toString()).contains("SCAN_READ_FAILED").doesNotContain("SQL_REDIRECT_PORTS_BLOCKED");
    assertThat(c.path("hops").toString()).contains("could not read the SQL server's connectionPolicies/default");
    assertThat(r.path("diagnostics").toString())
        .contains("the scan could not read sql-legacy/connectionPolicies/default (HTTP 403 AuthorizationFailed");
    assertThat(saveDiagnostics).contains("the scan could not read sql-legacy/connectionPolicies/default (HTTP 403");
  }
}
