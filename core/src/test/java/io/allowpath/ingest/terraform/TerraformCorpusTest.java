package io.allowpath.ingest.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.allowpath.ingest.load.EstateLoader;
import io.allowpath.model.AccessRestriction;
import io.allowpath.model.Address;
import io.allowpath.model.DatabricksWorkspace;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.KeyVault;
import io.allowpath.model.MlCompute;
import io.allowpath.model.NatGateway;
import io.allowpath.model.PublicIp;
import io.allowpath.model.Severity;
import io.allowpath.model.SqlServer;
import io.allowpath.model.Subnet;
import io.allowpath.model.Target;
import io.allowpath.model.WebApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Real {@code terraform show -json} plans from the shared corpus ({@code ZodiacAE/}: real GitHub projects
 * planned with Terraform 1.9.4): each loads, both sides, with no ERROR diagnostic, and yields exactly
 * the computes and targets it declares. The other Terraform folders of the corpus hold HCL only (no
 * plan JSON); their patterns are covered by the fixtures in {@code src/test/resources/terraform/}.
 * Skipped, with one line, when the corpus is absent.
 */
class TerraformCorpusTest {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String ZODIAC = "ZodiacAE/folderFiles/folders_azurerm_application_gateway_filtered/";
  /** Terraform types that declare a target allowpath evaluates. */
  static final Set<String> TARGET_TYPES = Set.of("azurerm_storage_account", "azurerm_key_vault", "azurerm_mssql_server",
      "azurerm_sql_server", "azurerm_cosmosdb_account", "azurerm_container_registry", "azurerm_linux_web_app",
      "azurerm_windows_web_app", "azurerm_linux_function_app", "azurerm_windows_function_app",
      "azurerm_eventhub_namespace", "azurerm_servicebus_namespace", "azurerm_cognitive_account",
      "azurerm_search_service", "azurerm_machine_learning_workspace", "azurerm_databricks_workspace");

