package io.allowpath.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a JSON input and says what is wrong with it in our words: the file, "line L, column C", and
 * what was expected. Jackson's own wording (its class and setting names, "Source: ...") never reaches
 * the user. Nesting deeper than Jackson's default limit (1000 levels) is refused with its position.
 */
public final class JsonFiles {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonFiles() {}

  /** Parses a file; {@code what} names it in messages ("the parameters file"). */
  public static JsonNode read(Path file, String what) {
    return read(file, what, ObjectMapper::readTree);
  }

  /** Parses a file with {@code reader}; {@code what} names it in messages. */
  public static JsonNode read(Path file, String what, TreeReader reader) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InputException(file.toString(), null, "cannot read " + what + ": " + IoProblems.reason(e, file));
    } catch (OutOfMemoryError e) {
      throw new InputException(file.toString(), null, "too large to read");
    }
    return parse(file.toString(), bytes, reader);
  }

  /** Reads all of a stream (standard input). */
  public static byte[] readAll(InputStream in, String name) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new InputException(name, null, "cannot read: " + IoProblems.words(e.getMessage()));
    }
  }

  /** Parses bytes read from {@code name}. */
  public static JsonNode parse(String name, byte[] bytes) {
    return parse(name, bytes, ObjectMapper::readTree);
  }

  /** How a tree is read from a parser positioned before its first token (e.g. one that skips parts). */
  @FunctionalInterface
  public interface TreeReader {
    JsonNode read(ObjectMapper mapper, JsonParser parser) throws IOException;
  }

  /** Parses bytes read from {@code name} with {@code reader}; problems are reported as by {@link #parse(String, byte[])}. */
  public static JsonNode parse(String name, byte[] bytes, TreeReader reader) {
    JsonParser parser = null;
    try {
      parser = MAPPER.createParser(bytes);
      return reader.read(MAPPER, parser);
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      if (l == null && parser != null) {
        l = parser.currentLocation(); // a limit exceeded (nesting depth) carries no location of its own
      }
      String where = l == null || l.getLineNr() < 0 ? null : "line " + l.getLineNr() + ", column " + l.getColumnNr();
      throw new InputException(name, where, describe(e));
    } catch (IOException e) {
      throw new InputException(name, null, "cannot read: " + IoProblems.words(e.getMessage()));
    } finally {
      if (parser != null) {
        try {
          parser.close();
        } catch (IOException e) {
          // nothing to release for a byte array
        }
      }
    }
  }

  /** A parse failure in our words. */
  public static String describe(JsonProcessingException e) {
    String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    String lower = m.toLowerCase(Locale.ROOT);
    if (e instanceof StreamConstraintsException) {
      if (lower.contains("nesting depth")) {
        return "malformed input: JSON nested too deeply (more than 1000 levels of arrays and objects)";
      }
      if (lower.contains("number")) {
        return "malformed input: a number too long to read";
      }
      if (lower.contains("string") || lower.contains("name")) {
        return "malformed input: a string or field name too long to read";
      }
      return "malformed input: JSON beyond the reader's size limits";
    }
    if (e instanceof JsonEOFException || lower.contains("unexpected end-of-input")) {
      return "malformed JSON: the input ends in the middle of a value (truncated file?)";
    }
    // Jackson's parse messages are plain English after the location is cut off; drop its internals
    String clean = m.replaceAll("\\s*\\(from `[^`]*`\\)", "")
        .replaceAll("(?:[a-z_][a-z0-9_]*\\.){2,}[A-Z][A-Za-z0-9_$]*(?::\\s*)?", "")
        .replace("\n", " ").replace("\r", " ").strip();
    if (clean.length() > 200) {
      clean = clean.substring(0, 200) + "...";
    }
    return "malformed JSON: " + clean;
  }
}
