package io.allowpath.analysis.access;

import io.allowpath.model.Address;
import io.allowpath.model.CosmosAccount;
import io.allowpath.model.NetworkRules;
import io.allowpath.model.ResourceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Cosmos DB (AZURE-EGRESS.md §4.4 T8, T8b): no IP rule and no virtual network filter = open; the IP
 * rule 0.0.0.0 admits Azure datacenters; VNet rules count only with {@code isVirtualNetworkFilterEnabled}
 * — with the filter off they are listed but inert, which every verdict decided by the IP rules says
 * (https://learn.microsoft.com/azure/cosmos-db/how-to-configure-firewall).
 */
final class CosmosRules {
  private CosmosRules() {}

  static Admission compile(CosmosAccount c, RuleContext ctx) {
    NetworkRules r = c.rules();
    if (r.publicAccessDisabled()) {
      return Admission.disabled("publicNetworkAccess " + r.publicNetworkAccess());
    }
    if (r.ipRules().isEmpty() && !c.virtualNetworkFilterEnabled()) {
      return Admission.open("no IP rules and no virtual network filter", List.of(Reason.OPEN_TO_ALL_NETWORKS));
    }
    List<Admission.Rule> rules = new ArrayList<>();
    List<Admission.Rule> allAzure = new ArrayList<>();
    for (Address v : r.ipRules()) {
      if (v.isAllZeros()) {
        allAzure.add(new Admission.Rule("IP rule 0.0.0.0 (Azure datacenters)", null, true, true));
      } else {
        rules.add(ctx.ipRule(v));
      }
    }
    rules.addAll(allAzure);
    Set<ResourceId> vnets = c.virtualNetworkFilterEnabled() ? Set.copyOf(r.vnetRules()) : Set.of();
    List<Reason> notes = !c.virtualNetworkFilterEnabled() && !r.vnetRules().isEmpty()
        ? List.of(Reason.COSMOS_VNET_FILTER_DISABLED) : List.of();
    return Admission.restricted(rules, vnets, false, false, notes, "Cosmos DB IP firewall").withMatchNotes(notes);
  }
}
