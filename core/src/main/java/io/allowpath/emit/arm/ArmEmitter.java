package io.allowpath.emit.arm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.emit.Emitter;
import io.allowpath.emit.spec.ApiVersions;
import io.allowpath.emit.spec.ArmSpecs;
import io.allowpath.emit.spec.Deployment;
import io.allowpath.emit.spec.Node;
import io.allowpath.emit.spec.ResourceSpec;
import io.allowpath.model.ResourceId;
import io.allowpath.plan.Plan;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * ARM JSON emitter. Output: one JSON object whose keys are {@code "<subscription>/<resourceGroup>"}
 * and whose values are deployment templates (schema 2019-04-01), one per resource group, each deployed
 * with {@code az deployment group create -g <rg> --subscription <sub> --template-file <file>}. Keys are
 * in deployment order: groups that create public IPs first. Resources carry the full merged rule lists
 * (an ARM PUT replaces lists); notes go in each resource's {@code comments} and in the template's
 * {@code metadata.allowpathNotes}.
 *
 * <p>A public IP address not known before deployment is an expression:
 * {@code [reference(resourceId('<sub>', '<rg>', 'Microsoft.Network/publicIPAddresses', '<name>'), '2024-05-01').ipAddress]};
 * a string value that starts with {@code [} is escaped as {@code [[} so ARM does not evaluate it
 * (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-expressions#escape-characters).
 * The Jackson writer owns layout: two-space indent, {@code \n} line ends, keys in insertion order.
 */
public final class ArmEmitter implements Emitter {
  public static final String SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  @Override
  public String emit(Plan plan) {
    ObjectNode root = F.objectNode();
    for (Deployment d : ArmSpecs.of(plan)) {
      root.set(d.subscription() + "/" + d.resourceGroup(), template(d));
    }
    DefaultPrettyPrinter pp = new DefaultPrettyPrinter(
        Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
        .withObjectIndenter(new DefaultIndenter("  ", "\n")).withArrayIndenter(new DefaultIndenter("  ", "\n"));
    try {
      return MAPPER.writer(pp).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode template(Deployment d) {
    Set<ResourceId> declared = new TreeSet<>();
    d.resources().stream().filter(r -> !r.existing()).forEach(r -> declared.add(r.id()));
    ObjectNode t = F.objectNode();
    t.put("$schema", SCHEMA);
    t.put("contentVersion", "1.0.0.0");
    if (!d.notes().isEmpty()) {
      ArrayNode n = F.arrayNode();
      d.notes().forEach(n::add);
      t.putObject("metadata").set("allowpathNotes", n);
    }
    ArrayNode resources = t.putArray("resources");
    for (ResourceSpec r : d.resources()) {
      if (r.existing()) {
        continue;
      }
      Set<ResourceId> deps = new TreeSet<>();
      ObjectNode o = resources.addObject();
      o.put("type", r.type());
      o.put("apiVersion", r.apiVersion());
      o.put("name", armName(r));
      for (Map.Entry<String, Node> e : r.body().fields().entrySet()) {
        o.set(e.getKey(), json(e.getValue(), declared, deps));
      }
      if (r.isChild() && declared.contains(r.id().parent())) {
        deps.add(r.id().parent());
      }
      r.dependsOn().stream().filter(declared::contains).forEach(deps::add);
      deps.remove(r.id());
      if (!deps.isEmpty()) {
        ArrayNode dn = o.putArray("dependsOn");
        deps.forEach(id -> dn.add("[" + resourceIdExpr(id) + "]"));
      }
      if (!r.notes().isEmpty()) {
        o.put("comments", String.join(" | ", r.notes()));
      }
    }
    return t;
  }

  /** {@code parent/child} for child resources, the name otherwise. */
  static String armName(ResourceSpec r) {
    if (!r.isChild()) {
      return r.name();
    }
    return r.id().parent().name() + "/" + r.name();
  }

  private static com.fasterxml.jackson.databind.JsonNode json(Node n, Set<ResourceId> declared, Set<ResourceId> deps) {
    if (n instanceof Node.Str s) {
      return F.textNode(s.value().startsWith("[") ? "[" + s.value() : s.value());
    } else if (n instanceof Node.Num x) {
      return F.numberNode(x.value());
    } else if (n instanceof Node.Bool b) {
      return F.booleanNode(b.value());
    } else if (n instanceof Node.Arr a) {
      ArrayNode out = F.arrayNode();
      a.items().forEach(i -> out.add(json(i, declared, deps)));
      return out;
    } else if (n instanceof Node.Obj o) {
      ObjectNode out = F.objectNode();
      o.fields().forEach((k, v) -> out.set(k, json(v, declared, deps)));
      return out;
    } else if (n instanceof Node.IdOf i) {
      if (declared.contains(i.id())) {
        deps.add(i.id());
        return F.textNode("[" + resourceIdExpr(i.id()) + "]");
      }
      return F.textNode(i.id().value());
    }
    return F.textNode("[" + expr(n, declared, deps) + "]");
  }

  /** The expression (without brackets) for references and concatenations. */
  private static String expr(Node n, Set<ResourceId> declared, Set<ResourceId> deps) {
    if (n instanceof Node.PipAddress p) {
      if (declared.contains(p.publicIp())) {
        deps.add(p.publicIp());
      }
      return "reference(" + resourceIdExpr(p.publicIp()) + ", " + lit(ApiVersions.NETWORK) + ").ipAddress";
    } else if (n instanceof Node.Tenant) {
      return "subscription().tenantId";
    } else if (n instanceof Node.Concat c) {
      StringBuilder sb = new StringBuilder("concat(");
      for (int i = 0; i < c.parts().size(); i++) {
        sb.append(i == 0 ? "" : ", ").append(expr(c.parts().get(i), declared, deps));
      }
      return sb.append(")").toString();
    } else if (n instanceof Node.Str s) {
      return lit(s.value());
    } else if (n instanceof Node.IdOf i) {
      if (declared.contains(i.id())) {
        deps.add(i.id());
      }
      return resourceIdExpr(i.id());
    }
    throw new IllegalArgumentException("not an expression: " + n);
  }

  /** {@code resourceId('<sub>', '<rg>', '<type>', '<name>'[, '<child>'])}. */
  static String resourceIdExpr(ResourceId id) {
    StringBuilder sb = new StringBuilder("resourceId(").append(lit(id.subscription())).append(", ")
        .append(lit(id.resourceGroup())).append(", ").append(lit(id.type()));
    java.util.ArrayDeque<String> names = new java.util.ArrayDeque<>();
    for (ResourceId cur = id; cur != null; cur = cur.parent()) {
      names.push(cur.name());
    }
    names.forEach(nm -> sb.append(", ").append(lit(nm)));
    return sb.append(")").toString();
  }

  /** An ARM expression string literal: single quotes, embedded quotes doubled. */
  static String lit(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
