package io.allowpath.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.diff.EstateDiff.PairChange;
import io.allowpath.ingest.load.EstateLoader;
import io.allowpath.ingest.terraform.TerraformAdapter;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.report.DiffReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link EstateDiff}: verdicts and egress that change between two estates, each with its cause. */
class EstateDiffTest {
  static final Path EXAMPLE = Path.of("../examples/estate");
  static final Path NAT_REMOVAL = Path.of("src/test/resources/terraform/nat-removal.plan.json");
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  static final String SUBNET = "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-ml/providers/"
      + "Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-train";

  static Estate side(Path plan, TerraformAdapter.View view) {
    List<Diagnostic> d = new ArrayList<>();
    return new EstateLoader().build(TerraformAdapter.readPlan(plan, view, d), d);
  }

  @Test
  void removingTheNatGatewayAssociationMakesTheClusterRegressOnEveryIpRuleTargetWithTheSubnetAsCause() {
    EstateDiff.Result r = EstateDiff.compare(side(NAT_REMOVAL, TerraformAdapter.View.PRIOR),
        side(NAT_REMOVAL, TerraformAdapter.View.PLANNED), null);
    assertThat(r.regressions()).isEqualTo(2);
    assertThat(r.pairs()).extracting(p -> p.computeLabel() + " -> " + p.target().name() + " " + p.before() + "->" + p.after())
        .containsExactly("gpu-cluster -> kv-ml-prod ALLOW->DENY", "gpu-cluster -> stmlfeatures ALLOW->DENY");
    for (PairChange p : r.pairs()) {
      assertThat(p.regression()).isTrue();
      assertThat(p.causes()).singleElement().satisfies(c -> {
        assertThat(c.resource().value()).isEqualTo(SUBNET);
        assertThat(c.change()).isEqualTo("CHANGED");
        assertThat(c.attributes()).singleElement().satisfies(a -> {
          assertThat(a.attribute()).isEqualTo("natGateway");
          assertThat(a.before()).endsWith("/natGateways/ng-ml");
          assertThat(a.after()).isNull();
        });
        assertThat(c.pointer()).isEqualTo("module.network.azurerm_subnet.train");
      });
    }
    assertThat(r.egress()).singleElement().satisfies(e -> {
      assertThat(e.modeBefore()).isEqualTo("NAT_GATEWAY");
      assertThat(e.addressesBefore()).containsExactly("52.170.44.7");
      assertThat(e.modeAfter()).isEqualTo("DEFAULT_OUTBOUND");
      assertThat(e.causes()).extracting(c -> c.resource().value()).contains(SUBNET);
    });
    String md = DiffReport.markdown(r);
    assertThat(md).contains(":x: 2 regression(s)")
        .contains("| :x: | mlw-prod/gpu-cluster | stmlfeatures | ALLOW (ADMITTED_BY_IP_RULE) | DENY")
        .contains("snet-train (subnets): natGateway ng-ml -&gt; (none) (`module.network.azurerm_subnet.train`)")
        .contains("#### Egress changes");
  }

  @Test
  void withTheTerraformAddressesEachCauseAlsoNamesTheAssociationThePlanDeletes() {
    List<Diagnostic> d = new ArrayList<>();
    var rawBefore = TerraformAdapter.readPlan(NAT_REMOVAL, TerraformAdapter.View.PRIOR, d);
    var rawAfter = TerraformAdapter.readPlan(NAT_REMOVAL, TerraformAdapter.View.PLANNED, d);
    EstateDiff.Result r = EstateDiff.compare(new EstateLoader().build(rawBefore, d), new EstateLoader().build(rawAfter, d),
        null, TerraformAdapter.addresses(rawBefore), TerraformAdapter.addresses(rawAfter));
    String association = "module.network.azurerm_subnet_nat_gateway_association.train";
    for (PairChange p : r.pairs()) {
      assertThat(p.causes()).singleElement().satisfies(c -> {
        assertThat(c.terraformRemoved()).containsExactly(association);
        assertThat(c.terraformAdded()).isEmpty();
        assertThat(c.summary()).isEqualTo("snet-train (subnets): natGateway ng-ml -> (none); removed " + association);
      });
    }
    assertThat(r.egress()).singleElement().satisfies(e -> assertThat(e.causes())
        .anySatisfy(c -> assertThat(c.terraformRemoved()).containsExactly(association)));
    assertThat(DiffReport.json(r)).contains("\"terraform\"").contains(association);
    // the same plan compared with itself: no cause, no association named
    assertThat(EstateDiff.compare(new EstateLoader().build(rawAfter, d), new EstateLoader().build(rawAfter, d), null,
        TerraformAdapter.addresses(rawAfter), TerraformAdapter.addresses(rawAfter)).isEmpty()).isTrue();
  }

