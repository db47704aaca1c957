package io.allowpath.cli;

import io.allowpath.ingest.InputException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: wires the subcommands; user errors print one line and exit 2, never a stack trace. */
@Command(
    name = "allowpath",
    mixinStandardHelpOptions = true,
    version = "allowpath 0.1.0",
    description = "Which IP does my Azure ML / Databricks compute leave with, and does the target let it in?",
    subcommands = {EgressCommand.class, CheckCommand.class, PlanCommand.class, AuditCommand.class, ReportCommand.class,
        IpsCommand.class, WhoisCommand.class, ExplainCommand.class, SynthCommand.class, DemoCommand.class,
        CompletionCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
      if (ex instanceof InputException || ex instanceof UsageException) {
        line.getErr().println("allowpath: " + ex.getMessage());
        line.getErr().flush();
        return 2;
      }
      throw ex;
    });
    return cl;
  }

  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    int code = commandLine(out, err).execute(args);
    out.flush();
    err.flush();
    return code;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, java.nio.charset.StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8);
    System.exit(run(args, out, err));
  }
}
