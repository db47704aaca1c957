package io.allowpath.cli;

import io.allowpath.ingest.InputException;
import io.allowpath.ingest.InternalFailure;
import io.allowpath.report.Table;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point: wires the subcommands and keeps exit codes meaning one thing (docs/contract.md): 0
 * success, 1 a negative answer, 2 usage, input or output error (one line, never a trace), 3 an internal
 * error (one line; {@code --debug} anywhere on the command line adds the trace).
 */
@Command(
    name = "allowpath",
    mixinStandardHelpOptions = true,
    version = "allowpath 0.1.0",
    description = "Which IP does my Azure ML / Databricks compute leave with, and does the target let it in?",
    subcommands = {ScanCommand.class, EgressCommand.class, CheckCommand.class, PlanCommand.class, AuditCommand.class,
        ReportCommand.class, DiffCommand.class, IpsCommand.class, WhoisCommand.class, ExplainCommand.class,
        SynthCommand.class, DemoCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  /** Exit code of an internal error (a bug): never 1, which means a negative answer. */
  public static final int INTERNAL_ERROR = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--debug", description = "on an internal error (exit 3), print the stack trace; accepted anywhere")
  boolean debug;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return commandLine(out, err, false);
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err, boolean debug) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine line = ex.getCommandLine();
      line.getErr().println("allowpath: " + Messages.clean(ex.getMessage()) + hint(line));
      line.getErr().flush();
      return 2;
    });
    cl.setExecutionExceptionHandler((ex, line, parseResult) -> failure(ex, line, err, debug));
    return cl;
  }

  private static String hint(CommandLine line) {
    return " (see '" + line.getCommandSpec().qualifiedName() + " --help')";
  }

  /** The exit code and the one line for an exception thrown by a command. */
  private static int failure(Throwable ex, CommandLine line, PrintWriter err, boolean debug) {
    if (ex instanceof UsageException u) {
      err.println("allowpath: " + Messages.clean(u.getMessage()) + (u.hint() && line != null ? hint(line) : ""));
      err.flush();
      return 2;
    }
    if (ex instanceof InputException || ex instanceof Output.OutputException) {
      err.println("allowpath: " + Messages.clean(ex.getMessage()));
      err.flush();
      return 2;
    }
    String doing = Phase.doing();
    String subject = Phase.subject();
    Throwable cause = ex;
    if (ex instanceof InternalFailure f) {
      doing = f.doing();
      subject = f.subject();
      cause = f.getCause() == null ? f : f.getCause();
    }
    err.println("allowpath: internal error: " + Messages.what(cause) + " while " + doing
        + (subject == null ? "" : " on " + subject) + "; run with --debug for the trace");
    if (debug) {
      ex.printStackTrace(err);
    }
    err.flush();
    return INTERNAL_ERROR;
  }

  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, System.in, out, err);
  }

  /** Runs one command in-process; {@code in} is what {@code --estate -} reads. */
  public static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err) {
    return run(args, in, out, err, cl -> { });
  }

  /** {@link #run(String[], InputStream, PrintWriter, PrintWriter)} with the command line adjusted (tests). */
  static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err,
      java.util.function.Consumer<CommandLine> adjust) {
    return run(args, in, out, err, adjust, Table.UNLIMITED);
  }

  /**
   * Runs one command in-process with tables fitted to {@code width} characters ({@link Table#UNLIMITED}:
   * not fitted; {@link #main} passes {@link Terminal#detect()}).
   */
  static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err,
      java.util.function.Consumer<CommandLine> adjust, int width) {
    boolean debug = false;
    List<String> rest = new ArrayList<>();
    boolean options = true;
    for (String a : args) {
      if (options && "--debug".equals(a)) {
        debug = true;
        continue;
      }
      if ("--".equals(a)) {
        options = false;
      }
      rest.add(a);
    }
    InputStream before = Output.stdin();
    int widthBefore = Table.width();
    Output.stdin(in);
    Table.width(width);
    Phase.reset();
    int code;
    try {
      CommandLine cl = commandLine(out, err, debug);
      adjust.accept(cl);
      code = cl.execute(rest.toArray(String[]::new));
    } catch (Throwable t) { // errors (stack overflow, out of memory) pass picocli's handler
      code = failure(t, null, err, debug);
    } finally {
      Output.stdin(before);
      Table.width(widthBefore);
      Phase.reset();
    }
    out.flush();
    if (out.checkError() && code != INTERNAL_ERROR) {
      String why = out instanceof Output.Stdout s ? s.failure() : null;
      err.println("allowpath: cannot write to standard output" + (why == null ? "" : ": " + why)
          + "; the answer was lost");
      code = 2;
    }
    err.flush();
    return code;
  }

  public static void main(String[] args) {
    PrintWriter out = new Output.Stdout(new java.io.FileOutputStream(java.io.FileDescriptor.out));
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err,
        java.nio.charset.StandardCharsets.UTF_8), true);
    System.exit(run(args, System.in, out, err, cl -> { }, Terminal.detect()));
  }
}
