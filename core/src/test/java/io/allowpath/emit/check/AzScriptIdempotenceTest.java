package io.allowpath.emit.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.emit.FixturePlans;
import io.allowpath.emit.azcli.AzCliEmitter;
import io.allowpath.plan.Plan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The emitted az script, run twice under bash with a stub {@code az} (src/test/resources/azstub/az) that records
 * calls and models the state they create: both runs succeed, the second changes nothing (the stub's state is the
 * same after it) and makes no create or add call, only reads and the whole-value settings that set the same value
 * again. The stub fails, as Azure and the CLI do, on a classic firewall rule create with --priority/--action into
 * an existing collection (or without them into a new one), and on adding what exists.
 */
class AzScriptIdempotenceTest {
  /** Calls that set a whole value: running them again with the same arguments changes nothing. */
  static final Set<String> SETTERS = Set.of("network vnet subnet update", "cosmosdb update", "search service update",
      "ml workspace update", "ml workspace outbound-rule set");

  static Stream<String> cases() {
    List<String> out = new ArrayList<>(FixturePlans.cases().keySet());
    out.addAll(List.of("example/NAT_GATEWAY", "example/LOAD_BALANCER", "example/FIREWALL", "synth1/FIREWALL"));
    return out.stream();
  }

  static Plan plan(String name) {
    Plan p = FixturePlans.cases().get(name);
    return p != null ? p : Plans.estates().get(name);
  }

  static boolean hasBash() {
    try {
      return new ProcessBuilder("bash", "--version").start().waitFor(10, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  int run(Path dir, Path script) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("out.txt").toFile());
    pb.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
    pb.environment().put("AZ_STUB_STATE", dir.resolve("state").toString());
    Process p = pb.start();
    assertThat(p.waitFor(600, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }

  static Map<String, String> snapshot(Path state) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (String d : List.of("exists", "list", "set")) {
      Path dir = state.resolve(d);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> s = Files.list(dir)) {
        for (Path f : s.toList()) {
          out.put(d + "/" + f.getFileName(), Files.readString(f));
        }
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aSecondRunSucceedsAndChangesNothing(String name, @TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(hasBash(), "skipped: bash not available");
    Files.createDirectories(dir.resolve("bin"));
    Path az = dir.resolve("bin/az");
    Files.copy(Path.of("src/test/resources/azstub/az"), az);
    az.toFile().setExecutable(true);
    Path script = dir.resolve("plan.sh");
    Files.writeString(script, new AzCliEmitter().emit(plan(name)), StandardCharsets.UTF_8);
    Path log = dir.resolve("state/calls.log");

    assertThat(run(dir, script)).as("first run: %s", out(dir)).isZero();
    int firstCalls = Files.readAllLines(log).size();
    Map<String, String> after1 = snapshot(dir.resolve("state"));
    assertThat(run(dir, script)).as("second run: %s", out(dir)).isZero();
    List<String> second = Files.readAllLines(log).subList(firstCalls, Files.readAllLines(log).size());
    assertThat(snapshot(dir.resolve("state"))).as("state after the second run").isEqualTo(after1);
    Map<String, Integer> changes = new LinkedHashMap<>();
    for (String call : second) {
      String cmd = command(call);
      if (!cmd.endsWith(" show") && !cmd.endsWith(" list") && !SETTERS.contains(cmd)) {
        changes.merge(cmd, 1, Integer::sum);
      }
    }
    assertThat(changes).as("create/add calls in the second run").isEmpty();
  }

  static String command(String call) {
    StringBuilder sb = new StringBuilder();
    for (String w : call.split(" ")) {
      if (w.startsWith("-")) {
        break;
      }
      sb.append(sb.length() == 0 ? "" : " ").append(w);
    }
    return sb.toString();
  }

  static String out(Path dir) throws IOException {
    Path o = dir.resolve("out.txt");
    return Files.exists(o) ? Files.readString(o) : "";
  }
}
