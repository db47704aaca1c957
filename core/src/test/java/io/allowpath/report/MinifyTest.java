package io.allowpath.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The page's script and style sheet are shrunk without changing what they mean: line breaks and spaces
 * between words stay, string literals are untouched, and the assets use nothing the shrinking cannot keep
 * (template literals, regular expressions with spaces or quotes). The browser test runs the shrunk script.
 */
class MinifyTest {
  @Test
  void spacesNextToPunctuationGoOutsideStrings() {
    assertThat(Minify.js("  var a = b + 'x = y' ;\n\n  // a comment\n  if (a !== -1) { return a - -1; }\n"))
        .isEqualTo("var a=b+'x = y';\nif(a!==-1){return a- -1;}\n");
    assertThat(Minify.js("x = \"it's \\\" here \";\n")).isEqualTo("x=\"it's \\\" here \";\n");
    assertThat(Minify.js("typeof DecompressionStream === 'undefined'\n"))
        .isEqualTo("typeof DecompressionStream==='undefined'\n");
  }

  @Test
  void cssKeepsDescendantSelectorsAndValueLists() {
    assertThat(Minify.css("  svg.diagram text.kind { font-size: 10px; margin: 0 4px }\n"))
        .isEqualTo("svg.diagram text.kind{font-size:10px;margin:0 4px}\n");
  }

  @Test
  void theAssetsUseOnlyWhatTheShrinkingKeeps() {
    assertThat(HtmlReport.SCRIPT).doesNotContain("`");
    // every regular expression literal in the script: no space or quote inside
    var m = Pattern.compile("\\(/([^/\\n]+)/[gimsuy]*[,)]").matcher(HtmlReport.SCRIPT);
    while (m.find()) {
      assertThat(m.group(1)).doesNotContain(" ").doesNotContain("'").doesNotContain("\"");
    }
    assertThat(HtmlReport.SCRIPT).contains("'use strict';").doesNotContain("\n\n").doesNotContain("\n ");
    assertThat(HtmlReport.CSS).doesNotContain("\n ");
  }
}
