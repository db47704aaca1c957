package io.allowpath.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ARM GETs answered with Microsoft's own REST examples (azure-rest-api-specs in ../shared/corpus),
 * served verbatim: the scan takes each documented response shape (a list, a list with the short type
 * {@code workspace/outboundRules}, a single config resource) and keeps every resource in it.
 */
class ScanRestExamplesTest {
  static Path specs() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      for (Path c : List.of(dir.resolve("shared/corpus/azure-rest-api-specs/specification"),
          dir.resolve("../shared/corpus/azure-rest-api-specs/specification"))) {
        if (Files.isDirectory(c)) {
          return c.normalize();
        }
      }
    }
    return null;
  }

  record Example(String parentType, String parentPath, String suffix, String body) {}

  static Example example(Path specs, String file, String parentType, String parentName, String suffix, boolean wrap)
      throws IOException {
    JsonNode ex = ArmEmulator.MAPPER.readTree(specs.resolve(file).toFile());
    JsonNode p = ex.path("parameters");
    String[] t = parentType.split("/");
    String parent = "/subscriptions/" + p.path("subscriptionId").asText() + "/resourceGroups/"
        + p.path("resourceGroupName").asText() + "/providers/" + t[0] + "/" + t[1] + "/" + p.path(parentName).asText();
    JsonNode body = ex.path("responses").path("200").path("body");
    String text = wrap ? "{\"value\": [" + body + "]}" : body.toString();
    return new Example(parentType, parent, suffix, text);
  }

  @Test
  void restExampleResponsesAreReadAsServed() throws IOException {
    Path specs = specs();
    assumeTrue(specs != null, "skipped: ../shared/corpus/azure-rest-api-specs is absent (the REST examples corpus)");
    List<Example> examples = List.of(
        example(specs, "sql/resource-manager/Microsoft.Sql/stable/2023-08-01/examples/FirewallRuleList.json",
            "Microsoft.Sql/servers", "serverName", "firewallRules", false),
        example(specs, "web/resource-manager/Microsoft.Web/stable/2024-04-01/examples/GetSiteConfig.json",
            "Microsoft.Web/sites", "name", "config/web", false),
        example(specs, "machinelearningservices/resource-manager/Microsoft.MachineLearningServices/stable/2025-06-01/"
            + "examples/ManagedNetwork/listRule.json", "Microsoft.MachineLearningServices/workspaces", "workspaceName",
            "outboundRules", false),
        example(specs, "machinelearningservices/resource-manager/Microsoft.MachineLearningServices/stable/2025-06-01/"
            + "examples/Compute/get/AmlCompute.json", "Microsoft.MachineLearningServices/workspaces", "workspaceName",
            "computes", true));
    try (ArmEmulator em = new ArmEmulator().acceptToken("t")) {
      for (Example e : examples) {
        ObjectNode parent = ArmEmulator.MAPPER.createObjectNode();
        parent.put("id", e.parentPath());
        parent.put("name", e.parentPath().substring(e.parentPath().lastIndexOf('/') + 1));
        parent.put("type", e.parentType());
        parent.putObject("properties");
        em.add(parent).serve(e.parentPath() + "/" + e.suffix(), e.body());
      }
      ScanStats stats = new ScanStats();
      Scanner.Result r = new Scanner(new ArmHttp(em.uri(), Tokens.fixed("t"), ScannerTest.fast(), stats), stats)
          .scan(new Scanner.Request(List.of(), List.of(), List.of(), 2));
      List<String> ids = r.resources().stream().map(n -> n.path("id").asText()).toList();
      for (Example e : examples) {
        JsonNode body = ArmEmulator.MAPPER.readTree(e.body());
        List<JsonNode> items = new java.util.ArrayList<>();
        if (body.has("value")) {
          body.path("value").forEach(items::add);
        } else {
          items.add(body);
        }
        assertThat(items).as(e.suffix()).isNotEmpty();
        for (JsonNode item : items) {
          assertThat(ids).as(e.suffix()).contains(item.path("id").asText());
        }
      }
      // resources pass through whole: the reader sees Azure's JSON, not a projection of it
      ObjectNode cfg = r.resources().stream().filter(n -> n.path("id").asText().endsWith("/config/web")).findFirst().orElseThrow();
      assertThat(cfg.path("properties").path("numberOfWorkers").asInt()).isEqualTo(1);
      assertThat(r.stats().getsTotal.get()).as("two workspaces x (computes, outboundRules), firewallRules, virtualNetworkRules, "
          + "connectionPolicies/default (404 here: read as Default), config/web").isEqualTo(8);
      assertThat(r.problems()).isEmpty();
    }
  }
}
