package io.allowpath.emit.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks one az command line against {@link AzCliTable}: command exists, every flag valid, values well formed. */
public final class AzCommandCheck {
  private AzCommandCheck() {}

  public static List<String> check(ShellScript.Command c) {
    List<String> out = new ArrayList<>();
    List<String> w = c.words();
    int i = 0;
    StringBuilder cmd = new StringBuilder();
    while (i < w.size() && !w.get(i).startsWith("-")) {
      cmd.append(cmd.length() == 0 ? "" : " ").append(w.get(i++));
    }
    String where = "line " + c.line() + " az " + cmd;
    AzCliTable.Row row = AzCliTable.row(cmd.toString());
    if (row == null) {
      out.add(where + ": no such command in the table");
      return out;
    }
    Map<String, List<String>> given = new LinkedHashMap<>();
    String flag = null;
    for (; i < w.size(); i++) {
      String word = w.get(i);
      if (word.startsWith("-") && !word.matches("-[0-9].*")) {
        flag = word;
        if (given.containsKey(flag)) {
          out.add(where + ": " + flag + " given twice");
        }
        given.put(flag, new ArrayList<>());
      } else {
        given.get(flag).add(word);
      }
    }
    Set<AzCliTable.Option> seen = new HashSet<>();
    // azure-cli core (azure/cli/core/commands/arm.py add_ids_arguments): a command whose name arguments are id parts
    // also takes --ids, which replaces them (and the resource group); show commands are such commands
    boolean byIds = given.containsKey("--ids") && row.command().endsWith(" show") && !row.options().containsKey("--ids");
    for (Map.Entry<String, List<String>> g : given.entrySet()) {
      String f = g.getKey();
      List<String> values = g.getValue();
      if (byIds && f.equals("--ids")) {
        if (values.size() != 1 || !values.get(0).matches(AzCliTable.ID)) {
          out.add(where + ": --ids takes one resource id here, got " + values);
        }
        continue;
      }
      if (AzCliTable.GLOBAL.contains(f)) {
        if (values.size() != 1) {
          out.add(where + ": " + f + " takes one value, got " + values);
        } else if ((f.equals("-o") || f.equals("--output")) && !AzCliTable.OUTPUT.contains(values.get(0))) {
          out.add(where + ": " + f + " " + values.get(0) + " is not an output format");
        }
        continue;
      }
      AzCliTable.Option o = row.options().get(f);
      if (o == null) {
        out.add(where + ": unknown argument " + f + " (" + row.source() + ")");
        continue;
      }
      seen.add(o);
      if (values.isEmpty() || !o.many() && values.size() != 1) {
        out.add(where + ": " + f + " takes " + (o.many() ? "one or more values" : "one value") + ", got " + values);
      }
      for (String v : values) {
        if (v.matches("\\$[A-Z_][A-Z0-9_]*(/32)?")) {
          continue;
        }
        if (o.values() != null && !o.values().contains(v)) {
          out.add(where + ": " + f + " '" + v + "' is none of " + o.values());
        }
        if (o.format() != null && !o.format().matcher(v).matches()) {
          out.add(where + ": " + f + " '" + v + "' does not match " + o.format().pattern());
        }
        if (o.keys() != null) {
          int eq = v.indexOf('=');
          if (eq <= 0 || !o.keys().contains(v.substring(0, eq))) {
            out.add(where + ": " + f + " '" + v + "' is not KEY=VALUE with a key of " + o.keys());
          }
        }
      }
    }
    for (AzCliTable.Option o : new HashSet<>(row.options().values())) {
      if (o.required() && !seen.contains(o) && !byIds) {
        out.add(where + ": required argument " + o.names().get(0) + " missing");
      }
    }
    return out;
  }
}
