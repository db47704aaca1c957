package io.allowpath.ingest;

import io.allowpath.ingest.load.EstateLoader;
import static io.allowpath.testing.EstateJson.MAPPER;
import static io.allowpath.testing.EstateJson.computeId;
import static io.allowpath.testing.EstateJson.natId;
import static io.allowpath.testing.EstateJson.pipId;
import static io.allowpath.testing.EstateJson.subnetId;
import static io.allowpath.testing.EstateJson.vnetId;
import static io.allowpath.testing.EstateJson.writeJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.EgressMode;
import io.allowpath.analysis.egress.EgressResolver;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.MlCompute;
import io.allowpath.model.NatGateway;
import io.allowpath.model.PublicIp;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Severity;
import io.allowpath.model.Subnet;
import io.allowpath.model.VirtualNetwork;
import io.allowpath.testing.EstateJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading estate inputs (CONTRACT.md "Estate inputs"): shapes, merging, case and location rules. */
class EstateLoaderTest {
  @TempDir Path dir;

  static Estate load(Path... paths) {
    return new EstateLoader().load(List.of(paths));
  }

  /** vnet-spoke/snet with NAT gateway ng (20.10.0.1), workspace mlw and cluster in snet. */
  static EstateJson natEstate() {
    EstateJson e = new EstateJson();
    e.vnet("vnet-spoke").addressPrefix("10.1.0.0/16").subnet("snet").addressPrefix("10.1.1.0/24").natGateway(natId("ng"));
    e.natGateway("ng").publicIp(e.publicIp("pip-ng", "20.10.0.1"));
    e.mlWorkspace("mlw");
    e.compute("mlw", "cluster", "AmlCompute").subnet(subnetId("vnet-spoke", "snet")).enableNodePublicIp(false);
    return e;
  }

  static EgressMode clusterMode(Estate estate) {
    EgressResolver r = new EgressResolver(estate, null);
    Compute c = r.computes().stream().filter(x -> x.key().equalsIgnoreCase(computeId("mlw", "cluster"))).findFirst()
        .orElseThrow();
    return r.resolve(c).mode();
  }

  static ObjectNode node(EstateJson e, String id) {
    return e.nodes().stream().filter(n -> n.get("id").asText().equalsIgnoreCase(id)).findFirst().orElseThrow();
  }

  static ArrayNode array(ObjectNode... nodes) {
    ArrayNode a = MAPPER.createArrayNode();
    for (ObjectNode n : nodes) {
      a.add(n);
    }
    return a;
  }

  // ------------------------------------------------------------------ locations

  @Test
  void locationsAreNormalisedToLowerCaseWithoutSpaces() {
    EstateJson e = natEstate();
    e.vnet("vnet-spoke").location("East US 2");
    node(e, computeId("mlw", "cluster")).put("location", "West Europe");
    Estate estate = e.load(dir);
    assertThat(estate.get(ResourceId.of(vnetId("vnet-spoke")), VirtualNetwork.class).location()).isEqualTo("eastus2");
    assertThat(estate.subnetLocation(ResourceId.of(subnetId("vnet-spoke", "snet")))).isEqualTo("eastus2");
    assertThat(estate.get(ResourceId.of(computeId("mlw", "cluster")), MlCompute.class).location()).isEqualTo("westeurope");
  }

  // ------------------------------------------------------------------ ids and types

  @Test
  void idsAndTypesMatchCaseInsensitivelyAcrossFiles() {
    EstateJson e = natEstate();
    ObjectNode vnet = node(e, vnetId("vnet-spoke")).deepCopy();
    vnet.put("id", vnetId("vnet-spoke").toUpperCase(Locale.ROOT));
    vnet.put("type", "MICROSOFT.NETWORK/virtualnetworks");
    ObjectNode nat = node(e, natId("ng")).deepCopy();
    nat.put("id", natId("ng").toLowerCase(Locale.ROOT));
    nat.put("type", "microsoft.network/NATGATEWAYS");
    writeJson(dir.resolve("a-network.json"), array(vnet, nat));
    writeJson(dir.resolve("b-ip.json"), array(node(e, pipId("pip-ng"))));
    writeJson(dir.resolve("c-ml.json"), array(node(e, EstateJson.mlwId("mlw")), node(e, computeId("mlw", "cluster"))));

    Estate estate = load(dir);
    assertThat(estate.get(ResourceId.of(subnetId("vnet-spoke", "snet").toLowerCase(Locale.ROOT)), Subnet.class)).isNotNull();
    assertThat(estate.get(ResourceId.of(natId("ng").toUpperCase(Locale.ROOT)), NatGateway.class)).isNotNull();
    // the compute's subnet reference (original case) finds the upper-case VNet, whose NAT gateway is the lower-case one
    assertThat(clusterMode(estate)).isEqualTo(EgressMode.NAT_GATEWAY);
  }

  // ------------------------------------------------------------------ merging

