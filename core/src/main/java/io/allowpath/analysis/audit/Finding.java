package io.allowpath.analysis.audit;

import io.allowpath.model.ResourceId;

/**
 * One audit finding: the rule ({@code AP###}), its severity, the resource it is about (one finding per
 * resource and rule; the computes or pairs concerned are named in the message), a message a user can
 * act on, the fix, and where the resource was read ({@code file} and JSON {@code pointer}; null when
 * unknown).
 */
public record Finding(String ruleId, Level severity, ResourceId resource, String message, String fix, String file,
    String pointer) {

  public AuditRule rule() {
    return AuditRule.byId(ruleId);
  }
}
