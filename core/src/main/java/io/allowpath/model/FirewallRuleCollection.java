package io.allowpath.model;

import java.util.List;

/**
 * A firewall rule collection, classic ({@code networkRuleCollections}, {@code applicationRuleCollections})
 * or from a firewall policy's rule collection groups. {@code kind} is NETWORK or APPLICATION;
 * {@code action} Allow or Deny; {@code groupPriority} is the rule collection group priority (0 for classic).
 * Processing order: by group priority, then collection priority; network rules before application
 * rules; no match means deny (https://learn.microsoft.com/azure/firewall/rule-processing).
 */
public record FirewallRuleCollection(
    String name, String kind, String action, int groupPriority, int priority, List<FirewallRule> rules, ResourceId source) {
  public FirewallRuleCollection {
    rules = List.copyOf(rules);
  }
}
