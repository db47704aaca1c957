package io.allowpath.emit;

import io.allowpath.plan.Plan;

/**
 * Renders a {@link Plan} as text in one infrastructure format (ARCHITECTURE.md "emit/&lt;format&gt;"):
 * az CLI, Bicep, ARM JSON or Terraform. Emitters decide nothing; they render the plan's values. The
 * same plan always gives byte-identical text, whatever the order its changes were built in.
 */
public interface Emitter {
  String emit(Plan plan);

  /** The emitter for a format name: az, bicep, arm or terraform; null for anything else. */
  static Emitter forFormat(String format) {
    return switch (format.toLowerCase(java.util.Locale.ROOT)) {
      case "az", "azcli" -> new io.allowpath.emit.azcli.AzCliEmitter();
      case "bicep" -> new io.allowpath.emit.bicep.BicepEmitter();
      case "arm" -> new io.allowpath.emit.arm.ArmEmitter();
      case "terraform", "tf" -> new io.allowpath.emit.terraform.TerraformEmitter();
      default -> null;
    };
  }
}
