package io.allowpath.cli;

import java.util.regex.Pattern;

/**
 * Keeps library and Java wording out of what the user reads: no class names (Java, Jackson, picocli),
 * no internal method references; and names an unexpected failure in plain words for the exit-3 line.
 */
final class Messages {
  private Messages() {}

  /** A qualified Java class name, optionally followed by ": " (as in "java.nio.file.NoSuchFileException: x"). */
  private static final Pattern CLASS_NAME =
      Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.){2,}[A-Z][A-Za-z0-9_$]*(?::\\s*)?");
  /** Jackson's pointers to its own settings, e.g. "(from `StreamReadConstraints.getMaxNestingDepth()`)". */
  private static final Pattern JACKSON_HINT = Pattern.compile("\\s*\\(from `[^`]*`\\)");

  static String clean(String message) {
    if (message == null) {
      return "";
    }
    String m = JACKSON_HINT.matcher(message).replaceAll("");
    m = CLASS_NAME.matcher(m).replaceAll("");
    m = m.replace("\r", " ").replace("\n", " ").replaceAll(" {2,}", " ").strip();
    return m.replaceAll("\\(\\s*\\)", "").strip();
  }

  /** An unexpected failure in plain words (the trace, with --debug, has the rest). */
  static String what(Throwable t) {
    if (t instanceof StackOverflowError) {
      return "recursion too deep (stack overflow)";
    }
    if (t instanceof OutOfMemoryError) {
      return "out of memory";
    }
    if (t instanceof NullPointerException) {
      return "a missing value";
    }
    if (t instanceof ClassCastException) {
      return "a value of an unexpected kind";
    }
    if (t instanceof IndexOutOfBoundsException) {
      return "an index out of range";
    }
    if (t instanceof NumberFormatException) {
      return "a malformed number";
    }
    if (t instanceof ArithmeticException) {
      return "an arithmetic overflow";
    }
    if (t instanceof IllegalArgumentException || t instanceof IllegalStateException) {
      return "an unexpected value";
    }
    if (t instanceof UnsupportedOperationException) {
      return "an unsupported operation";
    }
    if (t instanceof java.util.ConcurrentModificationException) {
      return "a collection changed while being read";
    }
    return "an unexpected failure";
  }
}
