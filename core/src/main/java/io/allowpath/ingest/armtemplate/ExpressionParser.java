package io.allowpath.ingest.armtemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Tokenizer and recursive-descent parser for ARM template expressions. Input is the text between the
 * outer brackets of a JSON string such as {@code "[concat('a', parameters('b'))]"}. String literals use
 * single quotes with {@code ''} as the escaped quote; numbers are integers (optionally negative) or
 * decimals; {@code true}, {@code false} and {@code null} are accepted both bare and as calls.
 *
 * <p>See https://learn.microsoft.com/azure/azure-resource-manager/templates/template-expressions.
 */
final class ExpressionParser {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private enum T {
    STRING,
    NUMBER,
    NAME,
    LPAREN,
    RPAREN,
    COMMA,
    DOT,
    LBRACKET,
    RBRACKET,
    END
  }

  private record Token(T type, String value, int start, int end) {}

  private final String src;
  private final List<Token> tokens;
  private int pos;

  private ExpressionParser(String src) {
    this.src = src;
    this.tokens = tokenize(src);
  }

  /** True when a JSON string value is an expression: {@code [...]} but not the escape {@code [[...}. */
  static boolean isExpression(String s) {
    return s.length() >= 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']' && !s.startsWith("[[");
  }

  /** The literal value of a string starting with the {@code [[} escape: one bracket removed. */
  static String unescape(String s) {
    return s.startsWith("[[") ? s.substring(1) : s;
  }

  /** Parses the text between the outer brackets. */
  static Expr parse(String inner) {
    ExpressionParser p = new ExpressionParser(inner);
    if (p.peek().type == T.END) {
      throw ExpressionException.malformed("empty expression");
    }
    Expr e = p.expression();
    if (p.peek().type != T.END) {
      throw ExpressionException.malformed("unexpected '" + p.peek().value + "' at offset " + p.peek().start);
    }
    return e;
  }

  private int depth;

  private Expr expression() {
    if (++depth > TemplateLimits.MAX_NESTING) {
      throw ExpressionException.malformed("nested deeper than " + TemplateLimits.MAX_NESTING + " levels");
    }
    try {
      return expressionBody();
    } finally {
      depth--;
    }
  }

  private Expr expressionBody() {
    Token first = peek();
    Expr e = primary();
    while (true) {
      Token t = peek();
      if (t.type == T.DOT) {
        pos++;
        Token name = expect(T.NAME, "property name after '.'");
        e = new Expr.Member(e, name.value, src.substring(first.start, name.end).strip());
      } else if (t.type == T.LBRACKET) {
        pos++;
        Expr index = expression();
        Token close = expect(T.RBRACKET, "']'");
        e = new Expr.Index(e, index, src.substring(first.start, close.end).strip());
      } else {
        return e;
      }
    }
  }

  private Expr primary() {
    Token t = next();
    switch (t.type) {
      case STRING:
        return new Expr.Literal(F.textNode(t.value), src.substring(t.start, t.end));
      case NUMBER:
        return new Expr.Literal(number(t.value), t.value);
      case NAME:
        return nameOrCall(t);
      default:
        throw ExpressionException.malformed(
            t.type == T.END ? "unexpected end of expression" : "unexpected '" + t.value + "' at offset " + t.start);
    }
  }

  private Expr nameOrCall(Token t) {
    String name = t.value;
    // user-defined function namespaces: ns.func(...)
    if (peek().type == T.DOT && peekAt(1).type == T.NAME && peekAt(2).type == T.LPAREN) {
      pos++;
      name = name + "." + next().value;
    }
    if (peek().type != T.LPAREN) {
      switch (name.toLowerCase(java.util.Locale.ROOT)) {
        case "true":
          return new Expr.Literal(F.booleanNode(true), name);
        case "false":
          return new Expr.Literal(F.booleanNode(false), name);
        case "null":
          return new Expr.Literal(F.nullNode(), name);
        default:
          throw ExpressionException.malformed("expected '(' after function name '" + name + "'");
      }
    }
    pos++;
    List<Expr> args = new ArrayList<>();
    if (peek().type != T.RPAREN) {
      while (true) {
        args.add(expression());
        Token sep = next();
        if (sep.type == T.RPAREN) {
          break;
        }
        if (sep.type != T.COMMA) {
          throw ExpressionException.malformed(
              sep.type == T.END
                  ? "missing ')' in call to '" + name + "'"
                  : "expected ',' or ')' but found '" + sep.value + "' at offset " + sep.start);
        }
      }
    } else {
      pos++;
    }
    Token close = tokens.get(pos - 1);
    return new Expr.Call(name, List.copyOf(args), src.substring(t.start, close.end));
  }

  private static JsonNode number(String s) {
    if (s.contains(".")) {
      try {
        return F.numberNode(Double.parseDouble(s));
      } catch (NumberFormatException e) {
        throw ExpressionException.malformed("bad number: " + s);
      }
    }
    try {
      return F.numberNode(Long.parseLong(s));
    } catch (NumberFormatException e) {
      throw ExpressionException.malformed("number out of range: " + s);
    }
  }

  private Token peek() {
    return tokens.get(pos);
  }

  private Token peekAt(int ahead) {
    return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
  }

  private Token next() {
    Token t = tokens.get(pos);
    if (t.type != T.END) {
      pos++;
    }
    return t;
  }

  private Token expect(T type, String what) {
    Token t = next();
    if (t.type != type) {
      throw ExpressionException.malformed(
          "expected " + what + (t.type == T.END ? " but the expression ended" : " but found '" + t.value + "'"));
    }
    return t;
  }

  private static List<Token> tokenize(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'') {
        StringBuilder sb = new StringBuilder();
        int start = i++;
        boolean closed = false;
        while (i < n) {
          char d = s.charAt(i);
          if (d == '\'') {
            if (i + 1 < n && s.charAt(i + 1) == '\'') {
              sb.append('\'');
              i += 2;
            } else {
              i++;
              closed = true;
              break;
            }
          } else {
            sb.append(d);
            i++;
          }
        }
        if (!closed) {
          throw ExpressionException.malformed("unterminated string literal starting at offset " + start);
        }
        out.add(new Token(T.STRING, sb.toString(), start, i));
      } else if (Character.isDigit(c)
          || (c == '-' && i + 1 < n && Character.isDigit(s.charAt(i + 1)))) {
        int start = i++;
        while (i < n && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
          i++;
        }
        out.add(new Token(T.NUMBER, s.substring(start, i), start, i));
      } else if (Character.isLetter(c) || c == '_' || c == '$') {
        int start = i++;
        while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$')) {
          i++;
        }
        out.add(new Token(T.NAME, s.substring(start, i), start, i));
      } else {
        T type =
            switch (c) {
              case '(' -> T.LPAREN;
              case ')' -> T.RPAREN;
              case ',' -> T.COMMA;
              case '.' -> T.DOT;
              case '[' -> T.LBRACKET;
              case ']' -> T.RBRACKET;
              default -> throw ExpressionException.malformed("unexpected character '" + c + "' at offset " + i);
            };
        out.add(new Token(type, String.valueOf(c), i, i + 1));
        i++;
      }
    }
    out.add(new Token(T.END, "", n, n));
    return out;
  }
}
