package io.allowpath.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.diff.EstateDiff;
import io.allowpath.diff.EstateDiff.AttributeChange;
import io.allowpath.diff.EstateDiff.Cause;
import io.allowpath.diff.EstateDiff.EgressChange;
import io.allowpath.diff.EstateDiff.PairChange;
import io.allowpath.model.ResourceId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders {@code allowpath diff}: a table, the JSON of docs/contract.md ("diff"), Markdown for a
 * pull-request comment, or SARIF 2.1.0 (one result per changed pair and per egress change, at the
 * resource that caused it).
 */
public final class DiffReport {
  private DiffReport() {}

  /** Where a cause is written: a Terraform address, or file and JSON pointer. */
  public static String where(Cause c) {
    if (c.pointer() != null && !c.pointer().isEmpty() && !c.pointer().startsWith("/")) {
      return c.pointer();
    }
    if (c.file() == null) {
      return null;
    }
    return c.file() + (c.pointer() == null || c.pointer().isEmpty() ? "" : " at " + c.pointer());
  }

  private static String computeName(String label, ResourceId workspace) {
    return workspace.name() + "/" + label;
  }

  private static String verdict(String v) {
    return v == null ? "(absent)" : v;
  }

  private static String causes(List<Cause> cs) {
    if (cs.isEmpty()) {
      return "no resource on the path changed";
    }
    List<String> parts = new ArrayList<>();
    for (Cause c : cs) {
      parts.add(c.summary());
    }
    return String.join(" | ", parts);
  }

  private static String addresses(List<String> a) {
    return a == null ? "(absent)" : a.isEmpty() ? "(none)" : EstateDiff.shortValue(String.join(", ", a));
  }

  // ---------------------------------------------------------------- table

