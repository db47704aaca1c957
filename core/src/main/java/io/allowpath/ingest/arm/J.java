package io.allowpath.ingest.arm;

import com.fasterxml.jackson.databind.JsonNode;
import io.allowpath.ingest.Unknown;
import io.allowpath.model.IpValue;
import io.allowpath.model.Ports;
import io.allowpath.model.ResourceId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Typed reads of ARM JSON with the JSON pointer of the field in every complaint (habit 3: parse once,
 * at the boundary, quoting the bad token). Missing and null fields read as null; a field of the wrong
 * JSON type throws {@link FieldException}, which the reader turns into one diagnostic for the resource.
 * A template's deployment-time value ({@link Unknown}) reads as null for text and as
 * {@link ResourceId#unresolved} for ids.
 */
final class J {
  private J() {}

  /** A field of the wrong type: where it is and what was expected. */
  static final class FieldException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String pointer;
    /** Set when the problem skipped one inline child (its id), not the whole resource: an ERROR for the child. */
    final transient ResourceId skippedChild;

    FieldException(String pointer, String message) {
      this(pointer, message, null);
    }

    private FieldException(String pointer, String message, ResourceId skippedChild) {
      super(message);
      this.pointer = pointer;
      this.skippedChild = skippedChild;
    }
  }

  /**
   * Records that an inline child (a subnet inside its virtual network) could not be read and is skipped while the
   * rest of the resource is read: reported with the resource's warnings, as an ERROR on the child's id.
   */
  static void childSkipped(ResourceId child, FieldException e) {
    WARNINGS.get().add(new FieldException(e.pointer, e.getMessage(), child));
  }

  /** Walks object fields; case-insensitive on the field names (ARM is, Resource Graph lower-cases some). */
  static JsonNode at(JsonNode n, String... path) {
    JsonNode cur = n;
    for (String p : path) {
      if (cur == null || !cur.isObject()) {
        return null;
      }
      JsonNode next = cur.get(p);
      if (next == null) {
        var it = cur.fieldNames();
        while (it.hasNext()) {
          String f = it.next();
          if (f.equalsIgnoreCase(p)) {
            next = cur.get(f);
            break;
          }
        }
      }
      cur = next;
    }
    return cur == null || cur.isNull() || cur.isMissingNode() ? null : cur;
  }

  static String ptr(String base, String... path) {
    return base + "/" + String.join("/", path);
  }

  static String text(JsonNode n, String base, String... path) {
    JsonNode v = at(n, path);
    if (v == null || Unknown.is(v)) {
      return null;
    }
    if (v.isTextual()) {
      return v.asText();
    }
    if (v.isValueNode()) {
      WARNINGS.get().add(new FieldException(ptr(base, path), "expected a string, found " + kind(v) + "; read as \""
          + abbreviate(v.asText()) + "\""));
      return v.asText();
    }
    throw new FieldException(ptr(base, path), "expected a string, found " + kind(v));
  }

  /**
   * {@link #text} of item {@code index} of an array whose pointer is {@code arrayBase}: the item's
   * pointer ({@code arrayBase/index}) is only built when the field is of the wrong type.
   */
  static String text(JsonNode n, String arrayBase, int index, String... path) {
    JsonNode v = at(n, path);
    if (v == null || Unknown.is(v)) {
      return null;
    }
    if (v.isValueNode()) {
      return v.asText();
    }
    throw new FieldException(ptr(arrayBase + "/" + index, path), "expected a string, found " + kind(v));
  }

  static Boolean bool(JsonNode n, String base, String... path) {
    JsonNode v = at(n, path);
    if (v == null || Unknown.is(v)) {
      return null;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isTextual() && (v.asText().equalsIgnoreCase("true") || v.asText().equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(v.asText());
    }
    throw new FieldException(ptr(base, path), "expected true or false, found " + kind(v));
  }

  static Integer integer(JsonNode n, String base, String... path) {
    JsonNode v = at(n, path);
    if (v == null || Unknown.is(v)) {
      return null;
    }
    if (v.isNumber()) {
      return v.intValue();
    }
    if (v.isTextual()) {
      try {
        return Integer.parseInt(v.asText().strip());
      } catch (NumberFormatException e) {
        // fall through
      }
    }
    throw new FieldException(ptr(base, path), "expected a number, found " + kind(v));
  }

  /** An id field: a string, or an object with an {@code id} (the usual ARM sub-resource reference). */
  static ResourceId id(JsonNode n, String base, String... path) {
    return id(n, base, -1, path);
  }

  /**
   * {@link #id} of item {@code index} of an array whose pointer is {@code arrayBase} ({@code index < 0}:
   * {@code arrayBase} is the base itself); the item's pointer is only built when a field is of the wrong type.
   */
  static ResourceId id(JsonNode n, String arrayBase, int index, String... path) {
    JsonNode v = at(n, path);
    if (v == null) {
      return null;
    }
    if (Unknown.is(v)) {
      return ResourceId.unresolved(Unknown.expression(v));
    }
    if (v.isObject()) {
      JsonNode idn = at(v, "id");
      if (idn == null) {
        return null;
      }
      if (Unknown.is(idn)) {
        return ResourceId.unresolved(Unknown.expression(idn));
      }
      if (!idn.isTextual()) {
        throw new FieldException(ptr(item(arrayBase, index), path) + "/id", "expected a resource id string, found " + kind(idn));
      }
      return idn.asText().isBlank() ? null : reference(idn.asText(), ptr(item(arrayBase, index), path) + "/id");
    }
    if (v.isTextual()) {
      return v.asText().isBlank() ? null : reference(v.asText(), ptr(item(arrayBase, index), path));
    }
    throw new FieldException(ptr(item(arrayBase, index), path), "expected a resource id or {\"id\": ...}, found " + kind(v));
  }

  /**
   * True for the shape of an ARM id: {@code /subscriptions/...} or {@code /providers/...} (tenant and
   * management-group scope), no empty segment, no whitespace or control character
   * (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules).
   */
  static boolean armShaped(String v) {
    if (!(asciiPrefix(v, "/subscriptions/") || asciiPrefix(v, "/providers/"))) {
      return false;
    }
    char prev = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '/' && prev == '/' || Character.isISOControl(c)) {
        return false; // an empty segment, or a control character (newline, tab...)
      }
      prev = c;
    }
    return true;
  }

  /** {@code v} starts with the lower-case ASCII {@code prefix}, ignoring ASCII case only (not 'ſ' for 's'). */
  private static boolean asciiPrefix(String v, String prefix) {
    if (v.length() < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      char c = v.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c + ('a' - 'A'));
      }
      if (c != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Problems that do not stop a resource from being read, collected per resource on this thread. */
  private static final ThreadLocal<List<FieldException>> WARNINGS = ThreadLocal.withInitial(ArrayList::new);

  /** Starts collecting the warnings of one resource. */
  static void startWarnings() {
    WARNINGS.get().clear();
  }

  /** The warnings collected since {@link #startWarnings()}. */
  static List<FieldException> warnings() {
    List<FieldException> out = List.copyOf(WARNINGS.get());
    WARNINGS.get().clear();
    return out;
  }

  /**
   * A reference to another resource. Text that is not an ARM id (a placeholder such as
   * "test-subnet-resource-id" in Microsoft's REST examples, an unevaluated expression) is a WARNING and
   * reads as an unresolved id: never found in the estate, so what depends on it is UNKNOWN.
   */
  private static ResourceId reference(String text, String pointer) {
    if (!armShaped(text.strip())) {
      WARNINGS.get().add(new FieldException(pointer, "expected an ARM resource id (/subscriptions/...), found \""
          + abbreviate(text) + "\"; the reference is treated as unknown"));
      return ResourceId.unresolved(abbreviate(text));
    }
    return ResourceId.of(text);
  }

  /** At most 120 characters of {@code s}, for messages. */
  static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }

  private static String item(String arrayBase, int index) {
    return index < 0 ? arrayBase : arrayBase + "/" + index;
  }

  /** An array field as a list of element nodes (empty when missing). */
  static List<JsonNode> array(JsonNode n, String base, String... path) {
    JsonNode v = at(n, path);
    if (v == null || Unknown.is(v)) {
      return List.of();
    }
    if (!v.isArray()) {
      throw new FieldException(ptr(base, path), "expected an array, found " + kind(v));
    }
    List<JsonNode> out = new ArrayList<>();
    v.forEach(out::add);
    return out;
  }

  /** An array of strings (also accepts a single comma-separated string). */
  static List<String> strings(JsonNode n, String base, String... path) {
    JsonNode v = at(n, path);
    if (v == null || Unknown.is(v)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    if (v.isTextual()) {
      for (String s : v.asText().split(",")) {
        if (!s.isBlank()) {
          out.add(s.strip());
        }
      }
      return out;
    }
    if (!v.isArray()) {
      throw new FieldException(ptr(base, path), "expected an array of strings, found " + kind(v));
    }
    for (JsonNode e : v) {
      if (e.isValueNode() && !e.isNull() && !e.asText().isBlank()) { // an empty region or prefix names nothing
        out.add(e.asText());
      }
    }
    return out;
  }

  /**
   * The values at {@code path} (an array, or one comma-separated string), each parsed by {@code parse} (text,
   * pointer), which throws a {@link FieldException} at the value's own pointer when it is not what the field holds
   * (an ERROR; the resource is skipped). Blank values name nothing and are left out.
   */
  private static <T> List<T> each(JsonNode n, String base, BiFunction<String, String, T> parse, String... path) {
    JsonNode v = at(n, path);
    if (v == null || Unknown.is(v)) {
      return List.of();
    }
    String at = ptr(base, path);
    List<T> out = new ArrayList<>();
    if (v.isArray()) {
      for (int i = 0; i < v.size(); i++) {
        JsonNode e = v.get(i);
        if (e.isValueNode() && !e.isNull() && !e.asText().isBlank()) {
          out.add(parse.apply(e.asText(), at + "/" + i));
        }
      }
      return out;
    }
    for (String s : strings(n, base, path)) {
      out.add(parse.apply(s, at));
    }
    return out;
  }

  /** The value at {@code path} ({@link #text}) parsed as {@link #each} parses each value; null when absent or blank. */
  private static <T> T one(JsonNode n, String base, BiFunction<String, String, T> parse, String... path) {
    String t = text(n, base, path);
    return t == null || t.isBlank() ? null : parse.apply(t, ptr(base, path));
  }

  /** The network values at {@code path}: {@link IpValue#address} when {@code addressOnly}, else {@link IpValue#of}. */
  static List<IpValue> ips(JsonNode n, String base, boolean addressOnly, String... path) {
    return each(n, base, (t, at) -> ip(t, addressOnly, at), path);
  }

  /** The network value at {@code path}, parsed as {@link #ips} parses each value. */
  static IpValue ip(JsonNode n, String base, boolean addressOnly, String... path) {
    return one(n, base, (t, at) -> ip(t, addressOnly, at), path);
  }

  /** Parses one network value read at {@code pointer}. */
  static IpValue ip(String text, boolean addressOnly, String pointer) {
    try {
      return addressOnly ? IpValue.address(text) : IpValue.of(text);
    } catch (IllegalArgumentException e) {
      throw new FieldException(pointer, "expected " + (addressOnly ? "an IP address or CIDR prefix"
          : "an IP address, CIDR prefix, service tag or keyword") + ", found \"" + abbreviate(text) + "\"");
    }
  }

  /** The port values at {@code path} ({@link Ports#parse}: a port, a range a-b or {@code *}). */
  static List<Ports> ports(JsonNode n, String base, String... path) {
    return each(n, base, J::port, path);
  }

  /** The port value at {@code path}, parsed as {@link #ports} parses each value; null when absent. */
  static Ports port(JsonNode n, String base, String... path) {
    return one(n, base, J::port, path);
  }

  private static Ports port(String text, String pointer) {
    try {
      return Ports.parse(text);
    } catch (IllegalArgumentException e) {
      throw new FieldException(pointer, "expected a port (0-65535), a range a-b or *, found \"" + abbreviate(text) + "\"");
    }
  }

  /** Ids from an array of {@code {"id": ...}} objects or strings. */
  static List<ResourceId> ids(JsonNode n, String base, String... path) {
    List<ResourceId> out = new ArrayList<>();
    List<JsonNode> arr = array(n, base, path);
    String arrayBase = arr.isEmpty() ? null : ptr(base, path);
    for (int i = 0; i < arr.size(); i++) {
      JsonNode e = arr.get(i);
      ResourceId r = e.isTextual() ? (e.asText().isBlank() ? null : reference(e.asText(), ptr(base, path) + "/" + i))
          : Unknown.is(e) ? ResourceId.unresolved(Unknown.expression(e))
          : id(e, arrayBase, i, "id");
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }

  static String kind(JsonNode v) {
    if (v.isTextual() && v.asText().length() > 120) {
      return "the string \"" + abbreviate(v.asText()) + "\"";
    }
    if (v.isObject()) {
      return "an object";
    }
    if (v.isArray()) {
      return "an array";
    }
    if (v.isTextual()) {
      return "the string \"" + v.asText() + "\"";
    }
    if (v.isNumber()) {
      return "the number " + v.asText();
    }
    if (v.isBoolean()) {
      return v.asText();
    }
    return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
