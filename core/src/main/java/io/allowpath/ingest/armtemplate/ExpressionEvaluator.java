package io.allowpath.ingest.armtemplate;

import com.fasterxml.jackson.databind.JsonNode;
import io.allowpath.ingest.Unknown;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Evaluates an {@link Expr} against a {@link FunctionContext}. Modelling decisions:
 *
 * <ul>
 *   <li>Unknown is contagious: a call, property access or index with an unknown operand yields
 *       {@code {"$unknown": "[<text of that sub-expression>]"}} (containers built by {@code createArray},
 *       {@code createObject}, {@code array} and {@code coalesce} keep unknown members instead).
 *   <li>{@code if} is lazy like in Azure: only the selected branch is evaluated; an unknown condition
 *       makes the result unknown.
 *   <li>Deployment-time functions are unknown: {@code reference}, every {@code list*} function,
 *       {@code newGuid}, {@code utcNow}, {@code pickZones}. Their arguments are still evaluated so that
 *       errors inside them are reported.
 *   <li>Property access is case-insensitive, as in ARM.
 * </ul>
 */
final class ExpressionEvaluator {

  private ExpressionEvaluator() {}

  static JsonNode evaluate(Expr e, FunctionContext ctx) {
    if (e instanceof Expr.Literal l) {
      return l.value();
    }
    if (e instanceof Expr.Member m) {
      JsonNode target = evaluate(m.target(), ctx);
      if (Unknown.is(target)) {
        return unknown(m);
      }
      if (!target.isObject()) {
        throw ExpressionException.eval("cannot read property '" + m.name() + "' of " + Values.typeName(target));
      }
      JsonNode v = Values.getIgnoreCase(target, m.name());
      if (v == null) {
        throw ExpressionException.eval("property '" + m.name() + "' does not exist in " + abbreviate(m.target().text()));
      }
      return v;
    }
    if (e instanceof Expr.Index ix) {
      JsonNode target = evaluate(ix.target(), ctx);
      JsonNode index = evaluate(ix.index(), ctx);
      if (Unknown.is(target) || Unknown.is(index)) {
        return unknown(ix);
      }
      if (target.isArray()) {
        long i = Values.integer(index, "index");
        if (i < 0 || i >= target.size()) {
          throw ExpressionException.eval("index " + i + " is outside the array of length " + target.size());
        }
        return target.get((int) i);
      }
      if (target.isObject()) {
        JsonNode v = Values.getIgnoreCase(target, Values.display(index));
        if (v == null) {
          throw ExpressionException.eval("property '" + Values.display(index) + "' does not exist in " + abbreviate(ix.target().text()));
        }
        return v;
      }
      throw ExpressionException.eval("cannot index into " + Values.typeName(target));
    }
    return call((Expr.Call) e, ctx);
  }

  private static JsonNode call(Expr.Call c, FunctionContext ctx) {
    String name = c.name().toLowerCase(Locale.ROOT);
    if (name.equals("if")) {
      if (c.args().size() != 3) {
        throw ExpressionException.eval("if expects 3 arguments but got " + c.args().size());
      }
      JsonNode cond = evaluate(c.args().get(0), ctx);
      if (Unknown.is(cond)) {
        return unknown(c);
      }
      return evaluate(c.args().get(Values.bool(cond, "if") ? 1 : 2), ctx);
    }
    boolean deploymentTime = name.equals("reference") || name.startsWith("list") || name.equals("newguid")
        || name.equals("utcnow") || name.equals("pickzones");
    ArmFunctions.ArmFunction fn = deploymentTime ? null : ArmFunctions.lookup(name);
    if (!deploymentTime && fn == null) {
      throw ExpressionException.unsupported(c.name());
    }
    List<JsonNode> args = new ArrayList<>(c.args().size());
    boolean unknownArg = false;
    for (Expr a : c.args()) {
      JsonNode v = evaluate(a, ctx);
      unknownArg |= Unknown.is(v);
      args.add(v);
    }
    if (deploymentTime || (unknownArg && !ArmFunctions.UNKNOWN_TOLERANT.contains(name))) {
      return unknown(c);
    }
    return fn.apply(args, ctx);
  }

  private static JsonNode unknown(Expr e) {
    return Unknown.of("[" + e.text() + "]");
  }

  private static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }
}
