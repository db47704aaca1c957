package io.allowpath.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.analysis.access.Reason;
import io.allowpath.analysis.access.Verdict;
import io.allowpath.analysis.intent.Intent;
import io.allowpath.analysis.intent.IntentCheck;
import io.allowpath.analysis.intent.IntentRule;
import io.allowpath.analysis.intent.Intents;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Renders intent violations ({@code check --intents}): a table, or a JSON block beside the checks. */
public final class IntentReport {
  private IntentReport() {}

  public static String table(IntentCheck c, Intents intents) {
    StringBuilder b = new StringBuilder();
    if (c.violations().isEmpty()) {
      b.append("No intent violation: ").append(c.pairs().size()).append(" pair(s) covered by ")
          .append(intents.intents().size()).append(" intent(s) (").append(intents.origin()).append(").\n");
    } else {
      b.append("Intent violations (").append(c.violations().size()).append(" of ").append(c.pairs().size())
          .append(" pairs covered by intents, ").append(intents.origin()).append("):\n");
      Table t = new Table("FROM", "TO", "EXPECT", "VERDICT", "REASON", "INTENT").giveWayFirst(4, 5);
      for (IntentCheck.Judged j : sorted(c.violations())) {
        Verdict v = j.verdict();
        t.row(v.compute().name(), v.target().id().name(), expect(j.intent()), v.outcome().name(),
            v.mainReason() == null ? "" : v.mainReason().name(), j.intent().name());
      }
      b.append(t.render());
    }
    if (c.intentsWithoutPairs() > 0) {
      b.append(c.intentsWithoutPairs()).append(" intent(s) matched no pair of the estate.\n");
    }
    return b.toString();
  }

  /**
   * For {@code audit --intents}: every intent (name, expectation, selectors, ports, pairs it decides and
   * their violations), then the violations, each with its rule (docs/audit-rules.md, AI001/AI002).
   */
  public static String auditTable(IntentCheck c, Intents intents) {
    StringBuilder b = new StringBuilder();
    b.append("Intents (").append(intents.origin()).append("): ").append(intents.intents().size())
        .append(" intent(s) decide ").append(c.pairs().size()).append(" pair(s); ").append(c.violations().size())
        .append(" violation(s).\n");
    Table t = new Table("INTENT", "EXPECT", "FROM", "TO", "PORTS", "PAIRS", "VIOLATIONS").giveWayFirst(2, 3);
    for (Intent i : intents.intents()) {
      Counts n = counts(c, i);
      t.row(i.name(), expect(i), i.from().describe(), i.to().describe(), ports(i), String.valueOf(n.pairs()),
          String.valueOf(n.violations()));
    }
    b.append(t.render());
    if (!c.violations().isEmpty()) {
      b.append('\n');
      Table v = new Table("RULE", "FROM", "TO", "EXPECT", "VERDICT", "REASON", "INTENT").giveWayFirst(5, 6);
      for (IntentCheck.Judged j : sorted(c.violations())) {
        Verdict x = j.verdict();
        v.row(IntentRule.of(j).id(), x.compute().name(), x.target().id().name(), expect(j.intent()), x.outcome().name(),
            x.mainReason() == null ? "" : x.mainReason().name(), j.intent().name());
      }
      b.append(v.render());
    }
    for (Intent i : c.unused()) {
      b.append(IntentRule.UNUSED_INTENT.id()).append(": intent '").append(i.name()).append("' matches no pair of the ")
          .append("estate.\n");
    }
    return b.toString();
  }

  private record Counts(int pairs, int violations) {}

  private static Counts counts(IntentCheck c, Intent i) {
    int pairs = 0;
    int violations = 0;
    for (IntentCheck.Judged j : c.pairs()) {
      if (j.intent() == i) {
        pairs++;
        violations += j.violated() ? 1 : 0;
      }
    }
    return new Counts(pairs, violations);
  }

  static String ports(Intent i) {
    return i.ports().isEmpty() ? "service" : String.join(",", i.ports().stream().map(String::valueOf).toList());
  }

  /** Judged pairs by workspace, compute, then target name (the order every table uses). */
  static List<IntentCheck.Judged> sorted(List<IntentCheck.Judged> js) {
    List<IntentCheck.Judged> out = new ArrayList<>(js);
    out.sort(Comparator.comparing((IntentCheck.Judged j) -> j.verdict(), CheckReport.TABLE_ORDER));
    return out;
  }

  static String expect(Intent i) {
    return i.expect() == Intent.Expect.REACH ? "reach" : "not-reach";
  }

  public static ObjectNode json(IntentCheck c, Intents intents) {
    ObjectNode o = Json.object();
    o.put("origin", intents.origin());
    o.put("intents", intents.intents().size());
    o.put("pairs", c.pairs().size());
    o.put("intentsWithoutPairs", c.intentsWithoutPairs());
    ArrayNode list = o.putArray("list");
    for (Intent i : intents.intents()) {
      Counts n = counts(c, i);
      ObjectNode x = list.addObject();
      x.put("name", i.name());
      x.put("expect", expect(i));
      x.put("from", i.from().describe());
      x.put("to", i.to().describe());
      ArrayNode ps = x.putArray("ports");
      i.ports().forEach(ps::add);
      x.put("source", i.source());
      x.put("pairs", n.pairs());
      x.put("violations", n.violations());
    }
    ArrayNode vs = o.putArray("violations");
    for (IntentCheck.Judged j : c.violations()) {
      Verdict v = j.verdict();
      ObjectNode x = vs.addObject();
      x.put("from", v.compute().key());
      x.put("to", v.target().id().value());
      x.put("fromName", v.compute().name());
      x.put("toName", v.target().id().name());
      x.put("rule", IntentRule.of(j).id());
      x.put("intent", j.intent().name());
      x.put("source", j.intent().source());
      x.put("expect", expect(j.intent()));
      x.put("verdict", v.outcome().name());
      x.set("reasons", Json.strings(v.reasons().stream().map(Reason::name).toList()));
    }
    return o;
  }
}
