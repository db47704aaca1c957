package io.allowpath.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.analysis.access.Whois;

/** Renders {@code allowpath whois}: the computes leaving from an address and the targets admitting it. */
public final class WhoisReport {
  private WhoisReport() {}

  public static String table(Whois w) {
    StringBuilder b = new StringBuilder();
    String q = String.join(",", w.query().toCidrs());
    if (w.computes().isEmpty()) {
      b.append("No compute in the estate leaves from ").append(q).append(".\n");
    } else {
      b.append("Computes leaving from ").append(q).append(":\n");
      Table t = new Table("COMPUTE", "TOWARDS", "MODE", "PUBLIC IPS", "STABLE", "PATH");
      for (Whois.Leaving l : w.computes()) {
        t.row(l.compute().name(), l.destination().isInternet() ? "internet" : l.destination().describe(),
            l.egress().mode().name(), EgressReport.addresses(l.egress()), l.egress().stable() ? "yes" : "no",
            l.egress().why());
      }
      b.append(t.render());
    }
    b.append('\n');
    if (w.targets().isEmpty()) {
      b.append("No target admits ").append(q).append(" (").append(w.targetsChecked()).append(" checked).\n");
    } else {
      b.append("Targets admitting ").append(q).append(" (").append(w.targets().size()).append(" of ")
          .append(w.targetsChecked()).append("):\n");
      Table t = new Table("TARGET", "SERVICE", "ADMITTED BY");
      for (Whois.Admitting a : w.targets()) {
        t.row(a.target().id().name(), a.target().service().name(), a.by());
      }
      b.append(t.render());
    }
    return b.toString();
  }

  public static String json(Whois w) {
    ObjectNode root = Json.object();
    root.set("address", Json.strings(w.query().toCidrs()));
    ArrayNode cs = root.putArray("computes");
    for (Whois.Leaving l : w.computes()) {
      ObjectNode o = cs.addObject();
      o.put("name", l.compute().name());
      o.put("compute", l.compute().key());
      o.put("towards", l.destination().isInternet() ? "internet" : l.destination().describe());
      o.set("egress", EgressReport.egressJson(l.egress()));
    }
    ArrayNode ts = root.putArray("admittedBy");
    for (Whois.Admitting a : w.targets()) {
      ObjectNode o = ts.addObject();
      o.put("name", a.target().id().name());
      o.put("target", a.target().id().value());
      o.put("service", a.target().service().name());
      o.put("by", a.by());
    }
    root.put("targetsChecked", w.targetsChecked());
    return Json.write(root);
  }
}
