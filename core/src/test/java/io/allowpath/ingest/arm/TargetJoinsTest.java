package io.allowpath.ingest.arm;

import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.ingest.load.EstateLoader;
import io.allowpath.model.Address;
import io.allowpath.model.AccessRestriction;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.MessagingNamespace;
import io.allowpath.model.NetworkRules;
import io.allowpath.model.PrivateDnsZone;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Service;
import io.allowpath.model.Severity;
import io.allowpath.model.SqlServer;
import io.allowpath.model.WebApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven tests of the joins of standalone target children to their parents (habit 8). */
class TargetJoinsTest {
  static final String RG = "/subscriptions/s/resourceGroups/rg/providers/";
  static final String SQL = RG + "Microsoft.Sql/servers/sql1";
  static final String SITE = RG + "Microsoft.Web/sites/app1";
  static final String EH = RG + "Microsoft.EventHub/namespaces/eh1";
  static final String SB = RG + "Microsoft.ServiceBus/namespaces/sb1";
  static final String ZONE = RG + "Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net";
  static final String SUBNET = RG + "Microsoft.Network/virtualNetworks/v1/subnets/s1";
  static final String VNET = RG + "Microsoft.Network/virtualNetworks/v1";

  static String res(String id, String type, String props) {
    return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"location\":\"West Europe\",\"properties\":" + props + "}";
  }

  static final String SQL_SERVER = res(SQL, "Microsoft.Sql/servers", "{\"publicNetworkAccess\":\"enabled\"}");
  static final String SQL_RULE_A = res(SQL + "/firewallRules/a", "Microsoft.Sql/servers/firewallRules",
      "{\"startIpAddress\":\"1.2.3.4\",\"endIpAddress\":\"1.2.3.10\"}");
  static final String SQL_RULE_AZURE = res(SQL + "/firewallRules/AllowAllWindowsAzureIps",
      "Microsoft.Sql/servers/firewallRules", "{\"startIpAddress\":\"0.0.0.0\",\"endIpAddress\":\"0.0.0.0\"}");
  static final String SQL_VNET_RULE = res(SQL + "/virtualNetworkRules/v", "Microsoft.Sql/servers/virtualNetworkRules",
      "{\"virtualNetworkSubnetId\":\"" + SUBNET + "\",\"ignoreMissingVnetServiceEndpoint\":false}");
  static final String SITE_INLINE = res(SITE, "Microsoft.Web/sites", "{\"publicNetworkAccess\":\"Enabled\","
      + "\"siteConfig\":{\"ipSecurityRestrictions\":[{\"ipAddress\":\"9.9.9.9/32\",\"name\":\"inline\"}]}}");
  static final String SITE_NULL_RULES = "{\"id\":\"" + SITE + "\",\"type\":\"Microsoft.Web/sites\",\"kind\":\"app\","
      + "\"location\":\"West Europe\",\"properties\":{\"siteConfig\":{\"numberOfWorkers\":1,"
      + "\"ipSecurityRestrictions\":null,\"scmIpSecurityRestrictions\":null}}}";
  static final String SITE_CONFIG_WEB = res(SITE + "/config/web", "Microsoft.Web/sites/config",
      "{\"ipSecurityRestrictionsDefaultAction\":\"Deny\",\"ipSecurityRestrictions\":["
          + "{\"ipAddress\":\"1.2.3.0/24\",\"action\":\"Allow\",\"priority\":100,\"name\":\"nat\"},"
          + "{\"ipAddress\":\"AzureFrontDoor.Backend\",\"tag\":\"ServiceTag\",\"priority\":200,\"name\":\"afd\","
          + "\"headers\":{\"x-azure-fdid\":[\"abc\"]}},"
          + "{\"vnetSubnetResourceId\":\"" + SUBNET + "\",\"name\":\"vnet\",\"headers\":{}},"
          + "{\"ipAddress\":\"Any\",\"action\":\"Deny\",\"priority\":2147483647,\"name\":\"Deny all\"}]}");
  static final String SITE_CONFIG_WEB_NO_RULES = res(SITE + "/config/web", "Microsoft.Web/sites/config",
      "{\"numberOfWorkers\":1}");
  static final String EH_NS = "{\"id\":\"" + EH + "\",\"type\":\"Microsoft.EventHub/namespaces\",\"location\":\"westeurope\","
      + "\"sku\":{\"name\":\"Standard\"},\"properties\":{\"publicNetworkAccess\":\"Enabled\"}}";
  static final String EH_RULES = res(EH + "/networkRuleSets/default", "Microsoft.EventHub/namespaces/networkRuleSets",
      "{\"defaultAction\":\"Deny\",\"trustedServiceAccessEnabled\":true,"
          + "\"ipRules\":[{\"ipMask\":\"11.0.0.0/24\",\"action\":\"Allow\"}],"
          + "\"virtualNetworkRules\":[{\"subnet\":{\"id\":\"" + SUBNET + "\"},\"ignoreMissingVnetServiceEndpoint\":false}]}");
  static final String SB_NS = "{\"id\":\"" + SB + "\",\"type\":\"Microsoft.ServiceBus/namespaces\",\"location\":\"westeurope\","
      + "\"sku\":{\"name\":\"Premium\"},\"properties\":{\"publicNetworkAccess\":\"disabled\"}}";
  static final String SB_RULES = res(SB + "/networkRuleSets/default", "Microsoft.ServiceBus/namespaces/networkRuleSets",
      "{\"defaultAction\":\"Deny\",\"ipRules\":[]}");
  static final String DNS_ZONE = "{\"id\":\"" + ZONE + "\",\"type\":\"Microsoft.Network/privateDnsZones\",\"location\":\"global\"}";
  static final String DNS_LINK = res(ZONE + "/virtualNetworkLinks/l1", "Microsoft.Network/privateDnsZones/virtualNetworkLinks",
      "{\"virtualNetwork\":{\"id\":\"" + VNET + "\"},\"registrationEnabled\":false}");
  static final String DNS_A = res(ZONE + "/A/st1", "Microsoft.Network/privateDnsZones/A",
      "{\"ttl\":10,\"aRecords\":[{\"ipv4Address\":\"10.0.0.5\"}]}");

