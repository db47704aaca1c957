package io.allowpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code allowpath egress} against CONTRACT.md, on the demo estate in {@code examples/estate}. */
class EgressCommandTest {
  static final String ESTATE = "../examples/estate";
  static final String SUB = "/subscriptions/11111111-1111-1111-1111-111111111111";
  static final String MLW_PROD = SUB + "/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-prod";
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final Set<String> MODES = Set.of("NAT_GATEWAY", "LOAD_BALANCER", "FIREWALL", "APPLIANCE", "INSTANCE_PUBLIC_IP",
      "DEFAULT_OUTBOUND", "MANAGED_NETWORK", "ON_PREMISES", "NO_EGRESS", "UNKNOWN");

  static CliRun run(String... args) {
    return CliRun.of(args);
  }

  static JsonNode byCompute(JsonNode root, String computeSuffix) {
    for (JsonNode e : root.get("egress")) {
      if (e.get("compute").asText().endsWith(computeSuffix)) {
        return e;
      }
    }
    throw new AssertionError("no compute ending in " + computeSuffix);
  }

  static List<String> texts(JsonNode arr) {
    List<String> out = new ArrayList<>();
    arr.forEach(n -> out.add(n.asText()));
    return out;
  }

  static long v4(String cidr) {
    String[] p = cidr.split("/")[0].split("\\.");
    long v = 0;
    for (String s : p) {
      v = v * 256 + Long.parseLong(s);
    }
    return v;
  }

  static Set<String> fieldNames(JsonNode o) {
    Set<String> s = new HashSet<>();
    o.fieldNames().forEachRemaining(s::add);
    return s;
  }

  // ------------------------------------------------------------------ JSON contract

  @Test
  void egressJsonOnTheDemoEstateFollowsTheContractShape() {
    CliRun r = run("egress", "--estate", ESTATE, "--output", "json");
    assertThat(r.code()).isZero();
    JsonNode root = r.json();
    assertThat(fieldNames(root)).containsExactlyInAnyOrder("egress", "diagnostics");
    assertThat(root.get("egress").isArray()).isTrue();
    assertThat(root.get("egress").size()).isEqualTo(13);
    for (JsonNode e : root.get("egress")) {
      assertThat(fieldNames(e)).as("fields of %s", e)
          .containsExactlyInAnyOrder("workspace", "compute", "name", "subnet", "mode", "publicIps", "symbolicIps", "stable",
              "hops");
      assertThat(e.get("workspace").asText()).startsWith("/subscriptions/");
      String compute = e.get("compute").asText();
      assertThat(compute.contains("/computes/") || compute.endsWith("#host") || compute.endsWith("#container")
          || compute.endsWith("#serverless")).as("compute %s", compute).isTrue();
      if (!compute.contains("/computes/")) {
        assertThat(compute).startsWith(e.get("workspace").asText() + "#");
      }
      assertThat(e.get("subnet").isNull() || e.get("subnet").isTextual()).isTrue();
      assertThat(MODES).contains(e.get("mode").asText());
      assertThat(e.get("publicIps").isArray()).isTrue();
      List<String> ips = texts(e.get("publicIps"));
      assertThat(ips).as("publicIps sorted").isSortedAccordingTo((a, b) -> Long.compare(v4(a), v4(b)));
      assertThat(e.get("symbolicIps").isArray()).isTrue();
      assertThat(e.get("stable").isBoolean()).isTrue();
      assertThat(e.get("hops").isArray()).isTrue();
      for (JsonNode h : e.get("hops")) {
        assertThat(fieldNames(h)).containsExactlyInAnyOrder("kind", "resource", "detail");
        assertThat(h.get("kind").isTextual()).isTrue();
        assertThat(h.get("resource").isNull() || h.get("resource").isTextual()).isTrue();
        assertThat(h.get("detail").isTextual()).isTrue();
      }
    }
    for (JsonNode d : root.get("diagnostics")) {
      assertThat(fieldNames(d)).contains("severity", "resource", "message");
      assertThat(d.get("severity").asText()).isIn("ERROR", "WARNING", "INFO");
    }
  }

