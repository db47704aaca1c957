package io.allowpath.cli;

/**
 * A usage problem found after parsing (e.g. an ambiguous name); printed as one line, exit 2. With
 * {@link #hint()} the line ends with "see 'allowpath &lt;cmd&gt; --help'".
 */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final boolean hint;

  public UsageException(String message) {
    this(message, true);
  }

  public UsageException(String message, boolean hint) {
    super(message);
    this.hint = hint;
  }

  boolean hint() {
    return hint;
  }
}