  static Arguments join(String name, List<String> resources, Consumer<Estate> check) {
    return Arguments.of(Named.of(name, resources), check);
  }

  static Stream<Arguments> joins() {
    return Stream.of(
        join("SQL firewallRules and virtualNetworkRules read standalone join their server",
            List.of(SQL_RULE_A, SQL_SERVER, SQL_RULE_AZURE, SQL_VNET_RULE), e -> {
              SqlServer s = e.get(ResourceId.of(SQL), SqlServer.class);
              assertThat(s.publicNetworkAccess()).isEqualTo("Enabled");
              assertThat(s.firewallRules()).extracting(r -> r.name() + "=" + r.startIpAddress() + "-" + r.endIpAddress())
                  .containsExactly("a=1.2.3.4-1.2.3.10", "AllowAllWindowsAzureIps=0.0.0.0-0.0.0.0");
              assertThat(s.vnetRules()).containsExactly(ResourceId.of(SUBNET));
            }),
        join("the same SQL firewall rule read twice is kept once", List.of(SQL_SERVER, SQL_RULE_A, SQL_RULE_A),
            e -> assertThat(e.get(ResourceId.of(SQL), SqlServer.class).firewallRules()).hasSize(1)),
        join("sites/config/web overrides the site's inline siteConfig", List.of(SITE_CONFIG_WEB, SITE_INLINE), e -> {
          WebApp w = e.get(ResourceId.of(SITE), WebApp.class);
          assertThat(w.siteConfig().defaultAction()).isEqualTo("Deny");
          assertThat(w.siteConfig().ipSecurityRestrictions()).extracting(AccessRestriction::name)
              .containsExactly("nat", "afd", "vnet", "Deny all");
        }),
        join("sites/config/web fills a site GET whose siteConfig has no restrictions",
            List.of(SITE_NULL_RULES, SITE_CONFIG_WEB),
            e -> assertThat(e.get(ResourceId.of(SITE), WebApp.class).siteConfig().ipSecurityRestrictions()).hasSize(4)),
        join("sites/config/web without ipSecurityRestrictions keeps the inline siteConfig",
            List.of(SITE_INLINE, SITE_CONFIG_WEB_NO_RULES),
            e -> assertThat(e.get(ResourceId.of(SITE), WebApp.class).siteConfig().ipSecurityRestrictions())
                .extracting(AccessRestriction::name).containsExactly("inline")),
        join("Event Hubs networkRuleSets/default joins its namespace", List.of(EH_RULES, EH_NS), e -> {
          MessagingNamespace n = e.get(ResourceId.of(EH), MessagingNamespace.class);
          assertThat(n.service()).isEqualTo(Service.EVENT_HUBS);
          assertThat(n.sku()).isEqualTo("Standard");
          assertThat(n.trustedServiceAccessEnabled()).isTrue();
          assertThat(n.rules()).isEqualTo(new NetworkRules("Enabled", "Deny", null, Address.list("11.0.0.0/24"),
              List.of(ResourceId.of(SUBNET))));
        }),
        join("Service Bus networkRuleSets without publicNetworkAccess takes the namespace's", List.of(SB_NS, SB_RULES),
            e -> {
              MessagingNamespace n = e.get(ResourceId.of(SB), MessagingNamespace.class);
              assertThat(n.service()).isEqualTo(Service.SERVICE_BUS);
              assertThat(n.publicNetworkAccess()).isEqualTo("Disabled");
              assertThat(n.rules().publicNetworkAccess()).isEqualTo("Disabled");
              assertThat(n.rules().defaultDeny()).isTrue();
              assertThat(n.rules().ipRules()).isEmpty();
              assertThat(n.trustedServiceAccessEnabled()).isFalse();
            }),
        join("a namespace without a networkRuleSets child keeps rules null", List.of(EH_NS),
            e -> assertThat(e.get(ResourceId.of(EH), MessagingNamespace.class).rules()).isNull()),
        join("privateDnsZones virtualNetworkLinks and A records join their zone", List.of(DNS_A, DNS_LINK, DNS_ZONE, DNS_LINK),
            e -> {
              PrivateDnsZone z = e.get(ResourceId.of(ZONE), PrivateDnsZone.class);
              assertThat(z.zoneName()).isEqualTo("privatelink.blob.core.windows.net");
              assertThat(z.linkedVnets()).containsExactly(ResourceId.of(VNET));
              assertThat(z.aRecords()).containsExactly(new PrivateDnsZone.ARecord("st1", List.of("10.0.0.5")));
            }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("joins")
  void joinsChildToParent(List<String> resources, Consumer<Estate> check) {
    Estate e = Arm.estate(resources.toArray(String[]::new));
    assertThat(e.diagnostics()).as("diagnostics").isEmpty();
    check.accept(e);
  }

  static Stream<Arguments> orphans() {
    return Stream.of(
        Arguments.of(Named.of("SQL firewall rule", SQL_RULE_A), SQL),
        Arguments.of(Named.of("SQL virtual network rule", SQL_VNET_RULE), SQL),
        Arguments.of(Named.of("sites/config/web", SITE_CONFIG_WEB), SITE),
        Arguments.of(Named.of("sites/config/web without restrictions", SITE_CONFIG_WEB_NO_RULES), SITE),
        Arguments.of(Named.of("Event Hubs networkRuleSets", EH_RULES), EH),
        Arguments.of(Named.of("Service Bus networkRuleSets", SB_RULES), SB),
        Arguments.of(Named.of("private DNS virtualNetworkLink", DNS_LINK), ZONE),
        Arguments.of(Named.of("private DNS A record", DNS_A), ZONE));
  }

  @ParameterizedTest(name = "{0} without its parent: one WARNING naming the parent")
  @MethodSource("orphans")
  void childWithoutParentWarnsNamingTheParent(String child, String parent) {
    Estate e = Arm.estate(child);
    assertThat(e.resources()).isEmpty();
    assertThat(e.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.severity()).isEqualTo(Severity.WARNING);
      assertThat(d.message()).contains(parent).contains("not in the estate");
      assertThat(d.file()).isEqualTo("inline-0.json");
    });
  }

  /** A site GET returns siteConfig with ipSecurityRestrictions null: the rules are unknown, not absent. */
  @Test
  void siteGetWithNullRestrictionsHasNoSiteConfig() {
    WebApp w = Arm.estate(SITE_NULL_RULES).get(ResourceId.of(SITE), WebApp.class);
    assertThat(w.kind()).isEqualTo("app");
    assertThat(w.siteConfig()).isNull();
  }

  @Test
  void accessRestrictionDefaultsAndHeaders() {
    WebApp w = Arm.estate(SITE_NULL_RULES, SITE_CONFIG_WEB).get(ResourceId.of(SITE), WebApp.class);
    assertThat(w.siteConfig().ipSecurityRestrictions()).containsExactly(
        new AccessRestriction("nat", "1.2.3.0/24", "Allow", 100, "Default", null, false),
        new AccessRestriction("afd", "AzureFrontDoor.Backend", "Allow", 200, "ServiceTag", null, true),
        new AccessRestriction("vnet", null, "Allow", 65000, "Default", ResourceId.of(SUBNET), false),
        new AccessRestriction("Deny all", "Any", "Deny", Integer.MAX_VALUE, "Default", null, false));
  }

  @Test
  void otherSiteConfigsAreSkippedNotWarned() {
    Estate e = Arm.estate(SITE_INLINE, res(SITE + "/config/appsettings", "Microsoft.Web/sites/config", "{\"A\":\"b\"}"));
    assertThat(e.diagnostics()).isEmpty();
    assertThat(e.skippedTypes()).containsKey("microsoft.web/sites/config/appsettings");
  }

  /** End to end through EstateLoader: a site and its config/web in separate files join. */
  @Test
  void loaderJoinsSiteAndConfigFromSeparateFiles(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a-config.json"), SITE_CONFIG_WEB);
    Files.writeString(dir.resolve("b-site.json"), "[" + SITE_NULL_RULES + "]");
    Estate e = new EstateLoader().load(List.of(dir));
    assertThat(e.diagnostics()).isEmpty();
    assertThat(e.get(ResourceId.of(SITE), WebApp.class).siteConfig().defaultAction()).isEqualTo("Deny");
  }

  @Test
  void childWarningDoesNotStopOtherResources() {
    Estate e = Arm.estate(SQL_RULE_A, EH_NS);
    assertThat(e.all(MessagingNamespace.class)).hasSize(1);
    assertThat(e.diagnostics()).extracting(Diagnostic::severity).containsExactly(Severity.WARNING);
  }
}
