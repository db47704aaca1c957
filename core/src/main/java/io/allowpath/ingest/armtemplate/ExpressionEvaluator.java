package io.allowpath.ingest.armtemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.ingest.Unknown;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
 *   <li>Lambda functions ({@code filter}, {@code map}, {@code reduce}, {@code sort}, {@code toObject})
 *       bind {@code lambdaVariables} names while their body is evaluated.
 * </ul>
 */
final class ExpressionEvaluator {

  private ExpressionEvaluator() {}

  static JsonNode evaluate(Expr e, FunctionContext ctx) {
    return evaluate(e, ctx, Map.of());
  }

  private static JsonNode evaluate(Expr e, FunctionContext ctx, Map<String, JsonNode> vars) {
    ctx.step();
    JsonNode v = evaluateStep(e, ctx, vars);
    if (v != null && (v.isTextual() && v.textValue().length() > TemplateLimits.MAX_STRING
        || v.isContainerNode() && v.size() > TemplateLimits.MAX_STRING)) {
      throw ExpressionException.eval("the value of " + abbreviate(e.text()) + " is larger than "
          + TemplateLimits.MAX_STRING + " characters or elements (ARM limits an expanded template to 4 MB)");
    }
    return v;
  }

  private static JsonNode evaluateStep(Expr e, FunctionContext ctx, Map<String, JsonNode> vars) {
    if (e instanceof Expr.Literal l) {
      return l.value();
    }
    if (e instanceof Expr.Member m) {
      JsonNode target = evaluate(m.target(), ctx, vars);
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
      JsonNode target = evaluate(ix.target(), ctx, vars);
      JsonNode index = evaluate(ix.index(), ctx, vars);
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
    return call((Expr.Call) e, ctx, vars);
  }

  private static JsonNode call(Expr.Call c, FunctionContext ctx, Map<String, JsonNode> vars) {
    String name = c.name().toLowerCase(Locale.ROOT);
    if (name.equals("lambdavariables")) {
      JsonNode v = c.args().size() == 1 ? vars.get(Values.str(evaluate(c.args().get(0), ctx, vars), "lambdaVariables")) : null;
      if (v == null) {
        throw ExpressionException.eval("lambdaVariables: no lambda variable named in " + c.text());
      }
      return v;
    }
    if (name.equals("lambda")) {
      throw ExpressionException.eval("lambda can only be an argument of filter, map, reduce, sort or toObject");
    }
    if (Lambdas.NAMES.contains(name)) {
      return Lambdas.apply(c, ctx, vars);
    }
    if (name.equals("if")) {
      if (c.args().size() != 3) {
        throw ExpressionException.eval("if expects 3 arguments but got " + c.args().size());
      }
      JsonNode cond = evaluate(c.args().get(0), ctx, vars);
      if (Unknown.is(cond)) {
        return unknown(c);
      }
      return evaluate(c.args().get(Values.bool(cond, "if") ? 1 : 2), ctx, vars);
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
      JsonNode v = evaluate(a, ctx, vars);
      unknownArg |= Unknown.is(v);
      args.add(v);
    }
    if (deploymentTime || (unknownArg && !ArmFunctions.UNKNOWN_TOLERANT.contains(name))) {
      return unknown(c);
    }
    return fn.apply(args, ctx);
  }

  /** Lambda functions of https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-lambda. */
  private static final class Lambdas {
    static final Set<String> NAMES = Set.of("filter", "map", "reduce", "sort", "toobject");

    static JsonNode apply(Expr.Call c, FunctionContext ctx, Map<String, JsonNode> vars) {
      String name = c.name().toLowerCase(Locale.ROOT);
      int min = name.equals("reduce") ? 3 : 2;
      if (c.args().size() < min || c.args().size() > (name.equals("toobject") ? 3 : min)) {
        throw ExpressionException.eval(c.name() + ": wrong number of arguments");
      }
      JsonNode input = evaluate(c.args().get(0), ctx, vars);
      if (Unknown.is(input)) {
        return unknown(c);
      }
      ArrayNode items = Values.array(input, c.name());
      switch (name) {
        case "filter": {
          ArrayNode out = Values.F.arrayNode();
          for (int i = 0; i < items.size(); i++) {
            JsonNode keep = call(c, 1, ctx, vars, items.get(i), Values.F.numberNode((long) i));
            if (Unknown.is(keep)) {
              return unknown(c);
            }
            if (Values.bool(keep, "filter")) {
              out.add(items.get(i));
            }
          }
          return out;
        }
        case "map": {
          ArrayNode out = Values.F.arrayNode();
          for (int i = 0; i < items.size(); i++) {
            out.add(call(c, 1, ctx, vars, items.get(i), Values.F.numberNode((long) i)));
          }
          return out;
        }
        case "reduce": {
          JsonNode acc = evaluate(c.args().get(1), ctx, vars);
          for (int i = 0; i < items.size(); i++) {
            acc = call(c, 2, ctx, vars, acc, items.get(i), Values.F.numberNode((long) i));
          }
          return acc;
        }
        case "sort": {
          List<JsonNode> list = new ArrayList<>();
          items.forEach(list::add);
          RuntimeException[] failure = new RuntimeException[1];
          list.sort((x, y) -> {
            if (failure[0] != null) {
              return 0;
            }
            try {
              JsonNode less = call(c, 1, ctx, vars, x, y);
              if (Values.bool(less, "sort")) {
                return -1;
              }
              return Values.bool(call(c, 1, ctx, vars, y, x), "sort") ? 1 : 0;
            } catch (RuntimeException e) {
              failure[0] = e;
              return 0;
            }
          });
          if (failure[0] != null) {
            throw failure[0];
          }
          ArrayNode out = Values.F.arrayNode();
          list.forEach(out::add);
          return out;
        }
        default: {
          ObjectNode out = Values.F.objectNode();
          for (JsonNode item : items) {
            JsonNode key = call(c, 1, ctx, vars, item);
            JsonNode value = c.args().size() > 2 ? call(c, 2, ctx, vars, item) : item;
            out.set(Unknown.is(key) ? Unknown.expression(key) : Values.display(key), value);
          }
          return out;
        }
      }
    }

    /** Invokes the lambda at argument {@code at} of {@code c} with the given values for its parameters. */
    private static JsonNode call(Expr.Call c, int at, FunctionContext ctx, Map<String, JsonNode> vars, JsonNode... values) {
      if (!(c.args().get(at) instanceof Expr.Call l) || !l.name().equalsIgnoreCase("lambda") || l.args().isEmpty()) {
        throw ExpressionException.eval(c.name() + ": argument " + (at + 1) + " must be a lambda");
      }
      Map<String, JsonNode> scope = new HashMap<>(vars);
      for (int i = 0; i < l.args().size() - 1 && i < values.length; i++) {
        scope.put(Values.str(evaluate(l.args().get(i), ctx, vars), "lambda"), values[i]);
      }
      return evaluate(l.args().get(l.args().size() - 1), ctx, scope);
    }
  }

  private static JsonNode unknown(Expr e) {
    return Unknown.of("[" + e.text() + "]");
  }

  private static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }
}
