package io.allowpath.report;

/** HTML escaping for text and attribute values (every string the report shows passes through here). */
public final class Html {
  private Html() {}

  public static String esc(String s) {
    return escape(s, true);
  }

  /**
   * Escaping for element text only (never an attribute value): {@code &}, {@code <} and {@code >}; quotes
   * need none there, which keeps code blocks full of JSON and Bicep strings small (issue 16).
   */
  public static String text(String s) {
    return escape(s, false);
  }

  private static String escape(String s, boolean quotes) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append(quotes ? "&quot;" : "\"");
        case '\'' -> sb.append(quotes ? "&#39;" : "'");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
