package io.allowpath.emit;

import io.allowpath.plan.Plan;

/**
 * Renders a {@link Plan} as text in one infrastructure format (ARCHITECTURE.md "emit/&lt;format&gt;"):
 * az CLI, Bicep, ARM JSON or Terraform. Emitters decide nothing; they render the plan's values. The
 * same plan always gives byte-identical text, whatever the order its changes were built in. The emitter of
 * a format name: {@code emit.formats.Emitters.forFormat}.
 */
public interface Emitter {
  String emit(Plan plan);
}
