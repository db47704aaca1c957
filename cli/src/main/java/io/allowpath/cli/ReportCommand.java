package io.allowpath.cli;

import io.allowpath.analysis.egress.Egress;
import io.allowpath.plan.Plan;
import io.allowpath.plan.Planner;
import io.allowpath.report.HtmlReport;
import io.allowpath.session.Analysis;
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
    AuditCommand.Result r = AuditCommand.run(estateOptions.analysis());
    estateOptions.enforceStrict(r.diagnostics());
    Analysis a = r.analysis();
    Phase.set("planning for the report");
    List<Egress> egress = a.egress(r.computes());
    Plan plan = a.plan(r.computes(), r.targets(), Planner.Strategy.NAT_GATEWAY);
    Phase.set("rendering the HTML report");
    String page = HtmlReport.render(new HtmlReport.Data(estateOptions.sources(),
        r.computes(), r.targets(), egress, r.verdicts(), r.findings(), plan));
    Output.write(html, page);
    spec.commandLine().getOut().println("Wrote " + html + " (" + r.computes().size() + " computes, "
        + r.targets().size() + " targets, " + r.findings().size() + " findings)");
    return Diagnostics.exit(0, r.diagnostics(), spec.commandLine().getErr(), false);
  }
}
