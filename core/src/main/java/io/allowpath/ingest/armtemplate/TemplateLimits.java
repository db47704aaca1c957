package io.allowpath.ingest.armtemplate;

/**
 * Bounds on template evaluation, so a hostile or broken template ends in one clear error instead of a
 * stack overflow, an out-of-memory error or a run that never ends.
 *
 * <ul>
 *   <li>{@link #MAX_COPY}: ARM's own limit, "The count can't exceed 800. The count can't be a negative
 *       number" (https://learn.microsoft.com/azure/azure-resource-manager/templates/copy-resources,
 *       copy-properties and copy-variables, "Copy limits").
 *   <li>{@link #MAX_EXPRESSION_LENGTH}: ARM's "24,576 characters in a template expression"
 *       (https://learn.microsoft.com/azure/azure-resource-manager/templates/best-practices, "Template
 *       limits").
 *   <li>{@link #MAX_NESTING}, {@link #MAX_STEPS}, {@link #MAX_STRING}: ARM documents no such bound (it
 *       bounds the expanded template to 4 MB instead, same page); these are allowpath's, far above what
 *       real templates use (the deepest expression in the quickstart corpus nests about 10 calls).
 * </ul>
 */
final class TemplateLimits {
  private TemplateLimits() {}

  static final int MAX_COPY = 800;
  static final int MAX_EXPRESSION_LENGTH = 24_576;
  /** Calls, property accesses and indexes nested in one expression. */
  static final int MAX_NESTING = 100;
  /** Expression nodes and JSON values evaluated for one template file. */
  static final long MAX_STEPS = 2_000_000;
  /** Characters in one string or elements in one array an expression builds (the 4 MB expanded-template limit). */
  static final int MAX_STRING = 4 * 1024 * 1024;

  /** The copy count of loop {@code loop}, checked against ARM's limits; throws an evaluation error. */
  static long copyCount(long n, String loop) {
    if (n < 0) {
      throw ExpressionException.eval("copy loop '" + loop + "' has count " + n + "; ARM requires 0 to " + MAX_COPY
          + " (https://learn.microsoft.com/azure/azure-resource-manager/templates/copy-resources#copy-limits)");
    }
    if (n > MAX_COPY) {
      throw ExpressionException.eval("copy loop '" + loop + "' has count " + n + ", above ARM's limit of " + MAX_COPY
          + " (https://learn.microsoft.com/azure/azure-resource-manager/templates/copy-resources#copy-limits)");
    }
    return n;
  }
}
