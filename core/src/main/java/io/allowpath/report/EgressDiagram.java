package io.allowpath.report;

import io.allowpath.analysis.access.Outcome;
import io.allowpath.analysis.access.Verdict;
import io.allowpath.analysis.access.Via;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.Egress;
import io.allowpath.analysis.egress.EgressMode;
import io.allowpath.analysis.egress.Hop;
import io.allowpath.analysis.egress.HopKind;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An inline SVG of one workspace's egress paths, in five columns: compute → subnet → egress method
 * (NAT gateway, load balancer, firewall, default outbound access, ...) → public IPs → targets grouped by
 * service, with one edge per (path end, target, verdict) coloured by verdict. Public-IP traffic leaves
 * from the IP box; service-endpoint and private-endpoint traffic from the subnet. Shared resources
 * (a NAT gateway serving both Databricks subnets) are drawn once.
 */
final class EgressDiagram {
  static final Map<Outcome, String> COLORS = Map.of(
      Outcome.ALLOW, "#1a7f37", Outcome.DENY, "#cf222e", Outcome.AMBIGUOUS, "#bf8700", Outcome.UNKNOWN, "#8c959f");

  private static final int[] X = {10, 215, 420, 625, 880};
  private static final int W = 185;
  private static final int TW = 250;
  private static final int H = 40;
  private static final int GAP = 12;
  private static final int TOP = 34;

  private record Node(String key, int col, int row, String kind, String label, String title, String style) {}

  private record Edge(String from, String to, Outcome outcome, boolean path) {}

  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final List<Edge> edges = new ArrayList<>();
  private final Map<String, List<Target>> groups = new TreeMap<>();
  /** The row of the compute whose path is being added; a shared node stays on the row that first used it. */
  private int row;
  private int rows;

  private Node node(String key, int col, String kind, String label, String title, String style) {
    return nodes.computeIfAbsent(key, k -> new Node(k, col, row, kind, label, title, style));
  }

  private void edge(String from, String to, Outcome o, boolean path) {
    Edge e = new Edge(from, to, o, path);
    if (!edges.contains(e)) {
      edges.add(e);
    }
  }

  /** Builds the diagram of the computes (with their internet egress) and their verdicts. */
  static String svg(String id, List<Egress> egress, List<Verdict> verdicts) {
    EgressDiagram d = new EgressDiagram();
    Map<String, String[]> ends = new LinkedHashMap<>();
    for (Egress e : egress) {
      d.row = d.rows++;
      ends.put(e.compute().key(), d.path(e));
    }
    // (path end, target) -> verdicts; then one edge per group when a path end meets the whole group alike
    Map<String, Map<String, java.util.Set<Outcome>>> byEnd = new LinkedHashMap<>();
    for (Verdict v : verdicts) {
      Target t = v.target();
      String tk = "t:" + t.id().key();
      d.groups.computeIfAbsent(serviceLabel(t), k -> new ArrayList<>());
      if (!d.groups.get(serviceLabel(t)).contains(t)) {
        d.groups.get(serviceLabel(t)).add(t);
      }
      d.node(tk, 4, serviceLabel(t), t.id().name(), t.id().value(), "target");
      String[] end = ends.get(v.compute().key());
      if (end == null) {
        continue;
      }
      String from = v.via() == Via.SERVICE_ENDPOINT || v.via() == Via.PRIVATE_ENDPOINT ? end[0]
          : v.via() == Via.PUBLIC_IP && end[2] != null ? end[2] : end[1];
      byEnd.computeIfAbsent(from, k -> new LinkedHashMap<>())
          .computeIfAbsent(tk, k -> new java.util.TreeSet<>()).add(v.outcome());
    }
    for (Map.Entry<String, Map<String, java.util.Set<Outcome>>> end : byEnd.entrySet()) {
      for (Map.Entry<String, List<Target>> g : d.groups.entrySet()) {
        java.util.Set<Outcome> seen = new java.util.TreeSet<>();
        boolean whole = g.getValue().size() > 1;
        for (Target t : g.getValue()) {
          java.util.Set<Outcome> os = end.getValue().get("t:" + t.id().key());
          if (os == null) {
            whole = false;
          } else {
            seen.addAll(os);
          }
        }
        if (whole && seen.size() == 1) {
          d.edge(end.getKey(), "g:" + g.getKey(), seen.iterator().next(), false);
          continue;
        }
        for (Target t : g.getValue()) {
          java.util.Set<Outcome> os = end.getValue().get("t:" + t.id().key());
          if (os != null) {
            os.forEach(o -> d.edge(end.getKey(), "t:" + t.id().key(), o, false));
          }
        }
      }
    }
    return d.render(id);
  }

  private static String serviceLabel(Target t) {
    String type = t.id().type();
    return type == null ? t.service().name() : type.substring(type.indexOf('.') + 1);
  }

