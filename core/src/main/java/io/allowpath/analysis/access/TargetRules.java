package io.allowpath.analysis.access;

import io.allowpath.model.AccessRestriction;
import io.allowpath.model.CognitiveAccount;
import io.allowpath.model.ContainerRegistry;
import io.allowpath.model.CosmosAccount;
import io.allowpath.model.DatabricksWorkspace;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.IpSet;
import io.allowpath.model.KeyVault;
import io.allowpath.model.MessagingNamespace;
import io.allowpath.model.MlWorkspace;
import io.allowpath.model.NetworkRules;
import io.allowpath.model.ResourceId;
import io.allowpath.model.SearchService;
import io.allowpath.model.ServiceTags;
import io.allowpath.model.SiteConfig;
import io.allowpath.model.SqlFirewallRule;
import io.allowpath.model.SqlServer;
import io.allowpath.model.StorageAccount;
import io.allowpath.model.Target;
import io.allowpath.model.WebApp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Compiles each service's firewall into an {@link Admission}, per AZURE-EGRESS.md §4 and §2.1:
 *
 * <ul>
 *   <li>Storage (§4.1, T1–T4): publicNetworkAccess Disabled wins; rules only apply with defaultAction
 *       Deny; IP rules and VNet rules.
 *   <li>Key Vault (§4.2, T5, T6), Cognitive Services (§4.8, T13): the same shape.
 *   <li>SQL (§4.3, T7): no rule = no access; start–end ranges; 0.0.0.0 admits all Azure traffic.
 *   <li>Cosmos DB (§4.4, T8): no IP rule and no VNet filter = open; 0.0.0.0 admits Azure datacenters.
 *   <li>Container Registry (§4.5, T9): rules only on Premium.
 *   <li>App Service (§4.6, T10): ordered by priority, first match wins, {@code Any}, service tags,
 *       subnet rules, implicit deny once a rule exists unless {@code ipSecurityRestrictionsDefaultAction}.
 *   <li>Event Hubs / Service Bus (§4.7, T11, T12): Deny with no rules is still open.
 *   <li>AI Search (§4.9, T14): IP rules when public access is enabled; no rules = open.
 *   <li>AML workspace (§2.1, A3, A5): Enabled + defaultAction Deny + ipRules/ipAllowlist.
 *   <li>Databricks workspace (§3.1, D1): publicNetworkAccess only (IP access lists live in the
 *       Databricks account, not in ARM).
 * </ul>
 *
 * A rule value that does not parse is reported as a diagnostic and skipped, never fatal.
 */
public final class TargetRules {
  private final ServiceTags tags;
  private final List<Diagnostic> diagnostics;
  private final io.allowpath.model.Estate estate;

  TargetRules(ServiceTags tags, List<Diagnostic> diagnostics, io.allowpath.model.Estate estate) {
    this.tags = tags;
    this.diagnostics = diagnostics;
    this.estate = estate;
  }

  /** The known address of a referenced public IP, or null while it is not known. */
  private IpSet addressOf(ResourceId publicIp) {
    io.allowpath.model.PublicIp p = estate == null ? null : estate.get(publicIp, io.allowpath.model.PublicIp.class);
    return p == null || p.ipAddress() == null ? null : IpSet.tryParse(p.ipAddress());
  }

  Admission compile(Target t) {
    if (t instanceof StorageAccount s) {
      return generic(s.id(), s.rules(), "storage account");
    }
    if (t instanceof KeyVault k) {
      return generic(k.id(), k.rules(), "key vault");
    }
    if (t instanceof CognitiveAccount c) {
      return generic(c.id(), c.rules(), "Azure AI services account");
    }
    if (t instanceof SqlServer q) {
      return sql(q);
    }
    if (t instanceof CosmosAccount c) {
      return cosmos(c);
    }
    if (t instanceof ContainerRegistry r) {
      return acr(r);
    }
    if (t instanceof WebApp w) {
      return web(w);
    }
    if (t instanceof MessagingNamespace m) {
      return messaging(m);
    }
    if (t instanceof SearchService s) {
      return search(s);
    }
    if (t instanceof MlWorkspace w) {
      return mlWorkspace(w);
    }
    if (t instanceof DatabricksWorkspace d) {
      return disabled(d.publicNetworkAccess())
          ? Admission.disabled("publicNetworkAccess " + d.publicNetworkAccess())
          : Admission.open("publicNetworkAccess " + (d.publicNetworkAccess() == null ? "not set" : d.publicNetworkAccess())
              + " (IP access lists live in the Databricks account)", List.of(Reason.OPEN_TO_ALL_NETWORKS));
    }
    return Admission.unknown(Reason.TARGET_UNKNOWN, "unsupported target type");
  }

