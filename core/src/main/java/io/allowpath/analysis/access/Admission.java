package io.allowpath.analysis.access;

import io.allowpath.model.IpSet;
import io.allowpath.model.ResourceId;
import java.util.List;
import java.util.Set;

/**
 * A target's public-endpoint rules compiled once into what the evaluator needs (ARCHITECTURE "compile
 * target rules"): public access off, open to all, ordered IP rules (first match wins; allow-only lists
 * are ordered trivially), VNet rules, the action for unmatched traffic, notes, or why it is unknown.
 */
record Admission(
    boolean publicDisabled,
    boolean open,
    List<Rule> ipRules,
    Set<ResourceId> vnetRules,
    boolean anyVnet,
    boolean unmatchedAllowed,
    List<Reason> notes,
    Reason unknown,
    String unknownDetail,
    String decidedBy) {

  /**
   * One ordered rule: the addresses it matches ({@code null} for a service tag that could not be
   * resolved), allow or deny, whether it is an "all Azure" rule (SQL/Cosmos 0.0.0.0, AzureCloud), the
   * public IP whose address it admits when written as a reference ({@code publicIp}, see
   * {@link TargetRules#publicIpReference}), and its name/text for explanations.
   */
  record Rule(String label, IpSet addresses, boolean allow, boolean allAzure, ResourceId publicIp) {
    Rule(String label, IpSet addresses, boolean allow, boolean allAzure) {
      this(label, addresses, allow, allAzure, null);
    }

    boolean broad() {
      return allAzure || (addresses != null && addresses.v4Count() >= 65536);
    }

    boolean unresolved() {
      return addresses == null && !allAzure && publicIp == null;
    }
  }

  static Admission disabled(String by) {
    return new Admission(true, false, List.of(), Set.of(), false, false, List.of(), null, null, by);
  }

  static Admission open(String by, List<Reason> notes) {
    return new Admission(false, true, List.of(), Set.of(), false, true, notes, null, null, by);
  }

  static Admission unknown(Reason why, String detail) {
    return new Admission(false, false, List.of(), Set.of(), false, false, List.of(), why, detail, null);
  }

  static Admission restricted(List<Rule> rules, Set<ResourceId> vnets, boolean anyVnet, boolean unmatchedAllowed,
      List<Reason> notes, String by) {
    return new Admission(false, false, List.copyOf(rules), Set.copyOf(vnets), anyVnet, unmatchedAllowed,
        List.copyOf(notes), null, null, by);
  }
}
