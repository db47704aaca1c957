package io.allowpath.emit.azcli;

import java.util.ArrayList;
import java.util.List;

/**
 * The only place that knows bash syntax: quoting, variables, comments and line continuation. Every
 * option value is quoted: literal text in single quotes (an embedded {@code '} becomes {@code '\''}),
 * shell variables as {@code "$NAME"}; adjacent parts concatenate into one word
 * ({@code 'ip-address='"$NAT_PIP_NG"}). Command words and option names are fixed tokens and are
 * written bare.
 */
final class ShellWriter {
  static final int WIDTH = 110;

  /** One shell word made of literal and variable parts. */
  record Word(List<String[]> parts) {
    static Word lit(String s) {
      List<String[]> p = new ArrayList<>();
      p.add(new String[] {"L", s});
      return new Word(p);
    }

    static Word var(String name) {
      List<String[]> p = new ArrayList<>();
      p.add(new String[] {"V", name});
      return new Word(p);
    }

    Word then(Word w) {
      List<String[]> p = new ArrayList<>(parts);
      p.addAll(w.parts);
      return new Word(p);
    }

    String render() {
      StringBuilder sb = new StringBuilder();
      StringBuilder lit = null;
      for (String[] p : parts) {
        if (p[0].equals("L")) {
          lit = lit == null ? new StringBuilder(p[1]) : lit.append(p[1]);
          continue;
        }
        if (lit != null) {
          sb.append(quote(lit.toString()));
          lit = null;
        }
        sb.append("\"$").append(p[1]).append('"');
      }
      if (lit != null) {
        sb.append(quote(lit.toString()));
      }
      return sb.toString();
    }
  }

  /** A command: bare words, then options each with zero or more values. */
  static final class Cmd {
    private final List<String> words;
    private final List<String> options = new ArrayList<>();

    Cmd(String... words) {
      this.words = List.of(words);
    }

    private Cmd(List<String> words, List<String> options) {
      this.words = words;
      this.options.addAll(options);
    }

    Cmd copy() {
      return new Cmd(words, options);
    }

    Cmd opt(String name, String value) {
      return value == null ? this : opt(name, Word.lit(value));
    }

    Cmd opt(String name, Word... values) {
      StringBuilder sb = new StringBuilder(name);
      for (Word v : values) {
        sb.append(' ').append(v.render());
      }
      options.add(sb.toString());
      return this;
    }

    Cmd opts(String name, List<String> values) {
      return opt(name, values.stream().map(Word::lit).toArray(Word[]::new));
    }

    String render() {
      return render("");
    }

    /** The command at an indentation; long commands continue on lines indented four more spaces. */
    String render(String indent) {
      String head = String.join(" ", words);
      String flat = head + (options.isEmpty() ? "" : " " + String.join(" ", options));
      if (indent.length() + flat.length() <= WIDTH) {
        return indent + flat + "\n";
      }
      StringBuilder sb = new StringBuilder(indent).append(head);
      for (String o : options) {
        sb.append(" \\\n    ").append(indent).append(o);
      }
      return sb.append('\n').toString();
    }

    /** The command on one line, for conditions. */
    String flat() {
      return String.join(" ", words) + (options.isEmpty() ? "" : " " + String.join(" ", options));
    }
  }

  private final StringBuilder out = new StringBuilder();

  ShellWriter header(List<String> lines) {
    out.append("#!/usr/bin/env bash\n");
    lines.forEach(this::comment);
    out.append("set -euo pipefail\n");
    return this;
  }

  ShellWriter blank() {
    out.append('\n');
    return this;
  }

  ShellWriter comment(String text) {
    out.append("# ").append(text.replaceAll("\\s+", " ").strip()).append('\n');
    return this;
  }

  ShellWriter command(Cmd c) {
    out.append(c.render());
    return this;
  }

  /**
   * {@code if ! CHECK >/dev/null 2>&1; then BODY; fi}: runs the body only when the check fails (the resource
   * does not exist yet), so re-running the script changes nothing.
   */
  ShellWriter unless(Cmd check, List<Cmd> body) {
    out.append("if ! ").append(check.flat()).append(" >/dev/null 2>&1; then\n");
    body.forEach(c -> out.append(c.render("  ")));
    out.append("fi\n");
    return this;
  }

  /**
   * {@code if ! CHECK 2>/dev/null | grep -qixF -e VALUE ...; then BODY; fi}: runs the body only when the list
   * the check prints (one value a line, {@code -o tsv}) holds none of the values yet (case-insensitively).
   */
  ShellWriter unlessListed(Cmd check, List<Word> values, List<Cmd> body) {
    out.append("if ! ").append(check.flat()).append(" 2>/dev/null | grep -qixF");
    values.forEach(v -> out.append(" -e ").append(v.render()));
    out.append("; then\n");
    body.forEach(c -> out.append(c.render("  ")));
    out.append("fi\n");
    return this;
  }

  /** {@code NAME="$(command)"}: captures a command's output in a variable. */
  ShellWriter capture(String var, Cmd c) {
    String inner = c.render();
    out.append(var).append("=\"$(").append(inner, 0, inner.length() - 1).append(")\"\n");
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /** A bash single-quoted word; an embedded quote closes, escapes and reopens: {@code 'it'\''s'}. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
