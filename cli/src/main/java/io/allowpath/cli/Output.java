package io.allowpath.cli;

import io.allowpath.ingest.IoProblems;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How commands write: files through {@link #write} (an I/O failure becomes one line naming the file and
 * the reason, exit 2) and standard output through a {@link Stdout} that remembers why a write failed
 * (a {@link PrintWriter} only says that one did), so a full disk or closed pipe is exit 2, not a lost
 * answer with exit 0.
 */
final class Output {
  private Output() {}

  /** Standard input of the current in-process run, for {@code --estate -}. */
  private static final ThreadLocal<InputStream> STDIN = ThreadLocal.withInitial(() -> System.in);

  static InputStream stdin() {
    return STDIN.get();
  }

  static void stdin(InputStream in) {
    STDIN.set(in);
  }

  static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new OutputException("cannot write " + file + ": " + IoProblems.reason(e, file));
    } catch (java.nio.file.InvalidPathException | SecurityException e) {
      throw new OutputException("cannot write " + file + ": not a usable file name");
    }
  }

  /** Writes {@code files} (relative paths with {@code /}) under {@code dir}, creating directories. */
  static void writeTree(Path dir, java.util.Map<String, String> files) {
    for (java.util.Map.Entry<String, String> e : files.entrySet()) {
      Path f = dir.resolve(e.getKey());
      try {
        Files.createDirectories(f.getParent());
      } catch (IOException ex) {
        throw new OutputException("cannot create " + f.getParent() + ": " + IoProblems.reason(ex, f.getParent()));
      } catch (java.nio.file.InvalidPathException | SecurityException ex) {
        throw new OutputException("cannot create " + f.getParent() + ": not a usable directory name");
      }
      write(f, e.getValue());
    }
  }

  /** Writing an output failed: one line, exit 2. */
  static final class OutputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutputException(String message) {
      super(message);
    }
  }

  /** A stream that records the first write failure. */
  static final class Recording extends FilterOutputStream {
    private IOException failure;

    Recording(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        out.write(b, off, len);
      } catch (IOException e) {
        fail(e);
        throw e;
      }
    }

    @Override
    public void write(int b) throws IOException {
      try {
        out.write(b);
      } catch (IOException e) {
        fail(e);
        throw e;
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        out.flush();
      } catch (IOException e) {
        fail(e);
        throw e;
      }
    }

    private void fail(IOException e) {
      if (failure == null) {
        failure = e;
      }
    }

    IOException failure() {
      return failure;
    }
  }

  /** A writer over a {@link Recording} stream: says why its output was lost. */
  static final class Stdout extends PrintWriter {
    private final Recording sink;

    Stdout(OutputStream out) {
      this(new Recording(out));
    }

    private Stdout(Recording sink) {
      super(new OutputStreamWriter(sink, StandardCharsets.UTF_8), true);
      this.sink = sink;
    }

    String failure() {
      IOException e = sink.failure();
      return e == null ? null : IoProblems.words(e.getMessage());
    }
  }
}
