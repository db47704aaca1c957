package io.allowpath.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.emit.formats.Emitters;
import io.allowpath.ingest.RawResource;
import io.allowpath.ingest.load.EstateLoader;
import io.allowpath.model.Diagnostic;
import io.allowpath.plan.AddIpRule;
import io.allowpath.plan.Change;
import io.allowpath.plan.CreateNatGateway;
import io.allowpath.plan.Plan;
import io.allowpath.plan.Planner;
import io.allowpath.plan.SideEffects;
import io.allowpath.report.PlanReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plan side effects (issue 17 §5) on a fixture where a training cluster (default outbound: unstable,
 * AZURE-EGRESS.md §1.3) shares its subnet with a compute instance that leaves from its own public IP
 * 40.121.5.6 (§1.2). The NAT gateway planned for the cluster takes precedence over the instance's public
 * IP (§1.2: NAT gateway &gt; instance public IP), so the instance's address changes, and the Key Vault rule
 * planned for the cluster's new address opens the vault to the instance too.
 */
class PlanEffectsTest {
  static final Path FIXTURE = Path.of("src/test/resources/plan/shared-subnet.json");

  record Run(Plan plan, Analysis before) {}

  static Run plan(List<String> from) {
    EstateLoader loader = new EstateLoader();
    List<Diagnostic> diags = new ArrayList<>();
    List<RawResource> raw = loader.loadRaw(List.of(FIXTURE), diags);
    Analysis a = Analysis.of(loader.build(raw, diags), null);
    Plan p = a.plan(from.isEmpty() ? a.computes() : a.computes(from), a.targets(), Planner.Strategy.NAT_GATEWAY);
    return new Run(PlanEffects.of(p, a, raw, loader, null), a);
  }

