package io.allowpath.model;

import java.util.List;
import java.util.Locale;

/**
 * The access-restriction part of an App Service site config: rules and the unmatched-rule action
 * ({@code ipSecurityRestrictionsDefaultAction}, null when never set: then allow all while there are no
 * rules, implicit deny once one exists; T10, G6), and the same for the advanced tool (SCM/Kudu) site:
 * {@code scmIpSecurityRestrictions} (null when the export does not carry them),
 * {@code scmIpSecurityRestrictionsDefaultAction}, and {@code scmIpSecurityRestrictionsUseMain} (the SCM site
 * uses the main site's rules; null when not set)
 * (https://learn.microsoft.com/azure/app-service/app-service-ip-restrictions#restrict-access-to-an-advanced-tool-site).
 */
public record SiteConfig(List<AccessRestriction> ipSecurityRestrictions, String defaultAction,
    List<AccessRestriction> scmIpSecurityRestrictions, String scmDefaultAction, Boolean scmUseMain) {
  public SiteConfig {
    ipSecurityRestrictions = List.copyOf(ipSecurityRestrictions);
    scmIpSecurityRestrictions = scmIpSecurityRestrictions == null ? null : List.copyOf(scmIpSecurityRestrictions);
  }

  /** A site config without SCM restrictions in the export. */
  public SiteConfig(List<AccessRestriction> ipSecurityRestrictions, String defaultAction) {
    this(ipSecurityRestrictions, defaultAction, null, null, null);
  }

  /**
   * The rules the SCM site applies: the main site's when {@code scmIpSecurityRestrictionsUseMain} is true, else
   * its own list and default action; null when its own list is not in the export.
   */
  public SiteConfig scm() {
    if (Boolean.TRUE.equals(scmUseMain)) {
      return new SiteConfig(ipSecurityRestrictions, defaultAction);
    }
    return scmIpSecurityRestrictions == null ? null : new SiteConfig(scmIpSecurityRestrictions, scmDefaultAction);
  }

  /**
   * True when the SCM site's rules are known and admit differently from the main site's: a different rule list
   * or unmatched action. Two lists that both leave the site open (empty without a Deny default, or Azure's
   * single "Allow all" rule, §8.2) are the same answer.
   */
  public boolean scmDiffers() {
    SiteConfig s = scm();
    if (s == null) {
      return false;
    }
    if (open() && s.open()) {
      return false;
    }
    return !s.ipSecurityRestrictions.equals(ipSecurityRestrictions) || !s.unmatched().equals(unmatched());
  }

  /** No rules and no Deny default, or only Azure's "Allow all" ({@code Any}, Allow) rule. */
  private boolean open() {
    if (ipSecurityRestrictions.isEmpty()) {
      return !"Deny".equalsIgnoreCase(defaultAction);
    }
    if (ipSecurityRestrictions.size() != 1) {
      return false;
    }
    AccessRestriction r = ipSecurityRestrictions.get(0);
    return r.vnetSubnet() == null && !r.hasHeaders() && r.ipAddress() != null && r.ipAddress().strip().equalsIgnoreCase("Any")
        && (r.action() == null || r.action().equalsIgnoreCase("Allow"));
  }

  /** What happens to unmatched traffic: the default action, or implicit (allow with no rules, deny once one exists). */
  private String unmatched() {
    if (defaultAction != null) {
      return defaultAction.toLowerCase(Locale.ROOT);
    }
    return ipSecurityRestrictions.isEmpty() ? "allow" : "deny";
  }
}
