package io.allowpath.emit;

import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.emit.terraform.TerraformEmitter;
import io.allowpath.ingest.terraform.TerraformAdapter;
import io.allowpath.model.ResourceId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code plan --emit terraform} for an estate read from Terraform writes into the user's configuration: no provider
 * alias of its own (the configuration declares none: a reference to an undeclared provider configuration is an
 * error), and an EDIT in the user's provider generation where argument names differ (azurerm 5.x replaced an
 * {@code azurerm_subnet}'s {@code service_endpoints} list with {@code service_endpoint} blocks: subnet_resource.go,
 * 5.0 upgrade guide).
 */
class TerraformInputShapesTest {
  /** Terraform input whose configuration declares one unrelated resource: every fixture's resources are undeclared. */
  static final Map<ResourceId, Map<String, String>> OTHER = Map.of(
      ResourceId.of("/subscriptions/" + Fixtures.SUB + "/resourceGroups/rg-x/providers/Microsoft.Network/virtualNetworks/x"),
      Map.of("", "azurerm_virtual_network.x"));

  @Test
  void noBlockNamesAProviderAliasTheUsersConfigurationDoesNotHave() {
    Fixtures.cases().forEach((name, changes) -> {
      String out = new TerraformEmitter(OTHER).emit(Fixtures.plan(changes));
      assertThat(out).as(name).doesNotContainPattern("(?m)^\\s*provider\\s*=\\s*azurerm\\.")
          .doesNotContain("provider \"azurerm\"");
    });
    // standalone output keeps its aliases
    assertThat(new TerraformEmitter().emit(Fixtures.plan(Fixtures.cases().get("storage"))))
        .containsPattern("(?m)^\\s*provider\\s*=\\s*azurerm\\.sub_");
  }

  @Test
  void aSubnetServiceEndpointEditUsesTheUsersProviderGeneration() {
    ResourceId subnet = Fixtures.ML_SUBNET.id();
    String v4 = new TerraformEmitter(Map.of(subnet, Map.of("", "azurerm_subnet.ml")))
        .emit(Fixtures.plan(Fixtures.serviceEndpoint()));
    assertThat(v4).contains("# EDIT azurerm_subnet.ml").contains("service_endpoints = [\"Microsoft.KeyVault\", \"Microsoft.Storage\"]")
        .doesNotContain("service_endpoint {");
    String v5 = new TerraformEmitter(Map.of(subnet, Map.of("", "azurerm_subnet.ml", TerraformAdapter.SCHEMA_KEY, "5")))
        .emit(Fixtures.plan(Fixtures.serviceEndpoint()));
    assertThat(v5).contains("# EDIT azurerm_subnet.ml").contains("service_endpoint {")
        .containsPattern("service\\s+= \"Microsoft.KeyVault\"").containsPattern("service\\s+= \"Microsoft.Storage\"")
        .doesNotContain("service_endpoints")
        .contains("network_identifier");
    assertThat(List.of(v4, v5)).allSatisfy(o -> assertThat(o).doesNotContain("azapi_update_resource\" "));
  }
}
