package io.allowpath.azure;

/**
 * A scan that cannot go on: no credential, a token ARM refuses, an endpoint that never answers. The
 * message is one line for the user (the CLI prints it and exits 2); it never contains a token.
 */
public final class ScanException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ScanException(String message) {
    super(message);
  }
}
