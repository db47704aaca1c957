package io.allowpath.cli;

import io.allowpath.analysis.access.Verdict;
import io.allowpath.analysis.audit.Finding;
import io.allowpath.analysis.audit.Level;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.intent.IntentCheck;
import io.allowpath.analysis.intent.Intents;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Target;
import io.allowpath.report.AuditReport;
import io.allowpath.report.IntentReport;
import io.allowpath.report.SarifReport;
import io.allowpath.session.Analysis;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code allowpath audit}: findings of the rule catalogue (docs/audit-rules.md) as a table, JSON or
 * SARIF 2.1.0. Exit 1 when a finding at or above {@code --fail-on} exists (default: error), 2 for
 * usage or input errors (CONTRACT.md).
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "Audit the estate: unstable or missing egress, rules that cannot work, over-broad or open targets.")
public final class AuditCommand implements Callable<Integer> {
  /** The version SARIF reports as the tool's semanticVersion (kept in step with Main's version). */
  static final String VERSION = "0.1.0";

  @Mixin EstateOptions estateOptions;

  @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT",
      description = "table, json or sarif (SARIF 2.1.0); default: ${DEFAULT-VALUE}")
  Format output;

  @Option(names = "--fail-on", defaultValue = "error", paramLabel = "LEVEL",
      description = "exit 1 when a finding of this severity or worse exists: warning, error or never; "
          + "default: ${DEFAULT-VALUE}")
  FailOn failOn;

  @Option(names = "--intents", paramLabel = "FILE|inferred",
      description = "what should reach what (docs/intents.md): a YAML/JSON file, 'inferred', or both as "
          + "FILE,inferred; violations are findings too (rules AI001-AI003 in docs/audit-rules.md)")
  String intents;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  enum Format { table, json, sarif }

  enum FailOn { warning, error, never }

  /** The audit of a whole estate, shared with the HTML report. */
  record Result(Analysis analysis, List<Compute> computes, List<Target> targets, List<Verdict> verdicts,
      List<Finding> findings, List<Diagnostic> diagnostics) {}

  static Result run(Analysis a) {
    List<Compute> computes = a.computes();
    List<Target> targets = a.targets();
    Phase.set("evaluating every pair for the audit");
    List<Verdict> verdicts = a.verdicts(computes, targets);
    Phase.set("auditing");
    List<Finding> findings = a.findings(computes, targets, verdicts);
    return new Result(a, computes, targets, verdicts, findings, a.diagnostics(computes));
  }

  @Override
  public Integer call() {
    Result r = run(estateOptions.analysis());
    IntentCheck check = null;
    Intents set = null;
    if (intents != null) {
      Phase.set("checking intents");
      set = r.analysis().intents(intents);
      check = r.analysis().check(set, r.computes(), r.targets());
    }
    estateOptions.enforceStrict(r.diagnostics());
    Phase.set("writing the audit report");
    PrintWriter out = spec.commandLine().getOut();
    switch (output) {
      case json -> out.print(AuditReport.json(r.findings(), r.diagnostics(),
          check == null ? null : IntentReport.json(check, set)));
      case sarif -> out.print(SarifReport.sarif(r.findings(),
          check == null ? null : new SarifReport.IntentResults(check, set, r.analysis().estate()), VERSION, Path.of("")));
      default -> {
        out.print(AuditReport.table(r.findings()));
        if (check != null) {
          out.println();
          out.print(IntentReport.auditTable(check, set));
        }
        Diagnostics.print(out, spec.commandLine().getErr(), r.diagnostics());
      }
    }
    boolean failed = failing(r.findings(), failOn) || check != null && failOn != FailOn.never && !check.violations().isEmpty();
    return Diagnostics.exit(failed ? 1 : 0, r.diagnostics(), spec.commandLine().getErr(), output != Format.sarif);
  }

  static boolean failing(List<Finding> findings, FailOn failOn) {
    return switch (failOn) {
      case never -> false;
      case error -> findings.stream().anyMatch(f -> f.severity() == Level.ERROR);
      case warning -> findings.stream().anyMatch(f -> f.severity().atLeast(Level.WARNING));
    };
  }
}
