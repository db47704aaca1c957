package io.allowpath.model;

/**
 * {@code Microsoft.Web/sites} (App Service, Functions). {@code siteConfig} is null when the estate does
 * not show the access restrictions: a plain GET of the site returns {@code siteConfig} with nulls, and
 * only the {@code sites/config/web} resource carries them (§4.6).
 */
public record WebApp(ResourceId id, String location, String kind, String publicNetworkAccess, SiteConfig siteConfig)
    implements Target {
  @Override
  public Service service() {
    return Service.APP_SERVICE;
  }

  public WebApp withSiteConfig(SiteConfig c) {
    return new WebApp(id, location, kind, publicNetworkAccess, c);
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
