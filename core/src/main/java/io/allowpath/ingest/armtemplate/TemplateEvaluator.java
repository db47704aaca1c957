package io.allowpath.ingest.armtemplate;

import static io.allowpath.ingest.armtemplate.Values.F;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.ingest.InputException;
import io.allowpath.ingest.RawResource;
import io.allowpath.ingest.Unknown;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns an ARM deployment template (JSON, or Bicep compiled to JSON) plus parameters into the list of
 * resources it would create, as plain ARM resource JSON, so that the rest of allowpath can analyse a
 * deployment before it happens.
 *
 * <p>Modelling decisions (see https://learn.microsoft.com/azure/azure-resource-manager/templates/syntax
 * and https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions):
 *
 * <ul>
 *   <li>Output per resource: {@code id} (computed as Azure would, see {@link TemplateIds}), {@code name}
 *       and {@code type} (full, with parent prefixes for nested child resources), {@code apiVersion},
 *       and, when declared, {@code location}, {@code extendedLocation}, {@code sku}, {@code kind},
 *       {@code plan}, {@code tags}, {@code zones}, {@code identity}, {@code managedBy},
 *       {@code properties}, all evaluated. {@code dependsOn}, {@code condition}, {@code copy} and
 *       {@code comments} are dropped.
 *   <li>Values only known at deployment ({@code reference()}, {@code list*()}, {@code newGuid()},
 *       {@code utcNow()}, Key Vault parameter references, missing required parameters) are
 *       {@link Unknown} objects. A {@code condition} that is unknown keeps the resource and adds a
 *       WARNING; a false condition drops it.
 *   <li>{@code Microsoft.Resources/deployments} with an inline template are replaced by the resources
 *       of the inner template, evaluated in the inner or outer expression scope, with the nested
 *       deployment's {@code subscriptionId}/{@code resourceGroup} as the target of their ids. Linked
 *       templates ({@code templateLink}) cannot be fetched: WARNING and skipped.
 *   <li>languageVersion 2.0 symbolic resources ({@code resources} as an object) are supported;
 *       {@code "existing": true} entries are references and are not output.
 *   <li>An unsupported function or a malformed expression gives one ERROR naming file, JSON pointer and
 *       expression text, and the value becomes unknown; in strict mode it throws
 *       {@link InputException}. {@code outputs} and user-defined {@code functions} are not evaluated.
 * </ul>
 */
public final class TemplateEvaluator {
  private static final String DEPLOYMENTS = "Microsoft.Resources/deployments";
  private static final List<String> COPIED = List.of(
      "location", "extendedLocation", "sku", "kind", "plan", "tags", "zones", "identity", "managedBy", "properties");

  private final TemplateOptions options;

  public TemplateEvaluator(TemplateOptions options) {
    this.options = options == null ? TemplateOptions.defaults() : options;
  }

  /** True for an object whose {@code $schema} is any ARM deploymentTemplate schema. */
  public static boolean isTemplate(JsonNode root) {
    if (root == null || !root.isObject()) {
      return false;
    }
    JsonNode schema = root.get("$schema");
    return schema != null && schema.isTextual()
        && schema.textValue().strip().toLowerCase(Locale.ROOT).endsWith("deploymenttemplate.json#");
  }

  public TemplateResult evaluate(String file, JsonNode template) {
    try {
      return evaluateBounded(file, template);
    } catch (StackOverflowError e) {
      // the limits of TemplateLimits should make this unreachable; a last guard so it is never a crash
      throw new InputException(file, null, "template nested too deeply to evaluate");
    }
  }

  private TemplateResult evaluateBounded(String file, JsonNode template) {
    if (template == null || !template.isObject()) {
      throw new InputException(file, "", "expected a JSON object (an ARM deployment template)");
    }
    JsonNode resources = template.get("resources");
    if (resources == null || !(resources.isArray() || resources.isObject())) {
      throw new InputException(file, "/resources", "expected a 'resources' array (or object, languageVersion 2.0)");
    }
    EvaluationRun run = new EvaluationRun(file, options.strict());
    String schema = template.path("$schema").asText().toLowerCase(Locale.ROOT);
    String sub = options.subscriptionId();
    String rg = options.resourceGroup();
    if (schema.contains("subscriptiondeploymenttemplate")) {
      rg = null;
    } else if (schema.contains("tenantdeploymenttemplate") || schema.contains("managementgroupdeploymenttemplate")) {
      rg = null;
      sub = null;
    }
    Map<String, JsonNode> values = suppliedParameters(run);
    TemplateScope scope = TemplateScope.withParameters(run, template, "", values, sub == null ? options.subscriptionId() : sub,
        rg, options.location(), options.tenantId(), options.deploymentName());
    List<RawResource> out = new ArrayList<>();
    if (sub == null) {
      // tenant / management group scope: ids start at /providers
      scope = TemplateScope.outer(scope, template, "", null, null);
    }
    walk(scope, resources, "/resources", null, null, out);
    return new TemplateResult(out, run.diagnostics);
  }

