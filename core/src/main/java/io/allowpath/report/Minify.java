package io.allowpath.report;

/**
 * Deterministic, conservative shrinking of the page's own script and style sheet (issue 16: the example
 * page must not grow): indentation, blank lines and whole-line {@code //} comments go, and so do spaces next
 * to punctuation outside string literals. Line breaks stay, so automatic semicolon insertion and the
 * meaning of every statement are unchanged; a space between two word characters ({@code var x},
 * {@code return a}, {@code else if}) stays. Only for the project's own assets: no regular expression
 * literal may contain a quote or a space, and no {@code + +} / {@code - -} may rely on its space (MinifyTest
 * checks the assets for both).
 */
final class Minify {
  private Minify() {}

  private static final String JS_PUNCT = "{}()[];,=+-*/<>!&|?:";
  private static final String CSS_PUNCT = "{};,:>";

  /** The script shrunk. */
  static String js(String source) {
    return shrink(source, JS_PUNCT, true);
  }

  /** The style sheet shrunk (no space is removed inside a selector's descendant combinator or a value list). */
  static String css(String source) {
    return shrink(source, CSS_PUNCT, false);
  }

  private static String shrink(String source, String punct, boolean lineComments) {
    StringBuilder out = new StringBuilder(source.length());
    for (String raw : source.split("\n", -1)) {
      String line = raw.strip();
      if (line.isEmpty() || (lineComments && line.startsWith("//"))) {
        continue;
      }
      StringBuilder b = new StringBuilder(line.length());
      char quote = 0;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (quote != 0) {
          b.append(c);
          if (c == '\\' && i + 1 < line.length()) {
            b.append(line.charAt(++i));
          } else if (c == quote) {
            quote = 0;
          }
          continue;
        }
        if (c == '\'' || c == '"') {
          quote = c;
          b.append(c);
          continue;
        }
        if (c == ' ') {
          int j = i;
          while (j + 1 < line.length() && line.charAt(j + 1) == ' ') {
            j++;
          }
          char prev = b.length() == 0 ? ' ' : b.charAt(b.length() - 1);
          char next = j + 1 < line.length() ? line.charAt(j + 1) : ' ';
          boolean keep = punct.indexOf(prev) < 0 && punct.indexOf(next) < 0;
          // "a - -b", "a + +b": the space separates two operators
          keep |= (prev == '+' || prev == '-') && prev == next;
          if (keep) {
            b.append(' ');
          }
          i = j;
          continue;
        }
        b.append(c);
      }
      out.append(b).append('\n');
    }
    return out.toString();
  }
}
