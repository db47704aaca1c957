package io.allowpath.analysis.access;

import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.Destination;
import io.allowpath.analysis.egress.Egress;
import io.allowpath.analysis.egress.EgressMode;
import io.allowpath.model.IpSet;
import io.allowpath.model.IpValue;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The compute × target verdict matrix reduced to counts ({@code check --output summary}): how many pairs
 * have each outcome and how often each reason occurs. A Databricks compute and its own workspace are
 * skipped, as {@code check} does (they talk over the control plane).
 */
public final class Matrix {
  private Matrix() {}

  /** Outcome and reason counts. */
  public static final class Counts {
    final long[] outcomes = new long[Outcome.values().length];
    final long[] reasons = new long[Reason.values().length];
    long evaluations;

    void add(Outcome o, List<Reason> rs, long n) {
      outcomes[o.ordinal()] += n;
      for (int i = 0; i < rs.size(); i++) {
        reasons[rs.get(i).ordinal()] += n;
      }
    }

    void addAll(Counts c) {
      evaluations += c.evaluations;
      for (int i = 0; i < outcomes.length; i++) {
        outcomes[i] += c.outcomes[i];
      }
      for (int i = 0; i < reasons.length; i++) {
        reasons[i] += c.reasons[i];
      }
    }

    public long count(Outcome o) {
      return outcomes[o.ordinal()];
    }

    /** How many verdicts were actually evaluated (one per distinct egress situation and target). */
    public long evaluations() {
      return evaluations;
    }

    public long total() {
      long t = 0;
      for (long x : outcomes) {
        t += x;
      }
      return t;
    }

    /** Reasons that occur, with their counts. */
    public Map<Reason, Long> reasons() {
      Map<Reason, Long> m = new EnumMap<>(Reason.class);
      for (Reason r : Reason.values()) {
        if (reasons[r.ordinal()] > 0) {
          m.put(r, reasons[r.ordinal()]);
        }
      }
      return m;
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder();
      for (Outcome o : Outcome.values()) {
        b.append(b.length() == 0 ? "" : ", ").append(o).append(' ').append(String.format(Locale.ROOT, "%,d",
            outcomes[o.ordinal()]));
      }
      return b.toString();
    }
  }

  /**
   * Everything of a compute's {@link AccessEvaluator.Situation} that the decision reads, for one
   * destination class (service tag, region, endpoint service): computes with equal keys get the same
   * outcome and reasons for every target of that class (only hop texts name the compute). {@code vnet} is
   * set only for targets with private endpoints, where the compute's VNet decides whether one is
   * reachable.
   */
  private record Key(ResourceId managedWorkspace, EgressMode mode, IpSet publicIps, List<ResourceId> symbolicIps,
      boolean stable, ResourceId firewall, ResourceId serviceEndpointSubnet, String firewallSources,
      String egressRegion, IpSet internetIps, boolean hasSubnet, ResourceId vnet) {}

  /** Receives the answer for a set of computes (same key) and one target. */
  @FunctionalInterface
  public interface Sink {
    void accept(List<Compute> computes, Target target, Outcome outcome, List<Reason> reasons);
  }

  /**
   * Receives the answer for a set of computes (same key) and one target, as indexes into the lists given
   * to {@link #visitIndexed}; {@code computes} is in ascending order and owned by the receiver.
   */
  @FunctionalInterface
  public interface IndexSink {
    void accept(int[] computes, int target, Outcome outcome, List<Reason> reasons);
  }

  /**
   * An {@link IndexSink} that is thread-safe: {@link #visitIndexed} calls it without serialising, from the
   * worker thread of each target (all of one target's answers from one thread, one after the other).
   */
  public interface ConcurrentIndexSink extends IndexSink {}

  /**
   * Counts of every pair's verdict, computed per distinct egress situation rather than per compute
   * (many computes share one NAT gateway or firewall): the same outcome and reasons as evaluating every
   * pair with {@link AccessEvaluator#evaluate}, which MatrixTest checks pair by pair. Targets are
   * spread over the available processors.
   */
  public static Counts summary(AccessEvaluator ev, List<Compute> computes, List<Target> targets) {
    return summary(ev, computes, targets, NO_PROGRESS);
  }

  /**
   * {@link #summary(AccessEvaluator, List, List)}, telling {@code targetsDone} the number of targets finished
   * (called once per target, from the worker threads: it must be thread-safe and cheap, e.g. a counter).
   */
  public static Counts summary(AccessEvaluator ev, List<Compute> computes, List<Target> targets, IntConsumer targetsDone) {
    Counts total = new Counts();
    visit(ev, computes, targets, (cs, t, o, rs) -> {
      throw new IllegalStateException("not used");
    }, total, targetsDone);
    return total;
  }

  /** Calls {@code sink} for every (group of computes, target) with the verdict's outcome and reasons. */
  public static void visit(AccessEvaluator ev, List<Compute> computes, List<Target> targets, Sink sink) {
    visit(ev, computes, targets, sink, NO_PROGRESS);
  }

