package io.allowpath.analysis.access;

import io.allowpath.model.AzureFirewall;
import io.allowpath.model.FirewallRule;
import io.allowpath.model.FirewallRuleCollection;
import io.allowpath.model.IpSet;
import io.allowpath.model.IpValue;
import io.allowpath.model.Ports;
import io.allowpath.model.ServiceTags;
import io.allowpath.model.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides whether an Azure Firewall on the path lets the compute reach a target, following Azure
 * Firewall rule processing (https://learn.microsoft.com/azure/firewall/rule-processing, AZURE-EGRESS.md
 * §4.0): rule collections by (group priority, collection priority), network rules before application
 * rules, the first matching collection's action decides, and no match is denied by default.
 *
 * <p>Network rules match on source (the compute subnet's prefixes, contained in a rule source or
 * {@code *}), protocol (TCP or Any), destination port and destination: {@code *}, {@code 0.0.0.0/0},
 * a service tag of the target's service (global or the target's region, AzureCloud), an FQDN equal to
 * the target's, or a CIDR that contains the service's regional tag when a service tags file is given.
 * Application rules match the target's FQDN (wildcards {@code *.suffix} and {@code *}) with an
 * Https/Mssql protocol on the target's port.
 */
final class FirewallEvaluator {
  /**
   * The firewall's answer: the outcome, the rule or reason that decided, the deciding rule label, and the
   * kind of rule that allowed it ({@code NETWORK} or {@code APPLICATION}; null when none allowed). Network-rule
   * traffic may leave without SNAT (§8.4), application-rule traffic is always SNATed.
   */
  record Decision(Outcome outcome, Reason reason, String detail, String allowedBy) {
    Decision(Outcome outcome, Reason reason, String detail) {
      this(outcome, reason, detail, null);
    }
  }

  private final ServiceTags tags;

  /** The TCP ports decided instead of each service's own (an intent's {@code ports}); null: the service's. */
  private final List<Integer> portOverride;

  FirewallEvaluator(ServiceTags tags) {
    this(tags, null);
  }

  FirewallEvaluator(ServiceTags tags, List<Integer> portOverride) {
    this.portOverride = portOverride == null ? null : List.copyOf(portOverride);
    this.tags = tags;
  }

  /** Rule collections in processing order, per firewall record (sorted once, not per decision). */
  private final Map<AzureFirewall, List<FirewallRuleCollection>> sorted =
      java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

  private List<FirewallRuleCollection> ordered(AzureFirewall fw) {
    return sorted.computeIfAbsent(fw, f -> {
      List<FirewallRuleCollection> cols = new ArrayList<>(f.ruleCollections());
      cols.sort(Comparator.comparing((FirewallRuleCollection c) -> c.kind().equals("NETWORK") ? 0 : 1)
          .thenComparingInt(FirewallRuleCollection::groupPriority)
          .thenComparingInt(FirewallRuleCollection::priority));
      return List.copyOf(cols);
    });
  }

  /**
   * Which rules of the firewall match these source prefixes: {@link #decide} depends on the sources only
   * through this, so computes whose subnets give the same signature get the same decisions.
   */
  String sourceSignature(AzureFirewall fw, List<IpValue> sourcePrefixes) {
    StringBuilder b = new StringBuilder();
    for (FirewallRuleCollection c : ordered(fw)) {
      for (FirewallRule r : c.rules()) {
        b.append(sourceMatch(r, sourcePrefixes) ? '1' : '0');
      }
    }
    return b.toString();
  }

  /**
   * The decision for every port a client of the target uses (AZURE-EGRESS.md §8.10, the same ports as the
   * NSG step: {@link ClientPorts#of}; each range by its first and last port): the first port not allowed
   * decides, else the traffic is allowed. When 1433 is allowed but the ports a SQL server's connection policy
   * redirects to are not, the answer is {@link Reason#SQL_REDIRECT_PORTS_BLOCKED}: DENY when the policy
   * redirects, AMBIGUOUS when it is not in the estate, UNKNOWN ({@link Reason#SCAN_READ_FAILED}) when a scan could
   * not read it. Application rules (Mssql) match 1433 only, so redirected
   * traffic needs a network rule, unless the firewall policy sets {@code sql.allowSqlRedirect} ("A flag to indicate
   * if SQL Redirect traffic filtering is enabled. Turning on the flag requires no rule using port 11000-11999":
   * FirewallPolicySQL, Microsoft.Network firewallPolicies 2024-05-01, the Bicep type of bicep-types-az), when an
   * application rule admitting 1433 admits the redirected session too.
   */
  Decision decide(AzureFirewall fw, Target t, List<IpValue> sourcePrefixes, boolean policyMissing) {
    if (portOverride != null) {
      return decide(fw, t, portOverride, sourcePrefixes, policyMissing); // an intent's ports, exactly
    }
    ClientPorts.Need need = ClientPorts.of(t, false);
    Decision base = decide(fw, t, ends(need.base()), sourcePrefixes, policyMissing);
    if (base.outcome() != Outcome.ALLOW || need.needed() == ClientPorts.Extra.NO) {
      return base;
    }
    if ("APPLICATION".equals(base.allowedBy()) && fw.sqlRedirectFiltered()) {
      return base; // the policy's sql.allowSqlRedirect: the application rule filters the redirected session too
    }
    Decision extra = decide(fw, t, ends(need.extra()), sourcePrefixes, policyMissing);
    if (extra.outcome() == Outcome.ALLOW) {
      return "NETWORK".equals(extra.allowedBy()) && !"NETWORK".equals(base.allowedBy())
          ? new Decision(base.outcome(), base.reason(), base.detail(), "NETWORK") : base;
    }
    if (extra.outcome() == Outcome.UNKNOWN) {
      return extra;
    }
    if (need.needed() == ClientPorts.Extra.UNREAD) {
      return new Decision(Outcome.UNKNOWN, Reason.SCAN_READ_FAILED,
          extra.detail() + " (1433 is allowed: " + base.detail() + "; " + ClientPorts.why(need) + ")", null);
    }
    boolean redirects = need.needed() == ClientPorts.Extra.YES;
    return new Decision(redirects ? Outcome.DENY : Outcome.AMBIGUOUS, Reason.SQL_REDIRECT_PORTS_BLOCKED,
        extra.detail() + " (1433 is allowed: " + base.detail() + "; " + ClientPorts.why(need) + ")",
        redirects ? null : base.allowedBy());
  }

