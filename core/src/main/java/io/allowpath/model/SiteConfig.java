package io.allowpath.model;

import java.util.List;

/**
 * The access-restriction part of an App Service site config: rules and the unmatched-rule action
 * ({@code ipSecurityRestrictionsDefaultAction}, null when never set: then allow all while there are no
 * rules, implicit deny once one exists; T10, G6).
 */
public record SiteConfig(List<AccessRestriction> ipSecurityRestrictions, String defaultAction) {
  public SiteConfig {
    ipSecurityRestrictions = List.copyOf(ipSecurityRestrictions);
  }
}
