package io.allowpath.cli;

import io.allowpath.analysis.access.AccessEvaluator;
import io.allowpath.analysis.access.Outcome;
import io.allowpath.analysis.access.Verdict;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.EgressResolver;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Target;
import io.allowpath.report.CheckReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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

  @Option(names = "--to", paramLabel = "TARGET", description = "a target (ARM id or name; repeatable); default: all")
  List<String> to = new ArrayList<>();

  @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table, json or summary")
  Format output;

  @Option(names = "--only-failing", description = "list only the pairs that are not ALLOW")
  boolean onlyFailing;

  @Option(names = {"-v", "--verbose"}, description = "with the table: print every pair's reasons and hops")
  boolean verbose;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  enum Format { table, json, summary }

  /** The chosen computes and targets, and the evaluator, shared with plan. */
  record Selection(AccessEvaluator evaluator, List<Compute> computes, List<Target> targets) {}

  static Selection select(Estate estate, EstateOptions opts, List<String> from, List<String> to) {
    EgressResolver resolver = new EgressResolver(estate, opts.tags());
    AccessEvaluator evaluator = new AccessEvaluator(resolver, opts.tags());
    return new Selection(evaluator, computes(resolver.computes(), from), targets(evaluator.targets(), to));
  }

  static List<Compute> computes(List<Compute> all, List<String> from) {
    if (from.isEmpty()) {
      return all;
    }
    Set<Compute> chosen = new LinkedHashSet<>();
    for (String f : from) {
      List<Compute> exact = all.stream().filter(c -> c.key().equalsIgnoreCase(f)).toList();
      if (!exact.isEmpty()) {
        chosen.addAll(exact);
        continue;
      }
      List<ResourceId> candidates = new ArrayList<>();
      for (Compute c : all) {
        if (!candidates.contains(c.workspace())) {
          candidates.add(c.workspace());
        }
        if (!c.resource().equals(c.workspace()) && !candidates.contains(c.resource())) {
          candidates.add(c.resource());
        }
      }
      ResourceId id = Selectors.one(f, candidates, "workspace or compute");
      all.stream().filter(c -> c.workspace().equals(id) || c.resource().equals(id)).forEach(chosen::add);
    }
    return new ArrayList<>(chosen);
  }

  static List<Target> targets(List<Target> all, List<String> to) {
    if (to.isEmpty()) {
      return all;
    }
    List<ResourceId> ids = all.stream().map(Target::id).toList();
    Set<ResourceId> chosen = new LinkedHashSet<>();
    for (String t : to) {
      chosen.add(Selectors.one(t, ids, "target"));
    }
    return all.stream().filter(t -> chosen.contains(t.id())).toList();
  }

  @Override
  public Integer call() {
    Estate estate = estateOptions.load();
    Phase.set("selecting computes and targets");
    Selection s = select(estate, estateOptions, from, to);
    PrintWriter out = spec.commandLine().getOut();
    CheckReport.Summary summary = new CheckReport.Summary();
    List<Verdict> verdicts = new ArrayList<>();
    List<Diagnostic> analysis = new ArrayList<>();
    boolean keep = output != Format.summary;
    if (!keep) {
      Phase.set("counting verdicts");
      // counts only: evaluated once per distinct egress situation, not per compute (same answers)
      summary = CheckReport.Summary.of(io.allowpath.analysis.access.Matrix.summary(s.evaluator(), s.computes(),
          s.targets()));
    }
    for (Compute c : keep ? s.computes() : List.<Compute>of()) {
      for (Target t : s.targets()) {
        if (c.workspace().equals(t.id()) && t instanceof io.allowpath.model.DatabricksWorkspace) {
          continue; // a Databricks cluster and its own workspace talk over the control plane, not a firewall
        }
        Phase.set("checking", c.key() + " -> " + t.id());
        Verdict v = s.evaluator().evaluate(c, t);
        summary.add(v);
        if (keep && (!onlyFailing || v.outcome() != Outcome.ALLOW)) {
          verdicts.add(v);
        }
      }
    }
    Phase.set("collecting diagnostics");
    for (Compute c : s.computes()) {
      analysis.addAll(s.evaluator().resolver().resolve(c).diagnostics());
    }
    analysis.addAll(s.evaluator().diagnostics());
    List<Diagnostic> diags = EstateOptions.merge(estate, analysis);
    estateOptions.enforceStrict(diags);
    Phase.set("writing the check report");
    switch (output) {
      case json -> out.print(CheckReport.json(verdicts, diags));
      case summary -> out.print(summary.json());
      default -> {
        if (s.computes().isEmpty() || s.targets().isEmpty()) {
          out.println("Nothing to check: " + s.computes().size() + " compute(s), " + s.targets().size() + " target(s).");
        } else {
          out.print(CheckReport.table(verdicts, verbose));
        }
        Diagnostics.print(out, spec.commandLine().getErr(), diags);
      }
    }
    boolean allAllow = summary.count(Outcome.DENY) + summary.count(Outcome.AMBIGUOUS) + summary.count(Outcome.UNKNOWN) == 0;
    return Diagnostics.exit(allAllow ? 0 : 1, diags, spec.commandLine().getErr(), output != Format.summary);
  }
}
