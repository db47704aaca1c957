package io.allowpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.allowpath.azure.ArmEmulator;
import io.allowpath.azure.ArmEmulator.Fault;
import io.allowpath.azure.Scanner;
import io.allowpath.ingest.RawResource;
import io.allowpath.ingest.arm.ArmResourceReader;
import io.allowpath.ingest.load.EstateLoader;
import io.allowpath.model.Diagnostic;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14 §4: a child read that fails (here 403 AuthorizationFailed from the ARM emulator serving the example
 * estate) makes the answers that depend on it UNKNOWN, naming the read (a pair that does not read it, e.g. a
 * managed-network compute denied before the target's rules, keeps its answer); every other answer is that of
 * {@code check --estate examples/estate}. The same holds through {@code scan --save} and {@code check --estate}
 * of the saved file (the failure travels on the resource as {@code allowpathUnread}).
 */
class ScanUnreadPartsTest {
  static final String ESTATE = "../examples/estate";
  static final String TOKEN = "unread-test-token";
  static final String SUB = "/subscriptions/11111111-1111-1111-1111-111111111111/resourcegroups/";

  ArmEmulator em;
  @TempDir Path tmp;

  @BeforeEach
  void start() {
    List<Diagnostic> diags = new ArrayList<>();
    List<RawResource> raw = new EstateLoader().loadRaw(List.of(Path.of(ESTATE)), diags);
    em = new ArmEmulator().acceptToken(TOKEN);
    raw.forEach(r -> em.add(r.json().deepCopy()));
    LiveOptions.environment = () -> Map.of("AZURE_ACCESS_TOKEN", TOKEN);
  }

  @AfterEach
  void stop() {
    em.close();
    LiveOptions.environment = System::getenv;
  }

  /**
   * One failing read: the path fragment the emulator refuses, which pairs depend on it (by compute key and
   * target id), and the reason their UNKNOWN must carry.
   */
  record Case(String name, String fragment, Predicate<JsonNode> affected, String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Predicate<JsonNode> to(String idFragment) {
    return c -> c.path("to").asText().toLowerCase().endsWith(idFragment);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        new Case("SQL firewallRules", SUB + "rg-data/providers/microsoft.sql/servers/sql-features/firewallrules",
            to("/servers/sql-features"), "SCAN_READ_FAILED"),
        new Case("SQL virtualNetworkRules", SUB + "rg-data/providers/microsoft.sql/servers/sql-legacy/virtualnetworkrules",
            to("/servers/sql-legacy"), "SCAN_READ_FAILED"),
        new Case("App Service config/web", SUB + "rg-apps/providers/microsoft.web/sites/app-scoring/config/web",
            to("/sites/app-scoring"), "SCAN_READ_FAILED"),
        new Case("Event Hubs networkRuleSets/default",
            SUB + "rg-data/providers/microsoft.eventhub/namespaces/evhns-telemetry/networkrulesets/default",
            to("/namespaces/evhns-telemetry"), "SCAN_READ_FAILED"),
        new Case("private DNS A records",
            SUB + "rg-network/providers/microsoft.network/privatednszones/privatelink.openai.azure.com/a",
            to("/accounts/oai-ml"), "PRIVATE_DNS_RECORDS_UNKNOWN"),
        new Case("AML outboundRules",
            SUB + "rg-ml-prod/providers/microsoft.machinelearningservices/workspaces/mlw-managed/outboundrules",
            c -> c.path("from").asText().toLowerCase().contains("/workspaces/mlw-managed/"), "SCAN_READ_FAILED"))
        .map(k -> Arguments.argumentSet(k.name(), k));
  }

  static Map<String, JsonNode> byPair(JsonNode checks) {
    Map<String, JsonNode> m = new LinkedHashMap<>();
    checks.forEach(c -> m.put(c.path("from").asText() + " -> " + c.path("to").asText(), c));
    return m;
  }

  CliRun liveCheck() {
    return CliRun.of("check", "--arm-endpoint", em.uri().toString(), "--subscription",
        "11111111-1111-1111-1111-111111111111", "-o", "json", "-q");
  }

  static void assertOnlyAffectedAreUnknown(Case k, JsonNode files, JsonNode scanned) {
    Map<String, JsonNode> f = byPair(files.path("checks"));
    Map<String, JsonNode> s = byPair(scanned.path("checks"));
    assertThat(s.size()).as("the same number of pairs: %s", scanned.toString().substring(0, Math.min(2000,
        scanned.toString().length()))).isEqualTo(f.size());
    assertThat(s.keySet()).as("the same pairs").isEqualTo(f.keySet());
    int changed = 0;
    int unknown = 0;
    for (Map.Entry<String, JsonNode> e : f.entrySet()) {
      JsonNode got = s.get(e.getKey());
      if (got.equals(e.getValue())) {
        continue;
      }
      assertThat(k.affected().test(e.getValue())).as("only pairs that can depend on the read change: %s", e.getKey())
          .isTrue();
      changed++;
      assertThat(got.path("reasons").toString()).as(e.getKey()).contains(k.reason());
      // UNKNOWN, unless something else on the path denies anyway (a firewall with no matching rule, an NSG): then
      // the DENY stands and the unread part is named beside the reason that denies
      if (!got.path("verdict").asText().equals("UNKNOWN")) {
        assertThat(got.path("verdict").asText()).as("%s: %s", e.getKey(), got).isEqualTo("DENY");
        assertThat(got.path("reasons").size()).as("%s: %s", e.getKey(), got.path("reasons")).isGreaterThan(1);
        continue;
      }
      unknown++;
      assertThat(got.path("hops").toString()).as("the hop names the read that failed")
          .contains("HTTP 403 AuthorizationFailed");
    }
    assertThat(changed).as("pairs whose answer depended on the read").isPositive();
    assertThat(unknown).as("pairs that became UNKNOWN").isPositive();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void aRefusedChildRead_makesExactlyItsPairsUnknown(Case k) {
    em.fault(k.fragment(), Fault.status(403, "AuthorizationFailed"));
    CliRun files = CliRun.of("check", "--estate", ESTATE, "-o", "json");
    CliRun live = liveCheck();
    assertThat(live.err()).as("no stack trace").doesNotContain("Exception");
    assertOnlyAffectedAreUnknown(k, files.json(), live.json());
    assertThat(live.json().path("diagnostics").toString()).contains("the scan could not read");
  }

  @Test
  void theFailureTravelsInTheSavedFile() throws IOException {
    Case k = (Case) cases().findFirst().orElseThrow().get()[0];
    em.fault(k.fragment(), Fault.status(403, "AuthorizationFailed"));
    Path saved = tmp.resolve("estate.json");
    CliRun scan = CliRun.of("scan", "--arm-endpoint", em.uri().toString(), "--save", saved.toString(), "-q");
    assertThat(scan.code()).as(scan.err()).isZero();
    assertThat(scan.err()).contains("could not read firewallRules (HTTP 403 AuthorizationFailed");
    JsonNode sql = null;
    for (JsonNode n : CliRun.MAPPER.readTree(saved.toFile())) {
      if (n.path("id").asText().toLowerCase().endsWith("/servers/sql-features")) {
        sql = n;
      }
    }
    assertThat(sql).isNotNull();
    assertThat(sql.path(Scanner.UNREAD_FIELD).get(0).path("read").asText()).isEqualTo("firewallRules");
    CliRun files = CliRun.of("check", "--estate", ESTATE, "-o", "json");
    CliRun fromSave = CliRun.of("check", "--estate", saved.toString(), "-o", "json");
    assertOnlyAffectedAreUnknown(k, files.json(), fromSave.json());
    assertThat(fromSave.json().path("diagnostics").toString()).contains("the scan could not read sql-features/firewallRules");
  }

  /**
   * A workspace whose computes cannot be listed has no computes in the estate, so no pair to mark UNKNOWN: {@code check}
   * says so for the workspace in its diagnostics (and invents no compute); the other workspaces' pairs are unchanged.
   */
  @Test
  void aWorkspaceWhoseComputesCannotBeListed_isNamedInTheDiagnostics() {
    em.fault(SUB + "rg-ml-prod/providers/microsoft.machinelearningservices/workspaces/mlw-prod/computes",
        Fault.status(403, "AuthorizationFailed"));
    JsonNode files = CliRun.of("check", "--estate", ESTATE, "-o", "json").json();
    JsonNode live = liveCheck().json();
    assertThat(live.path("diagnostics").toString())
        .contains("the scan could not list the computes of mlw-prod (HTTP 403 AuthorizationFailed")
        .contains("its computes are missing, so no egress or verdict is given for them");
    Map<String, JsonNode> f = byPair(files.path("checks"));
    Map<String, JsonNode> s = byPair(live.path("checks"));
    f.keySet().removeIf(k -> k.toLowerCase().contains("/workspaces/mlw-prod/"));
    assertThat(s).as("every other pair, unchanged").isEqualTo(f);
  }

  @Test
  void theScannerAndTheReaderAgreeOnTheField() {
    assertThat(Scanner.UNREAD_FIELD).isEqualTo(ArmResourceReader.UNREAD_FIELD);
  }
}
