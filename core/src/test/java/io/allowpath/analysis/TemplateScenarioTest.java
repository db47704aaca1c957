package io.allowpath.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.CorpusFiles;
import io.allowpath.RequiresCorpus;
import io.allowpath.analysis.access.AccessEvaluator;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.Egress;
import io.allowpath.analysis.egress.EgressMode;
import io.allowpath.analysis.egress.EgressResolver;
import io.allowpath.emit.Emitter;
import io.allowpath.ingest.EstateLoader;
import io.allowpath.ingest.arm.ArmResourceReader;
import io.allowpath.ingest.armtemplate.TemplateAdapter;
import io.allowpath.ingest.armtemplate.TemplateOptions;
import io.allowpath.model.Estate;
import io.allowpath.model.Severity;
import io.allowpath.plan.Plan;
import io.allowpath.plan.Planner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Deployment templates as estates (issue "check before you deploy"): each template gives the egress
 * mode its design implies, with public IPs that exist only after deployment shown symbolically, and a
 * plan on a template estate emits code that references the template's public IP resource.
 */
class TemplateScenarioTest {
  static final Path EXAMPLES = Path.of("../examples/templates");

  static Estate load(Path template, Map<String, String> overrides) {
    TemplateOptions o = TemplateOptions.defaults().withOverrides(overrides);
    Estate e = new EstateLoader(new ArmResourceReader(), new TemplateAdapter(o, null)).load(List.of(template));
    assertThat(e.diagnostics()).noneMatch(d -> d.severity() == Severity.ERROR);
    return e;
  }

  static List<Egress> egress(Estate e) {
    EgressResolver r = new EgressResolver(e, null);
    return r.computes().stream().map(r::resolve).toList();
  }

  @Test
  @RequiresCorpus
  void databricksVnetInjectionWithoutAnEgressResourceFallsBackToDefaultOutbound() {
    Estate e = load(CorpusFiles.quickstarts2021().resolve("101-databricks-all-in-one-template-for-vnet-injection/azuredeploy.json"),
        Map.of("disablePublicIp", "true"));
    assertThat(egress(e)).hasSize(2).allSatisfy(x -> {
      assertThat(x.mode()).isEqualTo(EgressMode.DEFAULT_OUTBOUND);
      assertThat(x.stable()).isFalse();
    });
  }

  @Test
  @RequiresCorpus
  void databricksVnetInjectionWithTheTemplatesDefaultKeepsNodePublicIps() {
    // disablePublicIp defaults to false in this 2021 template: no secure cluster connectivity
    Estate e = load(CorpusFiles.quickstarts2021().resolve("101-databricks-all-in-one-template-for-vnet-injection/azuredeploy.json"), Map.of());
    assertThat(egress(e)).hasSize(2).allSatisfy(x -> assertThat(x.mode()).isEqualTo(EgressMode.INSTANCE_PUBLIC_IP));
  }

  @Test
  @RequiresCorpus
  void databricksManagedVnetWithSecureClusterConnectivityUsesTheManagedNatGatewaySymbolically() {
    Estate e = load(CorpusFiles.quickstarts2021().resolve("101-databricks-workspace/azuredeploy.json"), Map.of("disablePublicIp", "true"));
    assertThat(egress(e)).hasSize(2).allSatisfy(x -> {
      assertThat(x.mode()).isEqualTo(EgressMode.NAT_GATEWAY);
      assertThat(x.publicIps().isEmpty()).isTrue();
      assertThat(x.symbolicIps()).singleElement().satisfies(id -> assertThat(id.name()).isEqualTo("nat-gw-public-ip"));
    });
  }

  @Test
  void databricksTemplateWithANatGatewayResolvesToItWithTheTemplatesPublicIp() {
    Estate e = load(EXAMPLES.resolve("databricks-nat-gateway/azuredeploy.json"), Map.of());
    assertThat(egress(e)).hasSize(2).allSatisfy(x -> {
      assertThat(x.mode()).isEqualTo(EgressMode.NAT_GATEWAY);
      assertThat(x.stable()).isTrue();
      assertThat(x.symbolicIps()).singleElement().satisfies(id -> {
        assertThat(id.name()).isEqualTo("nat-gw-public-ip");
        assertThat(id.resourceGroup()).isEqualTo("allowpath-template-rg");
      });
    });
  }

  @Test
  void databricksTemplateWithAnOutboundLoadBalancerResolvesToItWithTheTemplatesPublicIp() {
    Estate e = load(EXAMPLES.resolve("databricks-load-balancer/azuredeploy.json"), Map.of());
    assertThat(egress(e)).hasSize(2).allSatisfy(x -> {
      assertThat(x.mode()).isEqualTo(EgressMode.LOAD_BALANCER);
      assertThat(x.symbolicIps()).singleElement().satisfies(id -> assertThat(id.name()).isEqualTo("myLoadBalancerPublicIP"));
    });
  }

  @Test
  @RequiresCorpus
  void amlComputeTemplateWithoutItsWorkspaceNamesWhatToAdd() {
    Estate e = load(CorpusFiles.quickstarts2021().resolve("101-machine-learning-compute-create-amlcompute/azuredeploy.json"), Map.of());
    assertThat(egress(e)).singleElement().satisfies(x -> {
      assertThat(x.mode()).isEqualTo(EgressMode.UNKNOWN);
      assertThat(x.diagnostics()).anySatisfy(d -> assertThat(d.message()).contains("workspace").contains("add it"));
    });
  }

  @Test
  void planOnATemplateEstateReferencesTheTemplatesPublicIpInBicepAndTerraform() {
    Estate e = load(EXAMPLES.resolve("databricks-nat-gateway/azuredeploy.json"), Map.of());
    AccessEvaluator ev = new AccessEvaluator(new EgressResolver(e, null), null);
    List<Compute> computes = ev.resolver().computes();
    Plan plan = new Planner(ev, Planner.Strategy.NAT_GATEWAY).plan(computes, ev.targets());
    assertThat(plan.changes()).isNotEmpty();
    String bicep = Emitter.forFormat("bicep").emit(plan);
    assertThat(bicep).contains("existing").contains("name: 'nat-gw-public-ip'")
        .contains("publicIPAddresses_nat_gw_public_ip.properties.ipAddress");
    String tf = Emitter.forFormat("terraform").emit(plan);
    assertThat(tf).contains("data \"azurerm_public_ip\" \"nat_gw_public_ip\"")
        .contains("data.azurerm_public_ip.nat_gw_public_ip.ip_address");
    String arm = Emitter.forFormat("arm").emit(plan);
    assertThat(arm).contains("'Microsoft.Network/publicIPAddresses', 'nat-gw-public-ip'");
  }
}
