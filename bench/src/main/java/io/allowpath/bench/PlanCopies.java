package io.allowpath.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A large Terraform plan made of a real one: the plan's root module called {@code copies} times as
 * {@code module "copy" { count = copies }}, in the shape {@code terraform show -json} gives such a call
 * (https://developer.hashicorp.com/terraform/internals/json-format): {@code planned_values} gets one child
 * module {@code module.copy[i]} per copy holding the plan's resources and child modules with their addresses
 * prefixed, {@code resource_changes} one change per copied instance ({@code address} and {@code module_address}
 * prefixed), and {@code configuration.root_module.module_calls.copy} the plan's own root module configuration
 * with a {@code count_expression}. So each resource keeps what Terraform really writes for it (every schema
 * attribute, nulls included, its {@code before}/{@code after} copies, sensitivity maps, its configuration
 * expressions with constant values), which a hand-written synthetic plan leaves out.
 *
 * <p>Copy {@code i}'s resource group names get the suffix {@code -i} (in {@code resource_group_name} values,
 * resource groups' own {@code name} and {@code /resourceGroups/<name>} inside ids) so that the copies stand for
 * distinct ARM resources instead of merging into one. {@code prior_state} (in the corpus plans, which create
 * everything, only the data sources read while planning) is copied the same way; {@code relevant_attributes} is
 * left out.
 */
final class PlanCopies {
  private PlanCopies() {}

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Pattern RG = Pattern.compile("(?i)(/resourceGroups/)([^/]+)");

  /**
   * Writes the copies of {@code src} with at least {@code resources} resource instances; returns the count. With
   * {@code existing}, the copies get a prior state as large as their planned values (every planned resource in it)
   * and each change a {@code before} repeating its {@code after}, as an update plan of an existing estate carries
   * them. It is not a faithful plan of an existing estate: the ids stay unknown ({@code after_unknown} as in the
   * create plan) and the prior state has none, so the resolver does the create plan's work — which errs against the
   * tool, not for it. What it measures is what a prior state and the before values cost the load.
   */
  static int write(Path src, Path out, int resources, boolean existing) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode plan = mapper.readTree(src.toFile());
    JsonNode root = plan.path("planned_values").path("root_module");
    int per = count(root);
    if (per == 0 || !plan.path("configuration").path("root_module").isObject()) {
      throw new IllegalArgumentException(src + ": expected a plan (terraform show -json) with planned resources "
          + "and a configuration");
    }
    int copies = (resources + per - 1) / per;
    ObjectNode big = F.objectNode();
    for (Map.Entry<String, JsonNode> e : plan.properties()) {
      switch (e.getKey()) {
        case "planned_values", "resource_changes", "configuration", "prior_state", "relevant_attributes" -> { }
        default -> big.set(e.getKey(), e.getValue());
      }
    }
    ArrayNode modules = big.putObject("planned_values").putObject("root_module").putArray("child_modules");
    ArrayNode changes = big.putArray("resource_changes");
    JsonNode prior = plan.path("prior_state");
    JsonNode priorRoot = prior.path("values").path("root_module");
    ArrayNode priorModules = null;
    if (existing) {
      ObjectNode ps = big.putObject("prior_state");
      ps.put("format_version", "1.0").set("terraform_version", plan.path("terraform_version"));
      priorModules = ps.putObject("values").putObject("root_module").putArray("child_modules");
    } else if (priorRoot.isObject()) {
      ObjectNode ps = big.putObject("prior_state");
      prior.properties().stream().filter(e -> !e.getKey().equals("values")).forEach(e -> ps.set(e.getKey(), e.getValue()));
      priorModules = ps.putObject("values").putObject("root_module").putArray("child_modules");
    }
    for (int i = 0; i < copies; i++) {
      String prefix = "module.copy[" + i + "]";
      ObjectNode m = module(root, prefix, i);
      m.put("address", prefix);
      modules.add(m);
      if (priorModules != null) {
        ObjectNode pm = existing ? m.deepCopy() : module(priorRoot, prefix, i);
        pm.put("address", prefix);
        priorModules.add(pm);
      }
      for (JsonNode c : plan.path("resource_changes")) {
        ObjectNode rc = (ObjectNode) suffixed(c, i);
        rc.put("address", prefix + "." + c.path("address").asText());
        rc.put("module_address", c.hasNonNull("module_address") ? prefix + "." + c.get("module_address").asText() : prefix);
        if (existing && rc.path("change") instanceof ObjectNode ch) {
          ch.putArray("actions").add("update");
          ch.set("before", ch.path("after"));
          ch.set("before_sensitive", ch.path("after_sensitive"));
        }
        changes.add(rc);
      }
    }
    ObjectNode config = big.putObject("configuration");
    if (plan.path("configuration").has("provider_config")) {
      config.set("provider_config", plan.path("configuration").path("provider_config"));
    }
    ObjectNode call = config.putObject("root_module").putObject("module_calls").putObject("copy");
    call.put("source", "./copy");
    call.putObject("count_expression").put("constant_value", copies);
    call.set("module", plan.path("configuration").path("root_module"));
    mapper.writeValue(out.toFile(), big);
    return per * copies;
  }

  private static int count(JsonNode module) {
    int n = module.path("resources").size();
    for (JsonNode c : module.path("child_modules")) {
      n += count(c);
    }
    return n;
  }

  /** A module of the plan as a child of {@code module.copy[i]}: addresses prefixed, resource groups renamed. */
  private static ObjectNode module(JsonNode m, String prefix, int i) {
    ObjectNode out = F.objectNode();
    if (m.has("address")) {
      out.put("address", prefix + "." + m.get("address").asText());
    }
    ArrayNode rs = out.putArray("resources");
    for (JsonNode r : m.path("resources")) {
      ObjectNode c = (ObjectNode) suffixed(r, i);
      c.put("address", prefix + "." + r.path("address").asText());
      rs.add(c);
    }
    if (m.has("child_modules")) {
      ArrayNode cs = out.putArray("child_modules");
      for (JsonNode c : m.path("child_modules")) {
        cs.add(module(c, prefix, i));
      }
    }
    return out;
  }

  /** A deep copy with copy {@code i}'s resource group names (see the class comment). */
  private static JsonNode suffixed(JsonNode n, int i) {
    if (n.isObject()) {
      ObjectNode o = F.objectNode();
      boolean group = "azurerm_resource_group".equals(n.path("type").asText());
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        JsonNode v = e.getValue();
        if (v.isTextual() && e.getKey().equals("resource_group_name")) {
          o.put(e.getKey(), v.asText() + "-" + i);
        } else if (group && (e.getKey().equals("values") || e.getKey().equals("change"))) {
          o.set(e.getKey(), groupName(suffixed(v, i), i));
        } else {
          o.set(e.getKey(), suffixed(v, i));
        }
      }
      return o;
    }
    if (n.isArray()) {
      ArrayNode a = F.arrayNode();
      n.forEach(x -> a.add(suffixed(x, i)));
      return a;
    }
    if (n.isTextual()) {
      Matcher m = RG.matcher(n.asText());
      return m.find() ? TextNode.valueOf(m.replaceAll("$1$2-" + i)) : n;
    }
    return n;
  }

  /** A resource group's values (or change, with its before/after) with the group's own name suffixed. */
  private static JsonNode groupName(JsonNode v, int i) {
    if (v instanceof ObjectNode o) {
      if (o.path("name").isTextual()) {
        o.put("name", o.get("name").asText() + "-" + i);
      }
      for (String side : new String[] {"before", "after"}) {
        if (o.path(side) instanceof ObjectNode s && s.path("name").isTextual()) {
          s.put("name", s.get("name").asText() + "-" + i);
        }
      }
    }
    return v;
  }
}
