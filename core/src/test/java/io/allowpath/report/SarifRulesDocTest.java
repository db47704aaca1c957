package io.allowpath.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.analysis.audit.AuditRule;
import io.allowpath.analysis.intent.IntentRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every rule's SARIF {@code helpUri} anchor is a heading of docs/audit-rules.md, and the page gives each
 * rule the security-severity SARIF carries (GitHub's 0.0–10.0 scale, as a string).
 */
class SarifRulesDocTest {
  static final Path DOC = Path.of("..", "docs", "audit-rules.md");

  static Set<String> anchors() throws Exception {
    Set<String> out = new HashSet<>();
    for (String line : Files.readAllLines(DOC)) {
      if (line.startsWith("#")) {
        out.add(SarifReport.anchor(line.replaceFirst("^#+", "")));
      }
    }
    return out;
  }

  static String section(String doc, String id) {
    int at = doc.indexOf("## " + id + " ");
    assertThat(at).as("section of %s", id).isNotNegative();
    int next = doc.indexOf("\n## ", at + 1);
    return doc.substring(at, next < 0 ? doc.length() : next);
  }

  @Test
  void anchorsAreGithubs() {
    assertThat(SarifReport.anchor(" AP001 UnstableEgress")).isEqualTo("ap001-unstableegress");
    assertThat(SarifReport.anchor("Intent rules")).isEqualTo("intent-rules");
    assertThat(SarifReport.anchor("Output formats (SARIF 2.1.0)")).isEqualTo("output-formats-sarif-210");
  }

  @Test
  void everyRulesHelpUriAnchorExists() throws Exception {
    Set<String> anchors = anchors();
    for (AuditRule r : AuditRule.values()) {
      String uri = SarifReport.helpUri(r.id(), r.ruleName());
      assertThat(uri).startsWith(SarifReport.RULES_DOC + "#");
      assertThat(anchors).as("%s", uri).contains(uri.substring(uri.indexOf('#') + 1));
    }
    for (IntentRule r : IntentRule.values()) {
      String uri = SarifReport.helpUri(r.id(), r.ruleName());
      assertThat(anchors).as("%s", uri).contains(uri.substring(uri.indexOf('#') + 1));
    }
  }

  @Test
  void theDocGivesEachRuleItsSecuritySeverityAndLevel() throws Exception {
    String doc = Files.readString(DOC);
    for (AuditRule r : AuditRule.values()) {
      String s = SarifReport.securitySeverity(r);
      assertThat(Double.parseDouble(s)).isBetween(0.1, 10.0);
      assertThat(section(doc, r.id())).contains("security-severity " + s);
    }
    for (IntentRule r : IntentRule.values()) {
      String s = SarifReport.securitySeverity(r);
      assertThat(Double.parseDouble(s)).isBetween(0.1, 10.0);
      assertThat(section(doc, r.id())).contains("## " + r.id() + " " + r.ruleName())
          .contains("Severity: **" + r.level().sarif() + "** · security-severity " + s);
      assertThat(doc).contains(r.id() + " " + s);
    }
  }
}
