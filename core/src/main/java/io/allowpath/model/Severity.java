package io.allowpath.model;

/** Severity of a diagnostic about the input estate. */
public enum Severity {
  ERROR,
  WARNING,
  INFO
}
