package io.allowpath.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.allowpath.model.Diagnostic;
import java.util.List;

/** Turns a deployment template found among the inputs into resources; supplied by the template adapter. */
@FunctionalInterface
public interface TemplateSource {
  List<RawResource> evaluate(String file, JsonNode template, List<Diagnostic> diagnostics);
}
