package io.allowpath.cli;

import io.allowpath.ingest.load.EstateLoader;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * Progress of long local work on stderr (issue 14 §5), drawn like the scan's ({@link ScanProgress}): one line
 * redrawn four times a second, only when stderr is a terminal and without {@code --quiet}. It appears only
 * for work that lasts: the line is first drawn after {@link #DELAY_MS}, and a one-line summary is printed when
 * a phase that was shown ends, so quick commands print nothing more than before.
 *
 * <p>Phases: loading the estate ({@link #loader()}: the file being parsed and its size, then resources
 * modelled / total) and the verdict matrix ({@link #targets}: targets done / total; the matrix counts once per
 * target, never per pair, so the display costs nothing measurable).
 */
final class LocalProgress {
  /** Whether stderr is a terminal; tests replace it. */
  static BooleanSupplier terminal = ScanProgress::stderrIsTerminal;
  static final long DELAY_MS = 1000;

  private final PrintWriter err;
  private final boolean live;
  private volatile String phase;
  private volatile String detail = "";
  private final AtomicLong done = new AtomicLong();
  private volatile long total;
  private volatile long startedNanos;
  private volatile boolean shown;
  private Thread ticker;

  LocalProgress(PrintWriter err, boolean quiet) {
    this.err = err;
    this.live = !quiet && terminal.getAsBoolean();
  }

  /** Starts a phase; ends the previous one. */
  synchronized void begin(String phase, long total) {
    end(null);
    this.phase = phase;
    this.detail = "";
    this.total = total;
    this.done.set(0);
    this.startedNanos = System.nanoTime();
    this.shown = false;
    if (live) {
      ticker = new Thread(this::tick, "allowpath-progress");
      ticker.setDaemon(true);
      ticker.start();
    }
  }

  /** Ends the phase; prints {@code summary} (one line) if the progress line was shown. */
  synchronized void end(String summary) {
    Thread t = ticker;
    ticker = null;
    if (t == null) {
      return;
    }
    t.interrupt();
    try {
      t.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (shown) {
      synchronized (err) {
        err.print("\r\u001b[K");
        if (summary != null) {
          err.println(String.format(Locale.ROOT, "%s in %.1f s", summary, seconds()));
        }
        err.flush();
      }
    }
  }

  /** The counter the matrix calls once per finished target. */
  IntConsumer targets() {
    return n -> done.addAndGet(n);
  }

  /** What the estate loader reports: the file being parsed, then resources modelled. */
  EstateLoader.Listener loader() {
    return new EstateLoader.Listener() {
      @Override
      public void parsing(String file, long bytes) {
        detail = "parsing " + file + String.format(Locale.ROOT, " (%.1f MB)", bytes / 1e6);
      }

      @Override
      public void modelling(int d, int t) {
        detail = "modelling resources";
        total = t;
        done.set(d);
      }
    };
  }

  private double seconds() {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  String line() {
    long t = total;
    long d = done.get();
    String count = t > 0 ? String.format(Locale.ROOT, " | %,d/%,d (%d%%)", d, t, (int) (100.0 * d / t)) : "";
    return String.format(Locale.ROOT, "%s%s%s | %.1f s", phase, detail.isEmpty() ? "" : ": " + detail, count, seconds());
  }

  private void tick() {
    try {
      Thread.sleep(DELAY_MS);
      while (!Thread.currentThread().isInterrupted()) {
        synchronized (err) {
          err.print("\r" + line() + "\u001b[K");
          err.flush();
        }
        shown = true;
        Thread.sleep(250);
      }
    } catch (InterruptedException e) {
      // phase ended
    }
  }
}
