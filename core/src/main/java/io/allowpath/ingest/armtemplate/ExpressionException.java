package io.allowpath.ingest.armtemplate;

/**
 * A template expression that cannot be evaluated. {@link Kind#MALFORMED} and {@link
 * Kind#UNSUPPORTED_FUNCTION} are defects of the input or gaps of this evaluator; {@link
 * Kind#EVALUATION} is a well-formed expression that fails at evaluation (wrong argument types, missing
 * property, unknown parameter name), as it would fail in Azure.
 */
final class ExpressionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  enum Kind {
    MALFORMED,
    UNSUPPORTED_FUNCTION,
    EVALUATION
  }

  private final Kind kind;

  ExpressionException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  static ExpressionException malformed(String message) {
    return new ExpressionException(Kind.MALFORMED, "malformed expression: " + message);
  }

  static ExpressionException unsupported(String function) {
    return new ExpressionException(Kind.UNSUPPORTED_FUNCTION, "unsupported function '" + function + "'");
  }

  static ExpressionException eval(String message) {
    return new ExpressionException(Kind.EVALUATION, message);
  }

  Kind kind() {
    return kind;
  }
}
