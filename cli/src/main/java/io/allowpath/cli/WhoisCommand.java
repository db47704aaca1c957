package io.allowpath.cli;

import io.allowpath.analysis.access.Whois;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.IpSet;
import io.allowpath.report.WhoisReport;
import io.allowpath.session.Analysis;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code allowpath whois IP}: the reverse of a 403 log line's {@code CallerIpAddress} — which computes
 * leave from this address (exactly, or inside a prefix), by which path, and which targets admit it.
 * Exit 1 when no compute of the estate leaves from it.
 */
@Command(name = "whois", mixinStandardHelpOptions = true,
    description = "Which computes leave from an IP address (or prefix), and which targets admit it.")
public final class WhoisCommand implements Callable<Integer> {
  @Mixin EstateOptions estateOptions;

  @Parameters(index = "0", paramLabel = "IP", description = "an IP address or CIDR prefix, e.g. from a 403 log line")
  String address;

  @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT",
      description = "table or json; default: ${DEFAULT-VALUE}")
  Format output;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  enum Format { table, json }

  @Override
  public Integer call() {
    IpSet ip = IpSet.tryParse(address);
    if (ip == null) {
      throw new UsageException("'" + address + "' is not an IP address or CIDR prefix");
    }
    Analysis a = estateOptions.analysis();
    Phase.set("looking up " + address);
    Whois w = a.whois(ip);
    List<Diagnostic> diags = a.diagnostics(a.computes());
    estateOptions.enforceStrict(diags);
    PrintWriter out = spec.commandLine().getOut();
    out.print(output == Format.json ? WhoisReport.json(w) : WhoisReport.table(w));
    return Diagnostics.exit(w.computes().isEmpty() ? 1 : 0, diags, spec.commandLine().getErr(), false);
  }
}
