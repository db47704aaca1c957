package io.allowpath.ingest.armtemplate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * AST of an ARM template language expression (the part between {@code [} and {@code ]}). Every node
 * keeps its source text so that values made unknown by it can name the expression they came from.
 *
 * <p>Grammar (see https://learn.microsoft.com/azure/azure-resource-manager/templates/template-expressions):
 * <pre>
 *   expr    := primary postfix*
 *   primary := 'string' | number | true | false | null | name '(' [expr (',' expr)*] ')'
 *   postfix := '.' name | '[' expr ']'
 * </pre>
 */
sealed interface Expr {
  String text();

  /** A string, number, boolean or null literal. */
  record Literal(JsonNode value, String text) implements Expr {}

  /** A function call; {@code name} keeps the spelling of the template (lookup is case-insensitive). */
  record Call(String name, List<Expr> args, String text) implements Expr {}

  /** {@code target.name}: property access on an object. */
  record Member(Expr target, String name, String text) implements Expr {}

  /** {@code target[index]}: array element or object property by computed key. */
  record Index(Expr target, Expr index, String text) implements Expr {}
}
