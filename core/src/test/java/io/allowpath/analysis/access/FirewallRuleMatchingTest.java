package io.allowpath.analysis.access;

import static io.allowpath.analysis.access.Outcome.ALLOW;
import static io.allowpath.analysis.access.Outcome.DENY;
import static io.allowpath.analysis.access.Reason.ADMITTED_BY_IP_RULE;
import static io.allowpath.analysis.access.Reason.FIREWALL_NO_RULE_MATCH;
import static io.allowpath.analysis.access.Via.PUBLIC_IP;
import static io.allowpath.testing.EstateJson.fwId;
import static io.allowpath.testing.TargetJson.applicationRule;
import static io.allowpath.testing.TargetJson.arr;
import static io.allowpath.testing.TargetJson.classicCollection;
import static io.allowpath.testing.TargetJson.denyExcept;
import static io.allowpath.testing.TargetJson.keyVault;
import static io.allowpath.testing.TargetJson.kvId;
import static io.allowpath.testing.TargetJson.networkRule;
import static io.allowpath.testing.TargetJson.obj;
import static io.allowpath.testing.TargetJson.of;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.analysis.access.ReasonCoverageTest.Case;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How one Azure Firewall rule matches the compute's traffic to a key vault (HTTPS, TCP 443) in eastus
 * (AZURE-EGRESS.md §4.0 rule processing; Azure Firewall rule shapes of the azureFirewalls REST API):
 * destination ports as single ports, ranges (both ends included) and {@code *}; protocols; destination
 * service tags with and without region, AzureCloud and {@code *}; application rule protocols
 * ({@code Https} defaults to 443) and target FQDN patterns. The vault admits the firewall's public IP,
 * so the firewall alone decides: ALLOW when the rule matches, DENY FIREWALL_NO_RULE_MATCH when not.
 */
class FirewallRuleMatchingTest {
  @TempDir Path dir;

  static final String KV = kvId("kv1");
  static final String[] SRC = of("10.1.1.0/24");

  static Arguments k(String name, boolean matches, String field, ObjectNode rule) {
    return Arguments.argumentSet(name + (matches ? " → ALLOW" : " → DENY FIREWALL_NO_RULE_MATCH"),
        new Case(name, ReasonCoverageTest::viaFirewall, e -> {
          classicCollection(e, fwId("fw"), field, "coll", 200, "Allow", rule);
          denyExcept(keyVault(e, "kv1", "eastus"), ReasonCoverageTest.FW_IP);
        }, AccessCases.CLUSTER, KV, false, matches ? ALLOW : DENY, PUBLIC_IP,
            List.of(matches ? ADMITTED_BY_IP_RULE : FIREWALL_NO_RULE_MATCH)));
  }

  static Arguments net(String name, boolean matches, String[] destinations, String... ports) {
    return k(name, matches, "networkRuleCollections", networkRule("r", SRC, destinations, ports));
  }

  static Arguments app(String name, boolean matches, ObjectNode protocol, String... fqdns) {
    ObjectNode r = applicationRule("r", SRC, fqdns);
    if (protocol != null) {
      r.set("protocols", arr(protocol));
    }
    return k(name, matches, "applicationRuleCollections", r);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        net("port range 400-500 contains 443", true, of("AzureKeyVault"), "400-500"),
        net("port range ending at 443", true, of("AzureKeyVault"), "100-443"),
        net("port range starting at 443", true, of("AzureKeyVault"), "443-450"),
        net("port range starting at 444", false, of("AzureKeyVault"), "444-500"),
        net("port range ending at 442", false, of("AzureKeyVault"), "100-442"),
        net("port *", true, of("AzureKeyVault"), "*"),
        net("port list without 443", false, of("AzureKeyVault"), "80", "8443"),
        net("port list with 443 second", true, of("AzureKeyVault"), "80", "443"),
        net("destination *", true, of("*"), "443"),
        net("destination AzureCloud", true, of("AzureCloud"), "443"),
        net("destination regional tag AzureKeyVault.EastUS", true, of("AzureKeyVault.EastUS"), "443"),
        net("destination tag of another service (Storage)", false, of("Storage"), "443"),
        net("destination regional AzureCloud of another region", false, of("AzureCloud.westeurope"), "443"),
        k("UDP-only network rule", false, "networkRuleCollections", obj("name", "r", "protocols", arr("UDP"),
            "sourceAddresses", arr((Object[]) SRC), "destinationAddresses", arr("AzureKeyVault"),
            "destinationPorts", arr("443"))),
        k("network rule from another source range", false, "networkRuleCollections",
            networkRule("r", of("10.9.0.0/16"), of("AzureKeyVault"), "443")),
        k("network rule from a source range containing the subnet", true, "networkRuleCollections",
            networkRule("r", of("10.0.0.0/8"), of("AzureKeyVault"), "443")),
        k("network rule from *", true, "networkRuleCollections", networkRule("r", of("*"), of("AzureKeyVault"), "443")),
        app("application rule Https without a port (443)", true, obj("protocolType", "Https"), "kv1.vault.azure.net"),
        app("application rule Https:8443", false, obj("protocolType", "Https", "port", 8443), "kv1.vault.azure.net"),
        app("application rule Http:80 only", false, obj("protocolType", "Http", "port", 80), "kv1.vault.azure.net"),
        app("application rule *.vault.azure.net", true, null, "*.vault.azure.net"),
        app("application rule *.azure.net", true, null, "*.azure.net"),
        app("application rule *.blob.core.windows.net", false, null, "*.blob.core.windows.net"),
        app("application rule KV1.VAULT.AZURE.NET (case)", true, null, "KV1.VAULT.AZURE.NET"),
        app("application rule vault.azure.net (the parent name, no wildcard)", false, null, "vault.azure.net"),
        app("application rule *", true, null, "*"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void firewallRule(Case c) {
    ReasonCoverageTest.Result r = ReasonCoverageTest.run(c, dir);
    Verdict v = r.verdict();
    assertThat(v.outcome()).as("outcome: %s", ReasonCoverageTest.show(v)).isEqualTo(c.outcome());
    assertThat(v.reasons()).as("reasons: %s", ReasonCoverageTest.show(v)).containsExactlyElementsOf(c.reasons());
    assertThat(r.matrixOutcome() + " " + r.matrixReasons()).as("matrix").isEqualTo(v.outcome() + " " + v.reasons());
  }
}