  /** {@link #visit(AccessEvaluator, List, List, Sink)} with a per-target progress counter (see summary). */
  public static void visit(AccessEvaluator ev, List<Compute> computes, List<Target> targets, Sink sink,
      IntConsumer targetsDone) {
    visitIndexed(ev, computes, targets, (cs, t, o, rs) -> {
      List<Compute> members = new ArrayList<>(cs.length);
      for (int c : cs) {
        members.add(computes.get(c));
      }
      sink.accept(members, targets.get(t), o, rs);
    }, targetsDone);
  }

  /**
   * As {@link #visit}, with computes and targets given as indexes into {@code computes} and {@code targets};
   * calls to {@code sink} are serialised (one at a time).
   */
  public static void visitIndexed(AccessEvaluator ev, List<Compute> computes, List<Target> targets, IndexSink sink) {
    visitIndexed(ev, computes, targets, sink, NO_PROGRESS);
  }

  /** {@link #visitIndexed(AccessEvaluator, List, List, IndexSink)} with a per-target progress counter. */
  public static void visitIndexed(AccessEvaluator ev, List<Compute> computes, List<Target> targets, IndexSink sink,
      IntConsumer targetsDone) {
    visit(ev, computes, targets, sink, null, targetsDone);
  }

  private static final IntConsumer NO_PROGRESS = n -> { };

