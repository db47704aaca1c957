package io.allowpath.cli;

import io.allowpath.analysis.access.Outcome;
import io.allowpath.analysis.access.Verdict;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Target;
import io.allowpath.report.CheckReport;
import io.allowpath.session.Analysis;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code allowpath check}: a verdict for every (compute, target) pair. Exit 0 when every verdict is
 * ALLOW, 1 otherwise, 2 for usage or input errors (CONTRACT.md).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Decide ALLOW / DENY / AMBIGUOUS / UNKNOWN for each compute and target, with every reason.")
public final class CheckCommand implements Callable<Integer> {
  @Mixin EstateOptions estateOptions;

  @Option(names = "--from", paramLabel = "W_OR_COMPUTE",
      description = "a workspace or compute (ARM id, compute key or name; repeatable); default: all computes")
  List<String> from = new ArrayList<>();

  @Option(names = "--to", paramLabel = "TARGET", description = "a target (ARM id or name; repeatable); default: all targets")
  List<String> to = new ArrayList<>();

  @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT",
      description = "table, json or summary (outcome and reason counts); default: ${DEFAULT-VALUE}")
  Format output;

  @Option(names = "--only-failing", description = "list only the pairs that are not ALLOW")
  boolean onlyFailing;

  @Option(names = {"-v", "--verbose"}, description = "with the table: print every pair's reasons and hops")
  boolean verbose;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  enum Format { table, json, summary }

  @Override
  public Integer call() {
    Analysis a = estateOptions.analysis();
    List<Compute> computes = EstateOptions.select(() -> a.computes(from));
    List<Target> targets = EstateOptions.select(() -> a.targets(to));
    PrintWriter out = spec.commandLine().getOut();
    CheckReport.Summary summary;
    List<Verdict> verdicts = new ArrayList<>();
    if (output == Format.summary) {
      // counts only: decided once per distinct egress situation, not per compute (same answers)
      summary = CheckReport.Summary.of(a.summary(computes, targets));
    } else {
      summary = new CheckReport.Summary();
      for (Verdict v : a.verdicts(computes, targets)) {
        summary.add(v);
        if (!onlyFailing || v.outcome() != Outcome.ALLOW) {
          verdicts.add(v);
        }
      }
    }
    List<Diagnostic> diags = a.diagnostics(computes);
    estateOptions.enforceStrict(diags);
    switch (output) {
      case json -> out.print(CheckReport.json(verdicts, diags));
      case summary -> out.print(summary.json());
      default -> {
        if (computes.isEmpty() || targets.isEmpty()) {
          out.println("Nothing to check: " + computes.size() + " compute(s), " + targets.size() + " target(s).");
        } else {
          out.print(CheckReport.table(verdicts, verbose));
        }
        Diagnostics.print(out, spec.commandLine().getErr(), diags);
      }
    }
    boolean allAllow = summary.count(Outcome.DENY) + summary.count(Outcome.AMBIGUOUS) + summary.count(Outcome.UNKNOWN) == 0;
    return allAllow ? 0 : 1;
  }
}
