package io.allowpath.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * What one planned change does beyond the pairs it was planned for (issue 17 §5), worked out by applying
 * the whole plan to the estate offline and deciding the affected pairs again with the one decision path
 * ({@code session.PlanEffects}):
 *
 * <ul>
 *   <li>{@code egress}: other computes whose egress the change alters, old → new source (a NAT gateway
 *       takes precedence over instance public IPs and load balancers on the subnets it is attached to,
 *       AZURE-EGRESS.md §1.2; a 0.0.0.0/0 route to a firewall moves everything behind the route table,
 *       §1.4/§1.5; a service endpoint makes the service's targets in its regions see the subnet instead of
 *       a public IP, §4.0 N11);
 *   <li>{@code verdicts}: pairs the plan was not made for whose verdict changes once the plan is applied,
 *       old → new outcome (a pair that opens, or one that breaks).
 * </ul>
 */
public record SideEffects(List<EgressChange> egress, List<VerdictChange> verdicts) {
  public static final SideEffects NONE = new SideEffects(List.of(), List.of());

  public SideEffects {
    egress = List.copyOf(egress);
    verdicts = List.copyOf(verdicts);
  }

  /**
   * A compute whose source address changes: {@code before} and {@code after} as "addresses (MODE)";
   * {@code targets} names the targets this applies to, or is empty for the compute's internet-bound
   * egress (what {@code allowpath egress} shows).
   */
  public record EgressChange(String compute, String name, List<String> targets, String before, String after) {
    public EgressChange {
      targets = List.copyOf(targets);
    }

    /** One line: {@code mlw-prod/ci-alice: 40.121.5.6 (INSTANCE_PUBLIC_IP) -> <address of pip> (NAT_GATEWAY)}. */
    public String line() {
      return name + (targets.isEmpty() ? "" : " towards " + String.join(", ", targets)) + ": " + before + " -> "
          + after;
    }
  }

  /**
   * A pair the plan was not made for whose outcome changes: {@code before} and {@code after} are outcomes,
   * {@code reason} the main reason code of the new verdict (docs/reasons.md; null when it has none).
   */
  public record VerdictChange(String from, String fromName, String to, String toName, String before, String after,
      String reason) {
    /** One line: {@code mlw-prod/ci-alice -> kv-prod: ALLOW -> DENY (IP_NOT_ALLOWED)}. */
    public String line() {
      return fromName + " -> " + toName + ": " + before + " -> " + after + (reason == null ? "" : " (" + reason + ")");
    }
  }

  public boolean isEmpty() {
    return egress.isEmpty() && verdicts.isEmpty();
  }

  /** Human lines for tables and comments: egress changes first, then verdict changes. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    egress.forEach(e -> out.add("changes the egress of " + e.line()));
    verdicts.forEach(v -> out.add("changes the verdict of " + v.line()));
    return out;
  }
}
