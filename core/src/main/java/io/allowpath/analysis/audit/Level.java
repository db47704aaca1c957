package io.allowpath.analysis.audit;

import java.util.Locale;

/** Severity of an audit finding; the lower-case name is the SARIF {@code level}. */
public enum Level {
  ERROR,
  WARNING,
  NOTE;

  /** {@code error}, {@code warning} or {@code note}. */
  public String sarif() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when this level is at least as severe as {@code other}. */
  public boolean atLeast(Level other) {
    return ordinal() <= other.ordinal();
  }
}
