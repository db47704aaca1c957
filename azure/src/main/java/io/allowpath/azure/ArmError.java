package io.allowpath.azure;

/**
 * A request that failed for good: an HTTP status that is not retried (403, 404, 400, ...), retries used
 * up, a timeout, or a body that is not JSON. {@code status} is 0 when no HTTP answer came.
 */
public final class ArmError extends Exception {
  private static final long serialVersionUID = 1L;
  public final int status;
  public final String code;

  public ArmError(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /** "HTTP 403 AuthorizationFailed: message" (or "timeout: ..." without an HTTP answer). */
  public String oneLine() {
    String head = status == 0 ? code : "HTTP " + status + (code == null ? "" : " " + code);
    return head + (getMessage() == null || getMessage().isBlank() ? "" : ": " + getMessage());
  }
}