  static Path corpus() {
    Path start = Path.of("").toAbsolutePath().normalize();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      for (Path c : List.of(dir.resolve("shared/corpus"), dir.resolve("../shared/corpus"))) {
        if (Files.isDirectory(c.resolve("ZodiacAE"))) {
          return c.normalize();
        }
      }
    }
    Assumptions.abort("shared/corpus/ZodiacAE not found beside the repository: Terraform corpus plans skipped");
    return null;
  }

  static List<Path> plans() {
    try (Stream<Path> s = Files.walk(corpus().resolve(ZODIAC))) {
      return s.filter(p -> p.getFileName().toString().equals("plan.json")).sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static void countDeclared(JsonNode module, int[] counts) {
    for (JsonNode r : module.path("resources")) {
      String type = r.path("type").asText();
      if (!r.path("mode").asText().equals("managed")) {
        continue;
      }
      if (TARGET_TYPES.contains(type)) {
        counts[0]++;
      }
      if (type.startsWith("azurerm_machine_learning_compute_")) {
        counts[1]++;
      }
      if (type.equals("azurerm_databricks_workspace")) {
        counts[1]++;
      }
    }
    for (JsonNode c : module.path("child_modules")) {
      countDeclared(c, counts);
    }
  }

  @TestFactory
  List<DynamicTest> everyCorpusPlanLoadsBothSidesWithoutErrorsAndYieldsWhatItDeclares() {
    List<DynamicTest> out = new ArrayList<>();
    for (Path plan : plans()) {
      out.add(DynamicTest.dynamicTest(plan.getParent().getFileName().toString(), () -> {
        JsonNode root = MAPPER.readTree(plan.toFile());
        for (TerraformAdapter.View view : TerraformAdapter.View.values()) {
          List<Diagnostic> d = new ArrayList<>();
          Estate e = new EstateLoader().build(TerraformAdapter.readPlan(plan, view, d), d);
          assertThat(e.diagnostics()).as(view + " side of " + plan).noneMatch(x -> x.severity() == Severity.ERROR);
          if (view == TerraformAdapter.View.PLANNED) {
            int[] declared = new int[2];
            countDeclared(root.path("planned_values").path("root_module"), declared);
            // an App Service's SCM site is a target of its own when its rules differ, but not a declared resource
            long targets = e.resources().values().stream()
                .filter(r -> r instanceof Target && !(r instanceof WebApp w && w.scmOf() != null)).count();
            long computes = e.all(MlCompute.class).size() + e.all(DatabricksWorkspace.class).size();
            assertThat(targets).as("targets of " + plan).isEqualTo(declared[0]);
            assertThat(computes).as("computes of " + plan).isEqualTo(declared[1]);
          }
        }
      }));
    }
    return out;
  }

  static Estate load(String project) {
    return new EstateLoader().load(List.of(corpus().resolve(ZODIAC + project + "/plan.json")));
  }

  @Test
  void theNatGatewayAssociationsOfARealPlanResolveThroughTheConfiguration() {
    // every id is known only after apply: azurerm_subnet_nat_gateway_association.subnetNatgwAssoc names
    // azurerm_subnet.mySubnet.id and azurerm_nat_gateway.nat.id in its configuration expressions
    Estate e = load("folders_azurerm_application_gateway_TerraformChallengeAzure-main");
    Subnet s = e.all(Subnet.class).stream().filter(x -> x.id().name().equals("myVmSubnet")).findFirst().orElseThrow();
    assertThat(s.natGateway()).isNotNull();
    assertThat(s.natGateway().name()).isEqualTo("nat-Gateway");
    NatGateway ng = e.get(s.natGateway(), NatGateway.class);
    assertThat(ng.publicIps()).singleElement().satisfies(p -> assertThat(p.name()).isEqualTo("nat-gateway-publicIP"));
    assertThat(e.get(ng.publicIps().get(0), PublicIp.class).ipAddress()).as("known after apply: symbolic").isNull();
  }

  @Test
  void keyVaultAndSqlRulesOfARealPlanAreRead() {
    Estate e = load("folders_azurerm_application_gateway_prueba-devsu-master_devops_iac");
    assertThat(e.all(KeyVault.class)).singleElement().satisfies(kv -> {
      assertThat(kv.rules().ipRules()).extracting(Address::text).containsExactly("0.0.0.0/0");
      assertThat(kv.rules().defaultAction()).isEqualTo("Allow");
    });
    assertThat(e.all(SqlServer.class)).singleElement().satisfies(sql -> {
      assertThat(sql.publicNetworkAccess()).isEqualTo("Disabled");
      assertThat(sql.firewallRules()).singleElement().satisfies(r -> {
        assertThat(r.startIpAddress()).isEqualTo("10.0.0.0");
        assertThat(r.endIpAddress()).isEqualTo("10.0.255.255");
      });
    });
  }

  @Test
  void webAppIpRestrictionsOfARealPlanKeepServiceTagsAndAddresses() {
    Estate e = load("folders_azurerm_application_gateway_MM-Kairos-main");
    List<WebApp> sites = e.all(WebApp.class).stream().filter(w -> w.scmOf() == null).toList();
    assertThat(sites).hasSize(11);
    List<AccessRestriction> all = sites.stream().flatMap(w -> w.siteConfig().ipSecurityRestrictions().stream())
        .toList();
    // scm_ip_restriction = [], scm_ip_restriction_default_action "Allow", scm_use_main_ip_restriction false: each
    // SCM (Kudu) site is open to every network while its site denies by default, so it is a target of its own
    assertThat(e.all(WebApp.class).stream().filter(w -> w.scmOf() != null)).hasSize(11).allSatisfy(scm -> {
      assertThat(scm.siteConfig().ipSecurityRestrictions()).isEmpty();
      assertThat(scm.siteConfig().defaultAction()).isEqualTo("Allow");
    });
    assertThat(all).anySatisfy(r -> {
      assertThat(r.tag()).isEqualTo("ServiceTag");
      assertThat(r.ipAddress()).isEqualTo("GatewayManager");
    });
    assertThat(all).anySatisfy(r -> assertThat(r.ipAddress()).isEqualTo("98.71.72.6/32"));
  }
}
