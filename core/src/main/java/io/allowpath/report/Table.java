package io.allowpath.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with aligned columns (two spaces between them; the last column is never padded),
 * fitted to a width: when the natural width is more, the columns marked {@link #giveWayFirst} (free text:
 * reasons, messages) narrow first, then the widest of all (names last, so that they stay whole and can be
 * pasted into {@code --from}/{@code --to} as long as possible); never below their header or
 * {@link #MIN_COLUMN} characters. A cell longer than its column ends in {@code …}.
 * The full text stays in {@code -v} and JSON. Every command's tables render here.
 *
 * <p>The width is the caller's, or that of the current command ({@link #width()}, set by the CLI from
 * {@code COLUMNS} or the terminal; {@link #UNLIMITED} when the output is not a terminal, so that piped
 * output does not depend on the window it was started from).
 */
public final class Table {
  /** No width limit: every cell in full. */
  public static final int UNLIMITED = 0;
  /** The narrowest a column is made (unless its content is narrower). */
  public static final int MIN_COLUMN = 8;
  static final String ELLIPSIS = "\u2026";

  private static final ThreadLocal<Integer> WIDTH = ThreadLocal.withInitial(() -> UNLIMITED);

  private final List<String[]> rows = new ArrayList<>();
  private final java.util.Set<Integer> first = new java.util.HashSet<>();

  public Table(String... header) {
    rows.add(header);
  }

  /** The width tables of the current command are fitted to ({@link #UNLIMITED}: none). */
  public static int width() {
    return WIDTH.get();
  }

  /** Sets the width for tables rendered on this thread (the CLI, per command). */
  public static void width(int columns) {
    WIDTH.set(Math.max(UNLIMITED, columns));
  }

  /** Columns (0-based) that narrow before the others when the table must fit: free text, not names. */
  public Table giveWayFirst(int... columns) {
    for (int c : columns) {
      first.add(c);
    }
    return this;
  }

  public Table row(String... cells) {
    rows.add(cells);
    return this;
  }

  public int size() {
    return rows.size() - 1;
  }

  /** The table at the current command's width ({@link #width()}). */
  public String render() {
    return render(width());
  }

  /** The table fitted to {@code width} characters a line ({@link #UNLIMITED}: not fitted). */
  public String render(int width) {
    int cols = rows.get(0).length;
    int[] w = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < cols; i++) {
        w[i] = Math.max(w[i], cell(r, i).length());
      }
    }
    if (width > UNLIMITED) {
      fit(w, width);
    }
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      for (int i = 0; i < cols; i++) {
        String c = cut(cell(r, i), w[i]);
        sb.append(c);
        if (i < cols - 1) {
          sb.append(" ".repeat(w[i] - c.length() + 2));
        }
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** Narrows the widest columns, one character at a time, until the line fits or every column is at its minimum. */
  private void fit(int[] w, int width) {
    int cols = w.length;
    int[] min = new int[cols];
    for (int i = 0; i < cols; i++) {
      min[i] = Math.min(w[i], Math.max(MIN_COLUMN, cell(rows.get(0), i).length()));
    }
    int total = 2 * (cols - 1);
    for (int x : w) {
      total += x;
    }
    for (boolean onlyFirst : new boolean[] {true, false}) {
      while (total > width) {
        int widest = -1;
        for (int i = 0; i < cols; i++) {
          if ((!onlyFirst || first.contains(i)) && w[i] > min[i] && (widest < 0 || w[i] > w[widest])) {
            widest = i;
          }
        }
        if (widest < 0) {
          break; // every such column at its minimum
        }
        w[widest]--;
        total--;
      }
    }
    // when every column is at its minimum the line stays wider than asked
  }

  private static String cell(String[] r, int i) {
    return i >= r.length || r[i] == null ? "" : r[i];
  }

  /** The text cut to {@code width} characters, its last one an ellipsis when something was cut. */
  static String cut(String s, int width) {
    if (s.length() <= width) {
      return s;
    }
    return width <= 1 ? ELLIPSIS.substring(0, width) : s.substring(0, width - 1) + ELLIPSIS;
  }
}
