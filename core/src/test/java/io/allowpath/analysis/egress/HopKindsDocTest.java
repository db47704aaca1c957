package io.allowpath.analysis.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/reasons.md "Hop kinds" lists exactly the {@link HopKind} constants, each with its meaning. */
class HopKindsDocTest {
  private static final Pattern ROW = Pattern.compile("^\\|\\s*`([A-Z_]+)`\\s*\\|\\s*(.+?)\\s*\\|$");

  @Test
  void everyHopKindIsARowOfTheHopKindsTableAndEveryRowIsAKind() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("../docs/reasons.md"));
    int start = lines.indexOf("## Hop kinds");
    assertThat(start).as("a '## Hop kinds' section in docs/reasons.md").isNotNegative();
    Set<String> rows = new LinkedHashSet<>();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("## ")) {
        break;
      }
      Matcher m = ROW.matcher(line.strip());
      if (m.matches()) {
        HopKind k = HopKind.valueOf(m.group(1));
        assertThat(m.group(2)).as("meaning of %s", k).isEqualTo(k.meaning());
        rows.add(m.group(1));
      }
    }
    assertThat(rows).containsExactlyInAnyOrderElementsOf(Arrays.stream(HopKind.values()).map(Enum::name).toList());
  }
}
