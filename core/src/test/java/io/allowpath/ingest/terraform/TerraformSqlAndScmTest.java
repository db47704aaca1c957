package io.allowpath.ingest.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.ingest.load.EstateLoader;
import io.allowpath.model.Estate;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Severity;
import io.allowpath.model.SqlServer;
import io.allowpath.model.WebApp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's Terraform mappings, each read from a state in {@code terraform show -json} shape into the model record
 * the ARM reader makes of the same resource's REST shape:
 * <ul>
 *   <li>{@code azurerm_mssql_server.connection_policy} (Default|Proxy|Redirect; internal/services/mssql/
 *       mssql_server_resource.go PUTs it as the server's {@code connectionPolicies/default}, REST example
 *       ServerConnectionPoliciesGet.json: {@code properties.connectionType});</li>
 *   <li>App Service {@code site_config.scm_ip_restriction} (the {@code ip_restriction} block schema),
 *       {@code scm_ip_restriction_default_action} and {@code scm_use_main_ip_restriction}
 *       (internal/services/appservice/helpers/*_schema.go → {@code scmIpSecurityRestrictions},
 *       {@code scmIpSecurityRestrictionsDefaultAction}, {@code scmIpSecurityRestrictionsUseMain}).</li>
 * </ul>
 */
class TerraformSqlAndScmTest {
  static final String RG = "/subscriptions/s1/resourceGroups/rg-app/providers/";
  static final String SQL = RG + "Microsoft.Sql/servers/sql-app";
  static final String SITE = RG + "Microsoft.Web/sites/app-api";

  static Estate load(Path dir, String file, String json) throws IOException {
    Path f = dir.resolve(file);
    Files.writeString(f, json, StandardCharsets.UTF_8);
    Estate e = new EstateLoader().load(List.of(f));
    assertThat(e.diagnostics()).filteredOn(d -> d.severity() == Severity.ERROR).isEmpty();
    return e;
  }

  static String state(String... resources) {
    return "{\"format_version\":\"1.0\",\"terraform_version\":\"1.9.4\",\"values\":{\"root_module\":{\"resources\":["
        + String.join(",", resources) + "]}}}";
  }

  static String tf(String type, String name, String values) {
    return "{\"address\":\"" + type + "." + name + "\",\"mode\":\"managed\",\"type\":\"" + type + "\",\"name\":\"" + name
        + "\",\"provider_name\":\"registry.terraform.io/hashicorp/azurerm\",\"schema_version\":0,\"values\":" + values + "}";
  }

  static String sqlServer(String policy) {
    return tf("azurerm_mssql_server", "app", "{\"id\":\"" + SQL + "\",\"name\":\"sql-app\",\"resource_group_name\":\"rg-app\","
        + "\"location\":\"westeurope\",\"version\":\"12.0\",\"public_network_access_enabled\":true,\"connection_policy\":\""
        + policy + "\",\"minimum_tls_version\":\"1.2\"}");
  }

  @Test
  void theConnectionPolicyIsTheServersConnectionPoliciesDefault(@TempDir Path dir) throws IOException {
    for (String policy : List.of("Default", "Proxy", "Redirect")) {
      SqlServer tf = load(dir, "s.json", state(sqlServer(policy))).get(ResourceId.of(SQL), SqlServer.class);
      SqlServer arm = load(dir, "arm.json", "[{\"id\":\"" + SQL + "\",\"name\":\"sql-app\",\"type\":\"Microsoft.Sql/servers\","
          + "\"location\":\"westeurope\",\"properties\":{\"publicNetworkAccess\":\"Enabled\"}},"
          + "{\"id\":\"" + SQL + "/connectionPolicies/default\",\"name\":\"default\",\"type\":\"Microsoft.Sql/servers/connectionPolicies\","
          + "\"location\":\"westeurope\",\"kind\":\"\",\"properties\":{\"connectionType\":\"" + policy + "\"}}]")
          .get(ResourceId.of(SQL), SqlServer.class);
      assertThat(tf.connectionPolicy()).isEqualTo(policy);
      assertThat(tf).isEqualTo(arm);
    }
    // a plan that leaves it to apply time: not in the estate (the answer stays AMBIGUOUS where it matters)
    String plan = "{\"format_version\":\"1.2\",\"planned_values\":{\"root_module\":{\"resources\":[" + tf("azurerm_mssql_server",
        "app", "{\"name\":\"sql-app\",\"resource_group_name\":\"rg-app\",\"location\":\"westeurope\","
            + "\"public_network_access_enabled\":true}") + "]}},\"resource_changes\":[{\"address\":\"azurerm_mssql_server.app\","
        + "\"mode\":\"managed\",\"type\":\"azurerm_mssql_server\",\"name\":\"app\",\"change\":{\"actions\":[\"create\"],"
        + "\"after_unknown\":{\"id\":true,\"connection_policy\":true}}}]}";
    SqlServer unknown = load(dir, "p.json", plan).get(ResourceId.of("/subscriptions/unknown-subscription/resourceGroups/rg-app/"
        + "providers/Microsoft.Sql/servers/sql-app"), SqlServer.class);
    assertThat(unknown).isNotNull();
    assertThat(unknown.connectionPolicy()).isNull();
  }

  static String restriction(String name, String ip, String tag, int priority, String action) {
    return "{\"name\":\"" + name + "\",\"ip_address\":\"" + ip + "\",\"service_tag\":\"" + tag + "\",\"virtual_network_subnet_id\":\"\","
        + "\"priority\":" + priority + ",\"action\":\"" + action + "\",\"headers\":[],\"description\":\"\"}";
  }

  @Test
  void theScmSiteTakesItsOwnRestrictionsAsFromTheArmSiteConfig(@TempDir Path dir) throws IOException {
    String site = tf("azurerm_linux_web_app", "api", "{\"id\":\"" + SITE + "\",\"name\":\"app-api\",\"resource_group_name\":\"rg-app\","
        + "\"location\":\"westeurope\",\"public_network_access_enabled\":true,\"site_config\":[{"
        + "\"ip_restriction\":[" + restriction("office", "20.1.2.3/32", "", 100, "Allow") + "],"
        + "\"ip_restriction_default_action\":\"Deny\","
        + "\"scm_ip_restriction\":[" + restriction("build", "", "AzureCloud", 200, "Allow") + "],"
        + "\"scm_ip_restriction_default_action\":\"Deny\",\"scm_use_main_ip_restriction\":false}]}");
    Estate tf = load(dir, "s.json", state(site));
    Estate arm = load(dir, "arm.json", "[{\"id\":\"" + SITE + "\",\"name\":\"app-api\",\"type\":\"Microsoft.Web/sites\","
        + "\"kind\":\"app,linux\",\"location\":\"westeurope\",\"properties\":{\"publicNetworkAccess\":\"Enabled\",\"siteConfig\":{"
        + "\"ipSecurityRestrictions\":[{\"name\":\"office\",\"ipAddress\":\"20.1.2.3/32\",\"action\":\"Allow\",\"priority\":100}],"
        + "\"ipSecurityRestrictionsDefaultAction\":\"Deny\","
        + "\"scmIpSecurityRestrictions\":[{\"name\":\"build\",\"ipAddress\":\"AzureCloud\",\"tag\":\"ServiceTag\",\"action\":\"Allow\","
        + "\"priority\":200}],\"scmIpSecurityRestrictionsDefaultAction\":\"Deny\",\"scmIpSecurityRestrictionsUseMain\":false}}}]");
    WebApp main = tf.get(ResourceId.of(SITE), WebApp.class);
    assertThat(main).isEqualTo(arm.get(ResourceId.of(SITE), WebApp.class));
    assertThat(main.siteConfig().scmDiffers()).isTrue();
    // the SCM site is a target of its own, with the build rule and not the office one
    WebApp scm = tf.get(ResourceId.of(SITE + WebApp.SCM_SUFFIX), WebApp.class);
    assertThat(scm).isNotNull().isEqualTo(arm.get(ResourceId.of(SITE + WebApp.SCM_SUFFIX), WebApp.class));
    assertThat(scm.siteConfig().ipSecurityRestrictions()).extracting(r -> r.name()).containsExactly("build");

    // scm_use_main_ip_restriction = true: the SCM site follows the main site's rules, no target of its own
    Estate useMain = load(dir, "s2.json", state(site.replace("\"scm_use_main_ip_restriction\":false",
        "\"scm_use_main_ip_restriction\":true")));
    assertThat(useMain.get(ResourceId.of(SITE), WebApp.class).siteConfig().scmDiffers()).isFalse();
    assertThat(useMain.get(ResourceId.of(SITE + WebApp.SCM_SUFFIX), WebApp.class)).isNull();
  }
}
