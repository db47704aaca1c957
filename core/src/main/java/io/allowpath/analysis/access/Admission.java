package io.allowpath.analysis.access;

import io.allowpath.model.IpSet;
import io.allowpath.model.ResourceId;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A target's public-endpoint rules compiled once by its service's rule class (see {@link TargetRules})
 * into what the one decision path ({@link AccessEvaluator}) reads: public access off, open to all,
 * ordered IP rules (first match wins; allow-only lists are ordered trivially), VNet rules, the action for
 * unmatched traffic, notes, or why it is unknown — and the few service-specific facts the decision path
 * needs, as data rather than as type checks:
 *
 * <ul>
 *   <li>{@code ipRulesIgnoredFromRegion}: Storage's region; IP rules have no effect on traffic from the
 *       same region (AZURE-EGRESS.md §4.0 T1), {@link #REGION_NOT_KNOWN} for an account exported without a
 *       location, null for every other service;
 *   <li>{@code firstMatchReasons}: App Service names the rule that denied (deny rule or implicit deny,
 *       §4.6 T10);
 *   <li>{@code matchNotes}: reasons added to a verdict decided by the IP rules (Cosmos DB VNet rules with
 *       the virtual network filter off, §4.4 T8b);
 *   <li>{@code perimeter}: the network security perimeter profile that decides public access
 *       ({@code publicNetworkAccess: SecuredByPerimeter}, §8.7, see {@link PerimeterRules}), null otherwise.
 * </ul>
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
    String decidedBy,
    String ipRulesIgnoredFromRegion,
    boolean firstMatchReasons,
    List<Reason> matchNotes,
    Perimeter perimeter) {

  /** {@code ipRulesIgnoredFromRegion} of a storage account whose region the estate does not show. */
  static final String REGION_NOT_KNOWN = "";

  Admission {
    ipRules = List.copyOf(ipRules);
    vnetRules = Set.copyOf(vnetRules);
    notes = List.copyOf(notes);
    matchNotes = List.copyOf(matchNotes);
  }

  /**
   * One ordered rule: the addresses it matches ({@code null} for a service tag that could not be
   * resolved), allow or deny, whether it is an "all Azure" rule (SQL/Cosmos 0.0.0.0, AzureCloud), the
   * public IP whose address it admits when written as a reference ({@code publicIp}, see
   * {@link RuleContext#publicIpReference}), and its name/text for explanations.
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
    return new Admission(true, false, List.of(), Set.of(), false, false, List.of(), null, null, by, null, false, List.of(),
        null);
  }

  static Admission open(String by, List<Reason> notes) {
    return new Admission(false, true, List.of(), Set.of(), false, true, notes, null, null, by, null, false, List.of(),
        null);
  }

  static Admission unknown(Reason why, String detail) {
    return new Admission(false, false, List.of(), Set.of(), false, false, List.of(), why, detail, null, null, false,
        List.of(), null);
  }

  static Admission restricted(List<Rule> rules, Set<ResourceId> vnets, boolean anyVnet, boolean unmatchedAllowed,
      List<Reason> notes, String by) {
    return new Admission(false, false, rules, vnets, anyVnet, unmatchedAllowed, notes, null, null, by, null, false,
        List.of(), null);
  }

  /** True when the answer depends on the compute's addresses or region (the public rules are in force). */
  boolean restricted() {
    return unknown == null && !publicDisabled && !open;
  }

  /** This admission with Storage's same-region exemption from IP rules. */
  Admission ignoringIpRulesFrom(String region) {
    return new Admission(publicDisabled, open, ipRules, vnetRules, anyVnet, unmatchedAllowed, notes, unknown,
        unknownDetail, decidedBy, region, firstMatchReasons, matchNotes, perimeter);
  }

  /** This admission naming App Service's deny reasons when its first-match rules refuse. */
  Admission withFirstMatchReasons() {
    return new Admission(publicDisabled, open, ipRules, vnetRules, anyVnet, unmatchedAllowed, notes, unknown,
        unknownDetail, decidedBy, ipRulesIgnoredFromRegion, true, matchNotes, perimeter);
  }

  /**
   * The perimeter whose profile decides a SecuredByPerimeter target's public access: the perimeter, the
   * profile, and the subscriptions (lower-case GUIDs) whose managed identities its subscription rules admit
   * whatever their address.
   */
  record Perimeter(ResourceId perimeter, ResourceId profile, Set<String> identitySubscriptions) {
    Perimeter {
      identitySubscriptions = Set.copyOf(identitySubscriptions);
    }
  }

  /** This admission decided by {@code p}'s profile. */
  Admission withPerimeter(Perimeter p) {
    return new Admission(publicDisabled, open, ipRules, vnetRules, anyVnet, unmatchedAllowed, notes, unknown,
        unknownDetail, decidedBy, ipRulesIgnoredFromRegion, firstMatchReasons, matchNotes, p);
  }

  /** True when a perimeter subscription rule admits calls of {@code subscription}'s managed identities. */
  boolean admitsIdentitiesOf(String subscription) {
    return subscription != null && perimeter != null && !perimeter.identitySubscriptions().isEmpty()
        && perimeter.identitySubscriptions().contains(subscription.toLowerCase(Locale.ROOT));
  }

  /** This admission adding {@code reasons} to every verdict its IP rules decide. */
  Admission withMatchNotes(List<Reason> reasons) {
    return new Admission(publicDisabled, open, ipRules, vnetRules, anyVnet, unmatchedAllowed, notes, unknown,
        unknownDetail, decidedBy, ipRulesIgnoredFromRegion, firstMatchReasons, reasons, perimeter);
  }
}
