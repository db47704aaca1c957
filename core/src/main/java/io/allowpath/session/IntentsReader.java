package io.allowpath.session;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.allowpath.analysis.intent.Intent;
import io.allowpath.analysis.intent.Intents;
import io.allowpath.analysis.intent.Selector;
import io.allowpath.ingest.InputException;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an intents file (docs/intents.md, schema {@code docs/intents.schema.json}), YAML or JSON:
 * {@code {"intents": [{"name", "from", "to", "expect": "reach" | "not-reach", "ports"}]}}, where
 * {@code from}/{@code to} is a name glob or an object of selector fields. Anything else is one line naming
 * the file, the JSON pointer and what was expected.
 */
public final class IntentsReader {
  private IntentsReader() {}

  static final Set<String> INTENT_FIELDS = Set.of("name", "from", "to", "expect", "ports", "description");
  static final Set<String> FROM_FIELDS = Set.of("name", "workspace", "id", "ids", "resourceGroup", "subscription",
      "tag", "tags");
  static final Set<String> TO_FIELDS = Set.of("name", "id", "ids", "service", "resourceGroup", "subscription",
      "tag", "tags");

  public static Intents read(Path file) {
    String f = file.toString();
    JsonNode root;
    try {
      String text = Files.readString(file);
      boolean json = text.stripLeading().startsWith("{") || text.stripLeading().startsWith("[");
      root = (json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory())).readTree(text);
    } catch (NoSuchFileException e) {
      throw new InputException(f, null, "no such file");
    } catch (JacksonException e) {
      throw new InputException(f, e.getLocation() == null ? null
          : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(),
          "expected YAML or JSON intents (" + e.getOriginalMessage().split("\n")[0] + ")");
    } catch (IOException e) {
      throw new InputException(f, null, "cannot read it (" + e.getMessage() + ")");
    }
    JsonNode list = root == null ? null : root.isArray() ? root : root.get("intents");
    if (list == null || !list.isArray()) {
      throw new InputException(f, "/intents", "expected a list of intents under 'intents'");
    }
    List<Intent> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(intent(f, "/intents/" + i, list.get(i)));
    }
    return new Intents(out, file.getFileName().toString());
  }

  private static Intent intent(String f, String p, JsonNode n) {
    if (!n.isObject()) {
      throw new InputException(f, p, "expected an intent object with from, to and expect");
    }
    for (var it = n.fieldNames(); it.hasNext();) {
      String k = it.next();
      if (!INTENT_FIELDS.contains(k)) {
        throw new InputException(f, p + "/" + k, "unknown field; expected name, from, to, expect, ports or description");
      }
    }
    String expect = text(f, p + "/expect", n.get("expect"));
    Intent.Expect e;
    if ("reach".equalsIgnoreCase(expect)) {
      e = Intent.Expect.REACH;
    } else if ("not-reach".equalsIgnoreCase(expect)) {
      e = Intent.Expect.NOT_REACH;
    } else {
      throw new InputException(f, p + "/expect", "expected reach or not-reach, found " + (expect == null ? "nothing" : "'"
          + expect + "'"));
    }
    List<Integer> ports = new ArrayList<>();
    JsonNode ps = n.get("ports");
    if (ps != null) {
      if (!ps.isArray()) {
        throw new InputException(f, p + "/ports", "expected a list of port numbers");
      }
      for (int i = 0; i < ps.size(); i++) {
        if (!ps.get(i).canConvertToInt() || ps.get(i).asInt() < 1 || ps.get(i).asInt() > 65535) {
          throw new InputException(f, p + "/ports/" + i, "expected a port number from 1 to 65535");
        }
        ports.add(ps.get(i).asInt());
      }
    }
    String name = n.has("name") ? text(f, p + "/name", n.get("name")) : null;
    return new Intent(name == null ? "intent " + p.substring(p.lastIndexOf('/') + 1) : name,
        selector(f, p + "/from", n.get("from"), FROM_FIELDS), selector(f, p + "/to", n.get("to"), TO_FIELDS), e, ports,
        f + "#" + p);
  }

  private static Selector selector(String f, String p, JsonNode n, Set<String> fields) {
    if (n == null) {
      throw new InputException(f, p, "expected a name (glob) or an object of " + String.join(", ", sorted(fields)));
    }
    if (n.isTextual()) {
      String v = n.asText();
      return v.startsWith("/") ? Selector.ofIds(List.of(ResourceId.of(v)))
          : new Selector(v.equals("*") ? null : v, null, List.of(), null, null, null);
    }
    if (!n.isObject()) {
      throw new InputException(f, p, "expected a name (glob) or an object of " + String.join(", ", sorted(fields)));
    }
    for (var it = n.fieldNames(); it.hasNext();) {
      String k = it.next();
      if (!fields.contains(k)) {
        throw new InputException(f, p + "/" + k, "unknown selector field; expected one of " + String.join(", ",
            sorted(fields)));
      }
    }
    List<ResourceId> ids = new ArrayList<>();
    if (n.has("id")) {
      ids.add(id(f, p + "/id", n.get("id")));
    }
    JsonNode list = n.get("ids");
    if (list != null) {
      if (!list.isArray()) {
        throw new InputException(f, p + "/ids", "expected a list of ARM ids");
      }
      for (int i = 0; i < list.size(); i++) {
        ids.add(id(f, p + "/ids/" + i, list.get(i)));
      }
    }
    String service = text(f, p + "/service", n.get("service"));
    if (service != null) {
      String s = service.toUpperCase(Locale.ROOT).replace('-', '_');
      if (Arrays.stream(Service.values()).noneMatch(x -> x.name().equals(s))) {
        throw new InputException(f, p + "/service", "expected a service such as STORAGE, KEY_VAULT, SQL, COSMOS_DB, "
            + "CONTAINER_REGISTRY, APP_SERVICE, EVENT_HUBS, SERVICE_BUS, COGNITIVE_SERVICES, SEARCH, ML_WORKSPACE or "
            + "DATABRICKS, found '" + service + "'");
      }
      service = s;
    }
    return new Selector(text(f, p + "/name", n.get("name")), text(f, p + "/workspace", n.get("workspace")), ids, service,
        text(f, p + "/resourceGroup", n.get("resourceGroup")), text(f, p + "/subscription", n.get("subscription")),
        tags(f, p, n));
  }

  /**
   * Tag conditions: {@code tags} is an object of tag name to value glob; {@code tag} is {@code "name=value"}
   * (or {@code "name"}: the tag exists with any value), or a list of such strings. Both may be given.
   */
  private static Map<String, String> tags(String f, String p, JsonNode n) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode obj = n.get("tags");
    if (obj != null && !obj.isNull()) {
      if (!obj.isObject()) {
        throw new InputException(f, p + "/tags", "expected an object of tag names and values, e.g. {env: prod}");
      }
      for (var e : obj.properties()) {
        JsonNode v = e.getValue();
        if (!v.isValueNode() || v.isNull()) {
          throw new InputException(f, p + "/tags/" + e.getKey(), "expected a tag value (a string; * for any value)");
        }
        out.put(e.getKey(), v.asText());
      }
    }
    JsonNode one = n.get("tag");
    if (one != null && !one.isNull()) {
      List<JsonNode> items = new ArrayList<>();
      String at = p + "/tag";
      if (one.isArray()) {
        one.forEach(items::add);
      } else {
        items.add(one);
      }
      for (int i = 0; i < items.size(); i++) {
        String where = one.isArray() ? at + "/" + i : at;
        JsonNode x = items.get(i);
        if (!x.isTextual() || x.asText().isBlank() || x.asText().startsWith("=")) {
          throw new InputException(f, where, "expected a tag as \"name=value\" (or \"name\" for any value)");
        }
        String t = x.asText();
        int eq = t.indexOf('=');
        out.put(eq < 0 ? t.strip() : t.substring(0, eq).strip(), eq < 0 ? "*" : t.substring(eq + 1).strip());
      }
    }
    return out;
  }

  private static ResourceId id(String f, String p, JsonNode n) {
    String v = text(f, p, n);
    if (v == null || !v.startsWith("/subscriptions/")) {
      throw new InputException(f, p, "expected an ARM id (/subscriptions/...)");
    }
    return ResourceId.of(v);
  }

  private static String text(String f, String p, JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw new InputException(f, p, "expected a string");
    }
    return n.asText();
  }

  private static List<String> sorted(Set<String> s) {
    return s.stream().sorted().toList();
  }
}
