package io.allowpath.ingest.terraform;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Reads a JSON document as a tree, leaving out of a Terraform plan or state what the adapter never reads
 * (https://developer.hashicorp.com/terraform/internals/json-format):
 *
 * <ul>
 *   <li>in {@code resource_changes[]}, every field but {@code address}, {@code deposed} and, of its {@code change}, every field
 *       but {@code after_unknown} and {@code actions}: the {@code before}/{@code after} values there repeat
 *       {@code prior_state} and {@code planned_values}, about a third of a plan's size;
 *   <li>each resource's {@code sensitive_values} in {@code planned_values}, {@code prior_state} and a state's
 *       {@code values} (which attributes Terraform masks in its output, not what they are);
 *   <li>the top-level {@code resource_drift} (changes made outside Terraform, with their before/after values),
 *       {@code action_invocations}, {@code deferred_action_invocations}, {@code output_changes},
 *       {@code relevant_attributes} and {@code checks}.
 * </ul>
 *
 * The parser still checks the syntax of what it skips. Keeping the tree to what is used keeps the allocation,
 * the garbage collector's copying and the later walks' cache misses down.
 *
 * <p>Only a document whose first field is {@code format_version} is slimmed, which is how
 * {@code terraform show -json} writes it; every other document is read whole, exactly as
 * {@link ObjectMapper#readTree(JsonParser)} reads it (duplicate fields: the last wins). A part of a Terraform
 * document that is not shaped as expected (a module that is not an object, say) is kept whole, for the adapter
 * to report.
 */
final class TfJson {
  private TfJson() {}

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /**
   * Top-level parts of a plan nothing reads (Terraform's jsonplan.plan): changes made outside Terraform (with their
   * before/after values), action invocations, output changes, the heuristic relevant attributes, check results.
   */
  private static final java.util.Set<String> SKIPPED = java.util.Set.of("resource_drift", "action_invocations",
      "deferred_action_invocations", "output_changes", "relevant_attributes", "checks");

  static JsonNode readTree(ObjectMapper mapper, JsonParser p) throws IOException {
    return readTree(mapper, p, false);
  }

  /**
   * As {@link #readTree(ObjectMapper, JsonParser)}; with {@code plannedOnly}, a plan's {@code prior_state} also loses
   * its managed resources' values but their ids (the planned side reads the data sources there, which Terraform
   * records in the prior state alone, and the ids for the subscription). A resource whose {@code mode} does not
   * come before its {@code values} (Terraform writes {@code mode} first) keeps them whole.
   */
  static JsonNode readTree(ObjectMapper mapper, JsonParser p, boolean plannedOnly) throws IOException {
    JsonToken t = p.nextToken();
    if (t != JsonToken.START_OBJECT) {
      return t == null ? null : mapper.readTree(p);
    }
    ObjectNode root = F.objectNode();
    boolean terraform = false;
    boolean first = true;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      t = p.nextToken();
      if (first) {
        terraform = f.equals("format_version");
        first = false;
      }
      if (!terraform) {
        root.replace(f, mapper.readTree(p));
      } else if (t == JsonToken.START_ARRAY && f.equals("resource_changes")) {
        root.replace(f, changes(p));
      } else if (t == JsonToken.START_OBJECT && (f.equals("planned_values") || f.equals("values"))) {
        root.replace(f, values(p, false));
      } else if (t == JsonToken.START_OBJECT && f.equals("prior_state")) {
        root.replace(f, state(p, plannedOnly));
      } else if (SKIPPED.contains(f)) {
        p.skipChildren();
      } else {
        root.replace(f, node(p, t));
      }
    }
    return root;
  }

  /** A reader of one part of the document, called at the part's START_OBJECT. */
  private interface Part {
    ObjectNode read(JsonParser p) throws IOException;
  }

  /** An object whose field {@code name}, when it is an object, is read by {@code part}; every other field whole. */
  private static ObjectNode object(JsonParser p, String name, Part part) throws IOException {
    ObjectNode o = F.objectNode();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken t = p.nextToken();
      o.replace(f, t == JsonToken.START_OBJECT && f.equals(name) ? part.read(p) : node(p, t));
    }
    return o;
  }

  /** A state ({@code prior_state}): its {@code values} read by {@link #values}, the rest whole. */
  private static ObjectNode state(JsonParser p, boolean dataOnly) throws IOException {
    return object(p, "values", q -> values(q, dataOnly));
  }

  /** A values representation ({@code root_module}, {@code outputs}): the module read by {@link #module}. */
  private static ObjectNode values(JsonParser p, boolean dataOnly) throws IOException {
    return object(p, "root_module", q -> module(q, dataOnly));
  }

  /**
   * A module: its resources read by {@link #resource}, its child modules alike, the rest whole.
   */
  private static ObjectNode module(JsonParser p, boolean dataOnly) throws IOException {
    ObjectNode o = F.objectNode();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken t = p.nextToken();
      boolean resources = f.equals("resources");
      if (t == JsonToken.START_ARRAY && (resources || f.equals("child_modules"))) {
        ArrayNode a = F.arrayNode();
        while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
          a.add(t != JsonToken.START_OBJECT ? node(p, t) : resources ? resource(p, dataOnly) : module(p, dataOnly));
        }
        o.replace(f, a);
      } else {
        o.replace(f, node(p, t));
      }
    }
    return o;
  }

  /**
   * A resource of a module without its {@code sensitive_values}; with {@code dataOnly}, a managed one keeps of its
   * values only the text fields that can hold an ARM id ({@link TfDocument#idField}), from which the planned side
   * still tells the subscription (a plan that replaces everything knows its ids only in the prior state).
   */
  private static ObjectNode resource(JsonParser p, boolean dataOnly) throws IOException {
    ObjectNode o = F.objectNode();
    boolean managed = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken t = p.nextToken();
      if (dataOnly && f.equals("mode")) {
        managed = t == JsonToken.VALUE_STRING && p.getText().equals("managed");
      }
      if (f.equals("sensitive_values")) {
        p.skipChildren();
      } else if (managed && f.equals("values") && t == JsonToken.START_OBJECT) {
        o.replace(f, idFields(p));
      } else {
        o.replace(f, node(p, t));
      }
    }
    return o;
  }

  /** An object's text fields that can hold an ARM id; every other field skipped. */
  private static ObjectNode idFields(JsonParser p) throws IOException {
    ObjectNode o = F.objectNode();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_STRING && TfDocument.idField(f)) {
        o.put(f, p.getText());
      } else {
        p.skipChildren();
      }
    }
    return o;
  }

  /**
   * The resource changes, each cut to its {@code address}, {@code deposed} and a {@code change} of
   * {@code after_unknown} and {@code actions}.
   */
  private static ArrayNode changes(JsonParser p) throws IOException {
    ArrayNode out = F.arrayNode();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
      if (t != JsonToken.START_OBJECT) {
        out.add(node(p, t));
        continue;
      }
      ObjectNode c = F.objectNode();
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        t = p.nextToken();
        if (t == JsonToken.START_OBJECT && f.equals("change")) {
          ObjectNode ch = F.objectNode();
          while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String g = p.currentName();
            t = p.nextToken();
            if (g.equals("after_unknown") || g.equals("actions")) {
              ch.replace(g, node(p, t));
            } else {
              p.skipChildren();
            }
          }
          c.replace(f, ch);
        } else if (f.equals("address") || f.equals("deposed")) {
          c.replace(f, node(p, t));
        } else {
          p.skipChildren();
        }
      }
      out.add(c);
    }
    return out;
  }

  /** The value starting at the current token {@code t}, built as readTree builds it. */
  private static JsonNode node(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT -> {
        ObjectNode o = F.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String f = p.currentName();
          o.replace(f, node(p, p.nextToken()));
        }
        return o;
      }
      case START_ARRAY -> {
        ArrayNode a = F.arrayNode();
        JsonToken n;
        while ((n = p.nextToken()) != JsonToken.END_ARRAY && n != null) {
          a.add(node(p, n));
        }
        return a;
      }
      case VALUE_STRING -> {
        return F.textNode(p.getText());
      }
      case VALUE_TRUE -> {
        return F.booleanNode(true);
      }
      case VALUE_FALSE -> {
        return F.booleanNode(false);
      }
      case VALUE_NULL -> {
        return F.nullNode();
      }
      case VALUE_NUMBER_INT -> {
        return switch (p.getNumberType()) {
          case INT -> F.numberNode(p.getIntValue());
          case LONG -> F.numberNode(p.getLongValue());
          default -> F.numberNode(p.getBigIntegerValue());
        };
      }
      case VALUE_NUMBER_FLOAT -> {
        return F.numberNode(p.getDoubleValue());
      }
      default -> {
        // an embedded object or a token readTree would not start a value with: let Jackson say what is wrong
        throw new JsonParseException(p, "unexpected token " + t);
      }
    }
  }
}
