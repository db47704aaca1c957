package io.allowpath.model;

/**
 * A problem found in the input (habit 5: problems are diagnostics, not exceptions). {@code resource},
 * {@code file} and {@code pointer} may be null when unknown. {@code pointer} is a JSON pointer into
 * {@code file}.
 */
public record Diagnostic(Severity severity, ResourceId resource, String message, String file, String pointer) {

  public static Diagnostic error(ResourceId resource, String message) {
    return new Diagnostic(Severity.ERROR, resource, message, null, null);
  }

  public static Diagnostic warning(ResourceId resource, String message) {
    return new Diagnostic(Severity.WARNING, resource, message, null, null);
  }

  public static Diagnostic info(ResourceId resource, String message) {
    return new Diagnostic(Severity.INFO, resource, message, null, null);
  }

  public Diagnostic at(String file, String pointer) {
    return new Diagnostic(severity, resource, message, file, pointer);
  }

  /** One line for a terminal: severity, location and message. */
  public String oneLine() {
    StringBuilder sb = new StringBuilder(severity.name().toLowerCase(java.util.Locale.ROOT)).append(": ");
    if (file != null) {
      sb.append(file);
      if (pointer != null && !pointer.isEmpty()) {
        sb.append(" at ").append(pointer);
      }
      sb.append(": ");
    }
    if (resource != null) {
      sb.append(resource.value()).append(": ");
    }
    return sb.append(message).toString();
  }
}
