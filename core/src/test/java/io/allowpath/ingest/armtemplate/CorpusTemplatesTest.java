package io.allowpath.ingest.armtemplate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.allowpath.CorpusFiles;
import io.allowpath.RequiresCorpus;
import io.allowpath.model.Diagnostic;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every quickstart template of the 2021 corpus evaluates to resources without expression defects. */
@RequiresCorpus
class CorpusTemplatesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static Stream<Path> templates() {
    return CorpusFiles.templates(CorpusFiles.quickstarts2021()).stream();
  }

  @Test
  void corpusIsThere() {
    assertThat(CorpusFiles.templates(CorpusFiles.quickstarts2021())).hasSizeGreaterThanOrEqualTo(22);
  }

  @ParameterizedTest
  @MethodSource("templates")
  void evaluatesWithoutUnsupportedOrMalformedExpressions(Path template) throws IOException {
    TemplateResult r = evaluate(template);
    assertThat(r.resources()).as("resources of %s", template).isNotEmpty();
    List<String> defects = r.diagnostics().stream()
        .map(Diagnostic::message)
        .filter(m -> m.contains("unsupported function") || m.contains("malformed expression"))
        .toList();
    assertThat(defects).as("expression defects in %s", template).isEmpty();
  }

  static TemplateResult evaluate(Path template) throws IOException {
    JsonNode t = MAPPER.readTree(template.toFile());
    Path params = CorpusFiles.parametersFor(template);
    TemplateOptions o = TemplateOptions.defaults();
    if (params != null) {
      o = o.withParametersFile(MAPPER.readTree(params.toFile()));
    }
    assertThat(TemplateEvaluator.isTemplate(t)).as("%s is a template", template).isTrue();
    return new TemplateEvaluator(o).evaluate(template.toString(), t);
  }
}
