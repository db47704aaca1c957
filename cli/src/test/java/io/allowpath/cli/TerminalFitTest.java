package io.allowpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.report.Table;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tables fit {@code COLUMNS} or the terminal (issue 17 §8), never when piped without {@code COLUMNS}; rows
 * are sorted by workspace, compute, then target; the full text stays in {@code -v} and JSON.
 */
class TerminalFitTest {
  static final String ESTATE = "../examples/estate";

  static CliRun at(int width, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(err),
        cl -> { }, width);
    return new CliRun(code, out.toString(), err.toString());
  }

  @Test
  void widthComesFromColumnsThenTheTerminalAndIsUnlimitedWhenPiped() {
    assertThat(Terminal.width("90", false)).as("COLUMNS wins, even piped").isEqualTo(90);
    assertThat(Terminal.width(" 132 ", true)).isEqualTo(132);
    assertThat(Terminal.width(null, false)).isEqualTo(Table.UNLIMITED);
    assertThat(Terminal.width("", false)).isEqualTo(Table.UNLIMITED);
    assertThat(Terminal.width("wide", false)).isEqualTo(Table.UNLIMITED);
    assertThat(Terminal.width("0", false)).isEqualTo(Table.UNLIMITED);
    assertThat(Terminal.width(null, true)).as("a terminal: its width, or the default").isPositive();
  }

  @ParameterizedTest
  @ValueSource(ints = {80, 100, 120})
  void everyCommandsTableFitsTheWidth(int width) {
    for (List<String> cmd : List.of(
        List.of("check", "--estate", ESTATE),
        List.of("check", "--estate", ESTATE, "--intents", "inferred"),
        List.of("egress", "--estate", ESTATE),
        List.of("audit", "--estate", ESTATE),
        List.of("plan", "--estate", ESTATE))) {
      CliRun r = at(width, cmd.toArray(String[]::new));
      assertThat(r.code()).as("%s: %s", cmd, r.err()).isIn(0, 1);
      int longest = r.out().lines().filter(l -> l.contains("  ")).mapToInt(String::length).max().orElse(0);
      assertThat(longest).as("%s at %d:%n%s", cmd, width, r.out()).isLessThanOrEqualTo(width);
    }
  }

  @Test
  void pipedOutputIsNotCutAndCutCellsKeepTheFullTextInVerboseAndJson() {
    CliRun full = at(Table.UNLIMITED, "egress", "--estate", ESTATE);
    assertThat(full.out()).doesNotContain("…");
    int natural = full.out().lines().mapToInt(String::length).max().orElse(0);
    assertThat(natural).as("the example's egress table is wider than 80").isGreaterThan(80);

    CliRun cut = at(80, "egress", "--estate", ESTATE);
    assertThat(cut.out()).contains("…");
    assertThat(cut.out().lines().count()).isEqualTo(full.out().lines().count());

    CliRun json = at(80, "egress", "--estate", ESTATE, "-o", "json");
    assertThat(json.out()).doesNotContain("…");
    CliRun verbose = at(60, "check", "--estate", ESTATE, "--from", "mlw-prod/gpu-cluster", "--to", "kv-ml-prod", "-v");
    assertThat(verbose.out()).contains("mlw-prod/gpu-cluster -> kv-ml-prod:").contains("  reason ");
  }

  @Test
  void checkRowsAreSortedByWorkspaceComputeThenTarget() {
    CliRun r = at(Table.UNLIMITED, "check", "--estate", ESTATE);
    List<String> rows = r.out().lines().skip(1).takeWhile(l -> !l.isBlank()).toList();
    assertThat(rows).hasSizeGreaterThan(100);
    List<String> keys = rows.stream().map(l -> {
      String[] c = l.split("  +");
      return c[0].toLowerCase() + "\u0000" + c[1].toLowerCase();
    }).toList();
    assertThat(keys).isSorted();
  }
}
