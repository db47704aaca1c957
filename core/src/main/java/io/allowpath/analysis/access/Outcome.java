package io.allowpath.analysis.access;

/**
 * The closed set of verdicts (CONTRACT.md). When several stages decide (an Azure Firewall, then the
 * target), the worst wins in the order DENY &gt; UNKNOWN &gt; AMBIGUOUS &gt; ALLOW.
 */
public enum Outcome {
  ALLOW,
  AMBIGUOUS,
  UNKNOWN,
  DENY;

  public Outcome worst(Outcome o) {
    return o.ordinal() > ordinal() ? o : this;
  }
}
