package io.allowpath.ingest;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Names the reason of an I/O failure in the user's words ("no such directory", "permission denied",
 * "disk full"), without Java class names: the JDK's exceptions carry the path as their message and the
 * reason only in their class or in {@link FileSystemException#getReason()}.
 */
public final class IoProblems {
  private IoProblems() {}

  /** The reason {@code e} happened while reading or writing {@code path} (null: unknown path). */
  public static String reason(IOException e, Path path) {
    if (e instanceof NoSuchFileException) {
      Path parent = path == null ? null : path.toAbsolutePath().getParent();
      if (parent != null && !java.nio.file.Files.isDirectory(parent)) {
        return "no such directory: " + parent;
      }
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return "a path element is not a directory";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "the file already exists";
    }
    if (e instanceof DirectoryNotEmptyException) {
      return "the directory is not empty";
    }
    String r = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage();
    return words(r);
  }

  /** The operating system's wording of a failure, mapped to ours where it is a known one. */
  public static String words(String osMessage) {
    if (osMessage == null || osMessage.isBlank()) {
      return "input/output error";
    }
    String m = osMessage.toLowerCase(Locale.ROOT);
    if (m.contains("no space left")) {
      return "disk full (no space left on device)";
    }
    if (m.contains("disk quota")) {
      return "disk quota exceeded";
    }
    if (m.contains("permission denied") || m.contains("access is denied")) {
      return "permission denied";
    }
    if (m.contains("is a directory")) {
      return "it is a directory, not a file";
    }
    if (m.contains("not a directory")) {
      return "a path element is not a directory";
    }
    if (m.contains("no such file")) {
      return "no such file or directory";
    }
    if (m.contains("broken pipe")) {
      return "the reader closed the pipe (broken pipe)";
    }
    if (m.contains("read-only file system")) {
      return "read-only file system";
    }
    // an OS message without a Java class name in it is already in plain words
    return osMessage.replaceAll("(?:[a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?::\\s*)?", "").strip();
  }
}
