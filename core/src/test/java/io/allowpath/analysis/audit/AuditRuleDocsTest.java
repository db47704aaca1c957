package io.allowpath.analysis.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/audit-rules.md has one section per rule, with its id, name, severity and source. */
class AuditRuleDocsTest {
  @Test
  void everyRuleIsDocumentedWithItsSource() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "audit-rules.md"));
    for (AuditRule r : AuditRule.values()) {
      assertThat(doc).contains("## " + r.id() + " " + r.ruleName());
      int at = doc.indexOf("## " + r.id() + " ");
      int next = doc.indexOf("\n## ", at + 1);
      String section = doc.substring(at, next < 0 ? doc.length() : next);
      assertThat(section).contains("Severity: **" + r.level().sarif() + "**").contains(r.source());
    }
  }

  @Test
  void idsAreUniqueAndSequential() {
    AuditRule[] rs = AuditRule.values();
    for (int i = 0; i < rs.length; i++) {
      assertThat(rs[i].id()).isEqualTo(String.format("AP%03d", i + 1));
    }
  }
}
