package io.allowpath.ingest.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.allowpath.ingest.Unknown;
import io.allowpath.ingest.terraform.TfDocument.Instance;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Values of Terraform resource instances, with what a plan leaves "known after apply" resolved through
 * the {@code configuration} expressions' {@code references}
 * (https://developer.hashicorp.com/terraform/internals/json-format#expression-representation):
 * <ul>
 *   <li>{@code X.id} of a resource in the document becomes X's ARM id (its {@code id} value when known,
 *       else composed from its name, resource group and subscription by {@link TfMappings});</li>
 *   <li>{@code azurerm_public_ip.X.ip_address} not known yet becomes
 *       {@code [reference('<public IP id>').ipAddress]}, the form the ARM readers and the access rules
 *       already read as "the address of that public IP" (docs/contract.md, {@code --write-estate});</li>
 *   <li>{@code var.x} inside a module follows the module call's argument; {@code module.m.out} follows
 *       the module's output expression;</li>
 *   <li>anything else stays unknown: {@link Unknown}, never an empty string (habit 7).</li>
 * </ul>
 * Attribute paths are lists of field names (String) and block indexes (Integer).
 */
final class TfResolver {
  private final TfDocument doc;
  private final Function<Instance, String> composeId;
  private final Set<Instance> composing = new HashSet<>();
  private int depth;

  TfResolver(TfDocument doc, Function<Instance, String> composeId) {
    this.doc = doc;
    this.composeId = composeId;
  }

  private final java.util.Map<String, java.util.Optional<Ref>> refs = new java.util.HashMap<>();

  /** A reference parsed once per distinct text (plans repeat the same references per instance). */
  private Ref parse(String text) {
    return refs.computeIfAbsent(text, t -> java.util.Optional.ofNullable(Ref.parse(t))).orElse(null);
  }

  /**
   * The value of a top-level attribute: the common case ({@code base} empty, the value known) without
   * building a path.
   */
  JsonNode value(Instance i, List<Object> base, String attr, boolean wantId) {
    if (base.isEmpty()) {
      JsonNode v = i.values.get(attr);
      JsonNode u = i.unknown == null ? null : i.unknown.get(attr);
      if (v != null && !v.isNull() && (u == null || !u.isArray())) {
        return v;
      }
    }
    List<Object> p = new ArrayList<>(base.size() + 1);
    p.addAll(base);
    p.add(attr);
    return value(i, p, wantId);
  }

  /** The ARM id of an instance: its id value when known, else composed; null when neither. */
  String id(Instance i) {
    if (i.idDone) {
      return i.armId;
    }
    String id = null;
    JsonNode v = i.values.get("id");
    if (v != null && v.isTextual() && v.asText().startsWith("/")) {
      id = v.asText();
    } else if (composing.add(i)) {
      try {
        id = composeId.apply(i);
      } finally {
        composing.remove(i);
      }
    } else {
      return null; // a reference loop: unknown, and not remembered
    }
    i.armId = id;
    i.idDone = true;
    return id;
  }

  /**
   * The value at {@code path} of an instance: known, resolved from a reference, {@link Unknown} when a
   * plan leaves it to apply time and no reference resolves it, or null when absent.
   */
  JsonNode value(Instance i, List<Object> path, boolean wantId) {
    JsonNode v = walk(i.values, path);
    JsonNode u = unknownAt(i, path);
    if (v != null && !v.isNull()) {
      if (v.isArray() && u != null && u.isArray() && containsTrue(u)) {
        return patchList(i, path, (ArrayNode) v, u, wantId);
      }
      return v;
    }
    if (u == null || !u.asBoolean(false)) {
      return null;
    }
    JsonNode r = resolveExpr(i, configExpr(i, path), wantId);
    return r != null ? r : Unknown.of("terraform: " + i.address + "." + pathText(path) + " (known after apply)");
  }

  private static boolean containsTrue(JsonNode u) {
    for (JsonNode e : u) {
      if (e.asBoolean(false)) {
        return true;
      }
    }
    return false;
  }

  /** A list with unknown elements: each takes, in order, the value of a distinct reference when they pair up. */
  private JsonNode patchList(Instance i, List<Object> path, ArrayNode v, JsonNode u, boolean wantId) {
    List<Integer> holes = new ArrayList<>();
    for (int k = 0; k < v.size(); k++) {
      if (u.path(k).asBoolean(false)) {
        holes.add(k);
      }
    }
    List<JsonNode> found = new ArrayList<>();
    JsonNode expr = configExpr(i, path);
    Set<String> seen = new LinkedHashSet<>();
    for (JsonNode ref : expr.path("references")) {
      Ref r = parse(ref.asText());
      if (r == null || r.attrs.isEmpty() || !seen.add(r.base())) {
        continue; // only the most specific form of each reference (ref.attr), once
      }
      JsonNode val = resolveRef(i.module, i.calls, i.index, r, wantId);
      if (val != null && !Unknown.is(val)) {
        found.add(val);
      }
    }
    ArrayNode out = v.deepCopy();
    for (int k = 0; k < holes.size(); k++) {
      out.set(holes.get(k), found.size() == holes.size() ? found.get(k)
          : Unknown.of("terraform: " + i.address + "." + pathText(path) + "[" + holes.get(k) + "] (known after apply)"));
    }
    return out;
  }

