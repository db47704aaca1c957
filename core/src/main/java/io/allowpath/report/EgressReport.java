package io.allowpath.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.analysis.egress.Egress;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.ResourceId;
import java.util.Collection;
import java.util.List;

/** Renders egress results as the CONTRACT.md JSON document or a one-line-per-compute table. */
public final class EgressReport {
  private EgressReport() {}

  public static ObjectNode egressJson(Egress e) {
    ObjectNode o = Json.object();
    o.put("workspace", e.compute().workspace().value());
    o.put("compute", e.compute().key());
    o.put("name", e.compute().name());
    o.put("subnet", e.compute().subnet() == null ? null : e.compute().subnet().value());
    o.put("mode", e.mode().name());
    o.set("publicIps", Json.strings(e.publicIps().toCidrs()));
    o.set("symbolicIps", Json.strings(e.symbolicIps().stream().map(ResourceId::value).toList()));
    o.put("stable", e.stable());
    o.set("hops", Json.hops(e.hops()));
    return o;
  }

  public static String json(List<Egress> results, Collection<Diagnostic> diagnostics) {
    ObjectNode root = Json.object();
    ArrayNode arr = root.putArray("egress");
    results.forEach(e -> arr.add(egressJson(e)));
    root.set("diagnostics", Json.diagnostics(diagnostics));
    return Json.write(root);
  }

  /** Addresses for a table cell: known IPs, then symbolic ones as {@code <name>?}. */
  public static String addresses(Egress e) {
    List<String> parts = new java.util.ArrayList<>(e.publicIps().toCidrs());
    e.symbolicIps().forEach(s -> parts.add(s.isUnresolved() ? "<deployment-time>" : "<" + s.name() + ">"));
    return parts.isEmpty() ? "-" : String.join(",", parts);
  }

  /** One row per compute, by workspace then compute name, fitted to the command's width ({@link Table}). */
  public static String table(List<Egress> results) {
    Table t = new Table("WORKSPACE", "COMPUTE", "MODE", "PUBLIC IPS", "STABLE", "WHY").giveWayFirst(5);
    List<Egress> sorted = new java.util.ArrayList<>(results);
    sorted.sort(java.util.Comparator.comparing((Egress e) -> e.compute().workspace().name(), String.CASE_INSENSITIVE_ORDER)
        .thenComparing(e -> e.compute().label(), String.CASE_INSENSITIVE_ORDER).thenComparing(e -> e.compute().key()));
    for (Egress e : sorted) {
      t.row(e.compute().workspace().name(), e.compute().label(), e.mode().name(), addresses(e),
          e.stable() ? "yes" : "no", e.why());
    }
    return t.render();
  }
}
