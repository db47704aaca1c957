package io.allowpath.analysis.access;

import static io.allowpath.analysis.access.AccessCases.NAT_IP;
import static io.allowpath.analysis.access.Outcome.ALLOW;
import static io.allowpath.analysis.access.Outcome.DENY;
import static io.allowpath.analysis.access.Reason.MANAGED_NETWORK_NOT_APPROVED;
import static io.allowpath.analysis.access.Reason.MANAGED_NETWORK_NO_STABLE_IP;
import static io.allowpath.analysis.access.Reason.OPEN_TO_ALL_NETWORKS;
import static io.allowpath.analysis.access.Reason.PUBLIC_ACCESS_DISABLED;
import static io.allowpath.analysis.access.Reason.VIA_MANAGED_PRIVATE_ENDPOINT;
import static io.allowpath.analysis.access.Via.MANAGED_PRIVATE_ENDPOINT;
import static io.allowpath.analysis.access.Via.NONE;
import static io.allowpath.analysis.access.Via.PUBLIC_IP;
import static io.allowpath.testing.TargetJson.denyExcept;
import static io.allowpath.testing.TargetJson.keyVault;
import static io.allowpath.testing.TargetJson.kvId;
import static io.allowpath.testing.TargetJson.obj;
import static io.allowpath.testing.TargetJson.put;
import static io.allowpath.testing.TargetJson.storage;
import static io.allowpath.testing.TargetJson.storageId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.analysis.access.ReasonCoverageTest.Case;
import io.allowpath.testing.EstateJson;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The AML managed network's outbound rules (AZURE-EGRESS.md §2.2 A1): in approved-only mode traffic to a
 * target leaves only through an active rule that covers it: a private endpoint rule to the resource, an
 * FQDN rule matching its name (never for storage), or a ServiceTag rule for its service (optionally
 * regional) or AzureCloud; the workspace's own storage, key vault, registry get a Required private
 * endpoint automatically. Outbound rule shape: Workspaces outbound rules REST API
 * (FqdnOutboundRule, ServiceTagOutboundRule with destination.serviceTag, PrivateEndpointOutboundRule).
 */
class ManagedNetworkRulesTest {
  @TempDir Path dir;

  static final String KV = kvId("kv1");
  static final String APPROVED = "AllowOnlyApprovedOutbound";
  static final String INTERNET = "AllowInternetOutbound";

  static ObjectNodeRule tagRule(String tag, String status) {
    return new ObjectNodeRule("tag-rule", obj("type", "ServiceTag", "category", "UserDefined", "status", status,
        "destination", obj("serviceTag", tag, "protocol", "TCP", "portRanges", "443", "action", "Allow")));
  }

  static ObjectNodeRule fqdnRule(String fqdn) {
    return new ObjectNodeRule("fqdn-rule", obj("type", "FQDN", "category", "UserDefined", "status", "Active",
        "destination", fqdn));
  }

  record ObjectNodeRule(String name, ObjectNode node) {}

  static Arguments m(String name, String mode, List<ObjectNodeRule> rules, Consumer<EstateJson> target,
      String targetId, Outcome o, Via via, Reason... reasons) {
    Consumer<EstateJson> setup = e -> {
      target.accept(e);
      for (ObjectNodeRule r : rules) {
        ReasonCoverageTest.outboundRule(e, r.name(), r.node());
      }
    };
    return Arguments.argumentSet(name, new Case(name, ReasonCoverageTest.managed(mode), setup, AccessCases.CLUSTER,
        targetId, false, o, via, List.of(reasons)));
  }

  static final Consumer<EstateJson> OPEN_KV = e -> keyVault(e, "kv1", "eastus");

