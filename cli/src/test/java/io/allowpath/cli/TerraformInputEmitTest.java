package io.allowpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code plan --emit terraform} on the NAT-removal plan (its subnet is declared in {@code module.network}, its
 * Key Vault and storage account in the root module): new resources for what the configuration does not declare,
 * the id as a string for a module's resource (the root module cannot reference it), EDITs for the rest.
 */
class TerraformInputEmitTest {
  static final String PLAN = "../core/src/test/resources/terraform/nat-removal.plan.json";

  @Test
  void aModuleSubnetIsNamedByIdAndRootResourcesAreEdited() {
    CliRun r = CliRun.of("plan", "--estate", PLAN, "--emit", "terraform");
    assertThat(r.code()).as(r.err()).isZero();
    String out = r.out();
    // the NAT gateway is new; the subnet it joins is module.network.azurerm_subnet.train, so its id is a string
    assertThat(out).contains("resource \"azurerm_nat_gateway\"").containsPattern(
        "resource \"azurerm_subnet_nat_gateway_association\" \"vnet_ml_snet_train\" \\{\\n  subnet_id      = "
            + "\"/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-ml/providers/Microsoft.Network/"
            + "virtualNetworks/vnet-ml/subnets/snet-train\"");
    // the Key Vault's ACL is an EDIT of azurerm_key_vault.ml, not an azapi_update_resource that its next apply undoes
    assertThat(out).contains("# EDIT azurerm_key_vault.ml (declared by your configuration):")
        .contains("#           value = azurerm_public_ip.pip_nat_vnet_ml.ip_address")
        .doesNotContain("resource \"azapi_update_resource\"");
    assertThat(out).contains("# EDIT azurerm_storage_account.features (declared by your configuration):")
        .contains("#     ip_rules                   = [\"52.170.44.7\", azurerm_public_ip.pip_nat_vnet_ml.ip_address]");
  }
}
