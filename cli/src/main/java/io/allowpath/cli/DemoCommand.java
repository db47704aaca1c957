package io.allowpath.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * {@code allowpath demo}: runs the main commands on the example estate bundled in the jar (the files
 * of {@code examples/estate/}, listed in its {@code manifest.txt}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run allowpath on the bundled example estate.")
public final class DemoCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** Copies the bundled example estate to a temporary directory and returns it. */
  static Path extractExampleEstate() {
    try {
      Path dir = Files.createTempDirectory("allowpath-demo");
      dir.toFile().deleteOnExit();
      for (String name : manifest()) {
        try (InputStream in = DemoCommand.class.getResourceAsStream("/examples/estate/" + name)) {
          if (in == null) {
            throw new IllegalStateException("example estate file missing from the jar: " + name);
          }
          Path f = dir.resolve(name);
          Files.copy(in, f);
          f.toFile().deleteOnExit();
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> manifest() throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream("/examples/estate/manifest.txt")) {
      if (in == null) {
        throw new IllegalStateException("examples/estate/manifest.txt missing from the jar");
      }
      List<String> out = new ArrayList<>();
      for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!l.isBlank()) {
          out.add(l.strip());
        }
      }
      return out;
    }
  }

  @Override
  public Integer call() {
    Path dir = extractExampleEstate();
    String estate = dir.toString();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    step(out, "allowpath egress --estate examples/estate",
        "1. Which public IP does each compute leave with, and is it stable?");
    Main.run(new String[] {"egress", "--estate", estate}, out, err);
    step(out, "allowpath check --estate examples/estate --output summary",
        "2. Every compute against every target: how many pairs work, and what blocks the rest?");
    Main.run(new String[] {"check", "--estate", estate, "--output", "summary"}, out, err);
    step(out, "allowpath check --estate examples/estate --from gpu-cluster --from cpu-cluster-fw --from legacy-cluster"
        + " --from managed-cluster --from dbw-analytics --to stdatalakeprod --to stmlprod --to kv-ml-prod --to sql-features"
        + " --to app-scoring --to app-frontend --to oai-ml",
        "3. A closer look at a few pairs (each line: verdict, how the traffic arrives, the main reason).");
    Main.run(new String[] {"check", "--estate", estate, "--from", "gpu-cluster", "--from", "cpu-cluster-fw",
        "--from", "legacy-cluster", "--from", "managed-cluster", "--from", "dbw-analytics", "--to", "stdatalakeprod",
        "--to", "stmlprod", "--to", "kv-ml-prod", "--to", "sql-features", "--to", "app-scoring", "--to", "app-frontend",
        "--to", "oai-ml"}, out, err);
    step(out, "allowpath check --estate examples/estate --from gpu-cluster --to sql-features -v",
        "4. Why does gpu-cluster fail at random against sql-features? Every hop, with the resource that decided it.");
    Main.run(new String[] {"check", "--estate", estate, "--from", "gpu-cluster", "--to", "sql-features", "-v"}, out, err);
    step(out, "allowpath check --estate examples/estate --from secure-cluster --to mlw-private --to kv-ml-prod -v",
        "4b. A locked-down subnet: the private workspace resolves through the records Azure created for its private"
            + " endpoint (named by its workspace GUID), and the subnet's NSG blocks the public path to the key vault.");
    Main.run(new String[] {"check", "--estate", estate, "--from", "secure-cluster", "--to", "mlw-private", "--to",
        "kv-ml-prod", "-v"}, out, err);
    step(out, "allowpath plan --estate examples/estate --from gpu-cluster --from legacy-cluster --from managed-cluster"
        + " --from dbw-analytics --to stdatalakeprod --to stmlprod --to kv-ml-prod --to sql-features --to app-scoring"
        + " --to app-frontend --to oai-ml",
        "5. The smallest set of changes that makes these computes reach every target (--emit az|bicep|arm|terraform"
            + " writes it as code; --write-estate shows the result offline).");
    Main.run(new String[] {"plan", "--estate", estate, "--from", "gpu-cluster", "--from", "legacy-cluster",
        "--from", "managed-cluster", "--from", "dbw-analytics", "--to", "stdatalakeprod", "--to", "stmlprod",
        "--to", "kv-ml-prod", "--to", "sql-features", "--to", "app-scoring", "--to", "app-frontend", "--to", "oai-ml"},
        out, err);
    step(out, "allowpath audit --estate examples/estate",
        "6. What should the platform team fix first? Findings with stable ids (--output sarif for code scanning;"
            + " allowpath report --html writes the same as one page with diagrams).");
    Main.run(new String[] {"audit", "--estate", estate, "--fail-on", "never"}, out, err);
    return 0;
  }

  private static void step(PrintWriter out, String command, String what) {
    out.println();
    out.println("== " + what);
    out.println("$ " + command);
    out.println();
    out.flush();
  }
}
