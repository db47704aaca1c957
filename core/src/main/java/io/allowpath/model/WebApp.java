package io.allowpath.model;

import java.util.Locale;

/**
 * {@code Microsoft.Web/sites} (App Service, Functions). {@code siteConfig} is null when the estate does
 * not show the access restrictions: a plain GET of the site returns {@code siteConfig} with nulls, and
 * only the {@code sites/config/web} resource carries them (§4.6).
 *
 * <p>A site's advanced tool (SCM/Kudu) site is a target of its own when its access restrictions differ from
 * the main site's ({@link SiteConfig#scmDiffers}): {@code scmOf} is then the site's id, the id is the site's
 * id with {@link #SCM_SUFFIX} (so its name is {@code <site>#scm}), its host name {@code <site>.scm.azurewebsites.net}
 * and {@code siteConfig} holds the SCM rules
 * (https://learn.microsoft.com/azure/app-service/app-service-ip-restrictions#restrict-access-to-an-advanced-tool-site).
 */
public record WebApp(ResourceId id, String location, String kind, String publicNetworkAccess, SiteConfig siteConfig,
    ResourceId scmOf)
    implements Target {
  /** What the SCM site's id adds to its site's id. */
  public static final String SCM_SUFFIX = "#scm";

  public WebApp(ResourceId id, String location, String kind, String publicNetworkAccess, SiteConfig siteConfig) {
    this(id, location, kind, publicNetworkAccess, siteConfig, null);
  }

  /** The SCM site of this site, as a target with the SCM rules; null when they are not known or do not differ. */
  public WebApp scmSite() {
    if (scmOf != null || siteConfig == null || !siteConfig.scmDiffers()) {
      return null;
    }
    return new WebApp(ResourceId.of(id.value() + SCM_SUFFIX), location, kind, publicNetworkAccess, siteConfig.scm(), id);
  }

  /** The ARM resource the target's rules live in: the site itself, or the SCM site's site. */
  public ResourceId site() {
    return scmOf == null ? id : scmOf;
  }

  @Override
  public String fqdn() {
    return scmOf == null ? Target.super.fqdn()
        : scmOf.name().toLowerCase(Locale.ROOT) + ".scm" + service().dnsSuffix();
  }
  @Override
  public Service service() {
    return Service.APP_SERVICE;
  }

  public WebApp withSiteConfig(SiteConfig c) {
    return new WebApp(id, location, kind, publicNetworkAccess, c, scmOf);
  }

  @Override
  public int ipRuleCount() {
    return siteConfig == null ? 0 : siteConfig.ipSecurityRestrictions().size();
  }

  @Override
  public <R> R accept(Target.Visitor<R> v) {
    return v.appService(this);
  }
}
