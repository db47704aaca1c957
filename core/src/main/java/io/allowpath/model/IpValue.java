package io.allowpath.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The value of a network field (a subnet's or VNet's prefixes, a public IP's address, a NIC's private address,
 * an NSG rule's or firewall rule's addresses, a route's prefix and next hop), as written and as parsed once,
 * while reading: an IPv4/IPv6 address, a CIDR prefix or an IPv4 range {@code a-b} has {@link #ips()}; a name has
 * none ({@code ips} null) — a service tag ({@code AzureCloud.eastus}, {@code Storage}), a keyword
 * ({@code *}, {@code Any}, {@code VirtualNetwork}, {@code Internet}), an IP group id, or a template value that
 * is known only after deployment. Text that looks like an address but is not one ({@code 999.1.1.1},
 * {@code garbage/99} is a name, {@code 10.0.0.0/40} is not) is refused by {@link #of}, and readers turn that into
 * an ERROR with the JSON pointer (the resource is skipped). Analysis reads {@link #ips()}; outputs restate
 * {@link #text()}.
 */
public record IpValue(String text, IpSet ips) {
  public IpValue {
    if (text == null) {
      throw new IllegalArgumentException("an IP value needs its text");
    }
  }

  /**
   * Parses a field's value: null for null, a name when it does not look like an address, otherwise the address,
   * prefix or range. Throws {@link IllegalArgumentException} quoting the value when it looks like an address and
   * is not one.
   */
  public static IpValue of(String text) {
    if (text == null) {
      return null;
    }
    String t = text.strip();
    if (!looksLikeAddress(t)) {
      return new IpValue(text, null);
    }
    return new IpValue(text, IpSet.parse(t));
  }

  /**
   * Parses a field that holds only addresses (a subnet's prefix, a public IP's address, a private IP): null for
   * null; throws {@link IllegalArgumentException} for anything that is not an address, prefix or range.
   */
  public static IpValue address(String text) {
    if (text == null) {
      return null;
    }
    return new IpValue(text, IpSet.parse(text.strip()));
  }

  /** Parses each value (for code that builds records, such as tests and the planner). */
  public static List<IpValue> list(String... values) {
    return list(List.of(values));
  }

  /** Parses each value. */
  public static List<IpValue> list(List<String> values) {
    List<IpValue> out = new ArrayList<>(values.size());
    for (String v : values) {
      out.add(of(v));
    }
    return out;
  }

  /** The values as written. */
  public static List<String> texts(List<IpValue> values) {
    List<String> out = new ArrayList<>(values.size());
    for (IpValue v : values) {
      out.add(v.text);
    }
    return out;
  }

  /** The text of a value, or null. */
  public static String text(IpValue v) {
    return v == null ? null : v.text;
  }

  /** The addresses of a value, or null for null or a name. */
  public static IpSet ips(IpValue v) {
    return v == null ? null : v.ips;
  }

  /** The addresses of the values that are addresses (names are left out). */
  public static List<IpSet> addresses(List<IpValue> values) {
    List<IpSet> out = new ArrayList<>(values.size());
    for (IpValue v : values) {
      if (v.ips != null) {
        out.add(v.ips);
      }
    }
    return out;
  }

  /**
   * The prefix length of an address or CIDR prefix (32 or 128 for one address); -1 for a name or a range that is
   * not one block.
   */
  public int prefixLength() {
    if (ips == null) {
      return -1;
    }
    if (!ips.hasV6() && ips.v4IntervalCount() == 1) {
      long size = ips.v4End(0) - ips.v4Start(0) + 1;
      return Long.bitCount(size) == 1 && (ips.v4Start(0) & (size - 1)) == 0 ? 32 - Long.numberOfTrailingZeros(size) : -1;
    }
    if (ips.v4IntervalCount() == 0 && ips.v6IntervalCount() == 1) {
      java.math.BigInteger size = ips.v6End(0).subtract(ips.v6Start(0)).add(java.math.BigInteger.ONE);
      boolean aligned = ips.v6Start(0).signum() == 0 || ips.v6Start(0).getLowestSetBit() >= size.getLowestSetBit();
      return size.bitCount() == 1 && aligned ? 128 - size.getLowestSetBit() : -1;
    }
    return -1;
  }

  /** An address, prefix or range (not a name). */
  public boolean isAddress() {
    return ips != null;
  }

  /** The text without surrounding blanks, for comparing names ({@code *}, {@code Internet}, a tag). */
  public String name() {
    return text.strip();
  }

  /**
   * Digits with dots (IPv4) or hex digits with colons (IPv6), optionally with a prefix length or a range: text
   * that is meant as an address. Service tags, keywords and template expressions have other letters.
   */
  public static boolean looksLikeAddress(String t) {
    if (t.isEmpty() || t.length() > 100) {
      return !t.isEmpty() && t.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == '/');
    }
    boolean digit = false;
    boolean sep = false;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (Character.isDigit(c)) {
        digit = true;
      } else if (c == '.' || c == ':') {
        sep = true;
      } else if (!(c == '/' || c == '-' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
        return false;
      }
    }
    return digit && sep;
  }

  @Override
  public String toString() {
    return text;
  }
}