  /** Adds the compute's path nodes; returns the keys of its subnet (or compute), egress and IP nodes. */
  private String[] path(Egress e) {
    Compute c = e.compute();
    String ck = "c:" + c.key().toLowerCase(java.util.Locale.ROOT);
    node(ck, 0, kindOf(c), c.label(), c.key(), "compute");
    String sk;
    if (c.subnet() != null) {
      sk = "s:" + c.subnet().key();
      node(sk, 1, "subnet", c.subnet().parent() == null ? c.subnet().name()
          : c.subnet().parent().name() + "/" + c.subnet().name(), c.subnet().value(), "subnet");
    } else {
      sk = "s:none:" + ck;
      node(sk, 1, "subnet", e.mode() == EgressMode.MANAGED_NETWORK ? "managed VNet" : "service-managed", "no subnet "
          + "in the estate for this compute", "subnet");
    }
    edge(ck, sk, null, true);
    ResourceId egressRes = egressResource(e);
    String ek = "e:" + (egressRes != null ? egressRes.key() : e.mode() + ":" + sk);
    String style = switch (e.mode()) {
      case NO_EGRESS -> "bad";
      case DEFAULT_OUTBOUND, UNKNOWN -> "warn";
      default -> e.stable() ? "egress" : "warn";
    };
    node(ek, 2, modeLabel(e.mode()), egressRes != null ? egressRes.name() : modeShort(e.mode()), e.why(), style);
    edge(sk, ek, null, true);
    List<String> ips = new ArrayList<>(e.publicIps().toCidrs());
    e.symbolicIps().forEach(s -> ips.add("<" + s.name() + ">"));
    String ik = null;
    if (!ips.isEmpty() || e.mode() == EgressMode.DEFAULT_OUTBOUND || e.mode() == EgressMode.INSTANCE_PUBLIC_IP) {
      String label = ips.isEmpty() ? "dynamic, not allowlistable"
          : ips.size() <= 2 ? String.join(", ", ips) : ips.get(0) + " (+" + (ips.size() - 1) + " more)";
      ik = "i:" + ek + ":" + String.join(",", ips);
      node(ik, 3, e.stable() ? "public IPs" : "public IPs (unstable)", label, String.join(", ", ips),
          e.stable() ? "ip" : "warn");
      edge(ek, ik, null, true);
    }
    return new String[] {sk, ek, ik};
  }

  private static String kindOf(Compute c) {
    return switch (c.kind()) {
      case AML_CLUSTER -> "AML compute cluster";
      case AML_INSTANCE -> "AML compute instance";
      case AML_SERVERLESS -> "AML serverless";
      case DATABRICKS_HOST -> "Databricks host subnet";
      case DATABRICKS_CONTAINER -> "Databricks container subnet";
    };
  }

  private static ResourceId egressResource(Egress e) {
    if (e.firewall() != null) {
      return e.firewall();
    }
    HopKind want = switch (e.mode()) {
      case NAT_GATEWAY -> HopKind.NAT_GATEWAY;
      case LOAD_BALANCER -> HopKind.LOAD_BALANCER;
      case ON_PREMISES -> HopKind.GATEWAY;
      default -> null;
    };
    if (want == null) {
      return null;
    }
    for (Hop h : e.hops()) {
      if (want == h.kind() && h.resource() != null) {
        return h.resource();
      }
    }
    return null;
  }