  public static String table(EstateDiff.Result r) {
    StringBuilder sb = new StringBuilder();
    if (r.isEmpty()) {
      sb.append("No change: every verdict and every egress is the same (").append(r.pairsAfter())
          .append(" pair(s)).\n");
      return sb.toString();
    }
    sb.append(r.regressions()).append(" regression(s), ").append(r.pairs().size() - r.regressions())
        .append(" other verdict change(s), ").append(r.egress().size()).append(" egress change(s).\n");
    if (!r.pairs().isEmpty()) {
      Table t = new Table("", "FROM", "TO", "BEFORE", "AFTER", "CAUSE");
      for (PairChange p : r.pairs()) {
        t.row(p.regression() ? "REGRESSION" : "change", computeName(p.computeLabel(), p.workspace()),
            p.target().name(), verdict(p.before()), verdict(p.after()), causes(p.causes()));
      }
      sb.append('\n').append(t.render());
    }
    if (!r.egress().isEmpty()) {
      Table t = new Table("COMPUTE", "BEFORE", "AFTER", "CAUSE");
      for (EgressChange e : r.egress()) {
        t.row(computeName(e.computeLabel(), e.workspace()), verdict(e.modeBefore()) + " " + addresses(e.addressesBefore()),
            verdict(e.modeAfter()) + " " + addresses(e.addressesAfter()), causes(e.causes()));
      }
      sb.append('\n').append(t.render());
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- json

  public static String json(EstateDiff.Result r) {
    ObjectNode root = Json.object();
    ObjectNode s = root.putObject("summary");
    s.put("regressions", r.regressions());
    s.put("changes", r.pairs().size());
    s.put("egressChanges", r.egress().size());
    s.put("pairsBefore", r.pairsBefore());
    s.put("pairsAfter", r.pairsAfter());
    ArrayNode pairs = root.putArray("pairs");
    for (PairChange p : r.pairs()) {
      ObjectNode o = pairs.addObject();
      o.put("from", p.compute());
      o.put("to", p.target().value());
      o.put("before", p.before());
      o.put("after", p.after());
      o.put("regression", p.regression());
      o.set("reasonsBefore", Json.strings(p.reasonsBefore()));
      o.set("reasonsAfter", Json.strings(p.reasonsAfter()));
      o.set("causes", causesJson(p.causes()));
    }
    ArrayNode egress = root.putArray("egress");
    for (EgressChange e : r.egress()) {
      ObjectNode o = egress.addObject();
      o.put("compute", e.compute());
      o.put("modeBefore", e.modeBefore());
      o.put("modeAfter", e.modeAfter());
      o.set("addressesBefore", e.addressesBefore() == null ? null : Json.strings(e.addressesBefore()));
      o.set("addressesAfter", e.addressesAfter() == null ? null : Json.strings(e.addressesAfter()));
      o.set("causes", causesJson(e.causes()));
    }
    root.set("diagnostics", Json.diagnostics(r.diagnostics()));
    return Json.write(root);
  }

  private static ArrayNode causesJson(List<Cause> cs) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    for (Cause c : cs) {
      ObjectNode o = a.addObject();
      o.put("resource", c.resource().value());
      o.put("change", c.change());
      ArrayNode attrs = o.putArray("attributes");
      for (AttributeChange ac : c.attributes()) {
        ObjectNode x = attrs.addObject();
        x.put("attribute", ac.attribute());
        if (ac.removed().isEmpty() && ac.added().isEmpty()) {
          x.put("before", ac.before());
          x.put("after", ac.after());
        } else {
          x.set("removed", Json.strings(ac.removed()));
          x.set("added", Json.strings(ac.added()));
        }
      }
      if (c.file() != null) {
        o.put("file", c.file());
      }
      if (c.pointer() != null) {
        o.put("pointer", c.pointer());
      }
      if (!c.terraformRemoved().isEmpty() || !c.terraformAdded().isEmpty()) {
        ObjectNode tf = o.putObject("terraform");
        tf.set("removed", Json.strings(c.terraformRemoved()));
        tf.set("added", Json.strings(c.terraformAdded()));
      }
    }
    return a;
  }

  // ---------------------------------------------------------------- markdown

  /** Markdown for a pull-request comment: a headline, the changed pairs (regressions first), egress changes. */
  public static String markdown(EstateDiff.Result r) {
    StringBuilder sb = new StringBuilder();
    sb.append("### allowpath: ");
    if (r.isEmpty()) {
      sb.append("no change in reachability\n\nEvery (compute, target) verdict and every compute's egress is the same"
          + " before and after (").append(r.pairsAfter()).append(" pair(s)).\n");
      return sb.toString();
    }
    sb.append(r.regressions() == 0 ? "no regression" : ":x: " + r.regressions() + " regression(s)")
        .append(", ").append(r.pairs().size() - r.regressions()).append(" other verdict change(s), ")
        .append(r.egress().size()).append(" egress change(s)\n\n");
    if (!r.pairs().isEmpty()) {
      sb.append("| | Compute | Target | Before | After | Cause |\n|---|---|---|---|---|---|\n");
      for (PairChange p : r.pairs()) {
        String mark = p.regression() ? ":x:" : "ALLOW".equals(p.after()) ? ":white_check_mark:" : ":warning:";
        sb.append("| ").append(mark).append(" | ").append(md(computeName(p.computeLabel(), p.workspace())))
            .append(" | ").append(md(p.target().name())).append(" | ").append(verdict(p.before()))
            .append(reasons(p.reasonsBefore())).append(" | ").append(verdict(p.after())).append(reasons(p.reasonsAfter()))
            .append(" | ").append(mdCauses(p.causes())).append(" |\n");
      }
      sb.append('\n');
    }
    if (!r.egress().isEmpty()) {
      sb.append("#### Egress changes\n\n| Compute | Before | After | Cause |\n|---|---|---|---|\n");
      for (EgressChange e : r.egress()) {
        sb.append("| ").append(md(computeName(e.computeLabel(), e.workspace()))).append(" | ")
            .append(verdict(e.modeBefore())).append(' ').append(md(addresses(e.addressesBefore()))).append(" | ")
            .append(verdict(e.modeAfter())).append(' ').append(md(addresses(e.addressesAfter()))).append(" | ")
            .append(mdCauses(e.causes())).append(" |\n");
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String reasons(List<String> rs) {
    return rs.isEmpty() ? "" : " (" + rs.get(0) + ")";
  }

  private static String mdCauses(List<Cause> cs) {
    if (cs.isEmpty()) {
      return "no resource on the path changed";
    }
    List<String> parts = new ArrayList<>();
    for (Cause c : cs) {
      String w = where(c);
      parts.add(md(c.summary()) + (w == null ? "" : " (`" + w.replace("`", "'") + "`)"));
    }
    return String.join("<br>", parts);
  }

  /** Escapes the characters that break a Markdown table cell. */
  static String md(String s) {
    return s.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;");
  }

  // ---------------------------------------------------------------- sarif

  private static final Map<String, String[]> RULES = new TreeMap<>(Map.of(
      "DIFF001", new String[] {"ReachabilityRegression", "error",
          "A (compute, target) pair that was ALLOW is no longer ALLOW after the change."},
      "DIFF002", new String[] {"VerdictChange", "note",
          "A (compute, target) pair's verdict changes (not a regression: it was not ALLOW, or the pair is new or gone)."},
      "DIFF003", new String[] {"EgressChange", "warning",
          "A compute's internet egress (mode or public addresses) changes: allowlists elsewhere may need the new addresses."}));

  /** SARIF 2.1.0: one result per changed pair and egress change, located at its first cause. */
  public static String sarif(EstateDiff.Result r, String version, Path root) {
    Path base = root.toAbsolutePath().normalize();
    ObjectNode doc = Json.object();
    doc.put("$schema", SarifReport.SCHEMA);
    doc.put("version", "2.1.0");
    ObjectNode run = doc.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "allowpath");
    driver.put("informationUri", SarifReport.INFORMATION_URI);
    driver.put("semanticVersion", version);
    driver.put("version", version);
    ArrayNode rules = driver.putArray("rules");
    List<String> ids = new ArrayList<>(RULES.keySet());
    for (String id : ids) {
      String[] d = RULES.get(id);
      ObjectNode o = rules.addObject();
      o.put("id", id);
      o.put("name", d[0]);
      o.putObject("shortDescription").put("text", d[2]);
      o.putObject("defaultConfiguration").put("level", d[1]);
    }
    String rootUri = base.toUri().toString();
    run.putObject("originalUriBaseIds").putObject(SarifReport.SRCROOT).put("uri", rootUri.endsWith("/") ? rootUri : rootUri + "/");
    ArrayNode results = run.putArray("results");
    for (PairChange p : r.pairs()) {
      String rule = p.regression() ? "DIFF001" : "DIFF002";
      String text = computeName(p.computeLabel(), p.workspace()) + " -> " + p.target().name() + ": "
          + verdict(p.before()) + " -> " + verdict(p.after()) + ". Cause: " + causes(p.causes()) + ".";
      result(results, ids, rule, text, p.causes(), p.target(), p.compute() + "|" + p.target().key(), base);
    }
    for (EgressChange e : r.egress()) {
      String text = computeName(e.computeLabel(), e.workspace()) + " egress: " + verdict(e.modeBefore()) + " "
          + addresses(e.addressesBefore()) + " -> " + verdict(e.modeAfter()) + " " + addresses(e.addressesAfter())
          + ". Cause: " + causes(e.causes()) + ".";
      result(results, ids, "DIFF003", text, e.causes(), e.workspace(), e.compute(), base);
    }
    return Json.write(doc);
  }

  private static void result(ArrayNode results, List<String> ids, String rule, String text, List<Cause> causes,
      ResourceId fallback, String key, Path base) {
    ObjectNode res = results.addObject();
    res.put("ruleId", rule);
    res.put("ruleIndex", ids.indexOf(rule));
    res.put("level", RULES.get(rule)[1]);
    res.putObject("message").put("text", text);
    Cause first = causes.isEmpty() ? null : causes.get(0);
    ObjectNode loc = res.putArray("locations").addObject();
    if (first != null && first.file() != null) {
      String uri = SarifReport.relativeUri(base, first.file());
      ObjectNode art = loc.putObject("physicalLocation").putObject("artifactLocation");
      art.put("uri", uri);
      if (!uri.startsWith("file:")) {
        art.put("uriBaseId", SarifReport.SRCROOT);
      }
    }
    ResourceId id = first == null ? fallback : first.resource();
    ArrayNode logical = loc.putArray("logicalLocations");
    logical.addObject().put("fullyQualifiedName", id.value()).put("name", id.name()).put("kind", "resource");
    if (first != null && first.pointer() != null && !first.pointer().isEmpty() && !first.pointer().startsWith("/")) {
      logical.addObject().put("fullyQualifiedName", first.pointer()).put("kind", "declaration"); // a Terraform address
    }
    res.putObject("partialFingerprints").put("allowpathDiff/v1", fingerprint(rule + "|" + key.toLowerCase(java.util.Locale.ROOT)));
  }

  private static String fingerprint(String s) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
