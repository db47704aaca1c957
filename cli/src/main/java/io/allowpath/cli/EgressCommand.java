package io.allowpath.cli;

import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.Egress;
import io.allowpath.model.Diagnostic;
import io.allowpath.report.EgressReport;
import io.allowpath.session.Analysis;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code allowpath egress}: each compute's internet-bound egress path and public IPs. */
@Command(name = "egress", mixinStandardHelpOptions = true,
    description = "Show each compute's egress path, public IPs and whether they are stable.")
public final class EgressCommand implements Callable<Integer> {
  @Mixin EstateOptions estateOptions;

  @Option(names = "--from", paramLabel = "WORKSPACE",
      description = "a workspace (ARM id or name; repeatable); default: all workspaces")
  List<String> workspaces = new ArrayList<>();

  /** The option's earlier name, kept working but out of the help. */
  @Option(names = "--workspace", hidden = true, paramLabel = "WORKSPACE", description = "the same as --from")
  void workspace(String w) {
    workspaces.add(w);
  }

  @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT",
      description = "table or json; default: ${DEFAULT-VALUE}")
  OutputFormat output;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  enum OutputFormat { table, json }

  @Override
  public Integer call() {
    Analysis a = estateOptions.analysis();
    List<Compute> computes = EstateOptions.select(() -> a.computesOfWorkspaces(workspaces));
    Phase.set("resolving egress");
    List<Egress> results = a.egress(computes);
    List<Diagnostic> diags = a.diagnostics(computes);
    estateOptions.enforceStrict(diags);
    Phase.set("writing the egress report");
    PrintWriter out = spec.commandLine().getOut();
    if (output == OutputFormat.json) {
      out.print(EgressReport.json(results, diags));
    } else {
      if (results.isEmpty()) {
        out.println("No AML compute, AML serverless setting or Databricks workspace in the estate.");
      } else {
        out.print(EgressReport.table(results));
      }
      Diagnostics.print(out, spec.commandLine().getErr(), diags);
    }
    return Diagnostics.exit(0, diags, spec.commandLine().getErr(), true);
  }
}
