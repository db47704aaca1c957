package io.allowpath.emit.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.emit.formats.Emitters;
import io.allowpath.emit.Emitter;
import io.allowpath.emit.FixturePlans;
import io.allowpath.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every resource body the ARM and Bicep emitters write, for the golden cases and for plans of the example and
 * synthetic estates under every egress strategy, type-checks against the Bicep type system of its API version
 * (shared/corpus/bicep-types-az, generated from azure-rest-api-specs). A type+version missing there fails.
 */
class TemplatesMatchBicepTypesTest {
  static List<String> problems(BicepTypes types, String name, Plan plan) {
    List<String> out = new ArrayList<>();
    List<String> shape = new ArrayList<>();
    for (Deployables.Resource r : Deployables.arm(Emitters.forFormat("arm").emit(plan), shape)) {
      types.check(r.type(), r.apiVersion(), r.body()).forEach(p -> out.add(name + " arm " + r.where() + ": " + p));
    }
    for (Deployables.Resource r : Deployables.bicep(Emitters.forFormat("bicep").emit(plan), shape)) {
      if (r.existing()) {
        // an existing reference only names the resource: its type and version must still exist
        types.check(r.type(), r.apiVersion(), r.body()).stream().filter(p -> p.contains("no types.json")
            || p.contains("not in this API version")).forEach(p -> out.add(name + " bicep " + r.where() + ": " + p));
      } else {
        types.check(r.type(), r.apiVersion(), r.body()).forEach(p -> out.add(name + " bicep " + r.where() + ": " + p));
      }
    }
    shape.forEach(p -> out.add(name + ": " + p));
    return out;
  }

  static void report(List<String> problems) {
    Map<String, Integer> kinds = new TreeMap<>();
    for (String p : problems) {
      kinds.merge(p.replaceAll("^\\S+ (arm|bicep) \\S+: ", "$1 ").replaceAll("\\[\\d+\\]", "[]")
          .replaceAll("'[^']*'", "'…'"), 1, Integer::sum);
    }
    System.out.println("bicep-types: " + problems.size() + " invalid construct(s), " + kinds.size() + " kind(s)");
    kinds.forEach((k, n) -> System.out.println("  " + n + "x " + k));
  }

  @Test
  void goldenCasesTypeCheck() {
    BicepTypes types = BicepTypes.under(Corpus.dir("bicep-types-az"));
    List<String> problems = new ArrayList<>();
    FixturePlans.cases().forEach((name, plan) -> problems.addAll(problems(types, "golden " + name, plan)));
    report(problems);
    assertThat(problems).isEmpty();
  }

  @Test
  void estatePlansTypeCheck() {
    BicepTypes types = BicepTypes.under(Corpus.dir("bicep-types-az"));
    List<String> problems = new ArrayList<>();
    Plans.estates().forEach((name, plan) -> problems.addAll(problems(types, name, plan)));
    report(problems);
    assertThat(problems).isEmpty();
  }
}
