package io.allowpath.emit.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.emit.FixturePlans;
import io.allowpath.emit.azcli.AzCliEmitter;
import io.allowpath.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every az command line the emitter writes, for the golden cases and for plans of the example and synthetic
 * estates under every egress strategy, names a command of {@link AzCliTable} and only its arguments, with values
 * in the formats azure-cli accepts (PROTOCOL=PORT pairs, KEY=VALUE lists, enums, addresses).
 */
class AzCommandsMatchCliDefinitionsTest {
  static List<String> problems(String name, Plan plan) {
    List<String> out = new ArrayList<>();
    List<String> shape = new ArrayList<>();
    for (ShellScript.Command c : ShellScript.commands(new AzCliEmitter().emit(plan), shape)) {
      AzCommandCheck.check(c).forEach(p -> out.add(name + " " + p));
    }
    shape.forEach(p -> out.add(name + " " + p));
    return out;
  }

  static void report(List<String> problems) {
    Map<String, Integer> kinds = new TreeMap<>();
    for (String p : problems) {
      kinds.merge(p.replaceAll("^.*? line \\d+ ", "").replaceAll("'[^']*'", "'…'").replaceAll("\\[[^\\]]*\\]", "[…]"),
          1, Integer::sum);
    }
    System.out.println("az CLI: " + problems.size() + " invalid construct(s), " + kinds.size() + " kind(s)");
    kinds.forEach((k, n) -> System.out.println("  " + n + "x " + k));
  }

  @Test
  void goldenCasesUseOnlyDefinedCommandsAndArguments() {
    List<String> problems = new ArrayList<>();
    FixturePlans.cases().forEach((name, plan) -> problems.addAll(problems("golden " + name, plan)));
    report(problems);
    assertThat(problems).isEmpty();
  }

  @Test
  void estatePlansUseOnlyDefinedCommandsAndArguments() {
    List<String> problems = new ArrayList<>();
    Plans.estates().forEach((name, plan) -> problems.addAll(problems(name, plan)));
    report(problems);
    assertThat(problems).isEmpty();
  }

  @Test
  void theCheckRejectsWhatIssue12Found() {
    List<String> shape = new ArrayList<>();
    String script = "#!/usr/bin/env bash\nset -euo pipefail\n"
        + "az network firewall application-rule create --resource-group 'rg' --firewall-name 'fw' --collection-name 'c' "
        + "--name 'r' --protocols 'Https=Https:443' --target-fqdns 'x.blob.core.windows.net' --priority '100' --action 'Allow'\n"
        + "az ml workspace network-rule add --name 'w' --resource-group 'rg' --ip-address '1.2.3.4'\n"
        + "az network firewall network-rule create --resource-group 'rg' --firewall-name 'fw' --collection-name 'c' "
        + "--name 'r' --protocols 'TCPX' --destination-ports '443' --bogus 'x'\n";
    List<String> problems = new ArrayList<>();
    for (ShellScript.Command c : ShellScript.commands(script, shape)) {
      problems.addAll(AzCommandCheck.check(c));
    }
    assertThat(shape).isEmpty();
    assertThat(problems).anyMatch(p -> p.contains("--protocols 'Https=Https:443' does not match"))
        .anyMatch(p -> p.contains("az ml workspace network-rule add: no such command"))
        .anyMatch(p -> p.contains("--protocols 'TCPX' is none of"))
        .anyMatch(p -> p.contains("unknown argument --bogus"));
  }
}
