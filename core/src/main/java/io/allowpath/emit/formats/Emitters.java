package io.allowpath.emit.formats;

import io.allowpath.emit.Emitter;
import io.allowpath.emit.arm.ArmEmitter;
import io.allowpath.emit.azcli.AzCliEmitter;
import io.allowpath.emit.bicep.BicepEmitter;
import io.allowpath.emit.terraform.TerraformEmitter;
import java.util.Locale;

/**
 * The emitter of each output format. It lives above the format packages (which depend on
 * {@code emit} and {@code emit.spec}), so that {@code emit} itself never depends on them.
 */
public final class Emitters {
  private Emitters() {}

  /** The emitter for a format name: az, bicep, arm or terraform; null for anything else. */
  public static Emitter forFormat(String format) {
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "az", "azcli" -> new AzCliEmitter();
      case "bicep" -> new BicepEmitter();
      case "arm" -> new ArmEmitter();
      case "terraform", "tf" -> new TerraformEmitter();
      default -> null;
    };
  }
}
