package io.allowpath.analysis.access;

import static io.allowpath.analysis.access.AccessCases.NAT_IP;
import static io.allowpath.analysis.access.Outcome.ALLOW;
import static io.allowpath.analysis.access.Outcome.AMBIGUOUS;
import static io.allowpath.analysis.access.Outcome.DENY;
import static io.allowpath.analysis.access.Reason.ADMITTED_BY_ALL_AZURE_RULE;
import static io.allowpath.analysis.access.Reason.ADMITTED_BY_BROAD_RULE;
import static io.allowpath.analysis.access.Reason.ADMITTED_BY_IP_RULE;
import static io.allowpath.analysis.access.Reason.EGRESS_IP_NOT_ADMITTED;
import static io.allowpath.analysis.access.Reason.EGRESS_UNSTABLE;
import static io.allowpath.analysis.access.Reason.SOME_EGRESS_IPS_NOT_ADMITTED;
import static io.allowpath.analysis.access.Via.PUBLIC_IP;
import static io.allowpath.testing.EstateJson.pipId;
import static io.allowpath.testing.TargetJson.denyExcept;
import static io.allowpath.testing.TargetJson.keyVault;
import static io.allowpath.testing.TargetJson.kvId;
import static io.allowpath.testing.TargetJson.put;
import static io.allowpath.testing.TargetJson.restriction;
import static io.allowpath.testing.TargetJson.site;
import static io.allowpath.testing.TargetJson.siteConfigWeb;
import static io.allowpath.testing.TargetJson.siteId;
import static io.allowpath.testing.TargetJson.sqlFirewallRule;
import static io.allowpath.testing.TargetJson.sqlId;
import static io.allowpath.testing.TargetJson.sqlServer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.analysis.access.ReasonCoverageTest.Case;
import io.allowpath.testing.EstateJson;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Boundaries of the rules for a changing egress address (AZURE-EGRESS.md §1.3 N6, §6.5; CONTRACT.md
 * AMBIGUOUS) and for several egress addresses (§1.2 N4, §6.4): a "broad" rule is a /16 or wider (65,536
 * addresses or more) or an all-Azure rule; a narrower rule never makes a changing address AMBIGUOUS; a
 * Deny rule met first stops the search; unmatched-allowed App Service rules make it AMBIGUOUS; a rule
 * list is walked first-match per address.
 */
class UnstableEgressRulesTest {
  @TempDir Path dir;

  static final String KV = kvId("kv1");
  static final String APP = siteId("app1");

  static Arguments k(String name, Supplier<EstateJson> base, Consumer<EstateJson> setup, String target, Outcome o,
      Reason... reasons) {
    return Arguments.argumentSet(name, new Case(name, base, setup, AccessCases.CLUSTER, target, false, o, PUBLIC_IP,
        List.of(reasons)));
  }

  static ObjectNode web(EstateJson e) {
    site(e, "app1", "eastus");
    return siteConfigWeb(e, "app1");
  }

