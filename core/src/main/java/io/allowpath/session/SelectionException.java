package io.allowpath.session;

/** A {@code --from}/{@code --to}/{@code --workspace} value that names nothing, or more than one thing. */
public final class SelectionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SelectionException(String message) {
    super(message);
  }
}
