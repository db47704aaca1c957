package io.allowpath.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.analysis.access.Reason;
import io.allowpath.analysis.access.Verdict;
import io.allowpath.analysis.intent.Intent;
import io.allowpath.analysis.intent.IntentCheck;
import io.allowpath.analysis.intent.Intents;

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
      Table t = new Table("FROM", "TO", "EXPECT", "VERDICT", "REASON", "INTENT");
      for (IntentCheck.Judged j : c.violations()) {
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

  static String expect(Intent i) {
    return i.expect() == Intent.Expect.REACH ? "reach" : "not-reach";
  }

  public static ObjectNode json(IntentCheck c, Intents intents) {
    ObjectNode o = Json.object();
    o.put("origin", intents.origin());
    o.put("intents", intents.intents().size());
    o.put("pairs", c.pairs().size());
    o.put("intentsWithoutPairs", c.intentsWithoutPairs());
    ArrayNode vs = o.putArray("violations");
    for (IntentCheck.Judged j : c.violations()) {
      Verdict v = j.verdict();
      ObjectNode x = vs.addObject();
      x.put("from", v.compute().key());
      x.put("to", v.target().id().value());
      x.put("fromName", v.compute().name());
      x.put("toName", v.target().id().name());
      x.put("intent", j.intent().name());
      x.put("source", j.intent().source());
      x.put("expect", expect(j.intent()));
      x.put("verdict", v.outcome().name());
      x.set("reasons", Json.strings(v.reasons().stream().map(Reason::name).toList()));
    }
    return o;
  }
}
