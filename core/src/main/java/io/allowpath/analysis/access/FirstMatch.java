package io.allowpath.analysis.access;

import io.allowpath.model.IpSet;
import io.allowpath.model.ResourceId;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A target's ordered IP rules compiled into a first-match table — the one implementation of "first
 * matching rule wins" that every answer uses (the matrix, {@code check -v}, the planner's view of what is
 * admitted today, audits). The address space of each family (IPv4, IPv6) is cut into segments, each with
 * the index of the first rule that matches its addresses ({@code -1}: none), so the walk over the rules
 * for an address is a binary search. Rules from the first catch-all — an "all Azure" rule (SQL/Cosmos
 * 0.0.0.0, an AzureCloud tag: egress comes from Azure public IPs) or a service tag that cannot be
 * resolved — on match every address that reaches them. Public IPs known only by id match the first rule
 * that refers to them, else the catch-all.
 */
final class FirstMatch {
  private static final BigInteger V4_MAX = BigInteger.valueOf(0xFFFFFFFFL);
  private static final BigInteger V6_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

  private final List<Admission.Rule> rules;
  private final boolean unmatchedAllowed;
  private final long[] starts;
  private final int[] rule;
  private final BigInteger[] starts6;
  private final int[] rule6;
  private final int catchAll;
  private final Map<ResourceId, Integer> byReference;

  private FirstMatch(Admission a, long[] starts, int[] rule, BigInteger[] starts6, int[] rule6, int catchAll,
      Map<ResourceId, Integer> byReference) {
    this.rules = a.ipRules();
    this.unmatchedAllowed = a.unmatchedAllowed();
    this.starts = starts;
    this.rule = rule;
    this.starts6 = starts6;
    this.rule6 = rule6;
    this.catchAll = catchAll;
    this.byReference = byReference;
  }

  static FirstMatch compile(Admission a) {
    List<Admission.Rule> rules = a.ipRules();
    int limit = rules.size();
    int catchAll = -1;
    for (int i = 0; i < rules.size(); i++) {
      Admission.Rule r = rules.get(i);
      if (r.allAzure() || r.unresolved()) {
        catchAll = i;
        limit = i;
        break;
      }
    }
    Map<ResourceId, Integer> byReference = new HashMap<>();
    List<BigInteger[]> v4 = new ArrayList<>();
    List<BigInteger[]> v6 = new ArrayList<>();
    for (int i = 0; i < limit; i++) {
      Admission.Rule r = rules.get(i);
      if (r.publicIp() != null) {
        byReference.putIfAbsent(r.publicIp(), i);
      }
      IpSet s = r.addresses();
      if (s == null) {
        continue; // a public IP reference whose address is not known: matches by reference only
      }
      BigInteger idx = BigInteger.valueOf(i);
      for (int k = 0; k < s.v4IntervalCount(); k++) {
        v4.add(new BigInteger[] {BigInteger.valueOf(s.v4Start(k)), BigInteger.valueOf(s.v4End(k)), idx});
      }
      for (int k = 0; k < s.v6IntervalCount(); k++) {
        v6.add(new BigInteger[] {s.v6Start(k), s.v6End(k), idx});
      }
    }
    Segments four = segments(v4, V4_MAX, catchAll);
    Segments six = segments(v6, V6_MAX, catchAll);
    long[] starts = new long[four.starts.length];
    for (int j = 0; j < starts.length; j++) {
      starts[j] = four.starts[j].longValue();
    }
    return new FirstMatch(a, starts, four.rule, six.starts, six.rule, catchAll, byReference);
  }

  private record Segments(BigInteger[] starts, int[] rule) {}

  /**
   * Cuts one address family at every rule boundary and gives each segment the first rule (in order)
   * that covers it, else the catch-all, else -1; adjacent segments with the same rule are merged.
   * {@code intervals}: [start, end, rule index], in rule order.
   */
  private static Segments segments(List<BigInteger[]> intervals, BigInteger max, int catchAll) {
    TreeSet<BigInteger> bounds = new TreeSet<>();
    bounds.add(BigInteger.ZERO);
    for (BigInteger[] iv : intervals) {
      bounds.add(iv[0]);
      if (iv[1].compareTo(max) < 0) {
        bounds.add(iv[1].add(BigInteger.ONE));
      }
    }
    BigInteger[] b = bounds.toArray(new BigInteger[0]);
    int n = b.length;
    int[] idx = new int[n];
    Arrays.fill(idx, -1);
    for (BigInteger[] iv : intervals) {
      int ri = iv[2].intValue();
      int j = Arrays.binarySearch(b, iv[0]);
      for (; j < n && b[j].compareTo(iv[1]) <= 0; j++) {
        if (idx[j] < 0) {
          idx[j] = ri;
        }
      }
    }
    int m = 0;
    for (int j = 0; j < n; j++) {
      int v = idx[j] < 0 ? catchAll : idx[j];
      if (m == 0 || v != idx[m - 1]) {
        b[m] = b[j];
        idx[m] = v;
        m++;
      }
    }
    return new Segments(Arrays.copyOf(b, m), Arrays.copyOf(idx, m));
  }

