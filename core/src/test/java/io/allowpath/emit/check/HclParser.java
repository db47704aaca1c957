package io.allowpath.emit.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser for the HCL native syntax subset the Terraform emitter writes
 * (https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md): blocks ({@code type "label"... { ... }}), one
 * attribute a line ({@code name = expression}), {@code #} comments; expressions are quoted templates (escapes and
 * {@code ${...}} interpolation, {@code $${} literal), numbers, {@code true}/{@code false}/{@code null}, tuples
 * ({@code [a, b]}, across lines), objects ({@code { k = v }}, one item a line) and traversals
 * ({@code azurerm_public_ip.x.ip_address}). Anything else throws {@link IllegalArgumentException} with the line,
 * so a parse is a syntax check.
 */
public final class HclParser {
  /** A value: String, Long, Boolean, null, List, Map (object), or {@link Ref}/{@link Template} for expressions. */
  public record Ref(String text) {}

  public record Template(String text) {}

  /** A block with its labels, attributes (in order) and nested blocks. */
  public record Block(String type, List<String> labels, Map<String, Object> attributes, List<Block> blocks, int line) {}

  private final String s;
  private int i;
  private int line = 1;

  public HclParser(String text) {
    this.s = text;
  }

  /** The top-level blocks of a file. */
  public List<Block> parse() {
    Block body = new Block("", List.of(), new LinkedHashMap<>(), new ArrayList<>(), 1);
    body(body, true);
    if (!body.attributes().isEmpty()) {
      throw error("attributes outside a block");
    }
    return body.blocks();
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("HCL line " + line + ": " + what);
  }

  private void body(Block into, boolean top) {
    while (true) {
      skip(true);
      if (i >= s.length()) {
        if (!top) {
          throw error("unclosed block " + into.type());
        }
        return;
      }
      if (s.charAt(i) == '}') {
        if (top) {
          throw error("unexpected '}'");
        }
        i++;
        return;
      }
      int at = line;
      String name = ident();
      skip(false);
      if (s.charAt(i) == '=') {
        i++;
        if (into.attributes().containsKey(name)) {
          throw error("attribute " + name + " set twice");
        }
        into.attributes().put(name, expression());
        endOfLine();
        continue;
      }
      List<String> labels = new ArrayList<>();
      while (s.charAt(i) == '"') {
        labels.add(plainString());
        skip(false);
      }
      if (s.charAt(i) != '{') {
        throw error("expected '=' or '{' after " + name);
      }
      i++;
      Block b = new Block(name, labels, new LinkedHashMap<>(), new ArrayList<>(), at);
      skip(false);
      if (s.charAt(i) == '}') {
        i++;
      } else {
        endOfLine();
        body(b, false);
      }
      into.blocks().add(b);
      endOfLine();
    }
  }

  private void skip(boolean lines) {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == '\r') {
        i++;
      } else if (c == '\n' && lines) {
        line++;
        i++;
      } else if (c == '#') {
        while (i < s.length() && s.charAt(i) != '\n') {
          i++;
        }
      } else {
        return;
      }
    }
  }

  private void endOfLine() {
    skip(false);
    if (i < s.length() && s.charAt(i) != '\n') {
      throw error("expected a new line, got '" + s.charAt(i) + "'");
    }
  }

  private String ident() {
    int start = i;
    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '-')) {
      i++;
    }
    if (start == i || !Character.isLetter(s.charAt(start)) && s.charAt(start) != '_') {
      throw error("expected an identifier");
    }
    return s.substring(start, i);
  }

  private String plainString() {
    StringBuilder sb = new StringBuilder();
    if (template(sb)) {
      throw error("a label cannot interpolate");
    }
    return sb.toString();
  }

  /** A quoted template into {@code sb}; true when it interpolates. */
  private boolean template(StringBuilder sb) {
    i++;
    boolean interp = false;
    while (true) {
      if (i >= s.length() || s.charAt(i) == '\n') {
        throw error("unterminated string");
      }
      char c = s.charAt(i++);
      if (c == '"') {
        return interp;
      }
      if (c == '\\') {
        char e = s.charAt(i++);
        switch (e) {
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case '"', '\\' -> sb.append(e);
          default -> throw error("bad escape \\" + e);
        }
      } else if ((c == '$' || c == '%') && s.startsWith(c + "{", i - 1) && !s.startsWith(c + "" + c + "{", i - 1)) {
        if (c == '%') {
          throw error("template directives are not written");
        }
        i++;
        interp = true;
        skip(false);
        expression();
        skip(false);
        if (s.charAt(i) != '}') {
          throw error("unterminated interpolation");
        }
        i++;
      } else if ((c == '$' || c == '%') && s.startsWith(c + "" + c + "{", i - 1)) {
        sb.append(c).append('{');
        i += 2;
      } else {
        sb.append(c);
      }
    }
  }

  private Object expression() {
    skip(false);
    char c = s.charAt(i);
    if (c == '"') {
      StringBuilder sb = new StringBuilder();
      return template(sb) ? new Template(sb.toString()) : sb.toString();
    }
    if (c == '[') {
      i++;
      List<Object> out = new ArrayList<>();
      while (true) {
        skip(true);
        if (s.charAt(i) == ']') {
          i++;
          return out;
        }
        out.add(expression());
        skip(true);
        if (s.charAt(i) == ',') {
          i++;
        } else if (s.charAt(i) != ']') {
          throw error("expected ',' or ']'");
        }
      }
    }
    if (c == '{') {
      i++;
      Map<String, Object> out = new LinkedHashMap<>();
      while (true) {
        skip(true);
        if (s.charAt(i) == '}') {
          i++;
          return out;
        }
        String key = s.charAt(i) == '"' ? plainString() : ident();
        skip(false);
        if (s.charAt(i) != '=') {
          throw error("expected '=' in an object");
        }
        i++;
        if (out.containsKey(key)) {
          throw error("duplicate key " + key);
        }
        out.put(key, expression());
        skip(false);
        if (s.charAt(i) == ',') {
          i++;
        }
      }
    }
    if (c == '-' || Character.isDigit(c)) {
      int start = i++;
      while (i < s.length() && Character.isDigit(s.charAt(i))) {
        i++;
      }
      return Long.parseLong(s.substring(start, i));
    }
    int start = i;
    String id = ident();
    if (id.equals("true") || id.equals("false")) {
      return Boolean.parseBoolean(id);
    }
    if (id.equals("null")) {
      return null;
    }
    while (i < s.length() && s.charAt(i) == '.') {
      i++;
      ident();
    }
    return new Ref(s.substring(start, i));
  }
}
