package io.allowpath.emit.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.allowpath.emit.ApplyOrder;
import io.allowpath.emit.FixturePlans;
import io.allowpath.emit.arm.ArmEmitter;
import io.allowpath.emit.bicep.BicepEmitter;
import io.allowpath.emit.formats.OutDir;
import io.allowpath.ingest.RawResource;
import io.allowpath.ingest.load.EstateLoader;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.ResourceId;
import io.allowpath.plan.AddFirewallRule;
import io.allowpath.plan.AddNsgRule;
import io.allowpath.plan.AddServiceEndpoint;
import io.allowpath.plan.AddVnetRule;
import io.allowpath.plan.Change;
import io.allowpath.plan.CreateNatGateway;
import io.allowpath.plan.CreateOutboundLoadBalancer;
import io.allowpath.plan.Plan;
import io.allowpath.plan.Planner;
import io.allowpath.plan.RouteToFirewall;
import io.allowpath.session.Analysis;
import io.allowpath.session.PlanEffects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code plan --emit FORMAT --out-dir DIR} (issue 17 §7) on the golden cases, the example estate under every
 * egress strategy and the shared-subnet fixture: the README's steps, run in its order under the recording stub
 * {@code az} (src/test/resources/azstub/az), succeed and the recorded order respects every {@link ApplyOrder}
 * dependency; ARM {@code dependsOn} name resources of the same template (and nested deployments of the same
 * subscription template); the per-group files are the groups of the single-file output; the Terraform root
 * module's {@code depends_on} name resources it declares, and {@code terraform fmt -check} accepts it where
 * terraform exists.
 */
class OutDirTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static Map<String, Plan> plans() {
    Map<String, Plan> out = new LinkedHashMap<>(FixturePlans.cases());
    Plans.estates().forEach((k, v) -> {
      if (k.startsWith("example/")) {
        out.put(k, v);
      }
    });
    out.put("shared-subnet", sharedSubnet());
    return out;
  }

  /** The shared-subnet fixture's plan for the training cluster, with its side effects. */
  static Plan sharedSubnet() {
    EstateLoader loader = new EstateLoader();
    List<Diagnostic> diags = new ArrayList<>();
    List<RawResource> raw = loader.loadRaw(List.of(Path.of("src/test/resources/plan/shared-subnet.json")), diags);
    Analysis a = Analysis.of(loader.build(raw, diags), null);
    Plan p = a.plan(a.computes(List.of("mlw-team/train-cluster")), a.targets(), Planner.Strategy.NAT_GATEWAY);
    return PlanEffects.of(p, a, raw, loader, null);
  }

  static Stream<String> cases() {
    return plans().keySet().stream();
  }

  static Path write(Path dir, Map<String, String> files) throws IOException {
    for (Map.Entry<String, String> e : files.entrySet()) {
      Path f = dir.resolve(e.getKey());
      Files.createDirectories(f.getParent());
      Files.writeString(f, e.getValue(), StandardCharsets.UTF_8);
    }
    return dir;
  }

  /** The fenced bash blocks of the README's "Apply" section, in order. */
  static List<String> steps(String readme) {
    String apply = readme.substring(readme.indexOf("## Apply"), readme.indexOf("## Why this order"));
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("```bash\n(.*?)```", Pattern.DOTALL).matcher(apply);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** Runs the README's steps under the stub; returns the recorded calls. */
  static List<String> runSteps(Path out, Path work) throws Exception {
    Files.createDirectories(work.resolve("bin"));
    Path az = work.resolve("bin/az");
    Files.copy(Path.of("src/test/resources/azstub/az"), az);
    az.toFile().setExecutable(true);
    List<String> steps = steps(Files.readString(out.resolve("README.md")));
    assertThat(steps).as("README steps").isNotEmpty();
    int i = 0;
    for (String step : steps) {
      Path script = work.resolve("step" + i++ + ".sh");
      Files.writeString(script, step, StandardCharsets.UTF_8);
      ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).directory(out.toFile()).redirectErrorStream(true)
          .redirectOutput(work.resolve("out.txt").toFile());
      pb.environment().put("PATH", work.resolve("bin") + ":" + System.getenv("PATH"));
      pb.environment().put("AZ_STUB_STATE", work.resolve("state").toString());
      Process p = pb.start();
      assertThat(p.waitFor(600, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as("README step %s: %s", step, Files.readString(work.resolve("out.txt"))).isZero();
    }
    Path log = work.resolve("state/calls.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  // ------------------------------------------------------------------ az

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void azReadmeRunsUnderTheStubAndTheRecordedOrderRespectsEveryDependency(String name, @TempDir Path dir)
      throws Exception {
    Assumptions.assumeTrue(AzScriptIdempotenceTest.hasBash(), "skipped: bash not available");
    Plan plan = plans().get(name);
    Map<String, String> files = OutDir.files("az", plan);
    assertThat(files.keySet()).containsExactly("apply.sh", "README.md");
    List<String> calls = runSteps(write(dir.resolve("out"), files), dir.resolve("work"));
    List<String> mutations = calls.stream().filter(c -> !isRead(c)).toList();
    assertThat(orderViolations(plan, mutations)).as(name).isEmpty();
  }

  /** Each dependency whose changes' calls are missing or out of order in {@code mutations}. */
  static List<String> orderViolations(Plan plan, List<String> mutations) {
    List<String> out = new ArrayList<>();
    for (ApplyOrder.Dependency d : ApplyOrder.of(plan)) {
      int lastBefore = -1;
      int firstAfter = Integer.MAX_VALUE;
      for (int i = 0; i < mutations.size(); i++) {
        if (azCallOf(d.before(), mutations.get(i))) {
          lastBefore = i;
        }
        if (azCallOf(d.after(), mutations.get(i)) && !azCallOf(d.before(), mutations.get(i))) {
          firstAfter = Math.min(firstAfter, i);
        }
      }
      String what = d.before().action() + " " + d.before().resource().name() + " before " + d.after().action() + " "
          + d.after().resource().name() + " (" + d.why() + ")";
      if (lastBefore < 0 || firstAfter == Integer.MAX_VALUE) {
        out.add("no az call for one side of " + what);
      } else if (lastBefore > firstAfter) {
        out.add(what);
      }
    }
    return out;
  }

  @Test
  void theOrderCheckCatchesAScriptRunBackwards(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(AzScriptIdempotenceTest.hasBash(), "skipped: bash not available");
    Plan plan = plans().get("example/NAT_GATEWAY");
    List<String> calls = runSteps(write(dir.resolve("out"), OutDir.files("az", plan)), dir.resolve("work"));
    List<String> mutations = new ArrayList<>(calls.stream().filter(c -> !isRead(c)).toList());
    assertThat(orderViolations(plan, mutations)).isEmpty();
    java.util.Collections.reverse(mutations);
    assertThat(orderViolations(plan, mutations)).isNotEmpty();
  }

  @Test
  void theCasesCoverEveryKindOfDependency() {
    Set<String> kinds = new HashSet<>();
    for (Plan p : plans().values()) {
      for (ApplyOrder.Dependency d : ApplyOrder.of(p)) {
        kinds.add(d.before().getClass().getSimpleName() + "->" + d.after().getClass().getSimpleName());
      }
    }
    assertThat(kinds).contains("AddServiceEndpoint->AddVnetRule", "CreateNatGateway->AddIpRule",
        "AddFirewallRule->RouteToFirewall", "RouteToFirewall->AddIpRule", "AddNsgRule->AddIpRule");
  }

  static boolean isRead(String call) {
    String cmd = AzScriptIdempotenceTest.command(call);
    return cmd.endsWith(" show") || cmd.endsWith(" list");
  }

  static boolean has(String call, String token) {
    return (" " + call + " ").contains(" " + token + " ");
  }

  /** True when a recorded az call (without "az") carries out this change. */
  static boolean azCallOf(Change c, String call) {
    String cmd = AzScriptIdempotenceTest.command(call);
    if (c instanceof CreateNatGateway n) {
      return cmd.equals("network public-ip create") && has(call, n.publicIp().name())
          || cmd.equals("network nat gateway create") && has(call, n.natGateway().name())
          || cmd.equals("network vnet subnet update") && has(call, n.natGateway().value());
    } else if (c instanceof CreateOutboundLoadBalancer lb) {
      return cmd.equals("network public-ip create") && has(call, lb.publicIp().name())
          || cmd.startsWith("network lb ") && has(call, lb.loadBalancer().name());
    } else if (c instanceof RouteToFirewall r) {
      return cmd.startsWith("network route-table ") && (has(call, r.routeTable().name()))
          || cmd.equals("network vnet subnet update") && has(call, r.routeTable().value());
    } else if (c instanceof AddServiceEndpoint e) {
      return cmd.equals("network vnet subnet update") && call.contains("--service-endpoints")
          && has(call, e.subnet().id().name()) && has(call, e.subnet().id().parent().name());
    } else if (c instanceof AddFirewallRule f) {
      return cmd.startsWith("network firewall ") && (has(call, f.ruleName()) || has(call, f.collection()));
    } else if (c instanceof AddNsgRule n) {
      return cmd.equals("network nsg rule create") && has(call, n.nsg().name()) && has(call, n.name());
    }
    // a target's rules
    return !cmd.startsWith("network ") && has(call, c.resource().name());
  }

  // ------------------------------------------------------------------ ARM

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void armTreeIsTheSingleTemplateSplitByGroupWithDependsOnInsideEachTemplate(String name, @TempDir Path dir)
      throws Exception {
    Plan plan = plans().get(name);
    Map<String, String> files = OutDir.files("arm", plan);
    JsonNode main = JSON.readTree(files.get("allowpath-plan.json"));
    assertThat(files.get("allowpath-plan.json")).isEqualTo(new ArmEmitter().emit(plan));
    Set<String> deployments = new HashSet<>();
    main.path("resources").forEach(d -> deployments.add(d.path("name").asText()));
    Map<String, String> rgOfDeployment = new HashMap<>();
    Map<ResourceId, String> groupOfResource = new HashMap<>();
    for (JsonNode d : main.path("resources")) {
      rgOfDeployment.put(d.path("name").asText(), d.path("resourceGroup").asText());
      for (JsonNode dep : d.path("dependsOn")) {
        assertThat(deployments).as("%s: nested deployment %s depends on", name, d.path("name")).contains(dep.asText());
      }
      JsonNode template = d.path("properties").path("template");
      String file = d.path("subscriptionId").asText() + "/" + d.path("resourceGroup").asText() + ".json";
      assertThat(files).as(name).containsKey(file);
      assertThat(JSON.readTree(files.get(file))).as("%s: %s is the nested template", name, file).isEqualTo(template);
      Set<ResourceId> declared = new HashSet<>();
      for (JsonNode r : template.path("resources")) {
        ResourceId id = armId(d.path("subscriptionId").asText(), d.path("resourceGroup").asText(), r.path("type").asText(),
            r.path("name").asText());
        declared.add(id);
        groupOfResource.put(id, d.path("name").asText());
      }
      for (JsonNode r : template.path("resources")) {
        for (JsonNode dep : r.path("dependsOn")) {
          assertThat(declared).as("%s: %s dependsOn %s: a resource of the same template", name, r.path("name"), dep)
              .contains(fromResourceIdExpr(dep.asText()));
        }
      }
    }
    // every change dependency is a dependsOn: in the template, or between the nested deployments (transitively)
    for (ApplyOrder.Dependency dep : ApplyOrder.of(plan)) {
      for (Map.Entry<ResourceId, String> after : groupOfResource.entrySet()) {
        if (!ApplyOrder.deploys(dep.after(), after.getKey()) || ApplyOrder.deploys(dep.before(), after.getKey())) {
          continue;
        }
        for (Map.Entry<ResourceId, String> before : groupOfResource.entrySet()) {
          if (!ApplyOrder.deploys(dep.before(), before.getKey())) {
            continue;
          }
          if (before.getValue().equals(after.getValue())) {
            assertThat(dependsOnIds(main, after.getKey())).as("%s: %s waits for %s (%s)", name, after.getKey().name(),
                before.getKey().name(), dep.why()).contains(before.getKey());
          } else {
            assertThat(waitsFor(main, after.getValue(), before.getValue())).as("%s: deployment %s waits for %s (%s)",
                name, after.getValue(), before.getValue(), dep.why()).isTrue();
          }
        }
      }
    }
    // the README's group-by-group order runs under the stub and deploys each group after those it waits for
    if (AzScriptIdempotenceTest.hasBash()) {
      List<String> calls = runSteps(write(dir.resolve("out"), files), dir.resolve("work"));
      assertDeployedInDependencyOrder(name, calls, main);
    }
  }

  static void assertDeployedInDependencyOrder(String name, List<String> calls, JsonNode main) {
    List<String> deployed = new ArrayList<>();
    for (String c : calls) {
      if (c.startsWith("deployment group create ")) {
        Matcher m = Pattern.compile("--resource-group (\\S+)").matcher(c);
        assertThat(m.find()).isTrue();
        deployed.add(m.group(1));
      }
    }
    List<String> groups = new ArrayList<>();
    main.path("resources").forEach(d -> groups.add(d.path("resourceGroup").asText()));
    assertThat(deployed).as("%s: every group deployed once", name).containsExactlyInAnyOrderElementsOf(groups);
    for (JsonNode d : main.path("resources")) {
      for (JsonNode dep : d.path("dependsOn")) {
        String rg = rgOf(main, dep.asText());
        assertThat(deployed.indexOf(rg)).as("%s: %s deployed before %s", name, rg, d.path("resourceGroup"))
            .isLessThan(deployed.indexOf(d.path("resourceGroup").asText()));
      }
    }
  }

  static String rgOf(JsonNode main, String deployment) {
    for (JsonNode d : main.path("resources")) {
      if (d.path("name").asText().equals(deployment)) {
        return d.path("resourceGroup").asText();
      }
    }
    throw new AssertionError("no deployment " + deployment);
  }

  static boolean waitsFor(JsonNode main, String from, String to) {
    Set<String> seen = new HashSet<>();
    List<String> pending = new ArrayList<>(List.of(from));
    while (!pending.isEmpty()) {
      String d = pending.remove(pending.size() - 1);
      if (!seen.add(d)) {
        continue;
      }
      for (JsonNode n : main.path("resources")) {
        if (n.path("name").asText().equals(d)) {
          n.path("dependsOn").forEach(x -> pending.add(x.asText()));
        }
      }
      if (!d.equals(from) && d.equals(to)) {
        return true;
      }
    }
    return false;
  }

  static Set<ResourceId> dependsOnIds(JsonNode main, ResourceId id) {
    Set<ResourceId> out = new HashSet<>();
    for (JsonNode d : main.path("resources")) {
      for (JsonNode r : d.path("properties").path("template").path("resources")) {
        if (armId(d.path("subscriptionId").asText(), d.path("resourceGroup").asText(), r.path("type").asText(),
            r.path("name").asText()).equals(id)) {
          r.path("dependsOn").forEach(x -> out.add(fromResourceIdExpr(x.asText())));
        }
      }
    }
    return out;
  }

  /** The id of a template resource: type {@code A/b/c} and name {@code x/y} give {@code .../A/b/x/c/y}. */
  static ResourceId armId(String sub, String rg, String type, String name) {
    String[] t = type.split("/");
    String[] n = name.split("/");
    StringBuilder sb = new StringBuilder("/subscriptions/" + sub + "/resourceGroups/" + rg + "/providers/" + t[0]);
    for (int i = 1; i < t.length; i++) {
      sb.append('/').append(t[i]).append('/').append(n[i - 1]);
    }
    return ResourceId.of(sb.toString());
  }

  /** {@code [resourceId('sub', 'rg', 'type', 'name', ...)]} → the id. */
  static ResourceId fromResourceIdExpr(String expr) {
    Matcher m = Pattern.compile("'((?:[^']|'')*)'").matcher(expr);
    List<String> args = new ArrayList<>();
    while (m.find()) {
      args.add(m.group(1).replace("''", "'"));
    }
    assertThat(expr).startsWith("[resourceId(");
    return armId(args.get(0), args.get(1), args.get(2), String.join("/", args.subList(3, args.size())));
  }

  // ------------------------------------------------------------------ Bicep

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void bicepTreeIsTheFileSectionsAndTheReadmeOrderRespectsModuleDependsOn(String name, @TempDir Path dir)
      throws Exception {
    Plan plan = plans().get(name);
    Map<String, String> files = OutDir.files("bicep", plan);
    StringBuilder joined = new StringBuilder();
    files.forEach((k, v) -> {
      if (!k.equals("README.md")) {
        joined.append(v);
      }
    });
    assertThat(joined.toString()).as(name).isEqualTo(new BicepEmitter().emit(plan));
    String main = files.get("main.bicep");
    Map<String, String> rgOfModule = new LinkedHashMap<>();
    Map<String, List<String>> deps = new LinkedHashMap<>();
    Matcher m = Pattern.compile("module (\\w+) '\\./([^']+)' = \\{\n(.*?)\n\\}\n", Pattern.DOTALL).matcher(main);
    while (m.find()) {
      assertThat(files).as("%s: module file", name).containsKey(m.group(2));
      Matcher rg = Pattern.compile("scope: resourceGroup\\('[^']*', '([^']*)'\\)").matcher(m.group(3));
      assertThat(rg.find()).isTrue();
      rgOfModule.put(m.group(1), rg.group(1));
      List<String> d = new ArrayList<>();
      Matcher dm = Pattern.compile("^    (\\w+)$", Pattern.MULTILINE).matcher(m.group(3));
      while (dm.find()) {
        d.add(dm.group(1));
      }
      deps.put(m.group(1), d);
    }
    deps.values().forEach(d -> assertThat(rgOfModule.keySet()).as("%s: module dependsOn", name).containsAll(d));
    if (AzScriptIdempotenceTest.hasBash() && !rgOfModule.isEmpty()) {
      List<String> calls = runSteps(write(dir.resolve("out"), files), dir.resolve("work"));
      List<String> deployed = new ArrayList<>();
      for (String c : calls) {
        Matcher g = Pattern.compile("^deployment group create .*--resource-group (\\S+)").matcher(c);
        if (g.find()) {
          deployed.add(g.group(1));
        }
      }
      assertThat(deployed).containsExactlyInAnyOrderElementsOf(rgOfModule.values());
      deps.forEach((mod, ds) -> ds.forEach(d -> assertThat(deployed.indexOf(rgOfModule.get(d)))
          .as("%s: %s before %s", name, rgOfModule.get(d), rgOfModule.get(mod))
          .isLessThan(deployed.indexOf(rgOfModule.get(mod)))));
    }
  }

  // ------------------------------------------------------------------ Terraform

  static final Pattern RESOURCE = Pattern.compile("^resource \"(\\w+)\" \"(\\w+)\"", Pattern.MULTILINE);

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void terraformRootModuleDependsOnlyOnResourcesItDeclares(String name) {
    Plan plan = plans().get(name);
    Map<String, String> files = OutDir.files("terraform", plan);
    assertThat(files.keySet()).containsExactly("main.tf", "README.md");
    String tf = files.get("main.tf");
    Set<String> declared = new HashSet<>();
    Matcher m = RESOURCE.matcher(tf);
    while (m.find()) {
      declared.add(m.group(1) + "." + m.group(2));
    }
    Matcher d = Pattern.compile("depends_on\\s*=\\s*\\[([^\\]]*)\\]").matcher(tf);
    while (d.find()) {
      for (String a : d.group(1).split(",")) {
        assertThat(declared).as("%s: depends_on %s", name, a.strip()).contains(a.strip());
      }
    }
  }

  @Test
  void terraformOrdersTheServiceEndpointBeforeTheVnetRuleAndTheGatewayBeforeTheRuleNamingItsAddress() {
    Plan plan = plans().get("example/NAT_GATEWAY");
    String tf = OutDir.files("terraform", plan).get("main.tf");
    boolean sawEndpointDependency = false;
    for (ApplyOrder.Dependency d : ApplyOrder.of(plan)) {
      if (d.before() instanceof AddServiceEndpoint e && d.after() instanceof AddVnetRule) {
        String endpoint = "azapi_update_resource." + (e.subnet().id().parent().name() + "_" + e.subnet().id().name())
            .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_").replaceAll("_+", "_");
        assertThat(tf).as("depends_on the endpoint's update").containsPattern("depends_on\\s*=\\s*\\[[^\\]]*"
            + Pattern.quote(endpoint) + "[,\\]]");
        sawEndpointDependency = true;
      }
    }
    assertThat(sawEndpointDependency).as("the example plan adds a service endpoint and a VNet rule").isTrue();
    String shared = OutDir.files("terraform", sharedSubnet()).get("main.tf");
    assertThat(shared).containsPattern("depends_on\\s*=\\s*\\[[^\\]]*azurerm_nat_gateway\\.nat_vnet_shared[,\\]]");
  }

  @Test
  void terraformFmtAcceptsTheRootModules(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(TerraformFmtTest.hasTerraform(), "skipped: terraform is not on the PATH");
    int n = 0;
    for (Map.Entry<String, Plan> e : plans().entrySet()) {
      write(dir.resolve(e.getKey().replaceAll("[^A-Za-z0-9_-]", "_")), OutDir.files("terraform", e.getValue()));
      n++;
    }
    Process p = new ProcessBuilder("terraform", "fmt", "-check", "-recursive", "-list=true", dir.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("terraform fmt -check on %d root modules: %s", n, out).isZero();
  }

  // ------------------------------------------------------------------ validity checkers (issue 12)

  @Test
  void azAndTerraformCheckersFindNothingInvalidInTheTrees() {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Plan> e : plans().entrySet()) {
      String name = e.getKey();
      List<String> shape = new ArrayList<>();
      for (ShellScript.Command c : ShellScript.commands(OutDir.files("az", e.getValue()).get("apply.sh"), shape)) {
        AzCommandCheck.check(c).forEach(p -> problems.add(name + " az " + p));
      }
      shape.forEach(p -> problems.add(name + " az " + p));
      TerraformCheck.check(OutDir.files("terraform", e.getValue()).get("main.tf"), null, new ArrayList<>())
          .forEach(p -> problems.add(name + " terraform " + p));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void typeCheckersFindNothingInvalidInTheTrees() {
    BicepTypes types = BicepTypes.under(Corpus.dir("bicep-types-az"));
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Plan> e : plans().entrySet()) {
      String name = e.getKey();
      Map<String, String> arm = OutDir.files("arm", e.getValue());
      for (Deployables.Resource r : Deployables.arm(arm.get("allowpath-plan.json"), problems)) {
        types.check(r.type(), r.apiVersion(), r.body()).forEach(p -> problems.add(name + " arm " + r.where() + ": " + p));
      }
      for (Map.Entry<String, String> f : OutDir.files("bicep", e.getValue()).entrySet()) {
        if (!f.getKey().endsWith(".bicep")) {
          continue;
        }
        for (Deployables.Resource r : Deployables.bicep(f.getValue(), problems)) {
          if (!r.existing()) {
            types.check(r.type(), r.apiVersion(), r.body()).forEach(p -> problems.add(name + " bicep " + f.getKey()
                + " " + r.where() + ": " + p));
          }
        }
      }
      TerraformCheck.check(OutDir.files("terraform", e.getValue()).get("main.tf"), types, new ArrayList<>())
          .forEach(p -> problems.add(name + " terraform " + p));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void readmeNamesTheSideEffectsAndTheDependencies() {
    String readme = OutDir.files("az", sharedSubnet()).get("README.md");
    assertThat(readme).contains("## Why this order")
        .contains("CREATE_NAT_GATEWAY nat-vnet-shared before #")
        .contains("names the address of public IP pip-nat-vnet-shared")
        .contains("changes the egress of mlw-team/ci-bob: 40.121.5.6 (INSTANCE_PUBLIC_IP) -> <address of pip-nat-vnet-shared>");
    assertThat(OutDir.files("yaml", sharedSubnet())).isNull();
  }
}
