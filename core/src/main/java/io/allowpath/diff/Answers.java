package io.allowpath.diff;

import io.allowpath.analysis.access.Reason;
import io.allowpath.analysis.access.Verdict;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.Egress;
import io.allowpath.analysis.egress.Hop;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.ResourceId;
import io.allowpath.model.ServiceTags;
import io.allowpath.session.Analysis;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every answer of one estate that a diff compares, as plain data: the verdict of each (compute,
 * target) pair with the resources on its path, and each compute's internet egress.
 *
 * <p>This is the only class of the diff that calls the analysis, through one {@link Analysis} session, so
 * that a change of that API is a change here only.
 */
public final class Answers {
  /** One pair's verdict and the resources its path went through (compute, subnet, hops, target). */
  public record Pair(String compute, String computeLabel, ResourceId workspace, ResourceId target, String outcome,
      List<String> reasons, List<ResourceId> path) {}

  /** One compute's internet egress: mode, addresses (known IPs, then ids of symbolic ones), path. */
  public record EgressAnswer(String compute, String computeLabel, ResourceId workspace, String mode,
      List<String> addresses, List<ResourceId> path) {}

  final Estate estate;
  final Map<String, Pair> pairs = new LinkedHashMap<>();
  final Map<String, EgressAnswer> egress = new LinkedHashMap<>();
  final List<Diagnostic> diagnostics = new ArrayList<>();

  private Answers(Estate estate) {
    this.estate = estate;
  }

  /** Every pair's answer, in order of compute and target. */
  public List<Pair> pairs() {
    return List.copyOf(pairs.values());
  }

  /** Every compute's internet egress, in order of compute. */
  public List<EgressAnswer> egress() {
    return List.copyOf(egress.values());
  }

  static String key(String compute, ResourceId target) {
    return compute.toLowerCase(java.util.Locale.ROOT) + " -> " + target.key();
  }

  /** Resolves and evaluates every pair of an estate, through one analysis session. */
  public static Answers of(Estate estate, ServiceTags tags) {
    Answers a = new Answers(estate);
    Analysis session = Analysis.of(estate, tags);
    List<Compute> computes = session.computes();
    List<Egress> egress = session.egress(computes);
    for (int i = 0; i < computes.size(); i++) {
      Compute c = computes.get(i);
      Egress e = egress.get(i);
      List<String> addrs = new ArrayList<>(e.publicIps().toCidrs());
      e.symbolicIps().forEach(s -> addrs.add(s.value()));
      a.egress.put(c.key().toLowerCase(java.util.Locale.ROOT), new EgressAnswer(c.key(), c.label(), c.workspace(),
          e.mode().name(), addrs, path(c, null, e.hops(), null)));
    }
    // every checked pair (the session leaves out a Databricks cluster and its own workspace, as check does)
    for (Verdict v : session.verdicts(computes, session.targets())) {
      Compute c = v.compute();
      a.pairs.put(key(c.key(), v.target().id()), new Pair(c.key(), c.label(), c.workspace(), v.target().id(),
          v.outcome().name(), v.reasons().stream().map(Reason::name).toList(),
          path(c, v.egress() == null ? List.of() : v.egress().hops(), v.hops(), v.target().id())));
    }
    a.diagnostics.addAll(session.diagnostics(computes));
    return a;
  }

  private static List<ResourceId> path(Compute c, List<Hop> egressHops, List<Hop> hops, ResourceId target) {
    Set<ResourceId> out = new LinkedHashSet<>();
    out.add(c.resource());
    out.add(c.workspace());
    if (c.subnet() != null) {
      out.add(c.subnet());
      if (c.subnet().parent() != null) {
        out.add(c.subnet().parent());
      }
    }
    for (List<Hop> hs : egressHops == null ? List.of(hops) : List.of(egressHops, hops)) {
      for (Hop h : hs) {
        if (h.resource() != null) {
          out.add(h.resource());
        }
      }
    }
    if (target != null) {
      out.add(target);
    }
    out.remove(null);
    return new ArrayList<>(out);
  }
}