  private static boolean disabled(String publicNetworkAccess) {
    return publicNetworkAccess != null && !publicNetworkAccess.equalsIgnoreCase("Enabled");
  }

  /** publicNetworkAccess, then defaultAction, then IP and VNet rules (storage, key vault, cognitive). */
  private Admission generic(ResourceId id, NetworkRules r, String what) {
    if (r.publicAccessDisabled()) {
      return Admission.disabled("publicNetworkAccess " + r.publicNetworkAccess());
    }
    if (!r.defaultDeny()) {
      return Admission.open("networkAcls.defaultAction " + (r.defaultAction() == null ? "not set (Allow)" : r.defaultAction()),
          List.of(Reason.OPEN_TO_ALL_NETWORKS));
    }
    return Admission.restricted(ipRules(id, r.ipRules()), new HashSet<>(r.vnetRules()), false, false, List.of(),
        what + " networkAcls (defaultAction Deny)");
  }

  private static final java.util.regex.Pattern REFERENCE =
      java.util.regex.Pattern.compile("^\\[reference\\('([^']+)'(?:,\\s*'[^']*')?\\)\\.ipAddress\\]$");

  /**
   * The public IP named by a rule value written as {@code [reference('<public IP id>').ipAddress]} —
   * how {@code plan --write-estate} writes a rule for an address that exists only after deployment —
   * or null for any other value.
   */
  static ResourceId publicIpReference(String value) {
    if (value == null) {
      return null;
    }
    java.util.regex.Matcher m = REFERENCE.matcher(value.strip());
    return m.matches() ? ResourceId.of(m.group(1)) : null;
  }

  /** The rule value that refers to a public IP's address (the inverse of {@link #publicIpReference}). */
  public static String referenceValue(ResourceId publicIp) {
    return "[reference('" + publicIp.value() + "').ipAddress]";
  }

  private List<Admission.Rule> ipRules(ResourceId id, List<String> values) {
    List<Admission.Rule> out = new ArrayList<>();
    for (String v : values) {
      ResourceId ref = publicIpReference(v);
      if (ref != null) {
        out.add(new Admission.Rule("IP rule for the address of " + ref.name(), addressOf(ref), true, false, ref));
        continue;
      }
      IpSet s = IpSet.tryParse(v);
      if (s == null) {
        diagnostics.add(Diagnostic.warning(id, "IP rule '" + v + "' is not an IP address or prefix; ignored"));
        continue;
      }
      out.add(new Admission.Rule("IP rule " + v, s, true, false));
    }
    return out;
  }

  private Admission sql(SqlServer q) {
    if (disabled(q.publicNetworkAccess())) {
      return Admission.disabled("publicNetworkAccess " + q.publicNetworkAccess());
    }
    List<Admission.Rule> rules = new ArrayList<>();
    List<Admission.Rule> allAzure = new ArrayList<>();
    for (SqlFirewallRule f : q.firewallRules()) {
      if (f.allowsAllAzure()) {
        allAzure.add(new Admission.Rule("firewall rule " + f.name() + " (0.0.0.0: all Azure services)", null, true, true));
        continue;
      }
      ResourceId ref = publicIpReference(f.startIpAddress());
      if (ref != null) {
        rules.add(new Admission.Rule("firewall rule " + f.name() + " for the address of " + ref.name(), addressOf(ref), true,
            false, ref));
        continue;
      }
      IpSet s = IpSet.tryParse(f.startIpAddress() + "-" + f.endIpAddress());
      if (s == null) {
        diagnostics.add(Diagnostic.warning(q.id(), "firewall rule " + f.name() + " has a bad range "
            + f.startIpAddress() + "–" + f.endIpAddress() + "; ignored"));
        continue;
      }
      rules.add(new Admission.Rule("firewall rule " + f.name() + " " + f.startIpAddress() + "–" + f.endIpAddress(), s,
          true, false));
    }
    rules.addAll(allAzure); // allow-only list: specific rules first, so explanations name them
    return Admission.restricted(rules, new HashSet<>(q.vnetRules()), false, false, List.of(),
        "SQL server firewall (no matching rule = denied)");
  }

