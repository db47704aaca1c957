package io.allowpath.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.analysis.access.AccessEvaluator;
import io.allowpath.analysis.access.Outcome;
import io.allowpath.analysis.access.Verdict;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.EgressResolver;
import io.allowpath.ingest.load.EstateLoader;
import io.allowpath.ingest.RawResource;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.IpSet;
import io.allowpath.model.Service;
import io.allowpath.model.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The planner on the example estate (and variants of it): plan → apply offline → check gives ALLOW for
 * every fixable pair and changes no other verdict; the rules it writes respect each service's syntax
 * and cover exactly the egress they serve.
 */
class PlannerTest {
  static final Path EXAMPLE = Path.of("../examples/estate");
  static final ObjectMapper M = new ObjectMapper();
  static final String SUB = "/subscriptions/11111111-1111-1111-1111-111111111111";

  /** The example estate's raw resources, each one editable. */
  static List<ObjectNode> example() {
    List<ObjectNode> out = new ArrayList<>();
    for (RawResource r : new EstateLoader().loadRaw(List.of(EXAMPLE), new ArrayList<>())) {
      out.add(((ObjectNode) r.json()).deepCopy());
    }
    return out;
  }

  static Estate build(List<ObjectNode> nodes) {
    List<RawResource> raw = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      raw.add(new RawResource(nodes.get(i), "test.json", "/" + i));
    }
    return new EstateLoader().build(raw, new ArrayList<Diagnostic>());
  }

  static ObjectNode byName(List<ObjectNode> nodes, String name) {
    return nodes.stream().filter(n -> n.path("name").asText().equals(name)).findFirst().orElseThrow();
  }

  static Map<String, Verdict> verdicts(Estate e) {
    AccessEvaluator ev = new AccessEvaluator(new EgressResolver(e, null), null);
    Map<String, Verdict> out = new LinkedHashMap<>();
    for (Compute c : ev.resolver().computes()) {
      for (Target t : ev.targets()) {
        out.put(c.key() + " -> " + t.id().value(), ev.evaluate(c, t));
      }
    }
    return out;
  }

  record RoundTrip(Plan plan, Map<String, Verdict> before, Map<String, Verdict> after) {}

  static RoundTrip roundTrip(List<ObjectNode> nodes, Planner.Strategy s, List<String> onlyComputes, List<String> onlyTargets) {
    Estate before = build(nodes);
    AccessEvaluator ev = new AccessEvaluator(new EgressResolver(before, null), null);
    List<Compute> cs = ev.resolver().computes().stream()
        .filter(c -> onlyComputes.isEmpty() || onlyComputes.stream().anyMatch(n -> c.key().contains(n))).toList();
    List<Target> ts = ev.targets().stream()
        .filter(t -> onlyTargets.isEmpty() || onlyTargets.contains(t.id().name())).toList();
    Plan plan = new Planner(ev, s).plan(cs, ts);
    Estate after = build(ArmPatcher.apply(nodes, plan));
    return new RoundTrip(plan, verdicts(before), verdicts(after));
  }

  /** Asserts: fixable pairs of the selection become ALLOW; pairs that were ALLOW stay ALLOW. */
  static void assertSound(RoundTrip rt, List<String> onlyComputes, List<String> onlyTargets) {
    java.util.Set<String> unresolved = new java.util.HashSet<>();
    rt.plan().unresolved().forEach(u -> unresolved.add(u.from() + " -> " + u.to()));
    for (var e : rt.before().entrySet()) {
      Verdict b = e.getValue();
      Verdict a = rt.after().get(e.getKey());
      if (b.outcome() == Outcome.ALLOW) {
        assertThat(a.outcome()).as("was ALLOW: %s (%s)", e.getKey(), a.reasons()).isEqualTo(Outcome.ALLOW);
        continue;
      }
      boolean selected = (onlyComputes.isEmpty() || onlyComputes.stream().anyMatch(n -> b.compute().key().contains(n)))
          && (onlyTargets.isEmpty() || onlyTargets.contains(b.target().id().name()));
      if (selected && !unresolved.contains(e.getKey())) {
        assertThat(a.outcome()).as("planned pair %s: %s", e.getKey(), a.reasons()).isEqualTo(Outcome.ALLOW);
      }
    }
  }

  @ParameterizedTest(name = "{0}: plan, apply offline, check: every fixable pair ALLOW, nothing else changes")
  @EnumSource(Planner.Strategy.class)
  void exampleEstateRoundTrip(Planner.Strategy s) {
    RoundTrip rt = roundTrip(example(), s, List.of(), List.of());
    assertThat(rt.plan().changes()).isNotEmpty();
    assertSound(rt, List.of(), List.of());
    long fixed = rt.before().entrySet().stream()
        .filter(e -> e.getValue().outcome() != Outcome.ALLOW && rt.after().get(e.getKey()).outcome() == Outcome.ALLOW)
        .count();
    assertThat(fixed).isGreaterThan(50);
  }

  @Test
  void literalRulesRespectServiceSyntaxAndNeverWidenTheEgress() {
    Estate e = build(example());
    AccessEvaluator ev = new AccessEvaluator(new EgressResolver(e, null), null);
    Plan plan = new Planner(ev, Planner.Strategy.NAT_GATEWAY).plan(ev.resolver().computes(), ev.targets());
    Map<String, IpSet> egressByCompute = new LinkedHashMap<>();
    ev.resolver().computes().forEach(c -> egressByCompute.put(c.key(), ev.resolver().resolve(c).publicIps()));
    int literal = 0;
    for (Change c : plan.changes()) {
      if (!(c instanceof AddIpRule r) || !r.address().isLiteral()) {
        continue;
      }
      literal++;
      String v = r.address().literal();
      Service svc = r.target().service();
      if (svc == Service.STORAGE || svc == Service.COGNITIVE_SERVICES) {
        assertThat(v).as("storage takes bare IPs, never /31 or /32").doesNotEndWith("/32").doesNotEndWith("/31");
      }
      IpSet rule = r.endAddress() == null ? IpSet.parse(v) : IpSet.parse(v + "-" + r.endAddress().literal());
      assertThat(rule.touchesNonPublic()).as("no private address in %s", v).isFalse();
      IpSet served = IpSet.union(r.pairs().stream().map(p -> egressByCompute.get(p.substring(0, p.indexOf(" -> "))))
          .toList());
      assertThat(served.containsAll(rule)).as("rule %s on %s is no wider than the egress it serves", v,
          r.target().id().name()).isTrue();
    }
    assertThat(literal).isGreaterThan(5);
  }

  @Test
  void ruleValuesFollowEachServicesSyntax() {
    IpSet two = IpSet.parse("52.1.1.0/31");
    assertThat(Planner.ruleValues(Service.STORAGE, two)).extracting(a -> a[0]).containsExactly("52.1.1.0", "52.1.1.1");
    assertThat(Planner.ruleValues(Service.COGNITIVE_SERVICES, IpSet.parse("52.1.1.7"))).extracting(a -> a[0])
        .containsExactly("52.1.1.7");
    assertThat(Planner.ruleValues(Service.KEY_VAULT, two)).extracting(a -> a[0]).containsExactly("52.1.1.0/31");
    assertThat(Planner.ruleValues(Service.APP_SERVICE, IpSet.parse("52.1.1.7"))).extracting(a -> a[0])
        .containsExactly("52.1.1.7/32");
    // SQL: adjacent addresses merge into one start–end rule
    List<String[]> sql = Planner.ruleValues(Service.SQL, IpSet.parse("52.1.1.0/30").union(IpSet.parse("52.1.1.4")));
    assertThat(sql).hasSize(1);
    assertThat(sql.get(0)).containsExactly("52.1.1.0", "52.1.1.4");
    // blocks cover exactly the set: 52.1.1.1-52.1.1.6 is not widened to a /29
    assertThat(Planner.ruleValues(Service.STORAGE, IpSet.parse("52.1.1.1-52.1.1.6"))).extracting(a -> a[0])
        .containsExactly("52.1.1.1", "52.1.1.2", "52.1.1.3", "52.1.1.4", "52.1.1.5", "52.1.1.6");
  }

  @Test
  void appServiceRuleGetsAPriorityBeforeTheDenyRuleThatWouldMatch() {
    RoundTrip rt = roundTrip(example(), Planner.Strategy.NAT_GATEWAY, List.of("gpu-cluster"), List.of("app-scoring"));
    List<AddIpRule> rules = rt.plan().changes().stream().filter(c -> c instanceof AddIpRule).map(c -> (AddIpRule) c).toList();
    assertThat(rules).isNotEmpty().allSatisfy(r -> {
      assertThat(r.priority()).isLessThan(200); // block-eastus-range denies 52.170.0.0/16 at 200
      assertThat(r.name()).startsWith("allowpath-");
    });
    assertThat(rules.stream().map(AddIpRule::priority).distinct().count()).isEqualTo(rules.size());
    assertSound(rt, List.of("gpu-cluster"), List.of("app-scoring"));
  }

  @Test
  void aNewStorageServiceEndpointKeepsOtherStorageAccountsInItsRegionsWorking() {
    List<ObjectNode> nodes = example();
    // stpaired sits in westus, eastus's pair: it admits gpu-cluster's NAT addresses by IP today
    ObjectNode st = byName(nodes, "stdatalakeprod").deepCopy();
    st.put("id", SUB + "/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stpaired")
        .put("name", "stpaired").put("location", "westus");
    nodes.add(st);
    RoundTrip rt = roundTrip(nodes, Planner.Strategy.NAT_GATEWAY, List.of("gpu-cluster"), List.of("stmlprod"));
    assertThat(rt.plan().changes()).anySatisfy(c -> assertThat(c).isInstanceOfSatisfying(AddServiceEndpoint.class,
        se -> assertThat(se.service()).isEqualTo("Microsoft.Storage")));
    assertThat(rt.plan().changes()).anySatisfy(c -> assertThat(c).isInstanceOfSatisfying(AddVnetRule.class,
        v -> {
          assertThat(v.target().id().name()).isEqualTo("stpaired");
          assertThat(v.why()).contains("keeps this pair working");
        }));
    String pair = rt.before().keySet().stream().filter(k -> k.contains("gpu-cluster") && k.endsWith("/stpaired"))
        .findFirst().orElseThrow();
    assertThat(rt.before().get(pair).outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(rt.after().get(pair).outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(rt.after().get(pair).via().name()).isEqualTo("SERVICE_ENDPOINT");
    assertSound(rt, List.of("gpu-cluster"), List.of("stmlprod"));
  }

  @Test
  void aPlanThatWouldExceedTheStorageRuleLimitIsUnresolved() {
    List<ObjectNode> nodes = example();
    ObjectNode acls = (ObjectNode) byName(nodes, "stdatalakeprod").at("/properties/networkAcls");
    var rules = acls.putArray("ipRules");
    for (int i = 0; i < 399; i++) {
      rules.addObject().put("value", "40.0." + (i / 200) + "." + (i % 200)).put("action", "Allow");
    }
    RoundTrip rt = roundTrip(nodes, Planner.Strategy.NAT_GATEWAY, List.of("gpu-cluster"), List.of("stdatalakeprod"));
    assertThat(rt.plan().changes()).noneMatch(c -> c instanceof AddIpRule);
    assertThat(rt.plan().unresolved()).singleElement().satisfies(u -> assertThat(u.reason()).contains("limit of 400"));
  }

  /**
   * A SecuredByPerimeter vault (AZURE-EGRESS.md §8.7): its own networkAcls are not evaluated, so the planner must
   * not add an IP rule there; it says which perimeter profile decides and how to add the address to it.
   */
  @Test
  void aSecuredByPerimeterTargetGetsNoIpRuleOfItsOwnButThePerimeterCommand() {
    List<ObjectNode> nodes = example();
    ObjectNode kv = byName(nodes, "kv-ml-prod");
    ((ObjectNode) kv.get("properties")).put("publicNetworkAccess", "SecuredByPerimeter");
    String rg = kv.get("id").asText().substring(0, kv.get("id").asText().indexOf("/providers/"));
    String nsp = rg + "/providers/Microsoft.Network/networkSecurityPerimeters/nsp-ml";
    nodes.add(node(nsp, "Microsoft.Network/networkSecurityPerimeters"));
    nodes.add(node(nsp + "/profiles/ml", "Microsoft.Network/networkSecurityPerimeters/profiles"));
    ObjectNode rule = node(nsp + "/profiles/ml/accessRules/partners",
        "Microsoft.Network/networkSecurityPerimeters/profiles/accessRules");
    ((ObjectNode) rule.get("properties")).put("direction", "Inbound").putArray("addressPrefixes").add("198.51.100.0/24");
    nodes.add(rule);
    ObjectNode assoc = node(nsp + "/resourceAssociations/kv", "Microsoft.Network/networkSecurityPerimeters/resourceAssociations");
    ((ObjectNode) assoc.get("properties")).put("accessMode", "Enforced");
    ((ObjectNode) assoc.get("properties")).putObject("privateLinkResource").put("id", kv.get("id").asText());
    ((ObjectNode) assoc.get("properties")).putObject("profile").put("id", nsp + "/profiles/ml");
    nodes.add(assoc);
    RoundTrip rt = roundTrip(nodes, Planner.Strategy.NAT_GATEWAY, List.of("mlw-prod/computes/gpu-cluster"), List.of("kv-ml-prod"));
    assertThat(rt.before().values()).anyMatch(v -> v.target().id().name().equals("kv-ml-prod")
        && v.outcome() == Outcome.DENY);
    assertThat(rt.plan().changes()).noneMatch(c -> c instanceof AddIpRule || c instanceof AddVnetRule);
    assertThat(rt.plan().unresolved()).isNotEmpty().allSatisfy(u -> assertThat(u.reason())
        .contains("SecuredByPerimeter", "network security perimeter nsp-ml (profile ml)")
        .contains("az network perimeter profile access-rule create --resource-group", "--perimeter-name nsp-ml "
            + "--profile-name ml", "--direction Inbound --address-prefixes \"[52.170.10.20/32,52.170.20.0/30]\""));
  }

  static ObjectNode node(String id, String type) {
    ObjectNode n = M.createObjectNode();
    n.put("id", id).put("name", id.substring(id.lastIndexOf('/') + 1)).put("type", type).put("location", "eastus");
    n.putObject("properties");
    return n;
  }

  @Test
  void managedNetworkComputesGetManagedPrivateEndpointRules() {
    RoundTrip rt = roundTrip(example(), Planner.Strategy.NAT_GATEWAY, List.of("managed-cluster"), List.of("kv-ml-prod"));
    assertThat(rt.plan().changes()).singleElement().isInstanceOfSatisfying(AddManagedPrivateEndpointRule.class, r -> {
      assertThat(r.subresourceTarget()).isEqualTo("vault");
      assertThat(r.target().name()).isEqualTo("kv-ml-prod");
    });
    assertSound(rt, List.of("managed-cluster"), List.of("kv-ml-prod"));
  }

  @Test
  void aMicrosoftManagedDatabricksVnetWithoutSecureClusterConnectivityCannotTakeANatGateway() {
    List<ObjectNode> nodes = example();
    ((ObjectNode) byName(nodes, "dbw-sandbox").at("/properties/parameters/enableNoPublicIp")).put("value", false);
    RoundTrip rt = roundTrip(nodes, Planner.Strategy.NAT_GATEWAY, List.of("dbw-sandbox"), List.of("kv-ml-prod"));
    assertThat(rt.plan().changes()).noneMatch(c -> c instanceof CreateNatGateway);
    assertThat(rt.plan().unresolved()).isNotEmpty().allSatisfy(u -> assertThat(u.reason()).contains("Microsoft-managed VNet"));
  }

  @Test
  void loadBalancerStrategyPlansTheFourNamesAndSaysWhereAzureAcceptsThem() {
    List<ObjectNode> nodes = example();
    ObjectNode params = (ObjectNode) byName(nodes, "dbw-analytics").at("/properties/parameters");
    params.remove("loadBalancerId");
    params.remove("loadBalancerBackendPoolName");
    RoundTrip rt = roundTrip(nodes, Planner.Strategy.LOAD_BALANCER, List.of("dbw-analytics"), List.of("kv-ml-prod"));
    assertThat(rt.plan().changes()).anySatisfy(c -> assertThat(c).isInstanceOfSatisfying(CreateOutboundLoadBalancer.class,
        lb -> {
          assertThat(lb.backendPool()).isNotBlank();
          assertThat(lb.frontend()).isNotBlank();
          assertThat(lb.publicIp().name()).isNotBlank();
          assertThat(lb.why()).contains("only when the workspace is created");
        }));
    assertSound(rt, List.of("dbw-analytics"), List.of("kv-ml-prod"));
  }

  @Test
  void firewallStrategyRoutesToTheHubFirewallAndAllowsTheRequiredTagsAndTheTarget() {
    RoundTrip rt = roundTrip(example(), Planner.Strategy.FIREWALL, List.of("legacy-cluster"), List.of("kv-ml-prod"));
    assertThat(rt.plan().changes()).anySatisfy(c -> assertThat(c).isInstanceOf(RouteToFirewall.class));
    assertThat(rt.plan().changes()).anySatisfy(c -> assertThat(c).isInstanceOfSatisfying(AddFirewallRule.class,
        f -> assertThat(f.serviceTags()).contains("AzureMachineLearning", "BatchNodeManagement.eastus", "Storage.eastus")));
    assertThat(rt.plan().changes()).anySatisfy(c -> assertThat(c).isInstanceOfSatisfying(AddFirewallRule.class,
        f -> assertThat(f.targetFqdns()).containsExactly("kv-ml-prod.vault.azure.net")));
    assertThat(rt.plan().changes()).anySatisfy(c -> assertThat(c).isInstanceOfSatisfying(AddIpRule.class,
        r -> assertThat(r.address().literal()).isEqualTo("20.62.10.4")));
    assertSound(rt, List.of("legacy-cluster"), List.of("kv-ml-prod"));
  }

  @Test
  void writtenEstateUsesReferencesForAddressesKnownOnlyAfterDeployment() {
    List<ObjectNode> nodes = example();
    RoundTrip rt = roundTrip(nodes, Planner.Strategy.NAT_GATEWAY, List.of("legacy-cluster"), List.of("kv-ml-prod"));
    List<ObjectNode> written = ArmPatcher.apply(nodes, rt.plan());
    JsonNode kv = byName(written, "kv-ml-prod");
    assertThat(kv.at("/properties/networkAcls/ipRules").toString())
        .contains("[reference('" + SUB + "/resourceGroups/rg-network/providers/Microsoft.Network/publicIPAddresses/pip-nat-vnet-ml').ipAddress]");
    assertThat(byName(written, "pip-nat-vnet-ml").path("properties").has("ipAddress")).isFalse();
  }
}
