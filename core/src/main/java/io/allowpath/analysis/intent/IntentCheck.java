package io.allowpath.analysis.intent;

import io.allowpath.analysis.access.Outcome;
import io.allowpath.analysis.access.Verdict;
import java.util.List;

/**
 * The pairs some intent covers, with their verdicts and the intent that decides each, and the
 * violations: a {@code reach} pair that is not ALLOW, or a {@code not-reach} pair that is ALLOW or
 * AMBIGUOUS (some of its egress addresses are let in: the exfiltration case).
 */
public record IntentCheck(List<Judged> pairs, List<Judged> violations, List<Intent> unused) {
  public IntentCheck {
    pairs = List.copyOf(pairs);
    violations = List.copyOf(violations);
    unused = List.copyOf(unused);
  }

  /** How many intents decide no pair (none matches, or earlier intents decide all they match). */
  public int intentsWithoutPairs() {
    return unused.size();
  }

  /** A verdict and the intent that decides what is expected of its pair. */
  public record Judged(Verdict verdict, Intent intent) {
    public boolean violated() {
      Outcome o = verdict.outcome();
      return intent.expect() == Intent.Expect.REACH ? o != Outcome.ALLOW : o == Outcome.ALLOW || o == Outcome.AMBIGUOUS;
    }
  }
}
