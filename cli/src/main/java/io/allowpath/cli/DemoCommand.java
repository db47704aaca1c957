package io.allowpath.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * {@code allowpath demo}: runs the main commands on the example estate bundled in the jar (the files
 * of {@code examples/estate/}, listed in its {@code manifest.txt}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run allowpath on the bundled example estate.")
public final class DemoCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** Copies the bundled example estate to a temporary directory and returns it. */
  static Path extractExampleEstate() {
    try {
      Path dir = Files.createTempDirectory("allowpath-demo");
      dir.toFile().deleteOnExit();
      for (String name : manifest()) {
        try (InputStream in = DemoCommand.class.getResourceAsStream("/examples/estate/" + name)) {
          if (in == null) {
            throw new IllegalStateException("example estate file missing from the jar: " + name);
          }
          Path f = dir.resolve(name);
          Files.copy(in, f);
          f.toFile().deleteOnExit();
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> manifest() throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream("/examples/estate/manifest.txt")) {
      if (in == null) {
        throw new IllegalStateException("examples/estate/manifest.txt missing from the jar");
      }
      List<String> out = new ArrayList<>();
      for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!l.isBlank()) {
          out.add(l.strip());
        }
      }
      return out;
    }
  }

  @Override
  public Integer call() {
    Path dir = extractExampleEstate();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    out.println("== allowpath egress --estate examples/estate");
    out.println("   Which public IP does each compute leave with, and is it stable?");
    out.println();
    out.flush();
    Main.run(new String[] {"egress", "--estate", dir.toString()}, out, err);
    return 0;
  }
}
