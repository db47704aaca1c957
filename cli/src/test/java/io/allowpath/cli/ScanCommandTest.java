package io.allowpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.allowpath.azure.ArmEmulator;
import io.allowpath.ingest.EstateLoader;
import io.allowpath.ingest.RawResource;
import io.allowpath.model.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code allowpath scan} and the analysis commands' live mode against the ARM emulator serving the
 * example estate (built from {@code examples/estate}, so it needs nothing outside the repository).
 */
class ScanCommandTest {
  static final String ESTATE = "../examples/estate";
  static final String TOKEN = "cli-test-token";
  static final String SUB = "11111111-1111-1111-1111-111111111111";

  ArmEmulator em;
  @TempDir Path tmp;

  @BeforeEach
  void start() {
    List<Diagnostic> diags = new ArrayList<>();
    List<RawResource> raw = new EstateLoader().loadRaw(List.of(Path.of(ESTATE)), diags);
    em = new ArmEmulator().acceptToken(TOKEN).graphPageSize(7).listPageSize(3);
    raw.forEach(r -> em.add(r.json().deepCopy()));
    LiveOptions.environment = () -> Map.of("AZURE_ACCESS_TOKEN", TOKEN);
  }

  @AfterEach
  void stop() {
    em.close();
    LiveOptions.environment = System::getenv;
  }

  String endpoint() {
    return em.uri().toString();
  }

  static List<String> subscriptions() {
    TreeSet<String> s = new TreeSet<>();
    new EstateLoader().loadRaw(List.of(Path.of(ESTATE)), new ArrayList<>())
        .forEach(r -> s.add(r.json().path("id").asText().split("/")[2].toLowerCase(Locale.ROOT)));
    return new ArrayList<>(s);
  }

  @Test
  void scanSaveThenCheck_givesExactlyTheVerdictsOfTheExportedFiles() throws IOException {
    Path saved = tmp.resolve("estate.json");
    CliRun scan = CliRun.of("scan", "--arm-endpoint", endpoint(), "--save", saved.toString());
    assertThat(scan.code()).as(scan.err()).isZero();
    assertThat(scan.out()).isEmpty();
    assertThat(scan.err()).containsPattern("scanned \\d+ subscription\\(s\\) visible to the credential: \\d+ resource\\(s\\)")
        .contains("Resource Graph page(s)").doesNotContain(TOKEN);

    JsonNode savedJson = CliRun.MAPPER.readTree(saved.toFile());
    TreeSet<String> scannedIds = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    savedJson.forEach(n -> scannedIds.add(n.path("id").asText()));
    TreeSet<String> exportedIds = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    new EstateLoader().loadRaw(List.of(Path.of(ESTATE)), new ArrayList<>())
        .forEach(r -> exportedIds.add(r.json().path("id").asText()));
    assertThat(scannedIds).as("every resource of the example estate, and nothing else").isEqualTo(exportedIds);

    CliRun fromFiles = CliRun.of("check", "--estate", ESTATE, "-o", "json");
    CliRun fromScan = CliRun.of("check", "--estate", saved.toString(), "-o", "json");
    assertThat(fromScan.code()).isEqualTo(fromFiles.code());
    assertThat(fromFiles.json().path("checks").size()).isGreaterThan(20);
    assertThat(fromScan.json().path("checks")).isEqualTo(fromFiles.json().path("checks"));
  }

  @Test
  void checkWithSubscription_scansInProcessAndGivesTheSameVerdicts() {
    List<String> args = new ArrayList<>(List.of("check", "--arm-endpoint", endpoint(), "-o", "json", "--quiet"));
    subscriptions().forEach(s -> args.addAll(List.of("--subscription", s)));
    CliRun live = CliRun.of(args.toArray(String[]::new));
    CliRun fromFiles = CliRun.of("check", "--estate", ESTATE, "-o", "json");
    assertThat(live.code()).as(live.err()).isEqualTo(fromFiles.code());
    assertThat(live.json().path("checks")).isEqualTo(fromFiles.json().path("checks"));
    assertThat(live.err()).as("--quiet").doesNotContain("scanned");
    // reads the example lacks (a site without config/web, a namespace without networkRuleSets) are warnings
    assertThat(live.json().path("diagnostics").toString()).contains("could not read config/web (HTTP 404 ResourceNotFound");
  }

