package io.allowpath.cli;

/** A usage problem found after parsing (e.g. an ambiguous name); printed as one line, exit 2. */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
