package io.allowpath.analysis.access;

import static io.allowpath.analysis.access.AccessCases.NAT_IP;
import static io.allowpath.analysis.access.AccessCases.c;
import static io.allowpath.analysis.access.AccessCases.hop;
import static io.allowpath.analysis.access.Outcome.ALLOW;
import static io.allowpath.analysis.access.Outcome.AMBIGUOUS;
import static io.allowpath.analysis.access.Outcome.DENY;
import static io.allowpath.analysis.access.Outcome.UNKNOWN;
import static io.allowpath.analysis.access.Reason.ADMITTED_BY_IP_RULE;
import static io.allowpath.analysis.access.Reason.EGRESS_IP_NOT_ADMITTED;
import static io.allowpath.analysis.access.Reason.PERIMETER_NOT_IN_ESTATE;
import static io.allowpath.analysis.access.Reason.PERIMETER_SUBSCRIPTION_RULE;
import static io.allowpath.analysis.access.Via.PUBLIC_IP;
import static io.allowpath.testing.EstateJson.SUB;
import static io.allowpath.testing.TargetJson.arr;
import static io.allowpath.testing.TargetJson.keyVault;
import static io.allowpath.testing.TargetJson.kvId;
import static io.allowpath.testing.TargetJson.obj;
import static io.allowpath.testing.TargetJson.put;
import static io.allowpath.testing.TargetJson.ref;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.EgressResolver;
import io.allowpath.model.Estate;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Target;
import io.allowpath.analysis.egress.HopKind;
import io.allowpath.analysis.access.AccessCases.Case;
import io.allowpath.testing.EstateJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code publicNetworkAccess: SecuredByPerimeter} (AZURE-EGRESS.md §8.7) against network security perimeter
 * resources in their ARM shape (Microsoft.Network/networkSecurityPerimeters/profiles/accessRules: direction,
 * addressPrefixes, subscriptions; .../resourceAssociations: privateLinkResource, profile, accessMode) and the access
 * table of https://learn.microsoft.com/azure/private-link/network-security-perimeter-transition.
 */
class PerimeterAccessTest {
  @TempDir Path dir;

  static final String KV = kvId("kv1");
  static final String NSP = EstateJson.net("networkSecurityPerimeters", "nsp1");
  static final String PROFILE = NSP + "/profiles/default";

  static void securedVault(EstateJson e) {
    put(keyVault(e, "kv1", "eastus"), "properties.publicNetworkAccess", "SecuredByPerimeter");
  }

