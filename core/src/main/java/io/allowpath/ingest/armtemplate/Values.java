package io.allowpath.ingest.armtemplate;

import io.allowpath.ingest.Unknown;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** JSON value helpers with ARM's typing rules (64-bit integers, .NET-style string conversion). */
final class Values {
  static final JsonNodeFactory F = JsonNodeFactory.instance;
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Values() {}

  static String typeName(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return "null";
    }
    if (n.isTextual()) {
      return "string";
    }
    if (n.isIntegralNumber()) {
      return "int";
    }
    if (n.isNumber()) {
      return "number";
    }
    if (n.isBoolean()) {
      return "bool";
    }
    return n.isArray() ? "array" : "object";
  }

  static String str(JsonNode n, String fn) {
    if (n != null && n.isTextual()) {
      return n.textValue();
    }
    throw ExpressionException.eval(fn + ": expected a string but got " + typeName(n));
  }

  static long integer(JsonNode n, String fn) {
    if (n != null && n.isIntegralNumber()) {
      return n.longValue();
    }
    if (n != null && n.isNumber() && n.doubleValue() == Math.rint(n.doubleValue())) {
      return (long) n.doubleValue();
    }
    throw ExpressionException.eval(fn + ": expected an integer but got " + typeName(n));
  }

  static boolean bool(JsonNode n, String fn) {
    if (n != null && n.isBoolean()) {
      return n.booleanValue();
    }
    throw ExpressionException.eval(fn + ": expected a bool but got " + typeName(n));
  }

  static ArrayNode array(JsonNode n, String fn) {
    if (n != null && n.isArray()) {
      return (ArrayNode) n;
    }
    throw ExpressionException.eval(fn + ": expected an array but got " + typeName(n));
  }

  static ObjectNode object(JsonNode n, String fn) {
    if (n != null && n.isObject()) {
      return (ObjectNode) n;
    }
    throw ExpressionException.eval(fn + ": expected an object but got " + typeName(n));
  }

  /** .NET-style conversion used by {@code string()}, {@code concat} and {@code format}. */
  static String display(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return "";
    }
    if (n.isTextual()) {
      return n.textValue();
    }
    if (n.isBoolean()) {
      return n.booleanValue() ? "True" : "False";
    }
    if (n.isNumber()) {
      return n.isIntegralNumber() ? Long.toString(n.longValue()) : n.asText();
    }
    return compact(n);
  }

  static String compact(JsonNode n) {
    try {
      return MAPPER.writeValueAsString(n);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Deep equality where 1 (int) equals 1 (long) and 1.0; strings are compared case-sensitively. */
  static boolean same(JsonNode a, JsonNode b) {
    boolean an = a == null || a.isNull() || a.isMissingNode();
    boolean bn = b == null || b.isNull() || b.isMissingNode();
    if (an || bn) {
      return an && bn;
    }
    if (a.isNumber() && b.isNumber()) {
      return a.isIntegralNumber() && b.isIntegralNumber()
          ? a.longValue() == b.longValue()
          : a.doubleValue() == b.doubleValue();
    }
    if (a.getNodeType() != b.getNodeType()) {
      return false;
    }
    if (a.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!same(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      Iterator<Map.Entry<String, JsonNode>> it = a.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode other = getIgnoreCase(b, e.getKey());
        if (other == null || !same(e.getValue(), other)) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /** ARM property names are case-insensitive: exact match first, then ignoring case. */
  static JsonNode getIgnoreCase(JsonNode obj, String name) {
    JsonNode v = obj.get(name);
    if (v != null) {
      return v;
    }
    Iterator<Map.Entry<String, JsonNode>> it = obj.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  static boolean isNull(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode();
  }

  /** True when {@code n} is or contains an unknown value anywhere. */
  static boolean containsUnknown(JsonNode n) {
    if (Unknown.is(n)) {
      return true;
    }
    if (n != null && n.isContainerNode()) {
      for (JsonNode c : n) {
        if (containsUnknown(c)) {
          return true;
        }
      }
    }
    return false;
  }
}
