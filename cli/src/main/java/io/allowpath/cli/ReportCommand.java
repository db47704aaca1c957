package io.allowpath.cli;

import io.allowpath.analysis.access.Reason;
import io.allowpath.analysis.access.Verdict;
import io.allowpath.analysis.audit.Finding;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.Egress;
import io.allowpath.analysis.intent.IntentCheck;
import io.allowpath.analysis.intent.Intents;
import io.allowpath.ingest.terraform.TerraformAdapter;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Target;
import io.allowpath.plan.Plan;
import io.allowpath.plan.Planner;
import io.allowpath.report.HtmlReport;
import io.allowpath.report.PairGroups;
import io.allowpath.session.Analysis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code allowpath report --html OUT.html}: one self-contained HTML page with the summary, an egress
 * diagram per workspace, the answers grouped by verdict and reasons, every pair as embedded data, the
 * audit findings grouped by rule and the plan (NAT gateway strategy). The pairs come from the grouped
 * matrix ({@link PairGroups}), so no explained verdict is built per pair; the audit's verdict rules get
 * the explained verdicts of exactly the pairs whose reasons they read. With {@code --intents} (issue 17) the
 * page starts with the intent violations and the pair table gets an Intent column and filter; the exit code
 * stays 0 (the report is not a gate: {@code check --intents} is). Exit 0 when written, 2 for usage or input
 * errors.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write a self-contained HTML report: egress diagrams, pairs, findings and the plan.")
public final class ReportCommand implements Callable<Integer> {
  /** The reasons the audit's verdict rules (AP003–AP005) read; other pairs cannot produce a finding. */
  static final Set<Reason> AUDITED_REASONS = EnumSet.of(Reason.SOME_EGRESS_IPS_NOT_ADMITTED, Reason.STORAGE_SAME_REGION,
      Reason.IP_RULE_SHADOWED_BY_SERVICE_ENDPOINT);

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

  /**
   * For an estate read from Terraform, the user's resource addresses by ARM id, so the report's Terraform fix refers
   * to them as {@code plan --emit terraform} does; empty otherwise. The association and rules resources behind a
   * resource are in the raw Terraform translation only, so the files are read once more (only when a resource came
   * from Terraform: a scan's or an ARM file's sources are JSON pointers).
   */
  private Map<ResourceId, Map<String, String>> terraformAddresses(Estate estate) {
    if (estate.sources().values().stream().noneMatch(s -> TerraformAdapter.isAddress(s.pointer()))) {
      return Map.of();
    }
    Phase.set("reading the Terraform addresses for the report's Terraform fix");
    Map<ResourceId, Map<String, String>> out = new LinkedHashMap<>();
    TerraformAdapter.addresses(estateOptions.loadRaw(new ArrayList<>())).forEach((id, at) -> out.put(ResourceId.of(id), at));
    return out;
  }

  /** Up to this many pairs the plan is included by default (the planner explains every failing pair). */
  static final int PLAN_PAIRS = 100_000;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
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
      groups = PairGroups.of(a.evaluator(), computes, targets, progress.targets());
    } finally {
      progress.end("grouped " + computes.size() + " compute(s) × " + targets.size() + " target(s)");
    }
    Phase.set("auditing for the report");
    List<Verdict> audited = groups.verdictsWithAny(a.evaluator(), AUDITED_REASONS);
    List<Finding> findings = a.findings(computes, targets, audited);
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
    String page = HtmlReport.render(new HtmlReport.Data(estateOptions.sources(), egress, groups, findings, plan, note,
        intentSet, intentCheck, plan == null ? Map.of() : terraformAddresses(a.estate())));
    Phase.set("writing the report");
    Output.write(html, page);
    if (pairsFile != null) {
      Output.write(pairsFile, HtmlReport.pairsJson(groups, intentCheck));
    }
    spec.commandLine().getOut().println("Wrote " + html + " (" + computes.size() + " computes, "
        + targets.size() + " targets, " + groups.pairs() + " pairs in " + groups.size() + " groups, "
        + findings.size() + " findings" + (intentCheck == null ? "" : ", " + intentCheck.violations().size()
        + " intent violations") + ")" + (pairsFile == null ? "" : " and " + pairsFile));
    return Diagnostics.exit(0, diagnostics, spec.commandLine().getErr(), false);
  }
}
