package io.allowpath.cli;

import io.allowpath.analysis.egress.Egress;
import io.allowpath.model.Estate;
import io.allowpath.plan.Plan;
import io.allowpath.plan.Planner;
import io.allowpath.report.HtmlReport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code allowpath report --html OUT.html}: one self-contained HTML page with the summary, an egress
 * diagram per workspace, every pair with its explanation, the audit findings and the plan (default NAT
 * gateway strategy). Exit 0 when written, 2 for usage or input errors.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write a self-contained HTML report: egress diagrams, pairs, findings and the plan.")
public final class ReportCommand implements Callable<Integer> {
  @Mixin EstateOptions estateOptions;

  @Option(names = "--html", required = true, paramLabel = "OUT.html", description = "the HTML file to write")
  Path html;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Estate estate = estateOptions.load();
    AuditCommand.Result r = AuditCommand.run(estate, estateOptions);
    estateOptions.enforceStrict(r.diagnostics());
    var s = r.selection();
    Phase.set("planning for the report");
    List<Egress> egress = s.computes().stream().map(c -> s.evaluator().resolver().resolve(c)).toList();
    Plan plan = new Planner(s.evaluator(), Planner.Strategy.NAT_GATEWAY).plan(s.computes(), s.targets());
    Phase.set("rendering the HTML report");
    String page = HtmlReport.render(new HtmlReport.Data(estateOptions.estate.stream().map(Path::toString).toList(),
        s.computes(), s.targets(), egress, r.verdicts(), r.findings(), plan));
    Output.write(html, page);
    spec.commandLine().getOut().println("Wrote " + html + " (" + s.computes().size() + " computes, "
        + s.targets().size() + " targets, " + r.findings().size() + " findings)");
    return Diagnostics.exit(0, r.diagnostics(), spec.commandLine().getErr(), false);
  }
}
