package io.allowpath.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.analysis.access.Outcome;
import io.allowpath.model.ResourceId;
import io.allowpath.model.SqlServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 §8: the planner's outbound NSG rule for a pair an NSG blocks, on the example estate (its secure subnet's NSG
 * nsg-ml-secure denies the Internet tag at priority 4000 and allows VirtualNetwork:443 at 100), with the NSG shapes of
 * the NSG overview (https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview: custom rules
 * 100-4096, lowest number first, unique per direction) and the port sets of AZURE-EGRESS.md §8.10. Each plan is applied
 * offline and checked again with the one decision path.
 */
class PlannerNsgRuleTest {
  static final List<String> SECURE = List.of("/computes/secure-cluster");

  static List<AddNsgRule> nsgRules(Plan p) {
    return p.changes().stream().filter(c -> c instanceof AddNsgRule).map(c -> (AddNsgRule) c).toList();
  }

  static ObjectNode nsg(List<ObjectNode> nodes) {
    return PlannerTest.byName(nodes, "nsg-ml-secure");
  }

  /** An outbound rule added to nsg-ml-secure. */
  static void rule(List<ObjectNode> nodes, String name, int priority, String access, String dest, String ports) {
    ObjectNode r = ((ArrayNode) nsg(nodes).path("properties").path("securityRules")).addObject();
    r.put("name", name);
    ObjectNode p = r.putObject("properties");
    p.put("protocol", "Tcp").put("sourcePortRange", "*").put("destinationPortRange", ports)
        .put("sourceAddressPrefix", "VirtualNetwork").put("destinationAddressPrefix", dest).put("access", access)
        .put("priority", priority).put("direction", "Outbound");
  }

  static void policy(List<ObjectNode> nodes, String server, String connectionType) {
    nodes.stream().filter(n -> n.path("id").asText().endsWith("/servers/" + server + "/connectionPolicies/default"))
        .findFirst().map(n -> ((ObjectNode) n.path("properties")).put("connectionType", connectionType)).orElseThrow();
  }

  @Test
  void anNsgBlockedSqlPairGetsAnAllowRuleJustBelowTheBlockingRule_withTheRedirectPorts() {
    List<ObjectNode> nodes = PlannerTest.example();
    PlannerTest.RoundTrip rt = PlannerTest.roundTrip(nodes, Planner.Strategy.NAT_GATEWAY, SECURE, List.of("sql-legacy"));
    assertThat(nsgRules(rt.plan())).singleElement().satisfies(r -> {
      assertThat(r.nsg().name()).isEqualTo("nsg-ml-secure");
      assertThat(r.name()).isEqualTo("allowpath-sql-eastus");
      assertThat(r.priority()).as("the nearest free priority below DenyInternetOutbound (4000)").isEqualTo(3999);
      assertThat(r.sources()).containsExactly("10.1.7.0/24");
      assertThat(r.destinations()).as("the regional Sql tag of the server's region").containsExactly("Sql.eastus");
      assertThat(r.ports()).as("Default policy, from inside Azure: Redirect").containsExactly("1433", "11000-11999");
      assertThat(r.blockedBy()).isEqualTo("DenyInternetOutbound (priority 4000)");
      assertThat(r.pairs()).singleElement().asString().endsWith("/servers/sql-legacy");
      assertThat(r.action()).isEqualTo("ADD_NSG_RULE");
    });
    assertThat(rt.plan().changes()).as("the server already admits the egress: the NSG rule is the only change").hasSize(1);
    String pair = rt.plan().changes().get(0).pairs().get(0);
    assertThat(rt.before().get(pair).outcome()).isEqualTo(Outcome.DENY);
    assertThat(rt.after().get(pair).outcome()).isEqualTo(Outcome.ALLOW);
    PlannerTest.assertSound(rt, SECURE, List.of("sql-legacy"));
  }

