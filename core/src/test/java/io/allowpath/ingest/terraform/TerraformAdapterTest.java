package io.allowpath.ingest.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.allowpath.diff.Answers;
import io.allowpath.ingest.load.EstateLoader;
import io.allowpath.ingest.InputException;
import io.allowpath.ingest.RawResource;
import io.allowpath.model.Address;
import io.allowpath.model.DatabricksWorkspace;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.IpValue;
import io.allowpath.model.MlCompute;
import io.allowpath.model.NetworkInterface;
import io.allowpath.model.NatGateway;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Severity;
import io.allowpath.model.StorageAccount;
import io.allowpath.model.Subnet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Terraform adapter on plan and state JSON in the exact shape {@code terraform show -json} writes
 * (https://developer.hashicorp.com/terraform/internals/json-format): fixtures under
 * {@code src/test/resources/terraform/}.
 */
class TerraformAdapterTest {
  static final Path DIR = Path.of("src/test/resources/terraform");
  static final Path CREATE = DIR.resolve("databricks-create.plan.json");
  static final Path NAT_REMOVAL = DIR.resolve("nat-removal.plan.json");
  static final Path STATE = DIR.resolve("ml.state.json");
  static final String SUB = "/subscriptions/3f2a9c1e-7b4d-4e8a-9c6f-2d1e0b7a5c33/resourceGroups/rg-dbx/providers/";
  static final ObjectMapper MAPPER = new ObjectMapper();

  static Estate load(Path p) {
    return new EstateLoader().load(List.of(p));
  }

  static List<Diagnostic> errors(Estate e) {
    return e.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).toList();
  }

  static ResourceId id(String s) {
    return ResourceId.of(s);
  }

  @Test
  void aCreationPlanResolvesIdsKnownOnlyAfterApplyThroughTheConfigurationReferences() {
    Estate e = load(CREATE);
    assertThat(errors(e)).isEmpty();
    // azurerm_subnet_nat_gateway_association.dbx["public"]: subnet_id = azurerm_subnet.dbx[each.key], both unknown
    Subnet pub = e.get(id(SUB + "Microsoft.Network/virtualNetworks/vnet-dbx/subnets/snet-dbx-public"), Subnet.class);
    assertThat(pub).isNotNull();
    assertThat(pub.natGateway()).isEqualTo(id(SUB + "Microsoft.Network/natGateways/ng-dbx"));
    assertThat(IpValue.texts(pub.addressPrefixes())).containsExactly("10.30.1.0/24");
    assertThat(pub.delegations()).extracting(d -> d.serviceName()).containsExactly("Microsoft.Databricks/workspaces");
    NatGateway ng = e.get(id(SUB + "Microsoft.Network/natGateways/ng-dbx"), NatGateway.class);
    assertThat(ng.publicIps()).containsExactly(id(SUB + "Microsoft.Network/publicIPAddresses/pip-dbx-nat"));
    // custom_parameters.virtual_network_id is unknown in the plan: azurerm_virtual_network.dbx.id
    DatabricksWorkspace dbw = e.get(id(SUB + "Microsoft.Databricks/workspaces/dbw-etl"), DatabricksWorkspace.class);
    assertThat(dbw.hostSubnet()).isEqualTo(pub.id());
    assertThat(dbw.noPublicIp()).isTrue();
  }

  @Test
  void anUnknownPublicIpAddressIsSymbolicAndARuleReferringToItAdmitsIt() {
    Estate e = load(CREATE);
    StorageAccount lake = e.get(id(SUB + "Microsoft.Storage/storageAccounts/stdbxlake"), StorageAccount.class);
    String pip = SUB + "Microsoft.Network/publicIPAddresses/pip-dbx-nat";
    // ip_rules = [azurerm_public_ip.nat.ip_address]: the element is unknown; the template reader's form for it
    assertThat(lake.rules().ipRules()).extracting(Address::text).containsExactly("[reference('" + pip + "').ipAddress]");
    Answers a = Answers.of(e, null);
    assertThat(a.egress()).allSatisfy(x -> {
      assertThat(x.mode()).isEqualTo("NAT_GATEWAY");
      assertThat(x.addresses()).containsExactly(pip);
    });
    assertThat(a.pairs()).filteredOn(p -> p.target().name().equals("stdbxlake"))
        .hasSize(2).allSatisfy(p -> assertThat(p.outcome()).isEqualTo("ALLOW"));
    assertThat(a.pairs()).filteredOn(p -> p.target().name().equals("kv-dbx-etl"))
        .allSatisfy(p -> assertThat(p.outcome()).isNotEqualTo("ALLOW"));
  }

  @Test
  void azapiResourcesAreReadByTheirArmTypeUnderTheirParent() {
    Estate e = load(CREATE);
    StorageAccount archive = e.get(id(SUB + "Microsoft.Storage/storageAccounts/stdbxarchive"), StorageAccount.class);
    assertThat(archive).as("azapi_resource.archive, parent_id = azurerm_resource_group.dbx.id").isNotNull();
    assertThat(archive.rules().defaultAction()).isEqualTo("Deny");
    assertThat(archive.location()).isEqualTo("westeurope");
  }

  @Test
  void theSourceOfEachResourceIsThePlanFileAndItsTerraformAddress() {
    Estate e = load(CREATE);
    Estate.SourceRef src = e.source(id(SUB + "Microsoft.Network/virtualNetworks/vnet-dbx/subnets/snet-dbx-public"));
    assertThat(src.file()).isEqualTo(CREATE.toString());
    assertThat(src.pointer()).isEqualTo("azurerm_subnet.dbx[\"public\"]");
    Estate state = load(STATE);
    ResourceId subnet = id("/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-ml/providers/"
        + "Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-train");
    assertThat(state.source(subnet).pointer()).isEqualTo("module.network.azurerm_subnet.train");
  }

  @Test
  void unmappedTypesAreCountedInOneInfoAndTheSubscriptionComesFromTheClientConfigDataSource() {
    Estate e = load(CREATE);
    assertThat(e.diagnostics()).anySatisfy(d -> {
      assertThat(d.severity()).isEqualTo(Severity.INFO);
      assertThat(d.message()).contains("skipped 2 Terraform resource(s)").contains("azurerm_resource_group (1)")
          .contains("random_string (1)");
    });
    assertThat(e.resources().keySet()).allSatisfy(i -> assertThat(i.subscription())
        .isEqualTo("3f2a9c1e-7b4d-4e8a-9c6f-2d1e0b7a5c33"));
  }

  @Test
  void aStateWithChildModulesGivesTheNatGatewaysKnownAddress() {
    Estate e = load(STATE);
    assertThat(errors(e)).isEmpty();
    Answers a = Answers.of(e, null);
    assertThat(a.egress()).singleElement().satisfies(x -> {
      assertThat(x.mode()).isEqualTo("NAT_GATEWAY");
      assertThat(x.addresses()).containsExactly("52.170.44.7");
    });
    assertThat(a.pairs()).filteredOn(p -> p.target().name().equals("stmlfeatures"))
        .singleElement().satisfies(p -> assertThat(p.outcome()).isEqualTo("ALLOW"));
    assertThat(e.all(MlCompute.class)).singleElement().satisfies(c -> assertThat(c.subnet().name()).isEqualTo("snet-train"));
  }

  @Test
  void checkOnAPlanEvaluatesThePlannedStateAndThePriorSideIsReadOnRequest() throws IOException {
    ResourceId subnet = id("/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-ml/providers/"
        + "Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-train");
    // the loader reads planned_values: the association is deleted by the plan
    assertThat(load(NAT_REMOVAL).get(subnet, Subnet.class).natGateway()).isNull();
    List<Diagnostic> d = new ArrayList<>();
    List<RawResource> prior = TerraformAdapter.readPlan(NAT_REMOVAL, TerraformAdapter.View.PRIOR, d);
    Estate before = new EstateLoader().build(prior, d);
    assertThat(before.get(subnet, Subnet.class).natGateway()).isNotNull();
  }

  @Test
  void aPlanWithoutPriorStateHasAnEmptyBefore() throws IOException {
    JsonNode root = MAPPER.readTree(CREATE.toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) root).remove("prior_state");
    List<Diagnostic> d = new ArrayList<>();
    assertThat(TerraformAdapter.read("p.json", root, TerraformAdapter.View.PRIOR, d)).isEmpty();
    // without the client config data source the subscription is a placeholder, said once
    List<RawResource> after = TerraformAdapter.read("p.json", root, TerraformAdapter.View.PLANNED, d);
    assertThat(after).isNotEmpty().allSatisfy(r -> assertThat(r.json().get("id").asText())
        .startsWith("/subscriptions/" + TerraformAdapter.NO_SUBSCRIPTION + "/"));
    assertThat(d).filteredOn(x -> x.message().contains("holds no subscription id")).hasSize(1);
  }

  @Test
  void moduleOutputsAndVariablesAreFollowedToResolveAReference() throws IOException {
    // compute cluster (root) -> module.net.subnet_id output -> azurerm_subnet.a.id; the subnet's resource group
    // comes from var.rg, whose module argument is a root resource group's name
    String plan = """
        {"format_version":"1.2","terraform_version":"1.9.4",
         "planned_values":{"root_module":{"resources":[
           {"address":"azurerm_machine_learning_compute_cluster.c","mode":"managed","type":"azurerm_machine_learning_compute_cluster",
            "name":"c","provider_name":"registry.terraform.io/hashicorp/azurerm","schema_version":0,
            "values":{"name":"cpu","location":"eastus","machine_learning_workspace_id":"/subscriptions/s1/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w",
                      "node_public_ip_enabled":false},"sensitive_values":{}}],
          "child_modules":[{"address":"module.net","resources":[
           {"address":"module.net.azurerm_subnet.a","mode":"managed","type":"azurerm_subnet","name":"a",
            "provider_name":"registry.terraform.io/hashicorp/azurerm","schema_version":0,
            "values":{"name":"snet-a","virtual_network_name":"vnet-a","resource_group_name":"rg-net","address_prefixes":["10.1.0.0/24"]},
            "sensitive_values":{}}]}]}},
         "resource_changes":[
           {"address":"azurerm_machine_learning_compute_cluster.c","mode":"managed","type":"azurerm_machine_learning_compute_cluster","name":"c",
            "change":{"actions":["create"],"before":null,"after":{},"after_unknown":{"id":true,"subnet_resource_id":true}}},
           {"address":"module.net.azurerm_subnet.a","module_address":"module.net","mode":"managed","type":"azurerm_subnet","name":"a",
            "change":{"actions":["create"],"before":null,"after":{},"after_unknown":{"id":true}}}],
         "configuration":{"root_module":{
           "resources":[{"address":"azurerm_machine_learning_compute_cluster.c","mode":"managed","type":"azurerm_machine_learning_compute_cluster","name":"c",
             "expressions":{"subnet_resource_id":{"references":["module.net.subnet_id","module.net"]}}}],
           "module_calls":{"net":{"source":"./net","expressions":{"rg":{"constant_value":"rg-net"}},"module":{
             "outputs":{"subnet_id":{"expression":{"references":["azurerm_subnet.a.id","azurerm_subnet.a"]}}},
             "resources":[{"address":"azurerm_subnet.a","mode":"managed","type":"azurerm_subnet","name":"a",
               "expressions":{"resource_group_name":{"references":["var.rg"]}}}]}}}}}}
        """;
    List<Diagnostic> d = new ArrayList<>();
    List<RawResource> raw = TerraformAdapter.read("p.json", MAPPER.readTree(plan), TerraformAdapter.View.PLANNED, d);
    Estate e = new EstateLoader().build(raw, d);
    MlCompute c = e.get(id("/subscriptions/s1/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w/computes/cpu"),
        MlCompute.class);
    assertThat(c.subnet()).isEqualTo(id("/subscriptions/s1/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/"
        + "vnet-a/subnets/snet-a"));
    assertThat(c.enableNodePublicIp()).isFalse();
  }

  @Test
  void anIdInAModuleArgumentIsNotTakenForAnAddressOfTheSameObject() throws IOException {
    // the corpus' PAN-OS module (terraform-azure-aks-agic): private_ip_address = var.interfaces[count.index]...,
    // whose only resolvable reference in the module argument is a subnet's id; an id is never an address
    String plan = """
        {"format_version":"1.2","terraform_version":"1.9.4",
         "planned_values":{"root_module":{"resources":[
           {"address":"azurerm_subnet.mgmt","mode":"managed","type":"azurerm_subnet","name":"mgmt",
            "provider_name":"registry.terraform.io/hashicorp/azurerm","schema_version":0,
            "values":{"id":"/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/hub/subnets/mgmt",
              "name":"mgmt","virtual_network_name":"hub","resource_group_name":"rg","address_prefixes":["10.0.9.0/24"]},
            "sensitive_values":{}}],
          "child_modules":[{"address":"module.fw","resources":[
           {"address":"module.fw.azurerm_network_interface.this[0]","mode":"managed","type":"azurerm_network_interface",
            "name":"this","index":0,"provider_name":"registry.terraform.io/hashicorp/azurerm","schema_version":0,
            "values":{"name":"fw-mgmt","location":"eastus","resource_group_name":"rg",
              "ip_configuration":[{"name":"primary","private_ip_address_allocation":"Dynamic"}]},"sensitive_values":{}}]}]}},
         "resource_changes":[
           {"address":"module.fw.azurerm_network_interface.this[0]","module_address":"module.fw","mode":"managed",
            "type":"azurerm_network_interface","name":"this","index":0,
            "change":{"actions":["create"],"before":null,"after":{},
              "after_unknown":{"id":true,"ip_configuration":[{"private_ip_address":true,"subnet_id":true}]}}}],
         "configuration":{"root_module":{
           "resources":[{"address":"azurerm_subnet.mgmt","mode":"managed","type":"azurerm_subnet","name":"mgmt"}],
           "module_calls":{"fw":{"source":"./fw","expressions":{"interfaces":{"references":["azurerm_subnet.mgmt.id",
               "azurerm_subnet.mgmt"]}},"module":{
             "resources":[{"address":"azurerm_network_interface.this","mode":"managed","type":"azurerm_network_interface",
               "name":"this","expressions":{"ip_configuration":[{"name":{"constant_value":"primary"},
                 "private_ip_address":{"references":["var.interfaces","count.index"]},
                 "subnet_id":{"references":["var.interfaces","count.index"]}}]}}]}}}}}}
        """;
    List<Diagnostic> d = new ArrayList<>();
    List<RawResource> raw = TerraformAdapter.read("p.json", MAPPER.readTree(plan), TerraformAdapter.View.PLANNED, d);
    Estate e = new EstateLoader().build(raw, d);
    assertThat(e.diagnostics()).noneMatch(x -> x.severity() == Severity.ERROR);
    NetworkInterface nic = e.all(NetworkInterface.class).get(0);
    assertThat(nic.ipConfigurations().get(0).privateIp()).isNull(); // known after apply, not the subnet's id
    assertThat(nic.ipConfigurations().get(0).subnet().value()).endsWith("/virtualNetworks/hub/subnets/mgmt"); // an id is
  }

  @Test
  void aNameKnownOnlyAfterApplyGetsAStandInNamingTheAddress() throws IOException {
    String plan = """
        {"format_version":"1.2","planned_values":{"root_module":{"resources":[
          {"address":"azurerm_storage_account.s","mode":"managed","type":"azurerm_storage_account","name":"s",
           "values":{"resource_group_name":"rg","location":"westeurope","account_tier":"Standard","account_replication_type":"LRS"}}]}},
         "resource_changes":[{"address":"azurerm_storage_account.s","mode":"managed","type":"azurerm_storage_account","name":"s",
           "change":{"actions":["create"],"after_unknown":{"id":true,"name":true}}}]}
        """;
    List<Diagnostic> d = new ArrayList<>();
    List<RawResource> raw = TerraformAdapter.read("p.json", MAPPER.readTree(plan), TerraformAdapter.View.PLANNED, d);
    assertThat(raw).singleElement().satisfies(r -> assertThat(r.json().get("name").asText())
        .isEqualTo("{azurerm_storage_account.s}"));
  }

  @Test
  void anUnsupportedFormatVersionIsOneInputError() throws IOException {
    JsonNode root = MAPPER.readTree("{\"format_version\":\"2.0\",\"values\":{\"root_module\":{}}}");
    assertThatThrownBy(() -> TerraformAdapter.read("x.json", root, TerraformAdapter.View.PLANNED, new ArrayList<>()))
        .isInstanceOf(InputException.class).hasMessageContaining("x.json").hasMessageContaining("format_version");
  }

  @Test
  void readPlanRejectsAStateWithOneLine() {
    assertThatThrownBy(() -> TerraformAdapter.readPlan(STATE, TerraformAdapter.View.PRIOR, new ArrayList<>()))
        .isInstanceOf(InputException.class).hasMessageContaining("expected the JSON of a Terraform plan");
  }

  @Test
  void theSameInfrastructureAsATerraformStateAndAsAnArmExportGivesTheSameAnswers() {
    // ml.arm.json: the resources of ml.state.json as ARM GET returns them (REST API shapes)
    Answers tf = Answers.of(load(STATE), null);
    Answers arm = Answers.of(load(DIR.resolve("ml.arm.json")), null);
    assertThat(tf.pairs()).extracting(p -> p.compute() + " -> " + p.target().value() + " " + p.outcome() + " " + p.reasons())
        .isNotEmpty()
        .containsExactlyElementsOf(arm.pairs().stream()
            .map(p -> p.compute() + " -> " + p.target().value() + " " + p.outcome() + " " + p.reasons()).toList());
    assertThat(tf.egress()).extracting(e -> e.compute() + " " + e.mode() + " " + e.addresses())
        .containsExactlyElementsOf(arm.egress().stream().map(e -> e.compute() + " " + e.mode() + " " + e.addresses()).toList());
  }
}
