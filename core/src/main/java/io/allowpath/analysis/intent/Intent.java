package io.allowpath.analysis.intent;

import io.allowpath.analysis.egress.Compute;
import io.allowpath.model.Estate;
import io.allowpath.model.Target;
import java.util.List;

/**
 * What should reach what (docs/intents.md): computes chosen by {@code from} must reach ({@code REACH})
 * or must not reach ({@code NOT_REACH}, the exfiltration case) the targets chosen by {@code to}.
 * {@code source} says where the intent comes from (the file and its index, or the inference rule that
 * made it), for messages and SARIF.
 */
public record Intent(String name, Selector from, Selector to, Expect expect, List<Integer> ports, String source) {
  public Intent {
    ports = List.copyOf(ports);
  }

  public enum Expect { REACH, NOT_REACH }

  /** True when this intent speaks about the pair ({@code estate} gives the resources' tags). */
  public boolean covers(Compute c, Target t, Estate estate) {
    return from.matches(c, estate) && to.matches(t, estate);
  }
}