  private Decision decide(AzureFirewall fw, Target t, List<Integer> ports, List<IpValue> sourcePrefixes,
      boolean policyMissing) {
    Decision allowed = null;
    boolean network = false;
    for (int port : ports) {
      Decision d = decide(fw, t, port, sourcePrefixes, policyMissing);
      if (d.outcome() != Outcome.ALLOW) {
        return d;
      }
      network |= "NETWORK".equals(d.allowedBy());
      allowed = allowed == null ? d : allowed;
    }
    return network && !"NETWORK".equals(allowed.allowedBy())
        ? new Decision(allowed.outcome(), allowed.reason(), allowed.detail(), "NETWORK") : allowed;
  }

  private static List<Integer> ends(List<NsgEvaluator.PortRange> ranges) {
    List<Integer> out = new ArrayList<>();
    for (NsgEvaluator.PortRange r : ranges) {
      if (!out.contains(r.from())) {
        out.add(r.from());
      }
      if (!out.contains(r.to())) {
        out.add(r.to());
      }
    }
    return out;
  }

  private Decision decide(AzureFirewall fw, Target t, int port, List<IpValue> sourcePrefixes, boolean policyMissing) {
    for (FirewallRuleCollection c : ordered(fw)) {
      for (FirewallRule r : c.rules()) {
        boolean match = c.kind().equals("NETWORK") ? networkMatch(r, t, port, sourcePrefixes)
            : applicationMatch(r, t, port, sourcePrefixes);
        if (match) {
          boolean allow = !"Deny".equalsIgnoreCase(c.action());
          String detail = (c.kind().equals("NETWORK") ? "network" : "application") + " rule " + r.name()
              + " in collection " + c.name() + " (priority " + c.priority() + ", " + c.action() + ") matches "
              + t.fqdn() + ":" + port;
          return new Decision(allow ? Outcome.ALLOW : Outcome.DENY, allow ? null : Reason.FIREWALL_DENY_RULE, detail,
              allow ? c.kind() : null);
        }
      }
    }
    if (policyMissing) {
      return new Decision(Outcome.UNKNOWN, Reason.FIREWALL_POLICY_NOT_IN_ESTATE,
          "firewall policy " + fw.firewallPolicy().value() + " is not in the estate");
    }
    return new Decision(Outcome.DENY, Reason.FIREWALL_NO_RULE_MATCH,
        "no rule of firewall " + fw.id().name() + " allows " + t.fqdn() + ":" + port + ": denied by default");
  }

  /**
   * Whether the firewall's network rules let traffic from {@code sourcePrefixes} reach a service tag
   * (e.g. {@code AzureMachineLearning}, or a regional tag's family with {@code region}) on a TCP port:
   * the same ordering and matching as for targets; application rules cannot name service tags.
   */
  Decision decideServiceTag(AzureFirewall fw, String serviceTag, String region, int port, List<IpValue> sourcePrefixes,
      boolean policyMissing) {
    List<FirewallRuleCollection> cols = new ArrayList<>(fw.ruleCollections());
    cols.removeIf(c -> !c.kind().equals("NETWORK"));
    cols.sort(Comparator.comparingInt(FirewallRuleCollection::groupPriority)
        .thenComparingInt(FirewallRuleCollection::priority));
    String what = serviceTag + (region == null ? "" : "." + region) + ":" + port;
    for (FirewallRuleCollection c : cols) {
      for (FirewallRule r : c.rules()) {
        if (networkMatch(r, serviceTag, region, null, port, sourcePrefixes)) {
          boolean allow = !"Deny".equalsIgnoreCase(c.action());
          return new Decision(allow ? Outcome.ALLOW : Outcome.DENY, allow ? null : Reason.FIREWALL_DENY_RULE,
              "network rule " + r.name() + " in collection " + c.name() + " (" + c.action() + ") matches " + what);
        }
      }
    }
    if (policyMissing) {
      return new Decision(Outcome.UNKNOWN, Reason.FIREWALL_POLICY_NOT_IN_ESTATE,
          "firewall policy " + fw.firewallPolicy().value() + " is not in the estate");
    }
    return new Decision(Outcome.DENY, Reason.FIREWALL_NO_RULE_MATCH,
        "no network rule of firewall " + fw.id().name() + " allows " + what);
  }

