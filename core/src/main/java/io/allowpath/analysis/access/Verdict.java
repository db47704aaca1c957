package io.allowpath.analysis.access;

import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.Egress;
import io.allowpath.analysis.egress.Hop;
import io.allowpath.model.Target;
import java.util.List;

/**
 * The answer for one (compute, target) pair (CONTRACT.md {@code check}): the outcome, how the traffic
 * arrives, what source the target sees, every reason (blockers for non-ALLOW verdicts), the hops, and
 * the egress it was computed from (null when the traffic never used the public path resolution, e.g. a
 * managed private endpoint).
 */
public record Verdict(
    Compute compute,
    Target target,
    Outcome outcome,
    Via via,
    List<String> sourceAddresses,
    List<Reason> reasons,
    List<Hop> hops,
    Egress egress) {
  public Verdict {
    sourceAddresses = List.copyOf(sourceAddresses);
    reasons = List.copyOf(reasons);
    hops = List.copyOf(hops);
  }

  /** The reason a table shows: the first blocker, or the first reason. */
  public Reason mainReason() {
    return reasons.isEmpty() ? null : reasons.get(0);
  }
}
