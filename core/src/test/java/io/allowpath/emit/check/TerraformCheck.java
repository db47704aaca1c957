package io.allowpath.emit.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an emitted Terraform root module: HCL syntax ({@link HclParser}); {@code terraform { required_providers }}
 * with azurerm pinned to 4.x and azapi to 2.x; one {@code provider "azurerm"} per alias with {@code subscription_id}
 * and {@code features {}}; every resource and data source against {@link TerraformTable} (argument names, kinds,
 * required arguments, allowed values, ranges, nested blocks) using a declared azurerm alias; references to declared
 * resources only; unique addresses; {@code import} blocks aimed at declared resources. azapi bodies are type-checked
 * against the Bicep type system of their {@code type} (a partial body for {@code azapi_update_resource}); a body
 * whose type+version the type system lacks is listed in {@code unchecked}.
 */
public final class TerraformCheck {
  private TerraformCheck() {}

  public static List<String> check(String text, BicepTypes types, List<String> unchecked) {
    List<String> out = new ArrayList<>();
    List<HclParser.Block> blocks;
    try {
      blocks = new HclParser(text).parse();
    } catch (IllegalArgumentException e) {
      out.add(e.getMessage());
      return out;
    }
    Set<String> aliases = new HashSet<>();
    Set<String> addresses = new HashSet<>();
    boolean providers = false;
    for (HclParser.Block b : blocks) {
      if (b.type().equals("provider") && b.labels().equals(List.of("azurerm"))) {
        Object alias = b.attributes().get("alias");
        if (!(alias instanceof String a) || !(b.attributes().get("subscription_id") instanceof String)
            || b.blocks().stream().noneMatch(x -> x.type().equals("features"))) {
          out.add("line " + b.line() + ": provider azurerm needs alias, subscription_id and features {}");
        } else if (!aliases.add(a)) {
          out.add("line " + b.line() + ": provider alias " + a + " declared twice");
        }
      } else if ((b.type().equals("resource") || b.type().equals("data")) && b.labels().size() == 2) {
        String addr = (b.type().equals("data") ? "data." : "") + b.labels().get(0) + "." + b.labels().get(1);
        if (!addresses.add(addr)) {
          out.add("line " + b.line() + ": " + addr + " declared twice");
        }
      } else if (b.type().equals("terraform")) {
        providers = requiredProviders(b, out);
      }
    }
    if (!providers) {
      out.add("no terraform { required_providers { azurerm ~> 4.x, azapi ~> 2.x } }");
    }
    // one collection name per firewall (and one group name per policy): the provider's create fails with "already
    // exists - to be managed via Terraform this resource needs to be imported" for a second one
    Set<String> collections = new HashSet<>();
    for (HclParser.Block b : blocks) {
      if (b.type().equals("resource") && b.labels().get(0).matches("azurerm_firewall_(application|network)_rule_collection")) {
        String k = b.labels().get(0) + "|" + b.attributes().get("resource_group_name") + "|"
            + b.attributes().get("azure_firewall_name") + "|" + b.attributes().get("name");
        if (!collections.add(k.toLowerCase(java.util.Locale.ROOT))) {
          out.add("line " + b.line() + ": a second " + b.labels().get(0) + " named " + b.attributes().get("name")
              + " on firewall " + b.attributes().get("azure_firewall_name"));
        }
      } else if (b.type().equals("resource") && b.labels().get(0).equals("azurerm_firewall_policy_rule_collection_group")) {
        String k = b.attributes().get("firewall_policy_id") + "|" + b.attributes().get("name");
        if (!collections.add(k.toLowerCase(java.util.Locale.ROOT))) {
          out.add("line " + b.line() + ": a second rule collection group " + b.attributes().get("name") + " on one policy");
        }
      }
    }
    for (HclParser.Block b : blocks) {
      switch (b.type()) {
        case "terraform", "provider" -> { }
        case "import" -> {
          if (!(b.attributes().get("to") instanceof HclParser.Ref to) || !addresses.contains(to.text())
              || !(b.attributes().get("id") instanceof String)) {
            out.add("line " + b.line() + ": import needs to = <declared resource> and id = \"...\"");
          }
          provider(b, aliases, out, true);
        }
        case "resource", "data" -> resource(b, aliases, addresses, types, out, unchecked);
        default -> out.add("line " + b.line() + ": unexpected top-level block " + b.type());
      }
    }
    return out;
  }

