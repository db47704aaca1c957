package io.allowpath.ingest;

/**
 * A bug met while doing something to a known subject (a resource id or a file): carries what was being
 * done and on what, so the CLI can say so in its one-line internal error (exit 3) instead of a trace.
 * Bad input never ends up here: it is a diagnostic or an {@link InputException}.
 */
public final class InternalFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String doing;
  private final String subject;

  public InternalFailure(String doing, String subject, Throwable cause) {
    super(doing + " on " + subject, cause);
    this.doing = doing;
    this.subject = subject;
  }

  /** What was being done, e.g. "reading the resource". */
  public String doing() {
    return doing;
  }

  /** On what: a resource id or a file. */
  public String subject() {
    return subject;
  }
}
