package io.allowpath.ingest.armtemplate;

import com.fasterxml.jackson.databind.JsonNode;
import io.allowpath.ingest.EstateLoader;
import io.allowpath.ingest.JsonFiles;
import io.allowpath.ingest.RawResource;
import io.allowpath.model.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Plugs template evaluation into {@link EstateLoader}: a template found among the {@code --estate}
 * inputs is evaluated with the {@code --parameters} file when one is given, otherwise with the
 * parameters file beside it ({@code X.parameters.json} for {@code X.json}, the quickstart layout), and
 * the {@code --parameter} overrides.
 */
public final class TemplateAdapter implements EstateLoader.TemplateSource {
  private final TemplateOptions options;
  private final Path parametersFile;

  public TemplateAdapter(TemplateOptions options, Path parametersFile) {
    this.options = options;
    this.parametersFile = parametersFile;
  }

  @Override
  public List<RawResource> evaluate(String file, JsonNode template, List<Diagnostic> diagnostics) {
    Path params = parametersFile;
    if (params == null) {
      Path f = Path.of(file);
      String name = f.getFileName().toString();
      if (name.toLowerCase().endsWith(".json")) {
        Path sibling = f.resolveSibling(name.substring(0, name.length() - 5) + ".parameters.json");
        if (Files.isRegularFile(sibling)) {
          params = sibling;
        }
      }
    }
    TemplateOptions o = options;
    if (params != null) {
      o = o.withParametersFile(readJson(params));
      diagnostics.add(Diagnostic.info(null, "template evaluated with parameters from " + params).at(file, ""));
    }
    TemplateResult r = new TemplateEvaluator(o).evaluate(file, template);
    diagnostics.addAll(r.diagnostics());
    return r.resources();
  }

  private static JsonNode readJson(Path p) {
    return JsonFiles.read(p, "the parameters file");
  }

  /** True for an ARM parameters file, which is read only as a template's companion. */
  public static boolean isParametersFile(JsonNode root) {
    return root != null && root.isObject() && root.has("$schema")
        && root.get("$schema").asText().toLowerCase().contains("deploymentparameters.json");
  }
}
