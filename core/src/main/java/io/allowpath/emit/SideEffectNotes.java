package io.allowpath.emit;

import io.allowpath.plan.Change;
import io.allowpath.plan.Plan;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan's side effects (issue 17 §5) as comment lines for every emitted format: per change, the other
 * computes whose egress it changes (old → new source) and the pairs not planned for whose verdict changes
 * with the plan applied. Each line starts with the change's action and resource name, as the plan table
 * numbers them. Empty when the side effects were not worked out.
 */
public final class SideEffectNotes {
  private SideEffectNotes() {}

  public static List<String> lines(Plan plan) {
    List<String> out = new ArrayList<>();
    if (!plan.sideEffectsKnown()) {
      return out;
    }
    int i = 1;
    for (Change c : plan.changes()) {
      String head = "#" + i++ + " " + c.action() + " " + c.resource().name() + ": ";
      plan.sideEffectsOf(c).lines().forEach(l -> out.add(head + l));
    }
    plan.otherEffects().lines().forEach(l -> out.add("(no single change) " + l));
    if (out.isEmpty()) {
      out.add("Side effects: none (no other compute's egress and no other pair's verdict changes with the plan applied).");
    } else {
      out.add(0, "Side effects (with the plan applied, allowpath plan -o json lists them under sideEffects):");
    }
    return out;
  }
}
