package io.allowpath.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.ingest.RawResource;
import io.allowpath.ingest.load.EstateLoader;
import io.allowpath.model.Diagnostic;
import io.allowpath.plan.AddNsgRule;
import io.allowpath.plan.Change;
import io.allowpath.plan.Plan;
import io.allowpath.plan.Planner;
import io.allowpath.plan.SideEffects;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An NSG rule is shared by every compute behind the NSG (issue 13 §8; an NSG applies to every NIC of the subnets it is
 * associated with, https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview): on the example
 * estate with a second cluster in the secure subnet, the rule planned for {@code secure-cluster -> sql-legacy} lets
 * the second cluster reach the server too, and both clusters the other SQL server of the region, which the plan's side
 * effects name.
 */
class PlanNsgSideEffectsTest {
  @Test
  void theRuleNamesTheOtherComputeBehindTheNsgWhoseVerdictItChanges() {
    EstateLoader loader = new EstateLoader();
    List<Diagnostic> diags = new ArrayList<>();
    List<RawResource> raw = new ArrayList<>(loader.loadRaw(List.of(Path.of("../examples/estate")), diags));
    ObjectNode second = null;
    for (RawResource r : raw) {
      if (r.json().path("id").asText().endsWith("/computes/secure-cluster")) {
        second = ((ObjectNode) r.json()).deepCopy();
      }
    }
    assertThat(second).isNotNull();
    second.put("id", second.path("id").asText() + "-2").put("name", "secure-cluster-2");
    raw.add(new RawResource(second, "test.json", "/0"));
    Analysis a = Analysis.of(loader.build(raw, diags), null);
    Plan p = a.plan(a.computes(List.of("mlw-prod/secure-cluster")), a.targets(List.of("sql-legacy")),
        Planner.Strategy.NAT_GATEWAY);
    p = PlanEffects.of(p, a, raw, loader, null);
    Change rule = p.changes().stream().filter(c -> c instanceof AddNsgRule).findFirst().orElseThrow();
    assertThat(p.changes()).containsExactly(rule);
    SideEffects se = p.sideEffectsOf(rule);
    assertThat(se.verdicts()).extracting(SideEffects.VerdictChange::line)
        .containsExactlyInAnyOrder(
            "mlw-prod/secure-cluster-2 -> sql-legacy: DENY -> ALLOW (ADMITTED_BY_ALL_AZURE_RULE)",
            // the Sql.eastus rule also lets both clusters reach sql-features, whose firewall admits the NAT gateway's
            // address but not its prefix: no longer blocked on the path, the answer is the target's
            "mlw-prod/secure-cluster -> sql-features: DENY -> AMBIGUOUS (SOME_EGRESS_IPS_NOT_ADMITTED)",
            "mlw-prod/secure-cluster-2 -> sql-features: DENY -> AMBIGUOUS (SOME_EGRESS_IPS_NOT_ADMITTED)");
    assertThat(se.egress()).as("an NSG rule changes no source address").isEmpty();
    assertThat(p.otherEffects().verdicts()).isEmpty();
  }
}
