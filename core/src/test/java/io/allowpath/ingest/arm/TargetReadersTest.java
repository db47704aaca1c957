package io.allowpath.ingest.arm;

import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.model.Address;
import io.allowpath.model.CognitiveAccount;
import io.allowpath.model.ContainerRegistry;
import io.allowpath.model.CosmosAccount;
import io.allowpath.model.Estate;
import io.allowpath.model.IpValue;
import io.allowpath.model.KeyVault;
import io.allowpath.model.PrivateEndpoint;
import io.allowpath.model.ResourceId;
import io.allowpath.model.SearchService;
import io.allowpath.model.Severity;
import io.allowpath.model.StorageAccount;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Per-service field mapping of {@link TargetReaders} on small hand-written resources. */
class TargetReadersTest {
  static final String RG = "/subscriptions/s/resourceGroups/rg/providers/";
  static final String SUBNET = RG + "Microsoft.Network/virtualNetworks/v1/subnets/s1";

  static String res(String type, String name, String body) {
    return "{\"id\":\"" + RG + type + "/" + name + "\",\"type\":\"" + type + "\",\"location\":\"East US\"," + body + "}";
  }

  @ParameterizedTest(name = "publicNetworkAccess \"{0}\" reads as \"{1}\"")
  @CsvSource({"enabled,Enabled", "DISABLED,Disabled", "securedbyperimeter,SecuredByPerimeter", "Enabled,Enabled",
      "SomethingNew,SomethingNew"})
  void publicNetworkAccessCasingIsNormalised(String written, String read) {
    Estate e = Arm.estate(res("Microsoft.Search/searchServices", "srch",
        "\"sku\":{\"name\":\"basic\"},\"properties\":{\"publicNetworkAccess\":\"" + written + "\"}"));
    assertThat(e.all(SearchService.class).get(0).rules().publicNetworkAccess()).isEqualTo(read);
  }

  @Test
  void storageReadsNetworkAclsSkuKindAndResourceAccessRules() {
    StorageAccount s = Arm.estate(res("Microsoft.Storage/storageAccounts", "st1",
        "\"sku\":{\"name\":\"Standard_LRS\"},\"kind\":\"StorageV2\",\"properties\":{\"publicNetworkAccess\":\"Enabled\","
            + "\"networkAcls\":{\"bypass\":\"Logging, Metrics, AzureServices\",\"defaultAction\":\"Deny\","
            + "\"ipRules\":[{\"value\":\"16.17.18.0/24\",\"action\":\"Allow\"}],"
            + "\"virtualNetworkRules\":[{\"id\":\"" + SUBNET + "\",\"action\":\"Allow\"}],"
            + "\"resourceAccessRules\":[{\"tenantId\":\"t\",\"resourceId\":\"" + RG
            + "Microsoft.Databricks/accessConnectors/ac1\"}]}}")).all(StorageAccount.class).get(0);
    assertThat(s.location()).isEqualTo("eastus");
    assertThat(s.sku()).isEqualTo("Standard_LRS");
    assertThat(s.kind()).isEqualTo("StorageV2");
    assertThat(s.rules().bypass()).isEqualTo("Logging, Metrics, AzureServices");
    assertThat(s.rules().defaultDeny()).isTrue();
    assertThat(Address.texts(s.rules().ipRules())).containsExactly("16.17.18.0/24");
    assertThat(s.rules().vnetRules()).containsExactly(ResourceId.of(SUBNET));
    assertThat(s.resourceAccessRules()).extracting(ResourceId::name).containsExactly("ac1");
    assertThat(s.fqdn()).isEqualTo("st1.blob.core.windows.net");
  }

  @Test
  void keyVaultWithoutNetworkAclsHasEmptyRules() {
    KeyVault kv = Arm.estate(res("Microsoft.KeyVault/vaults", "kv1", "\"properties\":{}")).all(KeyVault.class).get(0);
    assertThat(kv.rules().defaultAction()).isNull();
    assertThat(kv.rules().ipRules()).isEmpty();
    assertThat(kv.rules().vnetRules()).isEmpty();
  }

