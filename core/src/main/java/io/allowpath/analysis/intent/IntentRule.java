package io.allowpath.analysis.intent;

import io.allowpath.analysis.access.Outcome;
import io.allowpath.analysis.audit.Level;

/**
 * The rules under which {@code audit --intents} reports intent violations (docs/audit-rules.md, "Intent
 * rules"; docs/intents.md says what a violation is). Ids ({@code AI###}) are stable, like the audit
 * rules' ({@code AP###}).
 */
public enum IntentRule {
  REACH_VIOLATED("AI001", "IntentReachNotAllowed", Level.ERROR,
      "A pair an intent says must reach is not allowed",
      "An intent says the compute must reach the target (expect: reach), but the verdict is DENY, AMBIGUOUS or "
          + "UNKNOWN: the workload that needs this access fails, or fails for some of its addresses, or cannot be "
          + "shown to work from the estate.",
      "Run allowpath check --intents with -v for the reasons and hops, and allowpath plan --intents for the changes."),
  NOT_REACH_VIOLATED("AI002", "IntentNotReachAllowed", Level.ERROR,
      "A pair an intent says must not reach is allowed",
      "An intent says the compute must not reach the target (expect: not-reach), but the target admits the compute's "
          + "egress (ALLOW), or admits some of its addresses (AMBIGUOUS): data can leave to, or be read from, a "
          + "resource it is meant to be kept from.",
      "Remove the rule that admits the compute (its IP rule, VNet rule, private endpoint or firewall rule; "
          + "allowpath check -v names it), or move the compute to egress the target does not admit."),
  UNUSED_INTENT("AI003", "IntentMatchesNoPair", Level.NOTE,
      "An intent matches no pair of the estate",
      "No compute and target of the estate match the intent's from and to selectors (or every pair it matches is "
          + "decided by an earlier intent): a misspelt name, tag or service, or resources missing from the export.",
      "Correct the selectors, export the missing resources, or remove the intent.");

  private final String id;
  private final String ruleName;
  private final Level level;
  private final String shortDescription;
  private final String fullDescription;
  private final String fix;

  IntentRule(String id, String ruleName, Level level, String shortDescription, String fullDescription, String fix) {
    this.id = id;
    this.ruleName = ruleName;
    this.level = level;
    this.shortDescription = shortDescription;
    this.fullDescription = fullDescription;
    this.fix = fix;
  }

  public String id() {
    return id;
  }

  public String ruleName() {
    return ruleName;
  }

  public Level level() {
    return level;
  }

  public String shortDescription() {
    return shortDescription;
  }

  public String fullDescription() {
    return fullDescription;
  }

  public String fix() {
    return fix;
  }

  /** The rule a violated pair falls under. */
  public static IntentRule of(IntentCheck.Judged j) {
    return j.intent().expect() == Intent.Expect.REACH ? REACH_VIOLATED : NOT_REACH_VIOLATED;
  }

  /** What a violation says, in one sentence: the pair, the verdict and the intent. */
  public static String message(IntentCheck.Judged j) {
    Outcome o = j.verdict().outcome();
    String pair = j.verdict().compute().name() + " -> " + j.verdict().target().id().name();
    String main = j.verdict().mainReason() == null ? "" : " (" + j.verdict().mainReason().name() + ")";
    return j.intent().expect() == Intent.Expect.REACH
        ? pair + " is " + o + main + " but intent '" + j.intent().name() + "' says it must reach"
        : pair + " is " + o + main + " but intent '" + j.intent().name() + "' says it must not reach";
  }
}
