package io.allowpath.report;

import io.allowpath.analysis.access.AccessEvaluator;
import io.allowpath.analysis.access.Outcome;
import io.allowpath.analysis.access.Reason;
import io.allowpath.analysis.access.Verdict;
import io.allowpath.analysis.access.Via;
import io.allowpath.analysis.audit.AuditRule;
import io.allowpath.analysis.audit.Finding;
import io.allowpath.analysis.audit.Level;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.Egress;
import io.allowpath.analysis.intent.Intent;
import io.allowpath.analysis.intent.IntentCheck;
import io.allowpath.analysis.intent.Intents;
import io.allowpath.emit.arm.ArmEmitter;
import io.allowpath.emit.azcli.AzCliEmitter;
import io.allowpath.emit.bicep.BicepEmitter;
import io.allowpath.emit.terraform.TerraformEmitter;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Target;
import io.allowpath.plan.Change;
import io.allowpath.plan.Plan;
import io.allowpath.plan.Unresolved;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * {@code allowpath report --html}: one self-contained HTML page (inline CSS, SVG and script, no network,
 * no external fonts or images) whose size follows what a person can read, not the number of pairs:
 * a summary; an egress diagram per workspace (computes sharing a path drawn once; targets collapsed to
 * one box per service with counts when there are more than {@link EgressDiagram#MAX_TARGETS}); the
 * answers grouped by verdict and reasons; the full pair list as embedded data (gzip + base64, decoded by
 * the browser's {@code DecompressionStream}; plain JSON when small) that a paged table with filters
 * renders on demand (above {@link PairGroups#MAX_ANSWERS} distinct answers, groups per service rather than per
 * target: {@link PairGroups#collapsed}); the findings grouped by rule; and the plan. The page is written to a
 * {@link Writer} section by section. Every text is HTML-escaped
 * ({@link Html#esc}); the embedded JSON escapes {@code <}, so it cannot close its element.
 */
public final class HtmlReport {
  /**
   * What the page shows: inputs, egress per compute, grouped answers, findings and the plan; {@code plan}
   * is null when it was left out, and {@code planNote} then says why.
   */
  public record Data(List<String> inputs, List<Egress> egress, PairGroups groups, List<Finding> findings, Plan plan,
      String planNote, Intents intents, IntentCheck intentCheck, Map<ResourceId, Map<String, String>> terraformAddresses) {
    public Data {
      terraformAddresses = terraformAddresses == null ? Map.of() : Map.copyOf(terraformAddresses);
    }

    /** For an estate not read from Terraform. */
    public Data(List<String> inputs, List<Egress> egress, PairGroups groups, List<Finding> findings, Plan plan,
        String planNote, Intents intents, IntentCheck intentCheck) {
      this(inputs, egress, groups, findings, plan, planNote, intents, intentCheck, Map.of());
    }

    /** Without intents. */
    public Data(List<String> inputs, List<Egress> egress, PairGroups groups, List<Finding> findings, Plan plan,
        String planNote) {
      this(inputs, egress, groups, findings, plan, planNote, null, null);
    }
  }

  /** Embedded pair data up to this size (bytes of JSON) is written as plain JSON, larger is gzip + base64. */
  static final int PLAIN_LIMIT = 64 * 1024;
  /** Table rows shown per finding rule and plan changes shown; the rest is counted and named by command. */
  static final int MAX_ROWS = 200;
  /**
   * Characters of each plan code block shown (a preview: the block names the command that prints it all); 90,000
   * keeps the example estate's page within issue 16's bound now that its plan also opens NSGs (79 changes, was 66).
   */
  static final int MAX_CODE = 90_000;

  private HtmlReport() {}

  /** The page as one string (tests, small estates); {@link #render(Data, Writer)} streams it. */
  public static String render(Data d) {
    StringWriter w = new StringWriter(256 * 1024);
    try {
      render(d, w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /** Writes the page to {@code out} section by section (a workspace's diagram at a time): no whole page in memory. */
  public static void render(Data d, Writer out) throws IOException {
    StringBuilder sb = new StringBuilder(256 * 1024);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; ")
        .append("script-src 'unsafe-inline'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>allowpath report</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    sb.append("<header><h1>allowpath report</h1><p class=\"muted\">Which public IP each Azure ML / Databricks compute ")
        .append("leaves with, and whether each target lets it in. Inputs: ")
        .append(Html.esc(String.join(", ", d.inputs()))).append("</p>\n<nav>")
        .append(d.intentCheck() == null ? "" : "<a href=\"#intents\">Intents</a> · ").append("<a href=\"#summary\">Summary</a> · ")
        .append("<a href=\"#diagrams\">Egress paths</a> · <a href=\"#answers\">Answers</a> · <a href=\"#pairs\">Pairs</a>")
        .append(" · <a href=\"#findings\">Findings</a> · <a href=\"#plan\">Plan</a></nav></header>\n<main>\n");
    if (d.intentCheck() != null) {
      intents(sb, d.intents(), d.intentCheck());
    }
    summary(sb, d);
    flush(sb, out);
    diagrams(sb, d, out);
    answers(sb, d.groups());
    pairs(sb, d.groups(), d.intentCheck() != null);
    flush(sb, out);
    findings(sb, d.findings());
    flush(sb, out);
    if (d.plan() != null) {
      plan(sb, d.plan(), d.terraformAddresses());
    } else {
      sb.append("<section id=\"plan\"><h2>Plan</h2>\n<p>").append(Html.esc(d.planNote())).append("</p>\n</section>\n");
    }
    sb.append("</main>\n");
    flush(sb, out);
    data(out, pairsJson(d.groups(), d.intentCheck()));
    out.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
    out.flush();
  }

  private static void flush(StringBuilder sb, Writer out) throws IOException {
    out.append(sb);
    sb.setLength(0);
  }

  // ------------------------------------------------------------------ summary

  private static void summary(StringBuilder sb, Data d) {
    PairGroups g = d.groups();
    Map<Level, Integer> findings = AuditReport.counts(d.findings());
    sb.append("<section id=\"summary\"><h2>Summary</h2>\n<div class=\"cards\">\n");
    card(sb, "computes", String.format("%,d", g.computes().size()), "");
    card(sb, "targets", String.format("%,d", g.targets().size()), "");
    card(sb, "pairs", String.format("%,d", g.pairs()), "");
    for (Outcome o : Outcome.values()) {
      card(sb, o.name(), String.format("%,d", g.count(o)), "v-" + o.name());
    }
    for (Level l : Level.values()) {
      card(sb, l.sarif() + " findings", String.valueOf(findings.get(l)), "f-" + l.sarif());
    }
    sb.append("</div>\n<p>").append(String.format("%,d", g.pairs())).append(" pairs come down to ")
        .append(String.format("%,d", g.answers())).append(" distinct answers (egress situation, target, verdict, reasons). ");
    if (g.collapsed()) {
      sb.append("That is more than ").append(String.format("%,d", PairGroups.MAX_ANSWERS)).append(", so this page groups ")
          .append("targets by service: ").append(String.format("%,d", g.size())).append(" groups of (egress situation, ")
          .append("service, verdict, reasons) with their targets and pairs; <code>allowpath report --pairs-file</code> ")
          .append("writes every target's answers. ");
    }
    if (d.plan() == null) {
      sb.append("Plan: left out.");
    } else {
      sb.append("Plan: ").append(d.plan().changes().size()).append(" change(s), ").append(d.plan().unresolved().size())
          .append(" pair(s) no change can fix.");
    }
    sb.append("</p>\n</section>\n");
  }

  private static void card(StringBuilder sb, String label, String value, String cls) {
    sb.append("<div class=\"card ").append(cls).append("\"><div class=\"n\">").append(Html.esc(value))
        .append("</div><div class=\"l\">").append(Html.esc(label)).append("</div></div>\n");
  }

  // ------------------------------------------------------------------ diagrams

  private static void diagrams(StringBuilder sb, Data d, Writer out) throws IOException {
    sb.append("<section id=\"diagrams\"><h2>Egress paths</h2>\n")
        .append("<p class=\"legend\">Edges to targets: <span class=\"sw v-ALLOW\"></span> ALLOW ")
        .append("<span class=\"sw v-DENY\"></span> DENY <span class=\"sw v-AMBIGUOUS\"></span> AMBIGUOUS ")
        .append("<span class=\"sw v-UNKNOWN\"></span> UNKNOWN (dashed). Public-IP traffic leaves from the IP box; ")
        .append("service-endpoint and private-endpoint traffic from the subnet. Computes on the same path share a box. ")
        .append("An edge to a service's heading stands for every target of that service when they share one verdict; ")
        .append("with more than ").append(EgressDiagram.MAX_TARGETS).append(" targets, each service is one box ")
        .append("with its count of targets: click it to expand the service into its targets with their pairs per verdict. ")
        .append("Amber boxes: egress that changes. Hover a box for its full ARM id, an edge ")
        .append("for its pairs.</p>\n");
    PairGroups pg = d.groups();
    Map<Compute, Integer> index = new IdentityHashMap<>();
    for (int i = 0; i < pg.computes().size(); i++) {
      index.put(pg.computes().get(i), i);
    }
    Map<ResourceId, List<Egress>> byWs = new LinkedHashMap<>();
    for (Egress e : d.egress()) {
      byWs.computeIfAbsent(e.compute().workspace(), k -> new ArrayList<>()).add(e);
    }
    // each workspace's pairs as (group, member position) index pairs, in one pass over the groups
    Map<ResourceId, Integer> wsIndex = new HashMap<>();
    byWs.keySet().forEach(w -> wsIndex.put(w, wsIndex.size()));
    int[] wsOf = new int[pg.computes().size()];
    int[] sizes = new int[wsIndex.size()];
    for (int c = 0; c < wsOf.length; c++) {
      wsOf[c] = wsIndex.getOrDefault(pg.computes().get(c).workspace(), -1);
    }
    for (int g = 0; g < pg.size(); g++) {
      for (int m : pg.members(g)) {
        if (wsOf[m] >= 0) {
          sizes[wsOf[m]] += 2;
        }
      }
    }
    int[][] pairs = new int[sizes.length][];
    for (int w = 0; w < sizes.length; w++) {
      pairs[w] = new int[sizes[w]];
      sizes[w] = 0;
    }
    for (int g = 0; g < pg.size(); g++) {
      int[] ms = pg.members(g);
      for (int j = 0; j < ms.length; j++) {
        int w = wsOf[ms[j]];
        if (w >= 0) {
          pairs[w][sizes[w]++] = g;
          pairs[w][sizes[w]++] = j;
        }
      }
    }
    int i = 0;
    for (Map.Entry<ResourceId, List<Egress>> w : byWs.entrySet()) {
      List<Egress> es = w.getValue();
      int[] members = es.stream().mapToInt(e -> index.getOrDefault(e.compute(), -1)).toArray();
      int[] wsPairs = pairs[wsIndex.get(w.getKey())];
      sb.append("<figure class=\"ws\"><figcaption><h3>").append(Html.esc(w.getKey().name())).append("</h3> <span class=\"muted\">")
          .append(Html.esc(w.getKey().value())).append(" · ").append(es.size()).append(" compute(s)</span></figcaption>\n")
          .append("<div class=\"scroll\">").append(EgressDiagram.svg("diagram-" + i++, w.getKey().name(), es, members, pg,
              wsPairs)).append("</div>\n");
      glance(sb, es, members, pg, wsPairs);
      sb.append("</figure>\n");
      flush(sb, out);
    }
    if (byWs.isEmpty()) {
      sb.append("<p>No computes in the estate.</p>\n");
    }
    sb.append("</section>\n");
  }

  /**
   * The verdicts of one workspace at a glance: a computes × targets grid when there are few targets,
   * else pairs per service and verdict.
   */
  private static void glance(StringBuilder sb, List<Egress> egress, int[] members, PairGroups pg, int[] pairs) {
    Map<Integer, Integer> row = new HashMap<>();
    for (int i = 0; i < members.length; i++) {
      row.put(members[i], i);
    }
    List<Target> targets = new ArrayList<>();
    List<Integer> targetIdx = new ArrayList<>();
    int[] svcTargets = new int[pg.services().size()];
    int distinct = 0;
    if (pg.collapsed()) {
      boolean[] seenSvc = new boolean[svcTargets.length];
      for (int i = 0; i < pairs.length; i += 2) {
        seenSvc[pg.service(pairs[i])] = true;
      }
      for (int s = 0; s < svcTargets.length; s++) {
        if (seenSvc[s]) {
          svcTargets[s] = pg.targetsChecked(s, members);
          distinct += svcTargets[s];
        }
      }
    } else {
      boolean[] seen = new boolean[pg.targets().size()];
      for (int i = 0; i < pairs.length; i += 2) {
        int t = pg.targetIndex(pairs[i]);
        if (!seen[t]) {
          seen[t] = true;
          targets.add(pg.targets().get(t));
          targetIdx.add(t);
        }
      }
      for (int t : targetIdx) {
        svcTargets[pg.serviceOf(t)]++;
      }
      distinct = targets.size();
    }
    Map<Long, Integer> cell = new HashMap<>();
    long[][] bySvc = new long[pg.services().size()][];
    boolean grid = !pg.collapsed() && distinct <= EgressDiagram.MAX_TARGETS;
    for (int i = 0; i < pairs.length; i += 2) {
      int g = pairs[i];
      int s = pg.service(g);
      if (bySvc[s] == null) {
        bySvc[s] = new long[Outcome.values().length];
      }
      bySvc[s][pg.outcome(g).ordinal()] += pg.weight(g, pairs[i + 1]);
      if (grid) {
        Integer r = row.get(pg.members(g)[pairs[i + 1]]);
        if (r != null) {
          cell.put(((long) r << 32) | pg.targetIndex(g), g);
        }
      }
    }
    Map<String, long[]> perService = new TreeMap<>();
    Map<String, Integer> serviceTargets = new TreeMap<>();
    for (int s = 0; s < bySvc.length; s++) {
      if (bySvc[s] != null) {
        perService.put(pg.services().get(s), bySvc[s]);
      }
      if (svcTargets[s] > 0) {
        serviceTargets.put(pg.services().get(s), svcTargets[s]);
      }
    }
    if (distinct == 0) {
      return;
    }
    if (!grid) {
      sb.append("<details class=\"matrix\" open><summary>Pairs per service</summary><table class=\"svc\"><thead><tr>")
          .append("<th>Service</th><th>Targets</th>");
      for (Outcome o : Outcome.values()) {
        sb.append("<th>").append(o.name()).append("</th>");
      }
      sb.append("</tr></thead><tbody>\n");
      for (Map.Entry<String, long[]> s : perService.entrySet()) {
        sb.append("<tr><td>").append(Html.esc(s.getKey())).append("</td><td>").append(serviceTargets.get(s.getKey()))
            .append("</td>");
        for (Outcome o : Outcome.values()) {
          sb.append("<td>").append(s.getValue()[o.ordinal()]).append("</td>");
        }
        sb.append("</tr>\n");
      }
      sb.append("</tbody></table></details>\n");
      return;
    }
    targets.sort((a, b) -> a.id().key().compareTo(b.id().key()));
    Map<Target, Integer> tIndex = new IdentityHashMap<>();
    for (int i = 0; i < pg.targets().size(); i++) {
      tIndex.put(pg.targets().get(i), i);
    }
    sb.append("<details class=\"matrix\" open><summary>Verdicts at a glance</summary><table class=\"grid\"><thead><tr><th></th>");
    for (Target t : targets) {
      sb.append("<th><span title=\"").append(Html.esc(t.id().value())).append("\">").append(Html.esc(t.id().name()))
          .append("</span></th>");
    }
    sb.append("</tr></thead><tbody>\n");
    for (int r = 0; r < egress.size(); r++) {
      Compute c = egress.get(r).compute();
      sb.append("<tr><th>").append(Html.esc(c.label())).append("</th>");
      for (Target t : targets) {
        Integer g = cell.get(((long) r << 32) | tIndex.get(t));
        if (g == null) {
          sb.append("<td></td>");
        } else {
          Outcome o = pg.outcome(g);
          sb.append("<td class=\"c v-").append(o.name()).append("\" title=\"")
              .append(Html.esc(c.label() + " → " + t.id().name() + ": " + o + " via " + pg.via(g)
                  + (pg.reasons(g).isEmpty() ? "" : " (" + pg.reasons(g).get(0).name() + ")")))
              .append("\">").append(o.name().charAt(0)).append("</td>");
        }
      }
      sb.append("</tr>\n");
    }
    sb.append("</tbody></table></details>\n");
  }

  // ------------------------------------------------------------------ answers grouped by verdict and reasons

  private static void answers(StringBuilder sb, PairGroups pg) {
    List<PairGroups.Row> sorted = new ArrayList<>(pg.rows());
    sorted.sort((a, b) -> a.outcome() != b.outcome() ? a.outcome().compareTo(b.outcome())
        : Long.compare(b.pairs(), a.pairs()));
    sb.append("<section id=\"answers\"><h2>Answers by verdict and reasons</h2>\n<p class=\"muted\">Every pair ")
        .append("counted once under its verdict and its full list of reasons. <em>List</em> opens the pairs below ")
        .append("filtered to that verdict and reason.</p>\n<table id=\"answers-table\"><thead><tr><th>Verdict</th>")
        .append("<th>Reasons</th><th>Pairs</th><th>Targets</th><th>Computes</th><th>Distinct answers</th><th></th>")
        .append("</tr></thead>\n<tbody>\n");
    for (PairGroups.Row r : sorted) {
      List<Reason> reasons = r.reasons();
      sb.append("<tr><td><span class=\"badge v-").append(r.outcome().name()).append("\">").append(r.outcome().name())
          .append("</span></td><td>");
      for (Reason x : reasons) {
        sb.append("<span class=\"reason\" title=\"").append(Html.esc(x.meaning())).append("\">").append(x.name())
            .append("</span> ");
      }
      sb.append("</td><td>").append(String.format("%,d", r.pairs())).append("</td><td>").append(r.targets())
          .append("</td><td>").append(r.computes()).append("</td><td>").append(r.answers())
          .append("</td><td><a class=\"list\" href=\"#pairs?verdict=").append(r.outcome().name())
          .append(reasons.isEmpty() ? "" : "&amp;reason=" + reasons.get(0).name()).append("\">List</a></td></tr>\n");
    }
    sb.append("</tbody></table>\n</section>\n");
  }

  // ------------------------------------------------------------------ pairs (rendered by the script)

  private static void pairs(StringBuilder sb, PairGroups pg, boolean intents) {
    sb.append("<section id=\"pairs\"><h2>Pairs</h2>\n<p class=\"muted\">All ").append(String.format("%,d", pg.pairs()))
        .append(" pairs, from data embedded in this page, shown 50 at a time. ")
        .append(pg.collapsed() ? "At this size they are grouped per egress situation, <em>service</em>, verdict and reasons, "
            + "with the number of targets and pairs and the computes behind each group (<code>--pairs-file</code> writes the "
            + "per-target list). " : "<em>Grouped</em> shows one row per egress situation, target, verdict and reasons with "
            + "the computes behind it; <em>one row per pair</em> lists each compute. ")
        .append("<code>allowpath check --from COMPUTE --to TARGET -v</code> explains a pair hop by hop.</p>\n")
        .append("<div class=\"filters\">")
        .append("<label>Workspace <select id=\"f-ws\"><option value=\"\">all</option></select></label> ")
        .append("<label>Compute <input id=\"f-compute\" type=\"search\" placeholder=\"name contains…\"></label> ")
        .append("<label>Target <input id=\"f-target\" type=\"search\" placeholder=\"name contains…\"></label> ")
        .append("<label>Service <select id=\"f-svc\"><option value=\"\">all</option></select></label> ")
        .append("<label>Verdict <select id=\"f-verdict\"><option value=\"\">all</option>");
    for (Outcome o : Outcome.values()) {
      sb.append("<option>").append(o.name()).append("</option>");
    }
    sb.append("</select></label> <label>Reason <select id=\"f-reason\"><option value=\"\">all</option></select></label> ");
    if (intents && !pg.collapsed()) {
      sb.append("<label>Intent <select id=\"f-intent\"><option value=\"\">all</option>")
          .append("<option value=\"violation\">violations</option><option value=\"covered\">covered by an intent</option>")
          .append("<option value=\"reach\">reach</option><option value=\"not-reach\">not-reach</option>")
          .append("<option value=\"none\">no intent</option></select></label> ");
    }
    sb
        .append("<label>Show <select id=\"f-mode\"><option value=\"groups\">grouped</option>")
        .append("<option value=\"pairs\">one row per pair</option></select></label></div>\n")
        .append("<div class=\"pager\"><button id=\"p-prev\" type=\"button\">‹ previous</button> ")
        .append("<button id=\"p-next\" type=\"button\">next ›</button> <span id=\"filter-count\" class=\"muted\">")
        .append("loading the pair list…</span></div>\n")
        .append("<table id=\"pairs-table\"><thead><tr></tr></thead><tbody></tbody></table>\n")
        .append("<noscript><p>The pair list needs JavaScript; <code>allowpath check -o json</code> gives every pair.</p>")
        .append("</noscript>\n</section>\n");
  }

  /**
   * The grouped pairs as compact JSON: tables of workspaces, computes, services, targets, reasons, reason
   * sets, situations and compute sets, then six integers per group (situation, target, outcome, reason
   * set, compute set, via). {@code <} is written as {@code \u003c}. Collapsed groups ({@link PairGroups#collapsed})
   * have a service where the target was, no target table, {@code "collapsed":true}, {@code groupTargets} (targets
   * per group) and {@code weights} (per group, the pairs of each compute of its compute set).
   */
  public static String pairsJson(PairGroups pg) {
    return pairsJson(pg, null);
  }

  /**
   * As {@link #pairsJson(PairGroups)}, plus, when {@code ic} is given, {@code intents} (name, expect, source)
   * and {@code intentPairs}: four integers per pair an intent covers (compute, target, intent, 1 when violated).
   */
  public static String pairsJson(PairGroups pg, IntentCheck ic) {
    StringBuilder j = new StringBuilder(1 << 20);
    tables(j, pg, !pg.collapsed());
    j.append(",\"computeSets\":[");
    for (int i = 0; i < pg.computeSets().size(); i++) {
      j.append(i == 0 ? "[" : ",[");
      int[] set = pg.computeSets().get(i);
      for (int k = 0; k < set.length; k++) {
        j.append(k == 0 ? "" : ",").append(set[k]);
      }
      j.append(']');
    }
    j.append("],\"groups\":[");
    for (int g = 0; g < pg.size(); g++) {
      j.append(g == 0 ? "" : ",").append(pg.situation(g)).append(',').append(pg.collapsed() ? pg.service(g) : pg.targetIndex(g))
          .append(',')
          .append(pg.outcome(g).ordinal()).append(',').append(pg.reasonSet(g)).append(',').append(pg.computeSet(g))
          .append(',').append(pg.via(g).ordinal());
    }
    j.append(']');
    if (pg.collapsed()) {
      j.append(",\"collapsed\":true,\"groupTargets\":[");
      for (int g = 0; g < pg.size(); g++) {
        j.append(g == 0 ? "" : ",").append(pg.groupTargets(g));
      }
      j.append("],\"weights\":[");
      for (int g = 0; g < pg.size(); g++) {
        j.append(g == 0 ? "[" : ",[");
        for (int k = 0; k < pg.members(g).length; k++) {
          j.append(k == 0 ? "" : ",").append(pg.weight(g, k));
        }
        j.append(']');
      }
      j.append(']');
    } else if (ic != null) {
      intentsJson(j, pg, ic);
    }
    j.append("}\n");
    return j.toString();
  }

  /**
   * The pair file ({@code report --pairs-file}): the page's pair data ({@link #pairsJson}); when the page's
   * groups are collapsed by service, every target's answers instead, streamed from a second pass of the
   * matrix: the tables of {@link #pairsJson} (with the targets) and {@code answers}, one array per
   * (situation, target, verdict, reasons, via): those five indexes, then the array of its computes; targets
   * in the order the matrix finishes them.
   */
  public static void writePairs(PairGroups pg, AccessEvaluator ev, IntentCheck ic, Writer out) throws IOException {
    if (!pg.collapsed()) {
      out.write(pairsJson(pg, ic));
      out.flush();
      return;
    }
    StringBuilder j = new StringBuilder(1 << 16);
    tables(j, pg, true);
    j.append(",\"answers\":[\n");
    out.append(j);
    boolean[] first = {true};
    IOException[] failed = {null};
    pg.forEachAnswer(ev, (t, answers) -> {
      StringBuilder b = new StringBuilder(answers.length * 48);
      for (int[] a : answers) {
        b.append(b.length() == 0 ? "[" : ",\n[").append(a[0]).append(',').append(t).append(',').append(a[1]).append(',').append(a[2]).append(',')
            .append(a[3]).append(",[");
        for (int k = 4; k < a.length; k++) {
          b.append(k == 4 ? "" : ",").append(a[k]);
        }
        b.append("]]");
      }
      synchronized (out) {
        if (failed[0] != null || b.length() == 0) {
          return;
        }
        try {
          if (!first[0]) {
            out.append(",\n");
          }
          first[0] = false;
          out.append(b);
        } catch (IOException e) {
          failed[0] = e;
        }
      }
    });
    if (failed[0] != null) {
      throw failed[0];
    }
    out.append("\n]}\n");
    out.flush();
  }

  /** The tables of the pair data, from its opening brace to the situations. */
  private static void tables(StringBuilder j, PairGroups pg, boolean withTargets) {
    List<String> ws = new ArrayList<>();
    Map<ResourceId, Integer> wsIndex = new HashMap<>();
    j.append("{\"version\":1,\"outcomes\":[");
    Outcome[] os = Outcome.values();
    for (int i = 0; i < os.length; i++) {
      j.append(i == 0 ? "" : ",").append('"').append(os[i].name()).append('"');
    }
    j.append("],\"vias\":[");
    Via[] vs = Via.values();
    for (int i = 0; i < vs.length; i++) {
      j.append(i == 0 ? "" : ",").append('"').append(vs[i].name()).append('"');
    }
    j.append("],\"computes\":[");
    for (int i = 0; i < pg.computes().size(); i++) {
      Compute c = pg.computes().get(i);
      int w = wsIndex.computeIfAbsent(c.workspace(), k -> {
        ws.add(k.name());
        return ws.size() - 1;
      });
      j.append(i == 0 ? "[" : ",[");
      str(j, c.label());
      j.append(',').append(w).append(',');
      str(j, c.key());
      j.append(']');
    }
    j.append("],\"workspaces\":[");
    for (int i = 0; i < ws.size(); i++) {
      if (i > 0) {
        j.append(',');
      }
      str(j, ws.get(i));
    }
    List<String> services = pg.services();
    j.append("],\"targets\":[");
    for (int i = 0; i < (withTargets ? pg.targets().size() : 0); i++) {
      Target t = pg.targets().get(i);
      int s = pg.serviceOf(i);
      j.append(i == 0 ? "[" : ",[");
      str(j, t.id().name());
      j.append(',').append(s).append(',');
      str(j, t.id().value());
      j.append(']');
    }
    j.append("],\"services\":[");
    for (int i = 0; i < services.size(); i++) {
      if (i > 0) {
        j.append(',');
      }
      str(j, services.get(i));
    }
    j.append("],\"reasons\":[");
    Reason[] rs = Reason.values();
    for (int i = 0; i < rs.length; i++) {
      j.append(i == 0 ? "[" : ",[");
      str(j, rs[i].name());
      j.append(',');
      str(j, rs[i].meaning());
      j.append(']');
    }
    j.append("],\"reasonSets\":[");
    for (int i = 0; i < pg.reasonSets().size(); i++) {
      j.append(i == 0 ? "[" : ",[");
      List<Reason> set = pg.reasonSets().get(i);
      for (int k = 0; k < set.size(); k++) {
        j.append(k == 0 ? "" : ",").append(set.get(k).ordinal());
      }
      j.append(']');
    }
    j.append("],\"situations\":[");
    for (int i = 0; i < pg.situations().size(); i++) {
      if (i > 0) {
        j.append(',');
      }
      str(j, pg.situations().get(i));
    }
    j.append(']');
  }

  private static void intentsJson(StringBuilder j, PairGroups pg, IntentCheck ic) {
    Map<Compute, Integer> cIndex = new IdentityHashMap<>();
    for (int i = 0; i < pg.computes().size(); i++) {
      cIndex.put(pg.computes().get(i), i);
    }
    Map<Target, Integer> tIndex = new IdentityHashMap<>();
    for (int i = 0; i < pg.targets().size(); i++) {
      tIndex.put(pg.targets().get(i), i);
    }
    Map<Intent, Integer> iIndex = new LinkedHashMap<>();
    StringBuilder pairs = new StringBuilder();
    for (IntentCheck.Judged p : ic.pairs()) {
      Integer c = cIndex.get(p.verdict().compute());
      Integer t = tIndex.get(p.verdict().target());
      if (c == null || t == null) {
        continue;
      }
      int i = iIndex.computeIfAbsent(p.intent(), k -> iIndex.size());
      pairs.append(pairs.length() == 0 ? "" : ",").append(c).append(',').append(t).append(',').append(i).append(',')
          .append(p.violated() ? 1 : 0);
    }
    j.append(",\"intents\":[");
    int k = 0;
    for (Intent i : iIndex.keySet()) {
      j.append(k++ == 0 ? "[" : ",[");
      str(j, i.name());
      j.append(',');
      str(j, IntentReport.expect(i));
      j.append(',');
      str(j, i.source());
      j.append(']');
    }
    j.append("],\"intentPairs\":[").append(pairs).append(']');
  }

  // ------------------------------------------------------------------ intents: violations first

  /** The intents section, first on the page: how many pairs the intents cover, then every violation. */
  private static void intents(StringBuilder sb, Intents set, IntentCheck ic) {
    sb.append("<section id=\"intents\"><h2>Intents</h2>\n<p>").append(String.format("%,d", ic.pairs().size()))
        .append(" pair(s) covered by ").append(set.intents().size()).append(" intent(s) (")
        .append(Html.esc(set.origin())).append("): <b class=\"").append(ic.violations().isEmpty() ? "ok" : "bad").append("\">")
        .append(ic.violations().isEmpty() ? "no violation" : String.format("%,d violation(s)", ic.violations().size()))
        .append("</b>. A <em>reach</em> pair that is not ALLOW, or a <em>not-reach</em> pair that is ALLOW or AMBIGUOUS, ")
        .append("is a violation (docs/intents.md). The pair table below has an Intent column and filter.");
    if (ic.intentsWithoutPairs() > 0) {
      sb.append(' ').append(ic.intentsWithoutPairs()).append(" intent(s) matched no pair of the estate.");
    }
    sb.append("</p>\n");
    if (!ic.violations().isEmpty()) {
      sb.append("<table id=\"violations\"><thead><tr><th>From</th><th>To</th><th>Expect</th><th>Verdict</th>")
          .append("<th>Reasons</th><th>Intent</th></tr></thead>\n<tbody>\n");
      for (IntentCheck.Judged j : ic.violations().subList(0, Math.min(ic.violations().size(), MAX_ROWS))) {
        Verdict v = j.verdict();
        sb.append("<tr class=\"violation\"><td title=\"").append(Html.esc(v.compute().key())).append("\">")
            .append(Html.esc(v.compute().label())).append("</td><td title=\"").append(Html.esc(v.target().id().value()))
            .append("\">").append(Html.esc(v.target().id().name())).append("</td><td>").append(IntentReport.expect(j.intent()))
            .append("</td><td><span class=\"badge v-").append(v.outcome().name()).append("\">").append(v.outcome().name())
            .append("</span></td><td>");
        for (Reason r : v.reasons()) {
          sb.append("<span class=\"reason\" title=\"").append(Html.esc(r.meaning())).append("\">").append(r.name())
              .append("</span> ");
        }
        sb.append("</td><td title=\"").append(Html.esc(j.intent().source())).append("\">")
            .append(Html.esc(j.intent().name())).append("</td></tr>\n");
      }
      sb.append("</tbody></table>\n");
      if (ic.violations().size() > MAX_ROWS) {
        sb.append("<p class=\"muted\">").append(ic.violations().size() - MAX_ROWS).append(" more: ")
            .append("<code>allowpath check --intents ").append(Html.esc(set.origin())).append(" -o json</code> lists every ")
            .append("violation; the pair table's Intent filter shows them all.</p>\n");
      }
    }
    sb.append("</section>\n");
  }

  private static void str(StringBuilder j, String s) {
    j.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> j.append("\\\"");
        case '\\' -> j.append("\\\\");
        case '<' -> j.append("\\u003c");
        case '>' -> j.append("\\u003e");
        case '&' -> j.append("\\u0026");
        case '\n' -> j.append("\\n");
        case '\r' -> j.append("\\r");
        case '\t' -> j.append("\\t");
        case '\u2028' -> j.append("\\u2028");
        case '\u2029' -> j.append("\\u2029");
        default -> {
          if (c < 0x20) {
            j.append(String.format("\\u%04x", (int) c));
          } else {
            j.append(c);
          }
        }
      }
    }
    j.append('"');
  }

  /** The pair data element: plain JSON when small, else gzip + base64 for the browser's DecompressionStream. */
  private static void data(Writer out, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= PLAIN_LIMIT) {
      out.append("<script type=\"application/json\" id=\"pairs-data\" data-encoding=\"json\">").append(json)
          .append("</script>\n");
      return;
    }
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream(bytes.length / 6 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(gzipped, 1 << 16)) {
      gz.write(bytes);
    }
    bytes = null;
    out.append("<script type=\"application/octet-stream\" id=\"pairs-data\" data-encoding=\"gzip-base64\">\n");
    byte[] z = gzipped.toByteArray();
    Base64.Encoder enc = Base64.getMimeEncoder(120, new byte[] {'\n'});
    int chunk = 90 * 1024; // a multiple of 90 input bytes (= 120 output characters): lines as one encoding gives
    for (int i = 0; i < z.length; i += chunk) {
      out.append(enc.encodeToString(Arrays.copyOfRange(z, i, Math.min(z.length, i + chunk))));
      out.append('\n');
    }
    out.append("</script>\n");
  }

  // ------------------------------------------------------------------ findings, grouped by rule

  private static void findings(StringBuilder sb, List<Finding> all) {
    sb.append("<section id=\"findings\"><h2>Findings</h2>\n");
    if (all.isEmpty()) {
      sb.append("<p>No findings.</p></section>\n");
      return;
    }
    Map<AuditRule, List<Finding>> byRule = new TreeMap<>();
    for (Finding f : all) {
      byRule.computeIfAbsent(f.rule(), k -> new ArrayList<>()).add(f);
    }
    for (Map.Entry<AuditRule, List<Finding>> e : byRule.entrySet()) {
      AuditRule r = e.getKey();
      List<Finding> fs = e.getValue();
      sb.append("<details class=\"rule\"").append(byRule.size() <= 6 || fs.size() <= 5 ? " open" : "").append("><summary><b>")
          .append(Html.esc(r.id())).append("</b> ").append(Html.esc(r.ruleName())).append(" <span class=\"badge f-")
          .append(r.level().sarif()).append("\">").append(r.level().sarif()).append("</span> ").append(fs.size())
          .append(" finding(s)</summary>\n<p>").append(Html.esc(r.shortDescription())).append(". <b>Fix:</b> ")
          .append(Html.esc(r.fix())).append(" <span class=\"muted\">Source: AZURE-EGRESS.md ").append(Html.esc(r.source()))
          .append("; <code>allowpath explain ").append(Html.esc(r.id())).append("</code></span></p>\n")
          .append("<table><thead><tr><th>Resource</th><th>Message</th><th>Fix</th></tr></thead>\n<tbody>\n");
      for (Finding f : fs.subList(0, Math.min(fs.size(), MAX_ROWS))) {
        sb.append("<tr><td title=\"").append(Html.esc(f.resource().value())).append("\">").append(Html.esc(f.resource().name()))
            .append("</td><td>").append(Html.esc(f.message())).append("</td><td>").append(Html.esc(f.fix()))
            .append("</td></tr>\n");
      }
      sb.append("</tbody></table>\n");
      if (fs.size() > MAX_ROWS) {
        sb.append("<p class=\"muted\">").append(fs.size() - MAX_ROWS).append(" more: <code>allowpath audit -o json</code> ")
            .append("lists every finding.</p>\n");
      }
      sb.append("</details>\n");
    }
    sb.append("</section>\n");
  }

  // ------------------------------------------------------------------ plan

  private static void plan(StringBuilder sb, Plan plan, Map<ResourceId, Map<String, String>> terraformAddresses) {
    sb.append("<section id=\"plan\"><h2>Plan</h2>\n<p class=\"muted\">The smallest changes that make failing pairs ")
        .append("work (egress strategy: NAT gateway).</p>\n");
    if (plan.changes().isEmpty()) {
      sb.append("<p>No change needed.</p>\n");
    } else {
      sb.append("<table><thead><tr><th>#</th><th>Action</th><th>Resource</th><th>Value</th><th>Pairs</th><th>Why</th></tr>")
          .append("</thead>\n<tbody>\n");
      int i = 1;
      for (Change c : plan.changes().subList(0, Math.min(plan.changes().size(), MAX_ROWS))) {
        sb.append("<tr><td>").append(i++).append("</td><td>").append(Html.esc(c.action())).append("</td><td title=\"")
            .append(Html.esc(c.resource().value())).append("\">").append(Html.esc(c.resource().name())).append("</td><td>")
            .append(Html.esc(PlanReport.shortIds(c.value()))).append("</td><td><details><summary>")
            .append(c.pairs().size()).append("</summary><ul>");
        c.pairs().stream().limit(10).forEach(p -> sb.append("<li>").append(Html.esc(p)).append("</li>"));
        if (c.pairs().size() > 10) {
          sb.append("<li class=\"muted\">and ").append(c.pairs().size() - 10).append(" more</li>");
        }
        sb.append("</ul></details></td><td>").append(Html.esc(c.why())).append("</td></tr>\n");
      }
      sb.append("</tbody></table>\n");
      if (plan.changes().size() > MAX_ROWS) {
        sb.append("<p class=\"muted\">").append(plan.changes().size() - MAX_ROWS).append(" more change(s): ")
            .append("<code>allowpath plan</code> lists every change.</p>\n");
      }
    }
    if (!plan.unresolved().isEmpty()) {
      sb.append("<h3>Pairs no change can fix</h3>\n<table><thead><tr><th>From</th><th>To</th><th>Why</th></tr></thead><tbody>\n");
      for (Unresolved u : plan.unresolved().subList(0, Math.min(plan.unresolved().size(), MAX_ROWS))) {
        sb.append("<tr><td>").append(Html.esc(PlanReport.shortFrom(u.from()))).append("</td><td>")
            .append(Html.esc(u.to().substring(u.to().lastIndexOf('/') + 1))).append("</td><td>").append(Html.esc(u.reason()))
            .append("</td></tr>\n");
      }
      sb.append("</tbody></table>\n");
      if (plan.unresolved().size() > MAX_ROWS) {
        sb.append("<p class=\"muted\">").append(plan.unresolved().size() - MAX_ROWS).append(" more: ")
            .append("<code>allowpath plan -o json</code> lists every pair.</p>\n");
      }
    }
    planCode(sb, plan, terraformAddresses);
    sb.append("</section>\n");
  }

  /**
   * The plan as text to copy, one block per format, then the docs/contract.md plan JSON. For an estate read from
   * Terraform ({@code terraformAddresses} not empty) the Terraform block is what {@code plan --emit terraform} prints
   * for it: blocks for the user's root module that refer to its resources by address, and EDIT instructions for the
   * resources its configuration declares (docs/emit.md, "Terraform input").
   */
  private static void planCode(StringBuilder sb, Plan plan, Map<ResourceId, Map<String, String>> terraformAddresses) {
    codeBlock(sb, "Azure CLI", "bash", new AzCliEmitter().emit(plan), "--emit az");
    codeBlock(sb, "Bicep", "bicep", new BicepEmitter().emit(plan), "--emit bicep");
    codeBlock(sb, "ARM template", "json", new ArmEmitter().emit(plan), "--emit arm");
    if (terraformAddresses.isEmpty()) {
      codeBlock(sb, "Terraform", "hcl", new TerraformEmitter().emit(plan), "--emit terraform");
    } else {
      codeBlock(sb, "Terraform (for your configuration: its addresses, and EDITs of the resources it declares)", "hcl",
          new TerraformEmitter(terraformAddresses).emit(plan), "--emit terraform");
    }
    codeBlock(sb, "Plan JSON", "json", PlanReport.json(plan), "-o json");
  }

  /**
   * One copyable block: a title, and the text in {@code <pre><code>} (collapsed, opens without script);
   * beyond {@link #MAX_CODE} characters it is cut at a line end and names the command that prints it all.
   */
  static void codeBlock(StringBuilder sb, String title, String language, String text, String command) {
    String shown = text;
    if (text.length() > MAX_CODE) {
      int cut = text.lastIndexOf('\n', MAX_CODE);
      shown = text.substring(0, cut < 0 ? MAX_CODE : cut + 1);
    }
    sb.append("<details class=\"code\"><summary>").append(Html.esc(title)).append("</summary>");
    if (shown.length() < text.length()) {
      sb.append("<p class=\"muted\">The first ").append(String.format("%,d", shown.length())).append(" of ")
          .append(String.format("%,d", text.length())).append(" characters; <code>allowpath plan ").append(command)
          .append("</code> prints it all.</p>");
    }
    sb.append("<pre><code class=\"language-").append(Html.esc(language)).append("\">").append(Html.text(shown))
        .append("</code></pre></details>\n");
  }

  // ------------------------------------------------------------------ assets

  /** The style sheet, shrunk once ({@link Minify}). */
  static final String CSS = Minify.css("""
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0;color:#1f2328;background:#fff}
      header{padding:16px 24px;border-bottom:1px solid #d0d7de;background:#f6f8fa}
      h1{margin:0 0 4px;font-size:22px} h2{font-size:18px;border-bottom:1px solid #d0d7de;padding-bottom:4px;margin-top:28px}
      h3{display:inline;font-size:15px;margin:0}
      main{padding:0 24px 40px} nav a{color:#0969da;text-decoration:none}
      .muted{color:#57606a;font-size:12px} .id{word-break:break-all}
      .cards{display:flex;flex-wrap:wrap;gap:8px}
      .card{border:1px solid #d0d7de;border-radius:6px;padding:8px 14px;min-width:90px;background:#f6f8fa}
      .card .n{font-size:22px;font-weight:600} .card .l{font-size:12px;color:#57606a}
      .card.v-ALLOW{border-left:5px solid #1a7f37} .card.v-DENY{border-left:5px solid #cf222e}
      .card.v-AMBIGUOUS{border-left:5px solid #bf8700} .card.v-UNKNOWN{border-left:5px solid #8c959f}
      .card.f-error{border-left:5px solid #cf222e} .card.f-warning{border-left:5px solid #bf8700} .card.f-note{border-left:5px solid #0969da}
      .legend .sw{display:inline-block;width:22px;height:4px;vertical-align:middle;margin:0 4px 0 10px}
      .sw.v-ALLOW{background:#1a7f37} .sw.v-DENY{background:#cf222e} .sw.v-AMBIGUOUS{background:#bf8700} .sw.v-UNKNOWN{background:#8c959f}
      figure.ws{margin:14px 0 22px;border:1px solid #d0d7de;border-radius:6px;padding:10px}
      .scroll{overflow-x:auto}
      svg.diagram text{font:12px system-ui,sans-serif;fill:#1f2328} svg.diagram text.kind{font-size:10px;fill:#57606a}
      svg.diagram text.col{font-size:12px;font-weight:600;fill:#57606a} svg.diagram text.grp{font-size:11px;font-weight:600;fill:#0969da}
      svg.diagram .node rect{fill:#f6f8fa;stroke:#8c959f;stroke-width:1}
      svg.diagram .node.compute rect{fill:#ddf4ff;stroke:#0969da} svg.diagram .node.subnet rect{fill:#f6f8fa}
      svg.diagram .node.egress rect{fill:#dafbe1;stroke:#1a7f37} svg.diagram .node.ip rect{fill:#fff;stroke:#1a7f37}
      svg.diagram .node.warn rect{fill:#fff8c5;stroke:#bf8700;stroke-dasharray:4 2} svg.diagram .node.bad rect{fill:#ffebe9;stroke:#cf222e}
      svg.diagram .node.target rect{fill:#fff;stroke:#8c959f}
      svg.diagram path.edge{stroke-opacity:.7} svg.diagram path.edge:hover{stroke-width:4;stroke-opacity:1}
      table{border-collapse:collapse;width:100%;margin:8px 0} th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
      th{background:#f6f8fa} tr:nth-child(even) td{background:#fbfcfd}
      .badge{display:inline-block;padding:0 6px;border-radius:10px;font-size:12px;font-weight:600;color:#fff}
      .badge.v-ALLOW{background:#1a7f37} .badge.v-DENY{background:#cf222e} .badge.v-AMBIGUOUS{background:#9a6700} .badge.v-UNKNOWN{background:#6e7781}
      .badge.f-error{background:#cf222e} .badge.f-warning{background:#9a6700} .badge.f-note{background:#0969da}
      .reason{font:11px ui-monospace,SFMono-Regular,Menlo,monospace;background:#eaeef2;border-radius:4px;padding:0 4px;white-space:nowrap}
      details summary{cursor:pointer;color:#0969da} details ol{margin:4px 0;padding-left:20px}
      table.grid{width:auto;font-size:11px} table.grid th{font-weight:600;white-space:nowrap}
      table.grid thead th span{writing-mode:vertical-rl;transform:rotate(180deg);display:inline-block;max-height:130px;overflow:hidden}
      table.grid td.c{width:18px;text-align:center;color:#fff;font-weight:700;padding:2px}
      td.c.v-ALLOW{background:#1a7f37!important} td.c.v-DENY{background:#cf222e!important}
      td.c.v-AMBIGUOUS{background:#9a6700!important} td.c.v-UNKNOWN{background:#6e7781!important}
      .filters{margin:8px 0;display:flex;flex-wrap:wrap;gap:6px 14px} .filters input{width:180px}
      .expand{margin:8px 0;border:1px solid #0969da;border-radius:6px;padding:6px 10px} .expand table{width:auto}
      b.bad{color:#cf222e} b.ok{color:#1a7f37} tr.violation td:first-child{border-left:4px solid #cf222e}
      .pager{margin:6px 0} table.svc{width:auto} details.rule{margin:8px 0;border:1px solid #d0d7de;border-radius:6px;padding:6px 10px}
      svg.diagram .node.svc{cursor:pointer} svg.diagram .node.svc:hover rect{stroke:#0969da;stroke-width:2}
      pre{background:#f6f8fa;border:1px solid #d0d7de;border-radius:6px;padding:10px;overflow:auto;max-height:420px;font-size:12px}
      """);

  /** The script, shrunk once ({@link Minify}). */
  static final String SCRIPT = Minify.js("""
      (function () {
        'use strict';
        var PAGE = 50;
        var el = document.getElementById('pairs-data');
        var count = document.getElementById('filter-count');
        var table = document.getElementById('pairs-table');
        var f = {
          ws: document.getElementById('f-ws'), compute: document.getElementById('f-compute'),
          target: document.getElementById('f-target'), svc: document.getElementById('f-svc'),
          verdict: document.getElementById('f-verdict'), reason: document.getElementById('f-reason'),
          mode: document.getElementById('f-mode'), intent: document.getElementById('f-intent')
        };
        var D = null, cOkArr = [], filtered = [], counts = [], prefix = [], total = 0, page = 0, setCount = null;
        var IP = null, NT = 0, C = false;
        function intentOf(c, t) { var i = IP === null ? undefined : IP.get(c * NT + t); return i === undefined ? -1 : i; }
        function intentOk(c, t) {
          var want = f.intent ? f.intent.value : '';
          if (!want) { return true; }
          var i = intentOf(c, t);
          if (want === 'none') { return i < 0; }
          if (i < 0) { return false; }
          var p = D.intentPairs;
          return want === 'covered' || (want === 'violation' ? p[i + 3] === 1 : D.intents[p[i + 2]][1] === want);
        }
        function pairOk(c, t) { return cOkArr[c] && intentOk(c, t); }
        // collapsed data (groups per service): a group's pairs of the computes that pass
        function wsum(k, ok) {
          var cs = D.computeSets[D.groups[k + 4]], w = D.weights[k / 6], n = 0;
          for (var i = 0; i < cs.length; i++) { if (!ok || ok[cs[i]]) { n += w[i]; } }
          return n;
        }
        function intentText(c, t) {
          var i = intentOf(c, t);
          if (i < 0) { return ''; }
          var p = D.intentPairs, x = D.intents[p[i + 2]];
          return x[1] + (p[i + 3] === 1 ? ' · VIOLATION' : ' · ok') + ' (' + x[0] + ')';
        }
        function load() {
          var enc = el.getAttribute('data-encoding');
          if (enc === 'json') { return Promise.resolve(JSON.parse(el.textContent)); }
          if (typeof DecompressionStream === 'undefined') {
            return Promise.reject(new Error('this browser has no DecompressionStream to read the embedded pair list'));
          }
          var bin = atob(el.textContent.replace(/\\s+/g, ''));
          var bytes = new Uint8Array(bin.length);
          for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
          var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
          return new Response(stream).text().then(JSON.parse);
        }
        function options(select, names) {
          names.forEach(function (n) { var o = document.createElement('option'); o.textContent = n; select.appendChild(o); });
        }
        function text(tag, s, cls, title) {
          var e = document.createElement(tag);
          e.textContent = s;
          if (cls) { e.className = cls; }
          if (title) { e.title = title; }
          return e;
        }
        function apply() {
          var ws = f.ws.value, cq = f.compute.value.toLowerCase(), tq = f.target.value.toLowerCase();
          var svc = f.svc.value, verdict = f.verdict.value, reason = f.reason.value;
          var wsI = ws ? D.workspaces.indexOf(ws) : -1, svcI = svc ? D.services.indexOf(svc) : -1;
          var vI = verdict ? D.outcomes.indexOf(verdict) : -1, rI = -1;
          if (reason) { for (var r = 0; r < D.reasons.length; r++) { if (D.reasons[r][0] === reason) { rI = r; } } }
          var cOk = D.computes.map(function (c) {
            return (wsI < 0 || c[1] === wsI) && (!cq || c[0].toLowerCase().indexOf(cq) >= 0 || c[2].toLowerCase().indexOf(cq) >= 0);
          });
          var tOk = C ? D.services.map(function (s, i) { return svcI < 0 || i === svcI; }) : D.targets.map(function (t) {
            return (svcI < 0 || t[1] === svcI) && (!tq || t[0].toLowerCase().indexOf(tq) >= 0);
          });
          cOkArr = cOk;
          var rOk = D.reasonSets.map(function (s) { return rI < 0 || s.indexOf(rI) >= 0; });
          setCount = D.computeSets.map(function (s) {
            var n = 0;
            for (var i = 0; i < s.length; i++) { if (cOk[s[i]]) { n++; } }
            return n;
          });
          filtered = []; counts = []; prefix = []; total = 0;
          var g = D.groups, all = 0, byIntent = f.intent && f.intent.value;
          for (var k = 0; k < g.length; k += 6) {
            var n = C ? wsum(k, null) : D.computeSets[g[k + 4]].length;
            all += n;
            if (!tOk[g[k + 1]] || (vI >= 0 && g[k + 2] !== vI) || !rOk[g[k + 3]]) { continue; }
            var m = C ? wsum(k, cOk) : setCount[g[k + 4]];
            if (byIntent && m > 0) {
              var cs = D.computeSets[g[k + 4]];
              m = 0;
              for (var x = 0; x < cs.length; x++) { if (pairOk(cs[x], g[k + 1])) { m++; } }
            }
            if (m === 0) { continue; }
            filtered.push(k); prefix.push(total); counts.push(m); total += m;
          }
          D.allPairs = all;
          page = 0;
          render();
        }
        function pages() { return Math.max(1, Math.ceil((f.mode.value === 'pairs' ? total : filtered.length) / PAGE)); }
        function cell(tr, node) { var td = document.createElement('td'); td.appendChild(node); tr.appendChild(td); return td; }
        function badge(o) { return text('span', D.outcomes[o], 'badge v-' + D.outcomes[o]); }
        function reasons(set) {
          var span = document.createElement('span');
          D.reasonSets[set].forEach(function (r) {
            span.appendChild(text('span', D.reasons[r][0], 'reason', D.reasons[r][1]));
            span.appendChild(document.createTextNode(' '));
          });
          return span;
        }
        function name(c) { var x = D.computes[c]; return D.workspaces[x[1]] + '/' + x[0]; }
        function head(cols) {
          var tr = table.tHead.rows[0];
          tr.textContent = '';
          cols.forEach(function (c) { tr.appendChild(text('th', c)); });
        }
        function render() {
          var body = table.tBodies[0];
          body.textContent = '';
          var g = D.groups, pairsMode = f.mode.value === 'pairs';
          if (pairsMode) {
            head(['From', 'To', 'Service', 'Verdict', 'Via', 'Reasons', 'Egress'].concat(IP ? ['Intent'] : []));
            var start = page * PAGE, lo = 0, hi = filtered.length - 1;
            while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (prefix[mid] <= start) { lo = mid; } else { hi = mid - 1; } }
            var skip = start - (prefix[lo] || 0), shown = 0;
            for (var i = lo; i < filtered.length && shown < PAGE; i++) {
              var k = filtered[i], set = D.computeSets[g[k + 4]], t = D.targets[g[k + 1]];
              for (var j = 0; j < set.length && shown < PAGE; j++) {
                if (!pairOk(set[j], g[k + 1])) { continue; }
                if (skip > 0) { skip--; continue; }
                var tr = document.createElement('tr');
                tr.setAttribute('data-verdict', D.outcomes[g[k + 2]]);
                cell(tr, text('span', name(set[j]), null, D.computes[set[j]][2]));
                cell(tr, text('span', t[0], null, t[2]));
                cell(tr, text('span', D.services[t[1]]));
                cell(tr, badge(g[k + 2]));
                cell(tr, text('span', D.vias[g[k + 5]]));
                cell(tr, reasons(g[k + 3]));
                cell(tr, text('span', D.situations[g[k]]));
                if (IP) {
                  var it = intentText(set[j], g[k + 1]);
                  cell(tr, text('span', it, it.indexOf('VIOLATION') >= 0 ? 'badge v-DENY' : null));
                }
                body.appendChild(tr);
                shown++;
              }
            }
          } else {
            head(['Egress situation', 'To', 'Service', 'Verdict', 'Via', 'Reasons', 'Pairs', 'Computes'].concat(IP ? ['Intent'] : []));
            for (var p = page * PAGE; p < Math.min(filtered.length, (page + 1) * PAGE); p++) {
              var kk = filtered[p], tt = C ? [D.groupTargets[kk / 6] + ' targets', g[kk + 1], ''] : D.targets[g[kk + 1]];
              var row = document.createElement('tr');
              row.setAttribute('data-verdict', D.outcomes[g[kk + 2]]);
              cell(row, text('span', D.situations[g[kk]]));
              cell(row, text('span', tt[0], null, tt[2]));
              cell(row, text('span', D.services[tt[1]]));
              cell(row, badge(g[kk + 2]));
              cell(row, text('span', D.vias[g[kk + 5]]));
              cell(row, reasons(g[kk + 3]));
              cell(row, text('span', String(counts[p])));
              var members = D.computeSets[g[kk + 4]].filter(function (c) { return pairOk(c, g[kk + 1]); });
              var names = members.map(name);
              var det = document.createElement('details');
              det.appendChild(text('summary', names.slice(0, 3).join(', ') + (names.length > 3 ? ' +' + (names.length - 3) + ' more' : '')));
              if (names.length > 3) { det.appendChild(text('div', names.join(', '), 'muted')); }
              cell(row, det);
              if (IP) {
                var cov = 0, bad = 0;
                members.forEach(function (c) {
                  var i = intentOf(c, g[kk + 1]);
                  if (i >= 0) { cov++; if (D.intentPairs[i + 3] === 1) { bad++; } }
                });
                cell(row, text('span', cov === 0 ? '' : (bad > 0 ? bad + ' violation(s) of ' : '') + cov + ' covered',
                  bad > 0 ? 'badge v-DENY' : null));
              }
              body.appendChild(row);
            }
          }
          count.textContent = total + ' of ' + D.allPairs + ' pairs' + (pairsMode ? '' : ' in ' + filtered.length + ' groups')
            + ' · page ' + (page + 1) + ' of ' + pages();
          document.getElementById('p-prev').disabled = page === 0;
          document.getElementById('p-next').disabled = page + 1 >= pages();
        }
        function fromHash() {
          var h = location.hash, q = h.indexOf('?');
          if (q < 0) { return false; }
          h.substring(q + 1).split('&').forEach(function (kv) {
            var p = kv.split('='), key = decodeURIComponent(p[0]), v = decodeURIComponent(p[1] || '');
            var map = { workspace: f.ws, compute: f.compute, target: f.target, service: f.svc, verdict: f.verdict, reason: f.reason, mode: f.mode, intent: f.intent };
            if (map[key]) { map[key].value = v; }
          });
          return true;
        }
        function clear() {
          [f.ws, f.compute, f.target, f.svc, f.verdict, f.reason, f.intent].forEach(function (e) { if (e) { e.value = ''; } });
        }
        // a collapsed service box expands, below its diagram, into the service's targets in that workspace with
        // their pairs per verdict (from the embedded data); a second click folds it again
        function expand(n) {
          var fig = n.closest('figure'), ws = n.getAttribute('data-ws'), svc = n.getAttribute('data-svc');
          var panel = fig.querySelector('.expand');
          var open = n.getAttribute('aria-expanded') === 'true';
          fig.querySelectorAll('.node.svc').forEach(function (x) { x.setAttribute('aria-expanded', 'false'); });
          if (panel) { panel.remove(); }
          if (open) { return; }
          n.setAttribute('aria-expanded', 'true');
          var wsI = D.workspaces.indexOf(ws), svcI = D.services.indexOf(svc), g = D.groups, per = {}, order = [];
          if (C) {
            var inW = D.computes.map(function (c) { return c[1] === wsI; }), byV = D.outcomes.map(function () { return 0; });
            for (var q = 0; q < g.length; q += 6) { if (g[q + 1] === svcI) { byV[g[q + 2]] += wsum(q, inW); } }
            panel = document.createElement('div');
            panel.className = 'expand';
            panel.setAttribute('data-svc', svc);
            panel.appendChild(text('b', svc + ' in ' + ws + ': ' + D.outcomes.map(function (o, i) { return o + ' ' + byV[i]; }).join(', ') + ' pairs'));
            panel.appendChild(text('p', 'This estate is too large for a per-target list in the page: allowpath report --pairs-file writes it.', 'muted'));
            fig.appendChild(panel);
            return;
          }
          var inWs = D.computeSets.map(function (s) {
            var k = 0;
            for (var i = 0; i < s.length; i++) { if (D.computes[s[i]][1] === wsI) { k++; } }
            return k;
          });
          for (var k = 0; k < g.length; k += 6) {
            var t = g[k + 1], m = inWs[g[k + 4]];
            if (m === 0 || D.targets[t][1] !== svcI) { continue; }
            if (!per[t]) { per[t] = D.outcomes.map(function () { return 0; }); order.push(t); }
            per[t][g[k + 2]] += m;
          }
          var allowI = D.outcomes.indexOf('ALLOW');
          function ok(t) { return per[t].every(function (c, o) { return o === allowI || c === 0; }) ? 1 : 0; }
          order.sort(function (a, b) {
            var fa = ok(a), fb = ok(b);
            return fa - fb || (D.targets[a][0] < D.targets[b][0] ? -1 : D.targets[a][0] > D.targets[b][0] ? 1 : 0);
          });
          panel = document.createElement('div');
          panel.className = 'expand';
          panel.setAttribute('data-svc', svc);
          var limit = 200;
          panel.appendChild(text('b', svc + ' in ' + ws + ': ' + order.length + ' target(s)'));
          var list = document.createElement('a');
          list.href = '#pairs?workspace=' + encodeURIComponent(ws) + '&service=' + encodeURIComponent(svc);
          list.textContent = ' list these pairs in the pair table';
          panel.appendChild(list);
          var tbl = document.createElement('table'), hr = document.createElement('tr');
          ['Target'].concat(D.outcomes).forEach(function (c) { hr.appendChild(text('th', c)); });
          tbl.appendChild(hr);
          order.slice(0, limit).forEach(function (t) {
            var tr = document.createElement('tr');
            tr.className = 'expanded-target';
            cell(tr, text('span', D.targets[t][0], null, D.targets[t][2]));
            per[t].forEach(function (c, o) { cell(tr, c ? text('span', String(c), 'badge v-' + D.outcomes[o]) : text('span', '')); });
            tbl.appendChild(tr);
          });
          panel.appendChild(tbl);
          if (order.length > limit) {
            panel.appendChild(text('p', (order.length - limit) + ' more target(s) (failing first, then by name): use the pair table.', 'muted'));
          }
          fig.appendChild(panel);
        }
        var t0 = performance.now();
        load().then(function (data) {
          D = data;
          if (D.intentPairs) {
            IP = new Map(); NT = D.targets.length;
            for (var q = 0; q < D.intentPairs.length; q += 4) { IP.set(D.intentPairs[q] * NT + D.intentPairs[q + 1], q); }
          }
          C = !!D.collapsed;
          if (C) {
            f.mode.remove(1);
            f.target.disabled = true;
            f.target.placeholder = 'per service at this size';
          }
          options(f.ws, D.workspaces);
          options(f.svc, D.services.slice().sort());
          var used = {};
          D.reasonSets.forEach(function (s) { s.forEach(function (r) { used[r] = true; }); });
          options(f.reason, D.reasons.filter(function (r, i) { return used[i]; }).map(function (r) { return r[0]; }));
          fromHash();
          apply();
          table.setAttribute('data-rendered-ms', String(Math.round(performance.now() - t0)));
          [f.ws, f.svc, f.verdict, f.reason, f.mode, f.intent].forEach(function (e) { if (e) { e.addEventListener('change', apply); } });
          var timer = null;
          [f.compute, f.target].forEach(function (e) {
            e.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(apply, 200); });
          });
          document.getElementById('p-prev').addEventListener('click', function () { if (page > 0) { page--; render(); } });
          document.getElementById('p-next').addEventListener('click', function () { if (page + 1 < pages()) { page++; render(); } });
          window.addEventListener('hashchange', function () { clear(); if (fromHash()) { apply(); } });
          document.querySelectorAll('.node.svc').forEach(function (n) {
            n.addEventListener('click', function () { expand(n); });
            n.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); expand(n); } });
          });
          // #diagrams?expand=SERVICE&workspace=WS clicks that box (links, and the browser test)
          var h = location.hash, q0 = h.indexOf('?');
          if (h.indexOf('#diagrams') === 0 && q0 >= 0) {
            var ps = new URLSearchParams(h.substring(q0 + 1));
            document.querySelectorAll('.node.svc').forEach(function (n) {
              if (n.getAttribute('data-svc') === ps.get('expand') && n.getAttribute('data-ws') === ps.get('workspace')) {
                n.dispatchEvent(new MouseEvent('click', { bubbles: true }));
                n.closest('figure').scrollIntoView();
              }
            });
          }
        }).catch(function (e) {
          count.textContent = 'The pair list could not be read: ' + e.message;
        });
      })();
      """);
}