  // ------------------------------------------------------------ parameters

  private Map<String, JsonNode> suppliedParameters(EvaluationRun run) {
    Map<String, JsonNode> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    JsonNode file = options.parametersFile();
    if (file != null && file.isObject()) {
      JsonNode params = file.has("parameters") ? file.get("parameters") : file;
      if (params.isObject()) {
        for (Map.Entry<String, JsonNode> e : params.properties()) {
          values.put(e.getKey(), parameterEntry(e.getKey(), e.getValue()));
        }
      }
    }
    options.overrides().forEach((k, v) -> values.put(k, parseOverride(v)));
    return values;
  }

  /** {@code {"value": v}} or {@code {"reference": {...}}} (Key Vault secret: unknown). */
  static JsonNode parameterEntry(String name, JsonNode entry) {
    if (entry != null && entry.isObject() && entry.has("value")) {
      return entry.get("value");
    }
    if (entry != null && entry.isObject() && entry.has("reference")) {
      JsonNode ref = entry.get("reference");
      return Unknown.of("[reference to Key Vault secret '" + ref.path("secretName").asText() + "' for parameter '"
          + name + "']");
    }
    return entry == null ? F.nullNode() : entry;
  }

  private static JsonNode parseOverride(String v) {
    try {
      JsonNode n = Values.MAPPER.readTree(v);
      return n == null || n.isMissingNode() ? F.textNode(v) : n;
    } catch (java.io.IOException e) {
      return F.textNode(v);
    }
  }

  // ------------------------------------------------------------ resources

  private void walk(TemplateScope scope, JsonNode resources, String pointer, String parentType, JsonNode parentName,
      List<RawResource> out) {
    if (resources.isArray()) {
      for (int i = 0; i < resources.size(); i++) {
        declared(scope, resources.get(i), pointer + "/" + i, parentType, parentName, out);
      }
    } else if (resources.isObject()) {
      for (Map.Entry<String, JsonNode> e : resources.properties()) {
        declared(scope, e.getValue(), pointer + "/" + TemplateScope.escape(e.getKey()), parentType, parentName, out);
      }
    }
  }

  /** One resource declaration: expands its copy loop, then each instance. */
  private void declared(TemplateScope scope, JsonNode decl, String pointer, String parentType, JsonNode parentName,
      List<RawResource> out) {
    if (!decl.isObject()) {
      scope.run.error(pointer, "a resource must be a JSON object");
      return;
    }
    if (decl.path("existing").asBoolean(false)) {
      return;
    }
    JsonNode copy = decl.get("copy");
    if (copy == null || !copy.isObject()) {
      instance(scope, decl, pointer, parentType, parentName, out);
      return;
    }
    String loopName = copy.path("name").asText("copy");
    JsonNode count = scope.value(copy.get("count"), pointer + "/copy/count");
    long n = 1;
    if (Unknown.is(count)) {
      scope.run.warning(pointer, "copy loop '" + loopName + "' has a count only known at deployment ("
          + Unknown.expression(count) + "); one instance is analysed");
    } else {
      try {
        n = TemplateLimits.copyCount(Values.integer(count, "copy count"), loopName);
      } catch (ExpressionException e) {
        scope.run.error(pointer + "/copy/count", e.getMessage() + "; the resource is skipped");
        return;
      }
    }
    for (long i = 0; i < n; i++) {
      scope.inResourceLoop(loopName, i, () -> instance(scope, decl, pointer, parentType, parentName, out));
    }
  }

