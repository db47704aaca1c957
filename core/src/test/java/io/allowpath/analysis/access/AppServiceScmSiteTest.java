package io.allowpath.analysis.access;

import static io.allowpath.analysis.access.AccessCases.CLUSTER;
import static io.allowpath.analysis.access.AccessCases.NAT_IP;
import static io.allowpath.analysis.access.AccessCases.show;
import static io.allowpath.testing.EstateJson.subnetId;
import static io.allowpath.testing.EstateJson.vnetId;
import static io.allowpath.testing.TargetJson.aRecord;
import static io.allowpath.testing.TargetJson.add;
import static io.allowpath.testing.TargetJson.arr;
import static io.allowpath.testing.TargetJson.dnsLink;
import static io.allowpath.testing.TargetJson.dnsZone;
import static io.allowpath.testing.TargetJson.obj;
import static io.allowpath.testing.TargetJson.privateEndpoint;
import static io.allowpath.testing.TargetJson.put;
import static io.allowpath.testing.TargetJson.site;
import static io.allowpath.testing.TargetJson.siteConfigWeb;
import static io.allowpath.testing.TargetJson.siteId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.EgressResolver;
import io.allowpath.emit.arm.ArmEmitter;
import io.allowpath.emit.azcli.AzCliEmitter;
import io.allowpath.emit.bicep.BicepEmitter;
import io.allowpath.emit.terraform.TerraformEmitter;
import io.allowpath.ingest.RawResource;
import io.allowpath.ingest.load.EstateLoader;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Target;
import io.allowpath.model.WebApp;
import io.allowpath.plan.AddIpRule;
import io.allowpath.plan.ArmPatcher;
import io.allowpath.plan.Plan;
import io.allowpath.plan.Planner;
import io.allowpath.testing.EstateJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The advanced tool (SCM/Kudu) site of an App Service: its own access restrictions
 * ({@code scmIpSecurityRestrictions}, {@code scmIpSecurityRestrictionsDefaultAction}) unless
 * {@code scmIpSecurityRestrictionsUseMain} is true
 * (https://learn.microsoft.com/azure/app-service/app-service-ip-restrictions#restrict-access-to-an-advanced-tool-site).
 * When they differ from the main site's, {@code <site>#scm} (host {@code <site>.scm.azurewebsites.net}) is a target
 * of its own. The config/web bodies are in the shape a GET returns them (e.g. Azure's "Allow all" rule with
 * priority 2147483647, {@code tag}/{@code headers} null).
 */
class AppServiceScmSiteTest {
  @TempDir Path dir;

  static final String APP = siteId("app1");
  static final String SCM = APP + WebApp.SCM_SUFFIX;

  static ObjectNode rule(String name, int priority, String action, String ip) {
    ObjectNode r = obj("ipAddress", ip, "action", action, "priority", priority, "name", name);
    r.putNull("tag");
    r.putNull("headers");
    r.putNull("vnetSubnetResourceId");
    return r;
  }

  static ObjectNode allowAll() {
    ObjectNode r = rule("Allow all", 2147483647, "Allow", "Any");
    r.put("description", "Allow all access");
    return r;
  }

  /** The NAT fixture plus site app1 whose config/web has {@code main} and {@code scm} rule lists. */
  static EstateJson estate(List<ObjectNode> main, String mainDefault, List<ObjectNode> scm, String scmDefault,
      Boolean useMain) {
    EstateJson e = AccessCases.nat();
    site(e, "app1", "eastus");
    ObjectNode web = siteConfigWeb(e, "app1");
    main.forEach(r -> add(web, "properties.ipSecurityRestrictions", r));
    put(web, "properties.ipSecurityRestrictionsDefaultAction", mainDefault);
    put(web, "properties.scmIpSecurityRestrictions", arr());
    scm.forEach(r -> add(web, "properties.scmIpSecurityRestrictions", r));
    put(web, "properties.scmIpSecurityRestrictionsDefaultAction", scmDefault);
    if (useMain != null) {
      put(web, "properties.scmIpSecurityRestrictionsUseMain", useMain);
    }
    return e;
  }

  /** Main site locked down (a Deny rule and "Deny all"), SCM site open with Azure's "Allow all". */
  static EstateJson lockedMainOpenScm() {
    return estate(List.of(rule("Ports", 100, "Deny", "208.130.0.0/16"), rule("Deny all", 2147483647, "Deny", "Any")),
        "Deny", List.of(allowAll()), "Allow", false);
  }

  static List<String> targetNames(Estate estate) {
    return new AccessEvaluator(new EgressResolver(estate, null), null).targets().stream()
        .filter(t -> t instanceof WebApp).map(t -> t.id().name()).toList();
  }

  @Test
  void anScmListThatDiffersIsATargetOfItsOwn() {
    Estate estate = lockedMainOpenScm().load(dir);
    assertThat(targetNames(estate)).containsExactlyInAnyOrder("app1", "app1#scm");
    WebApp scm = estate.get(ResourceId.of(SCM), WebApp.class);
    assertThat(scm.fqdn()).isEqualTo("app1.scm.azurewebsites.net");
    assertThat(scm.site()).isEqualTo(ResourceId.of(APP));
    assertThat(estate.source(ResourceId.of(SCM))).as("SCM site located at its site's input").isNotNull();

    Verdict main = AccessCases.evaluate(dir, lockedMainOpenScm(), CLUSTER, APP, null);
    assertThat(main.outcome()).as(show(main)).isEqualTo(Outcome.DENY);
    Verdict kudu = AccessCases.evaluate(dir.resolve("scm"), lockedMainOpenScm(), CLUSTER, SCM, null);
    assertThat(kudu.outcome()).as(show(kudu)).isEqualTo(Outcome.ALLOW);
    assertThat(kudu.reasons()).containsExactly(Reason.OPEN_TO_ALL_NETWORKS);
  }

  @Test
  void useMainOrTheSameAnswerMakesNoScmTarget() {
    EstateJson useMain = estate(List.of(rule("nat", 100, "Allow", NAT_IP + "/32")), "Deny", List.of(allowAll()), "Allow",
        true);
    assertThat(targetNames(useMain.load(dir.resolve("a")))).containsExactly("app1");
    // the usual export of an unrestricted site: "Allow all" on both
    EstateJson open = estate(List.of(allowAll()), null, List.of(allowAll()), null, false);
    assertThat(targetNames(open.load(dir.resolve("b")))).containsExactly("app1");
    // an empty main list and "Allow all" on the SCM site are the same "open" answer
    EstateJson mixed = estate(List.of(), null, List.of(allowAll()), null, false);
    assertThat(targetNames(mixed.load(dir.resolve("c")))).containsExactly("app1");
  }

  @Test
  void anScmSiteAdmittingTheNatAddressIsAllowedWhileTheMainSiteIsNot() {
    EstateJson e = estate(List.of(rule("office", 100, "Allow", "198.51.100.0/24")), null,
        List.of(rule("nat", 100, "Allow", NAT_IP + "/32")), null, false);
    Verdict kudu = AccessCases.evaluate(dir, e, CLUSTER, SCM, null);
    assertThat(kudu.outcome()).as(show(kudu)).isEqualTo(Outcome.ALLOW);
    assertThat(kudu.reasons()).containsExactly(Reason.ADMITTED_BY_IP_RULE);
    Verdict main = AccessCases.evaluate(dir.resolve("m"), estate(List.of(rule("office", 100, "Allow", "198.51.100.0/24")),
        null, List.of(rule("nat", 100, "Allow", NAT_IP + "/32")), null, false), CLUSTER, APP, null);
    assertThat(main.outcome()).as(show(main)).isEqualTo(Outcome.DENY);
  }

  /** lockedMainOpenScm with public access disabled and a private endpoint to the site in snet-pe, zone linked. */
  static EstateJson privateSite(String... records) {
    EstateJson e = lockedMainOpenScm();
    e.vnet(AccessCases.SPOKE).subnet("snet-pe").addressPrefix("10.1.2.0/24");
    put(e.resource(APP, "Microsoft.Web/sites", "eastus"), "properties.publicNetworkAccess", "Disabled");
    privateEndpoint(e, "pe-app", subnetId(AccessCases.SPOKE, "snet-pe"), APP, "sites", "Approved");
    dnsZone(e, "privatelink.azurewebsites.net");
    dnsLink(e, "privatelink.azurewebsites.net", "link-spoke", vnetId(AccessCases.SPOKE));
    for (String r : records) {
      aRecord(e, "privatelink.azurewebsites.net", r, "10.1.2.4");
    }
    return e;
  }

  @Test
  void theSitesPrivateEndpointServesTheScmSiteThroughItsOwnRecord() {
    Verdict kudu = AccessCases.evaluate(dir, privateSite("app1", "app1.scm"), CLUSTER, SCM, null);
    assertThat(kudu.outcome()).as(show(kudu)).isEqualTo(Outcome.ALLOW);
    assertThat(kudu.via()).isEqualTo(Via.PRIVATE_ENDPOINT);
    // the zone holds the site's record only: the SCM name does not resolve privately
    Verdict missing = AccessCases.evaluate(dir.resolve("m"), privateSite("app1"), CLUSTER, SCM, null);
    assertThat(missing.outcome()).as(show(missing)).isEqualTo(Outcome.DENY);
    assertThat(missing.reasons()).as(show(missing)).contains(Reason.PRIVATE_DNS_RECORD_MISSING);
    assertThat(missing.hops()).as(show(missing)).anyMatch(h -> h.detail().contains("app1.scm"));
  }

  @Test
  void thePlanWritesTheScmListAndAppliedOfflineAdmitsTheScmSite() {
    EstateJson e = estate(List.of(rule("nat", 100, "Allow", NAT_IP + "/32")), null,
        List.of(rule("office", 100, "Allow", "198.51.100.0/24")), null, false);
    Path f = e.write(dir, "estate.json");
    EstateLoader loader = new EstateLoader();
    List<Diagnostic> diags = new ArrayList<>();
    List<RawResource> raw = loader.loadRaw(List.of(f), diags);
    Estate before = loader.build(raw, diags);
    EgressResolver r = new EgressResolver(before, null);
    AccessEvaluator ev = new AccessEvaluator(r, null);
    Plan plan = new Planner(ev, Planner.Strategy.NAT_GATEWAY).plan(r.computes(), ev.targets());
    assertThat(plan.changes()).anyMatch(c -> c instanceof AddIpRule a && a.target().id().equals(ResourceId.of(SCM)));

    String az = new AzCliEmitter().emit(plan);
    assertThat(az).contains("access-restriction add").contains("--scm-site 'true'").contains("--name 'app1'");
    for (String text : List.of(new BicepEmitter().emit(plan), new ArmEmitter().emit(plan), new TerraformEmitter().emit(plan))) {
      // the SCM list lives in the site's config/web; "#scm" only in the comment naming the pair
      assertThat(text).contains("scmIpSecurityRestrictions").doesNotContain("#scm/").doesNotContain("#scm'");
    }

    List<ObjectNode> nodes = new ArrayList<>();
    raw.forEach(x -> nodes.add((ObjectNode) x.json()));
    List<RawResource> patched = new ArrayList<>();
    for (ObjectNode n : ArmPatcher.apply(nodes, plan)) {
      patched.add(new RawResource(n, "patched.json", "/" + patched.size()));
    }
    Estate after = loader.build(patched, new ArrayList<>());
    EgressResolver ra = new EgressResolver(after, null);
    AccessEvaluator eva = new AccessEvaluator(ra, null);
    Compute c = ra.computes().stream().filter(x -> x.key().equalsIgnoreCase(CLUSTER)).findFirst().orElseThrow();
    Target scm = after.get(ResourceId.of(SCM), WebApp.class);
    assertThat(scm).as("the SCM site still differs after the plan").isNotNull();
    assertThat(eva.evaluate(c, scm).outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(eva.evaluate(c, after.get(ResourceId.of(APP), WebApp.class)).outcome()).isEqualTo(Outcome.ALLOW);
  }
}
