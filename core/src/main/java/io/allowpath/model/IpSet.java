package io.allowpath.model;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressSeqRange;
import inet.ipaddr.IPAddressString;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An immutable set of IP addresses, stored as sorted, disjoint, non-adjacent intervals: IPv4 as
 * {@code long} pairs (fast path: rule matching compiles to binary search over these arrays), IPv6 as
 * {@link BigInteger} pairs. Parsing and CIDR decomposition use the {@code inet.ipaddr} library.
 *
 * <p>A prefix counts as all its addresses (CONTRACT.md: "Prefixes count as all their addresses").
 */
public final class IpSet {
  public static final IpSet EMPTY = new IpSet(new long[0], List.of());
  private static final Pattern DOTTED_QUAD = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}(/\\d{1,2})?$");

  /** v4 intervals: [start0, end0, start1, end1, ...], inclusive, sorted, disjoint, non-adjacent. */
  private final long[] v4;
  /** v6 intervals as pairs of [start, end] inclusive. */
  private final List<BigInteger[]> v6;

  private IpSet(long[] v4, List<BigInteger[]> v6) {
    this.v4 = v4;
    this.v6 = v6;
  }

  /**
   * Parses an address, a CIDR prefix or a range {@code a-b}. Throws {@link IllegalArgumentException}
   * quoting the bad token.
   */
  public static IpSet parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("null is not an IP address or prefix");
    }
    String t = text.strip();
    int dash = t.indexOf('-');
    if (dash > 0) {
      IpSet a = parse(t.substring(0, dash));
      IpSet b = parse(t.substring(dash + 1));
      if (a.v4.length == 2 && b.v4.length == 2) {
        long lo = Math.min(a.v4[0], b.v4[0]);
        long hi = Math.max(a.v4[1], b.v4[1]);
        return new IpSet(new long[] {lo, hi}, List.of());
      }
      throw new IllegalArgumentException("'" + text + "' is not an IPv4 range");
    }
    if (t.indexOf('.') < 0 && t.indexOf(':') < 0) {
      // the library also reads 20-character base-85 IPv6 text, and service tag names such as
      // "AzureMachineLearning" are exactly that long: real inputs are dotted IPv4 or colon IPv6
      throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR prefix");
    }
    IpSet quick = plainV4(t);
    if (quick != null) {
      return quick;
    }
    if (t.indexOf(':') < 0 && !DOTTED_QUAD.matcher(t).matches()) {
      // the library also reads inet_aton forms ("1.2.3" = 1.2.0.3) that Azure's rules never mean
      throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR prefix");
    }
    IPAddress addr;
    try {
      addr = new IPAddressString(t).toAddress();
    } catch (AddressStringException e) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR prefix", e);
    }
    if (addr.getNetworkPrefixLength() != null) {
      addr = addr.toPrefixBlock();
    }
    if (addr.isIPv4()) {
      long lo = addr.getLower().getValue().longValue();
      long hi = addr.getUpper().getValue().longValue();
      return new IpSet(new long[] {lo, hi}, List.of());
    }
    List<BigInteger[]> six = new ArrayList<>();
    six.add(new BigInteger[] {addr.getLower().getValue(), addr.getUpper().getValue()});
    return new IpSet(new long[0], six);
  }

  /**
   * The common case without the library (ingest parses every address of an estate): four decimal octets
   * without leading zeros and an optional prefix length, read as the library reads them (a prefix covers its
   * whole block). Null for anything else, which the library then parses or refuses as before.
   */
  private static IpSet plainV4(String t) {
    int n = t.length();
    int i = 0;
    long addr = 0;
    for (int octet = 0; octet < 4; octet++) {
      int start = i;
      int v = 0;
      while (i < n && i - start < 3 && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
        v = v * 10 + (t.charAt(i) - '0');
        i++;
      }
      int len = i - start;
      if (len == 0 || v > 255 || (len > 1 && t.charAt(start) == '0')) {
        return null;
      }
      addr = (addr << 8) | v;
      if (octet < 3) {
        if (i >= n || t.charAt(i) != '.') {
          return null;
        }
        i++;
      }
    }
    int prefix = 32;
    if (i < n) {
      if (t.charAt(i) != '/' || i + 1 >= n || n - (i + 1) > 2) {
        return null;
      }
      int start = ++i;
      prefix = 0;
      while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
        prefix = prefix * 10 + (t.charAt(i) - '0');
        i++;
      }
      if (i < n || prefix > 32 || (i - start > 1 && t.charAt(start) == '0')) {
        return null;
      }
    }
    long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    long lo = addr & mask;
    return new IpSet(new long[] {lo, lo | (~mask & 0xFFFFFFFFL)}, List.of());
  }

  /** Parses, returning null instead of throwing. */
  public static IpSet tryParse(String text) {
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** An IPv4 interval from two unsigned 32-bit values, inclusive. */
  public static IpSet ofV4Range(long lo, long hi) {
    return new IpSet(new long[] {Math.min(lo, hi), Math.max(lo, hi)}, List.of());
  }

  public static IpSet union(List<IpSet> sets) {
    int n = 0;
    for (IpSet s : sets) {
      n += s.v4.length;
    }
    long[] all = new long[n];
    int k = 0;
    List<BigInteger[]> six = new ArrayList<>();
    for (IpSet s : sets) {
      System.arraycopy(s.v4, 0, all, k, s.v4.length);
      k += s.v4.length;
      six.addAll(s.v6);
    }
    return new IpSet(normalize(all), normalize6(six));
  }

  public IpSet union(IpSet other) {
    return union(List.of(this, other));
  }

  private static long[] normalize(long[] pairs) {
    int n = pairs.length / 2;
    if (n <= 1) {
      return pairs.clone();
    }
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, Comparator.comparingLong(i -> pairs[2 * i]));
    long[] out = new long[pairs.length];
    int m = 0;
    for (int j = 0; j < n; j++) {
      long lo = pairs[2 * idx[j]];
      long hi = pairs[2 * idx[j] + 1];
      if (m > 0 && lo <= out[m - 1] + 1) {
        out[m - 1] = Math.max(out[m - 1], hi);
      } else {
        out[m++] = lo;
        out[m++] = hi;
      }
    }
    return Arrays.copyOf(out, m);
  }

  private static List<BigInteger[]> normalize6(List<BigInteger[]> in) {
    if (in.isEmpty()) {
      return List.of();
    }
    List<BigInteger[]> s = new ArrayList<>(in);
    s.sort(Comparator.comparing(p -> p[0]));
    List<BigInteger[]> out = new ArrayList<>();
    for (BigInteger[] p : s) {
      if (!out.isEmpty() && p[0].compareTo(out.get(out.size() - 1)[1].add(BigInteger.ONE)) <= 0) {
        BigInteger[] last = out.get(out.size() - 1);
        out.set(out.size() - 1, new BigInteger[] {last[0], last[1].max(p[1])});
      } else {
        out.add(p.clone());
      }
    }
    return List.copyOf(out);
  }

  public boolean isEmpty() {
    return v4.length == 0 && v6.isEmpty();
  }

  /** True when every address of {@code other} is in this set. */
  public boolean containsAll(IpSet other) {
    for (int i = 0; i < other.v4.length; i += 2) {
      if (!containsV4Range(other.v4[i], other.v4[i + 1])) {
        return false;
      }
    }
    for (BigInteger[] p : other.v6) {
      boolean in = false;
      for (BigInteger[] q : v6) {
        if (q[0].compareTo(p[0]) <= 0 && q[1].compareTo(p[1]) >= 0) {
          in = true;
          break;
        }
      }
      if (!in) {
        return false;
      }
    }
    return true;
  }

  /** True when a single IPv4 interval lies inside one interval of this set (binary search). */
  public boolean containsV4Range(long lo, long hi) {
    int i = floorIndex(lo);
    return i >= 0 && v4[2 * i + 1] >= hi;
  }

  private int floorIndex(long x) {
    int lo = 0;
    int hi = v4.length / 2 - 1;
    int ans = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (v4[2 * mid] <= x) {
        ans = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return ans;
  }

  /** True when the two sets share at least one address. */
  public boolean intersects(IpSet other) {
    int i = 0;
    int j = 0;
    while (i < v4.length && j < other.v4.length) {
      if (v4[i + 1] < other.v4[j]) {
        i += 2;
      } else if (other.v4[j + 1] < v4[i]) {
        j += 2;
      } else {
        return true;
      }
    }
    for (BigInteger[] p : v6) {
      for (BigInteger[] q : other.v6) {
        if (p[0].compareTo(q[1]) <= 0 && q[0].compareTo(p[1]) <= 0) {
          return true;
        }
      }
    }
    return false;
  }

  /** The addresses of this set that are not in {@code other}. */
  public IpSet minus(IpSet other) {
    List<Long> out = new ArrayList<>();
    int j = 0;
    for (int i = 0; i < v4.length; i += 2) {
      long lo = v4[i];
      long hi = v4[i + 1];
      while (j < other.v4.length && other.v4[j + 1] < lo) {
        j += 2;
      }
      int k = j;
      while (lo <= hi && k < other.v4.length && other.v4[k] <= hi) {
        if (other.v4[k] > lo) {
          out.add(lo);
          out.add(other.v4[k] - 1);
        }
        lo = Math.max(lo, other.v4[k + 1] + 1);
        k += 2;
      }
      if (lo <= hi) {
        out.add(lo);
        out.add(hi);
      }
    }
    long[] arr = new long[out.size()];
    for (int i = 0; i < arr.length; i++) {
      arr[i] = out.get(i);
    }
    List<BigInteger[]> six = new ArrayList<>();
    for (BigInteger[] p : v6) {
      List<BigInteger[]> pieces = new ArrayList<>();
      pieces.add(p);
      for (BigInteger[] q : other.v6) {
        List<BigInteger[]> next = new ArrayList<>();
        for (BigInteger[] r : pieces) {
          if (q[1].compareTo(r[0]) < 0 || q[0].compareTo(r[1]) > 0) {
            next.add(r);
            continue;
          }
          if (q[0].compareTo(r[0]) > 0) {
            next.add(new BigInteger[] {r[0], q[0].subtract(BigInteger.ONE)});
          }
          if (q[1].compareTo(r[1]) < 0) {
            next.add(new BigInteger[] {q[1].add(BigInteger.ONE), r[1]});
          }
        }
        pieces = next;
      }
      six.addAll(pieces);
    }
    return new IpSet(arr, List.copyOf(six));
  }

  public IpSet intersect(IpSet other) {
    return minus(minus(other));
  }

  /** Number of IPv4 addresses in the set. */
  public long v4Count() {
    long c = 0;
    for (int i = 0; i < v4.length; i += 2) {
      c += v4[i + 1] - v4[i] + 1;
    }
    return c;
  }

  public boolean hasV6() {
    return !v6.isEmpty();
  }

  /** How many IPv4 intervals the set has (see {@link #v4Start}, {@link #v4End}: no copy, for hot loops). */
  public int v4IntervalCount() {
    return v4.length / 2;
  }

  /** The first address of the {@code i}-th IPv4 interval (sorted, disjoint). */
  public long v4Start(int i) {
    return v4[2 * i];
  }

  /** The last address of the {@code i}-th IPv4 interval, inclusive. */
  public long v4End(int i) {
    return v4[2 * i + 1];
  }

  /** How many IPv6 intervals the set has (see {@link #v6Start}, {@link #v6End}). */
  public int v6IntervalCount() {
    return v6.size();
  }

  /** The first address of the {@code i}-th IPv6 interval (sorted, disjoint). */
  public BigInteger v6Start(int i) {
    return v6.get(i)[0];
  }

  /** The last address of the {@code i}-th IPv6 interval, inclusive. */
  public BigInteger v6End(int i) {
    return v6.get(i)[1];
  }

  /** An IPv6 interval, inclusive. */
  public static IpSet ofV6Range(BigInteger lo, BigInteger hi) {
    List<BigInteger[]> six = new ArrayList<>();
    six.add(lo.compareTo(hi) <= 0 ? new BigInteger[] {lo, hi} : new BigInteger[] {hi, lo});
    return new IpSet(new long[0], six);
  }

  /** The raw IPv4 interval array (a copy): start, end, start, end... */
  public long[] v4Intervals() {
    return v4.clone();
  }

  /**
   * The set as the fewest CIDR blocks, sorted; a /32 (or /128) is written as a bare address, as
   * CONTRACT.md's {@code publicIps} shows.
   */
  public List<String> toCidrs() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v4.length; i += 2) {
      long lo = v4[i];
      long hi = v4[i + 1];
      while (lo <= hi) {
        int size = Long.numberOfTrailingZeros(lo == 0 ? (1L << 32) : lo);
        size = Math.min(size, 32);
        while (size > 0 && lo + (1L << size) - 1 > hi) {
          size--;
        }
        int len = 32 - size;
        out.add(len == 32 ? v4ToString(lo) : v4ToString(lo) + "/" + len);
        lo += 1L << size;
      }
    }
    for (BigInteger[] p : v6) {
      IPAddressSeqRange r = toV6(p[0]).spanWithRange(toV6(p[1]));
      for (IPAddress block : r.spanWithPrefixBlocks()) {
        out.add(block.isSinglePrefixBlock() && block.getPrefixLength() != null && block.getPrefixLength() == 128
            ? block.withoutPrefixLength().toCanonicalString()
            : block.getPrefixLength() == null ? block.toCanonicalString() : block.toPrefixLengthString());
      }
    }
    return out;
  }

  private static IPAddress toV6(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] b = new byte[16];
    int copy = Math.min(raw.length, 16);
    System.arraycopy(raw, raw.length - copy, b, 16 - copy, copy);
    return new inet.ipaddr.ipv6.IPv6Address(b);
  }

  public static String v4ToString(long v) {
    return ((v >>> 24) & 255) + "." + ((v >>> 16) & 255) + "." + ((v >>> 8) & 255) + "." + (v & 255);
  }

  /** The RFC 1918, RFC 6598 (100.64/10), loopback and link-local ranges: never public. */
  public static final IpSet NON_PUBLIC =
      union(
          List.of(
              parse("10.0.0.0/8"),
              parse("172.16.0.0/12"),
              parse("192.168.0.0/16"),
              parse("100.64.0.0/10"),
              parse("127.0.0.0/8"),
              parse("169.254.0.0/16"),
              parse("0.0.0.0/8")));

  /** Every IPv4 address (0.0.0.0/0). */
  public static final IpSet ALL_V4 = ofV4Range(0, 0xFFFFFFFFL);

  /** The public IPv4 space: every IPv4 address outside {@link #NON_PUBLIC}. */
  public static final IpSet PUBLIC_V4 = ALL_V4.minus(NON_PUBLIC);

  /** True when the set holds at least one address that is not a public address. */
  public boolean touchesNonPublic() {
    return intersects(NON_PUBLIC);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof IpSet s) || !Arrays.equals(v4, s.v4) || v6.size() != s.v6.size()) {
      return false;
    }
    for (int i = 0; i < v6.size(); i++) {
      if (!Arrays.equals(v6.get(i), s.v6.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = Arrays.hashCode(v4);
    for (BigInteger[] p : v6) {
      h = 31 * h + Arrays.hashCode(p);
    }
    return h;
  }

  @Override
  public String toString() {
    return String.join(",", toCidrs());
  }
}
