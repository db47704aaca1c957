package io.allowpath.report;

import io.allowpath.analysis.access.AccessEvaluator;
import io.allowpath.analysis.access.Matrix;
import io.allowpath.analysis.access.Outcome;
import io.allowpath.analysis.access.Reason;
import io.allowpath.analysis.access.Verdict;
import io.allowpath.analysis.access.Via;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.Egress;
import io.allowpath.analysis.egress.EgressMode;
import io.allowpath.model.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The verdict matrix grouped for reading: one group per (egress situation, target, verdict, reasons, via) with
 * the computes behind it, built from {@link Matrix#visit} (one decision per distinct situation and
 * target, no {@link Verdict} per pair), so the report's size follows the number of distinct answers,
 * not the number of pairs. The egress situation shown is the compute's internet egress (method,
 * resource, public addresses); computes in one group share it. {@link #via} is how the traffic arrives,
 * read from the reasons (private endpoints) and the compute's situation towards the target (a service
 * endpoint on its subnet), as {@code AccessEvaluator.decide} does.
 */
public final class PairGroups {
  private final List<Compute> computes;
  private final List<Target> targets;
  private final List<String> situations = new ArrayList<>();
  private final int[] computeSituation;
  private final List<List<Reason>> reasonSets = new ArrayList<>();
  private final List<int[]> computeSets = new ArrayList<>();
  /** Per group: situation, target, outcome ordinal, reason set, compute set, via ordinal. */
  private final int[] sit;
  private final int[] target;
  private final int[] outcome;
  private final int[] rset;
  private final int[] cset;
  private final int[] via;
  private final long[] outcomeCounts = new long[Outcome.values().length];

  private record RawGroup(int[] members, int target, Outcome outcome, List<Reason> reasons, int[] via) {}

  private record Key(int sit, int target, int outcome, int rset, int via) {}

