package io.allowpath.report;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns; the last column is never padded. */
public final class Table {
  private final List<String[]> rows = new ArrayList<>();

  public Table(String... header) {
    rows.add(header);
  }

  public Table row(String... cells) {
    rows.add(cells);
    return this;
  }

  public int size() {
    return rows.size() - 1;
  }

  public String render() {
    int cols = rows.get(0).length;
    int[] w = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < cols; i++) {
        w[i] = Math.max(w[i], r[i] == null ? 0 : r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      for (int i = 0; i < cols; i++) {
        String c = r[i] == null ? "" : r[i];
        sb.append(c);
        if (i < cols - 1) {
          sb.append(" ".repeat(w[i] - c.length() + 2));
        }
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