  @Test
  void theSameResourceInTwoFilesIsDeepMerged() {
    ObjectNode graph = MAPPER.createObjectNode();
    graph.put("id", pipId("pip-x")).put("name", "pip-x").put("type", "Microsoft.Network/publicIPAddresses")
        .put("location", "eastus");
    graph.putObject("sku").put("name", "Standard");
    graph.putObject("properties").put("publicIPAllocationMethod", "Static");
    ObjectNode show = MAPPER.createObjectNode();
    show.put("id", pipId("pip-x").toUpperCase(Locale.ROOT)).put("type", "Microsoft.Network/publicIPAddresses");
    show.putObject("properties").put("ipAddress", "20.1.2.3");
    writeJson(dir.resolve("1-graph.json"), MAPPER.createObjectNode().set("data", array(graph)));
    writeJson(dir.resolve("2-show.json"), show);

    PublicIp p = load(dir).get(ResourceId.of(pipId("pip-x")), PublicIp.class);
    assertThat(p.sku()).isEqualTo("Standard");
    assertThat(p.allocationMethod()).isEqualTo("Static");
    assertThat(p.ipAddress().text()).isEqualTo("20.1.2.3");
  }

  @Test
  void aNullInTheLaterFileDoesNotEraseAKnownValue() {
    ObjectNode first = MAPPER.createObjectNode();
    first.put("id", pipId("pip-x")).put("type", "Microsoft.Network/publicIPAddresses");
    first.putObject("properties").put("ipAddress", "20.1.2.3");
    ObjectNode later = MAPPER.createObjectNode();
    later.put("id", pipId("pip-x")).put("type", "Microsoft.Network/publicIPAddresses");
    later.putObject("properties").putNull("ipAddress").put("publicIPAllocationMethod", "Static");
    writeJson(dir.resolve("1.json"), first);
    writeJson(dir.resolve("2.json"), later);

    PublicIp p = load(dir).get(ResourceId.of(pipId("pip-x")), PublicIp.class);
    assertThat(p.ipAddress().text()).isEqualTo("20.1.2.3");
    assertThat(p.allocationMethod()).isEqualTo("Static");
  }

  @Test
  void arraysFromTheLaterFileReplaceEarlierOnes() {
    ObjectNode first = MAPPER.createObjectNode();
    first.put("id", natId("ng")).put("type", "Microsoft.Network/natGateways");
    first.putObject("properties").putArray("publicIpAddresses").addObject().put("id", pipId("old"));
    ObjectNode later = first.deepCopy();
    ((ArrayNode) later.get("properties").get("publicIpAddresses")).removeAll().addObject().put("id", pipId("new"));
    writeJson(dir.resolve("1.json"), first);
    writeJson(dir.resolve("2.json"), later);

    assertThat(load(dir).get(ResourceId.of(natId("ng")), NatGateway.class).publicIps())
        .containsExactly(ResourceId.of(pipId("new")));
  }

  // ------------------------------------------------------------------ shapes

  @Test
  void aJsonArrayOfResourcesIsRead() {
    Path f = natEstate().write(dir, "array.json");
    assertThat(clusterMode(load(f))).isEqualTo(EgressMode.NAT_GATEWAY);
  }

  @Test
  void anObjectWithADataArrayIsRead() {
    EstateJson e = natEstate();
    Path f = writeJson(dir.resolve("graph.json"), MAPPER.createObjectNode().put("count", 5).set("data", e.toArray()));
    Estate estate = load(f);
    assertThat(clusterMode(estate)).isEqualTo(EgressMode.NAT_GATEWAY);
    assertThat(estate.source(ResourceId.of(vnetId("vnet-spoke"))).pointer()).startsWith("/data/");
  }

  @Test
  void anObjectWithAValueArrayIsRead() {
    EstateJson e = natEstate();
    Path f = writeJson(dir.resolve("list.json"), MAPPER.createObjectNode().set("value", e.toArray()));
    Estate estate = load(f);
    assertThat(clusterMode(estate)).isEqualTo(EgressMode.NAT_GATEWAY);
    assertThat(estate.source(ResourceId.of(vnetId("vnet-spoke"))).pointer()).startsWith("/value/");
  }

  @Test
  void singleResourceObjectFilesAreRead() {
    EstateJson e = natEstate();
    int i = 0;
    for (ObjectNode n : e.nodes()) {
      writeJson(dir.resolve("r" + (i++) + ".json"), n);
    }
    Estate estate = load(dir);
    assertThat(clusterMode(estate)).isEqualTo(EgressMode.NAT_GATEWAY);
    assertThat(estate.source(ResourceId.of(natId("ng"))).pointer()).isEmpty();
  }

  @Test
  void directoriesAreReadRecursivelyAndOnlyJsonFilesCount() throws IOException {
    EstateJson e = natEstate();
    writeJson(dir.resolve("net/deeper/network.json"),
        array(node(e, vnetId("vnet-spoke")), node(e, natId("ng")), node(e, pipId("pip-ng"))));
    writeJson(dir.resolve("ml/ml.JSON"), array(node(e, EstateJson.mlwId("mlw")), node(e, computeId("mlw", "cluster"))));
    Files.writeString(dir.resolve("net/README.txt"), "not json {");
    assertThat(clusterMode(load(dir))).isEqualTo(EgressMode.NAT_GATEWAY);
  }

