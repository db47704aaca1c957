package io.allowpath.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan: the changes, sorted deterministically, and the pairs no change can fix. {@code sideEffects}
 * holds, per change, what it does beyond the pairs it serves (empty until {@code session.PlanEffects} has
 * applied the plan offline; {@link #sideEffectsKnown()} tells the two apart), and {@code otherEffects}
 * the verdict changes no single change explains.
 */
public record Plan(List<Change> changes, List<Unresolved> unresolved, Map<Change, SideEffects> sideEffects,
    SideEffects otherEffects) {
  public Plan {
    List<Change> c = new ArrayList<>(changes);
    c.sort(Comparator.comparing(Change::sortKey));
    changes = List.copyOf(c);
    List<Unresolved> u = new ArrayList<>(unresolved);
    u.sort(Comparator.comparing(Unresolved::from).thenComparing(Unresolved::to));
    unresolved = List.copyOf(u);
    sideEffects = sideEffects == null ? null : Map.copyOf(sideEffects);
  }

  /** A plan whose side effects are not worked out. */
  public Plan(List<Change> changes, List<Unresolved> unresolved) {
    this(changes, unresolved, null, null);
  }

  /** True once side effects were worked out (then every change has an entry, maybe {@link SideEffects#NONE}). */
  public boolean sideEffectsKnown() {
    return sideEffects != null;
  }

  /** The side effects of one change ({@link SideEffects#NONE} when it has none or they are not known). */
  public SideEffects sideEffectsOf(Change c) {
    return sideEffects == null ? SideEffects.NONE : sideEffects.getOrDefault(c, SideEffects.NONE);
  }

  /** The same plan with its side effects. */
  public Plan withSideEffects(Map<Change, SideEffects> effects, SideEffects other) {
    Map<Change, SideEffects> all = new LinkedHashMap<>();
    for (Change c : changes) {
      all.put(c, effects.getOrDefault(c, SideEffects.NONE));
    }
    return new Plan(changes, unresolved, all, other == null ? SideEffects.NONE : other);
  }
}
