package io.allowpath.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.analysis.egress.Allowlist;
import io.allowpath.analysis.egress.Egress;
import io.allowpath.model.ResourceId;
import java.util.List;

/** Renders an egress allowlist ({@code allowpath ips}) as text, JSON, CSV or a Terraform {@code locals} block. */
public final class AllowlistReport {
  private AllowlistReport() {}

  /** One CIDR block (or single address) per line. */
  public static String text(Allowlist a) {
    StringBuilder b = new StringBuilder();
    a.addresses().toCidrs().forEach(c -> b.append(c).append('\n'));
    return b.toString();
  }

  public static String json(Allowlist a) {
    ObjectNode root = Json.object();
    root.set("addresses", Json.strings(a.addresses().toCidrs()));
    ArrayNode computes = root.putArray("computes");
    for (Egress e : a.listed()) {
      ObjectNode o = computes.addObject();
      o.put("name", e.compute().name());
      o.put("compute", e.compute().key());
      o.put("workspace", e.compute().workspace().value());
      o.put("mode", e.mode().name());
      o.set("publicIps", Json.strings(e.publicIps().toCidrs()));
    }
    ArrayNode problems = root.putArray("notListed");
    for (Allowlist.Problem p : a.problems()) {
      ObjectNode o = problems.addObject();
      o.put("name", p.compute().name());
      o.put("compute", p.compute().key());
      o.put("mode", p.egress().mode().name());
      o.put("stable", p.egress().stable());
      o.set("symbolicIps", Json.strings(p.egress().symbolicIps().stream().map(ResourceId::value).toList()));
      o.put("why", p.why());
    }
    return Json.write(root);
  }

  /** {@code workspace,compute,mode,address}: one row per listed compute and address block. */
  public static String csv(Allowlist a) {
    StringBuilder b = new StringBuilder("workspace,compute,mode,address\n");
    for (Egress e : a.listed()) {
      for (String c : e.publicIps().toCidrs()) {
        b.append(csvCell(e.compute().workspace().name())).append(',').append(csvCell(e.compute().label())).append(',')
            .append(e.mode().name()).append(',').append(c).append('\n');
      }
    }
    return b.toString();
  }

  private static String csvCell(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  /** A Terraform {@code locals} block with the aggregated list, and the computes left out as comments. */
  public static String terraform(Allowlist a, String name) {
    StringBuilder b = new StringBuilder("# Egress allowlist written by allowpath ips\n");
    List<String> cidrs = a.addresses().toCidrs();
    b.append("locals {\n  ").append(name).append(" = [");
    if (!cidrs.isEmpty()) {
      b.append('\n');
      for (String c : cidrs) {
        b.append("    \"").append(c).append("\",\n");
      }
      b.append("  ");
    }
    b.append("]\n}\n");
    for (Allowlist.Problem p : a.problems()) {
      b.append("# not listed: ").append(p.compute().name()).append(" (").append(p.why().replace('\n', ' ')).append(")\n");
    }
    return b.toString();
  }
}
