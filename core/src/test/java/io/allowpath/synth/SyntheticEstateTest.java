package io.allowpath.synth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.allowpath.analysis.access.AccessEvaluator;
import io.allowpath.analysis.access.Outcome;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.EgressResolver;
import io.allowpath.ingest.load.EstateLoader;
import io.allowpath.model.Estate;
import io.allowpath.model.IpSet;
import io.allowpath.model.Severity;
import io.allowpath.model.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synthetic estate generator: deterministic, loadable, covering every kind, every verdict. */
class SyntheticEstateTest {
  @TempDir Path dir;

  static Estate load(Path file) {
    return new EstateLoader().load(List.of(file));
  }

  @Test
  void sameSeedGivesByteIdenticalFilesAndAnotherSeedDiffers() throws IOException {
    Path a = dir.resolve("a.json");
    Path b = dir.resolve("b.json");
    Path c = dir.resolve("c.json");
    SyntheticEstate.write(a, 40, 120, 30, 7);
    SyntheticEstate.write(b, 40, 120, 30, 7);
    SyntheticEstate.write(c, 40, 120, 30, 8);
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    assertThat(Files.readAllBytes(a)).isNotEqualTo(Files.readAllBytes(c));
  }

  @Test
  void loadsWithoutErrorDiagnostics() throws IOException {
    Path f = dir.resolve("s.json");
    SyntheticEstate.write(f, 60, 200, 40, 3);
    Estate e = load(f);
    assertThat(e.diagnostics()).noneMatch(d -> d.severity() == Severity.ERROR);
    assertThat(e.skippedTypes()).isEmpty();
  }

  @Test
  void everyComputeKindAndTargetTypeIsPresentAtSmallSizes() throws IOException {
    for (long seed : new long[] {1, 2, 3}) {
      Path f = dir.resolve("k" + seed + ".json");
      SyntheticEstate.write(f, 12, 12, 5, seed);
      Estate e = load(f);
      EgressResolver r = new EgressResolver(e, null);
      Set<Compute.Kind> kinds = EnumSet.noneOf(Compute.Kind.class);
      r.computes().forEach(c -> kinds.add(c.kind()));
      assertThat(kinds).as("seed " + seed).containsExactlyInAnyOrder(Compute.Kind.values());
      Set<String> types = new HashSet<>();
      new AccessEvaluator(r, null).targets().forEach(t -> types.add(t.service().name()));
      assertThat(types).as("seed " + seed).contains("STORAGE", "KEY_VAULT", "SQL", "COSMOS_DB", "CONTAINER_REGISTRY",
          "APP_SERVICE", "EVENT_HUBS", "SERVICE_BUS", "COGNITIVE_SERVICES", "SEARCH");
    }
  }

  @Test
  void checkYieldsAllFourVerdicts() throws IOException {
    Path f = dir.resolve("v.json");
    SyntheticEstate.write(f, 40, 150, 30, 11);
    Estate e = load(f);
    EgressResolver r = new EgressResolver(e, null);
    AccessEvaluator ev = new AccessEvaluator(r, null);
    Set<Outcome> seen = EnumSet.noneOf(Outcome.class);
    for (Compute c : r.computes()) {
      for (Target t : ev.targets()) {
        seen.add(ev.evaluate(c, t).outcome());
      }
    }
    assertThat(seen).containsExactlyInAnyOrder(Outcome.values());
  }

  @Test
  void ipRulesHoldPublicAddressesOnlyAndRespectTheCap() throws IOException {
    Path f = dir.resolve("r.json");
    SyntheticEstate.write(f, 20, 300, 150, 5);
    JsonNode arr = new com.fasterxml.jackson.databind.ObjectMapper().readTree(f.toFile());
    List<String> values = new ArrayList<>();
    for (JsonNode r : arr) {
      String type = r.path("type").asText();
      JsonNode p = r.path("properties");
      List<JsonNode> rules = new ArrayList<>();
      p.path("networkAcls").path("ipRules").forEach(rules::add);
      p.path("networkRuleSet").path("ipRules").forEach(rules::add);
      p.path("ipRules").forEach(rules::add);
      p.path("ipSecurityRestrictions").forEach(rules::add);
      if (type.equals("Microsoft.ContainerRegistry/registries") || type.equals("Microsoft.CognitiveServices/accounts")
          || type.equals("Microsoft.Search/searchServices")) {
        assertThat(rules.size()).isLessThanOrEqualTo(100);
      }
      if (type.equals("Microsoft.Storage/storageAccounts")) {
        for (JsonNode x : rules) {
          assertThat(x.path("value").asText()).as("storage rules are never /31 or /32").doesNotEndWith("/32")
              .doesNotEndWith("/31");
        }
      }
      for (JsonNode x : rules) {
        for (String field : List.of("value", "ipAddressOrRange", "ipMask", "ipAddress")) {
          if (x.hasNonNull(field)) {
            values.add(x.get(field).asText());
          }
        }
      }
      if (type.equals("Microsoft.Sql/servers/firewallRules") && !r.path("name").asText().equals("AllowAllWindowsAzureIps")) {
        values.add(p.path("startIpAddress").asText() + "-" + p.path("endIpAddress").asText());
      }
    }
    assertThat(values).isNotEmpty();
    for (String v : values) {
      if (v.equals("0.0.0.0")) {
        continue; // Cosmos DB: Azure datacenters
      }
      IpSet s = IpSet.tryParse(v);
      assertThat(s).as(v).isNotNull();
      assertThat(s.touchesNonPublic()).as(v + " is public").isFalse();
    }
  }
}
