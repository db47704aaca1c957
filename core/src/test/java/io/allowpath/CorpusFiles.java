package io.allowpath;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Locates the shared corpus of real external files ({@code shared/corpus}) used by scenario tests
 * (ARCHITECTURE.md habit 10). Walks up from the working directory and, for each ancestor {@code dir},
 * checks {@code dir/shared/corpus} and {@code dir/../shared/corpus} (CI clones the repository to a
 * folder whose sibling is {@code shared/}).
 *
 * <p>Every test that reads the corpus is marked {@link RequiresCorpus}: on a clone without the corpus it
 * is skipped with one line per class. A call here that does not find the corpus fails the test with a
 * clear message (that is what happens in CI, where the corpus must be present).
 */
public final class CorpusFiles {
  private CorpusFiles() {}

  /** Where the search starts: the test's working directory (the module directory under Maven). */
  static final Path START = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();

  private static volatile Optional<Path> found;

  /** The corpus root directory, if one is found from the working directory. */
  public static Optional<Path> find() {
    Optional<Path> f = found;
    if (f == null) {
      f = search();
      found = f;
    }
    return f;
  }

  private static Optional<Path> search() {
    for (Path dir = START; dir != null; dir = dir.getParent()) {
      for (Path candidate : List.of(dir.resolve("shared/corpus"), dir.resolve("../shared/corpus"))) {
        if (Files.isDirectory(candidate)) {
          return Optional.of(candidate.normalize());
        }
      }
    }
    return Optional.empty();
  }

  /** The corpus root directory; fails the test when it is not found. */
  public static Path root() {
    return find().orElseGet(() -> fail("corpus not found: looked for shared/corpus and ../shared/corpus in " + START
        + " and each of its ancestors; check out the shared corpus beside the repository"));
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

  /** The 2021 fork of the Azure quickstart templates in the corpus; fails when it is missing. */
  public static Path quickstarts2021() {
    Path p = resolve("azure-quickstart-templates-fork-2021");
    if (!Files.isDirectory(p)) {
      fail("corpus folder missing: " + p);
    }
    return p;
  }

  /** Every azuredeploy.json and prereq.azuredeploy.json below {@code root}, sorted. */
  public static List<Path> templates(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> {
            String n = p.getFileName().toString();
            return n.equals("azuredeploy.json") || n.equals("prereq.azuredeploy.json");
          })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The parameters file beside a template ({@code x.json} -> {@code x.parameters.json}), or null. */
  public static Path parametersFor(Path template) {
    String n = template.getFileName().toString();
    Path p = template.resolveSibling(n.substring(0, n.length() - ".json".length()) + ".parameters.json");
    return Files.isRegularFile(p) ? p : null;
  }
}
