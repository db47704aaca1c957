package io.allowpath.ingest.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import io.allowpath.ingest.InputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code terraform show -json} document (a plan, JSON format 1.x, or a state) read for one side:
 * the resource instances of that side, each with its values, the values Terraform will only know after
 * apply ({@code resource_changes[].change.after_unknown}), and the {@code configuration} expressions
 * used to resolve references (https://developer.hashicorp.com/terraform/internals/json-format).
 *
 * <p>Which side: {@link TerraformAdapter.View#PLANNED} reads {@code planned_values} (a plan) or
 * {@code values} (a state); {@link TerraformAdapter.View#PRIOR} reads {@code prior_state.values} (a plan;
 * empty when the plan has none). Data sources (from {@code prior_state}, where Terraform records what
 * it read during planning) are kept for reference resolution only.
 */
final class TfDocument {
  /** One resource instance: its full address, module address, type, name, index key, values and unknowns. */
  static final class Instance {
    final String address;
    final String module; // "" for the root module, else e.g. module.net or module.net["a"].module.sub
    final List<String> calls; // module call names from the root, e.g. [net, sub]
    final String mode;
    final String type;
    final String name;
    final JsonNode index;
    final JsonNode values;
    final JsonNode unknown; // after_unknown, or null
    private final String localName;
    /** The ARM id, once {@link TfResolver#id} has worked it out (idDone: null is an answer too). */
    String armId;
    boolean idDone;

    Instance(String address, String module, List<String> calls, String mode, String type, String name, JsonNode index,
        JsonNode values, JsonNode unknown) {
      this.address = address;
      this.module = module;
      this.calls = List.copyOf(calls);
      this.mode = mode;
      this.type = type;
      this.name = name;
      this.index = index;
      this.values = values;
      this.unknown = unknown;
      this.localName = ("managed".equals(mode) ? "" : "data.") + type + "." + name;
    }

    boolean managed() {
      return "managed".equals(mode);
    }

    /** type.name within its module (data sources prefixed with {@code data.}). */
    String localName() {
      return localName;
    }
  }

  final String file;
  final JsonNode root;
  final boolean plan;
  final List<Instance> instances = new ArrayList<>();
  /** Deposed objects left out ({@code deposed_key}). */
  int deposed;
  /** Instances by module address, then local name, for reference resolution (managed and data). */
  private final Map<String, Map<String, List<Instance>>> byName = new HashMap<>();

  TfDocument(String file, JsonNode root, TerraformAdapter.View view) {
    this.file = file;
    this.root = root;
    this.plan = root.has("planned_values") || root.has("resource_changes") || root.has("prior_state");
    Map<String, JsonNode> unknowns = new HashMap<>();
    JsonNode module;
    String base;
    if (plan && view == TerraformAdapter.View.PLANNED) {
      module = root.path("planned_values").path("root_module");
      base = "/planned_values/root_module";
      JsonNode changes = root.path("resource_changes");
      for (JsonNode c : changes) {
        JsonNode u = c.path("change").path("after_unknown");
        // a deposed object's change (its destroy) is at the same address as the current object's: not its unknowns
        if (c.hasNonNull("address") && u.isObject() && !c.hasNonNull("deposed")) {
          unknowns.put(c.get("address").asText(), u);
        }
      }
    } else if (plan) {
      module = root.path("prior_state").path("values").path("root_module");
      base = "/prior_state/values/root_module";
    } else {
      module = root.path("values").path("root_module");
      base = "/values/root_module";
    }
    if (!module.isMissingNode() && !module.isObject()) {
      throw new InputException(file, base, "expected a Terraform module object (\"resources\", \"child_modules\")");
    }
    walk(module, base, "", List.of(), unknowns);
    if (plan) {
      // data sources read while planning are recorded in prior_state only: keep them for references
      JsonNode prior = root.path("prior_state").path("values").path("root_module");
      if (view == TerraformAdapter.View.PLANNED && prior.isObject()) {
        List<Instance> before = new ArrayList<>();
        int ownDeposed = deposed;
        collect(prior, "/prior_state/values/root_module", "", List.of(), Map.of(), before);
        deposed = ownDeposed; // the prior state's deposed objects are not this side's
        for (Instance i : before) {
          if (!i.managed()) {
            index(i);
          }
        }
      }
    }
  }

  private void walk(JsonNode module, String base, String moduleAddr, List<String> calls, Map<String, JsonNode> unknowns) {
    List<Instance> out = new ArrayList<>();
    collect(module, base, moduleAddr, calls, unknowns, out);
    for (Instance i : out) {
      instances.add(i);
      index(i);
    }
  }

  private void index(Instance i) {
    Map<String, List<Instance>> m = byName.computeIfAbsent(i.module, k -> new HashMap<>());
    m.computeIfAbsent(i.localName(), k -> new ArrayList<>()).add(i);
  }

  /** Instances of one local name by index key as written (0 or "a"), built on first use. */
  private final Map<List<Instance>, Map<String, Instance>> byKey = new java.util.IdentityHashMap<>();

  /** The instance of {@code localName} in a module whose index key, as written, is {@code key}; or null. */
  Instance find(String moduleAddr, String localName, String key) {
    List<Instance> all = find(moduleAddr, localName);
    if (all.isEmpty()) {
      return null;
    }
    return byKey.computeIfAbsent(all, l -> {
      Map<String, Instance> m = new HashMap<>();
      for (Instance x : l) {
        if (x.index != null) {
          m.put(TfResolver.keyText(x.index), x);
        }
      }
      return m;
    }).get(key);
  }

  /** The type and mode strings of the instances, one of each. */
  private final Map<String, String> shared = new HashMap<>();

  private void collect(JsonNode module, String base, String moduleAddr, List<String> calls,
      Map<String, JsonNode> unknowns, List<Instance> out) {
    JsonNode rs = module.path("resources");
    for (int k = 0; k < rs.size(); k++) {
      JsonNode r = rs.get(k);
      String address = text(r, "address");
      String type = text(r, "type");
      String name = text(r, "name");
      if (address == null || type == null || name == null) {
        throw new InputException(file, base + "/resources/" + k, "expected a Terraform resource with \"address\", \"type\" and \"name\"");
      }
      if (r.hasNonNull("deposed_key")) {
        // a deposed object: the one a create_before_destroy replacement keeps until it destroys it, at the same
        // address as the current object (json-format "deposed_key"); not what the configuration declares, and
        // never the instance a reference names
        deposed++;
        continue;
      }
      JsonNode values = r.path("values");
      if (!values.isObject()) {
        values = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      } else {
        List<String> ids = idsBySide.computeIfAbsent(side(base), s -> new ArrayList<>());
        if (ids.size() < ENOUGH_IDS) {
          valueIds(values, ids); // while the values are at hand (one pass over the document, not two)
        }
      }
      String mode = r.path("mode").asText("managed");
      // one String per type and mode (a plan repeats a few dozen types across thousands of instances): the later
      // lookups by type then hash a string already in cache instead of each instance's own copy
      String known = shared.putIfAbsent(type, type);
      type = known == null ? type : known;
      known = shared.putIfAbsent(mode, mode);
      mode = known == null ? mode : known;
      out.add(new Instance(address, moduleAddr, calls, mode, type, name, r.get("index"), values,
          unknowns.get(address)));
    }
    JsonNode children = module.path("child_modules");
    for (int k = 0; k < children.size(); k++) {
      JsonNode c = children.get(k);
      String addr = text(c, "address");
      if (addr == null) {
        throw new InputException(file, base + "/child_modules/" + k, "expected a child module with \"address\"");
      }
      collect(c, base + "/child_modules/" + k, addr, callsOf(addr), unknowns, out);
    }
  }

  private static final Pattern MODULE_CALL = Pattern.compile("module\\.([A-Za-z0-9_-]+)(\\[[^\\]]*\\])?");

  /** Module call names of a module address: module.a["x"].module.b -> [a, b]. */
  static List<String> callsOf(String moduleAddr) {
    List<String> out = new ArrayList<>();
    Matcher m = MODULE_CALL.matcher(moduleAddr);
    while (m.find()) {
      out.add(m.group(1));
    }
    return List.copyOf(out); // immutable: the module's instances share it (Instance keeps it without a copy)
  }

  private static String text(JsonNode n, String f) {
    JsonNode v = n == null ? null : n.get(f);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  /** Instances of {@code localName} (e.g. azurerm_subnet.a or data.azurerm_subnet.a) in a module. */
  List<Instance> find(String moduleAddr, String localName) {
    Map<String, List<Instance>> m = byName.get(moduleAddr);
    List<Instance> l = m == null ? null : m.get(localName);
    return l == null ? List.of() : l;
  }

  // ---------------------------------------------------------------- configuration

  private final Map<String, JsonNode> configModules = new HashMap<>();

  /** The configuration module of a module call path (root when empty), or a missing node. */
  JsonNode configModule(List<String> calls) {
    String key = String.join(".", calls);
    return configModules.computeIfAbsent(key, k -> {
      JsonNode m = root.path("configuration").path("root_module");
      for (String c : calls) {
        m = m.path("module_calls").path(c).path("module");
      }
      return m;
    });
  }

  private final Map<String, JsonNode> configResources = new HashMap<>();

  /** The configuration block of an instance's resource ({@code expressions} etc.), or a missing node. */
  JsonNode configResource(Instance i) {
    String key = String.join(".", i.calls) + "|" + i.localName();
    return configResources.computeIfAbsent(key, k -> {
      for (JsonNode r : configModule(i.calls).path("resources")) {
        String a = r.path("address").asText();
        if (a.equals(i.localName()) || a.endsWith("." + i.localName()) && a.startsWith("module.")) {
          return r;
        }
      }
      return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    });
  }

  private static final List<String> SIDES =
      List.of("/prior_state/values/root_module", "/values/root_module", "/planned_values/root_module");

  /** Ids found while collecting the instances, by side (the first element of {@link #SIDES} its pointer starts with). */
  private final Map<String, List<String>> idsBySide = new HashMap<>();

  private static String side(String base) {
    for (String s : SIDES) {
      if (base.startsWith(s)) {
        return s;
      }
    }
    return base;
  }

  /** Enough of the known ARM ids among the resources' top-level values to tell the subscription (up to 64). */
  List<String> knownIds() {
    List<String> out = new ArrayList<>();
    for (String side : SIDES) {
      List<String> seen = idsBySide.get(side);
      if (seen == null) {
        ids(root.at(side), out); // a side this view did not collect
      } else {
        for (int k = 0; k < seen.size() && out.size() < ENOUGH_IDS; k++) {
          out.add(seen.get(k));
        }
      }
    }
    return out;
  }

  private static final int ENOUGH_IDS = 64;

  private static void ids(JsonNode module, List<String> out) {
    for (JsonNode r : module.path("resources")) {
      if (out.size() >= ENOUGH_IDS) {
        return;
      }
      valueIds(r.path("values"), out);
    }
    for (JsonNode c : module.path("child_modules")) {
      ids(c, out);
    }
  }

  /** True for the top-level value fields that can hold an ARM id: {@code id}, {@code *_id}, {@code scope}. */
  static boolean idField(String k) {
    return k.endsWith("id") && (k.length() == 2 || k.endsWith("_id")) || k.equals("scope");
  }

  /** The ids among one resource's values: {@code subscription_id}, {@code id}, {@code *_id}, {@code scope}. */
  private static void valueIds(JsonNode v, List<String> out) {
    if (v.path("subscription_id").isTextual()) {
      out.add("/subscriptions/" + v.path("subscription_id").asText());
    }
    // an id, or an id-valued attribute of a resource planned with a known parent; the field name is
    // tested first so that the values of other fields are not touched
    for (var e : v.properties()) {
      String k = e.getKey();
      if (idField(k)) {
        JsonNode f = e.getValue();
        if (f.isTextual() && f.asText().regionMatches(true, 0, "/subscriptions/", 0, 15)) {
          out.add(f.asText());
        }
      }
    }
  }

}