  static void perimeter(EstateJson e, String mode, String... prefixes) {
    e.resource(NSP, "Microsoft.Network/networkSecurityPerimeters", "eastus");
    e.resource(PROFILE, "Microsoft.Network/networkSecurityPerimeters/profiles", "eastus");
    ObjectNode rule = e.resource(PROFILE + "/accessRules/inbound-ml", "Microsoft.Network/networkSecurityPerimeters/profiles/accessRules",
        "eastus");
    put(rule, "properties.direction", "Inbound");
    put(rule, "properties.addressPrefixes", arr((Object[]) prefixes));
    ObjectNode assoc = e.resource(NSP + "/resourceAssociations/kv1-assoc",
        "Microsoft.Network/networkSecurityPerimeters/resourceAssociations", "eastus");
    put(assoc, "properties.privateLinkResource", ref(KV));
    put(assoc, "properties.profile", ref(PROFILE));
    put(assoc, "properties.accessMode", mode);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        c("SecuredByPerimeter without the perimeter in the estate → UNKNOWN naming what to export, not DENY",
            PerimeterAccessTest::securedVault, KV, UNKNOWN, PUBLIC_IP, List.of(NAT_IP), List.of(PERIMETER_NOT_IN_ESTATE),
            hop(HopKind.TARGET, KV, "resourceAssociations")),
        c("Enforced association whose profile admits the NAT IP → ALLOW", e -> {
          securedVault(e);
          perimeter(e, "Enforced", NAT_IP + "/32");
        }, KV, ALLOW, PUBLIC_IP, List.of(NAT_IP), List.of(ADMITTED_BY_IP_RULE), hop(HopKind.TARGET, KV, "profile default")),
        c("Enforced association whose profile admits other addresses → DENY", e -> {
          securedVault(e);
          perimeter(e, "Enforced", "198.51.100.0/24");
        }, KV, DENY, PUBLIC_IP, List.of(NAT_IP), List.of(EGRESS_IP_NOT_ADMITTED)),
        c("Learning (Transition) mode with SecuredByPerimeter: perimeter rules only, as in Enforced", e -> {
          securedVault(e);
          perimeter(e, "Learning", "198.51.100.0/24");
        }, KV, DENY, PUBLIC_IP, List.of(NAT_IP), List.of(EGRESS_IP_NOT_ADMITTED), hop(HopKind.TARGET, KV, "Learning")),
        c("a subscription rule for the compute's own subscription admits its managed identity, not its addresses "
            + "→ AMBIGUOUS (depends on how the call authenticates)", e -> {
          securedVault(e);
          perimeter(e, "Enforced");
          put(e.resource(PROFILE + "/accessRules/inbound-ml", "Microsoft.Network/networkSecurityPerimeters/profiles/accessRules",
              "eastus"), "properties.subscriptions", arr(obj("id", SUB)));
        }, KV, AMBIGUOUS, PUBLIC_IP, List.of(NAT_IP), List.of(EGRESS_IP_NOT_ADMITTED, PERIMETER_SUBSCRIPTION_RULE),
            hop(HopKind.TARGET, KV, "managed identity of subscription 11111111-2222-3333-4444-555555555555")),
        AccessCases.on("a Databricks cluster (no resource of its own) is of its workspace's subscription: the rule for it "
            + "→ AMBIGUOUS", AccessCases.bare(), e -> {
          e.vnet(AccessCases.SPOKE).subnet("host").addressPrefix("10.1.8.0/24");
          e.vnet(AccessCases.SPOKE).subnet("container").addressPrefix("10.1.9.0/24");
          e.databricks("dbw").injected(EstateJson.vnetId(AccessCases.SPOKE), "host", "container").enableNoPublicIp(true);
          securedVault(e);
          perimeter(e, "Enforced");
          put(e.resource(PROFILE + "/accessRules/inbound-ml", "Microsoft.Network/networkSecurityPerimeters/profiles/accessRules",
              "eastus"), "properties.subscriptions", arr(obj("id", SUB)));
        }, EstateJson.dbwId("dbw") + "#host", KV, false, AMBIGUOUS, PUBLIC_IP, List.of(),
            List.of(Reason.EGRESS_UNSTABLE, PERIMETER_SUBSCRIPTION_RULE)),
        c("a subscription rule for another subscription admits nothing of this compute: named, not counted", e -> {
          securedVault(e);
          perimeter(e, "Enforced");
          put(e.resource(PROFILE + "/accessRules/inbound-ml", "Microsoft.Network/networkSecurityPerimeters/profiles/accessRules",
              "eastus"), "properties.subscriptions", arr(obj("id", "/subscriptions/99999999-0000-0000-0000-000000000000")));
        }, KV, DENY, PUBLIC_IP, List.of(NAT_IP), List.of(EGRESS_IP_NOT_ADMITTED), hop(HopKind.TARGET, KV, "subscription rules")),
        c("address rules that admit the compute decide before any subscription rule → ALLOW", e -> {
          securedVault(e);
          perimeter(e, "Enforced", NAT_IP + "/32");
          put(e.resource(PROFILE + "/accessRules/inbound-ml", "Microsoft.Network/networkSecurityPerimeters/profiles/accessRules",
              "eastus"), "properties.subscriptions", arr(obj("id", SUB)));
        }, KV, ALLOW, PUBLIC_IP, List.of(NAT_IP), List.of(ADMITTED_BY_IP_RULE)),
        c("an association whose profile is not exported → UNKNOWN", e -> {
          securedVault(e);
          perimeter(e, "Enforced", NAT_IP + "/32");
          e.remove(PROFILE);
          e.remove(PROFILE + "/accessRules/inbound-ml");
        }, KV, UNKNOWN, PUBLIC_IP, List.of(NAT_IP), List.of(PERIMETER_NOT_IN_ESTATE)));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void securedByPerimeter(Case k) {
    AccessCases.verify(k, dir);
  }

  /**
   * Two clusters with the same egress situation (default outbound: no address to tell them apart) in two
   * subscriptions, and a subscription rule for one of them: the matrix must not let one decide for the other.
   */
  @Test
  void computesOfTwoSubscriptionsWithTheSameEgressGetTheirOwnAnswers() throws IOException {
    EstateJson e = AccessCases.bare();
    securedVault(e);
    perimeter(e, "Enforced");
    put(e.resource(PROFILE + "/accessRules/inbound-ml", "Microsoft.Network/networkSecurityPerimeters/profiles/accessRules",
        "eastus"), "properties.subscriptions", arr(obj("id", SUB)));
    String other = "/subscriptions/99999999-0000-0000-0000-000000000000";
    for (String id : List.of(EstateJson.vnetId(AccessCases.SPOKE), EstateJson.mlwId("mlw"), AccessCases.CLUSTER)) {
      ObjectNode copy = (ObjectNode) EstateJson.MAPPER.readTree(e.resource(id, null, null).toString().replace(SUB, other));
      e.raw(copy);
    }
    Estate estate = e.load(dir);
    EgressResolver r = new EgressResolver(estate, null);
    List<Compute> computes = r.computes();
    assertThat(computes).hasSize(2);
    Target kv = new AccessEvaluator(r, null).targets().stream().filter(t -> t.id().equals(ResourceId.of(KV)))
        .findFirst().orElseThrow();
    Map<String, String> explained = new TreeMap<>();
    AccessEvaluator ev = new AccessEvaluator(r, null);
    for (Compute c : computes) {
      Verdict v = ev.evaluate(c, kv);
      explained.put(c.resource().value(), v.outcome() + " " + v.reasons());
    }
    assertThat(explained).containsEntry(AccessCases.CLUSTER, "AMBIGUOUS [EGRESS_UNSTABLE, PERIMETER_SUBSCRIPTION_RULE]")
        .containsEntry(AccessCases.CLUSTER.replace(SUB, other), "DENY [EGRESS_UNSTABLE]");
    Map<String, String> matrix = new TreeMap<>();
    Matrix.visit(new AccessEvaluator(new EgressResolver(estate, null), null), computes, List.of(kv),
        (cs, t, o, rs) -> cs.forEach(c -> matrix.put(c.resource().value(), o + " " + rs)));
    assertThat(matrix).isEqualTo(explained);
  }
}
