package io.allowpath;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Locates the shared corpus of real external files ({@code shared/corpus}) used by scenario tests
 * (ARCHITECTURE.md habit 10). Walks up from the working directory and, for each ancestor {@code dir},
 * checks {@code dir/shared/corpus} and {@code dir/../shared/corpus} (CI clones the repository to a
 * folder whose sibling is {@code shared/}). Fails the test with a clear message when it is not found.
 */
public final class CorpusFiles {
  private CorpusFiles() {}

  /** The corpus root directory. */
  public static Path root() {
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      for (Path candidate : List.of(dir.resolve("shared/corpus"), dir.resolve("../shared/corpus"))) {
        if (Files.isDirectory(candidate)) {
          return candidate.normalize();
        }
      }
    }
    return fail("corpus not found: looked for shared/corpus and ../shared/corpus in " + start
        + " and each of its ancestors; check out the shared corpus beside the repository");
  }

  /** A file or directory under the corpus root; fails when it does not exist. */
  public static Path resolve(String relative) {
    Path p = root().resolve(relative);
    if (!Files.exists(p)) {
      fail("corpus file missing: " + p);
    }
    return p;
  }

  /** Every regular file under {@code relativeDir} whose name ends with {@code suffix}, sorted. */
  public static List<Path> files(String relativeDir, String suffix) {
    try (Stream<Path> s = Files.walk(resolve(relativeDir))) {
      return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
