package io.allowpath.emit.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.POJONode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A type checker for ARM resource bodies over the Bicep type system (Azure/bicep-types-az
 * {@code generated/<rp>/<provider>/<apiVersion>/types.json}: a JSON array of types referenced as {@code #/N};
 * {@code ResourceType} names {@code Type@apiVersion} and its {@code body}; {@code ObjectType} properties carry
 * {@code flags}: 1 required, 2 read-only). It reports: a type+version it does not know, unknown properties,
 * read-only properties written, wrong value types, values outside an enum (string literal unions compare exactly,
 * as Bicep does), integers outside their range, strings that break a pattern or length, and missing required
 * properties. A value for which {@link #isExpression} holds (an ARM {@code [expression]} or a Bicep reference)
 * matches any type.
 */
public final class BicepTypes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int REQUIRED = 1;
  private static final int READ_ONLY = 2;

  /** Files by {@code provider@version} (lowercase), loaded on first use. */
  private final Map<String, Path> files = new HashMap<>();
  private final Map<String, JsonNode> loaded = new HashMap<>();

  /** A Bicep expression (a symbol reference, an interpolated string): matches any type. */
  public record Expr(String text) {}

  /** Every {@code types.json} under {@code root} (the corpus folder or a fixture folder). */
  public static BicepTypes under(Path root) {
    BicepTypes t = new BicepTypes();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(p -> p.getFileName().toString().equals("types.json")).forEach(p -> {
        String version = p.getParent().getFileName().toString();
        String provider = p.getParent().getParent().getFileName().toString();
        t.files.put((provider + "@" + version).toLowerCase(Locale.ROOT), p);
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return t;
  }

  private JsonNode types(String type, String version) {
    String provider = type.substring(0, type.indexOf('/'));
    String key = (provider + "@" + version).toLowerCase(Locale.ROOT);
    Path f = files.get(key);
    if (f == null) {
      return null;
    }
    return loaded.computeIfAbsent(key, k -> {
      try {
        return JSON.readTree(f.toFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** Problems of one resource body ({@code name}, {@code location}, {@code properties}, ...) as "where: what". */
  public List<String> check(String type, String apiVersion, JsonNode body) {
    List<String> out = new ArrayList<>();
    String where = type + "@" + apiVersion;
    JsonNode all = types(type, apiVersion);
    if (all == null) {
      out.add(where + ": no types.json for this provider and API version");
      return out;
    }
    JsonNode rt = null;
    for (JsonNode t : all) {
      if (t.path("$type").asText().equals("ResourceType") && t.path("name").asText().equalsIgnoreCase(where)) {
        rt = t;
      }
    }
    if (rt == null) {
      out.add(where + ": resource type not in this API version");
      return out;
    }
    new Run(all, out).value(body, rt.path("body"), where);
    return out;
  }

  /** ARM template expressions ({@code [..]}, but not the escaped {@code [[..]}) and Bicep expressions. */
  public static boolean isExpression(JsonNode v) {
    if (v instanceof POJONode p && p.getPojo() instanceof Expr) {
      return true;
    }
    if (v.isTextual()) {
      String s = v.asText();
      return s.startsWith("[") && !s.startsWith("[[") && s.endsWith("]");
    }
    return false;
  }

  private static final class Run {
    final JsonNode all;
    final List<String> out;

    Run(JsonNode all, List<String> out) {
      this.all = all;
      this.out = out;
    }

    JsonNode deref(JsonNode ref) {
      String r = ref.path("$ref").asText();
      return all.get(Integer.parseInt(r.substring(r.lastIndexOf('/') + 1)));
    }

    /** True when {@code v} fits {@code ref}, without reporting (for unions). */
    boolean fits(JsonNode v, JsonNode ref, String where) {
      List<String> probe = new ArrayList<>();
      new Run(all, probe).value(v, ref, where);
      return probe.isEmpty();
    }

    void value(JsonNode v, JsonNode ref, String where) {
      if (isExpression(v)) {
        return;
      }
      JsonNode t = deref(ref);
      String kind = t.path("$type").asText();
      switch (kind) {
        case "AnyType", "ResourceFunctionType" -> { }
        case "StringType" -> {
          if (!v.isTextual()) {
            out.add(where + ": expected a string, got " + v);
            return;
          }
          String s = unescape(v.asText());
          if (t.has("minLength") && s.length() < t.get("minLength").asInt()
              || t.has("maxLength") && s.length() > t.get("maxLength").asInt()) {
            out.add(where + ": length of '" + s + "' outside " + t.path("minLength").asText("0") + ".."
                + t.path("maxLength").asText("*"));
          }
          if (t.has("pattern") && !Pattern.compile(t.get("pattern").asText()).matcher(s).find()) {
            out.add(where + ": '" + s + "' does not match " + t.get("pattern").asText());
          }
        }
        case "StringLiteralType" -> {
          if (!v.isTextual() || !v.asText().equals(t.path("value").asText())) {
            out.add(where + ": expected '" + t.path("value").asText() + "', got " + v);
          }
        }
        case "IntegerType" -> {
          if (!v.isIntegralNumber()) {
            out.add(where + ": expected an integer, got " + v);
            return;
          }
          long n = v.asLong();
          if (t.has("minValue") && n < t.get("minValue").asLong() || t.has("maxValue") && n > t.get("maxValue").asLong()) {
            out.add(where + ": " + n + " outside " + t.path("minValue").asText("*") + ".." + t.path("maxValue").asText("*"));
          }
        }
        case "BooleanType" -> {
          if (!v.isBoolean()) {
            out.add(where + ": expected a boolean, got " + v);
          }
        }
        case "ArrayType" -> {
          if (!v.isArray()) {
            out.add(where + ": expected an array, got " + v);
            return;
          }
          for (int i = 0; i < v.size(); i++) {
            value(v.get(i), t.path("itemType"), where + "[" + i + "]");
          }
        }
        case "UnionType" -> {
          List<String> literals = new ArrayList<>();
          for (JsonNode e : t.path("elements")) {
            if (fits(v, e, where)) {
              return;
            }
            JsonNode et = deref(e);
            literals.add(et.has("value") ? "'" + et.get("value").asText() + "'" : et.path("$type").asText());
          }
          out.add(where + ": " + v + " is none of " + literals);
        }
        case "ObjectType" -> object(v, t.path("properties"), t.get("additionalProperties"), where);
        case "DiscriminatedObjectType" -> {
          if (!v.isObject()) {
            out.add(where + ": expected an object, got " + v);
            return;
          }
          String d = t.path("discriminator").asText();
          JsonNode e = t.path("elements").get(v.path(d).asText());
          if (e == null) {
            List<String> names = new ArrayList<>();
            t.path("elements").fieldNames().forEachRemaining(names::add);
            out.add(where + "." + d + ": " + v.path(d) + " is none of " + names);
            return;
          }
          Map<String, JsonNode> props = new LinkedHashMap<>();
          t.path("baseProperties").properties().forEach(f -> props.put(f.getKey(), f.getValue()));
          JsonNode et = deref(e);
          et.path("properties").properties().forEach(f -> props.put(f.getKey(), f.getValue()));
          object(v, JSON.valueToTree(props), et.get("additionalProperties"), where);
        }
        default -> out.add(where + ": unknown type kind " + kind);
      }
    }

    void object(JsonNode v, JsonNode props, JsonNode additional, String where) {
      if (!v.isObject()) {
        out.add(where + ": expected an object, got " + v);
        return;
      }
      for (Map.Entry<String, JsonNode> f : v.properties()) {
        JsonNode p = props.get(f.getKey());
        String at = where + "." + f.getKey();
        if (p == null) {
          if (additional != null) {
            value(f.getValue(), additional, at);
          } else {
            out.add(at + ": no such property");
          }
          continue;
        }
        if ((p.path("flags").asInt() & READ_ONLY) != 0) {
          out.add(at + ": read-only property");
          continue;
        }
        value(f.getValue(), p.path("type"), at);
      }
      for (Map.Entry<String, JsonNode> p : props.properties()) {
        int flags = p.getValue().path("flags").asInt();
        if ((flags & REQUIRED) != 0 && (flags & READ_ONLY) == 0 && !v.has(p.getKey())) {
          out.add(where + "." + p.getKey() + ": required property missing");
        }
      }
    }
  }

  /** An ARM string escaped as {@code [[...]} is the literal {@code [...]}. */
  static String unescape(String s) {
    return s.startsWith("[[") ? s.substring(1) : s;
  }
}
