package io.allowpath.analysis.access;

import io.allowpath.model.ResourceId;
import io.allowpath.model.SqlFirewallRule;
import io.allowpath.model.SqlServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Azure SQL logical servers (AZURE-EGRESS.md §4.3 T7): no rule = no access; firewall rules are
 * start–end ranges; the 0.0.0.0–0.0.0.0 rule admits all Azure traffic (every tenant's); VNet rules admit
 * subnets with the Microsoft.Sql service endpoint
 * (https://learn.microsoft.com/azure/azure-sql/database/firewall-configure).
 */
final class SqlRules {
  private SqlRules() {}

  static Admission compile(SqlServer q, RuleContext ctx) {
    if (RuleContext.disabled(q.publicNetworkAccess())) {
      return Admission.disabled("publicNetworkAccess " + q.publicNetworkAccess());
    }
    List<Admission.Rule> rules = new ArrayList<>();
    List<Admission.Rule> allAzure = new ArrayList<>();
    for (SqlFirewallRule f : q.firewallRules()) {
      if (f.allowsAllAzure()) {
        allAzure.add(new Admission.Rule("firewall rule " + f.name() + " (0.0.0.0: all Azure services)", null, true, true));
        continue;
      }
      ResourceId ref = f.range().publicIp();
      if (ref != null) {
        rules.add(new Admission.Rule("firewall rule " + f.name() + " for the address of " + ref.name(),
            ctx.addressOf(ref), true, false, ref));
        continue;
      }
      rules.add(new Admission.Rule("firewall rule " + f.name() + " " + f.startIpAddress() + "–" + f.endIpAddress(),
          f.range().addresses(), true, false));
    }
    rules.addAll(allAzure); // allow-only list: specific rules first, so explanations name them
    return Admission.restricted(rules, Set.copyOf(q.vnetRules()), false, false, List.of(),
        "SQL server firewall (no matching rule = denied)");
  }
}