  private Admission cosmos(CosmosAccount c) {
    NetworkRules r = c.rules();
    if (r.publicAccessDisabled()) {
      return Admission.disabled("publicNetworkAccess " + r.publicNetworkAccess());
    }
    if (r.ipRules().isEmpty() && !c.virtualNetworkFilterEnabled()) {
      return Admission.open("no IP rules and no virtual network filter", List.of(Reason.OPEN_TO_ALL_NETWORKS));
    }
    List<Admission.Rule> rules = new ArrayList<>();
    List<Admission.Rule> allAzure = new ArrayList<>();
    for (String v : r.ipRules()) {
      if (v.strip().equals("0.0.0.0")) {
        allAzure.add(new Admission.Rule("IP rule 0.0.0.0 (Azure datacenters)", null, true, true));
      } else {
        rules.addAll(ipRules(c.id(), List.of(v)));
      }
    }
    rules.addAll(allAzure);
    Set<ResourceId> vnets = c.virtualNetworkFilterEnabled() ? new HashSet<>(r.vnetRules()) : Set.of();
    List<Reason> notes = !c.virtualNetworkFilterEnabled() && !r.vnetRules().isEmpty()
        ? List.of(Reason.COSMOS_VNET_FILTER_DISABLED) : List.of();
    return Admission.restricted(rules, vnets, false, false, notes, "Cosmos DB IP firewall");
  }

  private Admission acr(ContainerRegistry r) {
    NetworkRules n = r.rules();
    if (n.publicAccessDisabled()) {
      return Admission.disabled("publicNetworkAccess " + n.publicNetworkAccess());
    }
    if (!r.premium()) {
      List<Reason> notes = n.defaultDeny() || !n.ipRules().isEmpty()
          ? List.of(Reason.OPEN_TO_ALL_NETWORKS, Reason.ACR_RULES_NEED_PREMIUM) : List.of(Reason.OPEN_TO_ALL_NETWORKS);
      return Admission.open("SKU " + r.sku() + ": network rules need Premium", notes);
    }
    if (!n.defaultDeny()) {
      return Admission.open("networkRuleSet.defaultAction " + (n.defaultAction() == null ? "not set (Allow)"
          : n.defaultAction()), List.of(Reason.OPEN_TO_ALL_NETWORKS));
    }
    return Admission.restricted(ipRules(r.id(), n.ipRules()), Set.of(), false, false, List.of(),
        "registry networkRuleSet (defaultAction Deny)");
  }

  private Admission messaging(MessagingNamespace m) {
    if (disabled(m.publicNetworkAccess())) {
      return Admission.disabled("publicNetworkAccess " + m.publicNetworkAccess());
    }
    NetworkRules r = m.rules();
    if (r == null) {
      return Admission.unknown(Reason.NETWORK_RULE_SET_NOT_EXPORTED,
          "export " + m.id().value() + "/networkRuleSets/default");
    }
    if (r.publicAccessDisabled()) {
      return Admission.disabled("networkRuleSets publicNetworkAccess " + r.publicNetworkAccess());
    }
    if (!r.defaultDeny()) {
      return Admission.open("networkRuleSets defaultAction " + (r.defaultAction() == null ? "not set (Allow)"
          : r.defaultAction()), List.of(Reason.OPEN_TO_ALL_NETWORKS));
    }
    if (r.ipRules().isEmpty() && r.vnetRules().isEmpty()) {
      return Admission.open("defaultAction Deny without any rule leaves the namespace open",
          List.of(Reason.OPEN_TO_ALL_NETWORKS, Reason.MESSAGING_DENY_WITHOUT_RULES_IS_OPEN));
    }
    return Admission.restricted(ipRules(m.id(), r.ipRules()), new HashSet<>(r.vnetRules()), false, false, List.of(),
        "namespace networkRuleSets (defaultAction Deny)");
  }

  private Admission search(SearchService s) {
    NetworkRules r = s.rules();
    if (r.publicAccessDisabled()) {
      return Admission.disabled("publicNetworkAccess " + r.publicNetworkAccess());
    }
    if (r.ipRules().isEmpty()) {
      return Admission.open("no IP rules", List.of(Reason.OPEN_TO_ALL_NETWORKS));
    }
    return Admission.restricted(ipRules(s.id(), r.ipRules()), Set.of(), false, false, List.of(),
        "search service networkRuleSet.ipRules");
  }

  private Admission mlWorkspace(MlWorkspace w) {
    if (disabled(w.publicNetworkAccess())) {
      return Admission.disabled("publicNetworkAccess " + w.publicNetworkAccess());
    }
    boolean deny = "Deny".equalsIgnoreCase(w.aclDefaultAction());
    if (!deny && w.ipAllowlist().isEmpty()) {
      return Admission.open("public access from all networks", List.of(Reason.OPEN_TO_ALL_NETWORKS));
    }
    List<String> all = new ArrayList<>(w.aclIpRules());
    all.addAll(w.ipAllowlist());
    return Admission.restricted(ipRules(w.id(), all), Set.of(), false, false, List.of(),
        "workspace selected IPs (networkAcls/ipAllowlist)");
  }

