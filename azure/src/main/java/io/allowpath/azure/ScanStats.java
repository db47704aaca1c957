package io.allowpath.azure;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live counters of a scan, read by the progress display while the scan runs (all thread-safe) and by
 * the final summary.
 */
public final class ScanStats {
  public final long startedNanos = System.nanoTime();
  public final AtomicInteger subscriptions = new AtomicInteger();
  public final AtomicInteger pages = new AtomicInteger();
  public final AtomicInteger resources = new AtomicInteger();
  public final AtomicInteger getsTotal = new AtomicInteger();
  public final AtomicInteger getsDone = new AtomicInteger();
  public final AtomicInteger requests = new AtomicInteger();
  public final AtomicInteger retries = new AtomicInteger();
  public final AtomicInteger throttled = new AtomicInteger();
  public final AtomicInteger problems = new AtomicInteger();
  public final AtomicLong waitedMillis = new AtomicLong();
  /** What the scan is doing now, e.g. "Resource Graph" or "ARM GETs". */
  public volatile String phase = "starting";

  public double elapsedSeconds() {
    return (System.nanoTime() - startedNanos) / 1e9;
  }
}