  @Test
  void demoEstateResolvesToTheExpectedModesAndAddresses() {
    JsonNode root = run("egress", "--estate", ESTATE, "--output", "json").json();
    Set<String> modes = new HashSet<>();
    root.get("egress").forEach(e -> modes.add(e.get("mode").asText()));
    assertThat(modes).contains("NAT_GATEWAY", "LOAD_BALANCER", "FIREWALL", "INSTANCE_PUBLIC_IP", "DEFAULT_OUTBOUND",
        "MANAGED_NETWORK", "ON_PREMISES", "NO_EGRESS");

    JsonNode gpu = byCompute(root, "/computes/gpu-cluster");
    assertThat(gpu.get("mode").asText()).isEqualTo("NAT_GATEWAY");
    assertThat(texts(gpu.get("publicIps"))).containsExactly("52.170.10.20", "52.170.20.0/30");
    assertThat(gpu.get("stable").asBoolean()).isTrue();
    JsonNode fw = byCompute(root, "/computes/cpu-cluster-fw");
    assertThat(fw.get("mode").asText()).isEqualTo("FIREWALL");
    assertThat(texts(fw.get("publicIps"))).containsExactly("20.62.10.4");
    JsonNode lb = byCompute(root, "dbw-analytics#host");
    assertThat(lb.get("mode").asText()).isEqualTo("LOAD_BALANCER");
    assertThat(texts(lb.get("publicIps"))).containsExactly("20.86.30.40");
    JsonNode sandbox = byCompute(root, "dbw-sandbox#container");
    assertThat(sandbox.get("mode").asText()).isEqualTo("NAT_GATEWAY");
    assertThat(texts(sandbox.get("publicIps"))).containsExactly("4.156.7.8");
    assertThat(sandbox.get("subnet").isNull()).isTrue();
    JsonNode ci = byCompute(root, "/computes/ci-alice");
    assertThat(ci.get("mode").asText()).isEqualTo("INSTANCE_PUBLIC_IP");
    assertThat(texts(ci.get("publicIps"))).containsExactly("40.121.5.6");
    assertThat(ci.get("stable").asBoolean()).isTrue();
    JsonNode pip = byCompute(root, "/computes/cpu-cluster-pip");
    assertThat(pip.get("mode").asText()).isEqualTo("INSTANCE_PUBLIC_IP");
    assertThat(pip.get("stable").asBoolean()).isFalse();
    assertThat(byCompute(root, "/computes/legacy-cluster").get("mode").asText()).isEqualTo("DEFAULT_OUTBOUND");
    assertThat(byCompute(root, "/computes/private-cluster").get("mode").asText()).isEqualTo("NO_EGRESS");
    assertThat(byCompute(root, "/computes/onprem-cluster").get("mode").asText()).isEqualTo("ON_PREMISES");
    assertThat(byCompute(root, "/computes/managed-cluster").get("mode").asText()).isEqualTo("MANAGED_NETWORK");
    assertThat(byCompute(root, "mlw-prod#serverless").get("mode").asText()).isEqualTo("NAT_GATEWAY");
  }

  @Test
  void demoTableShowsEveryDemoMode() {
    CliRun r = run("egress", "--estate", ESTATE);
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("NAT_GATEWAY", "LOAD_BALANCER", "FIREWALL", "INSTANCE_PUBLIC_IP", "DEFAULT_OUTBOUND",
        "MANAGED_NETWORK", "ON_PREMISES", "NO_EGRESS");
  }

  @Test
  void demoCommandRunsOnTheBundledEstate() {
    CliRun r = run("demo");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("NAT_GATEWAY", "LOAD_BALANCER", "FIREWALL", "INSTANCE_PUBLIC_IP", "DEFAULT_OUTBOUND",
        "MANAGED_NETWORK", "ON_PREMISES", "NO_EGRESS");
  }

  // A Databricks managed-VNet SCC workspace whose NAT public IP is not exported: JSON names it in symbolicIps.
  @Test
  void unknownAddressIsReportedInSymbolicIpsNotPublicIps(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    String mrg = SUB + "/resourceGroups/rg-dbw-managed";
    Files.writeString(dir.resolve("dbw.json"), """
        {"id": "%s/resourceGroups/rg/providers/Microsoft.Databricks/workspaces/dbw", "type": "Microsoft.Databricks/workspaces",
         "location": "eastus", "properties": {"managedResourceGroupId": "%s",
         "parameters": {"enableNoPublicIp": {"type": "Bool", "value": true}}}}""".formatted(SUB, mrg));
    JsonNode e = run("egress", "--estate", dir.toString(), "--output", "json").json().get("egress").get(0);
    assertThat(e.get("mode").asText()).isEqualTo("NAT_GATEWAY");
    assertThat(texts(e.get("publicIps"))).isEmpty();
    assertThat(texts(e.get("symbolicIps")))
        .containsExactly(mrg + "/providers/Microsoft.Network/publicIPAddresses/nat-gw-public-ip");
  }