  private static boolean requiredProviders(HclParser.Block t, List<String> out) {
    for (HclParser.Block rp : t.blocks()) {
      if (!rp.type().equals("required_providers")) {
        continue;
      }
      boolean ok = true;
      for (String[] p : new String[][] {{"azurerm", "hashicorp/azurerm", "~> 4."}, {"azapi", "Azure/azapi", "~> 2."}}) {
        if (!(rp.attributes().get(p[0]) instanceof Map<?, ?> m) || !p[1].equals(m.get("source"))
            || !(m.get("version") instanceof String v) || !v.startsWith(p[2])) {
          out.add("required_providers: " + p[0] + " must be source " + p[1] + ", version " + p[2] + "x");
          ok = false;
        }
      }
      return ok;
    }
    return false;
  }

  private static void provider(HclParser.Block b, Set<String> aliases, List<String> out, boolean azurerm) {
    Object p = b.attributes().get("provider");
    if (azurerm && (!(p instanceof HclParser.Ref r) || !r.text().startsWith("azurerm.")
        || !aliases.contains(r.text().substring(8)))) {
      out.add("line " + b.line() + ": " + String.join(".", b.labels()) + " must use a declared azurerm provider alias, has " + p);
    }
  }

  private static void resource(HclParser.Block b, Set<String> aliases, Set<String> addresses, BicepTypes types,
      List<String> out, List<String> unchecked) {
    String type = b.labels().get(0);
    String where = "line " + b.line() + " " + b.type() + " " + type;
    TerraformTable.Schema schema = TerraformTable.resource(b.type(), type);
    if (schema == null) {
      out.add(where + ": not in the provider table");
      return;
    }
    provider(b, aliases, out, type.startsWith("azurerm_"));
    body(b, schema, where, addresses, out, true);
    if (type.startsWith("azapi_") && types != null && b.attributes().get("type") instanceof String tv
        && b.attributes().get("body") != null) {
      String t = tv.substring(0, tv.indexOf('@'));
      String v = tv.substring(tv.indexOf('@') + 1);
      ObjectNode body = (ObjectNode) json(b.attributes().get("body"));
      // the name is part of the identity (resource_id or name), and discriminates some types (sites/config)
      if (type.equals("azapi_resource")) {
        body.put("name", String.valueOf(b.attributes().get("name")));
      } else if (b.attributes().get("resource_id") instanceof String id) {
        body.put("name", id.substring(id.lastIndexOf('/') + 1));
      }
      List<String> problems = types.check(t, v, body);
      if (problems.size() == 1 && problems.get(0).contains("no types.json")) {
        unchecked.add(tv);
        return;
      }
      for (String p : problems) {
        if (!(type.equals("azapi_update_resource") && p.endsWith("required property missing"))) {
          out.add(where + " body: " + p);
        }
      }
    }
  }

  private static void body(HclParser.Block b, TerraformTable.Schema schema, String where, Set<String> addresses,
      List<String> out, boolean top) {
    for (Map.Entry<String, Object> a : b.attributes().entrySet()) {
      if (top && TerraformTable.META.contains(a.getKey())) {
        continue;
      }
      TerraformTable.Arg arg = schema.args().get(a.getKey());
      if (arg == null) {
        out.add(where + ": unknown argument " + a.getKey() + " (" + schema.source() + ")");
        continue;
      }
      value(a.getValue(), arg, where + "." + a.getKey(), addresses, out);
    }
    for (Map.Entry<String, TerraformTable.Arg> a : schema.args().entrySet()) {
      if (a.getValue().required() && !b.attributes().containsKey(a.getKey())) {
        out.add(where + ": required argument " + a.getKey() + " missing");
      }
    }
    for (HclParser.Block nb : b.blocks()) {
      TerraformTable.Schema s = schema.blocks().get(nb.type());
      if (s == null) {
        out.add(where + ": unknown block " + nb.type());
        continue;
      }
      if (!nb.labels().isEmpty()) {
        out.add(where + ": block " + nb.type() + " takes no labels");
      }
      body(nb, s, where + "." + nb.type(), addresses, out, false);
    }
    for (Map.Entry<String, TerraformTable.Schema> s : schema.blocks().entrySet()) {
      long n = b.blocks().stream().filter(x -> x.type().equals(s.getKey())).count();
      if (n < s.getValue().minItems()) {
        out.add(where + ": needs at least " + s.getValue().minItems() + " " + s.getKey() + " block(s)");
      }
    }
  }

