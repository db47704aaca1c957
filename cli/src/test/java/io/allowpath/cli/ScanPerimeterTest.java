package io.allowpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.azure.ArmEmulator;
import io.allowpath.azure.ArmEmulator.Fault;
import io.allowpath.ingest.RawResource;
import io.allowpath.ingest.load.EstateLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: a scan reads network security perimeters (the perimeter from Resource Graph, its profiles, their
 * access rules and its resource associations by ARM GET), so a SecuredByPerimeter target gets from {@code scan}
 * the answers it gets from an export. The estate is the example estate with key vault kv-ml-prod handed to a
 * perimeter (Enforced) whose profile admits compute instance ci-alice's public IP, in the documented resource shapes
 * (https://learn.microsoft.com/azure/private-link/network-security-perimeter-concepts).
 */
class ScanPerimeterTest {
  static final String TOKEN = "nsp-test-token";
  static final String SUB = "11111111-1111-1111-1111-111111111111";
  static final String RG = "/subscriptions/" + SUB + "/resourceGroups/rg-network/providers/Microsoft.Network/";
  static final String NSP = RG + "networkSecurityPerimeters/nsp-data";
  static final String PROFILE = NSP + "/profiles/profile-ml";

  ArmEmulator em;
  @TempDir Path tmp;
  Path estate;

  static ObjectNode resource(String id, String type, Object... props) {
    ObjectNode n = CliRun.MAPPER.createObjectNode();
    n.put("id", id);
    n.put("name", id.substring(id.lastIndexOf('/') + 1));
    n.put("type", type);
    n.put("location", "eastus");
    ObjectNode p = n.putObject("properties");
    for (int i = 0; i < props.length; i += 2) {
      p.set((String) props[i], CliRun.MAPPER.valueToTree(props[i + 1]));
    }
    return n;
  }

  @BeforeEach
  void start() throws IOException {
    List<RawResource> raw = new EstateLoader().loadRaw(List.of(Path.of(ScanUnreadPartsTest.ESTATE)), new ArrayList<>());
    ArrayNode all = CliRun.MAPPER.createArrayNode();
    String vault = null;
    for (RawResource r : raw) {
      ObjectNode n = r.json().deepCopy();
      if (n.path("id").asText().endsWith("/vaults/kv-ml-prod")) {
        ((ObjectNode) n.path("properties")).put("publicNetworkAccess", "SecuredByPerimeter");
        vault = n.path("id").asText();
      }
      all.add(n);
    }
    assertThat(vault).isNotNull();
    all.add(resource(NSP, "Microsoft.Network/networkSecurityPerimeters"));
    all.add(resource(PROFILE, "Microsoft.Network/networkSecurityPerimeters/profiles"));
    all.add(resource(PROFILE + "/accessRules/from-ci-alice", "Microsoft.Network/networkSecurityPerimeters/profiles/accessRules",
        "direction", "Inbound", "addressPrefixes", List.of("40.121.5.6/32")));
    all.add(resource(NSP + "/resourceAssociations/kv-ml-prod", "Microsoft.Network/networkSecurityPerimeters/resourceAssociations",
        "privateLinkResource", Map.of("id", vault), "profile", Map.of("id", PROFILE), "accessMode", "Enforced"));
    estate = tmp.resolve("estate-nsp.json");
    Files.writeString(estate, all.toString());
    em = new ArmEmulator().acceptToken(TOKEN).listPageSize(1);
    all.forEach(n -> em.add(n.deepCopy()));
    LiveOptions.environment = () -> Map.of("AZURE_ACCESS_TOKEN", TOKEN);
  }

  @AfterEach
  void stop() {
    em.close();
    LiveOptions.environment = System::getenv;
  }

  CliRun live() {
    return CliRun.of("check", "--arm-endpoint", em.uri().toString(), "--subscription", SUB, "-o", "json", "-q");
  }

  static List<JsonNode> toVault(JsonNode report) {
    List<JsonNode> out = new ArrayList<>();
    report.path("checks").forEach(c -> {
      if (c.path("to").asText().endsWith("/vaults/kv-ml-prod")) {
        out.add(c);
      }
    });
    return out;
  }

  @Test
  void perimeterAnswersFromAScanEqualThoseFromTheExport() {
    CliRun files = CliRun.of("check", "--estate", estate.toString(), "-o", "json");
    CliRun scanned = live();
    assertThat(scanned.err()).doesNotContain("Exception");
    assertThat(scanned.json().path("checks")).isEqualTo(files.json().path("checks"));
    List<JsonNode> vault = toVault(scanned.json());
    assertThat(vault).isNotEmpty();
    assertThat(vault).as("decided by the perimeter, not 'perimeter not in the estate'")
        .noneMatch(c -> c.path("reasons").toString().contains("PERIMETER_NOT_IN_ESTATE"));
    assertThat(vault).as("ci-alice's address is admitted by the profile's access rule")
        .anyMatch(c -> c.path("verdict").asText().equals("ALLOW")
            && c.path("hops").toString().contains("network security perimeter nsp-data profile profile-ml"));
    // the perimeter, its profile, the access rule and the association were read: 1 GET each for profiles and
    // associations, 1 for the profile's access rules
    assertThat(em.getRequests()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void accessRulesThatCannotBeRead_makeTheTargetUnknownNamingTheRead() {
    em.fault("/profiles/profile-ml/accessrules", Fault.status(403, "AuthorizationFailed"));
    List<JsonNode> vault = toVault(live().json());
    assertThat(vault).isNotEmpty();
    assertThat(vault).filteredOn(c -> c.path("verdict").asText().equals("UNKNOWN")).isNotEmpty()
        .allSatisfy(c -> assertThat(c.path("reasons").toString()).contains("SCAN_READ_FAILED"));
    assertThat(vault).noneMatch(c -> c.path("verdict").asText().equals("ALLOW") && c.path("via").asText().equals("PUBLIC_IP"));
  }
}
