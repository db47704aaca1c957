package io.allowpath.session;

import static io.allowpath.testing.EstateJson.computeId;
import static io.allowpath.testing.EstateJson.mlwId;
import static io.allowpath.testing.EstateJson.natId;
import static io.allowpath.testing.EstateJson.pipId;
import static io.allowpath.testing.EstateJson.subnetId;
import static io.allowpath.testing.TargetJson.add;
import static io.allowpath.testing.TargetJson.keyVault;
import static io.allowpath.testing.TargetJson.kvId;
import static io.allowpath.testing.TargetJson.obj;
import static io.allowpath.testing.TargetJson.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.analysis.access.Outcome;
import io.allowpath.analysis.access.Reason;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.Hop;
import io.allowpath.analysis.intent.Intent;
import io.allowpath.analysis.intent.IntentCheck;
import io.allowpath.analysis.intent.Intents;
import io.allowpath.analysis.intent.Selector;
import io.allowpath.ingest.InputException;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Severity;
import io.allowpath.model.Target;
import io.allowpath.testing.EstateJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Intents' tag selectors and ports (docs/intents.md). Tags are the ARM top-level {@code tags} object
 * (https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources: names compared
 * without case, values with case); ports replace the service's own in the NSG step
 * (AZURE-EGRESS.md §8.9, §8.10; NSG rules in the ARM {@code securityRules[].properties} shape).
 */
class IntentTagsAndPortsTest {
  @TempDir Path dir;

  static final String SPOKE = "vnet-spoke";
  static final String SNET_ID = subnetId(SPOKE, "snet");
  static final ResourceId MLW = ResourceId.of(mlwId("mlw"));
  static final ResourceId KV1 = ResourceId.of(kvId("kv1"));
  static final ResourceId KV2 = ResourceId.of(kvId("kv2"));

  /**
   * Workspace mlw (tags env=prod, team=platform) with clusters "train" (own tag team=vision) and "etl"
   * behind NAT gateway ng, and two open key vaults: kv1 (data=secret), kv2 (Data=public).
   */
  EstateJson estate() {
    EstateJson e = new EstateJson();
    e.vnet(SPOKE).addressPrefix("10.1.0.0/16").subnet("snet").addressPrefix("10.1.1.0/24");
    e.publicIp("pip-ng", "20.10.0.1");
    e.natGateway("ng").publicIp(pipId("pip-ng"));
    e.vnet(SPOKE).subnet("snet").natGateway(natId("ng"));
    e.mlWorkspace("mlw");
    e.compute("mlw", "train", "AmlCompute").subnet(SNET_ID).enableNodePublicIp(false);
    e.compute("mlw", "etl", "AmlCompute").subnet(SNET_ID).enableNodePublicIp(false);
    e.resource(mlwId("mlw"), "Microsoft.MachineLearningServices/workspaces", "eastus")
        .set("tags", obj("env", "prod", "team", "platform"));
    e.resource(computeId("mlw", "train"), "Microsoft.MachineLearningServices/workspaces/computes", "eastus")
        .set("tags", obj("team", "vision"));
    keyVault(e, "kv1", "eastus").set("tags", obj("data", "secret"));
    keyVault(e, "kv2", "eastus").set("tags", obj("Data", "public"));
    return e;
  }

  Analysis analysis(EstateJson e) {
    return Analysis.of(e.load(dir), null);
  }

