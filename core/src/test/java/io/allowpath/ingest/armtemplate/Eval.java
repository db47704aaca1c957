package io.allowpath.ingest.armtemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Test helper: evaluates single expressions in a small template with default (placeholder) scope. */
final class Eval {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String SUB = TemplateOptions.PLACEHOLDER_ID;
  static final String RG_ID = "/subscriptions/" + SUB + "/resourceGroups/allowpath-template-rg";

  private static final String TEMPLATE = """
      {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
       "parameters": {
         "items": {"type": "array", "defaultValue": [{"name": "first"}, {"name": "second"}]},
         "prefix": {"type": "string", "defaultValue": "app"},
         "derived": {"type": "string", "defaultValue": "[concat(parameters('prefix'), '-derived')]"},
         "nullable": {"type": "object", "defaultValue": {"a": null, "b": "set"}}
       },
       "variables": {
         "v": {"prop": "value", "list": [1, 2, 3]},
         "chained": "[concat(variables('v').prop, '-', parameters('derived'))]"
       },
       "resources": []}
      """;

  private Eval() {}

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static TemplateScope scope(EvaluationRun run) {
    TemplateOptions o = TemplateOptions.defaults();
    return TemplateScope.withParameters(run, json(TEMPLATE), "", Map.of(), o.subscriptionId(), o.resourceGroup(),
        o.location(), o.tenantId(), o.deploymentName());
  }

  /** Evaluates {@code [expression]}; fails the test when a diagnostic is produced. */
  static JsonNode eval(String expression) {
    EvaluationRun run = new EvaluationRun("test.json", false);
    JsonNode v = scope(run).value(TextNode.valueOf("[" + expression + "]"), "/test");
    if (!run.diagnostics.isEmpty()) {
      throw new AssertionError(run.diagnostics.get(0).message());
    }
    return v;
  }
}
