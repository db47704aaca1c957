package io.allowpath.report;

import io.allowpath.analysis.access.AccessEvaluator;
import io.allowpath.analysis.access.Matrix;
import io.allowpath.analysis.access.Outcome;
import io.allowpath.analysis.access.Reason;
import io.allowpath.analysis.access.Verdict;
import io.allowpath.analysis.access.Via;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.Destination;
import io.allowpath.analysis.egress.Egress;
import io.allowpath.analysis.egress.EgressMode;
import io.allowpath.model.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

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

  private static final Outcome[] OUTCOMES = Outcome.values();
  private static final Via[] VIAS = Via.values();
  /** Per target: its service label's index into {@link #services}. */
  private final int[] targetService;
  private final List<String> services = new ArrayList<>();
  private final List<String> servicesView = Collections.unmodifiableList(services);

  /** One answer of the matrix: computes (indexes), outcome and reason set; via filled in afterwards. */
  private record RawGroup(int[] members, int outcome, int rset, int[] via) {}

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

  private PairGroups(AccessEvaluator ev, List<Compute> computes, List<Target> targets, IntConsumer targetsDone) {
    this.computes = List.copyOf(computes);
    this.targets = List.copyOf(targets);
    Map<String, Integer> svcIndex = new HashMap<>();
    targetService = new int[targets.size()];
    for (int i = 0; i < targets.size(); i++) {
      targetService[i] = svcIndex.computeIfAbsent(EgressDiagram.serviceLabel(targets.get(i)), k -> {
        services.add(k);
        return services.size() - 1;
      });
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
    // the matrix's answers, per target (the sink is called one at a time)
    List<List<RawGroup>> byTarget = new ArrayList<>(Collections.nCopies(targets.size(), null));
    Map<List<Reason>, Integer> rIndex = new HashMap<>();
    Matrix.visitIndexed(ev, computes, targets, (cs, t, o, rs) -> {
      int r = rIndex.computeIfAbsent(rs, k -> {
        reasonSets.add(List.copyOf(k));
        return reasonSets.size() - 1;
      });
      if (byTarget.get(t) == null) {
        byTarget.set(t, new ArrayList<>(4));
      }
      byTarget.get(t).add(new RawGroup(cs, o.ordinal(), r, new int[1]));
      outcomeCounts[o.ordinal()] += cs.length;
    }, targetsDone);
    // reason sets numbered in a fixed order (the sink is called in whatever order the targets finish)
    List<List<Reason>> sortedSets = new ArrayList<>(reasonSets);
    sortedSets.sort((a, b) -> {
      for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
        int c = a.get(i).compareTo(b.get(i));
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(a.size(), b.size());
    });
    int[] renumber = new int[reasonSets.size()];
    for (int i = 0; i < sortedSets.size(); i++) {
      renumber[rIndex.get(sortedSets.get(i))] = i;
    }
    reasonSets.clear();
    reasonSets.addAll(sortedSets);
    // per target, in parallel: how the traffic arrives (the same for every compute of one answer: they share
    // the decision's inputs), then each answer split by its members' situation labels and equal
    // (situation, verdict, reasons, via) merged; a packed long per group sorts by (verdict, situation, reasons, via)
    long[][] keysOf = new long[targets.size()][];
    int[][][] membersOf = new int[targets.size()][][];
    Map<Destination, byte[]> serviceEndpoint = new ConcurrentHashMap<>();
    IntStream.range(0, targets.size()).parallel().forEach(t -> {
      List<RawGroup> raw = byTarget.get(t);
      if (raw == null) {
        keysOf[t] = new long[0];
        membersOf[t] = new int[0][];
        return;
      }
      Map<Long, int[]> merged = new HashMap<>();
      Destination d = AccessEvaluator.destinationOf(targets.get(t));
      byte[] se = serviceEndpoint.computeIfAbsent(new Destination(d.serviceTag(), d.region(), d.endpointService(), null),
          k -> new byte[computes.size()]);
      for (RawGroup g : raw) {
        int r = renumber[g.rset()];
        int v = viaOf(ev, g.members()[0], se, computes, targets.get(t), reasonSets.get(r)).ordinal();
        for (int m : g.members()) {
          long key = ((long) g.outcome() << 60) | ((long) computeSituation[m] << 36) | ((long) r << 8) | v;
          int[] list = merged.get(key);
          if (list == null) {
            list = new int[5];
            merged.put(key, list);
          } else if (list[0] + 1 == list.length) {
            list = Arrays.copyOf(list, list.length * 2);
            merged.put(key, list);
          }
          list[++list[0]] = m;
        }
      }
      long[] keys = new long[merged.size()];
      int i = 0;
      for (long k : merged.keySet()) {
        keys[i++] = k;
      }
      Arrays.sort(keys);
      int[][] members = new int[keys.length][];
      for (int j = 0; j < keys.length; j++) {
        int[] list = merged.get(keys[j]);
        members[j] = Arrays.copyOfRange(list, 1, list[0] + 1);
        Arrays.sort(members[j]);
      }
      keysOf[t] = keys;
      membersOf[t] = members;
    });
    int n = 0;
    for (long[] k : keysOf) {
      n += k.length;
    }
    sit = new int[n];
    target = new int[n];
    outcome = new int[n];
    rset = new int[n];
    cset = new int[n];
    via = new int[n];
    Map<Ints, Integer> setIndex = new HashMap<>();
    int g = 0;
    for (int t = 0; t < targets.size(); t++) {
      for (int j = 0; j < keysOf[t].length; j++, g++) {
        long k = keysOf[t][j];
        outcome[g] = (int) (k >>> 60);
        sit[g] = (int) ((k >>> 36) & 0xFFFFFF);
        rset[g] = (int) ((k >>> 8) & 0xFFFFFFF);
        via[g] = (int) (k & 0xFF);
        target[g] = t;
        cset[g] = setIndex.computeIfAbsent(new Ints(membersOf[t][j]), x -> {
          computeSets.add(x.v());
          return computeSets.size() - 1;
        });
      }
      keysOf[t] = null;
      membersOf[t] = null;
    }
  }

  /** Groups the answers of every checked pair of {@code computes} × {@code targets}. */
  public static PairGroups of(AccessEvaluator ev, List<Compute> computes, List<Target> targets) {
    return new PairGroups(ev, computes, targets, n -> { });
  }

  /** As {@link #of(AccessEvaluator, List, List)}, telling {@code targetsDone} each target the matrix finishes. */
  public static PairGroups of(AccessEvaluator ev, List<Compute> computes, List<Target> targets,
      IntConsumer targetsDone) {
    return new PairGroups(ev, computes, targets, targetsDone);
  }

  /**
   * How compute {@code c}'s traffic reaches the target; {@code se} caches, per compute, whether its situation
   * towards the target's destination class (as the matrix computes it, without the target's host name) is a
   * service endpoint (1) or not (2); 0 is not yet known. Concurrent writers write the same value.
   */
  private static Via viaOf(AccessEvaluator ev, int c, byte[] se, List<Compute> computes, Target t, List<Reason> reasons) {
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
    if (se[c] == 0) {
      Destination d = AccessEvaluator.destinationOf(t);
      AccessEvaluator.Situation s = ev.situation(computes.get(c), new Destination(d.serviceTag(), d.region(),
          d.endpointService(), null));
      se[c] = s.managed() == null && s.egress() != null && s.egress().mode() == EgressMode.SERVICE_ENDPOINT ? (byte) 1 : 2;
    }
    return se[c] == 1 ? Via.SERVICE_ENDPOINT : Via.PUBLIC_IP;
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

  /** The service labels of the targets (e.g. {@code Microsoft.Storage/storageAccounts}), each once. */
  public List<String> services() {
    return servicesView;
  }

  /** The index into {@link #services} of target {@code t}'s service. */
  public int serviceOf(int t) {
    return targetService[t];
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
    return OUTCOMES[outcome[g]];
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
    return VIAS[via[g]];
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