  @Test
  void cosmosUnionsIpRulesAndLegacyIpRangeFilter() {
    CosmosAccount c = Arm.estate(res("Microsoft.DocumentDB/databaseAccounts", "db1",
        "\"properties\":{\"ipRules\":[{\"ipAddressOrRange\":\"13.91.105.215\"},{\"ipAddressOrRange\":\"1.2.3.0/24\"}],"
            + "\"ipRangeFilter\":\"1.2.3.0/24,0.0.0.0,4.210.172.107\",\"isVirtualNetworkFilterEnabled\":true,"
            + "\"virtualNetworkRules\":[{\"id\":\"" + SUBNET + "\",\"ignoreMissingVNetServiceEndpoint\":false}],"
            + "\"publicNetworkAccess\":\"Enabled\"}")).all(CosmosAccount.class).get(0);
    assertThat(Address.texts(c.rules().ipRules())).containsExactly("13.91.105.215", "1.2.3.0/24", "0.0.0.0", "4.210.172.107");
    assertThat(c.virtualNetworkFilterEnabled()).isTrue();
    assertThat(c.rules().vnetRules()).containsExactly(ResourceId.of(SUBNET));
  }

  @Test
  void cosmosLegacyIpRangeFilterAlone() {
    CosmosAccount c = Arm.estate(res("Microsoft.DocumentDB/databaseAccounts", "db1",
        "\"properties\":{\"ipRangeFilter\":\"104.42.195.92,40.76.54.131\"}")).all(CosmosAccount.class).get(0);
    assertThat(Address.texts(c.rules().ipRules())).containsExactly("104.42.195.92", "40.76.54.131");
    assertThat(c.virtualNetworkFilterEnabled()).isFalse();
  }

  @Test
  void registryReadsValueAndOlderIpAddressOrRange() {
    ContainerRegistry r = Arm.estate(res("Microsoft.ContainerRegistry/registries", "acr1",
        "\"sku\":{\"name\":\"Premium\"},\"properties\":{\"publicNetworkAccess\":\"enabled\","
            + "\"networkRuleBypassOptions\":\"None\",\"networkRuleSet\":{\"defaultAction\":\"Deny\","
            + "\"ipRules\":[{\"action\":\"Allow\",\"value\":\"1.1.1.1\"},{\"action\":\"Allow\",\"ipAddressOrRange\":\"2.2.2.0/24\"}]}}"))
        .all(ContainerRegistry.class).get(0);
    assertThat(r.premium()).isTrue();
    assertThat(Address.texts(r.rules().ipRules())).containsExactly("1.1.1.1", "2.2.2.0/24");
    assertThat(r.rules().bypass()).isEqualTo("None");
    assertThat(r.rules().publicNetworkAccess()).isEqualTo("Enabled");
    assertThat(r.rules().defaultDeny()).isTrue();
  }

  @Test
  void cognitiveReadsKindSubdomainAndBypass() {
    CognitiveAccount c = Arm.estate(res("Microsoft.CognitiveServices/accounts", "oai1",
        "\"kind\":\"OpenAI\",\"properties\":{\"customSubDomainName\":\"my-oai\",\"publicNetworkAccess\":\"Enabled\","
            + "\"networkAcls\":{\"defaultAction\":\"Deny\",\"bypass\":\"AzureServices\",\"ipRules\":[{\"value\":\"5.6.7.8\"}],"
            + "\"virtualNetworkRules\":[{\"id\":\"" + SUBNET + "\",\"ignoreMissingVnetServiceEndpoint\":false}]}}"))
        .all(CognitiveAccount.class).get(0);
    assertThat(c.kind()).isEqualTo("OpenAI");
    assertThat(c.customSubDomain()).isEqualTo("my-oai");
    assertThat(c.fqdn()).isEqualTo("my-oai.openai.azure.com");
    assertThat(c.rules().bypass()).isEqualTo("AzureServices");
    assertThat(Address.texts(c.rules().ipRules())).containsExactly("5.6.7.8");
    assertThat(c.rules().vnetRules()).containsExactly(ResourceId.of(SUBNET));
  }

