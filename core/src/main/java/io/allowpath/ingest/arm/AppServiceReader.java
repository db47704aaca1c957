package io.allowpath.ingest.arm;

import com.fasterxml.jackson.databind.JsonNode;
import io.allowpath.ingest.Unknown;
import io.allowpath.model.AccessRestriction;
import io.allowpath.model.Estate;
import io.allowpath.model.ResourceId;
import io.allowpath.model.SiteConfig;
import io.allowpath.model.WebApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * App Service sites (AZURE-EGRESS.md §4.6). A site GET returns {@code siteConfig} with
 * {@code ipSecurityRestrictions: null}; only {@code sites/config/web} carries the rules, so a siteConfig
 * without restrictions is unknown ({@code WebApp.siteConfig() == null}), not "no rules"
 * (https://learn.microsoft.com/azure/app-service/app-service-ip-restrictions).
 */
final class AppServiceReader {
  private AppServiceReader() {}

  static void register(ArmResourceReader r) {
    r.on("Microsoft.Web/sites", AppServiceReader::site);
    r.on("Microsoft.Web/sites/config", AppServiceReader::siteConfigChild);
  }

  static void site(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    JsonNode cfg = J.at(j, "properties", "siteConfig");
    SiteConfig sc = cfg == null ? null : siteConfig(cfg, b + "/properties/siteConfig");
    out.put(new WebApp(id, ArmResourceReader.loc(j), J.text(j, b, "kind"),
        TargetReaders.publicAccess(J.text(j, b, "properties", "publicNetworkAccess")), sc));
  }

  /** {@code sites/config}: only the {@code web} config carries access restrictions; others are skipped. */
  static void siteConfigChild(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    if (!id.name().equalsIgnoreCase("web")) {
      out.skipped("Microsoft.Web/sites/config/" + id.name());
      return;
    }
    JsonNode props = J.at(j, "properties");
    SiteConfig sc = props == null ? null : siteConfig(props, b + "/properties");
    out.join(id, id.parent(), WebApp.class, s -> sc == null ? s : s.withSiteConfig(sc));
  }

  /**
   * Access restrictions of a site config; null when it does not carry {@code ipSecurityRestrictions} or
   * a template leaves them to deployment time (unknown). The SCM site's list
   * ({@code scmIpSecurityRestrictions}, {@code scmIpSecurityRestrictionsDefaultAction},
   * {@code scmIpSecurityRestrictionsUseMain}) is read the same way; absent or unknown, it is null.
   */
  static SiteConfig siteConfig(JsonNode cfg, String b) {
    JsonNode rs = J.at(cfg, "ipSecurityRestrictions");
    if (rs == null || Unknown.is(rs)) {
      return null;
    }
    List<AccessRestriction> rules = restrictions(cfg, b, "ipSecurityRestrictions");
    JsonNode scm = J.at(cfg, "scmIpSecurityRestrictions");
    List<AccessRestriction> scmRules = scm == null || scm.isNull() || Unknown.is(scm) ? null
        : restrictions(cfg, b, "scmIpSecurityRestrictions");
    JsonNode useMain = J.at(cfg, "scmIpSecurityRestrictionsUseMain");
    Boolean scmUseMain = useMain == null || useMain.isNull() || Unknown.is(useMain) ? null
        : J.bool(cfg, b, "scmIpSecurityRestrictionsUseMain");
    return new SiteConfig(rules, J.text(cfg, b, "ipSecurityRestrictionsDefaultAction"), scmRules,
        J.text(cfg, b, "scmIpSecurityRestrictionsDefaultAction"), scmUseMain);
  }

  private static List<AccessRestriction> restrictions(JsonNode cfg, String b, String field) {
    List<AccessRestriction> rules = new ArrayList<>();
    List<JsonNode> items = J.array(cfg, b, field);
    for (int i = 0; i < items.size(); i++) {
      JsonNode r = items.get(i);
      String rb = b + "/" + field + "/" + i;
      Integer prio = J.integer(r, rb, "priority");
      JsonNode headers = J.at(r, "headers");
      if (headers != null && !headers.isObject()) {
        throw new J.FieldException(rb + "/headers", "expected an object of header names, found " + J.kind(headers));
      }
      String ip = J.text(r, rb, "ipAddress");
      try {
        rules.add(new AccessRestriction(
            J.text(r, rb, "name"),
            ip,
            ArmResourceReader.orElse(J.text(r, rb, "action"), "Allow"),
            prio == null ? 65000 : prio,
            ArmResourceReader.orElse(J.text(r, rb, "tag"), "Default"),
            J.id(r, rb, "vnetSubnetResourceId"),
            headers != null && !headers.isEmpty()));
      } catch (IllegalArgumentException e) {
        throw new J.FieldException(rb + "/ipAddress",
            "expected Any, AnyVnets, or IP addresses or CIDR prefixes separated by commas, found '" + ip + "'");
      }
    }
    return rules;
  }

  /**
   * After every site and its {@code config/web} are joined: the SCM site of each site whose SCM rules differ
   * from the main site's, as a target of its own ({@link WebApp#scmSite}), located where its site is.
   */
  static void scmSites(Map<ResourceId, Object> out, Map<ResourceId, Estate.SourceRef> sources) {
    for (Object o : List.copyOf(out.values())) {
      if (o instanceof WebApp w) {
        WebApp scm = w.scmSite();
        if (scm != null && !out.containsKey(scm.id())) {
          out.put(scm.id(), scm);
          Estate.SourceRef src = sources.get(w.id());
          if (src != null) {
            sources.putIfAbsent(scm.id(), src);
          }
        }
      }
    }
  }
}