  static JsonNode walk(JsonNode n, List<Object> path) {
    JsonNode cur = n;
    for (Object p : path) {
      if (cur == null) {
        return null;
      }
      cur = p instanceof Integer k ? (cur.isArray() ? cur.get(k) : null) : (cur.isObject() ? cur.get((String) p) : null);
    }
    return cur;
  }

  /** after_unknown at a path: true when the value or an enclosing value is unknown. */
  private static JsonNode unknownAt(Instance i, List<Object> path) {
    JsonNode cur = i.unknown;
    for (Object p : path) {
      if (cur == null || cur.isBoolean()) {
        return cur;
      }
      cur = p instanceof Integer k ? (cur.isArray() ? cur.get(k) : null) : (cur.isObject() ? cur.get((String) p) : null);
    }
    return cur;
  }

  /** The configuration expression of an attribute path (block indexes fall back to the only block). */
  /** {@link TfView#configured}: a write-only argument's constant or resolved reference, Unknown, or null. */
  JsonNode configured(Instance i, List<Object> path) {
    JsonNode expr = configExpr(i, path);
    if (expr.isMissingNode()) {
      return null;
    }
    if (!expr.isObject()) {
      return Unknown.of("terraform: " + i.address + "." + pathText(path) + " (set in the configuration as a block)");
    }
    JsonNode constant = expr.get("constant_value");
    if (constant != null && !constant.isNull()) {
      return constant;
    }
    JsonNode r = resolveExpr(i, expr, true);
    return r != null ? r : Unknown.of("terraform: " + i.address + "." + pathText(path) + " (write-only: the value is in "
        + "no plan or state and its expression names no resource in the plan)");
  }

  JsonNode configExpr(Instance i, List<Object> path) {
    JsonNode cur = doc.configResource(i).path("expressions");
    for (Object p : path) {
      if (cur.has("references") || cur.has("constant_value")) {
        return cur; // an expression for the whole attribute (e.g. a list)
      }
      if (p instanceof Integer k) {
        if (!cur.isArray()) {
          return MissingNode.getInstance();
        }
        cur = cur.size() > k ? cur.get(k) : cur.size() == 1 ? cur.get(0) : MissingNode.getInstance();
      } else {
        cur = cur.path((String) p);
      }
    }
    return cur;
  }

  private JsonNode resolveExpr(Instance i, JsonNode expr, boolean wantId) {
    return resolveRefs(i.module, i.calls, i.index, expr.path("references"), wantId);
  }

  private JsonNode resolveRefs(String module, List<String> calls, JsonNode fromIndex, JsonNode refs, boolean wantId) {
    if (depth > 32) {
      return null; // a reference loop through modules
    }
    depth++;
    try {
      for (JsonNode ref : refs) {
        Ref r = parse(ref.asText());
        if (r == null || !wantId && r.namesId()) {
          continue; // an id is the value of an id attribute only (not of an address, a name or a flag)
        }
        JsonNode v = resolveRef(module, calls, fromIndex, r, wantId);
        if (v != null && !Unknown.is(v)) {
          return v;
        }
      }
      return null;
    } finally {
      depth--;
    }
  }

