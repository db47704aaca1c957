package io.allowpath.cli;

import io.allowpath.azure.ScanStats;
import io.allowpath.azure.Scanner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The scan's progress on stderr: a line redrawn four times a second when stderr is a terminal
 * (phase, subscriptions, pages, resources, GETs done/total, retries, rate, elapsed), and one summary line
 * at the end whether or not it is a terminal. {@code --quiet} silences both.
 */
final class ScanProgress {
  private final ScanStats stats;
  private final PrintWriter err;
  private final boolean quiet;
  private final Thread ticker;
  private volatile boolean done;

  private ScanProgress(ScanStats stats, PrintWriter err, boolean quiet, boolean live) {
    this.stats = stats;
    this.err = err;
    this.quiet = quiet;
    this.ticker = live ? new Thread(this::tick, "allowpath-progress") : null;
    if (ticker != null) {
      ticker.setDaemon(true);
      ticker.start();
    }
  }

  static ScanProgress start(ScanStats stats, PrintWriter err, boolean quiet) {
    return new ScanProgress(stats, err, quiet, !quiet && stderrIsTerminal());
  }

  /**
   * Whether stderr is a terminal: on Linux, where file descriptor 2 points (so that {@code scan > estate.json}
   * still shows progress); elsewhere, whether the JVM has a console.
   */
  static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }

  private void tick() {
    while (!done) {
      synchronized (err) {
        err.print("\r" + line() + "\u001b[K");
        err.flush();
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  String line() {
    double t = stats.elapsedSeconds();
    int res = stats.resources.get();
    return String.format(Locale.ROOT, "scan: %s | %d subscription(s) | %d page(s) | %d resource(s) | GETs %d/%d | %d retr%s | %.0f/s | %.1f s",
        stats.phase, stats.subscriptions.get(), stats.pages.get(), res, stats.getsDone.get(), stats.getsTotal.get(),
        stats.retries.get(), stats.retries.get() == 1 ? "y" : "ies", t > 0 ? res / t : 0.0, t);
  }

  private void stop() {
    done = true;
    if (ticker != null) {
      ticker.interrupt();
      try {
        ticker.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (err) {
        err.print("\r\u001b[K");
        err.flush();
      }
    }
  }

  void abort() {
    stop();
  }

  void finish(Scanner.Result r) {
    stop();
    if (quiet) {
      return;
    }
    ScanStats s = r.stats();
    err.println(String.format(Locale.ROOT,
        "scanned %s: %d resource(s) in %.1f s (%d Resource Graph page(s), %d ARM GET(s), %d request(s), %d retr%s, "
            + "%d throttled); %d problem(s)",
        r.scope(), r.resources().size(), s.elapsedSeconds(), s.pages.get(), s.getsTotal.get(), s.requests.get(),
        s.retries.get(), s.retries.get() == 1 ? "y" : "ies", s.throttled.get(), r.problems().size()));
    err.flush();
  }
}
