package io.allowpath.cli;

import io.allowpath.analysis.access.Outcome;
import io.allowpath.analysis.access.Verdict;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Target;
import io.allowpath.analysis.intent.IntentCheck;
import io.allowpath.analysis.intent.Intents;
import io.allowpath.report.CheckReport;
import io.allowpath.report.IntentReport;
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

  @Option(names = "--intents", paramLabel = "FILE|inferred",
      description = "what should reach what (docs/intents.md): a YAML/JSON file, 'inferred', or both as "
          + "FILE,inferred; only the pairs they cover are checked, violations first, exit 1 only on a violation")
  String intents;

  @Option(names = {"-v", "--verbose"}, description = "with the table: print every pair's reasons and hops")
  boolean verbose;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  enum Format { table, json, summary }

  @Override
  public Integer call() {
    Analysis a = estateOptions.analysis();
    Phase.set("selecting computes and targets");
    List<Compute> computes = EstateOptions.select(() -> a.computes(from));
    List<Target> targets = EstateOptions.select(() -> a.targets(to));
    PrintWriter out = spec.commandLine().getOut();
    if (intents != null) {
      return withIntents(a, computes, targets, out);
    }
    CheckReport.Summary summary;
    List<Verdict> verdicts = new ArrayList<>();
    Phase.set("checking pairs");
    if (output == Format.summary) {
      // counts only: decided once per distinct egress situation, not per compute (same answers)
      LocalProgress p = estateOptions.progress();
      p.begin("checking pairs (targets done)", targets.size());
      try {
        summary = CheckReport.Summary.of(a.summary(computes, targets, p.targets()));
      } finally {
        p.end("checked " + computes.size() + " compute(s) against " + targets.size() + " target(s)");
      }
    } else {
      summary = new CheckReport.Summary();
      LocalProgress p = estateOptions.progress();
      p.begin("checking pairs (computes done)", computes.size());
      List<Verdict> all;
      try {
        all = a.verdicts(computes, targets, p.targets());
      } finally {
        p.end("checked " + computes.size() + " compute(s) against " + targets.size() + " target(s)");
      }
      for (Verdict v : all) {
        summary.add(v);
        if (!onlyFailing || v.outcome() != Outcome.ALLOW) {
          verdicts.add(v);
        }
      }
    }
    List<Diagnostic> diags = a.diagnostics(computes);
    estateOptions.enforceStrict(diags);
    Phase.set("writing the check report");
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
    if (!allAllow && output == Format.table) {
      spec.commandLine().getErr().println("allowpath: every compute was checked against every target; say which "
          + "pairs matter with --intents inferred (each AML workspace's own dependencies) or --intents FILE");
    }
    return Diagnostics.exit(allAllow ? 0 : 1, diags, spec.commandLine().getErr(), output != Format.summary);
  }

  /** Only the pairs the intents cover; violations first; exit 1 only on a violation. */
  private int withIntents(Analysis a, List<Compute> computes, List<Target> targets, PrintWriter out) {
    Intents set = a.intents(intents);
    IntentCheck c = a.check(set, computes, targets);
    List<Diagnostic> diags = a.diagnostics(computes);
    estateOptions.enforceStrict(diags);
    List<Verdict> shown = new ArrayList<>();
    CheckReport.Summary summary = new CheckReport.Summary();
    c.violations().forEach(j -> shown.add(j.verdict()));
    for (IntentCheck.Judged j : c.pairs()) {
      summary.add(j.verdict());
      if (!j.violated() && !onlyFailing) {
        shown.add(j.verdict());
      }
    }
    switch (output) {
      case json -> out.print(CheckReport.json(shown, diags, IntentReport.json(c, set)));
      case summary -> out.print(summary.json());
      default -> {
        out.print(IntentReport.table(c, set));
        if (!shown.isEmpty()) {
          out.println();
          out.print(CheckReport.table(shown, verbose));
        }
        Diagnostics.print(out, spec.commandLine().getErr(), diags);
      }
    }
    return Diagnostics.exit(c.violations().isEmpty() ? 0 : 1, diags, spec.commandLine().getErr(),
        output != Format.summary);
  }
}
