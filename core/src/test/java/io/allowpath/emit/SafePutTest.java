package io.allowpath.emit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.analysis.access.AccessEvaluator;
import io.allowpath.analysis.egress.EgressResolver;
import io.allowpath.emit.arm.ArmEmitter;
import io.allowpath.emit.bicep.BicepEmitter;
import io.allowpath.ingest.load.EstateLoader;
import io.allowpath.ingest.RawResource;
import io.allowpath.model.AzureFirewall;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.KeyVault;
import io.allowpath.model.ResourceId;
import io.allowpath.plan.AddFirewallRule;
import io.allowpath.plan.Change;
import io.allowpath.plan.Plan;
import io.allowpath.plan.Planner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bicep and ARM PUT whole resources: a vault with known access policies keeps them, a vault whose
 * policies the estate does not show gets no PUT, a policy-managed firewall gets a rule collection group,
 * and the example estate's plans emit without guessed vault properties.
 */
class SafePutTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path EXAMPLE = Path.of("../examples/estate");

  private static List<JsonNode> armResources(String arm) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode d : JSON.readTree(arm).path("resources")) {
      d.path("properties").path("template").path("resources").forEach(out::add);
    }
    return out;
  }

  private static JsonNode armResource(String arm, String type, String name) throws Exception {
    return armResources(arm).stream()
        .filter(r -> r.path("type").asText().equals(type) && r.path("name").asText().equals(name))
        .findFirst().orElse(null);
  }

  @Test
  void vaultWithAccessPoliciesKeepsThemInBicepAndArm() throws Exception {
    Plan plan = Fixtures.plan(Fixtures.keyVault());
    String bicep = new BicepEmitter().emit(plan);
    assertThat(bicep).contains("resource vaults_kv_data 'Microsoft.KeyVault/vaults@")
        .contains("objectId: '33333333-3333-3333-3333-333333333333'")
        .contains("objectId: '44444444-4444-4444-4444-444444444444'")
        .contains("tenantId: '22222222-2222-2222-2222-222222222222'")
        .contains("enablePurgeProtection: true")
        .doesNotContain("tenant().tenantId").doesNotContain("// REVIEW");

    JsonNode vault = armResource(new ArmEmitter().emit(plan), "Microsoft.KeyVault/vaults", "kv-data");
    assertThat(vault).isNotNull();
    JsonNode props = vault.path("properties");
    assertThat(props.path("tenantId").asText()).isEqualTo(Fixtures.TENANT);
    assertThat(props.path("sku").path("name").asText()).isEqualTo("standard");
    assertThat(props.path("accessPolicies")).hasSize(2);
    assertThat(props.path("accessPolicies").get(0).path("permissions").path("keys").toString())
        .isEqualTo("[\"get\",\"unwrapKey\",\"wrapKey\"]");
    assertThat(props.path("accessPolicies").get(1).path("permissions").path("certificates").toString()).isEqualTo("[\"get\"]");
    assertThat(props.path("softDeleteRetentionInDays").asInt()).isEqualTo(90);
    assertThat(props.path("networkAcls").path("ipRules")).hasSize(2);
  }

  @Test
  void vaultWithoutKnownAccessPoliciesGetsNoPut() throws Exception {
    Plan plan = Fixtures.plan(Fixtures.keyVaultNetworkOnly());
    String bicep = new BicepEmitter().emit(plan);
    assertThat(bicep).doesNotContain("Microsoft.KeyVault/vaults@")
        .contains("NOT DEPLOYED HERE").contains("accessPolicies").contains("--emit az").contains("azapi_update_resource");
    String arm = new ArmEmitter().emit(plan);
    assertThat(armResources(arm)).noneMatch(r -> r.path("type").asText().equals("Microsoft.KeyVault/vaults"));
    assertThat(JSON.readTree(arm).toString()).contains("NOT DEPLOYED HERE");
  }

  @Test
  void storageAccountWithoutLocationGetsNoPut() throws Exception {
    // a storage account exported without "location" (issue 11): a PUT without one is refused by ARM
    io.allowpath.model.StorageAccount s = Fixtures.STORAGE;
    io.allowpath.model.StorageAccount noLocation = new io.allowpath.model.StorageAccount(s.id(), null, s.sku(), s.kind(),
        s.rules(), s.resourceAccessRules());
    Plan plan = Fixtures.plan(List.of(new io.allowpath.plan.AddIpRule(noLocation,
        io.allowpath.plan.AddressRef.literal("52.170.10.20"), null, null, null, List.of("a -> stdata"), "IP missing")));
    String arm = new ArmEmitter().emit(plan);
    assertThat(armResources(arm)).noneMatch(r -> r.path("type").asText().equals("Microsoft.Storage/storageAccounts"));
    assertThat(JSON.readTree(arm).toString()).contains("NOT DEPLOYED HERE")
        .contains("the estate does not show its location, which a PUT needs");
    String bicep = new BicepEmitter().emit(plan);
    assertThat(bicep).doesNotContain("'Microsoft.Storage/storageAccounts@").contains("NOT DEPLOYED HERE");
    // with its location the same plan PUTs the account
    assertThat(armResources(new ArmEmitter().emit(Fixtures.plan(Fixtures.storage()))))
        .anyMatch(r -> r.path("type").asText().equals("Microsoft.Storage/storageAccounts") && r.has("location"));
  }

  @Test
  void rbacVaultWithoutAccessPoliciesIsPut() throws Exception {
    KeyVault rbac = new KeyVault(Fixtures.VAULT_NETWORK_ONLY.id(), "westeurope", Fixtures.VAULT_NETWORK_ONLY.rules(),
        Fixtures.TENANT, "A", "premium", true, null, null, null, null, true, 90, null);
    Plan plan = Fixtures.plan(List.of(new io.allowpath.plan.AddIpRule(rbac, io.allowpath.plan.AddressRef.literal("52.170.10.20"),
        null, null, null, List.of("a -> kv-graph"), "IP not in networkAcls")));
    JsonNode vault = armResource(new ArmEmitter().emit(plan), "Microsoft.KeyVault/vaults", "kv-graph");
    assertThat(vault).isNotNull();
    assertThat(vault.path("properties").path("enableRbacAuthorization").asBoolean()).isTrue();
    assertThat(vault.path("properties").has("accessPolicies")).isFalse();
  }

  @Test
  void incompleteCosmosCognitiveAndWorkspaceGetNoPut() throws Exception {
    var cosmos = new io.allowpath.model.CosmosAccount(Fixtures.COSMOS.id(), "westeurope", Fixtures.COSMOS.rules(), false);
    var cog = new io.allowpath.model.CognitiveAccount(Fixtures.COG.id(), "westeurope", "OpenAI", "oai-data", Fixtures.COG.rules());
    var ws = new io.allowpath.model.MlWorkspace(Fixtures.WORKSPACE.id(), "westeurope", "Enabled", "Deny", List.of(), List.of(),
        null, List.of(), false, null, null, Fixtures.WORKSPACE.storageAccount(), Fixtures.WORKSPACE.keyVault(), null);
    List<Change> changes = new ArrayList<>();
    for (io.allowpath.model.Target t : List.of(cosmos, cog, ws)) {
      changes.add(new io.allowpath.plan.AddIpRule(t, io.allowpath.plan.AddressRef.literal("52.170.10.20"), null, null, null,
          List.of("a -> " + t.id().name()), "IP missing"));
    }
    String arm = new ArmEmitter().emit(Fixtures.plan(changes));
    assertThat(armResources(arm)).isEmpty();
    String notes = JSON.readTree(arm).toString();
    assertThat(notes).contains("cosmos-data, and the estate does not show its kind, databaseAccountOfferType, locations")
        .contains("oai-data, and the estate does not show its sku")
        .contains("properties.networkAcls) exists only in preview API versions");
  }

  @Test
  void classicFirewallIsPutInFullWithMergedCollections() throws Exception {
    JsonNode fw = armResource(new ArmEmitter().emit(Fixtures.plan(Fixtures.firewallRules())),
        "Microsoft.Network/azureFirewalls", "afw-hub");
    assertThat(fw).isNotNull();
    JsonNode p = fw.path("properties");
    assertThat(p.path("sku").path("tier").asText()).isEqualTo("Standard");
    assertThat(p.path("threatIntelMode").asText()).isEqualTo("Alert");
    assertThat(p.path("ipConfigurations").get(0).path("properties").path("subnet").path("id").asText()).endsWith("/AzureFirewallSubnet");
    assertThat(p.path("networkRuleCollections").findValuesAsText("name")).contains("existing-net", "dns", "allowpath-net");
    // one collection holds both rules; each protocol is {protocolType, port} with an integer port
    JsonNode rules = p.path("applicationRuleCollections").get(0).path("properties").path("rules");
    assertThat(rules.findValuesAsText("name")).containsExactly("sql-data", "stdata-blob");
    assertThat(rules.get(0).path("protocols").get(0).path("protocolType").asText()).isEqualTo("Mssql");
    assertThat(rules.get(0).path("protocols").get(0).path("port").isInt()).isTrue();
    assertThat(rules.get(0).path("protocols").get(0).path("port").asInt()).isEqualTo(1433);
    assertThat(rules.get(1).path("protocols").get(0).path("port").asInt()).isEqualTo(443);
  }

  @Test
  void firewallWithUnmodelledPartsGetsNoPut() throws Exception {
    AzureFirewall def = Fixtures.FIREWALL_DEF;
    AzureFirewall withNat = new AzureFirewall(def.id(), def.location(), def.ipConfigurations(), null, List.of(), null,
        def.ruleCollections(), def.skuName(), def.skuTier(), def.threatIntelMode(), List.of("natRuleCollections"));
    List<Change> changes = new ArrayList<>();
    for (Change c : Fixtures.firewallRules()) {
      AddFirewallRule f = (AddFirewallRule) c;
      changes.add(new AddFirewallRule(withNat, f.kind(), f.collection(), f.priority(), f.ruleName(), f.sourcePrefixes(),
          f.targetFqdns(), f.serviceTags(), f.ports(), f.pairs(), f.why()));
    }
    String arm = new ArmEmitter().emit(Fixtures.plan(changes));
    assertThat(armResources(arm)).isEmpty();
    assertThat(JSON.readTree(arm).toString()).contains("it has natRuleCollections");
  }

  @Test
  void policyManagedFirewallGetsARuleCollectionGroup() throws Exception {
    Plan plan = Fixtures.plan(Fixtures.firewallPolicy());
    String arm = new ArmEmitter().emit(plan);
    assertThat(armResources(arm)).noneMatch(r -> r.path("type").asText().equals("Microsoft.Network/azureFirewalls"));
    JsonNode rcg = armResource(arm, "Microsoft.Network/firewallPolicies/ruleCollectionGroups", "afwp-hub/allowpath");
    assertThat(rcg).isNotNull();
    assertThat(rcg.path("properties").path("priority").asInt()).isEqualTo(300);
    JsonNode cols = rcg.path("properties").path("ruleCollections");
    assertThat(cols).hasSize(2);
    assertThat(cols.get(0).path("ruleCollectionType").asText()).isEqualTo("FirewallPolicyFilterRuleCollection");
    assertThat(cols.get(0).path("rules").get(0).path("ruleType").asText()).isEqualTo("ApplicationRule");
    assertThat(cols.get(1).path("rules").get(0).path("ruleType").asText()).isEqualTo("NetworkRule");
    assertThat(cols.get(1).path("priority").asInt()).isEqualTo(310);
    assertThat(new BicepEmitter().emit(plan))
        .contains("resource ruleCollectionGroups_afwp_hub_allowpath 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@")
        .contains("parent: firewallPolicies_afwp_hub");
  }

  // ------------------------------------------------------------ the example estate, end to end

  private static Estate example() {
    List<Diagnostic> d = new ArrayList<>();
    EstateLoader loader = new EstateLoader();
    List<RawResource> raw = loader.loadRaw(List.of(EXAMPLE), d);
    return loader.build(raw, d);
  }

  @Test
  void exampleVaultsCarryWhatAPutNeeds() {
    Estate e = example();
    List<KeyVault> vaults = e.all(KeyVault.class);
    assertThat(vaults).hasSize(2);
    for (KeyVault k : vaults) {
      assertThat(k.putGap()).as(k.id().name()).isNull();
      assertThat(k.accessPolicies()).as(k.id().name()).isNotEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Planner.Strategy.class)
  void examplePlanEmitsWithoutGuessedVaultProperties(Planner.Strategy s) throws Exception {
    Estate e = example();
    AccessEvaluator ev = new AccessEvaluator(new EgressResolver(e, null), null);
    Plan plan = new Planner(ev, s).plan(ev.resolver().computes(), ev.targets());
    String bicep = new BicepEmitter().emit(plan);
    String arm = new ArmEmitter().emit(plan);
    for (String out : List.of(bicep, arm)) {
      assertThat(out).doesNotContain("access policies a PUT omits are removed")
          .doesNotContain("deletes every access policy").doesNotContain("tenant().tenantId")
          .doesNotContain("subscription().tenantId").doesNotContain("S0 is assumed");
    }
    JsonNode root = JSON.readTree(arm);
    assertThat(root.isObject()).isTrue();
    for (JsonNode r : armResources(arm)) {
      if (r.path("type").asText().equals("Microsoft.KeyVault/vaults")) {
        assertThat(r.path("properties").path("accessPolicies")).as(r.path("name").asText()).isNotEmpty();
        assertThat(r.path("properties").path("tenantId").asText()).isEqualTo("22222222-2222-2222-2222-222222222222");
      }
    }
    boolean vaultChanged = plan.changes().stream().anyMatch(c -> c.resource().type().equalsIgnoreCase("Microsoft.KeyVault/vaults"));
    if (vaultChanged) {
      assertThat(armResources(arm)).anyMatch(r -> r.path("type").asText().equals("Microsoft.KeyVault/vaults"));
    }
  }

  @Test
  void readerKeepsAccessPoliciesUnknownWhenTheJsonLacksThem() {
    ObjectNode vault = JSON.createObjectNode();
    vault.put("id", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv");
    vault.put("type", "Microsoft.KeyVault/vaults");
    vault.put("location", "eastus");
    vault.putObject("properties").put("tenantId", "t").putObject("sku").put("family", "A").put("name", "standard");
    Estate e = new EstateLoader().build(List.of(new RawResource(vault, "t.json", "/0")), new ArrayList<>());
    KeyVault k = e.get(ResourceId.of(vault.path("id").asText()), KeyVault.class);
    assertThat(k.accessPolicies()).isNull();
    assertThat(k.tenantId()).isEqualTo("t");
    assertThat(k.putGap()).contains("accessPolicies");
    ((ObjectNode) vault.path("properties")).putArray("accessPolicies");
    k = new EstateLoader().build(List.of(new RawResource(vault, "t.json", "/0")), new ArrayList<>())
        .get(ResourceId.of(vault.path("id").asText()), KeyVault.class);
    assertThat(k.accessPolicies()).isEmpty();
    assertThat(k.putGap()).isNull();
  }
}