  private JsonNode resolveRef(String module, List<String> calls, JsonNode fromIndex, Ref r, boolean wantId) {
    String head = r.parts.get(0).name;
    switch (head) {
      case "var" -> {
        if (calls.isEmpty() || r.parts.size() < 2) {
          return null; // root variables are known in the plan's values already
        }
        List<String> parentCalls = calls.subList(0, calls.size() - 1);
        String call = calls.get(calls.size() - 1);
        JsonNode arg = doc.configModule(parentCalls).path("module_calls").path(call).path("expressions")
            .path(r.parts.get(1).name);
        return resolveRefs(parentModule(module), parentCalls, fromIndex, arg.path("references"), wantId);
      }
      case "module" -> {
        if (r.parts.size() < 3) {
          return null;
        }
        Part call = r.parts.get(1);
        List<String> childCalls = new ArrayList<>(calls);
        childCalls.add(call.name);
        JsonNode out = doc.configModule(childCalls).path("outputs").path(r.parts.get(2).name).path("expression");
        String childModule = (module.isEmpty() ? "" : module + ".") + "module." + call.name
            + (call.key == null ? "" : "[" + call.key + "]");
        return resolveRefs(childModule, childCalls, fromIndex, out.path("references"), wantId);
      }
      case "local", "each", "count", "path", "terraform", "self" -> {
        return null;
      }
      default -> {
        boolean data = head.equals("data");
        int at = data ? 1 : 0;
        if (r.parts.size() < at + 2) {
          return null;
        }
        Part type = r.parts.get(at);
        Part name = r.parts.get(at + 1);
        String local = (data ? "data." : "") + type.name + "." + name.name;
        Instance target = pick(module, local, name.key, fromIndex);
        if (target == null) {
          return null;
        }
        List<Part> attrs = r.parts.subList(at + 2, r.parts.size());
        if (attrs.isEmpty()) {
          String id = wantId ? id(target) : null;
          return id == null ? null : TextNode.valueOf(id);
        }
        if (attrs.get(0).name.equals("id") && attrs.size() == 1) {
          String id = id(target);
          return id == null ? null : TextNode.valueOf(id);
        }
        List<Object> path = new ArrayList<>();
        for (Part p : attrs) {
          path.add(p.name);
          if (p.key != null && p.key.matches("\\d+")) {
            path.add(Integer.parseInt(p.key));
          }
        }
        depth++;
        JsonNode v;
        try {
          v = depth > 32 ? null : value(target, path, path.get(path.size() - 1).toString().endsWith("_id"));
        } finally {
          depth--;
        }
        if ((v == null || Unknown.is(v)) && target.type.equals("azurerm_public_ip") && attrs.get(0).name.equals("ip_address")) {
          String id = id(target);
          return id == null ? null : TextNode.valueOf("[reference('" + id + "').ipAddress]");
        }
        return v;
      }
    }
  }

  private static String parentModule(String module) {
    int k = module.lastIndexOf(".module.");
    return k < 0 ? "" : module.substring(0, k);
  }

  private Instance pick(String module, String local, String key, JsonNode fromIndex) {
    if (key != null) {
      return doc.find(module, local, key);
    }
    List<Instance> cands = doc.find(module, local);
    if (cands.size() == 1) {
      return cands.get(0);
    }
    return cands.isEmpty() || fromIndex == null ? null : doc.find(module, local, keyText(fromIndex));
  }

  /** An index key as it is written in an address: 0 or "name" (with quotes). */
  static String keyText(JsonNode index) {
    return index.isNumber() ? index.asText() : "\"" + index.asText() + "\"";
  }

  static String pathText(List<Object> path) {
    StringBuilder sb = new StringBuilder();
    for (Object p : path) {
      if (p instanceof Integer k) {
        sb.append('[').append(k).append(']');
      } else {
        sb.append(sb.length() == 0 ? "" : ".").append(p);
      }
    }
    return sb.toString();
  }

  /** One segment of a reference: a name and an optional index key as written ({@code 0} or {@code "a"}). */
  record Part(String name, String key) {}

  /** A parsed reference such as {@code module.net.azurerm_subnet.a["x"].id}. */
  record Ref(List<Part> parts, List<Part> attrs) {
    /** The reference without its last attribute (to keep one form per referenced value). */
    String base() {
      return parts.subList(0, parts.size() - attrs.size()).toString();
    }

    /** A reference to a resource's id ({@code azurerm_subnet.a.id}, {@code module.m.subnet_id}). */
    boolean namesId() {
      String last = parts.get(parts.size() - 1).name;
      return last.equals("id") || last.endsWith("_id") || last.endsWith("_ids");
    }

    static Ref parse(String s) {
      List<Part> parts = new ArrayList<>();
      int i = 0;
      int n = s.length();
      while (i < n) {
        int start = i;
        while (i < n && s.charAt(i) != '.' && s.charAt(i) != '[') {
          i++;
        }
        String name = s.substring(start, i);
        String key = null;
        if (i < n && s.charAt(i) == '[') {
          int close = i + 1;
          boolean quoted = false;
          while (close < n && (quoted || s.charAt(close) != ']')) {
            if (s.charAt(close) == '"' && s.charAt(close - 1) != '\\') {
              quoted = !quoted;
            }
            close++;
          }
          if (close >= n) {
            return null;
          }
          key = s.substring(i + 1, close);
          i = close + 1;
        }
        if (name.isEmpty()) {
          return null;
        }
        parts.add(new Part(name, key));
        if (i < n && s.charAt(i) == '.') {
          i++;
        }
      }
      if (parts.isEmpty()) {
        return null;
      }
      String head = parts.get(0).name;
      int attrsFrom = switch (head) {
        case "data" -> 3;
        case "module" -> 3;
        case "var", "local", "each", "count", "path", "terraform", "self" -> parts.size();
        default -> 2;
      };
      return new Ref(parts, parts.subList(Math.min(attrsFrom, parts.size()), parts.size()));
    }
  }

  static JsonNodeFactory nodes() {
    return JsonNodeFactory.instance;
  }
}