  @Test
  void severalEstateInputsAreMerged() {
    EstateJson e = natEstate();
    Path a = writeJson(dir.resolve("a/network.json"),
        array(node(e, vnetId("vnet-spoke")), node(e, natId("ng")), node(e, pipId("pip-ng"))));
    Path b = writeJson(dir.resolve("b/ml.json"), array(node(e, EstateJson.mlwId("mlw")), node(e, computeId("mlw", "cluster"))));
    assertThat(clusterMode(load(a, b.getParent()))).isEqualTo(EgressMode.NAT_GATEWAY);
  }

  @Test
  void unmodelledTypesAreCountedNotFailed() {
    EstateJson e = natEstate();
    e.resource(EstateJson.RG + "/providers/Microsoft.Compute/virtualMachines/vm1", "Microsoft.Compute/virtualMachines", "eastus");
    Estate estate = e.load(dir);
    assertThat(estate.skippedTypes()).containsEntry("microsoft.compute/virtualmachines", 1);
    assertThat(estate.diagnostics()).isEmpty();
  }

  // ------------------------------------------------------------------ bad fields

  @Test
  void aFieldOfTheWrongTypeIsADiagnosticWithFileAndPointerAndTheRestIsRead() {
    EstateJson e = natEstate();
    ObjectNode bad = MAPPER.createObjectNode();
    bad.put("id", vnetId("vnet-bad")).put("type", "Microsoft.Network/virtualNetworks").put("location", "eastus");
    bad.putObject("properties").put("subnets", "oops");
    e.raw(bad);
    Path f = e.write(dir, "estate.json");
    int index = e.nodes().indexOf(bad);
    Estate estate = load(f);

    assertThat(estate.diagnostics()).hasSize(1);
    Diagnostic d = estate.diagnostics().get(0);
    assertThat(d.severity()).isEqualTo(Severity.ERROR);
    assertThat(d.file()).isEqualTo(f.toString());
    assertThat(d.pointer()).isEqualTo("/" + index + "/properties/subnets");
    assertThat(d.message()).contains("expected an array").contains("\"oops\"");
    assertThat(clusterMode(estate)).isEqualTo(EgressMode.NAT_GATEWAY);
  }

  @Test
  // Was a bug, fixed: ArmResourceReader's contract (class comment, and the diagnostic text '; resource
  // skipped') says a resource with a wrong-typed field is skipped, but vnet() puts the VirtualNetwork
  // before reading properties.subnets, so a partial VNet (no subnets) stays in the estate
  void aResourceWithAWrongTypedFieldIsSkipped() {
    EstateJson e = natEstate();
    ObjectNode bad = MAPPER.createObjectNode();
    bad.put("id", vnetId("vnet-bad")).put("type", "Microsoft.Network/virtualNetworks").put("location", "eastus");
    bad.putObject("properties").put("subnets", "oops");
    e.raw(bad);
    assertThat(e.load(dir).get(ResourceId.of(vnetId("vnet-bad")), VirtualNetwork.class)).isNull();
  }

  @Test
  void aResourceWithoutAnIdIsADiagnosticNotAFailure() {
    EstateJson e = natEstate();
    ObjectNode noId = MAPPER.createObjectNode().put("type", "Microsoft.Network/natGateways");
    Path f = writeJson(dir.resolve("estate.json"), e.toArray().add(noId));
    Estate estate = load(f);
    assertThat(estate.diagnostics()).singleElement()
        .satisfies(d -> assertThat(d.pointer()).isEqualTo("/" + e.nodes().size()))
        .satisfies(d -> assertThat(d.message()).contains("\"id\""));
    assertThat(clusterMode(estate)).isEqualTo(EgressMode.NAT_GATEWAY);
  }

  // ------------------------------------------------------------------ unreadable input

  @Test
  void unreadableInputThrowsOneLineNamingTheFileAndWhatWasExpected() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.json"), "");
    Path str = Files.writeString(dir.resolve("str.json"), "\"hello\"");
    Path bad = Files.writeString(dir.resolve("bad.json"), "[\n  {\"id\": }\n]");
    Path elem = Files.writeString(dir.resolve("elem.json"), "[1]");
    assertThatThrownBy(() -> load(empty)).isInstanceOf(InputException.class).hasMessageContaining(empty.toString())
        .hasMessageContaining("empty file").hasMessageNotContaining("\n");
    assertThatThrownBy(() -> load(str)).isInstanceOf(InputException.class).hasMessageContaining(str.toString())
        .hasMessageContaining("expected a JSON array or object, found a string");
    assertThatThrownBy(() -> load(bad)).isInstanceOf(InputException.class).hasMessageContaining(bad.toString())
        .hasMessageContaining("line 2, column");
    assertThatThrownBy(() -> load(elem)).isInstanceOf(InputException.class).hasMessageContaining("/0")
        .hasMessageContaining("expected an ARM resource object, found a number");
  }
}
