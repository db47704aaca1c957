package io.allowpath.ingest.arm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.allowpath.CorpusFiles;
import io.allowpath.RequiresCorpus;
import io.allowpath.ingest.EstateLoader;
import io.allowpath.model.Estate;
import io.allowpath.model.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The quickstart templates and Azure Verified Module tests in the corpus. Only plain ARM resource JSON
 * (a resource, an array of resources, or a {@code value}/{@code data} list) is loadable by the ARM
 * adapter; deployment templates go through the template adapter (with the parameters file beside
 * them) and load with no error; parameters files alone yield nothing; Bicep is not loadable at all.
 */
@RequiresCorpus
class CorpusTemplatesTest {
  static final List<String> DIRS =
      List.of("azure-quickstart-templates-fork-2021", "azure-quickstart-templates", "bicep-registry-modules");

  static Stream<Named<Path>> jsonFiles() {
    return DIRS.stream().flatMap(d -> CorpusFiles.files(d, ".json").stream())
        .map(p -> Named.of(CorpusFiles.root().relativize(p).toString(), p));
  }

  enum Shape { RESOURCES, TEMPLATE, PARAMETERS }

  static Shape shape(JsonNode root) {
    String schema = root.path("$schema").asText("").toLowerCase(java.util.Locale.ROOT);
    if (schema.contains("deploymenttemplate.json")) {
      return Shape.TEMPLATE;
    }
    if (schema.contains("deploymentparameters.json")) {
      return Shape.PARAMETERS;
    }
    return Shape.RESOURCES;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jsonFiles")
  void plainResourcesLoadAndTemplatesAreRecognised(Path file) throws IOException {
    EstateLoader loader = new EstateLoader();
    switch (shape(Arm.MAPPER.readTree(file.toFile()))) {
      case RESOURCES -> {
        Estate e = loader.load(List.of(file));
        assertThat(Arm.of(e, Severity.ERROR)).isEmpty();
      }
      case TEMPLATE -> {
        // evaluated by the template adapter (with the parameters file beside it) into resource records
        Estate e = loader.load(List.of(file));
        assertThat(Arm.of(e, Severity.ERROR)).isEmpty();
        assertThat(e.resources().size() + e.skippedTypes().size()).isPositive();
      }
      case PARAMETERS -> assertThat(loader.load(List.of(file)).resources()).isEmpty(); // read with its template only
      default -> throw new AssertionError();
    }
  }

  /** Bicep (AVM e2e tests, current quickstarts) is source code, not ARM JSON: it is not fed to the loader. */
  @Test
  void bicepFilesAreNotLoadable() {
    long bicep = Stream.of("bicep-registry-modules", "azure-quickstart-templates")
        .mapToLong(d -> CorpusFiles.files(d, ".bicep").size()).sum();
    assertThat(bicep).isPositive();
    assertThat(CorpusFiles.files("bicep-registry-modules", ".json")).isEmpty();
  }
}
