package io.allowpath.emit.check;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the az CLI script the emitter writes into its {@code az} command lines, as the words bash passes to
 * {@code az} (quotes removed; a variable stays {@code $NAME}). Lines it understands: the shebang, comments,
 * {@code set -euo pipefail}, {@code az ...}, {@code NAME="$(az ...)"}, {@code if ! az ... >/dev/null 2>&1; then},
 * {@code if ! az ... 2>/dev/null | grep -qixF -e V ...; then}, {@code fi}, with backslash-newline continuations.
 * Anything else is reported, so the reading is also a check of the script's shape.
 */
public final class ShellScript {
  /** One az invocation: the words after {@code az}, and the script line it came from. */
  public record Command(List<String> words, int line, boolean guard) {}

  private static final Pattern CAPTURE = Pattern.compile("^[A-Z_][A-Z0-9_]*=\"\\$\\((az .*)\\)\"$");
  private static final Pattern IF_QUIET = Pattern.compile("^if ! (az .*) >/dev/null 2>&1; then$");
  private static final Pattern IF_LISTED = Pattern.compile("^if ! (az .*) 2>/dev/null \\| grep -qixF( -e \\S+)+; then$");

  private ShellScript() {}

  public static List<Command> commands(String script, List<String> problems) {
    List<Command> out = new ArrayList<>();
    String[] raw = script.split("\n", -1);
    int depth = 0;
    for (int n = 0; n < raw.length; n++) {
      int first = n + 1;
      StringBuilder sb = new StringBuilder(raw[n]);
      while (sb.toString().endsWith("\\") && n + 1 < raw.length) {
        sb.setLength(sb.length() - 1);
        sb.append(raw[++n].strip());
      }
      String l = sb.toString().strip();
      if (l.isEmpty() || l.startsWith("#") || l.equals("set -euo pipefail")) {
        continue;
      }
      Matcher m;
      if (l.equals("fi")) {
        depth--;
      } else if ((m = IF_QUIET.matcher(l)).matches() || (m = IF_LISTED.matcher(l)).matches()) {
        depth++;
        out.add(new Command(words(m.group(1).substring(3), first, problems), first, true));
      } else if ((m = CAPTURE.matcher(l)).matches()) {
        out.add(new Command(words(m.group(1).substring(3), first, problems), first, false));
      } else if (l.startsWith("az ")) {
        out.add(new Command(words(l.substring(3), first, problems), first, false));
      } else {
        problems.add("line " + first + ": not a line the script should hold: " + l);
      }
      if (depth < 0 || depth > 1) {
        problems.add("line " + first + ": if/fi out of balance");
      }
    }
    if (depth != 0) {
      problems.add("if/fi out of balance at the end");
    }
    return out;
  }

  /** Bash word splitting for single-quoted, double-quoted ("$VAR") and bare parts. */
  static List<String> words(String s, int line, List<String> problems) {
    List<String> out = new ArrayList<>();
    StringBuilder w = null;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == ' ') {
        if (w != null) {
          out.add(w.toString());
          w = null;
        }
        i++;
        continue;
      }
      if (w == null) {
        w = new StringBuilder();
      }
      if (c == '\'') {
        int end = s.indexOf('\'', i + 1);
        if (end < 0) {
          problems.add("line " + line + ": unterminated single quote");
          return out;
        }
        w.append(s, i + 1, end);
        i = end + 1;
      } else if (c == '"') {
        int end = s.indexOf('"', i + 1);
        if (end < 0) {
          problems.add("line " + line + ": unterminated double quote");
          return out;
        }
        String inner = s.substring(i + 1, end);
        if (!inner.matches("\\$[A-Z_][A-Z0-9_]*")) {
          problems.add("line " + line + ": double quotes hold more than one variable: " + inner);
        }
        w.append(inner);
        i = end + 1;
      } else if (c == '\\') {
        w.append(s.charAt(i + 1));
        i += 2;
      } else {
        if ("|&;<>()`$*?[]{}!#".indexOf(c) >= 0) {
          problems.add("line " + line + ": unquoted shell character '" + c + "' in: " + s);
        }
        w.append(c);
        i++;
      }
    }
    if (w != null) {
      out.add(w.toString());
    }
    return out;
  }
}
