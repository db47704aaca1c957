package io.allowpath.ingest.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.allowpath.ingest.Unknown;
import io.allowpath.ingest.terraform.TfDocument.Instance;
import io.allowpath.model.ResourceId;
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
 * An expression's {@code references} list each referenced value in its most specific form and then that form's
 * prefixes ({@code a.b[0].c}, {@code a.b[0]}, {@code a.b}; an index that is not a literal ends the form: Terraform's
 * {@code internal/command/jsonconfig/expression.go}). Only the most specific form of each (a <em>chain</em>) is
 * resolved; its prefixes are not alternative values. An expression that names more than one value (a template,
 * a conditional, a function of several arguments) resolves only when every value resolves and they are equal:
 * otherwise it stays unknown rather than taking the first. An unkeyed reference to a resource with several
 * instances takes the referring instance's key only when the expression itself uses {@code count.index} (a number
 * key) or {@code each.key} (a string key); across a module argument that key is the module instance's.
 * Attribute paths are lists of field names (String) and block indexes (Integer).
 */
final class TfResolver {
  private final TfDocument doc;
  private final Function<Instance, String> composeId;
  private final Set<Instance> composing = new HashSet<>();
  private int depth;
  /** How deep references may lead (each hop through a resource, module variable or output counts two or three). */
  private static final int MAX_DEPTH = 48;

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
   * The value of a top-level attribute: the common cases ({@code base} empty, the value known, or absent and not
   * unknown) without building a path.
   */
  JsonNode value(Instance i, List<Object> base, String attr, boolean wantId) {
    if (base.isEmpty()) {
      JsonNode v = i.values.get(attr);
      JsonNode u = i.unknown == null ? null : i.unknown.get(attr);
      if (v != null && !v.isNull()) {
        if (u == null || !u.isArray()) {
          return v;
        }
      } else if (u == null || !u.asBoolean(false)) {
        return null; // absent or null, and not left to apply time (as value(i, path, wantId) answers it)
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
    if (r != null && !ofExpectedType(path, r)) {
      r = null; // a resolved id of another type than the attribute holds: not this attribute's value
    }
    return r != null ? r : Unknown.of("terraform: " + i.address + "." + pathText(path) + " (known after apply)");
  }

  /**
   * The ARM type (last type segment, lower case) each id attribute holds, for attributes whose name says it
   * (azurerm schemas: {@code nat_gateway_id} is a NAT gateway's id...).
   */
  private static final java.util.Map<String, String> ID_TYPES = java.util.Map.ofEntries(
      java.util.Map.entry("nat_gateway_id", "natgateways"),
      java.util.Map.entry("subnet_id", "subnets"),
      java.util.Map.entry("virtual_network_subnet_ids", "subnets"),
      java.util.Map.entry("route_table_id", "routetables"),
      java.util.Map.entry("network_security_group_id", "networksecuritygroups"),
      java.util.Map.entry("public_ip_address_id", "publicipaddresses"),
      java.util.Map.entry("public_ip_prefix_id", "publicipprefixes"),
      java.util.Map.entry("virtual_network_id", "virtualnetworks"),
      java.util.Map.entry("remote_virtual_network_id", "virtualnetworks"),
      java.util.Map.entry("loadbalancer_id", "loadbalancers"),
      java.util.Map.entry("backend_address_pool_id", "backendaddresspools"),
      java.util.Map.entry("firewall_policy_id", "firewallpolicies"),
      java.util.Map.entry("private_dns_zone_id", "privatednszones"),
      java.util.Map.entry("private_dns_zone_ids", "privatednszones"),
      java.util.Map.entry("storage_account_id", "storageaccounts"),
      java.util.Map.entry("key_vault_id", "vaults"),
      java.util.Map.entry("server_id", "servers"));

  /** False when the attribute at the end of {@code path} holds ids of one type and {@code v} names another's. */
  private static boolean ofExpectedType(List<Object> path, JsonNode v) {
    Object last = path.isEmpty() ? null : path.get(path.size() - 1);
    return !(last instanceof String a) || ofExpectedType(a, v);
  }

  /**
   * False when {@code attr} holds ids of one type ({@link #ID_TYPES}; a write-only {@code *_wo} argument as its
   * attribute) and {@code v} (a value or a list) holds an id of another type, or of none (a resource group's).
   */
  static boolean ofExpectedType(String attr, JsonNode v) {
    String type = ID_TYPES.get(attr.endsWith("_wo") ? attr.substring(0, attr.length() - 3) : attr);
    if (type == null) {
      return true;
    }
    for (JsonNode e : v.isArray() ? v : List.of(v)) {
      if (e.isTextual() && e.asText().startsWith("/")) {
        ResourceId id = ResourceId.of(e.asText());
        String t = id == null ? null : id.type();
        if (t == null || !t.toLowerCase(java.util.Locale.ROOT).endsWith("/" + type)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean containsTrue(JsonNode u) {
    for (JsonNode e : u) {
      if (e.asBoolean(false)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A list with unknown elements: when the expression names exactly one value per element, in order, each unknown
   * element takes its value — provided every known element equals the value named at its position (a set orders
   * its elements its own way: then nothing is paired); otherwise the unknown elements stay unknown.
   */
  private JsonNode patchList(Instance i, List<Object> path, ArrayNode v, JsonNode u, boolean wantId) {
    List<Ref> heads = valueChains(configExpr(i, path).path("references"));
    List<JsonNode> named = new ArrayList<>();
    boolean paired = heads.size() == v.size();
    for (int k = 0; paired && k < heads.size(); k++) {
      JsonNode val = heads.get(k) == null ? null : resolveRef(i.module, i.calls, null, heads.get(k), wantId);
      named.add(val == null || Unknown.is(val) || !ofExpectedType(path, val) ? null : val);
      boolean hole = u.path(k).asBoolean(false);
      if (!hole && named.get(k) != null && !sameValue(v.get(k), named.get(k))) {
        paired = false; // the known element is another value: the positions do not correspond
      }
    }
    ArrayNode out = v.deepCopy();
    for (int k = 0; k < v.size(); k++) {
      if (u.path(k).asBoolean(false)) {
        JsonNode val = paired ? named.get(k) : null;
        out.set(k, val != null ? val
            : Unknown.of("terraform: " + i.address + "." + pathText(path) + "[" + k + "] (known after apply)"));
      }
    }
    return out;
  }

  private static boolean sameValue(JsonNode a, JsonNode b) {
    return a.isTextual() && b.isTextual() ? a.asText().equalsIgnoreCase(b.asText()) : a.equals(b);
  }

  /** True when the value at {@code path} is absent from the values and unknown as a whole (not element by element). */
  boolean unknownAsWhole(Instance i, List<Object> path) {
    JsonNode v = walk(i.values, path);
    JsonNode u = unknownAt(i, path);
    return (v == null || v.isNull()) && u != null && u.asBoolean(false);
  }

  /**
   * The values a list attribute that is unknown as a whole names (e.g. {@code toset([a.id, b.id])}): one per value
   * chain of its expression when every one resolves (and is of the attribute's id type), then one unknown element —
   * the references do not show constants or how many elements a function makes of them; else null (the list stays
   * unknown).
   */
  ArrayNode listFromExpr(Instance i, List<Object> path, boolean wantId) {
    List<Ref> heads = valueChains(configExpr(i, path).path("references"));
    if (heads.isEmpty()) {
      return null;
    }
    ArrayNode out = nodes().arrayNode();
    for (Ref r : heads) {
      JsonNode val = r == null ? null : resolveRef(i.module, i.calls, null, r, wantId);
      if (val == null || Unknown.is(val) || !ofExpectedType(path, val)) {
        return null;
      }
      out.add(val);
    }
    out.add(Unknown.of("terraform: " + i.address + "." + pathText(path) + " (known after apply: may hold more than the "
        + out.size() + " value(s) its expression names)"));
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
    if (r == null && i.module.isEmpty()) {
      // a root variable: its value is in the plan's variables (a write-only argument's own value is in no plan)
      List<Ref> heads = valueChains(expr.path("references"));
      if (heads.size() == 1 && heads.get(0) != null && heads.get(0).parts.size() == 2
          && heads.get(0).parts.get(0).name.equals("var") && heads.get(0).parts.get(1).key == null) {
        JsonNode val = doc.root.path("variables").path(heads.get(0).parts.get(1).name).path("value");
        r = val.isMissingNode() || val.isNull() ? null : val;
      }
    }
    if (r != null && !ofExpectedType(path, r)) {
      r = null;
    }
    return r != null ? r : Unknown.of("terraform: " + i.address + "." + pathText(path) + " (write-only: the value is in "
        + "no plan or state and its expression names no resource in the plan)");
  }

  /**
   * The configuration expression of an attribute path; an attribute whose blocks the configuration gives as one
   * expression (azurerm's ConfigModeAttr blocks: a VNet's {@code subnet}, an NSG's {@code security_rule}) gives that
   * expression for every block, naming every block's values.
   */
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
        // a block beyond the configuration's (made by a dynamic block, which the configuration JSON leaves out)
        // has no expression of its own: not block 0's
        cur = cur.size() > k ? cur.get(k) : MissingNode.getInstance();
      } else {
        cur = cur.path((String) p);
      }
    }
    return cur;
  }

  private JsonNode resolveExpr(Instance i, JsonNode expr, boolean wantId) {
    return resolveRefs(i.module, i.calls, i.index, eachValue(i, expr.path("references")), wantId);
  }

  /**
   * {@code each.value...} of a resource whose {@code for_each} is one resource ({@code for_each = azurerm_subnet.s}):
   * that resource's instance of the same key, e.g. {@code azurerm_subnet.s["app"].id}; other references unchanged.
   */
  private JsonNode eachValue(Instance i, JsonNode refs) {
    if (i.index == null || !i.index.isTextual()) {
      return refs;
    }
    boolean uses = false;
    for (JsonNode r : refs) {
      uses |= r.asText().startsWith("each.value");
    }
    if (!uses) {
      return refs;
    }
    List<Ref> over = valueChains(doc.configResource(i).path("for_each_expression").path("references"));
    Ref each = over.size() == 1 ? over.get(0) : null;
    String head = each == null ? null : each.text();
    if (head == null || !each.attrs.isEmpty() || each.parts.get(each.parts.size() - 1).key != null
        || List.of("var", "local", "module", "each", "count", "path", "terraform", "self").contains(each.parts.get(0).name)) {
      return refs;
    }
    ArrayNode out = nodes().arrayNode();
    for (JsonNode r : refs) {
      String t = r.asText();
      out.add(t.startsWith("each.value") ? head + "[" + keyText(i.index) + "]" + t.substring("each.value".length()) : t);
    }
    return out;
  }

  /**
   * The value an expression's references name: its one value chain resolved (an unkeyed reference to a resource
   * of several instances takes {@code fromIndex} when the expression also uses {@code count.index} or
   * {@code each.key}); several chains only when all resolve to one value; else null.
   */
  private JsonNode resolveRefs(String module, List<String> calls, JsonNode fromIndex, JsonNode refs, boolean wantId) {
    if (depth > MAX_DEPTH) {
      return null; // a reference loop through modules
    }
    depth++;
    try {
      boolean byCount = false;
      boolean byKey = false;
      for (JsonNode ref : refs) {
        byCount |= ref.asText().equals("count.index");
        byKey |= ref.asText().equals("each.key");
      }
      List<Ref> values = valueChains(refs);
      JsonNode guess = fromIndex != null && values.size() == 1
          && (byCount && fromIndex.isNumber() || byKey && fromIndex.isTextual()) ? fromIndex : null;
      JsonNode result = null;
      for (Ref r : values) {
        if (r == null || !wantId && r.namesId()) {
          return null; // unreadable, or an id where no id is wanted (not the value of an address, a name or a flag)
        }
        JsonNode v = resolveRef(module, calls, guess, r, wantId);
        if (v == null || Unknown.is(v) || result != null && !sameValue(result, v)) {
          return null; // a value not known, or two different ones (a template, a conditional): not one of them
        }
        result = v;
      }
      return result;
    } finally {
      depth--;
    }
  }

  /**
   * The most specific form of each referenced value, in order (each reference that is a prefix of the one before
   * it is that value's shorter form), without the index helpers {@code count.index} and {@code each.key}; an
   * unparseable reference is a null element (a value that cannot be resolved).
   */
  List<Ref> valueChains(JsonNode refs) {
    // the configuration's expressions are shared by every instance of a counted resource: grouped once each
    return chains.computeIfAbsent(refs, this::groupChains);
  }

  private final java.util.Map<JsonNode, List<Ref>> chains = new java.util.IdentityHashMap<>();

  private List<Ref> groupChains(JsonNode refs) {
    List<Ref> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String last = null;
    for (JsonNode ref : refs) {
      String t = ref.asText();
      if (last != null && isPrefix(t, last)) {
        continue;
      }
      last = t;
      if (t.equals("count.index") || t.equals("each.key") || !seen.add(t)) {
        continue;
      }
      out.add(parse(t));
    }
    return java.util.Collections.unmodifiableList(out);
  }

  /** {@code shorter} is {@code longer} cut at a segment boundary ({@code a.b} of {@code a.b.c} or {@code a.b[0]}). */
  private static boolean isPrefix(String shorter, String longer) {
    return longer.startsWith(shorter) && (longer.length() == shorter.length() || longer.charAt(shorter.length()) == '.'
        || longer.charAt(shorter.length()) == '[');
  }

  /** The key of the module instance a module address ends with ({@code module.x[1]} → 1, {@code ["a"]} → "a"), or null. */
  static JsonNode moduleKey(String module) {
    int dot = module.lastIndexOf("module.");
    if (dot < 0) {
      return null;
    }
    int open = module.indexOf('[', dot);
    if (open < 0 || !module.endsWith("]")) {
      return null;
    }
    String k = module.substring(open + 1, module.length() - 1);
    if (k.matches("\\d{1,9}")) {
      return nodes().numberNode(Integer.parseInt(k));
    }
    return k.length() >= 2 && k.startsWith("\"") && k.endsWith("\"") ? TextNode.valueOf(k.substring(1, k.length() - 1)) : null;
  }

  /**
   * The one value chain of an expression with {@code rest} appended ({@code var.network.subnet_id} where the argument
   * is {@code azurerm_subnet.a}: {@code azurerm_subnet.a.subnet_id}); null when the expression names several values
   * or none.
   */
  private Ref compose(JsonNode refs, String keyText, List<Part> rest) {
    List<Ref> heads = valueChains(refs);
    if (heads.size() != 1 || heads.get(0) == null) {
      return null;
    }
    Ref head = heads.get(0);
    if (keyText != null || rest.stream().anyMatch(p -> p.key != null)) {
      // an element of the argument or output: its references do not say whether it is the resource's instances
      // themselves or a function of them (reverse, slice, concat): not taken
      return null;
    }
    StringBuilder t = new StringBuilder(head.text());
    if (keyText != null) {
      t.append('[').append(keyText).append(']');
    }
    for (Part p : rest) {
      t.append('.').append(p.name);
      if (p.key != null) {
        t.append('[').append(p.key).append(']');
      }
    }
    return parse(t.toString());
  }

  /** Resolves one reference text as an expression naming only it (the azapi body's one id reference). */
  JsonNode resolveOne(Instance i, String text, boolean wantId) {
    Ref r = parse(text);
    return r == null ? null : resolveRef(i.module, i.calls, null, r, wantId);
  }

  private JsonNode resolveRef(String module, List<String> calls, JsonNode fromIndex, Ref r, boolean wantId) {
    if (depth > MAX_DEPTH) {
      return null; // a reference loop (a module variable and output naming each other)
    }
    depth++;
    try {
      return resolveRefOnce(module, calls, fromIndex, r, wantId);
    } finally {
      depth--;
    }
  }

  private JsonNode resolveRefOnce(String module, List<String> calls, JsonNode fromIndex, Ref r, boolean wantId) {
    String head = r.parts.get(0).name;
    switch (head) {
      case "var" -> {
        if (calls.isEmpty() || r.parts.size() < 2) {
          return null; // root variables are known in the plan's values already
        }
        List<String> parentCalls = calls.subList(0, calls.size() - 1);
        String call = calls.get(calls.size() - 1);
        Part name = r.parts.get(1);
        JsonNode arg = doc.configModule(parentCalls).path("module_calls").path(call).path("expressions").path(name.name);
        // count.index / each.key in a module argument are the module instance's, not the referring resource's
        JsonNode key = moduleKey(module);
        List<Part> rest = r.parts.subList(2, r.parts.size());
        if (name.key == null && rest.isEmpty()) {
          return resolveRefs(parentModule(module), parentCalls, key, arg.path("references"), wantId);
        }
        // var.x.attr, var.x["k"]: only when the argument names one value (then that value's attribute or element)
        Ref composed = compose(arg.path("references"), name.key, rest);
        return composed == null ? null : resolveRef(parentModule(module), parentCalls, null, composed, wantId);
      }
      case "module" -> {
        if (r.parts.size() < 3) {
          return null;
        }
        Part call = r.parts.get(1);
        List<String> childCalls = new ArrayList<>(calls);
        childCalls.add(call.name);
        Part output = r.parts.get(2);
        JsonNode out = doc.configModule(childCalls).path("outputs").path(output.name).path("expression");
        String childModule = (module.isEmpty() ? "" : module + ".") + "module." + call.name
            + (call.key == null ? "" : "[" + call.key + "]");
        List<Part> rest = r.parts.subList(3, r.parts.size());
        if (output.key == null && rest.isEmpty()) {
          return resolveRefs(childModule, childCalls, null, out.path("references"), wantId);
        }
        // module.m.out["k"], module.m.out.attr: only when the output names one value
        Ref composed = compose(out.path("references"), output.key, rest);
        return composed == null ? null : resolveRef(childModule, childCalls, null, composed, wantId);
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
          if (p.key != null && p.key.matches("\\d{1,9}")) {
            path.add(Integer.parseInt(p.key));
          } else if (p.key != null && p.key.length() >= 2 && p.key.startsWith("\"") && p.key.endsWith("\"")) {
            path.add(p.key.substring(1, p.key.length() - 1)); // a map element (X.tags["env"]), not the whole map
          } else if (p.key != null) {
            return null;
          }
        }
        depth++;
        JsonNode v;
        try {
          v = depth > MAX_DEPTH ? null : value(target, path, path.get(path.size() - 1).toString().endsWith("_id"));
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
    /** The reference as Terraform writes it ({@code module.m["k"].out}). */
    String text() {
      StringBuilder t = new StringBuilder();
      for (Part p : parts) {
        if (t.length() > 0) {
          t.append('.');
        }
        t.append(p.name);
        if (p.key != null) {
          t.append('[').append(p.key).append(']');
        }
      }
      return t.toString();
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
