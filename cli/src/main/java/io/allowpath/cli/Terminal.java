package io.allowpath.cli;

import io.allowpath.report.Table;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The width tables are fitted to (docs/contract.md, "Tables"): {@code COLUMNS} when it is set to a positive
 * number; else, when standard output is a terminal, the terminal's width ({@code stty size} on the
 * controlling terminal), or {@value #DEFAULT} when that cannot be read; else (output piped or redirected)
 * no limit, so that what a script reads does not depend on the window it was started from.
 */
final class Terminal {
  static final int DEFAULT = 120;

  private Terminal() {}

  /** The width for this process: from the environment and whether standard output is a terminal. */
  static int detect() {
    return width(System.getenv("COLUMNS"), System.console() != null);
  }

  /** The width for {@code columns} (the variable's value, or null) and whether the output is a terminal. */
  static int width(String columns, boolean terminal) {
    Integer c = parse(columns);
    if (c != null) {
      return c;
    }
    if (!terminal) {
      return Table.UNLIMITED;
    }
    Integer tty = ttyColumns();
    return tty != null ? tty : DEFAULT;
  }

  private static Integer parse(String columns) {
    if (columns == null || columns.isBlank()) {
      return null;
    }
    try {
      int c = Integer.parseInt(columns.strip());
      return c > 0 ? c : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** {@code stty size} of the controlling terminal ("rows columns"), or null when it cannot be read. */
  private static Integer ttyColumns() {
    File tty = new File("/dev/tty");
    if (!tty.canRead()) {
      return null;
    }
    try {
      Process p = new ProcessBuilder("stty", "size").redirectInput(tty).redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (!p.waitFor(1, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      String[] parts = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip().split("\\s+");
      return parts.length == 2 ? parse(parts[1]) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
