package io.allowpath.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** "Did you mean …": the names closest to a mistyped one, by edit distance (case-insensitive). */
final class Names {
  private Names() {}

  /**
   * Up to {@code max} distinct names within an edit distance of a third of the longer string (at least
   * 2), closest first; a name that contains the value (or that it contains) is as far as their lengths
   * differ.
   */
  static List<String> closest(String value, List<String> names, int max) {
    String v = value.toLowerCase(Locale.ROOT);
    record Scored(String name, int distance) {}
    List<Scored> scored = new ArrayList<>();
    for (String n : new LinkedHashSet<>(names)) {
      String l = n.toLowerCase(Locale.ROOT);
      int d = l.contains(v) || v.contains(l) ? Math.max(1, Math.abs(l.length() - v.length())) : distance(v, l);
      if (d <= Math.max(2, Math.max(v.length(), l.length()) / 3)) {
        scored.add(new Scored(n, d));
      }
    }
    scored.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name));
    return scored.stream().limit(max).map(Scored::name).toList();
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
