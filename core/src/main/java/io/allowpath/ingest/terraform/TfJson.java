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
 * Reads a JSON document as a tree, leaving out of a Terraform plan what the adapter never reads: in
 * {@code resource_changes[].change}, every field but {@code after_unknown} and {@code actions}. The
 * {@code before}/{@code after} values there repeat {@code prior_state} and {@code planned_values}
 * (https://developer.hashicorp.com/terraform/internals/json-format#change-representation), so they are
 * about a third of a plan's size; skipping them (the parser still checks their syntax) keeps the tree,
 * the allocation and the garbage collector's copying to what is used.
 *
 * <p>Only a document whose first field is {@code format_version} is slimmed, which is how
 * {@code terraform show -json} writes it; every other document is read whole, exactly as
 * {@link ObjectMapper#readTree(JsonParser)} reads it (duplicate fields: the last wins).
 */
final class TfJson {
  private TfJson() {}

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  static JsonNode readTree(ObjectMapper mapper, JsonParser p) throws IOException {
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
      if (terraform && t == JsonToken.START_ARRAY && f.equals("resource_changes")) {
        root.replace(f, changes(p));
      } else {
        root.replace(f, mapper.readTree(p));
      }
    }
    return root;
  }

  /** The resource changes with each {@code change} cut to {@code after_unknown} and {@code actions}. */
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
        } else {
          c.replace(f, node(p, t));
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
