package io.allowpath.cli;

import io.allowpath.analysis.egress.Allowlist;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.model.Diagnostic;
import io.allowpath.report.AllowlistReport;
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
 * {@code allowpath ips}: the egress allowlist of a workspace, some computes or all — the stable public
 * addresses their internet-bound traffic leaves with, in the fewest CIDR blocks. Computes whose egress
 * cannot be allowlisted are named on stderr with why; they make the exit code 1 unless
 * {@code --allow-unstable}.
 */
@Command(name = "ips", mixinStandardHelpOptions = true,
    description = "Print the egress allowlist: the stable public IPs of the selected computes, aggregated.")
public final class IpsCommand implements Callable<Integer> {
  @Mixin EstateOptions estateOptions;

  @Option(names = "--from", paramLabel = "W_OR_COMPUTE",
      description = "a workspace or compute (ARM id, key, name or workspace/compute; repeatable); default: all")
  List<String> from = new ArrayList<>();

  @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "FORMAT",
      description = "text (one CIDR per line), json, csv or terraform (a locals block); default: ${DEFAULT-VALUE}")
  Format output;

  @Option(names = "--terraform-name", defaultValue = "allowpath_egress_ips", paramLabel = "NAME",
      description = "the local's name with -o terraform; default: ${DEFAULT-VALUE}")
  String terraformName;

  @Option(names = "--allow-unstable",
      description = "exit 0 even when some computes cannot be allowlisted (they are still named on stderr)")
  boolean allowUnstable;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  enum Format { text, json, csv, terraform }

  @Override
  public Integer call() {
    Analysis a = estateOptions.analysis();
    List<Compute> computes = EstateOptions.select(() -> a.computes(from));
    Phase.set("resolving egress");
    Allowlist list = a.allowlist(computes);
    List<Diagnostic> diags = a.diagnostics(computes);
    estateOptions.enforceStrict(diags);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    out.print(switch (output) {
      case json -> AllowlistReport.json(list);
      case csv -> AllowlistReport.csv(list);
      case terraform -> AllowlistReport.terraform(list, terraformName);
      default -> AllowlistReport.text(list);
    });
    for (Allowlist.Problem p : list.problems()) {
      err.println("allowpath: not listed: " + p.compute().name() + ": " + p.why());
    }
    return Diagnostics.exit(list.problems().isEmpty() || allowUnstable ? 0 : 1, diags, err, false);
  }
}
