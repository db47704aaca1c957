package io.allowpath.report;

import io.allowpath.emit.terraform.TerraformEmitter;
import io.allowpath.emit.bicep.BicepEmitter;
import io.allowpath.emit.azcli.AzCliEmitter;
import io.allowpath.emit.arm.ArmEmitter;
import io.allowpath.analysis.access.Outcome;
import io.allowpath.analysis.access.Reason;
import io.allowpath.analysis.access.Verdict;
import io.allowpath.analysis.audit.Finding;
import io.allowpath.analysis.audit.Level;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.Egress;
import io.allowpath.analysis.egress.Hop;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Target;
import io.allowpath.plan.Change;
import io.allowpath.plan.Plan;
import io.allowpath.plan.Unresolved;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code allowpath report --html}: one self-contained HTML page (inline CSS and SVG, no network, no
 * external fonts or images) with a summary, an egress diagram per workspace, the pairs with their
 * explanation in {@code <details>}, the audit findings and the plan. Every text is HTML-escaped
 * ({@link Html#esc}). The only script filters the pairs table; everything else works without it.
 */
public final class HtmlReport {
  /** What the page shows: inputs, egress per compute, verdicts, findings and the plan. */
  public record Data(List<String> inputs, List<Compute> computes, List<Target> targets, List<Egress> egress,
      List<Verdict> verdicts, List<Finding> findings, Plan plan) {}

  private HtmlReport() {}

  public static String render(Data d) {
    StringBuilder sb = new StringBuilder(64 * 1024);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; ")
        .append("script-src 'unsafe-inline'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>allowpath report</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    sb.append("<header><h1>allowpath report</h1><p class=\"muted\">Which public IP each Azure ML / Databricks compute ")
        .append("leaves with, and whether each target lets it in. Inputs: ")
        .append(Html.esc(String.join(", ", d.inputs()))).append("</p>\n<nav><a href=\"#summary\">Summary</a> · ")
        .append("<a href=\"#diagrams\">Egress paths</a> · <a href=\"#pairs\">Pairs</a> · <a href=\"#findings\">Findings</a>")
        .append(" · <a href=\"#plan\">Plan</a></nav></header>\n<main>\n");
    summary(sb, d);
    diagrams(sb, d);
    pairs(sb, d);
    findings(sb, d);
    plan(sb, d.plan());
    sb.append("</main>\n<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
    return sb.toString();
  }

  // ------------------------------------------------------------------ summary

  private static void summary(StringBuilder sb, Data d) {
    Map<Outcome, Integer> verdicts = new EnumMap<>(Outcome.class);
    for (Outcome o : Outcome.values()) {
      verdicts.put(o, 0);
    }
    d.verdicts().forEach(v -> verdicts.merge(v.outcome(), 1, Integer::sum));
    Map<Level, Integer> findings = AuditReport.counts(d.findings());
    sb.append("<section id=\"summary\"><h2>Summary</h2>\n<div class=\"cards\">\n");
    card(sb, "computes", String.valueOf(d.computes().size()), "");
    card(sb, "targets", String.valueOf(d.targets().size()), "");
    card(sb, "pairs", String.valueOf(d.verdicts().size()), "");
    for (Outcome o : Outcome.values()) {
      card(sb, o.name(), String.valueOf(verdicts.get(o)), "v-" + o.name());
    }
    for (Level l : Level.values()) {
      card(sb, l.sarif() + " findings", String.valueOf(findings.get(l)), "f-" + l.sarif());
    }
    sb.append("</div>\n<p>Plan: ").append(d.plan().changes().size()).append(" change(s), ")
        .append(d.plan().unresolved().size()).append(" pair(s) no change can fix.</p>\n</section>\n");
  }

  private static void card(StringBuilder sb, String label, String value, String cls) {
    sb.append("<div class=\"card ").append(cls).append("\"><div class=\"n\">").append(Html.esc(value))
        .append("</div><div class=\"l\">").append(Html.esc(label)).append("</div></div>\n");
  }

  // ------------------------------------------------------------------ diagrams

  private static void diagrams(StringBuilder sb, Data d) {
    sb.append("<section id=\"diagrams\"><h2>Egress paths</h2>\n")
        .append("<p class=\"legend\">Edges to targets: <span class=\"sw v-ALLOW\"></span> ALLOW ")
        .append("<span class=\"sw v-DENY\"></span> DENY <span class=\"sw v-AMBIGUOUS\"></span> AMBIGUOUS ")
        .append("<span class=\"sw v-UNKNOWN\"></span> UNKNOWN (dashed). Public-IP traffic leaves from the IP box; ")
        .append("service-endpoint and private-endpoint traffic from the subnet. An edge to a service's heading ")
        .append("stands for every target of that service when they share one verdict. Amber boxes: egress that ")
        .append("changes. Hover a box for its full ARM id, an edge for its pair.</p>\n");
    Map<ResourceId, List<Egress>> byWs = new LinkedHashMap<>();
    for (Egress e : d.egress()) {
      byWs.computeIfAbsent(e.compute().workspace(), k -> new ArrayList<>()).add(e);
    }
    int i = 0;
    for (Map.Entry<ResourceId, List<Egress>> w : byWs.entrySet()) {
      List<Verdict> vs = d.verdicts().stream().filter(v -> v.compute().workspace().equals(w.getKey())).toList();
      sb.append("<figure class=\"ws\"><figcaption><h3>").append(Html.esc(w.getKey().name())).append("</h3> <span class=\"muted\">")
          .append(Html.esc(w.getKey().value())).append("</span></figcaption>\n<div class=\"scroll\">")
          .append(EgressDiagram.svg("diagram-" + i++, w.getValue(), vs)).append("</div>\n");
      matrix(sb, w.getValue(), vs);
      sb.append("</figure>\n");
    }
    if (byWs.isEmpty()) {
      sb.append("<p>No computes in the estate.</p>\n");
    }
    sb.append("</section>\n");
  }

  /** The same verdicts as a grid (computes × targets), for reading exact pairs off the diagram. */
  private static void matrix(StringBuilder sb, List<Egress> egress, List<Verdict> vs) {
    List<Target> targets = new ArrayList<>();
    Map<String, Verdict> cell = new LinkedHashMap<>();
    for (Verdict v : vs) {
      if (!targets.contains(v.target())) {
        targets.add(v.target());
      }
      cell.put(v.compute().key() + "|" + v.target().id().key(), v);
    }
    if (targets.isEmpty()) {
      return;
    }
    sb.append("<details class=\"matrix\" open><summary>Verdicts at a glance</summary><table class=\"grid\"><thead><tr><th></th>");
    for (Target t : targets) {
      sb.append("<th><span title=\"").append(Html.esc(t.id().value())).append("\">").append(Html.esc(t.id().name()))
          .append("</span></th>");
    }
    sb.append("</tr></thead><tbody>\n");
    for (Egress e : egress) {
      Compute c = e.compute();
      sb.append("<tr><th>").append(Html.esc(c.label())).append("</th>");
      for (Target t : targets) {
        Verdict v = cell.get(c.key() + "|" + t.id().key());
        if (v == null) {
          sb.append("<td></td>");
        } else {
          sb.append("<td class=\"c v-").append(v.outcome().name()).append("\" title=\"")
              .append(Html.esc(c.label() + " → " + t.id().name() + ": " + v.outcome() + " via " + v.via()
                  + (v.reasons().isEmpty() ? "" : " (" + v.reasons().get(0).name() + ")")))
              .append("\">").append(v.outcome().name().charAt(0)).append("</td>");
        }
      }
      sb.append("</tr>\n");
    }
    sb.append("</tbody></table></details>\n");
  }

  // ------------------------------------------------------------------ pairs

  private static void pairs(StringBuilder sb, Data d) {
    sb.append("<section id=\"pairs\"><h2>Pairs</h2>\n<div class=\"filters\"><label>Filter <input id=\"filter-text\" ")
        .append("type=\"search\" placeholder=\"compute, target, reason…\"></label> <label>Verdict <select id=\"filter-verdict\">")
        .append("<option value=\"\">all</option>");
    for (Outcome o : Outcome.values()) {
      sb.append("<option>").append(o.name()).append("</option>");
    }
    sb.append("</select></label> <span id=\"filter-count\" class=\"muted\"></span></div>\n")
        .append("<table id=\"pairs-table\"><thead><tr><th>From</th><th>To</th><th>Verdict</th><th>Via</th><th>Reasons</th>")
        .append("<th>Explanation</th></tr></thead>\n<tbody>\n");
    for (Verdict v : d.verdicts()) {
      Compute c = v.compute();
      sb.append("<tr data-verdict=\"").append(v.outcome().name()).append("\"><td>")
          .append(Html.esc(c.workspace().name() + "/" + c.label())).append("</td><td title=\"")
          .append(Html.esc(v.target().id().value())).append("\">").append(Html.esc(v.target().id().name()))
          .append("</td><td><span class=\"badge v-").append(v.outcome().name()).append("\">").append(v.outcome().name())
          .append("</span></td><td>").append(v.via().name()).append("</td><td>");
      for (Reason r : v.reasons()) {
        sb.append("<span class=\"reason\" title=\"").append(Html.esc(r.meaning())).append("\">").append(r.name())
            .append("</span> ");
      }
      sb.append("</td><td><details><summary>").append(v.hops().size()).append(" hop(s)</summary><ol>");
      for (Hop h : v.hops()) {
        sb.append("<li><b>").append(Html.esc(h.kind().name())).append("</b> ").append(Html.esc(h.detail()));
        if (h.resource() != null) {
          sb.append(" <span class=\"muted id\">").append(Html.esc(h.resource().value())).append("</span>");
        }
        sb.append("</li>");
      }
      sb.append("</ol></details></td></tr>\n");
    }
    sb.append("</tbody></table>\n</section>\n");
  }

  // ------------------------------------------------------------------ findings

  private static void findings(StringBuilder sb, Data d) {
    sb.append("<section id=\"findings\"><h2>Findings</h2>\n");
    if (d.findings().isEmpty()) {
      sb.append("<p>No findings.</p></section>\n");
      return;
    }
    sb.append("<table><thead><tr><th>Rule</th><th>Severity</th><th>Resource</th><th>Message</th><th>Fix</th></tr></thead>\n<tbody>\n");
    for (Finding f : d.findings()) {
      sb.append("<tr><td><b>").append(Html.esc(f.ruleId())).append("</b><br><span class=\"muted\">")
          .append(Html.esc(f.rule().ruleName())).append("</span></td><td><span class=\"badge f-")
          .append(f.severity().sarif()).append("\">").append(f.severity().sarif()).append("</span></td><td title=\"")
          .append(Html.esc(f.resource().value())).append("\">").append(Html.esc(f.resource().name())).append("</td><td>")
          .append(Html.esc(f.message())).append("</td><td>").append(Html.esc(f.fix())).append("<br><span class=\"muted\">")
          .append("Source: AZURE-EGRESS.md ").append(Html.esc(f.rule().source())).append("</span></td></tr>\n");
    }
    sb.append("</tbody></table>\n</section>\n");
  }

  // ------------------------------------------------------------------ plan

  private static void plan(StringBuilder sb, Plan plan) {
    sb.append("<section id=\"plan\"><h2>Plan</h2>\n<p class=\"muted\">The smallest changes that make failing pairs ")
        .append("work (egress strategy: NAT gateway).</p>\n");
    if (plan.changes().isEmpty()) {
      sb.append("<p>No change needed.</p>\n");
    } else {
      sb.append("<table><thead><tr><th>#</th><th>Action</th><th>Resource</th><th>Value</th><th>Pairs</th><th>Why</th></tr>")
          .append("</thead>\n<tbody>\n");
      int i = 1;
      for (Change c : plan.changes()) {
        sb.append("<tr><td>").append(i++).append("</td><td>").append(Html.esc(c.action())).append("</td><td title=\"")
            .append(Html.esc(c.resource().value())).append("\">").append(Html.esc(c.resource().name())).append("</td><td>")
            .append(Html.esc(PlanReport.shortIds(c.value()))).append("</td><td><details><summary>")
            .append(c.pairs().size()).append("</summary><ul>");
        c.pairs().forEach(p -> sb.append("<li>").append(Html.esc(p)).append("</li>"));
        sb.append("</ul></details></td><td>").append(Html.esc(c.why())).append("</td></tr>\n");
      }
      sb.append("</tbody></table>\n");
    }
    if (!plan.unresolved().isEmpty()) {
      sb.append("<h3>Pairs no change can fix</h3>\n<table><thead><tr><th>From</th><th>To</th><th>Why</th></tr></thead><tbody>\n");
      for (Unresolved u : plan.unresolved()) {
        sb.append("<tr><td>").append(Html.esc(PlanReport.shortFrom(u.from()))).append("</td><td>")
            .append(Html.esc(u.to().substring(u.to().lastIndexOf('/') + 1))).append("</td><td>").append(Html.esc(u.reason()))
            .append("</td></tr>\n");
      }
      sb.append("</tbody></table>\n");
    }
    planCode(sb, plan);
    sb.append("</section>\n");
  }

  /** The plan as text to copy, one block per format, then the CONTRACT.md plan JSON. */
  private static void planCode(StringBuilder sb, Plan plan) {
    codeBlock(sb, "Azure CLI", "bash", new AzCliEmitter().emit(plan));
    codeBlock(sb, "Bicep", "bicep", new BicepEmitter().emit(plan));
    codeBlock(sb, "ARM template", "json", new ArmEmitter().emit(plan));
    codeBlock(sb, "Terraform", "hcl", new TerraformEmitter().emit(plan));
    codeBlock(sb, "Plan JSON", "json", PlanReport.json(plan));
  }

  /** One copyable block: a title, and the text in {@code <pre><code>} (collapsed, opens without script). */
  static void codeBlock(StringBuilder sb, String title, String language, String text) {
    sb.append("<details class=\"code\"><summary>").append(Html.esc(title)).append("</summary><pre><code class=\"language-")
        .append(Html.esc(language)).append("\">").append(Html.esc(text)).append("</code></pre></details>\n");
  }

  // ------------------------------------------------------------------ assets

  private static final String CSS = """
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
      .filters{margin:8px 0} .filters input{width:280px}
      pre{background:#f6f8fa;border:1px solid #d0d7de;border-radius:6px;padding:10px;overflow:auto;max-height:420px;font-size:12px}
      """;

  private static final String SCRIPT = """
      (function () {
        var text = document.getElementById('filter-text');
        var verdict = document.getElementById('filter-verdict');
        var count = document.getElementById('filter-count');
        var rows = document.querySelectorAll('#pairs-table tbody tr');
        function apply() {
          var q = text.value.toLowerCase();
          var v = verdict.value;
          var shown = 0;
          for (var i = 0; i < rows.length; i++) {
            var r = rows[i];
            var ok = (!v || r.getAttribute('data-verdict') === v) && (!q || r.textContent.toLowerCase().indexOf(q) >= 0);
            r.style.display = ok ? '' : 'none';
            if (ok) { shown++; }
          }
          count.textContent = shown + ' of ' + rows.length + ' pairs';
        }
        text.addEventListener('input', apply);
        verdict.addEventListener('change', apply);
        apply();
      })();
      """;
}