  private static String modeLabel(EgressMode m) {
    return switch (m) {
      case NAT_GATEWAY -> "NAT gateway";
      case LOAD_BALANCER -> "outbound load balancer";
      case FIREWALL -> "Azure Firewall";
      case APPLIANCE -> "virtual appliance";
      case INSTANCE_PUBLIC_IP -> "node public IPs";
      case DEFAULT_OUTBOUND -> "default outbound (retiring)";
      case MANAGED_NETWORK -> "AML managed network";
      case ON_PREMISES -> "forced to on-premises";
      case NO_EGRESS -> "no egress";
      default -> "egress " + m.name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static String modeShort(EgressMode m) {
    return switch (m) {
      case INSTANCE_PUBLIC_IP -> "service-managed IP";
      case DEFAULT_OUTBOUND -> "default outbound access";
      case MANAGED_NETWORK -> "no customer-visible IP";
      case NO_EGRESS -> "no way out";
      default -> m.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    };
  }

  // ------------------------------------------------------------------ layout and drawing

  private String render(String id) {
    Map<String, int[]> pos = new LinkedHashMap<>();
    for (Node n : nodes.values()) {
      if (n.col() < 4) {
        pos.put(n.key(), new int[] {X[n.col()], n.row() * (H + GAP)});
      }
    }
    int pathsHeight = rows * (H + GAP);
    int y = 0;
    List<int[]> groupHeaders = new ArrayList<>();
    List<String> groupNames = new ArrayList<>();
    for (Map.Entry<String, List<Target>> g : groups.entrySet()) {
      groupHeaders.add(new int[] {X[4], y});
      groupNames.add(g.getKey());
      pos.put("g:" + g.getKey(), new int[] {X[4] - 4, y});
      y += 18;
      for (Target t : g.getValue()) {
        pos.put("t:" + t.id().key(), new int[] {X[4], y});
        y += 30;
      }
      y += 6;
    }
    int max = Math.max(y, pathsHeight);
    // centre the path rows against the target column
    int off = (max - pathsHeight) / 2;
    for (Node n : nodes.values()) {
      if (n.col() < 4) {
        pos.get(n.key())[1] += off;
      }
    }
    int width = X[4] + TW + 10;
    int height = TOP + max + 10;
    StringBuilder sb = new StringBuilder();
    sb.append("<svg class=\"diagram\" id=\"").append(Html.esc(id)).append("\" xmlns=\"http://www.w3.org/2000/svg\" ")
        .append("viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" width=\"").append(width)
        .append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"egress paths\">\n");
    String[] titles = {"compute", "subnet", "egress", "public IPs", "targets (by service)"};
    for (int i = 0; i < 5; i++) {
      sb.append("<text class=\"col\" x=\"").append(X[i]).append("\" y=\"14\">").append(titles[i]).append("</text>\n");
    }
    for (int i = 0; i < groupHeaders.size(); i++) {
      sb.append("<text class=\"grp\" x=\"").append(groupHeaders.get(i)[0]).append("\" y=\"")
          .append(TOP + groupHeaders.get(i)[1] + 12).append("\">").append(Html.esc(groupNames.get(i))).append("</text>\n");
    }
    // edges first, so boxes sit on top
    Map<String, Integer> fanOut = new LinkedHashMap<>();
    for (Edge e : edges) {
      int[] a = pos.get(e.from());
      int[] b = pos.get(e.to());
      if (a == null || b == null) {
        continue;
      }
      Node from = nodes.get(e.from());
      Node to = nodes.get(e.to());
      int x1 = a[0] + (from.col() == 4 ? TW : W);
      int y1 = TOP + a[1] + H / 2;
      int x2 = b[0];
      int y2 = TOP + b[1] + (to == null ? 8 : to.col() == 4 ? 12 : H / 2);
      if (!e.path()) {
        int k = fanOut.merge(e.from() + "|" + e.to(), 1, Integer::sum) - 1;
        y2 += k * 4;
      }
      int mx = (x1 + x2) / 2;
      String color = e.outcome() == null ? "#57606a" : COLORS.get(e.outcome());
      sb.append("<path class=\"edge").append(e.outcome() == null ? " path" : " v-" + e.outcome().name())
          .append("\" d=\"M").append(x1).append(',').append(y1).append(" C").append(mx).append(',').append(y1)
          .append(' ').append(mx).append(',').append(y2).append(' ').append(x2).append(',').append(y2)
          .append("\" stroke=\"").append(color).append("\" fill=\"none\" stroke-width=\"")
          .append(e.outcome() == null ? "2" : "1.6").append("\"")
          .append(e.outcome() == Outcome.UNKNOWN ? " stroke-dasharray=\"4 3\"" : "").append(">");
      if (e.outcome() != null) {
        String toLabel = to == null ? "every " + e.to().substring(2) : to.label();
        sb.append("<title>").append(Html.esc(from.label() + " → " + toLabel + ": " + e.outcome())).append("</title>");
      }
      sb.append("</path>\n");
    }
    for (Node n : nodes.values()) {
      int[] p = pos.get(n.key());
      boolean target = n.col() == 4;
      int w = target ? TW : W;
      int h = target ? 24 : H;
      sb.append("<g class=\"node ").append(n.style()).append("\"><title>").append(Html.esc(n.title())).append("</title>")
          .append("<rect x=\"").append(p[0]).append("\" y=\"").append(TOP + p[1]).append("\" width=\"").append(w)
          .append("\" height=\"").append(h).append("\" rx=\"6\"/>");
      if (target) {
        sb.append("<text x=\"").append(p[0] + 8).append("\" y=\"").append(TOP + p[1] + 16).append("\">")
            .append(Html.esc(fit(n.label(), 34))).append("</text>");
      } else {
        sb.append("<text class=\"kind\" x=\"").append(p[0] + 8).append("\" y=\"").append(TOP + p[1] + 15).append("\">")
            .append(Html.esc(fit(n.kind(), 30))).append("</text>")
            .append("<text x=\"").append(p[0] + 8).append("\" y=\"").append(TOP + p[1] + 32).append("\">")
            .append(Html.esc(fit(n.label(), 26))).append("</text>");
      }
      sb.append("</g>\n");
    }
    sb.append("</svg>");
    return sb.toString();
  }

  private static String fit(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }
}
