package io.allowpath.ingest.armtemplate;

import static io.allowpath.ingest.armtemplate.Values.F;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.ingest.Unknown;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The evaluation context of one template (the root template, or an inline nested deployment):
 * parameters, variables, active copy loops and the deployment scope. Parameters and variables are
 * evaluated lazily and cached, with cycle detection, because default values and variables may refer to
 * each other in any order (Azure resolves them by dependency, not by position).
 *
 * <p>Two kinds of nested scope exist, as in
 * https://learn.microsoft.com/azure/azure-resource-manager/templates/linked-templates#expression-evaluation-scope-in-nested-templates:
 * "inner" has its own parameters and variables; "outer" (the default) evaluates the nested template's
 * expressions with the parent's parameters and variables, so {@link #outer} delegates them to the
 * parent. Either way the ids of created resources use the nested deployment's target subscription and
 * resource group ({@link #targetSubscription}, {@link #targetResourceGroup}), while functions such as
 * {@code resourceGroup()} answer for the scope whose expressions are evaluated.
 */
final class TemplateScope implements FunctionContext {
  private record Loop(String name, long index) {}

  final EvaluationRun run;
  final JsonNode template;
  /** JSON pointer of {@link #template} inside the file: "" for the root template. */
  final String base;

  private final TemplateScope delegate;
  private final String subscriptionId;
  private final String resourceGroup;
  private final String location;
  private final String tenantId;
  private final String deploymentName;
  final String targetSubscription;
  final String targetResourceGroup;

  private final Map<String, JsonNode> supplied = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final Map<String, JsonNode> paramCache = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final Map<String, JsonNode> varCache = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final LinkedHashSet<String> resolving = new LinkedHashSet<>();
  private Deque<Loop> loops = new ArrayDeque<>();
  private String resourceLoop;
  private final Map<String, JsonNode> symbolic = new LinkedHashMap<>();

  private TemplateScope(EvaluationRun run, JsonNode template, String base, TemplateScope delegate,
      String subscriptionId, String resourceGroup, String location, String tenantId, String deploymentName,
      String targetSubscription, String targetResourceGroup) {
    this.run = run;
    this.template = template;
    this.base = base;
    this.delegate = delegate;
    this.subscriptionId = subscriptionId;
    this.resourceGroup = resourceGroup;
    this.location = location;
    this.tenantId = tenantId;
    this.deploymentName = deploymentName;
    this.targetSubscription = targetSubscription;
    this.targetResourceGroup = targetResourceGroup;
    JsonNode res = template.get("resources");
    if (res != null && res.isObject()) {
      res.properties().forEach(e -> symbolic.put(e.getKey(), e.getValue()));
    }
  }

  /** A scope with its own parameters (root template or inner-scope nested deployment). */
  static TemplateScope withParameters(EvaluationRun run, JsonNode template, String base, Map<String, JsonNode> values,
      String subscriptionId, String resourceGroup, String location, String tenantId, String deploymentName) {
    TemplateScope s = new TemplateScope(run, template, base, null, subscriptionId, resourceGroup, location, tenantId,
        deploymentName, subscriptionId, resourceGroup);
    s.supplied.putAll(values);
    s.checkParameters();
    return s;
  }

  /** An outer-scope nested deployment: the parent's parameters, variables and functions; its own targets. */
  static TemplateScope outer(TemplateScope parent, JsonNode template, String base, String targetSubscription,
      String targetResourceGroup) {
    TemplateScope root = parent.delegate == null ? parent : parent.delegate;
    return new TemplateScope(parent.run, template, base, root, parent.subscriptionId, parent.resourceGroup,
        parent.location, parent.tenantId, parent.deploymentName, targetSubscription, targetResourceGroup);
  }

  // ------------------------------------------------------------ values

  /** Evaluates a template JSON value: expressions in strings, property names and property copy loops. */
  JsonNode value(JsonNode node, String pointer) {
    if (node == null) {
      return null;
    }
    run.step(pointer);
    if (node.isTextual()) {
      return string(node.textValue(), pointer);
    }
    if (node.isArray()) {
      ArrayNode out = F.arrayNode();
      for (int i = 0; i < node.size(); i++) {
        out.add(value(node.get(i), pointer + "/" + i));
      }
      return out;
    }
    if (node.isObject()) {
      ObjectNode out = F.objectNode();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String p = pointer + "/" + escape(e.getKey());
        if (e.getKey().equals("copy") && isPropertyCopy(e.getValue())) {
          copyProperties((ArrayNode) e.getValue(), p, out);
          continue;
        }
        String key = e.getKey();
        if (ExpressionParser.isExpression(key)) {
          JsonNode k = string(key, p);
          key = Unknown.is(k) ? Unknown.expression(k) : Values.display(k);
        } else {
          key = ExpressionParser.unescape(key);
        }
        out.set(key, value(e.getValue(), p));
      }
      return out;
    }
    return node;
  }

  /** The pointer of the expression being evaluated, for the step limit's message. */
  private String currentPointer;

  @Override
  public void step() {
    run.step(currentPointer);
  }

  private JsonNode string(String s, String pointer) {
    if (!ExpressionParser.isExpression(s)) {
      return F.textNode(ExpressionParser.unescape(s));
    }
    try {
      if (s.length() - 2 > TemplateLimits.MAX_EXPRESSION_LENGTH) {
        throw ExpressionException.malformed("the expression has " + (s.length() - 2) + " characters, above ARM's limit of "
            + TemplateLimits.MAX_EXPRESSION_LENGTH + " (https://learn.microsoft.com/azure/azure-resource-manager/"
            + "templates/best-practices#template-limits)");
      }
      currentPointer = pointer;
      return ExpressionEvaluator.evaluate(ExpressionParser.parse(s.substring(1, s.length() - 1)), this);
    } catch (ExpressionException e) {
      run.expressionFailed(pointer, s, e);
      return Unknown.of(s);
    } catch (IllegalArgumentException | ArithmeticException | IndexOutOfBoundsException e) {
      // bad argument values that a function did not check itself (e.g. invalid base64): an evaluation error
      run.expressionFailed(pointer, s, ExpressionException.eval("cannot evaluate: " + e.getMessage()));
      return Unknown.of(s);
    }
  }

  private static boolean isPropertyCopy(JsonNode v) {
    if (!v.isArray() || v.isEmpty()) {
      return false;
    }
    for (JsonNode c : v) {
      if (!c.isObject() || !c.has("name") || !c.has("count") || !c.has("input")) {
        return false;
      }
    }
    return true;
  }

  /** {@code "copy": [{name, count, input}]} inside an object: each entry becomes an array property. */
  private void copyProperties(ArrayNode specs, String pointer, ObjectNode out) {
    for (int i = 0; i < specs.size(); i++) {
      JsonNode spec = specs.get(i);
      String p = pointer + "/" + i;
      String name = Values.display(value(spec.get("name"), p + "/name"));
      out.set(name, loop(name, spec.get("count"), spec.get("input"), p));
    }
  }

  /** Evaluates {@code input} {@code count} times with copy loop {@code name} active. */
  JsonNode loop(String name, JsonNode countNode, JsonNode input, String pointer) {
    JsonNode count = value(countNode, pointer + "/count");
    if (Unknown.is(count)) {
      run.warning(pointer, "copy loop '" + name + "' has a count only known at deployment ("
          + Unknown.expression(count) + "); its array is unknown");
      return Unknown.of(Unknown.expression(count));
    }
    long n;
    try {
      n = TemplateLimits.copyCount(Values.integer(count, "copy count"), name);
    } catch (ExpressionException e) {
      run.error(pointer + "/count", e.getMessage());
      return Unknown.of("copy " + name);
    }
    ArrayNode out = F.arrayNode();
    for (long i = 0; i < n; i++) {
      loops.push(new Loop(name, i));
      try {
        out.add(value(input, pointer + "/input"));
      } finally {
        loops.pop();
      }
    }
    return out;
  }

  /** Runs {@code body} with the resource-level copy loop {@code name} at {@code index}. */
  void inResourceLoop(String name, long index, Runnable body) {
    String saved = resourceLoop;
    resourceLoop = name;
    loops.push(new Loop(name, index));
    try {
      body.run();
    } finally {
      loops.pop();
      resourceLoop = saved;
    }
  }

  // ------------------------------------------------------------ parameters and variables

  private void checkParameters() {
    JsonNode decls = template.path("parameters");
    for (String name : supplied.keySet()) {
      if (!decls.isObject() || Values.getIgnoreCase(decls, name) == null) {
        run.error(base + "/parameters", "a value was supplied for parameter '" + name
            + "' but the template does not declare it");
      }
    }
    if (decls.isObject()) {
      for (Map.Entry<String, JsonNode> e : decls.properties()) {
        try {
          parameter(e.getKey());
        } catch (ExpressionException ex) {
          run.error(base + "/parameters/" + escape(e.getKey()), ex.getMessage());
        }
      }
    }
  }

  @Override
  public JsonNode parameter(String name) {
    if (delegate != null) {
      return delegate.parameter(name);
    }
    JsonNode cached = paramCache.get(name);
    if (cached != null) {
      return cached;
    }
    JsonNode decl = Values.getIgnoreCase(template.path("parameters"), name);
    if (decl == null) {
      throw ExpressionException.eval("parameter '" + name + "' is not declared in the template");
    }
    String key = "parameters('" + name + "')";
    enter(key);
    JsonNode v;
    String pointer = base + "/parameters/" + escape(name);
    try {
      if (supplied.containsKey(name)) {
        v = supplied.get(name);
      } else if (decl.has("defaultValue")) {
        v = value(decl.get("defaultValue"), pointer + "/defaultValue");
      } else {
        run.error(pointer, "missing value for required parameter '" + name
            + "' (no value supplied and no defaultValue); it is treated as unknown");
        v = Unknown.of("[parameters('" + name + "')]");
      }
    } finally {
      resolving.remove(key);
    }
    checkAllowed(name, decl, v, pointer);
    paramCache.put(name, v);
    return v;
  }

  private void checkAllowed(String name, JsonNode decl, JsonNode v, String pointer) {
    JsonNode allowed = decl.get("allowedValues");
    if (allowed == null || !allowed.isArray() || Values.containsUnknown(v)) {
      return;
    }
    List<JsonNode> values = new ArrayList<>();
    if (v.isArray() && "array".equalsIgnoreCase(decl.path("type").asText())) {
      v.forEach(values::add);
    } else {
      values.add(v);
    }
    for (JsonNode one : values) {
      boolean ok = false;
      for (JsonNode a : allowed) {
        ok |= Values.same(a, one);
      }
      if (!ok) {
        run.error(pointer, "value " + Values.compact(one) + " of parameter '" + name
            + "' is not one of its allowedValues " + Values.compact(allowed));
      }
    }
  }

  @Override
  public JsonNode variable(String name) {
    if (delegate != null) {
      return delegate.variable(name);
    }
    JsonNode cached = varCache.get(name);
    if (cached != null) {
      return cached;
    }
    JsonNode vars = template.path("variables");
    JsonNode decl = Values.getIgnoreCase(vars, name);
    String pointer = base + "/variables/" + escape(name);
    if (decl == null) {
      decl = copyVariable(vars, name);
      pointer = base + "/variables/copy";
    }
    if (decl == null) {
      throw ExpressionException.eval("variable '" + name + "' is not declared in the template");
    }
    String key = "variables('" + name + "')";
    enter(key);
    Deque<Loop> savedLoops = loops;
    String savedResourceLoop = resourceLoop;
    loops = new ArrayDeque<>();
    resourceLoop = null;
    JsonNode v;
    try {
      v = decl.has("input") && decl.has("count") && decl.has("name") && pointer.endsWith("/variables/copy")
          ? loop(name, decl.get("count"), decl.get("input"), pointer)
          : value(decl, pointer);
    } finally {
      loops = savedLoops;
      resourceLoop = savedResourceLoop;
      resolving.remove(key);
    }
    varCache.put(name, v);
    return v;
  }

  /** The entry of the top-level {@code variables.copy} array that defines {@code name}, or null. */
  private static JsonNode copyVariable(JsonNode vars, String name) {
    JsonNode copy = vars.get("copy");
    if (copy != null && copy.isArray()) {
      for (JsonNode c : copy) {
        if (c.path("name").asText().equalsIgnoreCase(name)) {
          return c;
        }
      }
    }
    return null;
  }

  private void enter(String key) {
    if (resolving.size() >= TemplateLimits.MAX_NESTING) {
      throw ExpressionException.eval("parameters and variables refer to each other more than " + TemplateLimits.MAX_NESTING
          + " levels deep (at " + key + ")");
    }
    if (!resolving.add(key)) {
      List<String> chain = new ArrayList<>(resolving);
      chain = chain.subList(chain.indexOf(key), chain.size());
      throw ExpressionException.eval("circular reference: " + String.join(" -> ", chain) + " -> " + key);
    }
  }

  // ------------------------------------------------------------ FunctionContext

  @Override
  public long copyIndex(String loop) {
    if (loop == null) {
      String wanted = resourceLoop;
      for (Loop l : loops) {
        if (wanted == null || l.name.equalsIgnoreCase(wanted)) {
          return l.index;
        }
      }
      throw ExpressionException.eval("copyIndex() is used outside a copy loop");
    }
    for (Loop l : loops) {
      if (l.name.equalsIgnoreCase(loop)) {
        return l.index;
      }
    }
    throw ExpressionException.eval("copyIndex('" + loop + "') is used outside the copy loop '" + loop + "'");
  }

  @Override
  public String subscriptionId() {
    return subscriptionId;
  }

  @Override
  public String resourceGroupName() {
    return resourceGroup;
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public String tenantId() {
    return tenantId;
  }

  @Override
  public String deploymentName() {
    return deploymentName;
  }

  @Override
  public JsonNode resourceInfo(String symbolicName) {
    JsonNode decl = symbolic.get(symbolicName);
    if (decl == null) {
      throw ExpressionException.eval("resourceInfo: no resource with symbolic name '" + symbolicName + "'");
    }
    String pointer = base + "/resources/" + escape(symbolicName);
    if (!decl.isObject()) {
      throw ExpressionException.eval("resourceInfo: the resource '" + symbolicName + "' is not a JSON object");
    }
    JsonNode name = value(decl.get("name"), pointer + "/name");
    if (name == null) {
      throw ExpressionException.eval("resourceInfo: the resource '" + symbolicName + "' has no name");
    }
    String type = decl.path("type").asText();
    ObjectNode info = F.objectNode();
    info.set("id", TemplateIds.resourceId(this, decl, type, name, pointer));
    info.set("name", name);
    info.put("type", type);
    if (decl.has("apiVersion")) {
      info.put("apiVersion", decl.get("apiVersion").asText());
    }
    return info;
  }

  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
