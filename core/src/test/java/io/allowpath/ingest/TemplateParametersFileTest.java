package io.allowpath.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.model.DatabricksWorkspace;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.Severity;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The quickstart layout (a template {@code X.json} with its parameters file {@code X.parameters.json}
 * beside it), on this project's own example templates: the loader evaluates the template with the
 * parameters file and says so, and a parameters file given alone yields no resource (it is read only as
 * its template's companion). Covers without the shared corpus what CorpusTemplatesTest checks on the
 * quickstart templates. Parameters file format:
 * https://learn.microsoft.com/azure/azure-resource-manager/templates/parameter-files
 */
class TemplateParametersFileTest {
  static final Path DIR = Path.of("../examples/templates/databricks-nat-gateway");

  @Test
  void aTemplateIsEvaluatedWithTheParametersFileBesideIt() {
    Estate e = new EstateLoader().load(List.of(DIR.resolve("azuredeploy.json")));
    assertThat(e.diagnostics()).noneMatch(d -> d.severity() == Severity.ERROR);
    assertThat(e.all(DatabricksWorkspace.class)).singleElement()
        .satisfies(w -> assertThat(w.id().name()).isEqualTo("dbw-nat-demo"));
    assertThat(e.diagnostics()).extracting(Diagnostic::message)
        .anySatisfy(m -> assertThat(m).contains("parameters from").contains("azuredeploy.parameters.json"));
  }

  @Test
  void aParametersFileAloneYieldsNothing() {
    Estate e = new EstateLoader().load(List.of(DIR.resolve("azuredeploy.parameters.json")));
    assertThat(e.resources()).isEmpty();
    assertThat(e.diagnostics()).noneMatch(d -> d.severity() == Severity.ERROR);
  }

  @Test
  void theDirectoryLoadsOnceWithTheParameters() {
    Estate e = new EstateLoader().load(List.of(DIR));
    assertThat(e.all(DatabricksWorkspace.class)).singleElement()
        .satisfies(w -> assertThat(w.id().name()).isEqualTo("dbw-nat-demo"));
  }
}