  private static void visit(AccessEvaluator ev, List<Compute> computes, List<Target> targets, IndexSink sink,
      Counts total, IntConsumer targetsDone) {
    // destination classes
    // (a destination class is also split by the ports its clients need: a SQL server's connection policy)
    Map<List<Object>, Integer> destIndex = new LinkedHashMap<>();
    List<Destination> dests = new ArrayList<>();
    int[] targetDest = new int[targets.size()];
    for (int i = 0; i < targets.size(); i++) {
      Destination d = AccessEvaluator.destinationOf(targets.get(i));
      Destination canon = new Destination(d.serviceTag(), d.region(), d.endpointService(), null);
      targetDest[i] = destIndex.computeIfAbsent(List.of(canon, PathChecks.portsKey(targets.get(i))), k -> {
        dests.add(canon);
        return dests.size() - 1;
      });
    }
    // one target per destination class: what the NSG step answers depends only on the class's service
    // and region, so its answer (not the subnet's NSG and prefixes) is what groups computes
    Target[] representative = new Target[dests.size()];
    for (int i = targets.size() - 1; i >= 0; i--) {
      representative[targetDest[i]] = targets.get(i);
    }
    int n = computes.size();
    // each compute's situation per destination class, in parallel (the evaluator is thread-safe)
    AccessEvaluator.Situation[][] situations = new AccessEvaluator.Situation[dests.size()][n];
    String[][] sources = new String[dests.size()][n];
    String[][] rawChecks = new String[dests.size()][n];
    boolean identityRules = ev.hasIdentityRules();
    // the firewall decides on the subnet's prefixes only through which rules' sources they match
    Map<List<Object>, String> signatures = new ConcurrentHashMap<>();
    IntStream.range(0, n).parallel().forEach(ci -> {
      Compute c = computes.get(ci);
      for (int di = 0; di < dests.size(); di++) {
        AccessEvaluator.Situation s = ev.situation(c, dests.get(di));
        situations[di][ci] = s;
        Egress e = s.egress();
        if (e != null && e.firewall() != null) {
          List<IpValue> prefixes = s.subnet() == null ? List.of() : s.subnet().addressPrefixes();
          sources[di][ci] = signatures.computeIfAbsent(List.of(e.firewall(), prefixes),
              x -> String.valueOf(ev.firewallSourceSignature(e.firewall(), prefixes)));
        }
        // the path checks (NSG, firewall SNAT, BGP caveat) read the subnet's NSG and prefixes and the egress:
        // towards public endpoints only the NSG's answer for this destination class matters; towards a
        // private endpoint (keys with the VNet) the NSG sees the endpoint's addresses, so the raw inputs count
        String raw = s.managed() == null ? PathChecks.signature(s.subnet(), e) : null;
        if (raw != null) {
          rawChecks[di][ci] = raw;
          String answer = ev.nsgAnswer(s.subnet(), representative[di]) + PathChecks.egressSignature(e);
          if (!answer.isEmpty()) {
            sources[di][ci] = sources[di][ci] + "|" + answer;
          }
        }
        if (identityRules && s.managed() == null) {
          // a perimeter subscription rule admits the managed identities of the compute's subscription
          sources[di][ci] = sources[di][ci] + "|sub:" + AccessEvaluator.subscriptionOf(c);
        }
      }
    });
    // key ids per compute and destination class: plain, with the VNet (targets with private endpoints),
    // and coarse (targets whose answer does not depend on addresses or regions: open, disabled, unknown)
    Map<Key, Integer> ids = new HashMap<>();
    int[][] plain = new int[dests.size()][n];
    int[][] withVnet = new int[dests.size()][n];
    int[][] coarse = new int[dests.size()][n];
    int[][] coarseWithVnet = new int[dests.size()][n];
    for (int ci = 0; ci < n; ci++) {
      for (int di = 0; di < dests.size(); di++) {
        AccessEvaluator.Situation s = situations[di][ci];
        ResourceId vnet = s.subnet() == null ? null : s.subnet().vnet();
        Key k;
        Key ck;
        if (s.managed() != null) {
          k = new Key(s.managed().id(), null, null, null, false, null, null, null, null, null, false, null);
          ck = k;
        } else {
          Egress e = s.egress();
          boolean subnet = s.subnet() != null;
          k = new Key(null, e.mode(), e.publicIps(), e.symbolicIps(), e.stable(), e.firewall(), e.serviceEndpointSubnet(),
              sources[di][ci], s.egressRegion(), s.internetIps(), subnet, null);
          ck = new Key(null, e.mode(), null, null, false, e.firewall(), null, sources[di][ci], null, null, subnet, null);
        }
        plain[di][ci] = ids.computeIfAbsent(k, x -> ids.size());
        coarse[di][ci] = ids.computeIfAbsent(ck, x -> ids.size());
        withVnet[di][ci] = s.managed() != null ? plain[di][ci]
            : ids.computeIfAbsent(withVnet(k, vnet, rawChecks[di][ci]), x -> ids.size());
        coarseWithVnet[di][ci] = s.managed() != null ? coarse[di][ci]
            : ids.computeIfAbsent(withVnet(ck, vnet, rawChecks[di][ci]), x -> ids.size());
      }
    }
    int keys = ids.size();
    ThreadLocal<int[][]> buffers = ThreadLocal.withInitial(() -> {
      int[] rep = new int[keys];
      Arrays.fill(rep, -1);
      return new int[][] {rep, new int[keys], new int[keys], new int[keys], new int[n]};
    });
    // one representative per key id and target, processed in parallel over targets
    IntStream.range(0, targets.size()).parallel().forEach(ti -> {
      Target t = targets.get(ti);
      AccessEvaluator.Prepared prepared = ev.prepare(t);
      boolean independent = !prepared.admission.restricted();
      boolean pe = prepared.privateEndpoints;
      int[][] table = independent ? (pe ? coarseWithVnet : coarse) : (pe ? withVnet : plain);
      int[] key = table[targetDest[ti]];
      AccessEvaluator.Situation[] situationTo = situations[targetDest[ti]];
      int[][] scratch = buffers.get(); // per thread, reset below: no per-target allocation of key-sized arrays
      int[] rep = scratch[0];
      int[] count = scratch[1];
      int[] order = scratch[2];
      int[] last = scratch[3]; // each key's members as a linked list in compute order: rep[k], next[rep[k]], ...
      int[] next = scratch[4];
      int groups = 0;
      boolean skips = AccessEvaluator.skipsAny(t);
      for (int ci = 0; ci < n; ci++) {
        if (skips && !AccessEvaluator.checked(computes.get(ci), t)) {
          continue;
        }
        int k = key[ci];
        if (rep[k] < 0) {
          rep[k] = ci;
          order[groups++] = k;
        } else {
          next[last[k]] = ci;
        }
        last[k] = ci;
        next[ci] = -1;
        count[k]++;
      }
      Counts local = total == null ? null : new Counts();
      for (int g = 0; g < groups; g++) {
        int k = order[g];
        AccessEvaluator.Decision v = ev.decide(situationTo[rep[k]], prepared, Explain.NONE);
        if (local != null) {
          local.evaluations++;
          local.add(v.outcome(), v.reasons(), count[k]);
        } else {
          int[] members = new int[count[k]];
          for (int ci = rep[k], m = 0; ci >= 0; ci = next[ci]) {
            members[m++] = ci;
          }
          if (sink instanceof ConcurrentIndexSink) {
            sink.accept(members, ti, v.outcome(), v.reasons());
          } else {
            synchronized (sink) {
              sink.accept(members, ti, v.outcome(), v.reasons());
            }
          }
        }
      }
      for (int g = 0; g < groups; g++) {
        int k = order[g];
        rep[k] = -1;
        count[k] = 0;
      }
      if (local != null) {
        synchronized (total) {
          total.addAll(local);
        }
      }
      targetsDone.accept(1); // once per target (a group of pairs), never per pair
    });
  }

  private static Key withVnet(Key k, ResourceId vnet, String rawChecks) {
    return new Key(k.managedWorkspace(), k.mode(), k.publicIps(), k.symbolicIps(), k.stable(), k.firewall(),
        k.serviceEndpointSubnet(), rawChecks == null ? k.firewallSources() : k.firewallSources() + "|" + rawChecks,
        k.egressRegion(), k.internetIps(), k.hasSubnet(), vnet);
  }
}