  @Test
  void aProxyServerNeeds1433Only() {
    List<ObjectNode> nodes = PlannerTest.example();
    policy(nodes, "sql-legacy", "Proxy");
    PlannerTest.RoundTrip rt = PlannerTest.roundTrip(nodes, Planner.Strategy.NAT_GATEWAY, SECURE, List.of("sql-legacy"));
    assertThat(nsgRules(rt.plan())).singleElement().satisfies(r -> assertThat(r.ports()).containsExactly("1433"));
    PlannerTest.assertSound(rt, SECURE, List.of("sql-legacy"));
  }

  @Test
  void theNsgRuleGoesWithTheTargetFixForTheSamePair() {
    // sql-features admits only the NAT gateway's public IP, not the prefix: its firewall rule and the NSG rule together
    PlannerTest.RoundTrip rt = PlannerTest.roundTrip(PlannerTest.example(), Planner.Strategy.NAT_GATEWAY, SECURE,
        List.of("sql-features"));
    assertThat(nsgRules(rt.plan())).hasSize(1);
    assertThat(rt.plan().changes()).anyMatch(c -> c instanceof AddIpRule r && r.target().id().name().equals("sql-features"));
    PlannerTest.assertSound(rt, SECURE, List.of("sql-features"));
    String pair = nsgRules(rt.plan()).get(0).pairs().get(0);
    assertThat(rt.after().get(pair).outcome()).isEqualTo(Outcome.ALLOW);
  }

  @Test
  void noNsgRuleWhenTheTargetCannotBeOpened() {
    // app-frontend's access restrictions are not in the estate (unresolved): an NSG rule alone would open nothing
    PlannerTest.RoundTrip rt = PlannerTest.roundTrip(PlannerTest.example(), Planner.Strategy.NAT_GATEWAY, SECURE,
        List.of("app-frontend"));
    assertThat(nsgRules(rt.plan())).isEmpty();
    assertThat(rt.plan().unresolved()).singleElement().satisfies(u ->
        assertThat(u.reason()).contains("access restrictions are not in the estate"));
  }

  @Test
  void takenPrioritiesAndNamesAreSkipped() {
    List<ObjectNode> nodes = PlannerTest.example();
    rule(nodes, "AllowSsh", 3999, "Allow", "10.9.9.9/32", "22");
    rule(nodes, "allowpath-sql-eastus", 3998, "Allow", "10.9.9.10/32", "22");
    PlannerTest.RoundTrip rt = PlannerTest.roundTrip(nodes, Planner.Strategy.NAT_GATEWAY, SECURE, List.of("sql-legacy"));
    assertThat(nsgRules(rt.plan())).singleElement().satisfies(r -> {
      assertThat(r.priority()).isEqualTo(3997);
      assertThat(r.name()).isEqualTo("allowpath-sql-eastus-2");
    });
    PlannerTest.assertSound(rt, SECURE, List.of("sql-legacy"));
  }

  @Test
  void aDenyRuleProcessedBeforeTheCandidateIsPrecededToo() {
    List<ObjectNode> nodes = PlannerTest.example();
    // a deny of the redirect range at 2000: a rule at 3999 would let 1433 through but not 11000-11999
    rule(nodes, "DenySqlRedirect", 2000, "Deny", "Sql", "11000-11999");
    PlannerTest.RoundTrip rt = PlannerTest.roundTrip(nodes, Planner.Strategy.NAT_GATEWAY, SECURE, List.of("sql-legacy"));
    assertThat(nsgRules(rt.plan())).singleElement().satisfies(r -> {
      assertThat(r.priority()).isEqualTo(1999);
      assertThat(r.blockedBy()).isEqualTo("DenySqlRedirect (priority 2000)");
    });
    PlannerTest.assertSound(rt, SECURE, List.of("sql-legacy"));
  }

