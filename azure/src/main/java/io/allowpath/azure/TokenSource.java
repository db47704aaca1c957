package io.allowpath.azure;

/** Bearer tokens for Resource Manager. Implementations never log or print a token. */
public interface TokenSource {
  /** A token valid for at least a little while (renewed before it expires where possible). */
  String token();

  /**
   * A fresh token after ARM answered 401 (expired or revoked mid-scan).
   *
   * @throws ScanException when no fresh token can be had (a fixed {@code AZURE_ACCESS_TOKEN})
   */
  String renew();

  /** Where tokens come from, for messages (never the token itself). */
  String describe();

  /** How many times a token was obtained after the first one. */
  int renewals();
}