  @Test
  void theExampleEstateWithOneStorageVnetRuleRemovedRegressesExactlyThePairsItAdmitted(@TempDir Path tmp)
      throws IOException {
    Path after = copy(EXAMPLE, tmp.resolve("after"));
    editTargets(after, r -> {
      if (r.path("name").asText().equals("stmlprod")) {
        ((ObjectNode) r.path("properties").path("networkAcls")).putArray("virtualNetworkRules");
      }
    });
    EstateDiff.Result r = EstateDiff.compare(new EstateLoader().load(List.of(EXAMPLE)),
        new EstateLoader().load(List.of(after)), null);
    assertThat(r.pairs()).extracting(p -> p.computeLabel() + " -> " + p.target().name() + " " + p.before() + "->" + p.after())
        .containsExactly("ci-alice -> stmlprod ALLOW->DENY", "cpu-cluster-pip -> stmlprod ALLOW->DENY");
    assertThat(r.pairs()).allSatisfy(p -> {
      assertThat(p.regression()).isTrue();
      assertThat(p.reasonsBefore()).containsExactly("ADMITTED_BY_VNET_RULE");
      assertThat(p.causes()).singleElement().satisfies(c -> {
        assertThat(c.resource().name()).isEqualTo("stmlprod");
        assertThat(c.attributes()).singleElement().satisfies(a -> {
          assertThat(a.attribute()).isEqualTo("rules.vnetRules");
          assertThat(a.removed()).singleElement().satisfies(x -> assertThat(x).endsWith("/subnets/snet-instances"));
          assertThat(a.added()).isEmpty();
        });
        assertThat(c.file()).endsWith("targets.json");
      });
    });
    assertThat(r.egress()).isEmpty();
  }

  @Test
  void regressionsComeBeforeOtherChanges(@TempDir Path tmp) throws IOException {
    Path after = copy(EXAMPLE, tmp.resolve("after"));
    editTargets(after, r -> {
      String name = r.path("name").asText();
      if (name.equals("stmlprod")) {
        ((ObjectNode) r.path("properties").path("networkAcls")).putArray("virtualNetworkRules");
      }
      if (name.equals("kv-ml-prod")) {
        // admit the Databricks outbound load balancer's address (dbw-analytics leaves with 20.86.30.40)
        ((ArrayNode) r.path("properties").path("networkAcls").path("ipRules")).addObject().put("value", "20.86.30.40");
      }
    });
    EstateDiff.Result r = EstateDiff.compare(new EstateLoader().load(List.of(EXAMPLE)),
        new EstateLoader().load(List.of(after)), null);
    assertThat(r.regressions()).isEqualTo(2);
    assertThat(r.pairs()).hasSizeGreaterThan(2);
    assertThat(r.pairs().subList(0, 2)).allSatisfy(p -> assertThat(p.regression()).isTrue());
    assertThat(r.pairs().subList(2, r.pairs().size())).allSatisfy(p -> {
      assertThat(p.regression()).isFalse();
      assertThat(p.target().name()).isEqualTo("kv-ml-prod");
      assertThat(p.after()).isEqualTo("ALLOW");
      assertThat(p.causes()).singleElement().satisfies(c -> assertThat(c.attributes()).singleElement()
          .satisfies(a -> assertThat(a.added()).containsExactly("20.86.30.40")));
    });
  }

  @Test
  void identicalEstatesHaveNoDifference() {
    Estate e = new EstateLoader().load(List.of(EXAMPLE));
    EstateDiff.Result r = EstateDiff.compare(e, new EstateLoader().load(List.of(EXAMPLE)), null);
    assertThat(r.isEmpty()).isTrue();
    assertThat(r.pairsBefore()).isEqualTo(r.pairsAfter()).isPositive();
    assertThat(DiffReport.markdown(r)).startsWith("### allowpath: no change in reachability");
  }

  @Test
  void aPairOnOneSideOnlyIsAChangeNotARegression() {
    Estate before = side(NAT_REMOVAL, TerraformAdapter.View.PRIOR);
    Estate empty = new EstateLoader().build(List.of(), List.of());
    EstateDiff.Result r = EstateDiff.compare(before, empty, null);
    assertThat(r.regressions()).isZero();
    assertThat(r.pairs()).isNotEmpty().allSatisfy(p -> {
      assertThat(p.after()).isNull();
      assertThat(p.causes()).anySatisfy(c -> assertThat(c.change()).isEqualTo("REMOVED"));
    });
  }

  static Path copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> s = Files.list(from)) {
      for (Path p : s.toList()) {
        Files.copy(p, to.resolve(p.getFileName().toString()));
      }
    }
    return to;
  }

  static void editTargets(Path dir, java.util.function.Consumer<JsonNode> edit) throws IOException {
    Path f = dir.resolve("targets.json");
    JsonNode root = MAPPER.readTree(f.toFile());
    root.forEach(edit);
    MAPPER.writeValue(f.toFile(), root);
  }
}
