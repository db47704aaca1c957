package io.allowpath.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A value that is not known until deployment (habit 7: "unknown" is a first-class value). Template
 * evaluation represents such a value as the JSON object {@code {"$unknown": "<expression>"}}; readers
 * turn it into a symbolic or UNKNOWN answer, never into an empty string.
 */
public final class Unknown {
  public static final String KEY = "$unknown";

  private Unknown() {}

  public static ObjectNode of(String expression) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put(KEY, expression);
    return n;
  }

  public static boolean is(JsonNode n) {
    return n != null && n.isObject() && n.size() == 1 && n.has(KEY);
  }

  /** The expression that made the value unknown, or null when {@code n} is not unknown. */
  public static String expression(JsonNode n) {
    return is(n) ? n.get(KEY).asText() : null;
  }
}
