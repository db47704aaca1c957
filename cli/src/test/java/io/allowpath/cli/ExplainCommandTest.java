package io.allowpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code allowpath explain}: a reason prints the meaning, source and fix of its row in docs/reasons.md;
 * an audit rule (by id or name, any case) the texts of its section in docs/audit-rules.md; anything else
 * is one line on stderr and exit 2.
 */
class ExplainCommandTest {
  static String doc(String name) throws IOException {
    return Files.readString(Path.of("..", "docs", name));
  }

  @Test
  void reasonPrintsTheDocumentedMeaningSourceAndFix() throws IOException {
    CliRun r = CliRun.of("explain", "egress_unstable");
    assertThat(r.code()).as(r.err()).isZero();
    String row = doc("reasons.md").lines().filter(l -> l.startsWith("| `EGRESS_UNSTABLE` |")).findFirst().orElseThrow();
    String[] cells = row.split("\\|");
    assertThat(r.out()).startsWith("EGRESS_UNSTABLE (verdict reason)")
        .contains("meaning:   " + cells[2].trim())
        .contains("source:    AZURE-EGRESS.md " + cells[3].trim())
        .contains("usual fix: " + cells[4].trim());
  }

  @Test
  void auditRuleByIdOrNamePrintsItsSection() throws IOException {
    CliRun byId = CliRun.of("explain", "AP001");
    CliRun byName = CliRun.of("explain", "unstableegress");
    assertThat(byId.code()).as(byId.err()).isZero();
    assertThat(byName.out()).isEqualTo(byId.out());
    String docs = doc("audit-rules.md");
    String section = docs.substring(docs.indexOf("## AP001 UnstableEgress"), docs.indexOf("## AP002"));
    String fix = section.lines().filter(l -> l.startsWith("**Fix:** ")).findFirst().orElseThrow().substring(9);
    String source = section.lines().filter(l -> l.startsWith("**Source:** ")).findFirst().orElseThrow().substring(12);
    assertThat(byId.out()).startsWith("AP001 UnstableEgress (audit rule, warning)")
        .contains("usual fix: " + fix).contains("source:    " + source)
        .contains("docs/audit-rules.md#ap001-unstableegress");
  }

  @Test
  void unknownNameIsOneLineAndExit2() {
    CliRun r = CliRun.of("explain", "NOT_A_REASON");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("NOT_A_REASON").contains("allowpath explain EGRESS_UNSTABLE");
  }
}
