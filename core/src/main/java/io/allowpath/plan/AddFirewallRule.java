package io.allowpath.plan;

import io.allowpath.model.AzureFirewall;
import io.allowpath.model.ResourceId;
import java.util.List;
import java.util.Objects;

/**
 * Add an allow rule to an Azure Firewall's classic rule collections: an application rule for
 * {@code targetFqdns} on Https:443 (or Mssql:1433), or a network rule for {@code serviceTags} on TCP
 * {@code ports}, from {@code sourcePrefixes}. {@code collection} is created with {@code priority} when
 * it does not exist. The change carries the firewall as the estate shows it ({@code azureFirewall}: its
 * ip configurations, sku, classic collections, policy), which a deployment that PUTs the whole firewall
 * (or a rule collection group of its policy) needs.
 */
public record AddFirewallRule(
    AzureFirewall azureFirewall,
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
    Objects.requireNonNull(azureFirewall, "azureFirewall");
    sourcePrefixes = List.copyOf(sourcePrefixes);
    targetFqdns = List.copyOf(targetFqdns);
    serviceTags = List.copyOf(serviceTags);
    ports = List.copyOf(ports);
    pairs = List.copyOf(pairs);
  }

  /** The firewall's id. */
  public ResourceId firewall() {
    return azureFirewall.id();
  }

  /** True for an application rule (targetFqdns), false for a network rule (service tags). */
  public boolean application() {
    return kind != null && kind.toLowerCase(java.util.Locale.ROOT).startsWith("app");
  }

  @Override
  public String action() {
    return "ADD_FIREWALL_RULE";
  }

  @Override
  public ResourceId resource() {
    return azureFirewall.id();
  }

  @Override
  public String value() {
    return kind + " rule " + ruleName + " in " + collection + ": "
        + String.join(",", sourcePrefixes) + " -> "
        + String.join(",", targetFqdns.isEmpty() ? serviceTags : targetFqdns) + " : " + String.join(",", ports);
  }
}
