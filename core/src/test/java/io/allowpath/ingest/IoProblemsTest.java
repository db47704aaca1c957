package io.allowpath.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** I/O failures are named by their reason, in plain words, without Java class names. */
class IoProblemsTest {
  @Test
  void permissionDenied() {
    assertThat(IoProblems.reason(new AccessDeniedException("/etc/x"), Path.of("/etc/x"))).isEqualTo("permission denied");
  }

  @Test
  void aMissingParentDirectoryIsNamed(@TempDir Path dir) {
    Path f = dir.resolve("a/b/out.json");
    assertThat(IoProblems.reason(new NoSuchFileException(f.toString()), f)).isEqualTo("no such directory: " + dir.resolve("a/b"));
  }

  @Test
  void aMissingFileInAnExistingDirectory(@TempDir Path dir) {
    Path f = dir.resolve("out.json");
    assertThat(IoProblems.reason(new NoSuchFileException(f.toString()), f)).isEqualTo("no such file or directory");
  }

  @Test
  void aFullDisk() {
    assertThat(IoProblems.reason(new FileSystemException("/tmp/x", null, "No space left on device"), null))
        .isEqualTo("disk full (no space left on device)");
    assertThat(IoProblems.words("No space left on device")).isEqualTo("disk full (no space left on device)");
  }

  @Test
  void classNamesNeverPassThrough() {
    assertThat(IoProblems.reason(new IOException("java.nio.channels.ClosedChannelException: closed"), null))
        .isEqualTo("closed");
  }
}