  private record Ints(int[] v) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Ints i && Arrays.equals(v, i.v);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(v);
    }
  }

  private PairGroups(AccessEvaluator ev, List<Compute> computes, List<Target> targets) {
    this.computes = List.copyOf(computes);
    this.targets = List.copyOf(targets);
    Map<Compute, Integer> cIndex = new IdentityHashMap<>();
    for (int i = 0; i < computes.size(); i++) {
      cIndex.put(computes.get(i), i);
    }
    Map<Target, Integer> tIndex = new IdentityHashMap<>();
    for (int i = 0; i < targets.size(); i++) {
      tIndex.put(targets.get(i), i);
    }
    Map<String, Integer> sitIndex = new HashMap<>();
    computeSituation = new int[computes.size()];
    for (int i = 0; i < computes.size(); i++) {
      String label = situationLabel(ev.resolver().resolve(computes.get(i)));
      computeSituation[i] = sitIndex.computeIfAbsent(label, k -> {
        situations.add(k);
        return situations.size() - 1;
      });
    }
    List<RawGroup> raw = new ArrayList<>();
    Matrix.visit(ev, computes, targets, (cs, t, o, rs) -> {
      int[] m = new int[cs.size()];
      for (int i = 0; i < m.length; i++) {
        m[i] = cIndex.get(cs.get(i));
      }
      raw.add(new RawGroup(m, tIndex.get(t), o, rs, new int[1]));
    });
    // how the traffic arrives is the same for every compute of one answer (they share the decision's inputs)
    raw.parallelStream().forEach(g -> g.via()[0] = viaOf(ev, computes.get(g.members()[0]), targets.get(g.target()),
        g.reasons()).ordinal());
    // split each answer by the members' situation labels and merge equal (situation, target, verdict, reasons)
    Map<List<Reason>, Integer> rIndex = new HashMap<>();
    Map<Key, List<Integer>> merged = new HashMap<>();
    for (RawGroup g : raw) {
      int r = rIndex.computeIfAbsent(g.reasons(), k -> {
        reasonSets.add(List.copyOf(k));
        return reasonSets.size() - 1;
      });
      for (int m : g.members()) {
        merged.computeIfAbsent(new Key(computeSituation[m], g.target(), g.outcome().ordinal(), r, g.via()[0]),
            k -> new ArrayList<>()).add(m);
      }
      outcomeCounts[g.outcome().ordinal()] += g.members().length;
    }
    raw.clear();
    List<Key> keys = new ArrayList<>(merged.keySet());
    keys.sort(Comparator.comparingInt(Key::target).thenComparingInt(Key::outcome).thenComparingInt(Key::sit)
        .thenComparingInt(Key::rset).thenComparingInt(Key::via));
    int n = keys.size();
    sit = new int[n];
    target = new int[n];
    outcome = new int[n];
    rset = new int[n];
    cset = new int[n];
    via = new int[n];
    Map<Ints, Integer> setIndex = new HashMap<>();
    for (int g = 0; g < n; g++) {
      Key k = keys.get(g);
      int[] members = merged.get(k).stream().mapToInt(Integer::intValue).sorted().toArray();
      sit[g] = k.sit();
      target[g] = k.target();
      outcome[g] = k.outcome();
      rset[g] = k.rset();
      via[g] = k.via();
      cset[g] = setIndex.computeIfAbsent(new Ints(members), x -> {
        computeSets.add(x.v());
        return computeSets.size() - 1;
      });
    }
  }

  /** Groups the answers of every checked pair of {@code computes} × {@code targets}. */
  public static PairGroups of(AccessEvaluator ev, List<Compute> computes, List<Target> targets) {
    return new PairGroups(ev, computes, targets);
  }

  private static Via viaOf(AccessEvaluator ev, Compute c, Target t, List<Reason> reasons) {
    if (reasons.contains(Reason.VIA_PRIVATE_ENDPOINT)) {
      return Via.PRIVATE_ENDPOINT;
    }
    if (reasons.contains(Reason.VIA_MANAGED_PRIVATE_ENDPOINT)) {
      return Via.MANAGED_PRIVATE_ENDPOINT;
    }
    if (reasons.contains(Reason.NO_EGRESS) || reasons.contains(Reason.EGRESS_UNKNOWN)
        || reasons.contains(Reason.MANAGED_NETWORK_NOT_APPROVED)) {
      return Via.NONE;
    }
    AccessEvaluator.Situation s = ev.situation(c, AccessEvaluator.destinationOf(t));
    if (s.managed() == null && s.egress() != null && s.egress().mode() == EgressMode.SERVICE_ENDPOINT) {
      return Via.SERVICE_ENDPOINT;
    }
    return Via.PUBLIC_IP;
  }

  /** The compute's internet egress in words: method, resource and public addresses. */
  static String situationLabel(Egress e) {
    StringBuilder b = new StringBuilder(EgressDiagram.modeLabel(e.mode()));
    if (e.firewall() != null) {
      b.append(' ').append(e.firewall().name());
    }
    List<String> ips = new ArrayList<>(e.publicIps().toCidrs());
    e.symbolicIps().forEach(s -> ips.add("<" + s.name() + ">"));
    if (!ips.isEmpty()) {
      b.append(" · ").append(ips.size() <= 3 ? String.join(", ", ips)
          : String.join(", ", ips.subList(0, 3)) + " (+" + (ips.size() - 3) + " more)");
    }
    if (!e.stable() && e.mode() != EgressMode.NO_EGRESS) {
      b.append(" · unstable");
    }
    return b.toString();
  }

  // ------------------------------------------------------------------ reading

  public List<Compute> computes() {
    return computes;
  }

  public List<Target> targets() {
    return targets;
  }

  public int size() {
    return sit.length;
  }

  public long pairs() {
    long n = 0;
    for (long c : outcomeCounts) {
      n += c;
    }
    return n;
  }

  public long count(Outcome o) {
    return outcomeCounts[o.ordinal()];
  }

  public List<String> situations() {
    return Collections.unmodifiableList(situations);
  }

  /** The situation index of compute {@code i} (an index into {@link #computes}). */
  public int situationOf(int compute) {
    return computeSituation[compute];
  }

  public List<List<Reason>> reasonSets() {
    return Collections.unmodifiableList(reasonSets);
  }

  public List<int[]> computeSets() {
    return Collections.unmodifiableList(computeSets);
  }

  public int situation(int g) {
    return sit[g];
  }

  public Target target(int g) {
    return targets.get(target[g]);
  }

  public int targetIndex(int g) {
    return target[g];
  }

  public Outcome outcome(int g) {
    return Outcome.values()[outcome[g]];
  }

  public List<Reason> reasons(int g) {
    return reasonSets.get(rset[g]);
  }

  public int reasonSet(int g) {
    return rset[g];
  }

  /** The indexes (into {@link #computes}) of the group's computes. */
  public int[] members(int g) {
    return computeSets.get(cset[g]);
  }

  public int computeSet(int g) {
    return cset[g];
  }

  public Via via(int g) {
    return Via.values()[via[g]];
  }

  /**
   * The explained verdicts of the pairs whose reasons include one of {@code wanted} (what the audit's
   * verdict rules read), evaluated pair by pair in parallel; every other pair stays unbuilt.
   */
  public List<Verdict> verdictsWithAny(AccessEvaluator ev, Set<Reason> wanted) {
    List<int[]> pairs = new ArrayList<>();
    for (int g = 0; g < size(); g++) {
      if (reasons(g).stream().anyMatch(wanted::contains)) {
        for (int m : members(g)) {
          pairs.add(new int[] {m, target[g]});
        }
      }
    }
    pairs.sort(Comparator.<int[]>comparingInt(p -> p[0]).thenComparingInt(p -> p[1]));
    return pairs.parallelStream().map(p -> ev.evaluate(computes.get(p[0]), targets.get(p[1]))).toList();
  }
}