  // ------------------------------------------------------------------ --workspace

  @Test
  void workspaceByNameKeepsOnlyItsComputes() {
    JsonNode root = run("egress", "--estate", ESTATE, "--output", "json", "--workspace", "mlw-prod").json();
    assertThat(root.get("egress").size()).isEqualTo(8);
    root.get("egress").forEach(e -> assertThat(e.get("workspace").asText()).isEqualTo(MLW_PROD));
  }

  @Test
  void workspaceByIdKeepsOnlyItsComputesAndIdsCompareCaseInsensitively() {
    JsonNode root = run("egress", "--estate", ESTATE, "--output", "json", "--workspace", MLW_PROD.toLowerCase()).json();
    assertThat(root.get("egress").size()).isEqualTo(8);
    root.get("egress").forEach(e -> assertThat(e.get("workspace").asText()).isEqualTo(MLW_PROD));
  }

  @Test
  void unknownWorkspaceNameIsExit2WithOneLine() {
    CliRun r = run("egress", "--estate", ESTATE, "--workspace", "nope");
    assertThat(r.code()).isEqualTo(2);
    assertOneCleanLine(r.err());
    assertThat(r.err()).contains("nope");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void ambiguousWorkspaceNameIsExit2WithOneLineListingTheCandidates(@org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException {
    String a = SUB + "/resourceGroups/rg-a/providers/Microsoft.MachineLearningServices/workspaces/mlw";
    String b = SUB + "/resourceGroups/rg-b/providers/Microsoft.MachineLearningServices/workspaces/mlw";
    Files.writeString(dir.resolve("ws.json"), "[" + workspace(a) + "," + workspace(b) + "]");
    CliRun r = run("egress", "--estate", dir.toString(), "--workspace", "mlw");
    assertThat(r.code()).isEqualTo(2);
    assertOneCleanLine(r.err());
    assertThat(r.err()).contains(a).contains(b);
  }

  static String workspace(String id) {
    return """
        {"id": "%s", "type": "Microsoft.MachineLearningServices/workspaces", "location": "eastus",
         "properties": {"serverlessComputeSettings": {"serverlessComputeNoPublicIP": true}}}""".formatted(id);
  }

  // ------------------------------------------------------------------ bad input: exit 2, one line, no trace

  static void assertOneCleanLine(String err) {
    assertThat(err).endsWith(System.lineSeparator());
    assertThat(err.strip().lines()).as("stderr: %s", err).hasSize(1);
    assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");
  }

  static CliRun badInput(Path file, String... expected) {
    CliRun r = run("egress", "--estate", file.toString());
    assertThat(r.code()).as("exit code; stderr %s", r.err()).isEqualTo(2);
    assertOneCleanLine(r.err());
    assertThat(r.err()).contains(file.toString());
    for (String x : expected) {
      assertThat(r.err()).contains(x);
    }
    assertThat(r.out()).isEmpty();
    return r;
  }

  @Test
  void malformedJsonNamesFileLineAndColumn(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Path f = Files.writeString(dir.resolve("bad.json"), "[\n  {\"id\": \"/x\",\n   \"type\": }\n]\n");
    badInput(f, "line 3, column", "malformed JSON");
  }

  @Test
  void aRootThatIsAJsonStringIsRejected(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    badInput(Files.writeString(dir.resolve("s.json"), "\"just a string\""), "expected a JSON array or object", "a string");
  }

  @Test
  void aRootThatIsAJsonNumberIsRejected(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    badInput(Files.writeString(dir.resolve("n.json"), "42"), "expected a JSON array or object", "a number");
  }

  @Test
  void anArrayElementThatIsNotAnObjectIsRejectedWithItsPointer(@org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException {
    Path f = Files.writeString(dir.resolve("e.json"), "[" + workspace(MLW_PROD) + ", \"oops\"]");
    badInput(f, "/1", "expected an ARM resource object", "a string");
  }

  @Test
  void aZeroByteFileIsRejected(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    badInput(Files.createFile(dir.resolve("empty.json")), "empty file", "expected");
  }

  @Test
  void aDirectoryWithoutJsonIsRejected(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("notes.txt"), "[]");
    badInput(dir, "no *.json", "expected ARM resource JSON");
  }

  @Test
  void aMissingPathIsRejected(@org.junit.jupiter.api.io.TempDir Path dir) {
    badInput(dir.resolve("nowhere.json"), "no such file or directory");
  }

  // ------------------------------------------------------------------ diagnostics and --strict

  static String danglingEstate() {
    String ws = SUB + "/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w1";
    String subnet = SUB + "/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/gone";
    return """
        [{"id": "%1$s", "type": "Microsoft.MachineLearningServices/workspaces", "location": "eastus", "properties": {}},
         {"id": "%1$s/computes/c1", "type": "Microsoft.MachineLearningServices/workspaces/computes", "location": "eastus",
          "properties": {"computeType": "AmlCompute", "properties": {"enableNodePublicIp": false,
                         "subnet": {"id": "%2$s"}}}}]""".formatted(ws, subnet);
  }

  @Test
  void aDanglingReferenceIsUnknownWithADiagnosticWithoutStrict(@org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException {
    Path f = Files.writeString(dir.resolve("d.json"), danglingEstate());
    CliRun r = run("egress", "--estate", f.toString(), "--output", "json");
    assertThat(r.code()).isZero();
    JsonNode root = r.json();
    assertThat(root.get("egress").get(0).get("mode").asText()).isEqualTo("UNKNOWN");
    assertThat(root.get("diagnostics").toString()).contains("subnets/gone");
  }

  @Test
  void strictWithADanglingReferenceIsExit2WithOneLine(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Path f = Files.writeString(dir.resolve("d.json"), danglingEstate());
    CliRun r = run("egress", "--estate", f.toString(), "--output", "json", "--strict");
    assertThat(r.code()).isEqualTo(2);
    assertOneCleanLine(r.err());
    assertThat(r.err()).contains("--strict").contains("subnets/gone");
  }

  @Test
  void aWrongTypedFieldIsADiagnosticNamingFileAndPointerAndTheRunContinues(@org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException {
    String vnet = SUB + "/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v";
    Path f = Files.writeString(dir.resolve("w.json"), "[" + workspace(MLW_PROD) + ",\n"
        + "{\"id\": \"" + vnet + "\", \"type\": \"Microsoft.Network/virtualNetworks\", \"location\": \"eastus\", "
        + "\"properties\": {\"subnets\": \"oops\"}}]");
    CliRun r = run("egress", "--estate", f.toString(), "--output", "json");
    // an ERROR diagnostic: the answer is printed, but the exit code is 2 (docs/contract.md)
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("1 input error(s)");
    JsonNode root = r.json();
    assertThat(root.get("egress").size()).isEqualTo(1);
    assertThat(root.get("egress").get(0).get("mode").asText()).isEqualTo("DEFAULT_OUTBOUND");
    JsonNode d = null;
    for (JsonNode x : root.get("diagnostics")) {
      if (x.get("severity").asText().equals("ERROR")) {
        d = x;
      }
    }
    assertThat(d).as("an ERROR diagnostic in %s", root.get("diagnostics")).isNotNull();
    assertThat(d.get("file").asText()).isEqualTo(f.toString());
    assertThat(d.get("pointer").asText()).isEqualTo("/1/properties/subnets");
    assertThat(d.get("message").asText()).contains("expected an array");
  }

  @Test
  void aWrongTypedFieldIsPrintedOnStderrAfterTheTable(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    String vnet = SUB + "/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v";
    Path f = Files.writeString(dir.resolve("w.json"), "[" + workspace(MLW_PROD) + ",\n"
        + "{\"id\": \"" + vnet + "\", \"type\": \"Microsoft.Network/virtualNetworks\", \"location\": \"eastus\", "
        + "\"properties\": {\"subnets\": \"oops\"}}]");
    CliRun r = run("egress", "--estate", f.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).contains("DEFAULT_OUTBOUND");
    assertThat(r.err()).contains(f.toString() + " at /1/properties/subnets").doesNotContain("Exception");
  }
}
