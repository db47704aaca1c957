package io.allowpath.analysis.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/reasons.md documents the closed vocabulary of {@link Reason}: one table row per code, no more, no less. */
class ReasonsDocTest {
  static final Pattern ROW = Pattern.compile("^\\|\\s*`([A-Z0-9_]+)`\\s*\\|(.*)$");

  @Test
  void everyReasonConstantIsARowOfDocsReasonsMdAndEveryRowIsAConstant() throws IOException {
    Path doc = Path.of("../docs/reasons.md");
    assertThat(doc).as("docs/reasons.md from the core module").exists();
    Set<String> rows = new LinkedHashSet<>();
    for (String line : Files.readAllLines(doc)) {
      if (line.startsWith("## Hop kinds")) {
        break; // the hop kinds' table follows the reasons (HopKindsDocTest)
      }
      Matcher m = ROW.matcher(line.strip());
      if (m.matches()) {
        assertThat(rows.add(m.group(1))).as("code %s documented once", m.group(1)).isTrue();
        assertThat(m.group(2).split("\\|")).as("row %s has meaning, source and fix", m.group(1))
            .hasSizeGreaterThanOrEqualTo(3).allSatisfy(cell -> assertThat(cell.strip()).isNotEmpty());
      }
    }
    Set<String> codes = new LinkedHashSet<>(Arrays.stream(Reason.values()).map(Enum::name).toList());
    assertThat(rows).as("rows of docs/reasons.md").containsExactlyInAnyOrderElementsOf(codes);
  }
}
