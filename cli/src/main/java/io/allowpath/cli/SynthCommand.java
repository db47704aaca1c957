package io.allowpath.cli;

import io.allowpath.ingest.IoProblems;
import io.allowpath.synth.SyntheticEstate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code allowpath synth}: writes a realistic synthetic estate (an ARM resource array) for benchmarks and
 * tests; deterministic for a seed (see {@link SyntheticEstate}).
 */
@Command(name = "synth", mixinStandardHelpOptions = true,
    description = "Write a synthetic estate: hub-and-spoke networks, AML and Databricks computes, targets with rules.")
public final class SynthCommand implements Callable<Integer> {
  @Option(names = "--computes", required = true, paramLabel = "N", description = "number of computes")
  int computes;

  @Option(names = "--targets", required = true, paramLabel = "M", description = "number of targets")
  int targets;

  @Option(names = "--rules", defaultValue = "20", paramLabel = "R",
      description = "at most this many IP rules per target, capped at each service's limit (default ${DEFAULT-VALUE})")
  int rules;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "random seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "the ARM resource array to write")
  Path out;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (computes < 1 || targets < 1 || rules < 0) {
      throw new UsageException("--computes and --targets must be at least 1 and --rules at least 0");
    }
    try {
      SyntheticEstate.write(out, computes, targets, rules, seed);
    } catch (IOException e) {
      throw new Output.OutputException("cannot write " + out + ": " + IoProblems.reason(e, out));
    }
    spec.commandLine().getOut().println("Wrote " + out + " (" + computes + " computes, " + targets + " targets, seed "
        + seed + ")");
    return 0;
  }
}
