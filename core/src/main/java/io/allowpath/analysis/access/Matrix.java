package io.allowpath.analysis.access;

import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.Destination;
import io.allowpath.analysis.egress.Egress;
import io.allowpath.analysis.egress.EgressMode;
import io.allowpath.analysis.egress.EgressResolver;
import io.allowpath.model.DatabricksWorkspace;
import io.allowpath.model.Estate;
import io.allowpath.model.IpSet;
import io.allowpath.model.MlWorkspace;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Subnet;
import io.allowpath.model.Target;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
      for (Reason r : rs) {
        reasons[r.ordinal()] += n;
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
        b.append(b.length() == 0 ? "" : ", ").append(o).append(' ').append(String.format(java.util.Locale.ROOT, "%,d",
            outcomes[o.ordinal()]));
      }
      return b.toString();
    }
  }

  static boolean skip(Compute c, Target t) {
    return c.workspace().equals(t.id()) && t instanceof DatabricksWorkspace;
  }

  /**
   * Everything of a compute that {@link AccessEvaluator#evaluate} reads, for one destination class
   * (service tag, region, endpoint service): computes with equal keys get the same outcome and reasons
   * for every target of that class (only hop texts name the compute). {@code vnet} is set only for
   * targets with private endpoints, where the compute's VNet decides whether one is reachable.
   */
  private record Key(ResourceId managedWorkspace, EgressMode mode, IpSet publicIps, List<ResourceId> symbolicIps,
      boolean stable, ResourceId firewall, ResourceId serviceEndpointSubnet, String firewallSources,
      String subnetRegion, String computeRegion, IpSet internetIps, boolean hasSubnet, ResourceId vnet) {}


  /** Receives the answer for a set of computes (same key) and one target. */
  @FunctionalInterface
  public interface Sink {
    void accept(List<Compute> computes, Target target, Outcome outcome, List<Reason> reasons);
  }

  /**
   * Counts of every pair's verdict, computed per distinct egress situation rather than per compute
   * (many computes share one NAT gateway or firewall): the same outcome and reasons as evaluating every
   * pair with {@link AccessEvaluator#evaluate}, which MatrixTest checks pair by pair. Targets are
   * spread over the available processors.
   */
  public static Counts summary(AccessEvaluator ev, List<Compute> computes, List<Target> targets) {
    Counts total = new Counts();
    visit(ev, computes, targets, (cs, t, o, rs) -> {
      throw new IllegalStateException("not used");
    }, total);
    return total;
  }

  /** Calls {@code sink} for every (group of computes, target) with the verdict's outcome and reasons. */
  public static void visit(AccessEvaluator ev, List<Compute> computes, List<Target> targets, Sink sink) {
    visit(ev, computes, targets, sink, null);
  }

  private static void visit(AccessEvaluator ev, List<Compute> computes, List<Target> targets, Sink sink, Counts total) {
    EgressResolver resolver = ev.resolver();
    Estate estate = resolver.estate();
    // destination classes
    Map<Destination, Integer> destIndex = new LinkedHashMap<>();
    int[] targetDest = new int[targets.size()];
    for (int i = 0; i < targets.size(); i++) {
      Destination d = AccessEvaluator.destinationOf(targets.get(i));
      Destination canon = new Destination(d.serviceTag(), d.region(), d.endpointService(), null);
      targetDest[i] = destIndex.computeIfAbsent(canon, k -> destIndex.size());
    }
    List<Destination> dests = new ArrayList<>(destIndex.keySet());
    // key ids per compute and destination class, with and without the VNet
    Map<Key, Integer> ids = new HashMap<>();
    int n = computes.size();
    int[][] plain = new int[dests.size()][n];
    int[][] withVnet = new int[dests.size()][n];
    // for targets whose answer does not depend on addresses (public access open, disabled or unknown)
    int[][] coarse = new int[dests.size()][n];
    int[][] coarseWithVnet = new int[dests.size()][n];
    // each compute's egress per destination class (null in a managed network) and subnet, for the fast path
    Egress[][] egress = new Egress[dests.size()][n];
    Subnet[] subnets = new Subnet[n];
    MlWorkspace[] managed = new MlWorkspace[n];
    String[][] sources = new String[dests.size()][n];
    IpSet[] internetIps = new IpSet[n];
    String[][] regions = new String[dests.size()][n];
    // the firewall decides on the subnet's prefixes only through which rules' sources they match
    Map<List<Object>, String> signatures = new java.util.concurrent.ConcurrentHashMap<>();
    // egress resolution, per compute in parallel (the resolver and the firewall evaluator are thread-safe)
    IntStream.range(0, n).parallel().forEach(ci -> {
      Compute c = computes.get(ci);
      MlWorkspace ws = c.isDatabricks() ? null : estate.get(c.workspace(), MlWorkspace.class);
      Subnet subnet = estate.get(c.subnet(), Subnet.class);
      subnets[ci] = subnet;
      if (ws != null && ws.managedNetwork()) {
        managed[ci] = ws;
        return;
      }
      for (int di = 0; di < dests.size(); di++) {
        Egress e = resolver.resolve(c, dests.get(di));
        egress[di][ci] = e;
        regions[di][ci] = ev.egressRegion(c, e);
        if (e.mode() == EgressMode.SERVICE_ENDPOINT && internetIps[ci] == null) {
          internetIps[ci] = resolver.resolve(c).publicIps();
        }
        if (e.firewall() != null) {
          List<String> prefixes = subnet == null ? List.of() : subnet.addressPrefixes();
          sources[di][ci] = signatures.computeIfAbsent(List.of(e.firewall(), prefixes),
              x -> String.valueOf(ev.firewallSourceSignature(e.firewall(), prefixes)));
        }
      }
    });
    for (int ci = 0; ci < n; ci++) {
      Compute c = computes.get(ci);
      MlWorkspace ws = managed[ci];
      Subnet subnet = subnets[ci];
      String subnetRegion = ws != null || c.subnet() == null ? null : estate.subnetLocation(c.subnet());
      for (int di = 0; di < dests.size(); di++) {
        Key k;
        Key kv;
        if (ws != null) {
          k = new Key(ws.id(), null, null, null, false, null, null, null, null, null, null, false, null);
          kv = k;
        } else {
          Egress e = egress[di][ci];
          String src = sources[di][ci];
          k = new Key(null, e.mode(), e.publicIps(), e.symbolicIps(), e.stable(), e.firewall(), e.serviceEndpointSubnet(),
              src, subnetRegion, c.location(),
              e.mode() == EgressMode.SERVICE_ENDPOINT ? internetIps[ci] : null, subnet != null, null);
          kv = new Key(null, k.mode(), k.publicIps(), k.symbolicIps(), k.stable(), k.firewall(), k.serviceEndpointSubnet(),
              k.firewallSources(), k.subnetRegion(), k.computeRegion(), k.internetIps(), k.hasSubnet(),
              subnet == null ? null : subnet.vnet());
        }
        plain[di][ci] = ids.computeIfAbsent(k, x -> ids.size());
        withVnet[di][ci] = ids.computeIfAbsent(kv, x -> ids.size());
        // open, disabled or unknown targets read only the path (mode, firewall and its rule sources), the
        // managed workspace and, with private endpoints, the VNet: not the addresses or regions
        Key ck = new Key(k.managedWorkspace(), k.mode(), null, null, false, k.firewall(), null, k.firewallSources(), null,
            null, null, k.hasSubnet(), null);
        Key ckv = new Key(ck.managedWorkspace(), ck.mode(), null, null, false, ck.firewall(), null, ck.firewallSources(),
            null, null, null, ck.hasSubnet(), kv.vnet());
        coarse[di][ci] = ids.computeIfAbsent(ck, x -> ids.size());
        coarseWithVnet[di][ci] = ids.computeIfAbsent(ckv, x -> ids.size());
      }
    }
    int keys = ids.size();
    ThreadLocal<int[][]> buffers = ThreadLocal.withInitial(() -> {
      int[] rep = new int[keys];
      java.util.Arrays.fill(rep, -1);
      return new int[][] {rep, new int[keys], new int[keys]};
    });
    // one representative per key id and target, processed in parallel over targets
    IntStream.range(0, targets.size()).parallel().forEach(ti -> {
      Target t = targets.get(ti);
      AccessEvaluator.Prepared prepared = ev.prepare(t);
      Admission a = prepared.admission;
      boolean independent = a.open() || a.publicDisabled() || a.unknown() != null;
      boolean pe = prepared.privateEndpoints;
      int[][] table = independent ? (pe ? coarseWithVnet : coarse) : (pe ? withVnet : plain);
      int[] key = table[targetDest[ti]];
      Egress[] egressTo = egress[targetDest[ti]];
      String[] regionTo = regions[targetDest[ti]];
      boolean dbx = t instanceof DatabricksWorkspace;
      int[][] scratch = buffers.get(); // per thread, reset below: no per-target allocation of key-sized arrays
      int[] rep = scratch[0];
      int[] count = scratch[1];
      int[] order = scratch[2];
      int groups = 0;
      for (int ci = 0; ci < n; ci++) {
        if (dbx && skip(computes.get(ci), t)) {
          continue;
        }
        int k = key[ci];
        if (rep[k] < 0) {
          rep[k] = ci;
          order[groups++] = k;
        }
        count[k]++;
      }
      Counts local = total == null ? null : new Counts();
      for (int g = 0; g < groups; g++) {
        int k = order[g];
        int r = rep[k];
        AccessEvaluator.Quick v = managed[r] != null ? ev.quickManaged(prepared, managed[r])
            : ev.quick(prepared, computes.get(r), egressTo[r], subnets[r], regionTo[r]);
        if (local != null) {
          local.evaluations++;
          local.add(v.outcome(), v.reasons(), count[k]);
        } else {
          List<Compute> members = new ArrayList<>(count[k]);
          for (int ci = 0; ci < n; ci++) {
            if (key[ci] == k && !(dbx && skip(computes.get(ci), t))) {
              members.add(computes.get(ci));
            }
          }
          synchronized (sink) {
            sink.accept(members, t, v.outcome(), v.reasons());
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
    });
  }

  /**
   * The outcome and reasons of {@link AccessEvaluator#evaluate} for one compute and a prepared target:
   * by {@link AccessEvaluator#quick} where it answers (the public path), else by the full evaluator.
   */
  static AccessEvaluator.Quick answer(AccessEvaluator ev, AccessEvaluator.Prepared p, Compute c, Egress e, Subnet subnet,
      MlWorkspace managed) {
    AccessEvaluator.Quick q = managed != null ? ev.quickManaged(p, managed) : e == null ? null : ev.quick(p, c, e, subnet);
    if (q == null) {
      Verdict v = ev.evaluate(c, p.target, false);
      q = new AccessEvaluator.Quick(v.outcome(), v.reasons());
    }
    return q;
  }

  /** {@link #answer} for one pair, working out the compute's situation itself (for tests and single pairs). */
  static AccessEvaluator.Quick answer(AccessEvaluator ev, Compute c, Target t) {
    Estate estate = ev.resolver().estate();
    MlWorkspace ws = c.isDatabricks() ? null : estate.get(c.workspace(), MlWorkspace.class);
    MlWorkspace managed = ws != null && ws.managedNetwork() ? ws : null;
    Egress e = managed != null ? null : ev.resolver().resolve(c, AccessEvaluator.destinationOf(t));
    return answer(ev, ev.prepare(t), c, e, estate.get(c.subnet(), Subnet.class), managed);
  }
}
