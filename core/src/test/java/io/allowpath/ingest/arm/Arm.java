package io.allowpath.ingest.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.allowpath.ingest.RawResource;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: read ARM JSON (strings or REST example files) straight through {@link ArmResourceReader}. */
final class Arm {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Arm() {}

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads resources (each a JSON object, or a {"value": [...]} list) into one estate. */
  static Estate estate(String... resources) {
    List<RawResource> raws = new ArrayList<>();
    for (int i = 0; i < resources.length; i++) {
      raws.addAll(raw(json(resources[i]), "inline-" + i + ".json"));
    }
    return read(raws);
  }

  static Estate read(List<RawResource> raws) {
    ArmResourceReader reader = new ArmResourceReader();
    EstateAssembler asm = new EstateAssembler();
    raws.forEach(r -> reader.read(r, asm));
    return asm.build();
  }

  /** A resource or a {@code {"value": [...]}} list as raw resources. */
  static List<RawResource> raw(JsonNode body, String file) {
    List<RawResource> out = new ArrayList<>();
    JsonNode value = body.get("value");
    if (value != null && value.isArray() && !body.has("id")) {
      for (int i = 0; i < value.size(); i++) {
        out.add(new RawResource(value.get(i), file, "/value/" + i));
      }
    } else {
      out.add(new RawResource(body, file, ""));
    }
    return out;
  }

  /**
   * The response body of a REST API example ({@code x-ms-examples}): {@code responses.200.body}, or
   * {@code responses.201.body} when there is no 200.
   */
  static JsonNode exampleBody(Path example) {
    try {
      JsonNode responses = MAPPER.readTree(example.toFile()).get("responses");
      JsonNode r = responses.has("200") ? responses.get("200") : responses.get("201");
      if (r == null || r.get("body") == null) {
        throw new IllegalStateException(example + ": no responses.200.body or responses.201.body");
      }
      return r.get("body");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<RawResource> example(Path example) {
    return raw(exampleBody(example), example.toString());
  }

  static List<Diagnostic> of(Estate e, Severity s) {
    return e.diagnostics().stream().filter(d -> d.severity() == s).toList();
  }
}