  static Change only(Plan p, Class<? extends Change> type, String resourceName) {
    return p.changes().stream().filter(type::isInstance).filter(c -> c.resource().name().equals(resourceName))
        .findFirst().orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " on " + resourceName
            + " in " + p.changes()));
  }

  @Test
  void natGatewayForTheClusterNamesTheInstanceWhoseAddressItChanges() {
    Plan p = plan(List.of("mlw-team/train-cluster")).plan();
    assertThat(p.sideEffectsKnown()).isTrue();
    Change nat = only(p, CreateNatGateway.class, "nat-vnet-shared");
    SideEffects se = p.sideEffectsOf(nat);
    assertThat(se.egress()).extracting(SideEffects.EgressChange::line).containsExactly(
        "mlw-team/ci-bob: 40.121.5.6 (INSTANCE_PUBLIC_IP) -> <address of pip-nat-vnet-shared> (NAT_GATEWAY)");
    // the cluster the gateway was planned for is not an "other" compute
    assertThat(se.egress()).noneMatch(e -> e.name().equals("mlw-team/train-cluster"));
  }

  @Test
  void pairsThePlanWasNotMadeForThatChangeVerdictAreChargedToEveryChangeOnTheirPath() {
    Plan p = plan(List.of("mlw-team/train-cluster")).plan();
    String opened = "mlw-team/ci-bob -> kv-team: DENY -> ALLOW (ADMITTED_BY_IP_RULE)";
    Change nat = only(p, CreateNatGateway.class, "nat-vnet-shared");
    Change kvRule = only(p, AddIpRule.class, "kv-team");
    assertThat(p.sideEffectsOf(nat).verdicts()).extracting(SideEffects.VerdictChange::line).contains(opened);
    assertThat(p.sideEffectsOf(kvRule).verdicts()).extracting(SideEffects.VerdictChange::line)
        .containsExactly(opened);
    // ci-bob -> stwestdata works today through 40.121.5.6: the planner keeps it working (a pair of the
    // storage rule), so it is not a verdict change
    Change stRule = only(p, AddIpRule.class, "stwestdata");
    assertThat(stRule.pairs()).anyMatch(x -> x.contains("ci-bob"));
    assertThat(p.changes()).allSatisfy(c -> assertThat(p.sideEffectsOf(c).verdicts())
        .noneMatch(v -> v.toName().equals("stwestdata")));
    assertThat(p.otherEffects().isEmpty()).isTrue();
  }

  @Test
  void planningForEveryComputeStillNamesTheInstanceAsAnotherComputeOfTheGateway() {
    Plan p = plan(List.of()).plan();
    Change nat = only(p, CreateNatGateway.class, "nat-vnet-shared");
    assertThat(p.sideEffectsOf(nat).egress()).extracting(SideEffects.EgressChange::name)
        .containsExactly("mlw-team/ci-bob");
    // every pair is planned for, so no verdict changes by the way
    assertThat(p.changes()).allSatisfy(c -> assertThat(p.sideEffectsOf(c).verdicts()).isEmpty());
  }

  @Test
  void jsonCarriesSideEffectsPerChangeAndTheTableListsThem() throws Exception {
    Plan p = plan(List.of("mlw-team/train-cluster")).plan();
    JsonNode root = new ObjectMapper().readTree(PlanReport.json(p));
    JsonNode natJson = null;
    for (JsonNode c : root.get("changes")) {
      assertThat(c.has("sideEffects")).as(c.toString()).isTrue();
      if (c.get("action").asText().equals("CREATE_NAT_GATEWAY")) {
        natJson = c;
      }
    }
    assertThat(natJson).isNotNull();
    JsonNode eg = natJson.get("sideEffects").get("egress").get(0);
    assertThat(eg.get("name").asText()).isEqualTo("mlw-team/ci-bob");
    assertThat(eg.get("before").asText()).isEqualTo("40.121.5.6 (INSTANCE_PUBLIC_IP)");
    assertThat(eg.get("after").asText()).isEqualTo("<address of pip-nat-vnet-shared> (NAT_GATEWAY)");
    assertThat(eg.get("targets").size()).isZero();
    JsonNode v = natJson.get("sideEffects").get("verdicts").get(0);
    assertThat(v.get("fromName").asText()).isEqualTo("mlw-team/ci-bob");
    assertThat(v.get("before").asText()).isEqualTo("DENY");
    assertThat(v.get("after").asText()).isEqualTo("ALLOW");
    assertThat(v.get("reason").asText()).isEqualTo("ADMITTED_BY_IP_RULE");
    assertThat(root.get("otherVerdictChanges").size()).isZero();

    assertThat(PlanReport.table(p)).contains("Side effects")
        .contains("changes the egress of mlw-team/ci-bob: 40.121.5.6 (INSTANCE_PUBLIC_IP) -> <address of pip-nat-vnet-shared>")
        .contains("changes the verdict of mlw-team/ci-bob -> kv-team: DENY -> ALLOW (ADMITTED_BY_IP_RULE)");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"az", "bicep", "arm", "terraform"})
  void everyEmittedFormatCarriesTheSideEffectsAsComments(String format) {
    Plan p = plan(List.of("mlw-team/train-cluster")).plan();
    String out = Emitters.forFormat(format).emit(p);
    assertThat(out).contains("CREATE_NAT_GATEWAY nat-vnet-shared: changes the egress of mlw-team/ci-bob: 40.121.5.6 "
        + "(INSTANCE_PUBLIC_IP) -> <address of pip-nat-vnet-shared> (NAT_GATEWAY)");
    assertThat(out).contains("changes the verdict of mlw-team/ci-bob -> kv-team: DENY -> ALLOW (ADMITTED_BY_IP_RULE)");
  }

  @Test
  void aPlanWithoutSideEffectsSaysSoAndEmittersStateIt() {
    Plan p = new Plan(List.of(), List.of()).withSideEffects(Map.of(), SideEffects.NONE);
    assertThat(PlanReport.json(p)).contains("\"otherVerdictChanges\"");
    assertThat(new Plan(List.of(), List.of()).sideEffectsKnown()).isFalse();
    assertThat(PlanReport.json(new Plan(List.of(), List.of()))).doesNotContain("otherVerdictChanges");
  }
}
