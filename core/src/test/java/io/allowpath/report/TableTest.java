package io.allowpath.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one table renderer: aligned columns, fitted to a width with {@code …}, unlimited when no width is set. */
class TableTest {
  static final String LONG_REASON = "SOME_EGRESS_IPS_NOT_ADMITTED (+2) because the NAT gateway has two addresses";

  static Table sample() {
    return new Table("FROM", "TO", "VERDICT", "REASON")
        .row("mlw-prod/gpu-cluster", "kv-ml-prod", "DENY", LONG_REASON)
        .row("dbw-analytics/host", "stmlprod-with-a-rather-long-account-name", "ALLOW", "")
        .row("mlw-prod/serverless", "crmlprod", "AMBIGUOUS", "OPEN_TO_ALL_NETWORKS");
  }

  static List<String> lines(String s) {
    return s.lines().toList();
  }

  @Test
  void unlimitedKeepsEveryCellInFullAndAlignsColumns() {
    String out = sample().render(Table.UNLIMITED);
    assertThat(out).contains(LONG_REASON).contains("stmlprod-with-a-rather-long-account-name").doesNotContain("…");
    List<String> l = lines(out);
    int to = l.get(0).indexOf("TO");
    assertThat(l.get(1).indexOf("kv-ml-prod")).isEqualTo(to);
    assertThat(l.get(2).indexOf("stmlprod")).isEqualTo(to);
    assertThat(l.get(3)).as("the last column is not padded").endsWith("OPEN_TO_ALL_NETWORKS");
  }

  @ParameterizedTest
  @ValueSource(ints = {60, 80, 100, 120})
  void everyLineFitsTheWidthAndCutCellsEndInAnEllipsis(int width) {
    String out = sample().render(width);
    for (String line : lines(out)) {
      assertThat(line.length()).as("'%s'", line).isLessThanOrEqualTo(width);
    }
    assertThat(lines(out)).hasSize(4);
    assertThat(out).contains("…").doesNotContain(LONG_REASON);
    assertThat(lines(out).get(1)).as("short cells are whole").contains("kv-ml-prod").contains("DENY");
    int to = lines(out).get(0).indexOf("TO");
    assertThat(lines(out).get(3).indexOf("crmlprod")).isEqualTo(to);
  }

  @Test
  void theWidestColumnsGiveWayFirst() {
    String out = sample().render(100);
    assertThat(out).as("FROM is narrower than REASON and TO: kept whole").contains("mlw-prod/gpu-cluster")
        .contains("mlw-prod/serverless");
    assertThat(out).contains("SOME_EGRESS_IPS_NOT_ADMITTED");
  }

  @Test
  void aTableThatFitsIsTheSameAsUnlimited() {
    Table t = new Table("A", "B").row("x", "y");
    assertThat(t.render(20)).isEqualTo(t.render(Table.UNLIMITED)).isEqualTo("A  B\nx  y\n");
  }

  @Test
  void columnsNeverGoBelowTheirHeaderOrTheMinimum() {
    String out = sample().render(10);
    String header = lines(out).get(0);
    assertThat(header).contains("FROM").contains("VERDICT").contains("REASON");
    for (String line : lines(out).subList(1, 4)) {
      assertThat(line.split("  +")[0].length()).isGreaterThanOrEqualTo(Table.MIN_COLUMN);
    }
  }

  @Test
  void cutKeepsTheStartAndMarksTheCut() {
    assertThat(Table.cut("abcdef", 6)).isEqualTo("abcdef");
    assertThat(Table.cut("abcdefg", 6)).isEqualTo("abcde…");
    assertThat(Table.cut("abc", 1)).isEqualTo("…");
  }

  @Test
  void theCommandWidthIsPerThreadAndDefaultsToUnlimited() throws Exception {
    assertThat(Table.width()).isEqualTo(Table.UNLIMITED);
    Table.width(70);
    try {
      assertThat(sample().render()).isEqualTo(sample().render(70));
      int[] other = new int[1];
      Thread t = new Thread(() -> other[0] = Table.width());
      t.start();
      t.join();
      assertThat(other[0]).isEqualTo(Table.UNLIMITED);
    } finally {
      Table.width(Table.UNLIMITED);
    }
  }

  @Test
  void freeTextColumnsGiveWayBeforeNames() {
    Table t = new Table("FROM", "TO", "REASON").giveWayFirst(2)
        .row("mlw-prod/cpu-cluster-behind-firewall", "kv-ml-prod", LONG_REASON)
        .row("mlw-prod/cpu-cluster", "stmlprod", "EGRESS_UNSTABLE");
    String out = t.render(70);
    assertThat(out.lines()).allMatch(l -> l.length() <= 70);
    assertThat(out).as("names whole while the reason can give way").contains("mlw-prod/cpu-cluster-behind-firewall")
        .doesNotContain(LONG_REASON).contains("SOME_EGRESS");
    String narrow = t.render(30);
    assertThat(narrow).as("then names too").doesNotContain("mlw-prod/cpu-cluster-behind-firewall").contains("…");
  }
}
