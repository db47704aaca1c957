package io.allowpath.ingest.armtemplate;

import io.allowpath.ingest.RawResource;
import io.allowpath.model.Diagnostic;
import java.util.List;

/** The resources a template would create (as ARM resource JSON) and the problems found evaluating it. */
public record TemplateResult(List<RawResource> resources, List<Diagnostic> diagnostics) {
  public TemplateResult {
    resources = List.copyOf(resources);
    diagnostics = List.copyOf(diagnostics);
  }
}
