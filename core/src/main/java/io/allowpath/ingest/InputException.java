package io.allowpath.ingest;

/**
 * Malformed input that cannot be read at all: one line naming the file, where in it, and what was
 * expected. The CLI prints {@link #getMessage()} and exits 2; no stack trace (habit 5).
 */
public final class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InputException(String file, String where, String expected) {
    super(file + (where == null || where.isEmpty() ? "" : ": " + where) + ": " + expected);
  }

  public InputException(String message) {
    super(message);
  }
}
