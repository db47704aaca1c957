package io.allowpath.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fixed fuzz run: {@code fuzz.count} mutants (2,000 in {@code .ci/run}; {@code mvn -Pfuzz verify
 * -Dfuzz.count=N} for long runs) with seed {@code fuzz.seed}; fails on any crash (exit outside 0/1/2, a
 * stack trace) or hang. The summary goes to stdout and {@code target/fuzz-report.txt}.
 */
class FuzzTest {
  @Test
  void noCrashAndNoHang() throws Exception {
    Path root = Path.of(System.getProperty("fuzz.root", "..")).toAbsolutePath().normalize();
    int count = Integer.getInteger("fuzz.count", 2000);
    long seed = Long.getLong("fuzz.seed", 20261201L);
    int threads = Integer.getInteger("fuzz.threads", 2);
    Duration limit = Duration.ofSeconds(Long.getLong("fuzz.timeoutSeconds", 20L));
    Path corpus = root.resolve("../shared/corpus").normalize();
    if (!Files.isDirectory(corpus)) {
      System.out.println("fuzz: " + corpus + " absent; seeds are the project's examples and fixtures only");
    }
    List<Fuzzer.Seed> seeds = Fuzzer.seeds(root, corpus);
    assertThat(seeds).as("seed files under %s", root).isNotEmpty();
    int runs = Integer.getInteger("fuzz.runsPerMutant", 1);
    Fuzzer.Result r = new Fuzzer(seeds, root.resolve("fuzz/target/fuzz-work"), runs).fuzz(seed, count, threads, limit);
    System.out.print(r.summary());
    Files.writeString(root.resolve("fuzz/target/fuzz-report.txt"), r.summary());
    assertThat(r.hangs()).as("hangs").isEmpty();
    assertThat(r.crashes()).as("crash classes").isEmpty();
  }
}
