package io.allowpath.report;

import io.allowpath.analysis.access.AccessEvaluator;
import io.allowpath.analysis.access.Matrix;
import io.allowpath.analysis.access.Outcome;
import io.allowpath.analysis.access.Reason;
import io.allowpath.analysis.access.Verdict;
import io.allowpath.analysis.access.Via;
import io.allowpath.analysis.audit.Auditor;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.Destination;
import io.allowpath.analysis.egress.Egress;
import io.allowpath.analysis.egress.EgressMode;
import io.allowpath.model.Service;
import io.allowpath.model.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * The verdict matrix grouped for reading: one group per (egress situation, target, verdict, reasons, via) with
 * the computes behind it, built from {@link Matrix#visitIndexed} (one decision per distinct situation and
 * target, no {@link Verdict} per pair), so the report's size follows the number of distinct answers,
 * not the number of pairs. The egress situation shown is the compute's internet egress (method,
 * resource, public addresses); computes in one group share it. {@link #via} is how the traffic arrives,
 * read from the reasons (private endpoints) and the compute's situation towards the target (a service
 * endpoint on its subnet), as {@code AccessEvaluator.decide} does.
 *
 * <p>The matrix's answers are folded target by target as they arrive (never all held at once). Above
 * {@code limit} distinct answers (2,000 computes × 50,000 targets give ≈ 17 million) the groups are
 * <em>collapsed</em>: one per (situation, <b>service</b>, verdict, reasons, via), with the number of targets
 * and pairs behind it and, per compute, its number of pairs ({@link #weight}); {@link #answers} still
 * counts the distinct answers. Outcome counts, the answers by (verdict, reasons) ({@link #rows}) and the
 * answers the audit's verdict rules read ({@link #audited}) are exact in both forms.
 */
public final class PairGroups {
  /** Above this many distinct answers the groups are collapsed by service. */
  public static final int MAX_ANSWERS = 1_000_000;

  private final List<Compute> computes;
  private final List<Target> targets;
  private final List<String> situations = new ArrayList<>();
  private final int[] computeSituation;
  /** Per situation, its computes (ascending); per compute, its position in its situation's list. */
  private final int[][] situationMembers;
  private final int[] positionInSituation;
  private final List<List<Reason>> reasonSets = new ArrayList<>();
  private final List<int[]> computeSets = new ArrayList<>();
  /** Per group: situation, target (collapsed: service), outcome ordinal, reason set, compute set, via ordinal. */
  private int[] sit;
  private int[] to;
  private int[] outcome;
  private int[] rset;
  private int[] cset;
  private int[] via;
  /** Collapsed only: per group, pairs per member (parallel to its compute set), targets and pairs. */
  private int[][] weights;
  private int[] groupTargets;
  private long[] groupPairs;
  private volatile boolean collapsed;
  private long answers;
  private final long[] outcomeCounts = new long[Outcome.values().length];
  private final List<Auditor.SharedAnswer> audited = new ArrayList<>();
  private final List<Row> rows = new ArrayList<>();

  private static final Outcome[] OUTCOMES = Outcome.values();
  private static final Via[] VIAS = Via.values();
  /** Per target: its service label's index into {@link #services}. */
  private final int[] targetService;
  private final int[] serviceTargets;
  /** Per service, its targets (built when first needed). */
  private int[][] byService;
  private final List<String> services = new ArrayList<>();
  private final List<String> servicesView = Collections.unmodifiableList(services);

  /**
   * The pairs with one verdict and one list of reasons: how many, over how many targets and computes, in
   * how many distinct answers.
   */
  public record Row(Outcome outcome, List<Reason> reasons, long pairs, int targets, int computes, long answers) {}

  /**
   * Packed keys spread for hashing (an odd multiplier is a bijection): {@code Long.hashCode} folds the high half onto
   * the low one, where the packed fields collide, and HashMap bins would turn into trees.
   */
  private static long spread(long key) {
    return key * 0x9E3779B97F4A7C15L;
  }

  /** A growable list of compute indexes, under its (unspread) key. */
  private static final class IntBuf {
    final long key;
    int[] a = new int[4];
    int n;

    IntBuf(long key) {
      this.key = key;
    }

    void add(int v) {
      if (n == a.length) {
        a = Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }
  }

  /** Collapsed: one (situation, service, verdict, reasons, via) group being folded. */
  private static final class Acc {
    final long key;
    final int[] perMember;
    int targets;
    long pairs;
    /** The last target counted in {@link #targets}. */
    int lastTarget = -1;

    Acc(long key, int size) {
      this.key = key;
      perMember = new int[size];
    }
  }

  /** A (verdict, reason set) row being folded. */
  private static final class RowAcc {
    final BitSet targets = new BitSet();
    final BitSet computes = new BitSet();
    long pairs;
    long answers;
  }

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

  /** One target's answers from one worker thread, handed on when the thread reaches its next target. */
  private static final class Batch {
    int target = -1;
    final List<int[]> members = new ArrayList<>();
    final List<Outcome> outcomes = new ArrayList<>();
    final List<List<Reason>> reasons = new ArrayList<>();
  }

  // fold state, dropped when the groups are built
  private final AccessEvaluator ev;
  private final int limit;
  private Map<List<Reason>, Integer> rIndex = new ConcurrentHashMap<>();
  private List<List<Reason>> rawSets = new ArrayList<>();
  private Map<Destination, byte[]> serviceEndpoint = new ConcurrentHashMap<>();
  private long[][] keysOf;
  private int[][][] membersOf;
  private Map<Long, Acc> accs = new HashMap<>();
  private Map<Long, RowAcc> rowAccs = new HashMap<>();

  private PairGroups(AccessEvaluator ev, List<Compute> computes, List<Target> targets, IntConsumer targetsDone, int limit) {
    this.ev = ev;
    this.limit = limit;
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
    serviceTargets = new int[services.size()];
    for (int s : targetService) {
      serviceTargets[s]++;
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
    int[] sizes = new int[situations.size()];
    positionInSituation = new int[computes.size()];
    for (int i = 0; i < computes.size(); i++) {
      positionInSituation[i] = sizes[computeSituation[i]]++;
    }
    situationMembers = new int[situations.size()][];
    for (int s = 0; s < sizes.length; s++) {
      situationMembers[s] = new int[sizes[s]];
    }
    for (int i = 0; i < computes.size(); i++) {
      situationMembers[computeSituation[i]][positionInSituation[i]] = i;
    }
    keysOf = new long[targets.size()][];
    membersOf = new int[targets.size()][][];
    // the matrix's answers, one target at a time: each worker thread gathers its current target's answers
    // (a target's answers all come from one thread, one after the other) and folds them when it reaches its
    // next target, in parallel up to the shared counts; the last target of each thread is folded after the
    // matrix returns
    List<Batch> all = new ArrayList<>();
    ThreadLocal<Batch> current = ThreadLocal.withInitial(() -> {
      Batch b = new Batch();
      synchronized (all) {
        all.add(b);
      }
      return b;
    });
    Matrix.visitIndexed(ev, computes, targets, (Matrix.ConcurrentIndexSink) (cs, t, o, rs) -> {
      Batch b = current.get();
      if (b.target != t) {
        fold(b);
        b.target = t;
      }
      b.members.add(cs);
      b.outcomes.add(o);
      b.reasons.add(rs);
    }, targetsDone);
    all.forEach(this::fold);
    build();
    rIndex = null;
    rawSets = null;
    serviceEndpoint = null;
    keysOf = null;
    membersOf = null;
    accs = null;
    rowAccs = null;
  }

  /** Groups the answers of every checked pair of {@code computes} × {@code targets}. */
  public static PairGroups of(AccessEvaluator ev, List<Compute> computes, List<Target> targets) {
    return new PairGroups(ev, computes, targets, n -> { }, MAX_ANSWERS);
  }

  /** As {@link #of(AccessEvaluator, List, List)}, telling {@code targetsDone} each target the matrix finishes. */
  public static PairGroups of(AccessEvaluator ev, List<Compute> computes, List<Target> targets,
      IntConsumer targetsDone) {
    return new PairGroups(ev, computes, targets, targetsDone, MAX_ANSWERS);
  }

  /** As {@link #of(AccessEvaluator, List, List, IntConsumer)}, collapsing by service above {@code limit} distinct answers. */
  public static PairGroups of(AccessEvaluator ev, List<Compute> computes, List<Target> targets, IntConsumer targetsDone,
      int limit) {
    return new PairGroups(ev, computes, targets, targetsDone, limit);
  }

  /** As {@link #of(AccessEvaluator, List, List)}, collapsing by service above {@code limit} distinct answers. */
  public static PairGroups of(AccessEvaluator ev, List<Compute> computes, List<Target> targets, int limit) {
    return new PairGroups(ev, computes, targets, n -> { }, limit);
  }

  private static final int SIT_BITS = 20;
  private static final int SVC_BITS = 12;
  private static final int RSET_BITS = 20;

  /**
   * The per-compute service-endpoint row of the target's destination class, from {@code cache} (concurrent
   * writers of the cache write the same value).
   */
  private byte[] endpointRow(Map<Destination, byte[]> cache, Target target) {
    Destination d = AccessEvaluator.destinationOf(target);
    return cache.computeIfAbsent(new Destination(d.serviceTag(), d.region(), d.endpointService(), null),
        k -> new byte[computes.size()]);
  }

  /** Adds an answer's computes (ascending) to {@code merged}, one buffer per (answer {@code base}, situation). */
  private void mergeBySituation(Map<Long, IntBuf> merged, int[] members, long base) {
    int last = -1;
    IntBuf buf = null;
    for (int m : members) {
      int s = computeSituation[m];
      if (s != last) {
        long key = base | ((long) s << 36);
        buf = merged.computeIfAbsent(spread(key), k -> new IntBuf(key));
        last = s;
      }
      buf.add(m);
    }
  }

  /**
   * Folds one target's answers: splits each by its computes' situations, merges equal (situation, verdict,
   * reasons, via), and keeps them per target, or, once collapsed, adds them to their service's groups.
   */
  private void fold(Batch b) {
    if (b.target < 0 || b.members.isEmpty()) {
      b.target = -1;
      return;
    }
    int t = b.target;
    Target target = targets.get(t);
    byte[] se = endpointRow(serviceEndpoint, target);
    Map<Long, IntBuf> merged = new HashMap<>();
    long[] outcomes = new long[OUTCOMES.length];
    List<Auditor.SharedAnswer> toAudit = new ArrayList<>();
    boolean direct = collapsed; // once collapsed (never undone), answers go straight to their service's groups
    int[] rs = new int[b.members.size()];
    int[] vs = new int[rs.length];
    for (int i = 0; i < b.members.size(); i++) {
      int[] members = b.members.get(i);
      List<Reason> reasons = b.reasons.get(i);
      int o = b.outcomes.get(i).ordinal();
      int r = rIndex.computeIfAbsent(reasons, k -> {
        synchronized (rawSets) {
          if (rawSets.size() >= 1 << RSET_BITS) {
            throw new IllegalStateException("more than " + (1 << RSET_BITS) + " distinct reason lists");
          }
          rawSets.add(List.copyOf(k));
          return rawSets.size() - 1;
        }
      });
      outcomes[o] += members.length;
      for (Reason x : reasons) {
        if (Auditor.VERDICT_RULE_REASONS.contains(x)) {
          toAudit.add(new Auditor.SharedAnswer(t, members, List.copyOf(reasons)));
          break;
        }
      }
      int v = viaOf(ev, members[0], se, computes, target, reasons).ordinal();
      rs[i] = r;
      vs[i] = v;
      if (direct) {
        continue;
      }
      mergeBySituation(merged, members, ((long) o << 60) | ((long) r << 8) | v);
    }
    if (direct) {
      synchronized (this) {
        for (int o = 0; o < outcomes.length; o++) {
          outcomeCounts[o] += outcomes[o];
        }
        audited.addAll(toAudit);
        int svc = targetService[t];
        for (int i = 0; i < b.members.size(); i++) {
          int o = b.outcomes.get(i).ordinal();
          int r = rs[i];
          RowAcc row = rowAccs.computeIfAbsent(((long) o << 32) | r, x -> new RowAcc());
          int[] members = b.members.get(i);
          row.pairs += members.length;
          row.targets.set(t);
          int last = -1;
          Acc a = null;
          for (int m : members) {
            int s = computeSituation[m];
            if (s != last) {
              a = acc(o, s, svc, r, vs[i]);
              if (a.lastTarget != t) {
                a.lastTarget = t;
                a.targets++;
                answers++;
                row.answers++;
              }
              last = s;
            }
            a.perMember[positionInSituation[m]]++;
            a.pairs++;
            row.computes.set(m);
          }
        }
      }
      b.target = -1;
      b.members.clear();
      b.outcomes.clear();
      b.reasons.clear();
      return;
    }
    long[] keys = new long[merged.size()];
    int[][] lists = new int[keys.length][];
    Map<Long, long[]> localRows = new HashMap<>();
    long[] rowOf = new long[keys.length];
    int j = 0;
    for (IntBuf e : merged.values()) {
      long k = e.key;
      int[] ms = Arrays.copyOf(e.a, e.n);
      Arrays.sort(ms);
      keys[j] = k;
      lists[j++] = ms;
      rowOf[j - 1] = k >>> 60 << 32 | (k >>> 8 & 0xFFFFFFF);
      long[] row = localRows.computeIfAbsent(rowOf[j - 1], x -> new long[2]);
      row[0] += ms.length;
      row[1]++;
    }
    b.target = -1;
    b.members.clear();
    b.outcomes.clear();
    b.reasons.clear();
    synchronized (this) {
      for (int o = 0; o < outcomes.length; o++) {
        outcomeCounts[o] += outcomes[o];
      }
      audited.addAll(toAudit);
      for (Map.Entry<Long, long[]> e : localRows.entrySet()) {
        RowAcc row = rowAccs.computeIfAbsent(e.getKey(), x -> new RowAcc());
        row.pairs += e.getValue()[0];
        row.answers += e.getValue()[1];
        row.targets.set(t);
      }
      RowAcc last = null;
      long lastKey = -1;
      for (int i = 0; i < keys.length; i++) {
        if (rowOf[i] != lastKey) {
          last = rowAccs.get(rowOf[i]);
          lastKey = rowOf[i];
        }
        for (int m : lists[i]) {
          last.computes.set(m);
        }
      }
      answers += keys.length;
      if (collapsed) {
        for (int i = 0; i < keys.length; i++) {
          collapse(t, keys[i], lists[i]);
        }
      } else {
        keysOf[t] = keys;
        membersOf[t] = lists;
        if (answers > limit) {
          for (int x = 0; x < keysOf.length; x++) {
            if (keysOf[x] != null) {
              for (int i = 0; i < keysOf[x].length; i++) {
                collapse(x, keysOf[x][i], membersOf[x][i]);
              }
              keysOf[x] = null;
              membersOf[x] = null;
            }
          }
          collapsed = true;
        }
      }
    }
  }

  /** Receives one target's answers: per answer {situation, outcome ordinal, reason set, via ordinal, computes...}. */
  @FunctionalInterface
  public interface TargetAnswers {
    void accept(int target, int[][] answers);
  }

  /**
   * Every target's answers, per (situation, target, verdict, reasons, via) as the uncollapsed groups hold
   * them (same reason set numbers, same order within a target), from a second pass of the matrix, one
   * target at a time: {@code sink} is called concurrently from the matrix's worker threads, targets in the
   * order they finish. For the pair file of a collapsed report, without holding every answer.
   */
  public void forEachAnswer(AccessEvaluator evaluator, TargetAnswers sink) {
    Map<List<Reason>, Integer> numbers = new HashMap<>();
    for (int i = 0; i < reasonSets.size(); i++) {
      numbers.put(reasonSets.get(i), i);
    }
    Map<Destination, byte[]> seCache = new ConcurrentHashMap<>();
    List<Batch> all = new ArrayList<>();
    ThreadLocal<Batch> current = ThreadLocal.withInitial(() -> {
      Batch b = new Batch();
      synchronized (all) {
        all.add(b);
      }
      return b;
    });
    Consumer<Batch> emit = b -> {
      if (b.target < 0 || b.members.isEmpty()) {
        b.target = -1;
        return;
      }
      int t = b.target;
      Target target = targets.get(t);
      byte[] se = endpointRow(seCache, target);
      Map<Long, IntBuf> merged = new HashMap<>();
      for (int i = 0; i < b.members.size(); i++) {
        int[] members = b.members.get(i);
        List<Reason> reasons = b.reasons.get(i);
        Integer r = numbers.get(reasons);
        if (r == null) {
          throw new IllegalStateException("the matrix gave a reason list the first pass did not: " + reasons);
        }
        int v = viaOf(evaluator, members[0], se, computes, target, reasons).ordinal();
        mergeBySituation(merged, members, ((long) b.outcomes.get(i).ordinal() << 60) | ((long) r << 8) | v);
      }
      List<IntBuf> sorted = new ArrayList<>(merged.values());
      sorted.sort(Comparator.comparingLong(x -> x.key));
      int[][] answers = new int[sorted.size()][];
      for (int j = 0; j < answers.length; j++) {
        IntBuf x = sorted.get(j);
        int[] a = new int[4 + x.n];
        a[0] = (int) (x.key >>> 36 & 0xFFFFFF);
        a[1] = (int) (x.key >>> 60);
        a[2] = (int) (x.key >>> 8 & 0xFFFFFFF);
        a[3] = (int) (x.key & 0xFF);
        System.arraycopy(x.a, 0, a, 4, x.n);
        Arrays.sort(a, 4, a.length);
        answers[j] = a;
      }
      b.target = -1;
      b.members.clear();
      b.outcomes.clear();
      b.reasons.clear();
      sink.accept(t, answers);
    };
    Matrix.visitIndexed(evaluator, computes, targets, (Matrix.ConcurrentIndexSink) (cs, t, o, rs) -> {
      Batch b = current.get();
      if (b.target != t) {
        emit.accept(b);
        b.target = t;
      }
      b.members.add(cs);
      b.outcomes.add(o);
      b.reasons.add(rs);
    });
    all.forEach(emit);
  }

  /** Adds one (situation, target, verdict, reasons, via) answer to its (situation, service, ...) group. */
  private void collapse(int t, long key, int[] members) {
    Acc a = acc((int) (key >>> 60), (int) (key >>> 36 & 0xFFFFFF), targetService[t], (int) (key >>> 8 & 0xFFFFFFF),
        (int) (key & 0xFF));
    a.targets++;
    a.lastTarget = t;
    a.pairs += members.length;
    for (int m : members) {
      a.perMember[positionInSituation[m]]++;
    }
  }

  /** The (situation, service, verdict, reasons, via) group being folded. */
  private Acc acc(int o, int s, int svc, int r, int v) {
    if (s >= 1 << SIT_BITS || svc >= 1 << SVC_BITS) {
      throw new IllegalStateException("too many situations or services to collapse: " + s + ", " + svc);
    }
    long k = ((long) o << 60) | ((long) s << (8 + RSET_BITS + SVC_BITS)) | ((long) svc << (8 + RSET_BITS))
        | ((long) r << 8) | v;
    return accs.computeIfAbsent(spread(k), x -> new Acc(k, situationMembers[s].length));
  }

  /** Numbers the reason sets in a fixed order and lays the groups out in arrays, in a fixed order. */
  private void build() {
    List<List<Reason>> sortedSets = new ArrayList<>(rawSets);
    sortedSets.sort((a, b) -> {
      for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
        int c = a.get(i).compareTo(b.get(i));
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(a.size(), b.size());
    });
    int[] renumber = new int[rIndex.size()];
    for (int i = 0; i < sortedSets.size(); i++) {
      renumber[rIndex.get(sortedSets.get(i))] = i;
    }
    reasonSets.addAll(sortedSets);
    // rows by (verdict, reasons), in that order
    List<Map.Entry<Long, RowAcc>> rs = new ArrayList<>(rowAccs.entrySet());
    rs.sort(Comparator.comparingLong((Map.Entry<Long, RowAcc> e) -> e.getKey() >>> 32)
        .thenComparingInt(e -> renumber[(int) (e.getKey() & 0xFFFFFFFFL)]));
    for (Map.Entry<Long, RowAcc> e : rs) {
      RowAcc a = e.getValue();
      rows.add(new Row(OUTCOMES[(int) (e.getKey() >>> 32)], reasonSets.get(renumber[(int) (e.getKey() & 0xFFFFFFFFL)]),
          a.pairs, a.targets.cardinality(), a.computes.cardinality(), a.answers));
    }
    Map<Ints, Integer> setIndex = new HashMap<>();
    if (collapsed) {
      // per service, then (verdict, situation, reasons, via)
      long[] keys = new long[accs.size()];
      int i = 0;
      Map<Long, Acc> byKey = new HashMap<>();
      for (Acc a : accs.values()) {
        keys[i++] = a.key;
        byKey.put(a.key, a);
      }
      int shift = 8 + RSET_BITS;
      long[][] order = new long[keys.length][];
      for (i = 0; i < keys.length; i++) {
        long k = keys[i];
        int o = (int) (k >>> 60);
        int s = (int) (k >>> (shift + SVC_BITS) & ((1 << SIT_BITS) - 1));
        int svc = (int) (k >>> shift & ((1 << SVC_BITS) - 1));
        int r = renumber[(int) (k >>> 8 & ((1 << RSET_BITS) - 1))];
        order[i] = new long[] {svc, o, s, r, k & 0xFF, k};
      }
      Arrays.sort(order, (a, b) -> {
        for (int x = 0; x < 5; x++) {
          int c = Long.compare(a[x], b[x]);
          if (c != 0) {
            return c;
          }
        }
        return 0;
      });
      allocate(order.length);
      weights = new int[order.length][];
      groupTargets = new int[order.length];
      groupPairs = new long[order.length];
      for (int g = 0; g < order.length; g++) {
        long[] x = order[g];
        Acc a = byKey.get(x[5]);
        int s = (int) x[2];
        int n = 0;
        for (int c : a.perMember) {
          n += c > 0 ? 1 : 0;
        }
        int[] ms = new int[n];
        int[] ws = new int[n];
        n = 0;
        for (int p = 0; p < a.perMember.length; p++) {
          if (a.perMember[p] > 0) {
            ms[n] = situationMembers[s][p];
            ws[n++] = a.perMember[p];
          }
        }
        sit[g] = s;
        to[g] = (int) x[0];
        outcome[g] = (int) x[1];
        rset[g] = (int) x[3];
        via[g] = (int) x[4];
        cset[g] = setIndex.computeIfAbsent(new Ints(ms), y -> {
          computeSets.add(y.v());
          return computeSets.size() - 1;
        });
        weights[g] = ws;
        groupTargets[g] = a.targets;
        groupPairs[g] = a.pairs;
      }
      return;
    }
    // per target, in parallel: reason sets renumbered, then sorted by (verdict, situation, reasons, via)
    IntStream.range(0, targets.size()).parallel().forEach(t -> {
      long[] keys = keysOf[t];
      if (keys == null) {
        return;
      }
      long[][] pairs = new long[keys.length][];
      for (int j = 0; j < keys.length; j++) {
        long k = keys[j];
        long nk = (k & ~(0xFFFFFFFL << 8)) | ((long) renumber[(int) (k >>> 8 & 0xFFFFFFF)] << 8);
        pairs[j] = new long[] {nk, j};
      }
      Arrays.sort(pairs, Comparator.comparingLong(p -> p[0]));
      int[][] ms = new int[keys.length][];
      for (int j = 0; j < keys.length; j++) {
        keys[j] = pairs[j][0];
        ms[j] = membersOf[t][(int) pairs[j][1]];
      }
      membersOf[t] = ms;
    });
    int n = 0;
    for (long[] k : keysOf) {
      n += k == null ? 0 : k.length;
    }
    allocate(n);
    int g = 0;
    for (int t = 0; t < targets.size(); t++) {
      if (keysOf[t] == null) {
        continue;
      }
      for (int j = 0; j < keysOf[t].length; j++, g++) {
        long k = keysOf[t][j];
        outcome[g] = (int) (k >>> 60);
        sit[g] = (int) ((k >>> 36) & 0xFFFFFF);
        rset[g] = (int) ((k >>> 8) & 0xFFFFFFF);
        via[g] = (int) (k & 0xFF);
        to[g] = t;
        cset[g] = setIndex.computeIfAbsent(new Ints(membersOf[t][j]), x -> {
          computeSets.add(x.v());
          return computeSets.size() - 1;
        });
      }
      keysOf[t] = null;
      membersOf[t] = null;
    }
  }

  private void allocate(int n) {
    sit = new int[n];
    to = new int[n];
    outcome = new int[n];
    rset = new int[n];
    cset = new int[n];
    via = new int[n];
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

  /** Whether the groups are per service ({@link #service}, {@link #weight}) rather than per target. */
  public boolean collapsed() {
    return collapsed;
  }

  /** The number of groups. */
  public int size() {
    return sit.length;
  }

  /** The number of distinct (situation, target, verdict, reasons, via) answers ({@link #size} unless collapsed). */
  public long answers() {
    return answers;
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

  /**
   * How many targets of service {@code s} are checked against at least one of {@code computes} (indexes;
   * negative ones are skipped): all of them but a Databricks workspace its own clusters skip.
   */
  public int targetsChecked(int s, int[] computes) {
    boolean any = false;
    for (int c : computes) {
      any |= c >= 0;
    }
    if (!any) {
      return 0;
    }
    if (byService == null) {
      int[][] lists = new int[services.size()][];
      int[] fill = new int[services.size()];
      for (int x = 0; x < lists.length; x++) {
        lists[x] = new int[serviceTargets[x]];
      }
      for (int t = 0; t < targetService.length; t++) {
        lists[targetService[t]][fill[targetService[t]]++] = t;
      }
      byService = lists;
    }
    int n = 0;
    for (int t : byService[s]) {
      if (targets.get(t).service() != Service.DATABRICKS) {
        n++; // only a Databricks workspace skips computes (AccessEvaluator.checked)
        continue;
      }
      for (int c : computes) {
        if (c >= 0 && AccessEvaluator.checked(this.computes.get(c), targets.get(t))) {
          n++;
          break;
        }
      }
    }
    return n;
  }

  /** How many targets service {@code s} has. */
  public int serviceTargets(int s) {
    return serviceTargets[s];
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

  /** The group's target; not for collapsed groups. */
  public Target target(int g) {
    return targets.get(targetIndex(g));
  }

  /** The group's target's index; not for collapsed groups. */
  public int targetIndex(int g) {
    if (collapsed) {
      throw new IllegalStateException("collapsed groups are per service");
    }
    return to[g];
  }

  /** The group's service (an index into {@link #services}). */
  public int service(int g) {
    return collapsed ? to[g] : targetService[to[g]];
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

  /** The pairs of the group's {@code j}th member (1 unless collapsed: then one per target of the service). */
  public int weight(int g, int j) {
    return collapsed ? weights[g][j] : 1;
  }

  /** The group's pairs. */
  public long groupPairs(int g) {
    return collapsed ? groupPairs[g] : members(g).length;
  }

  /** The group's targets (1 unless collapsed). */
  public int groupTargets(int g) {
    return collapsed ? groupTargets[g] : 1;
  }

  public int computeSet(int g) {
    return cset[g];
  }

  public Via via(int g) {
    return VIAS[via[g]];
  }

  /** The pairs by (verdict, reasons), in that order. */
  public List<Row> rows() {
    return Collections.unmodifiableList(rows);
  }

  /** The matrix's answers with a reason the audit's verdict rules read ({@link Auditor#auditShared}). */
  public List<Auditor.SharedAnswer> audited() {
    return Collections.unmodifiableList(audited);
  }
}
