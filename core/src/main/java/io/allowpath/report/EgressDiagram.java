package io.allowpath.report;

import io.allowpath.analysis.access.Outcome;
import io.allowpath.analysis.access.Via;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.Egress;
import io.allowpath.analysis.egress.EgressMode;
import io.allowpath.analysis.egress.Hop;
import io.allowpath.analysis.egress.HopKind;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Target;
import java.util.ArrayList;
import java.util.Comparator;
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

  /** Above this many targets the target column shows one box per service with counts. */
  static final int MAX_TARGETS = 30;

  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Map<Edge, long[]> edges = new LinkedHashMap<>();
  private final Map<String, List<Target>> groups = new TreeMap<>();
  /** Collapsed mode: per service, the targets seen and the pairs per outcome. */
  private final Map<String, Integer> serviceTargets = new TreeMap<>();
  private final Map<String, long[]> servicePairs = new TreeMap<>();
  /** The row of the compute path being added; a shared node stays on the row that first used it. */
  private int row;
  private int rows;

  private Node node(String key, int col, String kind, String label, String title, String style) {
    return nodes.computeIfAbsent(key, k -> new Node(k, col, row, kind, label, title, style));
  }

  private void edge(String from, String to, Outcome o, boolean path, long n) {
    edges.computeIfAbsent(new Edge(from, to, o, path), k -> new long[1])[0] += n;
  }

  /**
   * Builds the diagram of one workspace: {@code egress} are its computes' internet egress,
   * {@code computes} their indexes in {@code pg}, and {@code pairs} the workspace's pairs as
   * (group, member position) index pairs, flat (a collapsed group's member stands for {@link PairGroups#weight} pairs). Computes with the same path (subnet, egress, addresses) share one
   * box; with more than {@link #MAX_TARGETS} targets, targets are drawn as one box per service (a click
   * opens the pair explorer on that service and workspace).
   */
  static String svg(String id, String workspace, List<Egress> egress, int[] computes, PairGroups pg, int[] pairs) {
    EgressDiagram d = new EgressDiagram();
    Map<String, List<Egress>> bySignature = new LinkedHashMap<>();
    for (Egress e : egress) {
      String[] k = keys(e);
      bySignature.computeIfAbsent(k[0] + "|" + k[1] + "|" + k[2], x -> new ArrayList<>()).add(e);
    }
    Map<String, String[]> endsBySignature = new LinkedHashMap<>();
    for (Map.Entry<String, List<Egress>> s : bySignature.entrySet()) {
      d.row = d.rows++;
      endsBySignature.put(s.getKey(), d.path(s.getValue()));
    }
    String[][] ends = new String[pg.computes().size()][];
    for (int i = 0; i < egress.size(); i++) {
      String[] k = keys(egress.get(i));
      if (computes[i] >= 0) {
        ends[computes[i]] = endsBySignature.get(k[0] + "|" + k[1] + "|" + k[2]);
      }
    }
    boolean[] seen = new boolean[pg.targets().size()];
    int distinct = 0;
    Map<String, int[]> svcTargets = new TreeMap<>();
    if (pg.collapsed()) {
      boolean[] seenSvc = new boolean[pg.services().size()];
      for (int i = 0; i < pairs.length; i += 2) {
        seenSvc[pg.service(pairs[i])] = true;
      }
      for (int s = 0; s < seenSvc.length; s++) {
        if (seenSvc[s]) {
          int n = pg.targetsChecked(s, computes);
          svcTargets.put(pg.services().get(s), new int[] {n});
          distinct += n;
        }
      }
    } else {
      for (int i = 0; i < pairs.length; i += 2) {
        int t = pg.targetIndex(pairs[i]);
        if (!seen[t]) {
          seen[t] = true;
          distinct++;
        }
      }
    }
    boolean collapsed = pg.collapsed() || distinct > MAX_TARGETS;
    for (int t = 0; t < seen.length; t++) {
      if (seen[t]) {
        Target target = pg.targets().get(t);
        String svc = pg.services().get(pg.serviceOf(t));
        svcTargets.computeIfAbsent(svc, k -> new int[1])[0]++;
        if (!collapsed) {
          d.groups.computeIfAbsent(svc, k -> new ArrayList<>()).add(target);
        }
      }
    }
    // (path end, target or service, outcome) -> pairs, counted on packed ints in first-seen order; the box
    // keys a pair's edge leaves from are numbered once
    Map<String, Integer> fromIndex = new LinkedHashMap<>();
    int[][] fromOf = new int[ends.length][];
    for (int c = 0; c < ends.length; c++) {
      String[] end = ends[c];
      if (end != null) {
        fromOf[c] = new int[3];
        for (int k = 0; k < 3; k++) {
          String key = end[k] == null ? end[1] : end[k];
          fromOf[c][k] = fromIndex.computeIfAbsent(key, x -> fromIndex.size());
        }
      }
    }
    String[] fromKey = fromIndex.keySet().toArray(new String[0]);
    int outcomes = Outcome.values().length;
    Map<Long, long[]> counts = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      int g = pairs[i];
      int[] from = fromOf[pg.members(g)[pairs[i + 1]]];
      if (from == null) {
        continue;
      }
      Via via = pg.via(g);
      int f = via == Via.SERVICE_ENDPOINT || via == Via.PRIVATE_ENDPOINT ? from[0] : via == Via.PUBLIC_IP ? from[2] : from[1];
      int to = collapsed ? pg.service(g) : pg.targetIndex(g);
      long key = ((long) f * (collapsed ? pg.services().size() : pg.targets().size()) + to) * outcomes + pg.outcome(g).ordinal();
      long w = pg.weight(g, pairs[i + 1]);
      long[] n = counts.get(key);
      if (n == null) {
        counts.put(key, new long[] {w});
      } else {
        n[0] += w;
      }
    }
    Outcome[] os = Outcome.values();
    long width = collapsed ? pg.services().size() : pg.targets().size();
    for (Map.Entry<Long, long[]> c : counts.entrySet()) {
      long key = c.getKey();
      Outcome o = os[(int) (key % outcomes)];
      int to = (int) (key / outcomes % width);
      int f = (int) (key / outcomes / width);
      String toKey = collapsed ? "v:" + pg.services().get(to) : "t:" + pg.targets().get(to).id().key();
      d.edge(fromKey[f], toKey, o, false, c.getValue()[0]);
      if (collapsed) {
        d.servicePairs.computeIfAbsent(pg.services().get(to), k -> new long[outcomes])[o.ordinal()] += c.getValue()[0];
      }
    }
    if (collapsed) {
      for (Map.Entry<String, int[]> s : svcTargets.entrySet()) {
        d.serviceTargets.put(s.getKey(), s.getValue()[0]);
        long[] p = d.servicePairs.getOrDefault(s.getKey(), new long[Outcome.values().length]);
        StringBuilder title = new StringBuilder(s.getKey() + ": " + s.getValue()[0] + " targets;");
        for (Outcome o : Outcome.values()) {
          if (p[o.ordinal()] > 0) {
            title.append(' ').append(o).append(' ').append(p[o.ordinal()]);
          }
        }
        title.append(pg.collapsed() ? " pairs. Click for its pairs per verdict in this workspace."
            : " pairs. Click to expand it into its targets.");
        d.nodes.put("v:" + s.getKey(), new Node("v:" + s.getKey(), 4, 0, s.getKey(), s.getKey().substring(s.getKey().indexOf('/') + 1) + " — "
            + s.getValue()[0] + " targets", title.toString(), "target svc"));
      }
    } else {
      d.groups.values().forEach(ts -> ts.sort(Comparator.comparing(t -> t.id().key())));
      for (List<Target> ts : d.groups.values()) {
        for (Target t : ts) {
          d.node("t:" + t.id().key(), 4, serviceLabel(t), t.id().name(), t.id().value(), "target");
        }
      }
      d.mergeWholeGroups();
    }
    return d.render(id, workspace, collapsed);
  }

  /** An edge to a service's heading stands for every target of the service when a path end meets all alike. */
  private void mergeWholeGroups() {
    Map<String, Map<String, java.util.Set<Outcome>>> byEnd = new LinkedHashMap<>();
    for (Edge e : edges.keySet()) {
      if (!e.path()) {
        byEnd.computeIfAbsent(e.from(), k -> new LinkedHashMap<>())
            .computeIfAbsent(e.to(), k -> new java.util.TreeSet<>()).add(e.outcome());
      }
    }
    for (Map.Entry<String, Map<String, java.util.Set<Outcome>>> end : byEnd.entrySet()) {
      for (Map.Entry<String, List<Target>> g : groups.entrySet()) {
        if (g.getValue().size() < 2) {
          continue;
        }
        java.util.Set<Outcome> all = new java.util.TreeSet<>();
        boolean whole = true;
        for (Target t : g.getValue()) {
          java.util.Set<Outcome> os = end.getValue().get("t:" + t.id().key());
          if (os == null) {
            whole = false;
            break;
          }
          all.addAll(os);
        }
        if (!whole || all.size() != 1) {
          continue;
        }
        long n = 0;
        for (Target t : g.getValue()) {
          long[] c = edges.remove(new Edge(end.getKey(), "t:" + t.id().key(), all.iterator().next(), false));
          n += c == null ? 0 : c[0];
        }
        edge(end.getKey(), "g:" + g.getKey(), all.iterator().next(), false, n);
      }
    }
  }

  static String serviceLabel(Target t) {
    String type = t.id().type();
    return type == null ? t.service().name() : type.substring(type.indexOf('.') + 1);
  }

  /** The keys of the compute's subnet, egress and IP boxes (the IP key null when it has none). */
  private static String[] keys(Egress e) {
    Compute c = e.compute();
    String sk = c.subnet() != null ? "s:" + c.subnet().key() : "s:none:" + e.mode();
    ResourceId egressRes = egressResource(e);
    String ek = "e:" + (egressRes != null ? egressRes.key() : e.mode() + ":" + sk);
    List<String> ips = ips(e);
    String ik = !ips.isEmpty() || e.mode() == EgressMode.DEFAULT_OUTBOUND || e.mode() == EgressMode.INSTANCE_PUBLIC_IP
        ? "i:" + ek + ":" + String.join(",", ips) : null;
    return new String[] {sk, ek, ik};
  }

  private static List<String> ips(Egress e) {
    List<String> ips = new ArrayList<>(e.publicIps().toCidrs());
    e.symbolicIps().forEach(s -> ips.add("<" + s.name() + ">"));
    return ips;
  }

  /** Adds the path nodes of computes sharing one path; returns the keys of its subnet, egress and IP boxes. */
  private String[] path(List<Egress> sharing) {
    Egress e = sharing.get(0);
    Compute c = e.compute();
    String[] k = keys(e);
    String ck = "c:" + k[0] + "|" + k[1] + "|" + k[2];
    if (sharing.size() == 1) {
      node(ck, 0, kindOf(c), c.label(), c.key(), "compute");
    } else {
      List<String> names = sharing.stream().map(x -> x.compute().label()).toList();
      String title = sharing.size() + " computes on this path: " + String.join(", ", names.size() <= 40 ? names
          : names.subList(0, 40)) + (names.size() <= 40 ? "" : " (+" + (names.size() - 40) + " more)");
      node(ck, 0, "computes sharing this path", sharing.size() + " computes", title, "compute");
    }
    String sk = k[0];
    if (c.subnet() != null) {
      node(sk, 1, "subnet", c.subnet().parent() == null ? c.subnet().name()
          : c.subnet().parent().name() + "/" + c.subnet().name(), c.subnet().value(), "subnet");
    } else {
      node(sk, 1, "subnet", e.mode() == EgressMode.MANAGED_NETWORK ? "managed VNet" : "service-managed", "no subnet "
          + "in the estate for this compute", "subnet");
    }
    edge(ck, sk, null, true, 1);
    ResourceId egressRes = egressResource(e);
    String ek = k[1];
    String style = switch (e.mode()) {
      case NO_EGRESS -> "bad";
      case DEFAULT_OUTBOUND, UNKNOWN -> "warn";
      default -> e.stable() ? "egress" : "warn";
    };
    node(ek, 2, modeLabel(e.mode()), egressRes != null ? egressRes.name() : modeShort(e.mode()), e.why(), style);
    edge(sk, ek, null, true, 1);
    List<String> ips = ips(e);
    String ik = k[2];
    if (ik != null) {
      String label = ips.isEmpty() ? "dynamic, not allowlistable"
          : ips.size() <= 2 ? String.join(", ", ips) : ips.get(0) + " (+" + (ips.size() - 1) + " more)";
      node(ik, 3, e.stable() ? "public IPs" : "public IPs (unstable)", label, String.join(", ", ips),
          e.stable() ? "ip" : "warn");
      edge(ek, ik, null, true, 1);
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

  static String modeLabel(EgressMode m) {
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

  private String render(String id, String workspace, boolean collapsed) {
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
    if (collapsed) {
      for (String svc : serviceTargets.keySet()) {
        pos.put("v:" + svc, new int[] {X[4], y});
        y += 30;
      }
    } else {
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
    String[] titles = {"compute", "subnet", "egress", "public IPs", collapsed ? "targets (by service, click to expand)"
        : "targets (by service)"};
    for (int i = 0; i < 5; i++) {
      sb.append("<text class=\"col\" x=\"").append(X[i]).append("\" y=\"14\">").append(titles[i]).append("</text>\n");
    }
    for (int i = 0; i < groupHeaders.size(); i++) {
      sb.append("<text class=\"grp\" x=\"").append(groupHeaders.get(i)[0]).append("\" y=\"")
          .append(TOP + groupHeaders.get(i)[1] + 12).append("\">").append(Html.esc(groupNames.get(i))).append("</text>\n");
    }
    // edges first, so boxes sit on top
    Map<String, Integer> fanOut = new LinkedHashMap<>();
    for (Map.Entry<Edge, long[]> en : edges.entrySet()) {
      Edge e = en.getKey();
      long count = en.getValue()[0];
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
      String stroke = e.outcome() == null ? "2" : collapsed
          ? String.format(java.util.Locale.ROOT, "%.1f", Math.min(6, 1.2 + Math.log10(count))) : "1.6";
      sb.append("<path class=\"edge").append(e.outcome() == null ? " path" : " v-" + e.outcome().name())
          .append("\" d=\"M").append(x1).append(',').append(y1).append(" C").append(mx).append(',').append(y1)
          .append(' ').append(mx).append(',').append(y2).append(' ').append(x2).append(',').append(y2)
          .append("\" stroke=\"").append(color).append("\" fill=\"none\" stroke-width=\"").append(stroke).append("\"")
          .append(e.outcome() == Outcome.UNKNOWN ? " stroke-dasharray=\"4 3\"" : "").append(">");
      if (e.outcome() != null) {
        String toLabel = to == null ? "every " + e.to().substring(2) : to.label();
        sb.append("<title>").append(Html.esc(from.label() + " → " + toLabel + ": " + e.outcome()
            + (collapsed || count > 1 ? " (" + count + " pairs)" : ""))).append("</title>");
      }
      sb.append("</path>\n");
    }
    for (Node n : nodes.values()) {
      int[] p = pos.get(n.key());
      boolean target = n.col() == 4;
      int w = target ? TW : W;
      int h = target ? 24 : H;
      sb.append("<g class=\"node ").append(n.style()).append('"');
      if (n.key().startsWith("v:")) {
        sb.append(" data-ws=\"").append(Html.esc(workspace)).append("\" data-svc=\"").append(Html.esc(n.kind()))
            .append("\" tabindex=\"0\" role=\"button\" aria-expanded=\"false\"");
      }
      sb.append("><title>").append(Html.esc(n.title())).append("</title>")
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