  static Compute compute(Analysis a, String name) {
    return a.computes().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  static Target target(Analysis a, ResourceId id) {
    return a.targets().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
  }

  static Selector tags(Map<String, String> tags) {
    return new Selector(null, null, List.of(), null, null, null, tags);
  }

  @Test
  void armTagsAreReadIntoTheEstateNamesWithoutCase() {
    Estate s = analysis(estate()).estate();
    assertThat(s.tags(MLW)).containsExactly(Map.entry("env", "prod"), Map.entry("team", "platform"));
    assertThat(s.tags(KV2)).containsExactly(Map.entry("Data", "public"));
    assertThat(s.tag(KV2, "data")).isEqualTo("public");
    assertThat(s.tags(ResourceId.of(subnetId(SPOKE, "snet")))).isEmpty();
  }

  @Test
  void tagsThatAreNotAnObjectAreAWarningAndTheResourceIsStillRead() {
    EstateJson e = estate();
    keyVault(e, "kv1", "eastus").put("tags", "data=secret");
    Estate s = analysis(e).estate();
    assertThat(s.get(KV1, Target.class)).isNotNull();
    assertThat(s.tags(KV1)).isEmpty();
    assertThat(s.diagnostics()).anySatisfy(d -> {
      assertThat(d.severity()).isEqualTo(Severity.WARNING);
      assertThat(d.message()).contains("\"tags\"").contains("expected an object");
      assertThat(d.pointer()).endsWith("/tags");
    });
  }

  @Test
  void computeTagsAreTheWorkspacesWithTheComputesOwnOnTop() {
    Analysis a = analysis(estate());
    Estate s = a.estate();
    Compute train = compute(a, "mlw/train");
    Compute etl = compute(a, "mlw/etl");
    assertThat(tags(Map.of("env", "prod")).matches(train, s)).isTrue();
    assertThat(tags(Map.of("env", "prod")).matches(etl, s)).isTrue();
    assertThat(tags(Map.of("team", "vision")).matches(train, s)).isTrue();
    assertThat(tags(Map.of("team", "vision")).matches(etl, s)).isFalse();
    assertThat(tags(Map.of("team", "platform")).matches(train, s)).as("the compute's own tag wins").isFalse();
    assertThat(tags(Map.of("team", "platform")).matches(etl, s)).isTrue();
    assertThat(tags(Map.of("ENV", "prod", "team", "vis*")).matches(train, s)).as("every tag, names without case")
        .isTrue();
    assertThat(tags(Map.of("env", "prod", "cost", "*")).matches(train, s)).as("a missing tag").isFalse();
  }

  @Test
  void targetTagsMatchNamesWithoutCaseValuesWithCase() {
    Analysis a = analysis(estate());
    Estate s = a.estate();
    Target kv1 = target(a, KV1);
    Target kv2 = target(a, KV2);
    assertThat(tags(Map.of("data", "secret")).matches(kv1, s)).isTrue();
    assertThat(tags(Map.of("data", "secret")).matches(kv2, s)).isFalse();
    assertThat(tags(Map.of("DATA", "public")).matches(kv2, s)).isTrue();
    assertThat(tags(Map.of("data", "Secret")).matches(kv1, s)).as("values compare with case").isFalse();
    assertThat(tags(Map.of("data", "*")).matches(kv1, s)).isTrue();
    assertThat(tags(Map.of("data", "*")).matches(kv2, s)).isTrue();
    assertThat(tags(Map.of("data", "*")).matches(target(a, ResourceId.of(kvId("kv1"))), null))
        .as("no estate, no tags").isFalse();
  }

  @Test
  void aTagSelectedNotReachIntentIsViolatedByAnAllowedPair() throws Exception {
    Path f = dir.resolve("intents.yaml");
    Files.writeString(f, """
        intents:
          - name: vision-never-reads-secrets
            from: { tag: team=vision }
            to: { tags: { data: secret } }
            expect: not-reach
          - name: prod-reads-vaults
            from: { tag: [env=prod] }
            to: { service: KEY_VAULT }
            expect: reach
        """);
    Analysis a = analysis(estate());
    Intents intents = IntentsReader.read(f);
    IntentCheck c = a.check(intents, a.computes(), a.targets());
    assertThat(c.pairs()).hasSize(4);
    assertThat(c.violations()).hasSize(1);
    IntentCheck.Judged v = c.violations().get(0);
    assertThat(v.verdict().compute().name()).isEqualTo("mlw/train");
    assertThat(v.verdict().target().id()).isEqualTo(KV1);
    assertThat(v.verdict().outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(v.intent().name()).isEqualTo("vision-never-reads-secrets");
    assertThat(v.intent().expect()).isEqualTo(Intent.Expect.NOT_REACH);
  }

  /** An NSG on snet denying AMQP (TCP 5671-5672) to the internet: 443, what Key Vault clients use, passes. */
  EstateJson withAmqpDenied() {
    EstateJson e = estate();
    ObjectNode nsg = e.resource(EstateJson.net("networkSecurityGroups", "nsg1"), "Microsoft.Network/networkSecurityGroups",
        "eastus");
    add(nsg, "properties.securityRules", obj("name", "DenyAmqp", "properties", obj("protocol", "Tcp",
        "sourcePortRange", "*", "destinationPortRange", "5671-5672", "sourceAddressPrefix", "*",
        "destinationAddressPrefix", "Internet", "access", "Deny", "priority", 200, "direction", "Outbound")));
    put(e.resource(SNET_ID, "Microsoft.Network/virtualNetworks/subnets", null), "properties.networkSecurityGroup",
        obj("id", EstateJson.net("networkSecurityGroups", "nsg1")));
    return e;
  }

  static Intents reach(List<Integer> ports) {
    return new Intents(List.of(new Intent("etl-reads-kv1", new Selector("mlw/etl", null, List.of(), null, null, null),
        Selector.ofIds(List.of(KV1)), Intent.Expect.REACH, ports, "test")), "test");
  }

  @Test
  void portsReplaceTheServicesOwnInTheNsgStep() {
    Analysis a = analysis(withAmqpDenied());
    IntentCheck without = a.check(reach(List.of()), a.computes(), a.targets());
    assertThat(without.pairs()).hasSize(1);
    assertThat(without.violations()).as("443 passes the NSG").isEmpty();

    IntentCheck amqp = a.check(reach(List.of(5671, 443)), a.computes(), a.targets());
    assertThat(amqp.violations()).hasSize(1);
    IntentCheck.Judged j = amqp.violations().get(0);
    assertThat(j.verdict().outcome()).isEqualTo(Outcome.DENY);
    assertThat(j.verdict().reasons()).contains(Reason.NSG_DENY_RULE);
    assertThat(j.verdict().hops()).extracting(Hop::detail).anyMatch(d -> d.contains("DenyAmqp") && d.contains("5671"));

    IntentCheck https = a.check(reach(List.of(443)), a.computes(), a.targets());
    assertThat(https.violations()).isEmpty();
    assertThat(https.pairs().get(0).verdict().hops()).extracting(Hop::detail)
        .anyMatch(d -> d.contains("nsg1") && d.contains("443"));
  }

  @Test
  void tagFormsAreReadAndBadOnesAreOneLineNamingWhere() throws Exception {
    Path f = dir.resolve("tags.yaml");
    Files.writeString(f, """
        intents:
          - from: { tag: [ "env=prod", owner ], tags: { team: "ml-*" } }
            to: { tag: "data = secret" }
            expect: reach
        """);
    Intent i = IntentsReader.read(f).intents().get(0);
    assertThat(i.from().tags()).containsExactly(Map.entry("team", "ml-*"), Map.entry("env", "prod"),
        Map.entry("owner", "*"));
    assertThat(i.to().tags()).containsExactly(Map.entry("data", "secret"));
    assertThat(i.from().describe()).contains("tag env=prod");

    Files.writeString(f, "intents:\n  - from: { tag: 5 }\n    to: kv1\n    expect: reach\n");
    assertThatThrownBy(() -> IntentsReader.read(f)).isInstanceOf(InputException.class)
        .hasMessageContaining("/intents/0/from/tag").hasMessageContaining("name=value");
    Files.writeString(f, "intents:\n  - from: x\n    to: { tags: [a] }\n    expect: reach\n");
    assertThatThrownBy(() -> IntentsReader.read(f)).isInstanceOf(InputException.class)
        .hasMessageContaining("/intents/0/to/tags").hasMessageContaining("object of tag names");
  }

  @Test
  void diagnosticsOfAGoodEstateSayNothingOfTags() {
    List<Diagnostic> d = analysis(estate()).estate().diagnostics();
    assertThat(d).noneMatch(x -> x.message().contains("tag"));
  }

  /** The JSON Schema in docs/ names exactly the fields the reader accepts. */
  @Test
  void theJsonSchemaNamesTheFieldsTheReaderAccepts() throws Exception {
    JsonNode schema = new ObjectMapper()
        .readTree(Path.of("..", "docs", "intents.schema.json").toFile());
    JsonNode defs = schema.get("$defs");
    assertThat(names(defs.get("intent").get("properties"))).isEqualTo(IntentsReader.INTENT_FIELDS);
    assertThat(names(defs.get("fromSelector").get("properties"))).isEqualTo(IntentsReader.FROM_FIELDS);
    assertThat(names(defs.get("toSelector").get("properties"))).isEqualTo(IntentsReader.TO_FIELDS);
  }

  static Set<String> names(JsonNode o) {
    Set<String> out = new TreeSet<>();
    o.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
