package io.allowpath.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.analysis.audit.Finding;
import io.allowpath.analysis.audit.Level;
import io.allowpath.model.Diagnostic;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Renders audit findings as a table or JSON ({@code allowpath audit --output table|json}). */
public final class AuditReport {
  private AuditReport() {}

  /** Findings per severity, every severity present (0 when none). */
  public static Map<Level, Integer> counts(List<Finding> findings) {
    Map<Level, Integer> m = new EnumMap<>(Level.class);
    for (Level l : Level.values()) {
      m.put(l, 0);
    }
    findings.forEach(f -> m.merge(f.severity(), 1, Integer::sum));
    return m;
  }

  public static ObjectNode findingJson(Finding f) {
    ObjectNode o = Json.object();
    o.put("rule", f.ruleId());
    o.put("name", f.rule().ruleName());
    o.put("severity", f.severity().sarif());
    o.put("resource", f.resource().value());
    o.put("message", f.message());
    o.put("fix", f.fix());
    o.put("source", f.rule().source());
    o.put("file", f.file());
    o.put("pointer", f.pointer());
    return o;
  }

  public static String json(List<Finding> findings, Collection<Diagnostic> diagnostics) {
    return json(findings, diagnostics, null);
  }

  /** The audit document, with an {@code intents} block (IntentReport#json) when intents were given. */
  public static String json(List<Finding> findings, Collection<Diagnostic> diagnostics, ObjectNode intents) {
    ObjectNode root = Json.object();
    ArrayNode arr = root.putArray("findings");
    findings.forEach(f -> arr.add(findingJson(f)));
    ObjectNode summary = root.putObject("summary");
    counts(findings).forEach((l, n) -> summary.put(l.sarif(), n));
    if (intents != null) {
      root.set("intents", intents);
    }
    root.set("diagnostics", Json.diagnostics(diagnostics));
    return Json.write(root);
  }

  public static String table(List<Finding> findings) {
    if (findings.isEmpty()) {
      return "No findings.\n";
    }
    Table t = new Table("RULE", "SEVERITY", "RESOURCE", "MESSAGE").giveWayFirst(3);
    StringBuilder fixes = new StringBuilder();
    for (Finding f : findings) {
      t.row(f.ruleId(), f.severity().sarif(), f.resource().name(), f.message());
    }
    Map<Level, Integer> c = counts(findings);
    fixes.append('\n').append(findings.size()).append(" finding(s): ").append(c.get(Level.ERROR)).append(" error, ")
        .append(c.get(Level.WARNING)).append(" warning, ").append(c.get(Level.NOTE)).append(" note. ")
        .append("Fixes and sources: docs/audit-rules.md\n");
    return t.render() + fixes;
  }
}
