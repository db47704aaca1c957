package io.allowpath.cli;

import io.allowpath.model.Diagnostic;
import java.io.PrintWriter;
import java.util.List;

/** Prints diagnostics after a table, on stderr, one line each. */
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
}
