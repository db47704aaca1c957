package io.allowpath.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Maps JSON pointers to line and column in a file, by re-reading it with Jackson's streaming parser:
 * the location of a pointer is where its value starts (the opening brace of a resource object). The
 * estate keeps each resource's file and pointer ({@code Estate.source}); this turns them into SARIF
 * regions.
 */
public final class JsonLocations {
  /** A 1-based line and column. */
  public record Position(int line, int column) {}

  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonLocations() {}

  /** The positions of the given pointers found in the file; empty when the file cannot be read. */
  public static Map<String, Position> locate(Path file, Set<String> pointers) {
    Map<String, Position> out = new HashMap<>();
    if (pointers.isEmpty()) {
      return out;
    }
    try (JsonParser p = FACTORY.createParser(file.toFile())) {
      if (p.nextToken() != null) {
        walk(p, "", pointers, out);
      }
    } catch (IOException e) {
      return Map.of();
    }
    return out;
  }

  private static boolean wanted(String pointer, Set<String> pointers) {
    for (String w : pointers) {
      if (w.equals(pointer) || w.startsWith(pointer + "/")) {
        return true;
      }
    }
    return false;
  }

  /** Visits the value at the current token, whose pointer is {@code pointer}. */
  private static void walk(JsonParser p, String pointer, Set<String> pointers, Map<String, Position> out)
      throws IOException {
    JsonToken t = p.currentToken();
    if (pointers.contains(pointer)) {
      JsonLocation l = p.currentTokenLocation();
      out.put(pointer, new Position(l.getLineNr(), l.getColumnNr()));
    }
    if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
      return;
    }
    if (!wanted(pointer, pointers) || out.size() == pointers.size()) {
      p.skipChildren();
      return;
    }
    if (t == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        walk(p, pointer + "/" + name.replace("~", "~0").replace("/", "~1"), pointers, out);
      }
    } else {
      int i = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        walk(p, pointer + "/" + i++, pointers, out);
      }
    }
  }
}