  private void instance(TemplateScope scope, JsonNode decl, String pointer, String parentType, JsonNode parentName,
      List<RawResource> out) {
    if (decl.has("condition")) {
      JsonNode cond = scope.value(decl.get("condition"), pointer + "/condition");
      if (Unknown.is(cond)) {
        scope.run.warning(pointer, "the condition of this resource is only known at deployment ("
            + Unknown.expression(cond) + "); the resource is kept but its existence is uncertain");
      } else if (cond.isBoolean() && !cond.booleanValue()) {
        return;
      } else if (!cond.isBoolean()) {
        scope.run.error(pointer + "/condition", "condition must be a bool but is " + Values.typeName(cond));
      }
    }
    String type = decl.path("type").asText("");
    JsonNode name = scope.value(decl.get("name"), pointer + "/name");
    if (name == null) {
      scope.run.error(pointer, "resource has no name");
      name = Unknown.of("[missing name]");
    }
    String fullType = type;
    JsonNode fullName = name;
    if (parentType != null) {
      if (type.indexOf('/') < 0) {
        fullType = parentType + "/" + type;
      }
      int needed = fullType.split("/").length - 1;
      if (Unknown.is(name) || Unknown.is(parentName)) {
        fullName = Unknown.of("[" + Values.display(parentName) + "/" + Values.display(name) + "]");
      } else if (Values.display(name).split("/").length < needed) {
        fullName = F.textNode(Values.display(parentName) + "/" + Values.display(name));
      }
    }
    if (fullType.equalsIgnoreCase(DEPLOYMENTS)) {
      nestedDeployment(scope, decl, pointer, fullName, out);
      return;
    }
    ObjectNode json = F.objectNode();
    json.set("id", TemplateIds.resourceId(scope, decl, fullType, fullName, pointer));
    json.set("name", fullName);
    json.put("type", fullType);
    if (decl.has("apiVersion")) {
      json.set("apiVersion", scope.value(decl.get("apiVersion"), pointer + "/apiVersion"));
    }
    for (String field : COPIED) {
      if (decl.has(field)) {
        json.set(field, scope.value(decl.get(field), pointer + "/" + field));
      }
    }
    out.add(new RawResource(json, scope.run.file, pointer));
    JsonNode children = decl.get("resources");
    if (children != null && children.isArray()) {
      walk(scope, children, pointer + "/resources", fullType, fullName, out);
    }
  }

  // ------------------------------------------------------------ nested deployments

  private void nestedDeployment(TemplateScope scope, JsonNode decl, String pointer, JsonNode name,
      List<RawResource> out) {
    JsonNode props = decl.path("properties");
    if (props.has("templateLink")) {
      scope.run.warning(pointer, "nested deployment " + Values.display(name)
          + " uses a linked template (templateLink), which cannot be fetched; its resources are not analysed");
      return;
    }
    JsonNode inner = props.get("template");
    if (inner == null || !inner.isObject()) {
      scope.run.warning(pointer, "nested deployment " + Values.display(name) + " has no inline template; skipped");
      return;
    }
    String sub = target(scope, decl, "subscriptionId", pointer, scope.targetSubscription);
    String rg = target(scope, decl, "resourceGroup", pointer, scope.targetResourceGroup);
    if (!sub.equals(scope.targetSubscription) && !decl.has("resourceGroup")) {
      rg = scope.targetResourceGroup;
    }
    String innerBase = pointer + "/properties/template";
    boolean innerScope = "inner".equalsIgnoreCase(props.path("expressionEvaluationOptions").path("scope").asText());
    TemplateScope nested;
    if (innerScope) {
      Map<String, JsonNode> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      JsonNode params = props.get("parameters");
      if (params != null && params.isObject()) {
        for (Map.Entry<String, JsonNode> e : params.properties()) {
          String p = pointer + "/properties/parameters/" + TemplateScope.escape(e.getKey());
          JsonNode entry = e.getValue();
          values.put(e.getKey(), entry.isObject() && entry.has("value")
              ? scope.value(entry.get("value"), p + "/value")
              : parameterEntry(e.getKey(), entry));
        }
      }
      String deploymentName = Unknown.is(name) ? Unknown.expression(name) : Values.display(name);
      nested = TemplateScope.withParameters(scope.run, inner, innerBase, values, sub, rg, scope.location(),
          scope.tenantId(), deploymentName);
    } else {
      nested = TemplateScope.outer(scope, inner, innerBase, sub, rg);
    }
    JsonNode resources = inner.get("resources");
    if (resources != null) {
      walk(nested, resources, innerBase + "/resources", null, null, out);
    }
  }

  private static String target(TemplateScope scope, JsonNode decl, String field, String pointer, String current) {
    if (!decl.has(field)) {
      return current;
    }
    JsonNode v = scope.value(decl.get(field), pointer + "/" + field);
    if (Unknown.is(v) || !v.isTextual()) {
      scope.run.warning(pointer + "/" + field, "the " + field + " of this nested deployment is only known at deployment; "
          + "ids of its resources use " + current);
      return current;
    }
    String s = v.textValue();
    // resourceGroup may be given as a resource group id
    int at = s.toLowerCase(Locale.ROOT).lastIndexOf("/resourcegroups/");
    return at >= 0 ? s.substring(at + "/resourcegroups/".length()) : s;
  }
}
