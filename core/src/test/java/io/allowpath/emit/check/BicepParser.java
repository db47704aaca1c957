package io.allowpath.emit.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A parser for the Bicep subset the emitter writes (https://learn.microsoft.com/azure/azure-resource-manager/bicep/file):
 * {@code targetScope = '...'}, {@code resource SYM 'Type@version' [existing] = { ... }} and
 * {@code module SYM 'path' = { ... }} statements; values are single-quoted strings (escapes {@code \\ \' \n \r \t \$},
 * interpolation {@code ${...}}), integers, {@code true}/{@code false}/{@code null}, objects (one {@code key: value}
 * a line), arrays (one item a line) and expressions (symbols, member access, calls). It throws
 * {@link IllegalArgumentException} with the line number on anything else, so a parse is a syntax check.
 * Expressions become {@link BicepTypes.Expr} values.
 */
public final class BicepParser {
  /** A top-level statement. */
  public record Statement(String keyword, String symbol, String target, boolean existing, ObjectNode body) {}

  private final String s;
  private int i;
  private int line = 1;

  public BicepParser(String text) {
    this.s = text;
  }

  public List<Statement> parse() {
    List<Statement> out = new ArrayList<>();
    while (true) {
      skipBlank(true);
      if (i >= s.length()) {
        return out;
      }
      String kw = ident();
      switch (kw) {
        case "targetScope" -> {
          expect('=');
          String v = string();
          if (!List.of("resourceGroup", "subscription", "managementGroup", "tenant").contains(v)) {
            throw error("bad targetScope '" + v + "'");
          }
        }
        case "resource", "module" -> {
          String sym = ident();
          String target = string();
          skipBlank(false);
          boolean existing = false;
          if (peekIdent()) {
            String e = ident();
            if (!e.equals("existing") || kw.equals("module")) {
              throw error("unexpected '" + e + "'");
            }
            existing = true;
          }
          expect('=');
          skipBlank(false);
          JsonNode body = value();
          if (!body.isObject()) {
            throw error("a " + kw + " body must be an object");
          }
          out.add(new Statement(kw, sym, target, existing, (ObjectNode) body));
        }
        default -> throw error("unexpected '" + kw + "'");
      }
      endOfLine();
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("Bicep line " + line + ": " + what);
  }

  /** Spaces and comments; newlines too when {@code lines}. */
  private void skipBlank(boolean lines) {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == '\r') {
        i++;
      } else if (c == '\n' && lines) {
        line++;
        i++;
      } else if (s.startsWith("//", i)) {
        while (i < s.length() && s.charAt(i) != '\n') {
          i++;
        }
      } else {
        return;
      }
    }
  }

  private void endOfLine() {
    skipBlank(false);
    if (i < s.length() && s.charAt(i) != '\n') {
      throw error("expected the end of the line, got '" + s.charAt(i) + "'");
    }
  }

  private void expect(char c) {
    skipBlank(false);
    if (i >= s.length() || s.charAt(i) != c) {
      throw error("expected '" + c + "'");
    }
    i++;
  }

  private boolean peekIdent() {
    return i < s.length() && (Character.isLetter(s.charAt(i)) || s.charAt(i) == '_');
  }

  private String ident() {
    skipBlank(false);
    int start = i;
    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
      i++;
    }
    if (start == i || Character.isDigit(s.charAt(start))) {
      throw error("expected an identifier");
    }
    return s.substring(start, i);
  }

  /** A string without interpolation. */
  private String string() {
    skipBlank(false);
    StringBuilder sb = new StringBuilder();
    if (readString(sb)) {
      throw error("interpolation not allowed here");
    }
    return sb.toString();
  }

  /** Reads a quoted string into {@code sb}; true when it interpolates. */
  private boolean readString(StringBuilder sb) {
    if (i >= s.length() || s.charAt(i) != '\'') {
      throw error("expected a string");
    }
    i++;
    boolean interpolated = false;
    while (true) {
      if (i >= s.length() || s.charAt(i) == '\n') {
        throw error("unterminated string");
      }
      char c = s.charAt(i++);
      if (c == '\'') {
        return interpolated;
      }
      if (c == '\\') {
        char e = s.charAt(i++);
        switch (e) {
          case '\\', '\'', '$' -> sb.append(e);
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          default -> throw error("bad escape \\" + e);
        }
      } else if (c == '$' && i < s.length() && s.charAt(i) == '{') {
        i++;
        interpolated = true;
        expression();
        skipBlank(false);
        if (s.charAt(i) != '}') {
          throw error("unterminated interpolation");
        }
        i++;
      } else {
        sb.append(c);
      }
    }
  }

  private JsonNode value() {
    skipBlank(false);
    if (i >= s.length()) {
      throw error("expected a value");
    }
    char c = s.charAt(i);
    if (c == '\'') {
      StringBuilder sb = new StringBuilder();
      boolean interp = readString(sb);
      return interp ? Deployables.F.pojoNode(new BicepTypes.Expr(sb.toString())) : Deployables.F.textNode(sb.toString());
    }
    if (c == '{') {
      i++;
      ObjectNode o = Deployables.F.objectNode();
      while (true) {
        skipBlank(true);
        if (s.charAt(i) == '}') {
          i++;
          return o;
        }
        String key;
        if (s.charAt(i) == '\'') {
          key = string();
        } else {
          key = ident();
        }
        expect(':');
        if (o.has(key)) {
          throw error("duplicate key " + key);
        }
        o.set(key, value());
        endOfLine();
      }
    }
    if (c == '[') {
      i++;
      ArrayNode a = Deployables.F.arrayNode();
      while (true) {
        skipBlank(true);
        if (s.charAt(i) == ']') {
          i++;
          return a;
        }
        a.add(value());
        endOfLine();
      }
    }
    if (c == '-' || Character.isDigit(c)) {
      int start = i++;
      while (i < s.length() && Character.isDigit(s.charAt(i))) {
        i++;
      }
      return Deployables.F.numberNode(Long.parseLong(s.substring(start, i)));
    }
    int start = i;
    String id = ident();
    switch (id) {
      case "true" -> {
        return Deployables.F.booleanNode(true);
      }
      case "false" -> {
        return Deployables.F.booleanNode(false);
      }
      case "null" -> {
        return Deployables.F.nullNode();
      }
      default -> {
        i = start;
        expression();
        return Deployables.F.pojoNode(new BicepTypes.Expr(s.substring(start, i)));
      }
    }
  }

  /** {@code sym(.member | (args))*} or a string. */
  private void expression() {
    skipBlank(false);
    if (s.charAt(i) == '\'') {
      readString(new StringBuilder());
      return;
    }
    ident();
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '.') {
        i++;
        ident();
      } else if (c == '(') {
        i++;
        skipBlank(false);
        if (s.charAt(i) != ')') {
          while (true) {
            expression();
            skipBlank(false);
            if (s.charAt(i) == ',') {
              i++;
              continue;
            }
            break;
          }
        }
        expect(')');
      } else {
        return;
      }
    }
  }
}
