package io.allowpath.emit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.allowpath.emit.arm.ArmEmitter;
import io.allowpath.emit.spec.DeploymentOrder;
import io.allowpath.model.Address;
import io.allowpath.model.NetworkRules;
import io.allowpath.model.ResourceId;
import io.allowpath.model.StorageAccount;
import io.allowpath.plan.AddFirewallRule;
import io.allowpath.plan.AddIpRule;
import io.allowpath.plan.AddressRef;
import io.allowpath.plan.Change;
import io.allowpath.plan.Plan;
import io.allowpath.plan.RouteToFirewall;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Group dependencies of the ARM/Bicep deployments ({@link DeploymentOrder}): a firewall and a storage account in
 * one resource group, the route table in another. The route waits for the firewall's rules and the storage rule
 * for the route ({@link ApplyOrder}), which would make the two groups wait for each other: ARM rejects circular
 * dependencies, so the edge that closes the cycle is left out and the README note says how to deploy.
 */
class DeploymentOrderTest {
  static final ResourceId ROUTE_TABLE = ResourceId.of("/subscriptions/" + Fixtures.SUB
      + "/resourceGroups/rg-app/providers/Microsoft.Network/routeTables/rt-app");
  static final StorageAccount HUB_STORAGE = new StorageAccount(ResourceId.of("/subscriptions/" + Fixtures.SUB
      + "/resourceGroups/rg-net/providers/Microsoft.Storage/storageAccounts/sthub"), "westeurope", "Standard_LRS",
      "StorageV2", new NetworkRules("Enabled", "Deny", "AzureServices", Address.list("20.30.40.0/24"), List.of()),
      List.of());

  static Plan cyclic() {
    List<Change> changes = List.of(
        new AddFirewallRule(Fixtures.FIREWALL_DEF, "application", "allowpath-app", 300, "sthub-blob",
            List.of("10.10.1.0/24"), List.of("sthub.blob.core.windows.net"), List.of(), List.of("Https:443"),
            Fixtures.PAIRS, "firewall denies by default"),
        new RouteToFirewall(ROUTE_TABLE, "westeurope", Fixtures.FIREWALL, "10.0.0.4", List.of(Fixtures.ML_SUBNET),
            Fixtures.PAIRS, "send egress through the hub firewall"),
        new AddIpRule(HUB_STORAGE, AddressRef.literal("52.170.10.20"), null, null, null, Fixtures.PAIRS,
            "admit the firewall's public IP"));
    return new Plan(changes, List.of());
  }

  @Test
  void aGroupDependencyThatWouldCloseACycleIsLeftOutAndNamed() throws Exception {
    Plan plan = cyclic();
    assertThat(ApplyOrder.of(plan)).extracting(d -> d.before().action() + "->" + d.after().action())
        .containsExactlyInAnyOrder("ADD_FIREWALL_RULE->ROUTE_TO_FIREWALL", "ROUTE_TO_FIREWALL->ADD_IP_RULE");
    DeploymentOrder order = DeploymentOrder.of(plan);
    assertThat(order.deployments()).hasSize(2);
    assertThat(order.notes()).hasSize(1);
    assertThat(order.notes().get(0)).contains("rg-net").contains("rg-app").contains("again");
    assertThat(order.applyOrder()).containsExactlyInAnyOrder(0, 1);
    // the emitted template has no circular dependency between its nested deployments
    JsonNode main = new ObjectMapper().readTree(new ArmEmitter().emit(plan));
    Map<String, List<String>> deps = new HashMap<>();
    main.path("resources").forEach(d -> {
      List<String> ds = new java.util.ArrayList<>();
      d.path("dependsOn").forEach(x -> ds.add(x.asText()));
      deps.put(d.path("name").asText(), ds);
    });
    deps.forEach((d, ds) -> ds.forEach(x -> assertThat(deps.get(x)).as(d + " <-> " + x).doesNotContain(d)));
  }

  @Test
  void withoutACycleEveryGroupWaitsForTheGroupsItNeeds() {
    Plan plan = new Plan(List.of(
        new RouteToFirewall(ROUTE_TABLE, "westeurope", Fixtures.FIREWALL, "10.0.0.4", List.of(Fixtures.ML_SUBNET),
            Fixtures.PAIRS, "send egress through the hub firewall"),
        new AddIpRule(Fixtures.STORAGE, AddressRef.literal("52.170.10.20"), null, null, null, Fixtures.PAIRS,
            "admit the firewall's public IP")), List.of());
    DeploymentOrder order = DeploymentOrder.of(plan);
    assertThat(order.notes()).isEmpty();
    int data = -1;
    int app = -1;
    int net = -1;
    for (int i = 0; i < order.deployments().size(); i++) {
      switch (order.deployments().get(i).resourceGroup()) {
        case "rg-data" -> data = i;
        case "rg-app" -> app = i;
        case "rg-net" -> net = i;
        default -> { }
      }
    }
    // the storage rule waits for the route table (rg-app) and the subnet it is associated with (rg-net)
    assertThat(order.dependsOn().get(data)).containsExactlyInAnyOrder(app, net);
    List<Integer> seq = order.applyOrder();
    assertThat(seq.indexOf(data)).isGreaterThan(seq.indexOf(app)).isGreaterThan(seq.indexOf(net));
  }
}
