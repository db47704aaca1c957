package io.allowpath.ingest.arm;

import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.model.Address;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.IpSet;
import io.allowpath.model.MlWorkspace;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Severity;
import io.allowpath.model.SqlServer;
import io.allowpath.model.StorageAccount;
import io.allowpath.model.Target;
import io.allowpath.model.WebApp;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * IP rule values are parsed once, while reading (issue 10): a value that is not an address, prefix,
 * range or public IP reference is one ERROR diagnostic at its JSON pointer and the resource is skipped;
 * a valid one reaches the model already parsed, so analysis never parses text.
 */
class TypedAddressesTest {
  private static final String SUB = "/subscriptions/0000/resourceGroups/rg/providers/";

  private static String storage(String ip) {
    return "{\"id\":\"" + SUB + "Microsoft.Storage/storageAccounts/st1\",\"type\":\"Microsoft.Storage/storageAccounts\","
        + "\"location\":\"westeurope\",\"properties\":{\"networkAcls\":{\"defaultAction\":\"Deny\",\"ipRules\":["
        + "{\"value\":\"20.1.2.0/24\"},{\"value\":\"" + ip + "\"}]}}}";
  }

  @ParameterizedTest(name = "storage IP rule {0}")
  @CsvSource({"999.1.1.1", "10.0.0.0/33", "garbage/99", "AzureMachineLearning", "''", "1.2.3"})
  void anInvalidStorageIpRuleIsAnErrorAtItsPointerAndSkipsTheAccount(String bad) {
    Estate e = Arm.estate(storage(bad));
    assertThat(e.all(StorageAccount.class)).isEmpty();
    List<Diagnostic> errors = Arm.of(e, Severity.ERROR);
    assertThat(errors).singleElement().satisfies(d -> {
      assertThat(d.pointer()).endsWith("/properties/networkAcls/ipRules/1/value");
      assertThat(d.message()).contains("'" + bad + "'").contains("expected an IP address");
    });
  }

  @Test
  void validValuesArriveParsed() {
    StorageAccount s = Arm.estate(storage("2001:db8::/48")).all(StorageAccount.class).get(0);
    assertThat(s.rules().ipRules()).extracting(Address::addresses)
        .containsExactly(IpSet.parse("20.1.2.0/24"), IpSet.parse("2001:db8::/48"));
    assertThat(Address.texts(s.rules().ipRules())).containsExactly("20.1.2.0/24", "2001:db8::/48");
  }

  @Test
  void aPublicIpReferenceIsTypedAsTheReference() {
    String pip = SUB + "Microsoft.Network/publicIPAddresses/pip-nat";
    StorageAccount s = Arm.estate(storage("[reference('" + pip + "').ipAddress]")).all(StorageAccount.class).get(0);
    Address ref = s.rules().ipRules().get(1);
    assertThat(ref.addresses()).isNull();
    assertThat(ref.publicIp()).isEqualTo(ResourceId.of(pip));
  }

  @Test
  void anInvalidSqlFirewallRuleIsAnErrorAndTheRuleIsNotJoined() {
    Estate e = Arm.estate(
        "{\"id\":\"" + SUB + "Microsoft.Sql/servers/sql1\",\"type\":\"Microsoft.Sql/servers\",\"location\":\"westeurope\","
            + "\"properties\":{}}",
        "{\"id\":\"" + SUB + "Microsoft.Sql/servers/sql1/firewallRules/bad\",\"type\":\"Microsoft.Sql/servers/firewallRules\","
            + "\"properties\":{\"startIpAddress\":\"10.0.0.999\",\"endIpAddress\":\"10.0.1.0\"}}");
    assertThat(Arm.of(e, Severity.ERROR)).singleElement()
        .satisfies(d -> assertThat(d.pointer()).endsWith("/properties/startIpAddress"));
    assertThat(e.all(SqlServer.class)).singleElement().satisfies(s -> assertThat(s.firewallRules()).isEmpty());
  }

  @Test
  void anInvalidAppServiceRestrictionIsAnError() {
    Estate e = Arm.estate("{\"id\":\"" + SUB + "Microsoft.Web/sites/app1\",\"type\":\"Microsoft.Web/sites\","
        + "\"location\":\"westeurope\",\"properties\":{\"siteConfig\":{\"ipSecurityRestrictions\":["
        + "{\"ipAddress\":\"Any\",\"action\":\"Allow\",\"priority\":2147483647,\"name\":\"Allow all\"},"
        + "{\"ipAddress\":\"AzureCloud\",\"tag\":\"ServiceTag\",\"action\":\"Allow\",\"priority\":100},"
        + "{\"ipAddress\":\"20.1.2.0/24, 300.1.1.1\",\"action\":\"Allow\",\"priority\":200}]}}}");
    assertThat(e.all(WebApp.class)).isEmpty();
    assertThat(Arm.of(e, Severity.ERROR)).singleElement().satisfies(d -> {
      assertThat(d.pointer()).endsWith("/properties/siteConfig/ipSecurityRestrictions/2/ipAddress");
      assertThat(d.message()).contains("300.1.1.1");
    });
  }

  @Test
  void appServiceAddressListsAndTagsAreTypedAtIngest() {
    WebApp w = Arm.estate("{\"id\":\"" + SUB + "Microsoft.Web/sites/app1\",\"type\":\"Microsoft.Web/sites\","
        + "\"location\":\"westeurope\",\"properties\":{\"siteConfig\":{\"ipSecurityRestrictions\":["
        + "{\"ipAddress\":\"AzureCloud\",\"tag\":\"ServiceTag\",\"action\":\"Allow\",\"priority\":100},"
        + "{\"ipAddress\":\"20.1.2.0/24,20.1.3.0/24\",\"action\":\"Allow\",\"priority\":200}]}}}")
        .all(WebApp.class).get(0);
    assertThat(w.siteConfig().ipSecurityRestrictions().get(0).addresses()).isNull();
    assertThat(w.siteConfig().ipSecurityRestrictions().get(1).addresses()).isEqualTo(IpSet.parse("20.1.2.0/23"));
  }

  @Test
  void anInvalidWorkspaceAllowlistEntryIsAnError() {
    Estate e = Arm.estate("{\"id\":\"" + SUB + "Microsoft.MachineLearningServices/workspaces/mlw\","
        + "\"type\":\"Microsoft.MachineLearningServices/workspaces\",\"location\":\"westeurope\","
        + "\"properties\":{\"ipAllowlist\":[\"20.1.2.3\",\"20.1.2\"]}}");
    assertThat(e.all(MlWorkspace.class)).isEmpty();
    assertThat(Arm.of(e, Severity.ERROR)).singleElement()
        .satisfies(d -> assertThat(d.pointer()).endsWith("/properties/ipAllowlist"));
    assertThat(e.resources().values()).noneMatch(Target.class::isInstance);
  }
}