  /**
   * What the rules make of some addresses and public IPs known only by id. {@code admitted}: some
   * address is admitted; {@code notAdmitted}: some is not; {@code denied}: a Deny rule matched first
   * ({@code denyRule}: the first such rule); {@code pendingSymbolic}: some public IP known by id only is
   * not admitted; {@code unresolved}: the label of an unresolvable service tag rule that decides (the
   * answer is then unknown). With {@code collect}, the admitted addresses and public IPs too.
   */
  static final class Result {
    boolean admitted;
    boolean notAdmitted;
    boolean denied;
    boolean viaAllAzure;
    boolean pendingSymbolic;
    int denyRule = Integer.MAX_VALUE;
    String unresolved;
    final List<IpSet> admittedParts;
    final Set<ResourceId> symbolicAdmitted;

    Result(boolean collect) {
      admittedParts = collect ? new ArrayList<>() : null;
      symbolicAdmitted = collect ? new LinkedHashSet<>() : null;
    }

    /** The admitted addresses (collecting results only). */
    IpSet admittedAddresses() {
      return IpSet.union(admittedParts);
    }
  }

  Result match(IpSet ips, List<ResourceId> symbolic, boolean collect) {
    Result res = new Result(collect);
    int segments = starts.length;
    for (int k = 0; k < ips.v4IntervalCount() && res.unresolved == null; k++) {
      long lo = ips.v4Start(k);
      long hi = ips.v4End(k);
      for (int j = segment(lo); j < segments && starts[j] <= hi; j++) {
        IpSet part = null;
        if (collect) {
          long end = j + 1 < segments ? starts[j + 1] - 1 : 0xFFFFFFFFL;
          part = IpSet.ofV4Range(Math.max(lo, starts[j]), Math.min(hi, end));
        }
        if (!hit(res, rule[j], part)) {
          return res;
        }
      }
    }
    for (int k = 0; k < ips.v6IntervalCount() && res.unresolved == null; k++) {
      BigInteger lo = ips.v6Start(k);
      BigInteger hi = ips.v6End(k);
      for (int j = segment6(lo); j < starts6.length && starts6[j].compareTo(hi) <= 0; j++) {
        IpSet part = null;
        if (collect) {
          BigInteger end = j + 1 < starts6.length ? starts6[j + 1].subtract(BigInteger.ONE) : V6_MAX;
          part = IpSet.ofV6Range(lo.max(starts6[j]), hi.min(end));
        }
        if (!hit(res, rule6[j], part)) {
          return res;
        }
      }
    }
    for (int si = 0; si < symbolic.size(); si++) {
      ResourceId id = symbolic.get(si);
      Integer byRef = byReference.get(id);
      int ri = byRef != null ? byRef : catchAll;
      if (ri < 0) {
        if (unmatchedAllowed) {
          admitSymbolic(res, id);
        } else {
          res.pendingSymbolic = true;
        }
        continue;
      }
      Admission.Rule r = rules.get(ri);
      if (r.unresolved()) {
        res.unresolved = r.label();
        return res;
      }
      if (r.allow()) {
        res.viaAllAzure |= r.allAzure();
        admitSymbolic(res, id);
      } else {
        res.pendingSymbolic = true;
        deny(res, ri);
      }
    }
    return res;
  }

  private static void admitSymbolic(Result res, ResourceId id) {
    if (res.symbolicAdmitted != null) {
      res.symbolicAdmitted.add(id);
    }
  }

  private static void deny(Result res, int ri) {
    res.denied = true;
    res.denyRule = Math.min(res.denyRule, ri);
  }

  /** Applies the first matching rule {@code ri} to one piece of the addresses; false when it is unresolved. */
  private boolean hit(Result res, int ri, IpSet part) {
    if (ri < 0) {
      if (unmatchedAllowed) {
        admit(res, part);
      } else {
        res.notAdmitted = true;
      }
      return true;
    }
    Admission.Rule r = rules.get(ri);
    if (r.unresolved()) {
      res.unresolved = r.label();
      return false;
    }
    if (r.allow()) {
      res.viaAllAzure |= r.allAzure();
      admit(res, part);
    } else {
      res.notAdmitted = true;
      deny(res, ri);
    }
    return true;
  }

  private static void admit(Result res, IpSet part) {
    res.admitted = true;
    if (part != null) {
      res.admittedParts.add(part);
    }
  }

  /** The label of rule {@code i}. */
  String label(int i) {
    return rules.get(i).label();
  }

  /** The v4 segment holding address {@code x}. */
  private int segment(long x) {
    int lo = 0;
    int hi = starts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= x) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** The v6 segment holding address {@code x}. */
  private int segment6(BigInteger x) {
    int lo = 0;
    int hi = starts6.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (starts6[mid].compareTo(x) <= 0) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }
}
