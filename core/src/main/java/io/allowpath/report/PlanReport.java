package io.allowpath.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.plan.Change;
import io.allowpath.plan.Plan;
import io.allowpath.plan.SideEffects;
import io.allowpath.plan.Unresolved;

/** Renders a plan: the CONTRACT.md {@code plan} JSON, or a table readable at a glance. */
public final class PlanReport {
  private PlanReport() {}

  public static String json(Plan plan) {
    ObjectNode root = Json.object();
    ArrayNode changes = root.putArray("changes");
    for (Change c : plan.changes()) {
      ObjectNode o = changes.addObject();
      o.put("action", c.action());
      o.put("resource", c.resource().value());
      o.put("value", c.value());
      o.set("for", Json.strings(c.pairs()));
      o.put("why", c.why());
      if (plan.sideEffectsKnown()) {
        o.set("sideEffects", sideEffects(plan.sideEffectsOf(c)));
      }
    }
    ArrayNode un = root.putArray("unresolved");
    for (Unresolved u : plan.unresolved()) {
      un.addObject().put("from", u.from()).put("to", u.to()).put("reason", u.reason());
    }
    if (plan.sideEffectsKnown()) {
      root.set("otherVerdictChanges", verdictChanges(plan.otherEffects()));
    }
    return Json.write(root);
  }

  /** {@code {"egress": [...], "verdicts": [...]}} (docs/contract.md, plan side effects). */
  private static ObjectNode sideEffects(SideEffects s) {
    ObjectNode o = Json.object();
    ArrayNode eg = o.putArray("egress");
    for (SideEffects.EgressChange e : s.egress()) {
      ObjectNode x = eg.addObject().put("compute", e.compute()).put("name", e.name());
      x.set("targets", Json.strings(e.targets()));
      x.put("before", e.before()).put("after", e.after());
    }
    o.set("verdicts", verdictChanges(s));
    return o;
  }

  private static ArrayNode verdictChanges(SideEffects s) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    for (SideEffects.VerdictChange v : s.verdicts()) {
      a.addObject().put("from", v.from()).put("fromName", v.fromName()).put("to", v.to()).put("toName", v.toName())
          .put("before", v.before()).put("after", v.after()).put("reason", v.reason());
    }
    return a;
  }

  public static String table(Plan plan) {
    StringBuilder sb = new StringBuilder();
    if (plan.changes().isEmpty()) {
      sb.append("No change needed").append(plan.unresolved().isEmpty() ? ": every pair is ALLOW.\n" : ".\n");
    } else {
      Table t = new Table("#", "ACTION", "RESOURCE", "VALUE", "PAIRS");
      int i = 1;
      for (Change c : plan.changes()) {
        t.row(String.valueOf(i++), c.action(), c.resource().name(), shortIds(c.value()), String.valueOf(c.pairs().size()));
      }
      sb.append(t.render());
      sb.append(sideEffectsTable(plan));
    }
    if (!plan.unresolved().isEmpty()) {
      sb.append('\n').append(plan.unresolved().size()).append(" pair(s) no change can fix:\n");
      java.util.Map<String, java.util.List<String>> grouped = new java.util.LinkedHashMap<>();
      java.util.Map<String, String[]> keys = new java.util.LinkedHashMap<>();
      for (Unresolved u : plan.unresolved()) {
        String k = u.to() + "|" + u.reason();
        grouped.computeIfAbsent(k, x -> new java.util.ArrayList<>()).add(shortFrom(u.from()));
        keys.putIfAbsent(k, new String[] {u.to().substring(u.to().lastIndexOf('/') + 1), u.reason()});
      }
      Table t = new Table("TO", "FROM", "WHY");
      for (var e : grouped.entrySet()) {
        String[] k = keys.get(e.getKey());
        t.row(k[0], String.join(", ", e.getValue()), k[1]);
      }
      sb.append(t.render());
    }
    return sb.toString();
  }

  /**
   * The side effects under the changes table: per change number, each other compute whose egress changes
   * and each pair (not planned for) whose verdict changes; nothing when the plan has none.
   */
  static String sideEffectsTable(Plan plan) {
    if (!plan.sideEffectsKnown()) {
      return "";
    }
    Table t = new Table("#", "SIDE EFFECT");
    int i = 1;
    int n = 0;
    for (Change c : plan.changes()) {
      for (String line : plan.sideEffectsOf(c).lines()) {
        t.row(String.valueOf(i), line);
        n++;
      }
      i++;
    }
    for (String line : plan.otherEffects().lines()) {
      t.row("-", line + " (no single change explains it)");
      n++;
    }
    if (n == 0) {
      return "\nNo side effects: no other compute's egress and no other pair's verdict changes.\n";
    }
    return "\nSide effects (other computes and pairs the changes affect, with the plan applied):\n" + t.render();
  }

  /** Shortens full subnet ids in a value to {@code vnet/subnet} for the table. */
  static String shortIds(String v) {
    return v.replaceAll("/subscriptions/[^ ]*/virtualNetworks/([^/ ]+)/subnets/([^/ ]+)", "$1/$2");
  }

  /** {@code <workspace>/<compute>} from a compute key. */
  static String shortFrom(String key) {
    int hash = key.indexOf('#');
    if (hash > 0) {
      String ws = key.substring(0, hash);
      return ws.substring(ws.lastIndexOf('/') + 1) + "/" + key.substring(hash + 1);
    }
    String[] p = key.split("/");
    return p.length >= 3 ? p[p.length - 3] + "/" + p[p.length - 1] : key;
  }
}
