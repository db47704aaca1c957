package io.allowpath.emit.terraform;

import java.util.ArrayList;
import java.util.List;

/**
 * The only place that knows HCL syntax: blocks, attributes, string escaping and two-space indentation.
 * Expressions are passed in already rendered ({@link #str} quotes a string, {@link #list} a tuple);
 * references such as {@code azurerm_public_ip.x.ip_address} are written bare.
 */
final class Hcl {
  /** A block ({@code resource "type" "name" { ... }}) holding attributes and nested blocks in order. */
  static final class Block {
    final String header;
    final List<Object> entries = new ArrayList<>();

    Block(String type, String... labels) {
      StringBuilder sb = new StringBuilder(type);
      for (String l : labels) {
        sb.append(' ').append(str(l));
      }
      header = sb.toString();
    }

    Block attr(String key, String expr) {
      if (expr != null) {
        entries.add(new String[] {key, expr});
      }
      return this;
    }

    Block block(Block b) {
      entries.add(b);
      return this;
    }

    /**
     * Renders as {@code terraform fmt} does: the {@code =} of consecutive one-line attributes aligned; an attribute
     * whose value spans lines, and a nested block, end the run of aligned lines.
     */
    void render(StringBuilder out, int depth) {
      String ind = "  ".repeat(depth);
      out.append(ind).append(header).append(" {\n");
      for (int i = 0; i < entries.size(); i++) {
        Object e = entries.get(i);
        if (e instanceof String[] a) {
          int width = 0;
          if (!a[1].contains("\n")) {
            for (int j = i; j < entries.size() && entries.get(j) instanceof String[] b && !b[1].contains("\n"); j++) {
              width = Math.max(width, b[0].length());
            }
            for (int j = i - 1; j >= 0 && entries.get(j) instanceof String[] b && !b[1].contains("\n"); j--) {
              width = Math.max(width, b[0].length());
            }
          }
          out.append(ind).append("  ").append(a[0]).append(" ".repeat(Math.max(0, width - a[0].length()))).append(" = ")
              .append(a[1].replace("\n", "\n" + ind + "  ")).append('\n');
        } else {
          ((Block) e).render(out, depth + 1);
        }
      }
      out.append(ind).append("}\n");
    }
  }

  private Hcl() {}

  /** An HCL string: backslash, quote and newline escaped; {@code ${} and {@code %{} doubled so they stay literal. */
  static String str(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
        .replace("\t", "\\t").replace("${", "$${").replace("%{", "%%{") + "\"";
  }

  static String list(List<String> exprs) {
    return exprs.isEmpty() ? "[]" : "[" + String.join(", ", exprs) + "]";
  }

  static String strings(List<String> values) {
    return list(values.stream().map(Hcl::str).toList());
  }
}
