package io.allowpath.emit;

import io.allowpath.plan.Plan;
import java.util.LinkedHashMap;
import java.util.Map;

/** The golden fixture cases as plans, for the definition checks in {@code emit.check}. */
public final class FixturePlans {
  private FixturePlans() {}

  public static Map<String, Plan> cases() {
    Map<String, Plan> out = new LinkedHashMap<>();
    Fixtures.cases().forEach((k, v) -> out.put(k, Fixtures.plan(v)));
    return out;
  }
}
