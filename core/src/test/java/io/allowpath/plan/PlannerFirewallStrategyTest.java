package io.allowpath.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.analysis.access.AccessEvaluator;
import io.allowpath.analysis.access.Outcome;
import io.allowpath.analysis.access.Verdict;
import io.allowpath.analysis.access.Via;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.EgressResolver;
import io.allowpath.ingest.load.EstateLoader;
import io.allowpath.model.DatabricksWorkspace;
import io.allowpath.model.Estate;
import io.allowpath.model.Target;
import io.allowpath.synth.SyntheticEstate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Focused checks of the three Planner fixes of the firewall strategy (found by PlanRoundTripTest). */
class PlannerFirewallStrategyTest {
  @TempDir Path dir;

  record Run(AccessEvaluator ev, List<Compute> computes, List<Target> targets, Plan plan) {}

  Run plan(long seed) throws IOException {
    Path f = dir.resolve("e" + seed + ".json");
    SyntheticEstate.write(f, 14, 45, 12, seed);
    Estate e = new EstateLoader().load(List.of(f));
    EgressResolver r = new EgressResolver(e, null);
    AccessEvaluator ev = new AccessEvaluator(r, null);
    return new Run(ev, r.computes(), ev.targets(), new Planner(ev, Planner.Strategy.FIREWALL).plan(r.computes(), ev.targets()));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4})
  void aRouteTableToTheFirewallCarriesEverySubnetItServes(long seed) throws IOException {
    Run run = plan(seed);
    Map<String, Compute> byKey = new HashMap<>();
    run.computes().forEach(c -> byKey.put(c.key(), c));
    for (Change ch : run.plan().changes()) {
      if (ch instanceof RouteToFirewall rt) {
        Set<Object> subnets = new HashSet<>();
        rt.subnets().forEach(s -> subnets.add(s.id()));
        for (String p : rt.pairs()) {
          Compute c = byKey.get(p.substring(0, p.indexOf(" -> ")));
          assertThat(subnets).as(rt.value() + " serves " + p).contains(c.subnet());
        }
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4})
  void pairsToOpenTargetsThatWorkTodayGetAFirewallRuleWhenTheirSubnetIsRouted(long seed) throws IOException {
    Run run = plan(seed);
    Set<String> routed = new HashSet<>();
    Set<String> firewallPairs = new HashSet<>();
    for (Change ch : run.plan().changes()) {
      if (ch instanceof RouteToFirewall rt) {
        rt.subnets().forEach(s -> routed.add(s.id().key()));
      } else if (ch instanceof AddFirewallRule fr) {
        firewallPairs.addAll(fr.pairs());
      }
    }
    for (Compute c : run.computes()) {
      if (c.subnet() == null || !routed.contains(c.subnet().key())) {
        continue;
      }
      for (Target t : run.targets()) {
        if (c.workspace().equals(t.id()) && t instanceof DatabricksWorkspace || !run.ev().open(t)) {
          continue;
        }
        Verdict v = run.ev().evaluate(c, t);
        // only traffic that follows the default route is moved to the firewall: a more specific route
        // (a service-tag route to Internet) still wins over the new 0.0.0.0/0 route
        boolean defaultRoute = v.egress() != null && v.egress().routePrefix() != null
            && v.egress().routePrefix().endsWith("/0") && v.egress().firewall() == null;
        if (v.outcome() == Outcome.ALLOW && v.via() == Via.PUBLIC_IP && defaultRoute) {
          assertThat(firewallPairs).as("firewall rule for " + c.label() + " -> " + t.id().name())
              .contains(c.key() + " -> " + t.id().value());
        }
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 3})
  void aPairDeniedByAnExistingFirewallRuleIsUnresolvedNotPlanned(long seed) throws IOException {
    Run run = plan(seed);
    // the generated hubs deny *.search.windows.net in a network rule collection
    assertThat(run.plan().unresolved()).anySatisfy(u -> {
      assertThat(u.to()).contains("/Microsoft.Search/searchServices/");
      assertThat(u.reason()).contains("a Deny rule of firewall");
    });
  }
}
