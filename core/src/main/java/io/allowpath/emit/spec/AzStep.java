package io.allowpath.emit.spec;

import java.util.List;

/**
 * One step of the az CLI script for a target: a comment, a blank line, a command, or a command guarded so that a
 * re-run changes nothing: {@link Unless} runs it only when a check fails (the resource does not exist),
 * {@link UnlessListed} only when a list the check prints ({@code -o tsv}) holds none of the patterns.
 */
public sealed interface AzStep {
  record Comment(String text) implements AzStep {}

  record Blank() implements AzStep {}

  record Run(AzCall call) implements AzStep {}

  record Unless(AzCall check, AzCall call) implements AzStep {}

  record UnlessListed(AzCall check, List<Node> patterns, AzCall call) implements AzStep {
    public UnlessListed {
      patterns = List.copyOf(patterns);
    }
  }
}
