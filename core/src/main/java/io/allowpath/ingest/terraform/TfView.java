package io.allowpath.ingest.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.ingest.Unknown;
import io.allowpath.ingest.terraform.TfDocument.Instance;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of one instance's attributes (or of one nested block), each resolved by {@link TfResolver}:
 * a value known after apply comes back as {@link Unknown} (or its resolved reference), never as an
 * empty string. Also small builders for the ARM JSON the mappings write.
 */
final class TfView {
  final Instance instance;
  private final List<Object> base;
  private final TfResolver resolver;

  TfView(Instance instance, List<Object> base, TfResolver resolver) {
    this.instance = instance;
    this.base = List.copyOf(base);
    this.resolver = resolver;
  }

  private List<Object> path(String attr) {
    List<Object> p = new ArrayList<>(base);
    p.add(attr);
    return p;
  }

  /** The attribute's value (id-like attributes resolve references to ids), Unknown, or null. */
  JsonNode n(String attr) {
    return resolver.value(instance, base, attr, wantsId(attr));
  }

  /**
   * The value of an argument that only the configuration holds (a write-only argument): its constant, or the
   * id its expression's reference resolves to; Unknown when it is set but cannot be resolved; null when not set.
   */
  JsonNode configured(String attr) {
    return resolver.configured(instance, path(attr));
  }

  /** True when the configuration sets the argument or block (an expression, a constant or nested blocks). */
  boolean configures(String attr) {
    return !resolver.configExpr(instance, path(attr)).isMissingNode();
  }

  /**
   * Attributes whose value is a resource id: {@code *_id}, {@code *_ids}, and the few azurerm id arguments without
   * the suffix (a block's {@code id}, such as Cosmos DB's {@code virtual_network_rule.id}; a VNet subnet block's
   * {@code security_group}).
   */
  static boolean wantsId(String attr) {
    return attr.endsWith("_id") || attr.endsWith("_ids") || attr.equals("id") || attr.equals("security_group");
  }

  /** A known scalar as text, else null. */
  String s(String attr) {
    JsonNode v = n(attr);
    return v != null && v.isValueNode() && !v.isNull() ? v.asText() : null;
  }

  /**
   * A scalar value as ARM JSON: the value, Unknown, or null. An empty string is null: Terraform writes
   * {@code ""} for an optional string that is not set, where ARM leaves the field out.
   */
  JsonNode v(String attr) {
    JsonNode v = n(attr);
    if (v == null || v.isNull() || v.isTextual() && v.asText().isEmpty()) {
      return null;
    }
    return v.isValueNode() || Unknown.is(v) ? v : null;
  }

  Boolean b(String attr) {
    JsonNode v = n(attr);
    return v != null && v.isBoolean() ? v.asBoolean() : null;
  }

  /** The elements of a list or set attribute (an unknown list is one unknown element). */
  List<JsonNode> list(String attr) {
    List<JsonNode> out = new ArrayList<>();
    if (resolver.unknownAsWhole(instance, path(attr))) {
      // unknown as a whole (toset([a.id, b.id]), [a.id, "/.../legacy"]): the values its expression names, each
      // resolved, then an unknown element for what references do not show (constants, what a function makes)
      ArrayNode named = resolver.listFromExpr(instance, path(attr), wantsId(attr));
      if (named != null) {
        named.forEach(out::add);
      } else {
        out.add(Unknown.of("terraform: " + instance.address + "." + TfResolver.pathText(path(attr)) + " (known after apply)"));
      }
      return out;
    }
    JsonNode v = n(attr);
    if (v == null || v.isNull()) {
      return out;
    }
    if (Unknown.is(v) || !v.isArray()) {
      out.add(v);
      return out;
    }
    v.forEach(out::add);
    return out;
  }

  /** True when the attribute is present (known, even if empty) in the values. */
  boolean known(String attr) {
    JsonNode v = n(attr);
    return v != null && !v.isNull() && !Unknown.is(v);
  }

  /** The nested blocks of a block attribute, each as a view. */
  List<TfView> blocks(String attr) {
    JsonNode v = n(attr);
    List<TfView> out = new ArrayList<>();
    if (v != null && v.isArray()) {
      for (int k = 0; k < v.size(); k++) {
        if (v.get(k).isObject()) {
          List<Object> p = path(attr);
          p.add(k);
          out.add(new TfView(instance, p, resolver));
        }
      }
    }
    return out;
  }

  /** The first nested block, or null. */
  TfView block(String attr) {
    List<TfView> b = blocks(attr);
    return b.isEmpty() ? null : b.get(0);
  }

  // ---------------------------------------------------------------- ARM JSON builders

  static ObjectNode obj() {
    return JsonNodeFactory.instance.objectNode();
  }

  static ArrayNode arr() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /** Sets a field unless the value is null. */
  static ObjectNode put(ObjectNode o, String field, JsonNode v) {
    if (v != null && !v.isNull()) {
      o.set(field, v);
    }
    return o;
  }

  static ObjectNode put(ObjectNode o, String field, String v) {
    if (v != null) {
      o.put(field, v);
    }
    return o;
  }

  /** {@code {"id": v}} or null. */
  static ObjectNode ref(JsonNode v) {
    return v == null || v.isNull() ? null : obj().set("id", v);
  }

  /** An array of {@code {"field": element}} objects. */
  static ArrayNode objects(List<JsonNode> values, String field) {
    ArrayNode a = arr();
    for (JsonNode v : values) {
      if (v != null && !v.isNull()) {
        a.add(obj().set(field, v));
      }
    }
    return a;
  }

  static ArrayNode strings(List<JsonNode> values) {
    ArrayNode a = arr();
    for (JsonNode v : values) {
      if (v != null && !v.isNull()) {
        a.add(v);
      }
    }
    return a;
  }

  /** "Enabled"/"Disabled" from a {@code public_network_access_enabled} boolean, or null. */
  static String enabled(Boolean b) {
    return b == null ? null : b ? "Enabled" : "Disabled";
  }
}
