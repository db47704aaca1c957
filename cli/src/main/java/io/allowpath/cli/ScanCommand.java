package io.allowpath.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.allowpath.azure.Scanner;
import io.allowpath.report.Json;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code allowpath scan}: reads the estate from Azure (Resource Graph, then the ARM GETs Resource Graph
 * cannot answer; docs/formats.md §7) and writes it as the ARM JSON array every other command reads with
 * {@code --estate}. Problems (a subscription or a read answering 403/404, ...) are warnings on stderr; the
 * scan goes on. Exit 0 when the scan ran, 2 when it could not (no credential, token refused, bad option).
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
    description = "Read the estate from Azure (Reader on the scope is enough) and write it as ARM JSON.")
public final class ScanCommand implements Callable<Integer> {
  @Option(names = "--subscription", paramLabel = "ID",
      description = "a subscription to read (repeatable); default: every subscription the credential can see")
  List<String> subscriptions = new ArrayList<>();

  @Option(names = "--resource-group", paramLabel = "NAME", description = "read only this resource group (repeatable)")
  List<String> resourceGroups = new ArrayList<>();

  @Option(names = "--save", paramLabel = "FILE",
      description = "write the ARM JSON array here (written whole or not at all); default: stdout")
  Path save;

  @Mixin LiveOptions live;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Scanner.Result r = live.scan(subscriptions, resourceGroups, err);
    for (Scanner.Problem p : r.problems()) {
      err.println("warning: " + (p.resourceId() == null ? "" : p.resourceId() + ": ") + p.message());
    }
    err.flush();
    ArrayNode arr = Json.MAPPER.createArrayNode();
    r.resources().forEach(arr::add);
    if (save == null) {
      spec.commandLine().getOut().print(Json.write(arr));
      spec.commandLine().getOut().flush();
    } else {
      // streamed to the file: an L estate is ~90 MB of JSON, not built as a String first
      writeWhole(save, out -> {
        Json.MAPPER.writeValue(out, arr);
        out.write('\n');
      });
    }
    return 0;
  }

  /** A temporary file is private (0600); give the result the target's permissions, or rw-r--r-- for a new file. */
  private static void readableLikeTarget(Path tmp, Path target) throws IOException {
    if (!tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    Set<PosixFilePermission> perms = Files.exists(target) ? Files.getPosixFilePermissions(target)
        : PosixFilePermissions.fromString("rw-r--r--");
    Files.setPosixFilePermissions(tmp, perms);
  }

  /** Writes to a temporary file beside {@code target}, then renames it: a reader never sees half a file. */
  /** Writes the content to a stream (which it must not close). */
  @FunctionalInterface
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  static void writeWhole(Path target, String text) {
    writeWhole(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  static void writeWhole(Path target, Content content) {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
      tmp.toFile().deleteOnExit(); // interrupted (Ctrl-C): no temporary file left behind
      readableLikeTarget(tmp, abs);
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        content.writeTo(new FilterOutputStream(out) {
          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
          }

          @Override
          public void close() throws IOException {
            flush(); // Jackson closes the stream it is given; the file is closed here
          }
        });
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort; deleteOnExit remains
        }
      }
      throw new UsageException("cannot write " + target + ": " + e.getMessage());
    }
  }
}