  /** App Service: rules by priority, first match wins; implicit deny once any rule exists (T10, G6). */
  private Admission web(WebApp w) {
    if (disabled(w.publicNetworkAccess())) {
      return Admission.disabled("publicNetworkAccess " + w.publicNetworkAccess());
    }
    SiteConfig c = w.siteConfig();
    if (c == null) {
      return Admission.unknown(Reason.APP_SERVICE_CONFIG_NOT_EXPORTED, "export " + w.id().value() + "/config/web");
    }
    if (c.ipSecurityRestrictions().isEmpty()) {
      boolean deny = "Deny".equalsIgnoreCase(c.defaultAction());
      return deny
          ? Admission.restricted(List.of(), Set.of(), false, false, List.of(), "ipSecurityRestrictionsDefaultAction Deny")
          : Admission.open("no access restrictions", List.of(Reason.OPEN_TO_ALL_NETWORKS));
    }
    List<AccessRestriction> sorted = new ArrayList<>(c.ipSecurityRestrictions());
    sorted.sort(Comparator.comparingInt(AccessRestriction::priority));
    List<Admission.Rule> rules = new ArrayList<>();
    Set<ResourceId> vnets = new HashSet<>();
    boolean anyVnet = false;
    for (AccessRestriction r : sorted) {
      boolean allow = r.action() == null || r.action().equalsIgnoreCase("Allow");
      String label = "access restriction " + (r.name() == null ? "" : r.name() + " ") + "(priority " + r.priority()
          + ", " + (allow ? "Allow" : "Deny") + ")";
      if (r.hasHeaders()) {
        continue; // matches only requests with the listed HTTP headers, which compute traffic does not send
      }
      if (r.vnetSubnet() != null) {
        if (allow) {
          vnets.add(r.vnetSubnet());
        }
        continue;
      }
      String ip = r.ipAddress() == null ? "" : r.ipAddress().strip();
      if (ip.equalsIgnoreCase("AnyVnets")) {
        anyVnet |= allow;
        continue;
      }
      if (ip.equalsIgnoreCase("Any")) {
        rules.add(new Admission.Rule(label + " Any", IpSet.parse("0.0.0.0/0").union(IpSet.parse("::/0")), allow, false));
        continue;
      }
      if ("ServiceTag".equalsIgnoreCase(r.tag())) {
        List<IpSet> sets = new ArrayList<>();
        boolean resolved = true;
        boolean azureCloud = false;
        for (String tag : ip.split(",")) {
          ServiceTags.Tag t = tags == null ? null : tags.get(tag.strip());
          azureCloud |= tag.strip().toLowerCase(Locale.ROOT).startsWith("azurecloud");
          if (t == null) {
            resolved = false;
            if (tags != null) {
              diagnostics.add(Diagnostic.warning(w.id(), "service tag '" + tag.strip() + "' is not in " + tags.source()));
            }
          } else {
            sets.add(t.addresses());
          }
        }
        boolean onlyAzureCloud = java.util.Arrays.stream(ip.split(","))
            .allMatch(tag -> tag.strip().toLowerCase(Locale.ROOT).startsWith("azurecloud"));
        rules.add(new Admission.Rule(label + " service tag " + ip, resolved ? IpSet.union(sets) : null, allow,
            onlyAzureCloud || (azureCloud && !resolved)));
        continue;
      }
      ResourceId ref = publicIpReference(ip);
      if (ref != null) {
        rules.add(new Admission.Rule(label + " for the address of " + ref.name(), addressOf(ref), allow, false, ref));
        continue;
      }
      List<IpSet> sets = new ArrayList<>();
      for (String part : ip.split(",")) {
        IpSet s = IpSet.tryParse(part.strip());
        if (s == null) {
          diagnostics.add(Diagnostic.warning(w.id(), "access restriction '" + r.name() + "' has a bad address '"
              + part + "'; ignored"));
        } else {
          sets.add(s);
        }
      }
      if (!sets.isEmpty()) {
        rules.add(new Admission.Rule(label + " " + ip, IpSet.union(sets), allow, false));
      }
    }
    boolean unmatchedAllowed = "Allow".equalsIgnoreCase(c.defaultAction());
    return Admission.restricted(rules, vnets, anyVnet, unmatchedAllowed, List.of(),
        "App Service access restrictions (first match by priority)");
  }
}
