package io.allowpath.ingest.armtemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Locates the shared corpus of externally written inputs. Tests run with the module directory as working
 * directory, and the corpus lives in a {@code shared/corpus} folder that is a sibling of the repository
 * clone (or of one of its ancestors). Walks up from the working directory and checks
 * {@code <dir>/shared/corpus} and {@code <dir>/../shared/corpus} for each ancestor.
 */
final class CorpusFiles {
  private CorpusFiles() {}

  static Path corpus() {
    Path start = Path.of("").toAbsolutePath().normalize();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path here = dir.resolve("shared").resolve("corpus");
      if (Files.isDirectory(here)) {
        return here;
      }
      if (dir.getParent() != null) {
        Path sibling = dir.getParent().resolve("shared").resolve("corpus");
        if (Files.isDirectory(sibling)) {
          return sibling;
        }
      }
    }
    throw new IllegalStateException("shared/corpus not found: looked for <dir>/shared/corpus and <dir>/../shared/corpus"
        + " for every ancestor <dir> of " + start);
  }

  static Path quickstarts2021() {
    Path p = corpus().resolve("azure-quickstart-templates-fork-2021");
    if (!Files.isDirectory(p)) {
      throw new IllegalStateException("corpus folder missing: " + p);
    }
    return p;
  }

  /** Every azuredeploy.json and prereq.azuredeploy.json below {@code root}, sorted. */
  static List<Path> templates(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> {
            String n = p.getFileName().toString();
            return n.equals("azuredeploy.json") || n.equals("prereq.azuredeploy.json");
          })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + root, e);
    }
  }

  /** The parameters file beside a template ({@code x.json} -> {@code x.parameters.json}), or null. */
  static Path parametersFor(Path template) {
    String n = template.getFileName().toString();
    Path p = template.resolveSibling(n.substring(0, n.length() - ".json".length()) + ".parameters.json");
    return Files.isRegularFile(p) ? p : null;
  }
}
