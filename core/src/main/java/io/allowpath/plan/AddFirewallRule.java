package io.allowpath.plan;

import io.allowpath.model.AzureFirewall;
import io.allowpath.model.ResourceId;
import java.util.List;
import java.util.Locale;
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

  /**
   * An application rule protocol: type ({@code Http}, {@code Https}, {@code Mssql}) and port, stored once in
   * {@link #ports()} as {@code Https:443} / {@code Mssql:1433} (the ARM {@code protocolType} + {@code port} pair,
   * https://learn.microsoft.com/azure/templates/microsoft.network/azurefirewalls#azurefirewallapplicationruleprotocol).
   */
  public record AppProtocol(String type, int port) {
    /** {@code Https:443}, or a bare port (1433 is Mssql, anything else Https). */
    public static AppProtocol parse(String s) {
      int i = s.indexOf(':');
      if (i < 0) {
        int port = Integer.parseInt(s.strip());
        return new AppProtocol(port == 1433 ? "Mssql" : "Https", port);
      }
      return new AppProtocol(s.substring(0, i).strip(), Integer.parseInt(s.substring(i + 1).strip()));
    }
  }

  /** The application rule's protocols (Https:443 when none is given). */
  public List<AppProtocol> appProtocols() {
    return (ports.isEmpty() ? List.of("Https:443") : ports).stream().map(AppProtocol::parse).toList();
  }

  /** The firewall's id. */
  public ResourceId firewall() {
    return azureFirewall.id();
  }

  /** True for an application rule (targetFqdns), false for a network rule (service tags). */
  public boolean application() {
    return kind != null && kind.toLowerCase(Locale.ROOT).startsWith("app");
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