  @Test
  void noFreePriorityBelowTheBlockingRuleLeavesThePairUnresolved() {
    List<ObjectNode> nodes = PlannerTest.example();
    nsg(nodes).path("properties").path("securityRules").forEach(r -> {
      if (r.path("name").asText().equals("DenyInternetOutbound")) {
        ((ObjectNode) r.path("properties")).put("priority", 102);
      }
    });
    rule(nodes, "AllowSsh", 101, "Allow", "10.9.9.9/32", "22");
    PlannerTest.RoundTrip rt = PlannerTest.roundTrip(nodes, Planner.Strategy.NAT_GATEWAY, SECURE, List.of("sql-legacy"));
    assertThat(nsgRules(rt.plan())).isEmpty();
    assertThat(rt.plan().unresolved()).singleElement().satisfies(u -> assertThat(u.reason())
        .contains("no free outbound priority between 100 and 101").contains("DenyInternetOutbound (priority 102)"));
  }

  @Test
  void aBlockingRuleAtTheFirstPriorityCannotBePreceded() {
    List<ObjectNode> nodes = PlannerTest.example();
    nsg(nodes).path("properties").path("securityRules").forEach(r -> {
      if (r.path("name").asText().equals("DenyInternetOutbound")) {
        ((ObjectNode) r.path("properties")).put("priority", 100);
      }
      if (r.path("name").asText().equals("AllowVnetHttpsOutbound")) {
        ((ObjectNode) r.path("properties")).put("priority", 150);
      }
    });
    PlannerTest.RoundTrip rt = PlannerTest.roundTrip(nodes, Planner.Strategy.NAT_GATEWAY, SECURE, List.of("sql-legacy"));
    assertThat(nsgRules(rt.plan())).isEmpty();
    assertThat(rt.plan().unresolved()).singleElement().satisfies(u -> assertThat(u.reason())
        .contains("no custom rule can precede it"));
  }

  @Test
  void aPrivatePathGetsTheEndpointsAddressAsDestination() {
    List<ObjectNode> nodes = PlannerTest.example();
    // the secure subnet no longer reaches its VNet's private endpoints on 443
    nsg(nodes).path("properties").path("securityRules").forEach(r -> {
      if (r.path("name").asText().equals("AllowVnetHttpsOutbound")) {
        ((ObjectNode) r.path("properties")).put("access", "Deny").put("priority", 300);
      }
    });
    PlannerTest.RoundTrip rt = PlannerTest.roundTrip(nodes, Planner.Strategy.NAT_GATEWAY, SECURE, List.of("oai-ml"));
    assertThat(nsgRules(rt.plan())).singleElement().satisfies(r -> {
      assertThat(r.destinations()).as("pe-oai-ml's private address in the example estate").containsExactly("10.1.6.4");
      assertThat(r.ports()).containsExactly("443");
      assertThat(r.priority()).isEqualTo(299);
      assertThat(r.blockedBy()).isEqualTo("AllowVnetHttpsOutbound (priority 300)");
      assertThat(r.name()).startsWith("allowpath-pe-");
    });
    assertThat(rt.plan().changes()).hasSize(1);
    PlannerTest.assertSound(rt, SECURE, List.of("oai-ml"));
  }

  @Test
  void regionalTagsWhereMicrosoftHasThem() {
    ResourceId id = ResourceId.of(PlannerTest.SUB + "/resourceGroups/rg/providers/Microsoft.Sql/servers/s1");
    assertThat(Planner.destinationTag(new SqlServer(id, "West Europe", "Enabled", List.of(), List.of())))
        .isEqualTo("Sql.westeurope");
    assertThat(Planner.destinationTag(new SqlServer(id, null, "Enabled", List.of(), List.of())))
        .as("region unknown: the global tag").isEqualTo("Sql");
    PlannerTest.RoundTrip rt = PlannerTest.roundTrip(PlannerTest.example(), Planner.Strategy.NAT_GATEWAY, SECURE,
        List.of("dbw-analytics", "stmlprod"));
    assertThat(nsgRules(rt.plan())).extracting(r -> r.destinations().get(0))
        .as("AzureDatabricks has no regional tags (ServiceTags_Public); Storage has")
        .containsExactlyInAnyOrder("AzureDatabricks", "Storage.eastus");
  }
}