  private static void value(Object v, TerraformTable.Arg arg, String where, Set<String> addresses, List<String> out) {
    refs(v, where, addresses, out);
    if (v instanceof HclParser.Ref || v instanceof HclParser.Template || arg.kind().equals("dynamic")) {
      return;
    }
    switch (arg.kind()) {
      case "string" -> {
        if (!(v instanceof String s)) {
          out.add(where + ": expected a string, got " + v);
        } else if (arg.values() != null && !arg.values().contains(s)) {
          out.add(where + ": '" + s + "' is none of " + arg.values());
        }
      }
      case "int" -> {
        // Terraform converts a numeric string to a number; anything else is an error
        Long n = v instanceof Long l ? l : v instanceof String str && str.matches("-?[0-9]+") ? Long.valueOf(str) : null;
        if (n == null) {
          out.add(where + ": expected a number, got " + v);
        } else if (n < arg.min() || n > arg.max()) {
          out.add(where + ": " + n + " outside " + arg.min() + ".." + arg.max());
        }
      }
      case "bool" -> {
        if (!(v instanceof Boolean)) {
          out.add(where + ": expected a bool, got " + v);
        }
      }
      case "list", "set" -> {
        if (!(v instanceof List<?> l)) {
          out.add(where + ": expected a list, got " + v);
          return;
        }
        Set<Object> seen = new HashSet<>();
        for (Object x : l) {
          if (x instanceof String s) {
            if (arg.values() != null && !arg.values().contains(s)) {
              out.add(where + ": '" + s + "' is none of " + arg.values());
            }
            if (arg.kind().equals("set") && !seen.add(s)) {
              out.add(where + ": '" + s + "' twice in a set");
            }
          } else if (!(x instanceof HclParser.Ref || x instanceof HclParser.Template)) {
            out.add(where + ": expected strings, got " + x);
          }
        }
      }
      default -> out.add(where + ": unknown kind " + arg.kind());
    }
  }

  /** Every traversal must name a declared resource or data source (or the provider alias meta-argument). */
  private static void refs(Object v, String where, Set<String> addresses, List<String> out) {
    if (v instanceof HclParser.Ref r) {
      String[] p = r.text().split("\\.");
      String addr = p[0].equals("data") && p.length >= 3 ? p[0] + "." + p[1] + "." + p[2]
          : p.length >= 2 ? p[0] + "." + p[1] : r.text();
      if (!addresses.contains(addr)) {
        out.add(where + ": reference to undeclared " + addr);
      }
    } else if (v instanceof List<?> l) {
      l.forEach(x -> refs(x, where, addresses, out));
    } else if (v instanceof Map<?, ?> m) {
      m.values().forEach(x -> refs(x, where, addresses, out));
    }
  }

  static JsonNode json(Object v) {
    if (v == null) {
      return Deployables.F.nullNode();
    } else if (v instanceof String s) {
      return Deployables.F.textNode(s);
    } else if (v instanceof Long n) {
      return Deployables.F.numberNode(n);
    } else if (v instanceof Boolean b) {
      return Deployables.F.booleanNode(b);
    } else if (v instanceof List<?> l) {
      ArrayNode a = Deployables.F.arrayNode();
      l.forEach(x -> a.add(json(x)));
      return a;
    } else if (v instanceof Map<?, ?> m) {
      ObjectNode o = Deployables.F.objectNode();
      m.forEach((k, x) -> o.set(String.valueOf(k), json(x)));
      return o;
    }
    return Deployables.F.pojoNode(new BicepTypes.Expr(String.valueOf(v)));
  }
}