  private static boolean sourceMatch(FirewallRule r, List<IpValue> sourcePrefixes) {
    if (r.sourceAddresses().isEmpty()) {
      return true; // ip groups or policy rules without sources: taken as any
    }
    for (IpValue s : r.sourceAddresses()) {
      if (s.name().equals("*")) {
        return true;
      }
    }
    if (sourcePrefixes.isEmpty()) {
      return false;
    }
    IpSet allowed = IpSet.union(IpValue.addresses(r.sourceAddresses()));
    for (IpValue p : sourcePrefixes) {
      IpSet x = p.ips();
      if (x == null || !allowed.containsAll(x)) {
        return false;
      }
    }
    return true;
  }

  private static boolean portMatch(List<Ports> ports, int port) {
    if (ports.isEmpty()) {
      return true;
    }
    for (Ports p : ports) {
      if (p.contains(port)) {
        return true;
      }
    }
    return false;
  }


  private boolean networkMatch(FirewallRule r, Target t, int port, List<IpValue> sourcePrefixes) {
    return networkMatch(r, t.service().serviceTag(), t.location(), t.fqdn(), port, sourcePrefixes);
  }

  private boolean networkMatch(FirewallRule r, String tag, String location, String fqdn, int port,
      List<IpValue> sourcePrefixes) {
    boolean tcp = r.protocols().isEmpty() || r.protocols().stream()
        .anyMatch(p -> p.equalsIgnoreCase("TCP") || p.equalsIgnoreCase("Any"));
    if (!tcp || !portMatch(r.destinationPorts(), port) || !sourceMatch(r, sourcePrefixes)) {
      return false;
    }
    for (String f : r.destinationFqdns()) {
      if (fqdn != null && fqdnMatch(f, fqdn)) {
        return true;
      }
    }
    for (IpValue d : r.destinationAddresses()) {
      if (destinationMatch(d, tag, location)) {
        return true;
      }
    }
    return false;
  }

  private boolean destinationMatch(IpValue v, String serviceTag, String location) {
    String d = v.name();
    if (d.equals("*") || d.equals("0.0.0.0/0")) {
      return true;
    }
    IpSet cidr = v.ips();
    if (cidr != null) {
      if (tags == null) {
        return false;
      }
      ServiceTags.Tag tag = tags.get(serviceTag + "." + location);
      if (tag == null) {
        tag = tags.get(serviceTag);
      }
      return tag != null && cidr.containsAll(tag.addresses());
    }
    String base = d.contains(".") ? d.substring(0, d.indexOf('.')) : d;
    String region = d.contains(".") ? d.substring(d.indexOf('.') + 1).toLowerCase(Locale.ROOT) : null;
    if (region != null && location != null && !region.equals(location)) {
      return false;
    }
    return base.equalsIgnoreCase(serviceTag) || base.equalsIgnoreCase("AzureCloud");
  }

  private static boolean applicationMatch(FirewallRule r, Target t, int port, List<IpValue> sourcePrefixes) {
    boolean proto = r.protocols().isEmpty() || r.protocols().stream().anyMatch(p -> {
      String[] parts = p.split(":");
      String type = parts[0].strip();
      int pp = parts.length > 1 ? safeInt(parts[1]) : (type.equalsIgnoreCase("Http") ? 80
          : type.equalsIgnoreCase("Mssql") ? 1433 : 443);
      boolean typeOk = port == 1433 ? type.equalsIgnoreCase("Mssql") : type.equalsIgnoreCase("Https");
      return typeOk && pp == port;
    });
    if (!proto || !sourceMatch(r, sourcePrefixes)) {
      return false;
    }
    for (String f : r.targetFqdns()) {
      if (fqdnMatch(f, t.fqdn())) {
        return true;
      }
    }
    return false;
  }

  private static int safeInt(String s) {
    try {
      return Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static boolean fqdnMatch(String pattern, String fqdn) {
    String p = pattern.strip().toLowerCase(Locale.ROOT);
    String f = fqdn.toLowerCase(Locale.ROOT);
    if (p.equals("*")) {
      return true;
    }
    if (p.startsWith("*.")) {
      return f.endsWith(p.substring(1));
    }
    if (p.startsWith("*")) {
      return f.endsWith(p.substring(1));
    }
    return p.equals(f);
  }
}
