package io.allowpath.cli;

import io.allowpath.model.Diagnostic;
import io.allowpath.model.Severity;
import java.io.PrintWriter;
import java.util.List;

/**
 * Prints diagnostics after a table, on stderr, one line each; and applies the rule of docs/contract.md
 * that an ERROR diagnostic makes the exit code 2 even when an answer was printed.
 */
final class Diagnostics {
  private Diagnostics() {}

  static void print(PrintWriter out, PrintWriter err, List<Diagnostic> ds) {
    out.flush();
    if (ds.isEmpty()) {
      return;
    }
    err.println();
    err.println(ds.size() + " diagnostic(s):");
    for (Diagnostic d : ds) {
      err.println("  " + d.oneLine());
    }
    err.flush();
  }

  /**
   * {@code code} unless an ERROR diagnostic exists: then 2, with one line on stderr saying so (and the
   * errors themselves when {@code listed} is false, i.e. the output format did not carry them).
   */
  static int exit(int code, List<Diagnostic> ds, PrintWriter err, boolean listed) {
    List<Diagnostic> errors = ds.stream().filter(d -> d.severity() == Severity.ERROR).toList();
    if (errors.isEmpty()) {
      return code;
    }
    if (!listed) {
      errors.forEach(d -> err.println("  " + d.oneLine()));
    }
    err.println("allowpath: " + errors.size() + " input error(s): the answer printed may be incomplete; exit 2");
    err.flush();
    return 2;
  }
}
