package io.allowpath.analysis.access;

import io.allowpath.model.AccessRestriction;
import io.allowpath.model.IpSet;
import io.allowpath.model.ResourceId;
import io.allowpath.model.ServiceTags;
import io.allowpath.model.SiteConfig;
import io.allowpath.model.WebApp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * App Service and Functions access restrictions (AZURE-EGRESS.md §4.6 T10, G6): ordered by priority,
 * first match wins; {@code Any}, service tags, subnet rules ({@code vnetSubnetResourceId}) and
 * {@code AnyVnets}; a rule with HTTP header filters never matches compute traffic (it sends no such
 * headers); once any rule exists, unmatched traffic is denied unless
 * {@code ipSecurityRestrictionsDefaultAction} is Allow
 * (https://learn.microsoft.com/azure/app-service/app-service-ip-restrictions). An {@code Any}/Allow rule reached
 * before any Deny rule (Azure's own "Allow all") is open, like an empty list (§8.2). A site GET carries
 * {@code ipSecurityRestrictions: null}: without {@code sites/config/web} the rules are unknown.
 */
final class AppServiceRules {
  private AppServiceRules() {}

  static Admission compile(WebApp w, RuleContext ctx) {
    if (RuleContext.disabled(w.publicNetworkAccess())) {
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
              .withFirstMatchReasons()
          : Admission.open("no access restrictions", List.of(Reason.OPEN_TO_ALL_NETWORKS));
    }
    List<AccessRestriction> sorted = new ArrayList<>(c.ipSecurityRestrictions());
    sorted.sort(Comparator.comparingInt(AccessRestriction::priority));
    AccessRestriction allowAll = allowAll(sorted);
    if (allowAll != null) {
      return Admission.open("access restriction " + (allowAll.name() == null ? "" : allowAll.name() + " ")
          + "(Any, Allow, priority " + allowAll.priority() + ") admits every network",
          List.of(Reason.OPEN_TO_ALL_NETWORKS));
    }
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
        rules.add(new Admission.Rule(label + " Any", ANY, allow, false));
        continue;
      }
      if ("ServiceTag".equalsIgnoreCase(r.tag())) {
        rules.add(serviceTagRule(w, ctx, label, ip, allow));
        continue;
      }
      ResourceId ref = r.publicIp();
      if (ref != null) {
        rules.add(new Admission.Rule(label + " for the address of " + ref.name(), ctx.addressOf(ref), allow, false, ref));
      } else if (r.addresses() != null) {
        rules.add(new Admission.Rule(label + " " + ip, r.addresses(), allow, false));
      }
    }
    boolean unmatchedAllowed = "Allow".equalsIgnoreCase(c.defaultAction());
    return Admission.restricted(rules, vnets, anyVnet, unmatchedAllowed, List.of(),
        "App Service access restrictions (first match by priority)").withFirstMatchReasons();
  }

  /**
   * The {@code Any}/Allow rule that every request reaches before any Deny rule, or null: Azure exports an
   * unrestricted site as one rule {@code {ipAddress: "Any", action: "Allow", priority: 2147483647, name:
   * "Allow all"}}, which is "open to all networks" exactly like an empty list (AZURE-EGRESS.md §8.2,
   * https://learn.microsoft.com/azure/app-service/overview-access-restrictions). Rules with HTTP header filters
   * never match compute traffic and do not count; a Deny rule of any kind (address, tag, subnet) before it does.
   */
  static AccessRestriction allowAll(List<AccessRestriction> sortedByPriority) {
    for (AccessRestriction r : sortedByPriority) {
      boolean allow = r.action() == null || r.action().equalsIgnoreCase("Allow");
      if (r.hasHeaders() && allow) {
        continue;
      }
      if (!allow) {
        return null;
      }
      if (r.vnetSubnet() == null && r.ipAddress() != null && r.ipAddress().strip().equalsIgnoreCase("Any")) {
        return r;
      }
    }
    return null;
  }

  private static final IpSet ANY = IpSet.parse("0.0.0.0/0").union(IpSet.parse("::/0"));

  /** A rule naming service tags (comma-separated): their addresses, or unresolved without a tags file. */
  private static Admission.Rule serviceTagRule(WebApp w, RuleContext ctx, String label, String ip, boolean allow) {
    List<IpSet> sets = new ArrayList<>();
    boolean resolved = true;
    boolean azureCloud = false;
    for (String tag : ip.split(",")) {
      ServiceTags.Tag t = ctx.tags == null ? null : ctx.tags.get(tag.strip());
      azureCloud |= tag.strip().toLowerCase(Locale.ROOT).startsWith("azurecloud");
      if (t == null) {
        resolved = false;
        if (ctx.tags != null) {
          ctx.warn(w.id(), "service tag '" + tag.strip() + "' is not in " + ctx.tags.source());
        }
      } else {
        sets.add(t.addresses());
      }
    }
    boolean onlyAzureCloud = Arrays.stream(ip.split(","))
        .allMatch(tag -> tag.strip().toLowerCase(Locale.ROOT).startsWith("azurecloud"));
    return new Admission.Rule(label + " service tag " + ip, resolved ? IpSet.union(sets) : null, allow,
        onlyAzureCloud || (azureCloud && !resolved));
  }
}
