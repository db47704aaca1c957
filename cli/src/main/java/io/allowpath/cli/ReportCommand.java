package io.allowpath.cli;

import io.allowpath.analysis.audit.Auditor;
import io.allowpath.analysis.audit.Finding;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.Egress;
import io.allowpath.analysis.intent.IntentCheck;
import io.allowpath.analysis.intent.Intents;
import io.allowpath.ingest.IoProblems;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.Target;
import io.allowpath.plan.Plan;
import io.allowpath.plan.Planner;
import io.allowpath.report.HtmlReport;
import io.allowpath.report.PairGroups;
import io.allowpath.session.Analysis;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code allowpath report --html OUT.html}: one self-contained HTML page with the summary, an egress
 * diagram per workspace, the answers grouped by verdict and reasons, every pair as embedded data, the
 * audit findings grouped by rule and the plan (NAT gateway strategy). The pairs come from the grouped
 * matrix ({@link PairGroups}), so no explained verdict is built per pair; the audit's verdict rules read the
 * matrix's grouped answers ({@link Auditor#auditShared}: one explained verdict per answer, not per pair), and
 * the page is streamed to the file section by section. With {@code --intents} (issue 17) the
 * page starts with the intent violations and the pair table gets an Intent column and filter; the exit code
 * stays 0 (the report is not a gate: {@code check --intents} is). Exit 0 when written, 2 for usage or input
 * errors.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write a self-contained HTML report: egress diagrams, pairs, findings and the plan.")
public final class ReportCommand implements Callable<Integer> {
  @Mixin EstateOptions estateOptions;

  @Option(names = "--html", required = true, paramLabel = "OUT.html", description = "the HTML file to write")
  Path html;

  @Option(names = "--pairs-file", paramLabel = "PAIRS.json",
      description = "also write the grouped pair list (the data the page embeds) to this JSON file")
  Path pairsFile;

  @Option(names = "--plan", defaultValue = "auto", paramLabel = "WHEN",
      description = "include the plan: auto (when the estate has at most " + PLAN_PAIRS + " pairs), yes or no; "
          + "default: ${DEFAULT-VALUE}")
  PlanWhen planWhen;

  enum PlanWhen { auto, yes, no }

  @Option(names = "--intents", paramLabel = "FILE|inferred",
      description = "what should reach what (docs/intents.md): a YAML/JSON file, 'inferred', or both as FILE,inferred; "
          + "the page then starts with the intent violations and the pair table gets an Intent column and filter; "
          + "default: none")
  String intents;

  @Option(names = "--max-answers", hidden = true, paramLabel = "N", defaultValue = "" + PairGroups.MAX_ANSWERS,
      description = "above this many distinct answers the page groups targets by service (tests); default: ${DEFAULT-VALUE}")
  int maxAnswers;

  /** Up to this many pairs the plan is included by default (the planner explains every failing pair). */
  static final int PLAN_PAIRS = 100_000;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    // the report's Terraform fix refers to the user's own addresses (as plan --emit terraform does): kept while
    // the estate is read (the association and rules resources behind a resource are only in the raw translation)
    estateOptions.keepTerraformAddresses();
    Analysis a = estateOptions.analysis();
    List<Compute> computes = a.computes();
    List<Target> targets = a.targets();
    List<Diagnostic> diagnostics = a.diagnostics(computes);
    estateOptions.enforceStrict(diagnostics);
    Phase.set("grouping the pairs for the report");
    LocalProgress progress = estateOptions.progress();
    progress.begin("grouping the pairs (targets done)", targets.size());
    PairGroups groups;
    try {
      groups = PairGroups.of(a.evaluator(), computes, targets, progress.targets(), maxAnswers);
    } finally {
      progress.end("grouped " + computes.size() + " compute(s) × " + targets.size() + " target(s)");
    }
    Phase.set("auditing for the report");
    List<Finding> findings = new Auditor(a.evaluator()).auditShared(computes, targets, groups.audited());
    Phase.set("resolving egress for the report");
    List<Egress> egress = a.egress(computes);
    boolean withPlan = planWhen == PlanWhen.yes || (planWhen == PlanWhen.auto && groups.pairs() <= PLAN_PAIRS);
    Phase.set("planning for the report");
    Plan plan = withPlan ? a.plan(computes, targets, Planner.Strategy.NAT_GATEWAY) : null;
    String note = withPlan ? null : "Left out (--plan " + planWhen + (planWhen == PlanWhen.auto ? ": " + groups.pairs()
        + " pairs, more than " + PLAN_PAIRS : "") + "). allowpath plan computes it; add --plan yes to include it here.";
    Intents intentSet = null;
    IntentCheck intentCheck = null;
    if (intents != null) {
      Phase.set("checking the intents for the report");
      intentSet = a.intents(intents);
      intentCheck = a.check(intentSet, computes, targets);
    }
    Phase.set("rendering the HTML report");
    HtmlReport.Data data = new HtmlReport.Data(estateOptions.sources(), egress, groups, findings, plan, note,
        intentSet, intentCheck, plan == null ? Map.of() : estateOptions.terraformAddresses());
    try (Writer w = Files.newBufferedWriter(html, StandardCharsets.UTF_8)) {
      HtmlReport.render(data, w);
    } catch (IOException e) {
      throw new Output.OutputException("cannot write " + html + ": " + IoProblems.reason(e, html));
    } catch (InvalidPathException | SecurityException e) {
      throw new Output.OutputException("cannot write " + html + ": not a usable file name");
    }
    if (pairsFile != null) {
      Phase.set("writing the pair file");
      try (Writer w = Files.newBufferedWriter(pairsFile, StandardCharsets.UTF_8)) {
        HtmlReport.writePairs(groups, a.evaluator(), intentCheck, w);
      } catch (IOException e) {
        throw new Output.OutputException("cannot write " + pairsFile + ": " + IoProblems.reason(e, pairsFile));
      } catch (InvalidPathException | SecurityException e) {
        throw new Output.OutputException("cannot write " + pairsFile + ": not a usable file name");
      }
    }
    spec.commandLine().getOut().println("Wrote " + html + " (" + computes.size() + " computes, "
        + targets.size() + " targets, " + groups.pairs() + " pairs in " + groups.size() + " groups, "
        + findings.size() + " findings" + (intentCheck == null ? "" : ", " + intentCheck.violations().size()
        + " intent violations") + ")" + (pairsFile == null ? "" : " and " + pairsFile));
    return Diagnostics.exit(0, diagnostics, spec.commandLine().getErr(), false);
  }
}
