package io.allowpath.emit.check;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** The shared corpus, or a skipped test (one line) when this clone has none beside it. */
final class Corpus {
  private Corpus() {}

  static Path dir(String relative) {
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
    for (Path d = start; d != null; d = d.getParent()) {
      for (Path c : List.of(d.resolve("shared/corpus"), d.resolve("../shared/corpus"))) {
        if (Files.isDirectory(c.resolve(relative))) {
          return c.resolve(relative).normalize();
        }
      }
    }
    Assumptions.abort("skipped: shared/corpus/" + relative + " not found beside this clone");
    return null;
  }
}
