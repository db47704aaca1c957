package io.allowpath.ingest.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.allowpath.ingest.load.EstateLoader;
import io.allowpath.model.AzureFirewall;
import io.allowpath.model.Estate;
import io.allowpath.model.FirewallPolicy;
import io.allowpath.model.FirewallRuleCollection;
import io.allowpath.model.IpValue;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Azure Firewall, firewall policy and rule collection (group) resources of a Terraform state, read into the model
 * records the ARM readers make from the same resources' REST shapes. Attribute names and how the provider writes
 * them to ARM: hashicorp/terraform-provider-azurerm internal/services/firewall/firewall_resource.go
 * ({@code private_ip_ranges} → {@code additionalProperties["Network.SNAT.PrivateRanges"]} joined with commas;
 * {@code virtual_hub} → {@code virtualHub} + {@code hubIPAddresses}), firewall_policy_resource.go
 * ({@code private_ip_ranges} → {@code snat.privateRanges}, {@code auto_learn_private_ranges_enabled} →
 * {@code snat.autoLearnPrivateRanges}, {@code sql_redirect_allowed} → {@code sql.allowSqlRedirect}) and
 * firewall_policy_rule_collection_group_resource.go.
 */
class TerraformFirewallTest {
  static final String RG = "/subscriptions/s1/resourceGroups/rg-hub/providers/Microsoft.Network/";

  static Estate load(Path dir, String resources) throws IOException {
    String state = "{\"format_version\":\"1.0\",\"terraform_version\":\"1.9.4\",\"values\":{\"root_module\":{\"resources\":["
        + resources + "]}}}";
    Path f = dir.resolve("s.json");
    Files.writeString(f, state, StandardCharsets.UTF_8);
    Estate e = new EstateLoader().load(List.of(f));
    assertThat(e.diagnostics()).filteredOn(d -> d.severity() == Severity.ERROR).isEmpty();
    return e;
  }

  static String resource(String type, String name, String values) {
    return "{\"address\":\"" + type + "." + name + "\",\"mode\":\"managed\",\"type\":\"" + type + "\",\"name\":\"" + name
        + "\",\"provider_name\":\"registry.terraform.io/hashicorp/azurerm\",\"schema_version\":0,\"values\":" + values + "}";
  }

