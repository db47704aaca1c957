package io.allowpath.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.analysis.egress.Hop;
import io.allowpath.model.Diagnostic;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;

/** Shared JSON rendering helpers: hops, diagnostics, pretty printing. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static ArrayNode hops(List<Hop> hops) {
    ArrayNode a = MAPPER.createArrayNode();
    for (Hop h : hops) {
      ObjectNode o = a.addObject();
      o.put("kind", h.kind().name());
      o.put("resource", h.resource() == null ? null : h.resource().value());
      o.put("detail", h.detail());
    }
    return a;
  }

  public static ArrayNode diagnostics(Collection<Diagnostic> ds) {
    ArrayNode a = MAPPER.createArrayNode();
    for (Diagnostic d : ds) {
      ObjectNode o = a.addObject();
      o.put("severity", d.severity().name());
      o.put("resource", d.resource() == null ? null : d.resource().value());
      o.put("message", d.message());
      if (d.file() != null) {
        o.put("file", d.file());
      }
      if (d.pointer() != null) {
        o.put("pointer", d.pointer());
      }
    }
    return a;
  }

  public static ArrayNode strings(Collection<String> s) {
    ArrayNode a = MAPPER.createArrayNode();
    s.forEach(a::add);
    return a;
  }

  public static String write(Object node) {
    try {
      return MAPPER.writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
