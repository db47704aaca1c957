package io.allowpath.ingest.armtemplate;

import io.allowpath.ingest.Unknown;
import io.allowpath.ingest.JsonFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import static io.allowpath.ingest.armtemplate.Values.F;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The function table of the template language: name (lower-case) to implementation. Arguments arrive
 * evaluated; a call with an unknown argument never reaches the table (the evaluator returns unknown),
 * except for the functions in {@link #UNKNOWN_TOLERANT} that only build containers. {@code if},
 * {@code reference}, {@code list*}, {@code newGuid} and {@code utcNow} are handled by the evaluator.
 *
 * <p>Semantics follow https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions
 * (string, array, object, logical, comparison, numeric, deployment, resource and CIDR pages). Modelling
 * decisions: integers are 64-bit; {@code union} of objects merges nested objects recursively as the
 * current documentation describes; {@code string()} of a bool gives {@code True}/{@code False} like
 * .NET; {@code format} supports {@code {n}} placeholders (format specifiers after {@code :} are
 * accepted and only {@code D}/{@code N0}-style integer padding is honoured).
 */
final class ArmFunctions {

  @FunctionalInterface
  interface ArmFunction {
    JsonNode apply(List<JsonNode> args, FunctionContext ctx);
  }

  /** Functions that accept unknown arguments and keep them inside the containers they build. */
  static final Set<String> UNKNOWN_TOLERANT = Set.of("createarray", "createobject", "array", "coalesce");

  private static final Map<String, ArmFunction> TABLE = new HashMap<>();

  static {
    strings();
    arrays();
    objects();
    logic();
    numbers();
    deployment();
    resources();
    cidr();
  }

  private ArmFunctions() {}

  static ArmFunction lookup(String name) {
    return TABLE.get(name.toLowerCase(Locale.ROOT));
  }

  private static void def(String name, int min, int max, ArmFunction f) {
    TABLE.put(name.toLowerCase(Locale.ROOT), (args, ctx) -> {
      if (args.size() < min || args.size() > max) {
        String expected = min == max ? Integer.toString(min) : max == Integer.MAX_VALUE ? "at least " + min : min + " to " + max;
        throw ExpressionException.eval(name + " expects " + expected + " argument(s) but got " + args.size());
      }
      return f.apply(args, ctx);
    });
  }

  private static final int MANY = Integer.MAX_VALUE;

  // ---------------------------------------------------------------- strings

  private static void strings() {
    def("base64", 1, 1, (a, c) -> F.textNode(Base64.getEncoder().encodeToString(s(a, 0, "base64").getBytes(StandardCharsets.UTF_8))));
    def("base64ToString", 1, 1, (a, c) -> F.textNode(new String(Base64.getDecoder().decode(s(a, 0, "base64ToString")), StandardCharsets.UTF_8)));
    def("base64ToJson", 1, 1, (a, c) -> parseJson(new String(Base64.getDecoder().decode(s(a, 0, "base64ToJson")), StandardCharsets.UTF_8)));
    def("toLower", 1, 1, (a, c) -> F.textNode(s(a, 0, "toLower").toLowerCase(Locale.ROOT)));
    def("toUpper", 1, 1, (a, c) -> F.textNode(s(a, 0, "toUpper").toUpperCase(Locale.ROOT)));
    def("trim", 1, 1, (a, c) -> F.textNode(s(a, 0, "trim").strip()));
    def("format", 1, MANY, (a, c) -> F.textNode(format(s(a, 0, "format"), a.subList(1, a.size()))));
    def("replace", 3, 3, (a, c) -> F.textNode(s(a, 0, "replace").replace(s(a, 1, "replace"), s(a, 2, "replace"))));
    def("split", 2, 2, (a, c) -> split(s(a, 0, "split"), a.get(1)));
    def("substring", 2, 3, (a, c) -> {
      String v = s(a, 0, "substring");
      long start = Values.integer(a.get(1), "substring");
      long len = a.size() > 2 ? Values.integer(a.get(2), "substring") : v.length() - start;
      if (start < 0 || len < 0 || start + len > v.length()) {
        throw ExpressionException.eval("substring: start " + start + " and length " + len + " are outside the string of length " + v.length());
      }
      return F.textNode(v.substring((int) start, (int) (start + len)));
    });
    def("startsWith", 2, 2, (a, c) -> F.booleanNode(lower(s(a, 0, "startsWith")).startsWith(lower(s(a, 1, "startsWith")))));
    def("endsWith", 2, 2, (a, c) -> F.booleanNode(lower(s(a, 0, "endsWith")).endsWith(lower(s(a, 1, "endsWith")))));
    def("padLeft", 2, 3, (a, c) -> {
      String v = Values.display(a.get(0));
      long total = Values.integer(a.get(1), "padLeft");
      String pad = a.size() > 2 ? s(a, 2, "padLeft") : " ";
      if (pad.length() != 1) {
        throw ExpressionException.eval("padLeft: the padding character must be a single character");
      }
      if (total > TemplateLimits.MAX_STRING) {
        throw ExpressionException.eval("padLeft: total length " + total + " is larger than " + TemplateLimits.MAX_STRING
            + " (ARM limits an expanded template to 4 MB)");
      }
      StringBuilder sb = new StringBuilder();
      for (long i = v.length(); i < total; i++) {
        sb.append(pad);
      }
      return F.textNode(sb.append(v).toString());
    });
    def("string", 1, 1, (a, c) -> F.textNode(Values.display(a.get(0))));
    def("uniqueString", 1, MANY, (a, c) -> F.textNode(ArmHashes.uniqueString(strs(a, "uniqueString"))));
    def("guid", 1, MANY, (a, c) -> F.textNode(ArmHashes.guid(strs(a, "guid"))));
    def("uri", 2, 2, (a, c) -> {
      try {
        return F.textNode(new java.net.URI(s(a, 0, "uri")).resolve(s(a, 1, "uri")).toString());
      } catch (java.net.URISyntaxException | IllegalArgumentException e) {
        throw ExpressionException.eval("uri: " + e.getMessage());
      }
    });
    def("uriComponent", 1, 1, (a, c) -> F.textNode(java.net.URLEncoder.encode(s(a, 0, "uriComponent"), StandardCharsets.UTF_8).replace("+", "%20")));
    def("uriComponentToString", 1, 1, (a, c) -> F.textNode(java.net.URLDecoder.decode(s(a, 0, "uriComponentToString"), StandardCharsets.UTF_8)));
    def("dataUri", 1, 1, (a, c) -> F.textNode("data:text/plain;charset=utf8;base64," + Base64.getEncoder().encodeToString(s(a, 0, "dataUri").getBytes(StandardCharsets.UTF_8))));
    def("json", 1, 1, (a, c) -> parseJson(s(a, 0, "json")));
  }

  // ---------------------------------------------------------------- arrays

  private static void arrays() {
    def("concat", 0, MANY, (a, c) -> {
      if (!a.isEmpty() && a.get(0).isArray()) {
        ArrayNode out = F.arrayNode();
        for (JsonNode n : a) {
          if (!Values.isNull(n)) {
            out.addAll(Values.array(n, "concat"));
          }
        }
        return out;
      }
      StringBuilder sb = new StringBuilder();
      for (JsonNode n : a) {
        if (n.isContainerNode()) {
          throw ExpressionException.eval("concat: cannot mix strings with " + Values.typeName(n));
        }
        sb.append(Values.display(n));
      }
      return F.textNode(sb.toString());
    });
    def("createArray", 0, MANY, (a, c) -> {
      ArrayNode out = F.arrayNode();
      a.forEach(out::add);
      return out;
    });
    def("array", 1, 1, (a, c) -> a.get(0).isArray() ? a.get(0) : F.arrayNode().add(a.get(0)));
    def("contains", 2, 2, (a, c) -> {
      JsonNode container = a.get(0);
      JsonNode item = a.get(1);
      if (container.isTextual()) {
        return F.booleanNode(container.textValue().contains(Values.display(item)));
      }
      if (container.isArray()) {
        for (JsonNode n : container) {
          if (Values.same(n, item)) {
            return F.booleanNode(true);
          }
        }
        return F.booleanNode(false);
      }
      if (container.isObject()) {
        return F.booleanNode(Values.getIgnoreCase(container, Values.str(item, "contains")) != null);
      }
      throw ExpressionException.eval("contains: expected a string, array or object but got " + Values.typeName(container));
    });
    def("empty", 1, 1, (a, c) -> {
      JsonNode n = a.get(0);
      return F.booleanNode(Values.isNull(n) || (n.isTextual() && n.textValue().isEmpty()) || (n.isContainerNode() && n.size() == 0));
    });
    def("length", 1, 1, (a, c) -> {
      JsonNode n = a.get(0);
      if (n.isTextual()) {
        return F.numberNode((long) n.textValue().length());
      }
      if (n.isContainerNode()) {
        return F.numberNode((long) n.size());
      }
      throw ExpressionException.eval("length: expected a string, array or object but got " + Values.typeName(n));
    });
    def("first", 1, 1, (a, c) -> {
      JsonNode n = a.get(0);
      if (n.isTextual()) {
        return F.textNode(n.textValue().isEmpty() ? "" : n.textValue().substring(0, 1));
      }
      ArrayNode arr = Values.array(n, "first");
      return arr.isEmpty() ? F.nullNode() : arr.get(0);
    });
    def("last", 1, 1, (a, c) -> {
      JsonNode n = a.get(0);
      if (n.isTextual()) {
        String v = n.textValue();
        return F.textNode(v.isEmpty() ? "" : v.substring(v.length() - 1));
      }
      ArrayNode arr = Values.array(n, "last");
      return arr.isEmpty() ? F.nullNode() : arr.get(arr.size() - 1);
    });
    def("skip", 2, 2, (a, c) -> slice(a.get(0), Values.integer(a.get(1), "skip"), Long.MAX_VALUE, "skip"));
    def("take", 2, 2, (a, c) -> slice(a.get(0), 0, Values.integer(a.get(1), "take"), "take"));
    def("range", 2, 2, (a, c) -> {
      long start = Values.integer(a.get(0), "range");
      long count = Values.integer(a.get(1), "range");
      if (count < 0 || count > 10000) {
        throw ExpressionException.eval("range: count must be between 0 and 10000 but was " + count);
      }
      ArrayNode out = F.arrayNode();
      for (long i = 0; i < count; i++) {
        out.add(start + i);
      }
      return out;
    });
    def("min", 1, MANY, (a, c) -> minMax(a, true));
    def("max", 1, MANY, (a, c) -> minMax(a, false));
    def("indexOf", 2, 2, (a, c) -> indexOf(a, false));
    def("lastIndexOf", 2, 2, (a, c) -> indexOf(a, true));
    def("join", 2, 2, (a, c) -> {
      List<String> parts = new ArrayList<>();
      Values.array(a.get(0), "join").forEach(n -> parts.add(Values.display(n)));
      return F.textNode(String.join(s(a, 1, "join"), parts));
    });
    def("flatten", 1, 1, (a, c) -> {
      ArrayNode out = F.arrayNode();
      Values.array(a.get(0), "flatten").forEach(n -> out.addAll(Values.array(n, "flatten")));
      return out;
    });
    def("union", 1, MANY, (a, c) -> union(a));
    def("intersection", 1, MANY, (a, c) -> intersection(a));
  }

  private static JsonNode indexOf(List<JsonNode> a, boolean last) {
    if (a.get(0).isArray()) {
      ArrayNode arr = (ArrayNode) a.get(0);
      long found = -1;
      for (int i = 0; i < arr.size(); i++) {
        if (Values.same(arr.get(i), a.get(1))) {
          found = i;
          if (!last) {
            break;
          }
        }
      }
      return F.numberNode(found);
    }
    String name = last ? "lastIndexOf" : "indexOf";
    String v = lower(s(a, 0, name));
    String find = lower(s(a, 1, name));
    return F.numberNode((long) (last ? v.lastIndexOf(find) : v.indexOf(find)));
  }

  private static JsonNode slice(JsonNode n, long from, long count, String fn) {
    if (n.isTextual()) {
      String v = n.textValue();
      int start = (int) Math.max(0, Math.min(from, v.length()));
      int end = (int) Math.max(start, Math.min(v.length(), start + Math.min(count, Integer.MAX_VALUE)));
      return F.textNode(v.substring(start, end));
    }
    ArrayNode arr = Values.array(n, fn);
    ArrayNode out = F.arrayNode();
    long start = Math.max(0, from);
    for (long i = start; i < arr.size() && i - start < count; i++) {
      out.add(arr.get((int) i));
    }
    return out;
  }

  private static JsonNode minMax(List<JsonNode> a, boolean min) {
    List<JsonNode> items = new ArrayList<>();
    for (JsonNode n : a) {
      if (n.isArray()) {
        n.forEach(items::add);
      } else {
        items.add(n);
      }
    }
    if (items.isEmpty()) {
      throw ExpressionException.eval((min ? "min" : "max") + ": no values");
    }
    long best = Values.integer(items.get(0), min ? "min" : "max");
    for (JsonNode n : items) {
      long v = Values.integer(n, min ? "min" : "max");
      best = min ? Math.min(best, v) : Math.max(best, v);
    }
    return F.numberNode(best);
  }

  private static JsonNode union(List<JsonNode> a) {
    if (a.get(0).isArray()) {
      ArrayNode out = F.arrayNode();
      for (JsonNode n : a) {
        for (JsonNode item : Values.array(n, "union")) {
          if (!containsSame(out, item)) {
            out.add(item);
          }
        }
      }
      return out;
    }
    ObjectNode out = F.objectNode();
    for (JsonNode n : a) {
      if (!Values.isNull(n)) {
        mergeInto(out, Values.object(n, "union"));
      }
    }
    return out;
  }

  private static void mergeInto(ObjectNode target, ObjectNode source) {
    Iterator<Map.Entry<String, JsonNode>> it = source.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode existing = target.get(e.getKey());
      if (existing != null && existing.isObject() && e.getValue().isObject()
          && !Unknown.is(existing) && !Unknown.is(e.getValue())) {
        ObjectNode merged = ((ObjectNode) existing).deepCopy();
        mergeInto(merged, (ObjectNode) e.getValue());
        target.set(e.getKey(), merged);
      } else {
        target.set(e.getKey(), e.getValue());
      }
    }
  }

  private static JsonNode intersection(List<JsonNode> a) {
    if (a.get(0).isArray()) {
      ArrayNode out = F.arrayNode();
      for (JsonNode item : a.get(0)) {
        boolean inAll = true;
        for (JsonNode other : a.subList(1, a.size())) {
          inAll &= containsSame(Values.array(other, "intersection"), item);
        }
        if (inAll && !containsSame(out, item)) {
          out.add(item);
        }
      }
      return out;
    }
    ObjectNode out = F.objectNode();
    Iterator<Map.Entry<String, JsonNode>> it = Values.object(a.get(0), "intersection").properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      boolean inAll = true;
      for (JsonNode other : a.subList(1, a.size())) {
        JsonNode v = Values.object(other, "intersection").get(e.getKey());
        inAll &= v != null && Values.same(v, e.getValue());
      }
      if (inAll) {
        out.set(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  private static boolean containsSame(JsonNode arr, JsonNode item) {
    for (JsonNode n : arr) {
      if (Values.same(n, item)) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- objects

  private static void objects() {
    def("createObject", 0, MANY, (a, c) -> {
      if (a.size() % 2 != 0) {
        throw ExpressionException.eval("createObject expects key/value pairs but got " + a.size() + " arguments");
      }
      ObjectNode out = F.objectNode();
      for (int i = 0; i < a.size(); i += 2) {
        out.set(Values.str(a.get(i), "createObject"), a.get(i + 1));
      }
      return out;
    });
    def("items", 1, 1, (a, c) -> {
      TreeMap<String, JsonNode> sorted = new TreeMap<>();
      Values.object(a.get(0), "items").properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
      ArrayNode out = F.arrayNode();
      sorted.forEach((k, v) -> out.add(F.objectNode().put("key", k).set("value", v)));
      return out;
    });
    def("null", 0, 0, (a, c) -> F.nullNode());
    def("tryGet", 2, MANY, (a, c) -> {
      JsonNode cur = a.get(0);
      for (JsonNode key : a.subList(1, a.size())) {
        if (cur.isObject() && key.isTextual()) {
          cur = Values.getIgnoreCase(cur, key.textValue());
        } else if (cur.isArray() && key.isIntegralNumber() && key.longValue() >= 0 && key.longValue() < cur.size()) {
          cur = cur.get((int) key.longValue());
        } else {
          cur = null;
        }
        if (cur == null) {
          return F.nullNode();
        }
      }
      return cur;
    });
    def("coalesce", 1, MANY, (a, c) -> {
      for (JsonNode n : a) {
        if (!Values.isNull(n)) {
          return n;
        }
      }
      return F.nullNode();
    });
  }

  // ---------------------------------------------------------------- logical and comparison

  private static void logic() {
    def("true", 0, 0, (a, c) -> F.booleanNode(true));
    def("false", 0, 0, (a, c) -> F.booleanNode(false));
    def("not", 1, 1, (a, c) -> F.booleanNode(!Values.bool(a.get(0), "not")));
    def("and", 2, MANY, (a, c) -> {
      boolean r = true;
      for (JsonNode n : a) {
        r &= Values.bool(n, "and");
      }
      return F.booleanNode(r);
    });
    def("or", 2, MANY, (a, c) -> {
      boolean r = false;
      for (JsonNode n : a) {
        r |= Values.bool(n, "or");
      }
      return F.booleanNode(r);
    });
    def("bool", 1, 1, (a, c) -> {
      JsonNode n = a.get(0);
      if (n.isBoolean()) {
        return n;
      }
      if (n.isIntegralNumber()) {
        return F.booleanNode(n.longValue() != 0);
      }
      String v = Values.str(n, "bool").strip();
      if (v.equalsIgnoreCase("true") || v.equals("1")) {
        return F.booleanNode(true);
      }
      if (v.equalsIgnoreCase("false") || v.equals("0")) {
        return F.booleanNode(false);
      }
      throw ExpressionException.eval("bool: cannot convert '" + v + "'");
    });
    def("equals", 2, 2, (a, c) -> F.booleanNode(Values.same(a.get(0), a.get(1))));
    def("less", 2, 2, (a, c) -> F.booleanNode(compare(a, "less") < 0));
    def("lessOrEquals", 2, 2, (a, c) -> F.booleanNode(compare(a, "lessOrEquals") <= 0));
    def("greater", 2, 2, (a, c) -> F.booleanNode(compare(a, "greater") > 0));
    def("greaterOrEquals", 2, 2, (a, c) -> F.booleanNode(compare(a, "greaterOrEquals") >= 0));
  }

  private static int compare(List<JsonNode> a, String fn) {
    JsonNode x = a.get(0);
    JsonNode y = a.get(1);
    if (x.isNumber() && y.isNumber()) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    if (x.isTextual() && y.isTextual()) {
      return Integer.signum(x.textValue().compareTo(y.textValue()));
    }
    throw ExpressionException.eval(fn + ": cannot compare " + Values.typeName(x) + " with " + Values.typeName(y));
  }

  // ---------------------------------------------------------------- numeric

  private static void numbers() {
    def("int", 1, 1, (a, c) -> {
      JsonNode n = a.get(0);
      if (n.isNumber()) {
        return F.numberNode((long) n.doubleValue());
      }
      try {
        return F.numberNode(Long.parseLong(Values.str(n, "int").strip()));
      } catch (NumberFormatException e) {
        throw ExpressionException.eval("int: cannot convert '" + n.textValue() + "'");
      }
    });
    def("float", 1, 1, (a, c) -> F.numberNode(a.get(0).isNumber() ? a.get(0).doubleValue() : Double.parseDouble(Values.str(a.get(0), "float"))));
    def("add", 2, 2, (a, c) -> F.numberNode(Values.integer(a.get(0), "add") + Values.integer(a.get(1), "add")));
    def("sub", 2, 2, (a, c) -> F.numberNode(Values.integer(a.get(0), "sub") - Values.integer(a.get(1), "sub")));
    def("mul", 2, 2, (a, c) -> F.numberNode(Values.integer(a.get(0), "mul") * Values.integer(a.get(1), "mul")));
    def("div", 2, 2, (a, c) -> F.numberNode(Values.integer(a.get(0), "div") / nonZero(Values.integer(a.get(1), "div"), "div")));
    def("mod", 2, 2, (a, c) -> F.numberNode(Values.integer(a.get(0), "mod") % nonZero(Values.integer(a.get(1), "mod"), "mod")));
  }

  private static long nonZero(long v, String fn) {
    if (v == 0) {
      throw ExpressionException.eval(fn + ": division by zero");
    }
    return v;
  }

  // ---------------------------------------------------------------- deployment

  private static void deployment() {
    def("parameters", 1, 1, (a, c) -> c.parameter(Values.str(a.get(0), "parameters")));
    def("variables", 1, 1, (a, c) -> c.variable(Values.str(a.get(0), "variables")));
    def("copyIndex", 0, 2, (a, c) -> {
      String loop = null;
      long offset = 0;
      for (JsonNode n : a) {
        if (n.isTextual()) {
          loop = n.textValue();
        } else {
          offset = Values.integer(n, "copyIndex");
        }
      }
      return F.numberNode(c.copyIndex(loop) + offset);
    });
    def("resourceGroup", 0, 0, (a, c) -> {
      if (c.resourceGroupName() == null) {
        throw ExpressionException.eval("resourceGroup() is not available outside a resource group deployment");
      }
      ObjectNode rg = F.objectNode();
      rg.put("id", "/subscriptions/" + c.subscriptionId() + "/resourceGroups/" + c.resourceGroupName());
      rg.put("name", c.resourceGroupName());
      rg.put("type", "Microsoft.Resources/resourceGroups");
      rg.put("location", c.location());
      rg.set("tags", F.objectNode());
      rg.set("properties", F.objectNode().put("provisioningState", "Succeeded"));
      return rg;
    });
    def("subscription", 0, 0, (a, c) -> {
      ObjectNode s = F.objectNode();
      s.put("id", "/subscriptions/" + c.subscriptionId());
      s.put("subscriptionId", c.subscriptionId());
      s.put("tenantId", c.tenantId());
      s.put("displayName", "allowpath placeholder subscription");
      return s;
    });
    def("tenant", 0, 0, (a, c) -> {
      ObjectNode t = F.objectNode();
      t.put("countryCode", "US");
      t.put("displayName", "allowpath placeholder tenant");
      t.put("id", "/tenants/" + c.tenantId());
      t.put("tenantId", c.tenantId());
      return t;
    });
    def("deployment", 0, 0, (a, c) -> {
      ObjectNode d = F.objectNode();
      d.put("name", c.deploymentName());
      if (c.resourceGroupName() == null) {
        d.put("location", c.location());
      }
      ObjectNode props = d.putObject("properties");
      props.putObject("template").put("contentVersion", "1.0.0.0");
      props.put("mode", "Incremental");
      props.put("provisioningState", "Accepted");
      return d;
    });
    def("environment", 0, 0, (a, c) -> environment());
  }

  /** Public-cloud values of {@code environment()} as documented for AzureCloud. */
  private static JsonNode environment() {
    ObjectNode e = F.objectNode();
    e.put("name", "AzureCloud");
    e.put("gallery", "https://gallery.azure.com/");
    e.put("graph", "https://graph.windows.net/");
    e.put("portal", "https://portal.azure.com");
    e.put("graphAudience", "https://graph.windows.net/");
    e.put("activeDirectoryDataLake", "https://datalake.azure.net/");
    e.put("batch", "https://batch.core.windows.net/");
    e.put("media", "https://rest.media.azure.net");
    e.put("sqlManagement", "https://management.core.windows.net:8443/");
    e.put("vmImageAliasDoc", "https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/arm-compute/quickstart-templates/aliases.json");
    e.put("resourceManager", "https://management.azure.com/");
    ObjectNode auth = e.putObject("authentication");
    auth.put("loginEndpoint", "https://login.microsoftonline.com/");
    auth.putArray("audiences").add("https://management.core.windows.net/").add("https://management.azure.com/");
    auth.put("tenant", "common");
    auth.put("identityProvider", "AAD");
    ObjectNode suffixes = e.putObject("suffixes");
    suffixes.put("acrLoginServer", ".azurecr.io");
    suffixes.put("azureDatalakeAnalyticsCatalogAndJob", "azuredatalakeanalytics.net");
    suffixes.put("azureDatalakeStoreFileSystem", "azuredatalakestore.net");
    suffixes.put("azureFrontDoorEndpointSuffix", "azurefd.net");
    suffixes.put("keyvaultDns", ".vault.azure.net");
    suffixes.put("sqlServerHostname", ".database.windows.net");
    suffixes.put("storage", "core.windows.net");
    return e;
  }

  // ---------------------------------------------------------------- resource ids

  private static void resources() {
    def("resourceId", 2, MANY, (a, c) -> {
      List<String> s = strs(a, "resourceId");
      int typeAt = typeIndex(s, "resourceId");
      String sub = c.subscriptionId();
      String rg = c.resourceGroupName();
      if (typeAt == 1) {
        rg = s.get(0);
      } else if (typeAt == 2) {
        sub = s.get(0);
        rg = s.get(1);
      } else if (typeAt > 2) {
        throw ExpressionException.eval("resourceId: too many arguments before the resource type '" + s.get(typeAt) + "'");
      }
      String prefix = "/subscriptions/" + sub + (rg == null ? "" : "/resourceGroups/" + rg);
      return F.textNode(prefix + providers(s.get(typeAt), s.subList(typeAt + 1, s.size()), "resourceId"));
    });
    def("subscriptionResourceId", 2, MANY, (a, c) -> {
      List<String> s = strs(a, "subscriptionResourceId");
      int typeAt = typeIndex(s, "subscriptionResourceId");
      String sub = typeAt == 1 ? s.get(0) : c.subscriptionId();
      if (typeAt > 1) {
        throw ExpressionException.eval("subscriptionResourceId: too many arguments before the resource type");
      }
      if (s.get(typeAt).equalsIgnoreCase("Microsoft.Resources/resourceGroups") && s.size() == typeAt + 2) {
        // Azure returns the plain resource group id here, as resourceGroup().id does
        return F.textNode("/subscriptions/" + sub + "/resourceGroups/" + s.get(typeAt + 1));
      }
      return F.textNode("/subscriptions/" + sub + providers(s.get(typeAt), s.subList(typeAt + 1, s.size()), "subscriptionResourceId"));
    });
    def("tenantResourceId", 2, MANY, (a, c) -> {
      List<String> s = strs(a, "tenantResourceId");
      return F.textNode(providers(s.get(0), s.subList(1, s.size()), "tenantResourceId"));
    });
    def("managementGroupResourceId", 2, MANY, (a, c) -> {
      List<String> s = strs(a, "managementGroupResourceId");
      int typeAt = typeIndex(s, "managementGroupResourceId");
      if (typeAt != 1) {
        throw ExpressionException.eval("managementGroupResourceId: the management group name must be given explicitly here");
      }
      return F.textNode("/providers/Microsoft.Management/managementGroups/" + s.get(0)
          + providers(s.get(1), s.subList(2, s.size()), "managementGroupResourceId"));
    });
    def("extensionResourceId", 3, MANY, (a, c) -> {
      List<String> s = strs(a, "extensionResourceId");
      String base = s.get(0).endsWith("/") ? s.get(0).substring(0, s.get(0).length() - 1) : s.get(0);
      return F.textNode(base + providers(s.get(1), s.subList(2, s.size()), "extensionResourceId"));
    });
    def("resourceInfo", 1, 1, (a, c) -> c.resourceInfo(Values.str(a.get(0), "resourceInfo")));
  }

  private static int typeIndex(List<String> s, String fn) {
    for (int i = 0; i < s.size(); i++) {
      if (s.get(i).indexOf('/') > 0 && s.get(i).indexOf('.') >= 0 && s.get(i).indexOf('.') < s.get(i).indexOf('/')) {
        return i;
      }
    }
    throw ExpressionException.eval(fn + ": no resource type (namespace/type) among the arguments");
  }

  /** {@code /providers/ns/t1/n1/t2/n2...} for a full type and its name segments. */
  static String providers(String type, List<String> names, String fn) {
    String[] t = type.split("/");
    List<String> n = new ArrayList<>();
    for (String name : names) {
      for (String part : name.split("/", -1)) {
        n.add(part);
      }
    }
    if (t.length < 2 || n.size() != t.length - 1) {
      throw ExpressionException.eval(fn + ": type '" + type + "' needs " + Math.max(1, t.length - 1)
          + " name segment(s) but got " + n.size());
    }
    StringBuilder sb = new StringBuilder("/providers/").append(t[0]);
    for (int i = 1; i < t.length; i++) {
      sb.append('/').append(t[i]).append('/').append(n.get(i - 1));
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- CIDR (IPv4)

  private static void cidr() {
    def("parseCidr", 1, 1, (a, c) -> {
      long[] net = cidrOf(s(a, 0, "parseCidr"));
      long base = net[0];
      int prefix = (int) net[1];
      long size = 1L << (32 - prefix);
      long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
      ObjectNode o = F.objectNode();
      o.put("network", ip(base));
      o.put("netmask", ip(mask));
      o.put("broadcast", ip(base + size - 1));
      o.put("firstUsable", ip(prefix >= 31 ? base : base + 1));
      o.put("lastUsable", ip(prefix >= 31 ? base + size - 1 : base + size - 2));
      o.put("cidr", (long) prefix);
      return o;
    });
    def("cidrSubnet", 3, 3, (a, c) -> {
      long[] net = cidrOf(s(a, 0, "cidrSubnet"));
      long newPrefix = Values.integer(a.get(1), "cidrSubnet");
      long index = Values.integer(a.get(2), "cidrSubnet");
      if (newPrefix < net[1] || newPrefix > 32) {
        throw ExpressionException.eval("cidrSubnet: new prefix " + newPrefix + " must be between " + net[1] + " and 32");
      }
      long count = 1L << (newPrefix - net[1]);
      if (index < 0 || index >= count) {
        throw ExpressionException.eval("cidrSubnet: subnet index " + index + " is out of range 0.." + (count - 1));
      }
      return F.textNode(ip(net[0] + index * (1L << (32 - newPrefix))) + "/" + newPrefix);
    });
    def("cidrHost", 2, 2, (a, c) -> {
      long[] net = cidrOf(s(a, 0, "cidrHost"));
      long index = Values.integer(a.get(1), "cidrHost");
      long size = 1L << (32 - net[1]);
      long first = net[1] >= 31 ? 0 : 1;
      long usable = net[1] >= 31 ? size : size - 2;
      if (index < 0 || index >= usable) {
        throw ExpressionException.eval("cidrHost: host index " + index + " is out of range");
      }
      return F.textNode(ip(net[0] + first + index));
    });
  }

  private static long[] cidrOf(String cidr) {
    String[] parts = cidr.strip().split("/");
    try {
      if (parts.length != 2) {
        throw new NumberFormatException();
      }
      String[] octets = parts[0].split("\\.");
      if (octets.length != 4) {
        throw new NumberFormatException();
      }
      long addr = 0;
      for (String o : octets) {
        int v = Integer.parseInt(o);
        if (v < 0 || v > 255) {
          throw new NumberFormatException();
        }
        addr = (addr << 8) | v;
      }
      int prefix = Integer.parseInt(parts[1]);
      if (prefix < 0 || prefix > 32) {
        throw new NumberFormatException();
      }
      long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
      return new long[] {addr & mask, prefix};
    } catch (NumberFormatException e) {
      throw ExpressionException.eval("not an IPv4 CIDR range: '" + cidr + "' (IPv6 is not supported here)");
    }
  }

  private static String ip(long v) {
    return ((v >>> 24) & 255) + "." + ((v >>> 16) & 255) + "." + ((v >>> 8) & 255) + "." + (v & 255);
  }

  // ---------------------------------------------------------------- helpers

  private static String s(List<JsonNode> a, int i, String fn) {
    return Values.str(a.get(i), fn);
  }

  private static List<String> strs(List<JsonNode> a, String fn) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : a) {
      out.add(Values.str(n, fn));
    }
    return out;
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  private static JsonNode split(String v, JsonNode delim) {
    List<String> delims = new ArrayList<>();
    if (delim.isArray()) {
      delim.forEach(d -> delims.add(Values.str(d, "split")));
    } else {
      delims.add(Values.str(delim, "split"));
    }
    ArrayNode out = F.arrayNode();
    int start = 0;
    int i = 0;
    while (i <= v.length()) {
      String hit = null;
      for (String d : delims) {
        if (!d.isEmpty() && v.startsWith(d, i)) {
          hit = d;
          break;
        }
      }
      if (hit != null) {
        out.add(v.substring(start, i));
        i += hit.length();
        start = i;
      } else {
        i++;
      }
    }
    out.add(v.substring(start));
    return out;
  }

  private static JsonNode parseJson(String text) {
    try {
      JsonNode n = Values.MAPPER.readTree(text);
      return n == null || n.isMissingNode() ? F.nullNode() : n;
    } catch (java.io.IOException e) {
      throw ExpressionException.eval("json: " + (e instanceof JsonProcessingException jp
          ? JsonFiles.describe(jp) : "not valid JSON"));
    }
  }

  /** .NET composite formatting: {@code {index[,alignment][:format]}} with {@code {{}} / {@code }}} escapes. */
  static String format(String fmt, List<JsonNode> args) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < fmt.length()) {
      char ch = fmt.charAt(i);
      if (ch == '{' && i + 1 < fmt.length() && fmt.charAt(i + 1) == '{') {
        sb.append('{');
        i += 2;
      } else if (ch == '}' && i + 1 < fmt.length() && fmt.charAt(i + 1) == '}') {
        sb.append('}');
        i += 2;
      } else if (ch == '{') {
        int close = fmt.indexOf('}', i);
        if (close < 0) {
          throw ExpressionException.eval("format: unclosed '{' in '" + fmt + "'");
        }
        String spec = fmt.substring(i + 1, close);
        String fmtSpec = null;
        int colon = spec.indexOf(':');
        if (colon >= 0) {
          fmtSpec = spec.substring(colon + 1);
          spec = spec.substring(0, colon);
        }
        int comma = spec.indexOf(',');
        if (comma >= 0) {
          spec = spec.substring(0, comma);
        }
        int index;
        try {
          index = Integer.parseInt(spec.strip());
        } catch (NumberFormatException e) {
          throw ExpressionException.eval("format: bad placeholder '{" + spec + "}'");
        }
        if (index < 0 || index >= args.size()) {
          throw ExpressionException.eval("format: placeholder {" + index + "} has no argument");
        }
        sb.append(formatOne(args.get(index), fmtSpec));
        i = close + 1;
      } else {
        sb.append(ch);
        i++;
      }
    }
    return sb.toString();
  }

  private static String formatOne(JsonNode v, String spec) {
    if (spec == null || spec.isEmpty() || !v.isNumber()) {
      return Values.display(v);
    }
    char kind = Character.toUpperCase(spec.charAt(0));
    int digits = spec.length() > 1 ? Integer.parseInt(spec.substring(1)) : -1;
    if (kind == 'D' && v.isIntegralNumber()) {
      String s = Long.toString(Math.abs(v.longValue()));
      while (s.length() < digits) {
        s = "0" + s;
      }
      return (v.longValue() < 0 ? "-" : "") + s;
    }
    if (kind == 'N') {
      return String.format(Locale.ROOT, "%,." + Math.max(0, digits < 0 ? 2 : digits) + "f", v.doubleValue());
    }
    return Values.display(v);
  }
}
