package io.allowpath.emit.spec;

import io.allowpath.emit.Edits;
import io.allowpath.model.AccessRestriction;
import io.allowpath.model.NetworkRules;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Service;
import io.allowpath.model.WebApp;
import io.allowpath.plan.AddIpRule;
import io.allowpath.plan.AddVnetRule;
import java.util.ArrayList;
import java.util.List;

/**
 * App Service (Microsoft.Web/sites): access restrictions in config/web ipSecurityRestrictions, named and
 * prioritised (AZURE-EGRESS.md §4.6). Its ARM resources (Bicep, ARM and the bodies of Terraform's azapi updates)
 * and its az CLI steps. An SCM site target ({@code <site>#scm}) writes its site's {@code scmIpSecurityRestrictions}
 * (and {@code az webapp config access-restriction add --scm-site true}:
 * https://learn.microsoft.com/cli/azure/webapp/config/access-restriction#az-webapp-config-access-restriction-add).
 */
final class AppServiceSpecs implements ServiceSpecs {
  static final AppServiceSpecs INSTANCE = new AppServiceSpecs();

  private AppServiceSpecs() {}

  @Override
  public List<ResourceSpec> arm(Edits.TargetEdit t) {
    WebApp app = (WebApp) t.target();
    NetworkRules r = t.rules();
    List<String> notes = ArmSpecs.notes(t);
    List<Node> ips = new ArrayList<>();
    List<Node> vnets = new ArrayList<>();
      List<Node> rules = new ArrayList<>();
      if (app.siteConfig() == null) {
    notes.add("REVIEW: the estate does not show this app's access restrictions; rules not listed here are removed");
      } else {
    for (AccessRestriction a : app.siteConfig().ipSecurityRestrictions()) {
      if (a.hasHeaders()) {
        notes.add("REVIEW: existing rule '" + a.name() + "' filters on HTTP headers, which the model does not keep; "
            + "add its headers back");
      }
      rules.add(Node.obj().put("name", a.name()).put("ipAddress", a.ipAddress())
          .put("vnetSubnetResourceId", a.vnetSubnet() == null ? null : a.vnetSubnet().value())
          .put("action", a.action()).put("tag", a.tag()).put("priority", a.priority()).build());
    }
      }
      for (AddIpRule a : t.ipRules()) {
    rules.add(Node.obj().put("name", Edits.ruleName(a.name(), a.address())).put("ipAddress", ArmSpecs.cidr(a.address()))
        .put("action", "Allow").put("tag", "Default").put("priority", a.priority() == null ? 100 : a.priority()).build());
      }
      for (AddVnetRule v : t.vnetRules()) {
    rules.add(Node.obj().put("name", Edits.vnetRuleName(v.name(), v.subnet()))
        .put("vnetSubnetResourceId", v.subnet().value())
        .put("action", "Allow").put("priority", v.priority() == null ? 100 : v.priority()).build());
      }
      String field = app.scmOf() == null ? "ipSecurityRestrictions" : "scmIpSecurityRestrictions";
      Node.ObjBuilder props = Node.obj().put(field, Node.arr(rules));
      if (app.siteConfig() != null) {
    props.put(field + "DefaultAction", app.siteConfig().defaultAction());
      }
      return List.of(new ResourceSpec(app.site().child("config", "web"), "Microsoft.Web/sites/config", ApiVersions.WEB, false,
      Node.obj().put("properties", props.build()).build(), List.of(), notes));
  }

  @Override
  public List<AzStep> az(Edits.TargetEdit t) {
    List<AzStep> out = new ArrayList<>();
    WebApp app = (WebApp) t.target();
    ResourceId id = app.site();
    String field = app.scmOf() == null ? "ipSecurityRestrictions" : "scmIpSecurityRestrictions";
    for (AddIpRule a : t.ipRules()) {
      ServiceSpecs.header(out, a);
      // https://learn.microsoft.com/cli/azure/webapp/config/access-restriction#az-webapp-config-access-restriction-add
      String name = Edits.ruleName(a.name(), a.address());
      out.add(ServiceSpecs.guardedAdd(id.child("config", "web"), "properties." + field + "[].name", List.of(Node.str(name)),
          scm(app, AzCall.az(id, "webapp", "config", "access-restriction", "add").opt("--name", id.name()))
              .opt("--rule-name", name).opt("--action", "Allow").opt("--ip-address", ArmSpecs.cidr(a.address()))
              .opt("--priority", Integer.toString(a.priority() == null ? 100 : a.priority()))));
    }
    for (AddVnetRule v : t.vnetRules()) {
      ServiceSpecs.header(out, v);
      String name = Edits.vnetRuleName(v.name(), v.subnet());
      AzCall c = scm(app, AzCall.az(id, "webapp", "config", "access-restriction", "add").opt("--name", id.name()))
          .opt("--rule-name", name).opt("--action", "Allow")
          .opt("--priority", Integer.toString(v.priority() == null ? 100 : v.priority()));
      if (v.subnet().subscription() != null && v.subnet().subscription().equalsIgnoreCase(id.subscription())) {
        c = c.opt("--vnet-name", v.subnet().parent().name()).opt("--subnet", v.subnet().name())
            .opt("--vnet-resource-group", v.subnet().resourceGroup());
      } else {
        c = c.opt("--subnet", v.subnet().value());
      }
      out.add(ServiceSpecs.guardedAdd(id.child("config", "web"), "properties." + field + "[].name", List.of(Node.str(name)), c));
    }
    return out;
  }

  /** {@code --scm-site true} for an SCM site target. */
  private static AzCall scm(WebApp app, AzCall c) {
    return app.scmOf() == null ? c : c.opt("--scm-site", "true");
  }
}
