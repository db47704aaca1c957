package io.allowpath.emit;

import io.allowpath.emit.arm.ArmEmitter;
import io.allowpath.emit.azcli.AzCliEmitter;
import io.allowpath.emit.bicep.BicepEmitter;
import io.allowpath.emit.terraform.TerraformEmitter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The four emitters by format name (the golden folder under {@code src/test/resources/emit/}) and file extension. */
final class Emitters {
  private Emitters() {}

  static Map<String, Emitter> all() {
    Map<String, Emitter> m = new LinkedHashMap<>();
    m.put("azcli", new AzCliEmitter());
    m.put("bicep", new BicepEmitter());
    m.put("arm", new ArmEmitter());
    m.put("terraform", new TerraformEmitter());
    return m;
  }
}
