package io.allowpath.analysis.egress;

import io.allowpath.model.IpSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The egress allowlist of some computes ({@code allowpath ips}): the stable public addresses their
 * internet-bound traffic leaves with, aggregated into the fewest CIDR blocks, and the computes that
 * cannot be allowlisted, each with why — an address that changes (default outbound access, node or
 * service-managed public IPs, managed networks; AZURE-EGRESS.md §1.3 N6, §2.3 A2, §6.5), an address not
 * in the estate yet (a public IP known by id only), or no internet egress at all.
 */
public record Allowlist(IpSet addresses, List<Egress> listed, List<Problem> problems) {
  public Allowlist {
    listed = List.copyOf(listed);
    problems = List.copyOf(problems);
  }

  /** A compute whose egress cannot be allowlisted, and why in words. */
  public record Problem(Compute compute, Egress egress, String why) {}

  public static Allowlist of(List<Egress> egress) {
    List<IpSet> sets = new ArrayList<>();
    List<Egress> listed = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (Egress e : egress) {
      if (e.mode() == EgressMode.NO_EGRESS || e.mode() == EgressMode.UNKNOWN) {
        problems.add(new Problem(e.compute(), e, (e.mode() == EgressMode.NO_EGRESS ? "no internet egress: "
            : "egress unknown: ") + e.why()));
      } else if (!e.stable()) {
        problems.add(new Problem(e.compute(), e, "will change: " + e.why()));
      } else if (!e.symbolicIps().isEmpty()) {
        problems.add(new Problem(e.compute(), e, "address not in the estate yet: " + String.join(", ",
            e.symbolicIps().stream().map(id -> id.isUnresolved() ? "<deployment-time>" : id.name()).toList())));
        if (!e.publicIps().isEmpty()) {
          sets.add(e.publicIps());
          listed.add(e);
        }
      } else if (e.publicIps().isEmpty()) {
        problems.add(new Problem(e.compute(), e, "no public address on the path: " + e.why()));
      } else {
        sets.add(e.publicIps());
        listed.add(e);
      }
    }
    return new Allowlist(IpSet.union(sets), listed, problems);
  }
}