  @Test
  void aClassicFirewallKeepsItsSnatRangesManagementSubnetAndItsCollectionsRulesWithIpGroups(@TempDir Path dir)
      throws IOException {
    Estate e = load(dir, String.join(",",
        resource("azurerm_firewall", "hub", "{\"id\":\"" + RG + "azureFirewalls/fw-hub\",\"name\":\"fw-hub\","
            + "\"resource_group_name\":\"rg-hub\",\"location\":\"eastus\",\"sku_name\":\"AZFW_VNet\",\"sku_tier\":\"Premium\","
            + "\"threat_intel_mode\":\"Deny\",\"firewall_policy_id\":\"\",\"private_ip_ranges\":[\"IANAPrivateRanges\",\"100.64.0.0/10\"],"
            + "\"dns_servers\":[],\"dns_proxy_enabled\":false,\"zones\":[],\"virtual_hub\":[],"
            + "\"ip_configuration\":[{\"name\":\"ipconfig1\",\"subnet_id\":\"" + RG
            + "virtualNetworks/vnet-hub/subnets/AzureFirewallSubnet\",\"public_ip_address_id\":\"" + RG
            + "publicIPAddresses/pip-fw\",\"private_ip_address\":\"10.0.1.4\"}],"
            + "\"management_ip_configuration\":[{\"name\":\"mgmt\",\"subnet_id\":\"" + RG
            + "virtualNetworks/vnet-hub/subnets/AzureFirewallManagementSubnet\",\"public_ip_address_id\":\"" + RG
            + "publicIPAddresses/pip-fw-mgmt\",\"private_ip_address\":\"10.0.2.4\"}]}"),
        resource("azurerm_firewall_network_rule_collection", "egress", "{\"id\":\"" + RG
            + "azureFirewalls/fw-hub/networkRuleCollections/egress\",\"name\":\"egress\",\"azure_firewall_name\":\"fw-hub\","
            + "\"resource_group_name\":\"rg-hub\",\"priority\":100,\"action\":\"Deny\",\"rule\":[{\"name\":\"to-groups\","
            + "\"description\":\"\",\"source_addresses\":[\"10.1.0.0/16\"],\"source_ip_groups\":[],\"destination_addresses\":[],"
            + "\"destination_ip_groups\":[\"" + RG + "ipGroups/ipg-block\"],\"destination_fqdns\":[],\"destination_ports\":[\"*\"],"
            + "\"protocols\":[\"Any\"]}]}")));
    AzureFirewall fw = e.get(ResourceId.of(RG + "azureFirewalls/fw-hub"), AzureFirewall.class);
    assertThat(IpValue.texts(fw.snatPrivateRanges())).containsExactly("IANAPrivateRanges", "100.64.0.0/10");
    assertThat(fw.managementSubnet()).isEqualTo(ResourceId.of(RG + "virtualNetworks/vnet-hub/subnets/AzureFirewallManagementSubnet"));
    assertThat(fw.skuTier()).isEqualTo("Premium");
    assertThat(fw.threatIntelMode()).isEqualTo("Deny");
    assertThat(fw.firewallPolicy()).isNull(); // "" is not set
    assertThat(fw.unmodelled()).contains("managementIpConfiguration", "additionalProperties");
    assertThat(fw.ruleCollections()).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo("egress");
      assertThat(c.kind()).isEqualTo("NETWORK");
      assertThat(c.action()).isEqualTo("Deny");
      // the ARM reader counts an IP group as a destination of the rule
      assertThat(IpValue.texts(c.rules().get(0).destinationAddresses())).containsExactly(RG + "ipGroups/ipg-block");
    });
  }

  @Test
  void aSecuredHubFirewallTakesItsHubAddresses(@TempDir Path dir) throws IOException {
    Estate e = load(dir, resource("azurerm_firewall", "vhub", "{\"id\":\"" + RG + "azureFirewalls/fw-vhub\",\"name\":\"fw-vhub\","
        + "\"resource_group_name\":\"rg-hub\",\"location\":\"eastus\",\"sku_name\":\"AZFW_Hub\",\"sku_tier\":\"Standard\","
        + "\"ip_configuration\":[],\"virtual_hub\":[{\"virtual_hub_id\":\"" + RG + "virtualHubs/vhub\",\"public_ip_count\":2,"
        + "\"public_ip_addresses\":[\"20.1.2.3\",\"20.1.2.4\"],\"private_ip_address\":\"10.100.64.4\"}]}"));
    AzureFirewall fw = e.get(ResourceId.of(RG + "azureFirewalls/fw-vhub"), AzureFirewall.class);
    assertThat(fw.hubPrivateIp().text()).isEqualTo("10.100.64.4");
    assertThat(IpValue.texts(fw.hubPublicIps())).containsExactly("20.1.2.3", "20.1.2.4");
  }

  @Test
  void aPolicyAndItsRuleCollectionGroupJoinTheFirewallThatUsesIt(@TempDir Path dir) throws IOException {
    Estate e = load(dir, String.join(",",
        resource("azurerm_firewall", "hub", "{\"id\":\"" + RG + "azureFirewalls/fw-hub\",\"name\":\"fw-hub\","
            + "\"resource_group_name\":\"rg-hub\",\"location\":\"eastus\",\"sku_name\":\"AZFW_VNet\",\"sku_tier\":\"Standard\","
            + "\"firewall_policy_id\":\"" + RG + "firewallPolicies/fwp\",\"private_ip_ranges\":[],\"ip_configuration\":[]}"),
        resource("azurerm_firewall_policy", "hub", "{\"id\":\"" + RG + "firewallPolicies/fwp\",\"name\":\"fwp\","
            + "\"resource_group_name\":\"rg-hub\",\"location\":\"eastus\",\"sku\":\"Standard\",\"private_ip_ranges\":[\"10.0.0.0/8\"],"
            + "\"auto_learn_private_ranges_enabled\":true,\"sql_redirect_allowed\":true,\"dns\":[]}"),
        resource("azurerm_firewall_policy_rule_collection_group", "g", "{\"id\":\"" + RG
            + "firewallPolicies/fwp/ruleCollectionGroups/g\",\"name\":\"g\",\"firewall_policy_id\":\"" + RG
            + "firewallPolicies/fwp\",\"priority\":500,"
            + "\"network_rule_collection\":[{\"name\":\"net\",\"priority\":200,\"action\":\"Allow\",\"rule\":[{\"name\":\"https\","
            + "\"protocols\":[\"TCP\"],\"source_addresses\":[\"10.1.0.0/16\"],\"destination_addresses\":[\"Storage.WestEurope\"],"
            + "\"destination_ip_groups\":[],\"destination_fqdns\":[],\"destination_ports\":[\"443\"]}]}],"
            + "\"application_rule_collection\":[{\"name\":\"web\",\"priority\":300,\"action\":\"Deny\",\"rule\":[{\"name\":\"blob\","
            + "\"protocols\":[{\"type\":\"Https\",\"port\":443}],\"source_addresses\":[\"*\"],\"destination_fqdns\":[\"*.blob.core.windows.net\"],"
            + "\"destination_fqdn_tags\":[],\"destination_urls\":[],\"web_categories\":[],\"terminate_tls\":false}]}],"
            + "\"nat_rule_collection\":[]}")));
    FirewallPolicy p = e.get(ResourceId.of(RG + "firewallPolicies/fwp"), FirewallPolicy.class);
    assertThat(IpValue.texts(p.snatPrivateRanges())).containsExactly("10.0.0.0/8");
    assertThat(p.autoLearnPrivateRanges()).isEqualTo("Enabled");
    assertThat(p.allowSqlRedirect()).isTrue();
    AzureFirewall fw = e.get(ResourceId.of(RG + "azureFirewalls/fw-hub"), AzureFirewall.class);
    assertThat(fw.sqlRedirectFiltered()).isTrue();
    assertThat(fw.ruleCollections()).extracting(FirewallRuleCollection::name, FirewallRuleCollection::kind,
        FirewallRuleCollection::action, FirewallRuleCollection::groupPriority, FirewallRuleCollection::priority)
        .containsExactly(tuple("net", "NETWORK", "Allow", 500, 200),
            tuple("web", "APPLICATION", "Deny", 500, 300));
    assertThat(fw.ruleCollections().get(0).source()).isEqualTo(ResourceId.of(RG + "firewallPolicies/fwp/ruleCollectionGroups/g"));
    assertThat(fw.ruleCollections().get(1).rules().get(0).targetFqdns()).containsExactly("*.blob.core.windows.net");
    assertThat(fw.ruleCollections().get(1).rules().get(0).protocols()).containsExactly("Https:443");
  }

}