  @Test
  void searchReadsNetworkRuleSet() {
    SearchService s = Arm.estate(res("Microsoft.Search/searchServices", "srch",
        "\"sku\":{\"name\":\"standard\"},\"properties\":{\"publicNetworkAccess\":\"enabled\","
            + "\"networkRuleSet\":{\"ipRules\":[{\"value\":\"8.8.8.0/24\"}],\"bypass\":\"AzureServices\"}}"))
        .all(SearchService.class).get(0);
    assertThat(s.sku()).isEqualTo("standard");
    assertThat(Address.texts(s.rules().ipRules())).containsExactly("8.8.8.0/24");
    assertThat(s.rules().bypass()).isEqualTo("AzureServices");
    assertThat(s.rules().publicNetworkAccess()).isEqualTo("Enabled");
  }

  @Test
  void privateEndpointReadsManualConnectionsAndPendingStatus() {
    PrivateEndpoint pe = Arm.estate(res("Microsoft.Network/privateEndpoints", "pe1",
        "\"properties\":{\"subnet\":{\"id\":\"" + SUBNET + "\"},\"privateLinkServiceConnections\":[],"
            + "\"manualPrivateLinkServiceConnections\":[{\"name\":\"m\",\"properties\":{\"privateLinkServiceId\":\"" + RG
            + "Microsoft.KeyVault/vaults/kv1\",\"groupIds\":[\"vault\"],"
            + "\"privateLinkServiceConnectionState\":{\"status\":\"Pending\"}}}],"
            + "\"ipConfigurations\":[{\"name\":\"c\",\"properties\":{\"privateIPAddress\":\"10.0.0.9\"}}]}"))
        .all(PrivateEndpoint.class).get(0);
    assertThat(pe.connections()).singleElement().satisfies(c -> {
      assertThat(c.target().name()).isEqualTo("kv1");
      assertThat(c.groupIds()).containsExactly("vault");
      assertThat(c.approved()).isFalse();
    });
    assertThat(IpValue.texts(pe.privateIps())).containsExactly("10.0.0.9");
  }

  /** Habit 5: a field of the wrong JSON type is one ERROR with its pointer; the resource is skipped, others read. */
  @Test
  void wrongJsonTypeIsOneErrorAndTheResourceIsSkipped() {
    Estate e = Arm.estate(
        res("Microsoft.KeyVault/vaults", "bad", "\"properties\":{\"networkAcls\":{\"ipRules\":\"1.2.3.4\"}}"),
        res("Microsoft.KeyVault/vaults", "good", "\"properties\":{}"));
    assertThat(e.all(KeyVault.class)).extracting(k -> k.id().name()).containsExactly("good");
    assertThat(Arm.of(e, Severity.ERROR)).singleElement().satisfies(d -> {
      assertThat(d.pointer()).isEqualTo("/properties/networkAcls/ipRules");
      assertThat(d.message()).contains("expected an array");
      assertThat(d.resource().name()).isEqualTo("bad");
    });
  }

  @Test
  void accessRestrictionHeadersOfTheWrongTypeAreAnError() {
    Estate e = Arm.estate(res("Microsoft.Web/sites", "app", "\"properties\":{\"siteConfig\":{\"ipSecurityRestrictions\":"
        + "[{\"ipAddress\":\"1.2.3.4/32\",\"headers\":[\"x\"]}]}}"));
    assertThat(Arm.of(e, Severity.ERROR)).singleElement()
        .satisfies(d -> assertThat(d.pointer()).isEqualTo("/properties/siteConfig/ipSecurityRestrictions/0/headers"));
    assertThat(e.resources()).isEmpty();
  }

  @Test
  void emptyRestrictionListIsKnownAndEmpty() {
    var w = Arm.estate(res("Microsoft.Web/sites", "app", "\"properties\":{\"siteConfig\":{\"ipSecurityRestrictions\":[]}}"))
        .all(io.allowpath.model.WebApp.class).get(0);
    assertThat(w.siteConfig()).isNotNull();
    assertThat(w.siteConfig().ipSecurityRestrictions()).isEqualTo(List.of());
    assertThat(w.siteConfig().defaultAction()).isNull();
  }

  /** Habit 7: restrictions a template computes at deployment time are unknown, not an empty list. */
  @Test
  void unknownRestrictionsLeaveSiteConfigUnknown() {
    var w = Arm.estate(res("Microsoft.Web/sites", "app", "\"properties\":{\"siteConfig\":{\"ipSecurityRestrictions\":"
        + "{\"$unknown\":\"[variables('rules')]\"}}}")).all(io.allowpath.model.WebApp.class).get(0);
    assertThat(w.siteConfig()).isNull();
  }
}
