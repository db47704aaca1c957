package io.allowpath.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A plan: the changes, sorted deterministically, and the pairs no change can fix. */
public record Plan(List<Change> changes, List<Unresolved> unresolved) {
  public Plan {
    List<Change> c = new ArrayList<>(changes);
    c.sort(Comparator.comparing(Change::sortKey));
    changes = List.copyOf(c);
    List<Unresolved> u = new ArrayList<>(unresolved);
    u.sort(Comparator.comparing(Unresolved::from).thenComparing(Unresolved::to));
    unresolved = List.copyOf(u);
  }
}
