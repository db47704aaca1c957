package io.allowpath.report;

import io.allowpath.analysis.access.Matrix;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.analysis.access.Outcome;
import io.allowpath.analysis.access.Reason;
import io.allowpath.analysis.access.Verdict;
import io.allowpath.analysis.egress.Hop;
import io.allowpath.model.Diagnostic;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Renders verdicts: the CONTRACT.md {@code check} JSON, a table, or the summary counts. */
public final class CheckReport {
  private CheckReport() {}

  public static ObjectNode verdictJson(Verdict v) {
    ObjectNode o = Json.object();
    o.put("from", v.compute().key());
    o.put("to", v.target().id().value());
    o.put("fromName", v.compute().name());
    o.put("toName", v.target().id().name());
    o.put("verdict", v.outcome().name());
    o.put("via", v.via().name());
    o.set("sourceAddresses", Json.strings(v.sourceAddresses()));
    o.set("reasons", Json.strings(v.reasons().stream().map(Reason::name).toList()));
    o.set("hops", Json.hops(v.hops()));
    return o;
  }

  public static String json(List<Verdict> verdicts, Collection<Diagnostic> diagnostics) {
    return json(verdicts, diagnostics, null);
  }

  /** The check document, with an {@code intents} block (violations first) when intents were given. */
  public static String json(List<Verdict> verdicts, Collection<Diagnostic> diagnostics, ObjectNode intents) {
    ObjectNode root = Json.object();
    if (intents != null) {
      root.set("intents", intents);
    }
    ArrayNode arr = root.putArray("checks");
    verdicts.forEach(v -> arr.add(verdictJson(v)));
    root.set("diagnostics", Json.diagnostics(diagnostics));
    return Json.write(root);
  }

  /** Summary counts: every verdict, and how often each reason occurs. */
  public static final class Summary {
    private final Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
    private final Map<String, Long> reasons = new TreeMap<>();

    public Summary() {
      for (Outcome o : Outcome.values()) {
        counts.put(o, 0L);
      }
    }

    public synchronized void add(Verdict v) {
      counts.merge(v.outcome(), 1L, Long::sum);
      for (Reason r : v.reasons()) {
        reasons.merge(r.name(), 1L, Long::sum);
      }
    }

    /** The counts of a matrix computed by {@link io.allowpath.analysis.access.Matrix#summary}. */
    public static Summary of(Matrix.Counts c) {
      Summary s = new Summary();
      for (Outcome o : Outcome.values()) {
        s.counts.put(o, c.count(o));
      }
      c.reasons().forEach((r, n) -> s.reasons.put(r.name(), n));
      return s;
    }

    public long count(Outcome o) {
      return counts.get(o);
    }

    public String json() {
      ObjectNode o = Json.object();
      o.put("ALLOW", counts.get(Outcome.ALLOW));
      o.put("DENY", counts.get(Outcome.DENY));
      o.put("AMBIGUOUS", counts.get(Outcome.AMBIGUOUS));
      o.put("UNKNOWN", counts.get(Outcome.UNKNOWN));
      ObjectNode r = o.putObject("reasons");
      reasons.entrySet().stream().sorted((a, b) -> b.getValue().compareTo(a.getValue()) != 0
          ? b.getValue().compareTo(a.getValue()) : a.getKey().compareTo(b.getKey()))
          .forEach(e -> r.put(e.getKey(), e.getValue()));
      return Json.write(o);
    }
  }

  /** The order of table rows: workspace, compute, then target name (without case), then ids. */
  public static final Comparator<Verdict> TABLE_ORDER = Comparator
      .comparing((Verdict v) -> v.compute().workspace().name(), String.CASE_INSENSITIVE_ORDER)
      .thenComparing(v -> v.compute().label(), String.CASE_INSENSITIVE_ORDER)
      .thenComparing(v -> v.target().id().name(), String.CASE_INSENSITIVE_ORDER)
      .thenComparing(v -> v.compute().key())
      .thenComparing(v -> v.target().id().value());

  /**
   * The verdicts as a table in {@link #TABLE_ORDER}, fitted to the command's width ({@link Table}); with
   * {@code verbose}, every pair's reasons and hops in full below it.
   */
  public static String table(List<Verdict> verdicts, boolean verbose) {
    Table t = new Table("FROM", "TO", "VERDICT", "VIA", "REASON").giveWayFirst(4);
    StringBuilder details = new StringBuilder();
    List<Verdict> sorted = new java.util.ArrayList<>(verdicts);
    sorted.sort(TABLE_ORDER);
    for (Verdict v : sorted) {
      String from = v.compute().name();
      t.row(from, v.target().id().name(), v.outcome().name(), v.via().name(),
          v.mainReason() == null ? "" : v.mainReason().name() + (v.reasons().size() > 1 ? " (+" + (v.reasons().size() - 1) + ")" : ""));
      if (verbose) {
        details.append('\n').append(from).append(" -> ").append(v.target().id().name()).append(": ")
            .append(v.outcome()).append(" via ").append(v.via()).append('\n');
        for (Reason r : v.reasons()) {
          details.append("  reason ").append(r.name()).append(": ").append(r.meaning()).append('\n');
        }
        int i = 1;
        for (Hop h : v.hops()) {
          details.append("  ").append(i++).append(". ").append(h.kind().name()).append(": ").append(h.detail()).append('\n');
        }
      }
    }
    return t.render() + details;
  }
}
