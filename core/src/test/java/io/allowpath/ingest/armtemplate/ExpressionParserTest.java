package io.allowpath.ingest.armtemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExpressionParserTest {

  @Test
  void parsesCallsLiteralsAndAccessors() {
    Expr e = ExpressionParser.parse("parameters('a')[0].name");
    assertThat(e).isInstanceOf(Expr.Member.class);
    Expr.Member m = (Expr.Member) e;
    assertThat(m.name()).isEqualTo("name");
    assertThat(m.target()).isInstanceOf(Expr.Index.class);
    assertThat(m.text()).isEqualTo("parameters('a')[0].name");
    Expr.Call call = (Expr.Call) ((Expr.Index) m.target()).target();
    assertThat(call.name()).isEqualTo("parameters");
    assertThat(call.args()).hasSize(1);
  }

  @Test
  void stringsUseDoubledQuotesAsEscape() {
    Expr.Literal l = (Expr.Literal) ExpressionParser.parse("'it''s [here]'");
    assertThat(l.value().asText()).isEqualTo("it's [here]");
  }

  @Test
  void numbersBooleansAndNull() {
    assertThat(((Expr.Literal) ExpressionParser.parse("-42")).value().longValue()).isEqualTo(-42);
    assertThat(((Expr.Literal) ExpressionParser.parse("true")).value().booleanValue()).isTrue();
    assertThat(((Expr.Literal) ExpressionParser.parse("null")).value().isNull()).isTrue();
    assertThat(ExpressionParser.parse(" concat( 'a' , 1 ) ")).isInstanceOf(Expr.Call.class);
    assertThat(((Expr.Call) ExpressionParser.parse("createArray()")).args()).isEmpty();
  }

  @Test
  void expressionDetection() {
    assertThat(ExpressionParser.isExpression("[concat('a')]")).isTrue();
    assertThat(ExpressionParser.isExpression("[[concat('a')]")).isFalse();
    assertThat(ExpressionParser.unescape("[[x]")).isEqualTo("[x]");
    assertThat(ExpressionParser.isExpression("plain")).isFalse();
    assertThat(ExpressionParser.isExpression("[not closed")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "concat('a', ", "concat('a' 'b')", "'unterminated", "concat('a'))", "a.b", "parameters('x').",
      "parameters('x')[0", "#", "concat(,)", "add(1.2.3, 1)"})
  void malformedExpressionsAreRejected(String text) {
    assertThatThrownBy(() -> ExpressionParser.parse(text))
        .isInstanceOf(ExpressionException.class)
        .hasMessageStartingWith("malformed expression");
  }
}