  static Stream<Arguments> cases() {
    Supplier<EstateJson> bare = AccessCases::bare;
    Supplier<EstateJson> nat = AccessCases::nat;
    return Stream.of(
        k("changing address, /16 rule (65,536 addresses) → AMBIGUOUS ADMITTED_BY_BROAD_RULE", bare,
            e -> denyExcept(keyVault(e, "kv1", "eastus"), "20.10.0.0/16"), KV, AMBIGUOUS, EGRESS_UNSTABLE,
            ADMITTED_BY_BROAD_RULE),
        k("changing address, /17 rule (32,768 addresses) is not broad → DENY EGRESS_UNSTABLE", bare,
            e -> denyExcept(keyVault(e, "kv1", "eastus"), "20.10.0.0/17"), KV, DENY, EGRESS_UNSTABLE),
        k("changing address, a single-address rule → DENY EGRESS_UNSTABLE", bare,
            e -> denyExcept(keyVault(e, "kv1", "eastus"), NAT_IP), KV, DENY, EGRESS_UNSTABLE),
        k("changing address, App Service Deny /8 at 100 before Allow /8 at 200 → DENY EGRESS_UNSTABLE", bare, e -> {
          ObjectNode w = web(e);
          restriction(w, "deny-wide", 100, "Deny", "20.0.0.0/8", null);
          restriction(w, "allow-wide", 200, "Allow", "20.0.0.0/8", null);
        }, APP, DENY, EGRESS_UNSTABLE),
        k("changing address, App Service Allow /8 at 100 before Deny /8 at 200 → AMBIGUOUS ADMITTED_BY_BROAD_RULE",
            bare, e -> {
              ObjectNode w = web(e);
              restriction(w, "allow-wide", 100, "Allow", "20.0.0.0/8", null);
              restriction(w, "deny-wide", 200, "Deny", "20.0.0.0/8", null);
            }, APP, AMBIGUOUS, EGRESS_UNSTABLE, ADMITTED_BY_BROAD_RULE),
        k("changing address, App Service unmatched action Allow with a narrow deny → AMBIGUOUS EGRESS_UNSTABLE", bare,
            e -> {
              ObjectNode w = web(e);
              restriction(w, "deny-one", 100, "Deny", "198.51.100.7/32", null);
              put(w, "properties.ipSecurityRestrictionsDefaultAction", "Allow");
            }, APP, AMBIGUOUS, EGRESS_UNSTABLE),
        k("changing address, SQL 0.0.0.0 → AMBIGUOUS ADMITTED_BY_ALL_AZURE_RULE", bare, e -> {
          sqlServer(e, "sql1", "westus");
          sqlFirewallRule(e, "sql1", "AllowAllWindowsAzureIps", "0.0.0.0", "0.0.0.0");
        }, sqlId("sql1"), AMBIGUOUS, EGRESS_UNSTABLE, ADMITTED_BY_ALL_AZURE_RULE),
        k("stable NAT IP, SQL range rule covering it plus 0.0.0.0 → ALLOW ADMITTED_BY_IP_RULE (the specific rule)", nat,
            e -> {
              sqlServer(e, "sql1", "westus");
              sqlFirewallRule(e, "sql1", "AllowAllWindowsAzureIps", "0.0.0.0", "0.0.0.0");
              sqlFirewallRule(e, "sql1", "nat", "20.10.0.0", "20.10.0.255");
            }, sqlId("sql1"), ALLOW, ADMITTED_BY_IP_RULE),
        k("stable NAT IP, SQL range rule ending just before it → DENY EGRESS_IP_NOT_ADMITTED", nat, e -> {
          sqlServer(e, "sql1", "westus");
          sqlFirewallRule(e, "sql1", "below", "20.10.0.0", "20.10.0.0");
        }, sqlId("sql1"), DENY, EGRESS_IP_NOT_ADMITTED),
        k("stable NAT IP, SQL range rule starting at it → ALLOW", nat, e -> {
          sqlServer(e, "sql1", "westus");
          sqlFirewallRule(e, "sql1", "from", NAT_IP, "20.10.0.9");
        }, sqlId("sql1"), ALLOW, ADMITTED_BY_IP_RULE),
        k("two NAT IPs, App Service Allow for one and Deny for the other → AMBIGUOUS with the deny rule", nat, e -> {
          e.publicIp("pip-ng2", "20.10.0.2");
          e.natGateway("ng").publicIp(pipId("pip-ng2"));
          ObjectNode w = web(e);
          restriction(w, "allow-1", 100, "Allow", NAT_IP + "/32", null);
          restriction(w, "deny-2", 200, "Deny", "20.10.0.2/32", null);
        }, APP, AMBIGUOUS, SOME_EGRESS_IPS_NOT_ADMITTED, Reason.APP_SERVICE_DENY_RULE),
        k("two NAT IPs, one App Service Allow, no rule for the other → AMBIGUOUS with the implicit deny", nat, e -> {
          e.publicIp("pip-ng2", "20.10.0.2");
          e.natGateway("ng").publicIp(pipId("pip-ng2"));
          restriction(web(e), "allow-1", 100, "Allow", NAT_IP + "/32", null);
        }, APP, AMBIGUOUS, SOME_EGRESS_IPS_NOT_ADMITTED, Reason.APP_SERVICE_IMPLICIT_DENY),
        k("App Service: Deny for the NAT IP at 300 after an Allow /24 at 100 → ALLOW (first match wins)", nat, e -> {
          ObjectNode w = web(e);
          restriction(w, "deny-nat", 300, "Deny", NAT_IP + "/32", null);
          restriction(w, "allow-24", 100, "Allow", "20.10.0.0/24", null);
        }, APP, ALLOW, ADMITTED_BY_IP_RULE));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void verdict(Case c) {
    ReasonCoverageTest.Result r = ReasonCoverageTest.run(c, dir);
    Verdict v = r.verdict();
    assertThat(v.outcome()).as("outcome: %s", ReasonCoverageTest.show(v)).isEqualTo(c.outcome());
    assertThat(v.via()).as("via: %s", ReasonCoverageTest.show(v)).isEqualTo(c.via());
    assertThat(v.reasons()).as("reasons: %s", ReasonCoverageTest.show(v)).containsExactlyElementsOf(c.reasons());
    assertThat(r.matrixOutcome() + " " + r.matrixReasons()).as("matrix").isEqualTo(v.outcome() + " " + v.reasons());
  }
}