  @Test
  void egressAndAuditAlsoReadLive() {
    List<String> sub = new ArrayList<>();
    subscriptions().forEach(s -> sub.addAll(List.of("--subscription", s)));
    List<String> a = new ArrayList<>(List.of("egress", "--arm-endpoint", endpoint(), "-q", "--output", "json"));
    a.addAll(sub);
    CliRun live = CliRun.of(a.toArray(String[]::new));
    CliRun files = CliRun.of("egress", "--estate", ESTATE, "--output", "json");
    assertThat(live.code()).as(live.err()).isEqualTo(files.code());
    assertThat(live.json().path("egress")).isEqualTo(files.json().path("egress"));
  }

  @Test
  void withoutEstateOrScope_asksForOne() {
    CliRun r = CliRun.of("check");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("allowpath: no estate: give --estate PATH (exported ARM JSON), or --subscription "
        + "ID or --management-group ID to read it from Azure (see allowpath scan) (see 'allowpath check --help')");
  }

  @Test
  void templateContextStillWorksWithEstate_andTakesOneSubscription() {
    CliRun r = CliRun.of("egress", "--estate", "../examples/templates/databricks-nat-gateway", "--subscription", SUB,
        "--resource-group", "rg-x", "--output", "json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("/subscriptions/" + SUB + "/resourceGroups/rg-x/");
    CliRun two = CliRun.of("egress", "--estate", ESTATE, "--subscription", SUB, "--subscription", SUB);
    assertThat(two.code()).isEqualTo(2);
    assertThat(two.err()).contains("with --estate, --subscription and --resource-group are the template's deployment context");
  }

  @Test
  void forbiddenSubscription_isAWarningAndTheScanGoesOn() throws IOException {
    em.forbid("99999999-9999-9999-9999-999999999999");
    Path saved = tmp.resolve("e.json");
    CliRun r = CliRun.of("scan", "--arm-endpoint", endpoint(), "--save", saved.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("warning: /subscriptions/99999999-9999-9999-9999-999999999999: subscription "
        + "99999999-9999-9999-9999-999999999999 was not scanned: HTTP 403 AuthorizationFailed");
    assertThat(CliRun.MAPPER.readTree(saved.toFile()).size()).isGreaterThan(30);
  }

  @Test
  void refusedToken_exits2WithOneLineAndWritesNothing() throws IOException {
    LiveOptions.environment = () -> Map.of("AZURE_ACCESS_TOKEN", "not-accepted");
    Path saved = tmp.resolve("e.json");
    Files.writeString(saved, "[]");
    CliRun r = CliRun.of("scan", "--arm-endpoint", endpoint(), "--save", saved.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip().lines()).singleElement().asString()
        .startsWith("allowpath: Azure Resource Manager refused the token in AZURE_ACCESS_TOKEN").doesNotContain("not-accepted");
    assertThat(Files.readString(saved)).isEqualTo("[]");
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("e.json");
    }
  }

  @Test
  void saveReplacesTheFileWhole_andStdoutWithoutSave() throws IOException {
    Path saved = tmp.resolve("e.json");
    Files.writeString(saved, "old");
    assertThat(CliRun.of("scan", "--arm-endpoint", endpoint(), "--save", saved.toString(), "-q").code()).isZero();
    assertThat(CliRun.MAPPER.readTree(saved.toFile()).isArray()).isTrue();
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("e.json");
    }
    CliRun out = CliRun.of("scan", "--arm-endpoint", endpoint(), "--resource-group", "rg-databricks", "-q");
    assertThat(out.code()).isZero();
    assertThat(out.err()).isEmpty();
    JsonNode arr = out.json();
    assertThat(arr.size()).isPositive();
    arr.forEach(n -> assertThat(n.path("id").asText().toLowerCase(Locale.ROOT)).contains("/resourcegroups/rg-databricks/"));
  }

  @Test
  void badLiveOptions_areUsageErrors() {
    assertThat(CliRun.of("scan", "--cloud", "Mars").err()).contains("--cloud must be AzureCloud, AzureUSGovernment or AzureChinaCloud");
    CliRun r = CliRun.of("scan", "--arm-endpoint", "http://example.com");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--arm-endpoint must be an https URL (http only for localhost)");
    assertThat(CliRun.of("scan", "--concurrency", "0").code()).isEqualTo(2);
    assertThat(CliRun.of("scan", "--subscription", "x' or 1==1").err()).contains("is not a subscription id");
  }

}
