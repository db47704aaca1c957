package io.allowpath.plan;

import io.allowpath.model.ResourceId;
import java.util.List;

/**
 * Add an allow rule to an Azure Firewall's classic rule collections: an application rule for
 * {@code targetFqdns} on Https:443 (or Mssql:1433), or a network rule for {@code serviceTags} on TCP
 * {@code ports}, from {@code sourcePrefixes}. {@code collection} is created with {@code priority} when
 * it does not exist.
 */
public record AddFirewallRule(
    ResourceId firewall,
    String kind,
    String collection,
    int priority,
    String ruleName,
    List<String> sourcePrefixes,
    List<String> targetFqdns,
    List<String> serviceTags,
    List<String> ports,
    List<String> pairs,
    String why)
    implements Change {
  public AddFirewallRule {
    sourcePrefixes = List.copyOf(sourcePrefixes);
    targetFqdns = List.copyOf(targetFqdns);
    serviceTags = List.copyOf(serviceTags);
    ports = List.copyOf(ports);
    pairs = List.copyOf(pairs);
  }

  @Override
  public String action() {
    return "ADD_FIREWALL_RULE";
  }

  @Override
  public ResourceId resource() {
    return firewall;
  }

  @Override
  public String value() {
    return kind + " rule " + ruleName + " in " + collection + ": "
        + String.join(",", sourcePrefixes) + " -> "
        + String.join(",", targetFqdns.isEmpty() ? serviceTags : targetFqdns) + " : " + String.join(",", ports);
  }
}