  static Stream<Arguments> cases() {
    return Stream.of(
        m("ServiceTag rule for the target's service → ALLOW through the managed firewall", APPROVED,
            List.of(tagRule("AzureKeyVault", "Active")), OPEN_KV, KV, ALLOW, PUBLIC_IP, OPEN_TO_ALL_NETWORKS),
        m("regional ServiceTag rule for the target's region (any case) → ALLOW", APPROVED,
            List.of(tagRule("AzureKeyVault.EastUS", "Active")), OPEN_KV, KV, ALLOW, PUBLIC_IP, OPEN_TO_ALL_NETWORKS),
        m("regional ServiceTag rule for another region → DENY MANAGED_NETWORK_NOT_APPROVED", APPROVED,
            List.of(tagRule("AzureKeyVault.westeurope", "Active")), OPEN_KV, KV, DENY, NONE,
            MANAGED_NETWORK_NOT_APPROVED),
        m("ServiceTag rule for another service → DENY MANAGED_NETWORK_NOT_APPROVED", APPROVED,
            List.of(tagRule("Storage", "Active")), OPEN_KV, KV, DENY, NONE, MANAGED_NETWORK_NOT_APPROVED),
        m("AzureCloud ServiceTag rule covers every service → ALLOW", APPROVED,
            List.of(tagRule("AzureCloud", "Active")), OPEN_KV, KV, ALLOW, PUBLIC_IP, OPEN_TO_ALL_NETWORKS),
        m("an Inactive ServiceTag rule does nothing → DENY MANAGED_NETWORK_NOT_APPROVED", APPROVED,
            List.of(tagRule("AzureKeyVault", "Inactive")), OPEN_KV, KV, DENY, NONE, MANAGED_NETWORK_NOT_APPROVED),
        m("ServiceTag rule to an IP-restricted target → DENY MANAGED_NETWORK_NO_STABLE_IP", APPROVED,
            List.of(tagRule("AzureKeyVault", "Active")), e -> denyExcept(keyVault(e, "kv1", "eastus"), NAT_IP), KV,
            DENY, PUBLIC_IP, MANAGED_NETWORK_NO_STABLE_IP),
        m("ServiceTag rule to a target with public access disabled → DENY PUBLIC_ACCESS_DISABLED", APPROVED,
            List.of(tagRule("AzureKeyVault", "Active")),
            e -> put(keyVault(e, "kv1", "eastus"), "properties.publicNetworkAccess", "Disabled"), KV, DENY, PUBLIC_IP,
            PUBLIC_ACCESS_DISABLED),
        m("wildcard FQDN rule *.vault.azure.net → ALLOW", APPROVED, List.of(fqdnRule("*.vault.azure.net")), OPEN_KV,
            KV, ALLOW, PUBLIC_IP, OPEN_TO_ALL_NETWORKS),
        m("FQDN rule for another vault → DENY MANAGED_NETWORK_NOT_APPROVED", APPROVED,
            List.of(fqdnRule("kv2.vault.azure.net")), OPEN_KV, KV, DENY, NONE, MANAGED_NETWORK_NOT_APPROVED),
        m("ServiceTag Storage rule does reach storage (only FQDN rules cannot) → ALLOW", APPROVED,
            List.of(tagRule("Storage", "Active")), e -> storage(e, "stopen", "westeurope"), storageId("stopen"), ALLOW,
            PUBLIC_IP, OPEN_TO_ALL_NETWORKS),
        m("internet outbound: the workspace's own key vault with public access disabled gets its Required "
            + "private endpoint → ALLOW via MANAGED_PRIVATE_ENDPOINT", INTERNET, List.of(), e -> {
              put(keyVault(e, "kv1", "eastus"), "properties.publicNetworkAccess", "Disabled");
              put(e.mlWorkspace("mlw").node, "properties.keyVault", KV);
            }, KV, ALLOW, MANAGED_PRIVATE_ENDPOINT, VIA_MANAGED_PRIVATE_ENDPOINT),
        m("internet outbound: another key vault with public access disabled → DENY PUBLIC_ACCESS_DISABLED", INTERNET,
            List.of(), e -> put(keyVault(e, "kv1", "eastus"), "properties.publicNetworkAccess", "Disabled"), KV, DENY,
            PUBLIC_IP, PUBLIC_ACCESS_DISABLED),
        m("internet outbound: the workspace's own IP-restricted key vault (public access on) → DENY "
            + "MANAGED_NETWORK_NO_STABLE_IP", INTERNET, List.of(), e -> {
              denyExcept(keyVault(e, "kv1", "eastus"), NAT_IP);
              put(e.mlWorkspace("mlw").node, "properties.keyVault", KV);
            }, KV, DENY, PUBLIC_IP, MANAGED_NETWORK_NO_STABLE_IP));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void managedNetworkOutboundRules(Case k) {
    ReasonCoverageTest.Result r = ReasonCoverageTest.run(k, dir);
    Verdict v = r.verdict();
    assertThat(v.outcome()).as("outcome: %s", ReasonCoverageTest.show(v)).isEqualTo(k.outcome());
    assertThat(v.via()).as("via: %s", ReasonCoverageTest.show(v)).isEqualTo(k.via());
    assertThat(v.reasons()).as("reasons: %s", ReasonCoverageTest.show(v)).containsExactlyElementsOf(k.reasons());
    assertThat(r.matrixOutcome() + " " + r.matrixReasons()).as("matrix").isEqualTo(v.outcome() + " " + v.reasons());
  }
}
