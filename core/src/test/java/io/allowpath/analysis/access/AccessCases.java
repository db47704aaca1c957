package io.allowpath.analysis.access;

import static io.allowpath.testing.EstateJson.computeId;
import static io.allowpath.testing.EstateJson.natId;
import static io.allowpath.testing.EstateJson.pipId;
import static io.allowpath.testing.EstateJson.subnetId;
import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.analysis.egress.HopKind;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.EgressResolver;
import io.allowpath.analysis.egress.Hop;
import io.allowpath.ingest.servicetags.ServiceTagsReader;
import io.allowpath.model.Estate;
import io.allowpath.model.ResourceId;
import io.allowpath.model.ServiceTags;
import io.allowpath.model.Target;
import io.allowpath.testing.EstateJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Shared fixture and assertions of the access tests: a case starts from a small estate written as ARM
 * JSON (vnet-spoke in eastus, subnet snet 10.1.1.0/24, AML workspace mlw with cluster "cluster" in snet,
 * by default a NAT gateway with public IP 20.10.0.1), adds what it is about, loads it through the real
 * {@code EstateLoader} and pins outcome, via, reason codes, source addresses and the deciding hop.
 */
final class AccessCases {
  private AccessCases() {}

  static final String SPOKE = "vnet-spoke";
  static final String SNET = "snet";
  static final String SNET_ID = subnetId(SPOKE, SNET);
  static final String CLUSTER = computeId("mlw", "cluster");
  static final String NAT_IP = "20.10.0.1";
  static final String OTHER_IP = "198.51.100.7";

  /** Tags in the ServiceTags_Public_*.json shape, for App Service service-tag rules and firewall rules. */
  static final String TAGS_JSON = """
      {"changeNumber": 1, "cloud": "Public", "values": [
        {"name": "Storage.EastUS", "id": "Storage.EastUS",
         "properties": {"region": "eastus", "systemService": "AzureStorage", "addressPrefixes": ["20.38.0.0/16"]}},
        {"name": "DataFactory.EastUS", "id": "DataFactory.EastUS",
         "properties": {"region": "eastus", "systemService": "DataFactory", "addressPrefixes": ["20.10.0.0/24"]}},
        {"name": "AzureCloud.eastus", "id": "AzureCloud.eastus",
         "properties": {"region": "eastus", "systemService": "", "addressPrefixes": ["20.0.0.0/11"]}},
        {"name": "ApiManagement.EastUS", "id": "ApiManagement.EastUS",
         "properties": {"region": "eastus", "systemService": "AzureApiManagement", "addressPrefixes": ["52.0.0.0/16"]}}
      ]}
      """;

  /** The fixture without any egress method: cluster in snet, default outbound access. */
  static EstateJson bare() {
    EstateJson e = new EstateJson();
    e.vnet(SPOKE).addressPrefix("10.1.0.0/16").subnet(SNET).addressPrefix("10.1.1.0/24");
    e.mlWorkspace("mlw");
    e.compute("mlw", "cluster", "AmlCompute").subnet(SNET_ID).enableNodePublicIp(false);
    return e;
  }

  /** The fixture with NAT gateway "ng" (public IP 20.10.0.1) on snet. */
  static EstateJson nat() {
    EstateJson e = bare();
    e.publicIp("pip-ng", NAT_IP);
    e.natGateway("ng").publicIp(pipId("pip-ng"));
    e.vnet(SPOKE).subnet(SNET).natGateway(natId("ng"));
    return e;
  }

  // ------------------------------------------------------------------ checks

  interface Check {
    void verify(Verdict v);
  }

  static String show(Verdict v) {
    StringBuilder b = new StringBuilder(v.outcome() + " " + v.via() + " " + v.reasons() + " src " + v.sourceAddresses());
    for (Hop h : v.hops()) {
      b.append("\n  ").append(h.kind()).append(' ').append(h.resource() == null ? "-" : h.resource().name())
          .append(": ").append(h.detail());
    }
    return b.toString();
  }

  /** A hop of this kind names this resource. */
  static Check hop(HopKind kind, String resourceId) {
    return v -> assertThat(v.hops()).as("hop %s %s in %s", kind, resourceId, show(v))
        .anyMatch(h -> h.kind() == kind && ResourceId.of(resourceId).equals(h.resource()));
  }

