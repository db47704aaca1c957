package io.allowpath.analysis.access;

import io.allowpath.analysis.access.NsgEvaluator.PortRange;
import io.allowpath.model.Target;
import java.util.List;

/**
 * The destination ports the verdict's NSG and Azure Firewall steps require for a target's public endpoint
 * ({@link ClientPorts}, AZURE-EGRESS.md §8.10), for the planner: the rules it adds must open all of them. A SQL
 * server's redirect range (11000-11999) counts unless the server's connection policy is Proxy, so the plan works
 * whichever policy a server not showing it has
 * (https://learn.microsoft.com/azure/azure-sql/database/connectivity-architecture#connection-policy).
 */
public final class TargetPorts {
  private TargetPorts() {}

  /** TCP ports and ranges as firewall and NSG rules write them ({@code 443}, {@code 11000-11999}). */
  public static List<String> publicEndpoint(Target t) {
    ClientPorts.Need n = ClientPorts.of(t, false);
    return n.all().stream().map(PortRange::toString).toList();
  }
}
