package io.allowpath.plan;

/** A pair no change can fix, with the reason (CONTRACT.md {@code unresolved}). */
public record Unresolved(String from, String to, String reason) {}
