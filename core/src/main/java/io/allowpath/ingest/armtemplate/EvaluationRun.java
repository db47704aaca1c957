package io.allowpath.ingest.armtemplate;

import io.allowpath.ingest.InputException;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * State of one {@link TemplateEvaluator#evaluate} call: the template file, the diagnostics found so far
 * and strict mode. Each (pointer, message) pair is reported once, so a bad expression inside a copy loop
 * of 10 gives one diagnostic, not 10.
 */
final class EvaluationRun {
  final String file;
  final boolean strict;
  final List<Diagnostic> diagnostics = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();
  private long steps;

  EvaluationRun(String file, boolean strict) {
    this.file = file;
    this.strict = strict;
  }

  /** An expression that failed: one ERROR naming file, pointer and expression; throws in strict mode. */
  void expressionFailed(String pointer, String expressionText, ExpressionException e) {
    String what = e.getMessage() + " in expression \"" + expressionText + "\"";
    if (strict && e.kind() != ExpressionException.Kind.EVALUATION) {
      throw new InputException(file, pointer, what);
    }
    add(Severity.ERROR, pointer, what);
  }

  /**
   * Counts one evaluation step; past {@link TemplateLimits#MAX_STEPS} the template is refused with one
   * line (a copy loop multiplied by nested loops and large functions could otherwise run for hours).
   */
  void step(String pointer) {
    if (++steps > TemplateLimits.MAX_STEPS) {
      throw new InputException(file, pointer, "template evaluation stopped after " + TemplateLimits.MAX_STEPS
          + " steps (nested copy loops or expressions too large to evaluate); simplify the template or pass "
          + "the deployed resources instead");
    }
  }

  void error(String pointer, String message) {
    add(Severity.ERROR, pointer, message);
  }

  void warning(String pointer, String message) {
    add(Severity.WARNING, pointer, message);
  }

  private void add(Severity severity, String pointer, String message) {
    String full = file + ": " + (pointer == null || pointer.isEmpty() ? "/" : pointer) + ": " + message;
    if (seen.add(severity + full)) {
      diagnostics.add(new Diagnostic(severity, null, message, file, pointer == null || pointer.isEmpty() ? "/" : pointer));
    }
  }
}
