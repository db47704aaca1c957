package io.allowpath.emit.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The resources an emitted ARM template or Bicep text declares, as (type, API version, body) with the body as a
 * JSON tree, plus the structural problems of the deployment itself. ARM: the subscription-scope template's nested
 * {@code Microsoft.Resources/deployments} must each name {@code subscriptionId} and {@code resourceGroup}, use the
 * inner expression scope and carry a resource-group template; their resources' bodies are checked against the
 * type system. Bicep: parsed by {@link BicepParser}; {@code parent}, {@code scope} and {@code dependsOn} are
 * deployment keywords, not body properties.
 */
public final class Deployables {
  private Deployables() {}

  private static final ObjectMapper JSON = new ObjectMapper();
  static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** One declared resource: {@code existing} ones only reference a deployed resource. */
  public record Resource(String where, String type, String apiVersion, boolean existing, ObjectNode body) {}

  /** The resources of an ARM output, or a problem in {@code problems} when the shape is not deployable. */
  public static List<Resource> arm(String text, List<String> problems) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Resource> out = new ArrayList<>();
    if (!root.path("$schema").asText().endsWith("/subscriptionDeploymentTemplate.json#")) {
      problems.add("ARM: not a subscription deployment template: " + root.path("$schema"));
    }
    if (!root.path("metadata").path("deployWith").asText().startsWith("az deployment sub create ")) {
      problems.add("ARM: metadata.deployWith does not hold the az deployment sub create line");
    }
    for (JsonNode d : root.path("resources")) {
      String name = d.path("name").asText();
      if (!d.path("type").asText().equals("Microsoft.Resources/deployments") || d.path("subscriptionId").asText().isEmpty()
          || d.path("resourceGroup").asText().isEmpty() || name.isEmpty() || name.length() > 64) {
        problems.add("ARM: resource " + name + " is not a nested deployment into a resource group");
      }
      JsonNode p = d.path("properties");
      if (!p.path("mode").asText().equals("Incremental") || !p.path("expressionEvaluationOptions").path("scope").asText()
          .equals("inner") || !p.path("template").path("$schema").asText().endsWith("/deploymentTemplate.json#")) {
        problems.add("ARM: nested deployment " + name + " lacks mode, inner scope or a resource-group template");
      }
      for (JsonNode r : p.path("template").path("resources")) {
        ObjectNode body = F.objectNode();
        r.properties().forEach(f -> {
          if (!List.of("type", "apiVersion", "dependsOn", "comments").contains(f.getKey())) {
            body.set(f.getKey(), f.getValue());
          }
        });
        String n = r.path("name").asText();
        body.put("name", n.substring(n.lastIndexOf('/') + 1));
        out.add(new Resource(name + "/" + n, r.path("type").asText(), r.path("apiVersion").asText(), false, body));
      }
    }
    return out;
  }

  /** The resources of a Bicep output (every file section). */
  public static List<Resource> bicep(String text, List<String> problems) {
    List<Resource> out = new ArrayList<>();
    for (BicepParser.Statement s : new BicepParser(text).parse()) {
      if (!s.keyword().equals("resource")) {
        continue;
      }
      String tv = s.target();
      int at = tv.indexOf('@');
      if (at < 0) {
        problems.add("Bicep: resource " + s.symbol() + " has no API version: " + tv);
        continue;
      }
      ObjectNode body = F.objectNode();
      s.body().properties().forEach(f -> {
        if (!List.of("parent", "scope", "dependsOn").contains(f.getKey())) {
          body.set(f.getKey(), f.getValue());
        }
      });
      out.add(new Resource(s.symbol(), tv.substring(0, at), tv.substring(at + 1), s.existing(), body));
    }
    return out;
  }

  static ArrayNode arr() {
    return F.arrayNode();
  }
}