  /** A hop of this kind names this resource and its detail mentions {@code text} (e.g. the deciding rule). */
  static Check hop(HopKind kind, String resourceId, String text) {
    return v -> assertThat(v.hops()).as("hop %s %s '%s' in %s", kind, resourceId, text, show(v))
        .anyMatch(h -> h.kind() == kind && ResourceId.of(resourceId).equals(h.resource())
            && h.detail().toLowerCase().contains(text.toLowerCase()));
  }

  /** The TARGET hop names the target; shorthand for the most common check. */
  static Check decidedByTarget(String targetId) {
    return hop(HopKind.TARGET, targetId);
  }

  // ------------------------------------------------------------------ cases

  /** One case: the estate, the pair, whether a service tags file is given, and what must come out. */
  record Case(EstateJson estate, String compute, String target, boolean tags, Outcome outcome, Via via,
      List<String> sources, List<Reason> reasons, List<Check> checks) {}

  /** A case on the NAT fixture from the cluster. */
  static Arguments c(String name, Consumer<EstateJson> setup, String target, Outcome o, Via via, List<String> src,
      List<Reason> reasons, Check... checks) {
    return on(name, nat(), setup, CLUSTER, target, false, o, via, src, reasons, checks);
  }

  /** A case on any fixture and compute; {@code tags} writes {@link #TAGS_JSON} and passes it. */
  static Arguments on(String name, EstateJson base, Consumer<EstateJson> setup, String compute, String target,
      boolean tags, Outcome o, Via via, List<String> src, List<Reason> reasons, Check... checks) {
    setup.accept(base);
    return Arguments.argumentSet(name, new Case(base, compute, target, tags, o, via, src, reasons, List.of(checks)));
  }

  static ServiceTags tags(Path dir) {
    try {
      Path f = dir.resolve("tags").resolve("ServiceTags_Public_20250101.json");
      Files.createDirectories(f.getParent());
      Files.writeString(f, TAGS_JSON);
      return ServiceTagsReader.read(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Verdict evaluate(Path dir, EstateJson e, String computeKey, String targetId, ServiceTags tags) {
    Estate estate = e.load(dir);
    EgressResolver r = new EgressResolver(estate, tags);
    AccessEvaluator a = new AccessEvaluator(r, tags);
    Compute c = r.computes().stream().filter(x -> x.key().equalsIgnoreCase(computeKey)).findFirst()
        .orElseThrow(() -> new AssertionError("no compute " + computeKey + " in " + r.computes()));
    Target t = a.targets().stream().filter(x -> x.id().equals(ResourceId.of(targetId))).findFirst()
        .orElseThrow(() -> new AssertionError("no target " + targetId + " in " + a.targets()));
    Verdict v = a.evaluate(c, t);
    // check -v explains every step in words: no hop without its text, and the target's own step is there
    assertThat(v.hops()).as("hops: %s", show(v)).isNotEmpty()
        .allSatisfy(h -> assertThat(h.detail()).as("detail of hop %s in %s", h.kind(), show(v)).isNotBlank());
    // the matrix (check --output summary) must give the same answer on every case
    List<String> matrix = new ArrayList<>();
    Matrix.visit(new AccessEvaluator(new EgressResolver(estate, tags), tags), List.of(c), List.of(t),
        (cs, tt, o, rs) -> matrix.add(o + " " + rs));
    assertThat(matrix).as("matrix: %s", show(v)).containsExactly(v.outcome() + " " + v.reasons());
    return v;
  }

  static Verdict verify(Case k, Path dir) {
    Verdict v = evaluate(dir, k.estate(), k.compute(), k.target(), k.tags() ? tags(dir) : null);
    assertThat(v.outcome()).as("outcome: %s", show(v)).isEqualTo(k.outcome());
    assertThat(v.via()).as("via: %s", show(v)).isEqualTo(k.via());
    assertThat(v.reasons()).as("reasons: %s", show(v)).containsExactlyInAnyOrderElementsOf(k.reasons());
    assertThat(v.sourceAddresses()).as("sourceAddresses: %s", show(v)).containsExactlyElementsOf(k.sources());
    assertThat(v.target().id()).isEqualTo(ResourceId.of(k.target()));
    for (Check c : k.checks()) {
      c.verify(v);
    }
    return v;
  }
}
