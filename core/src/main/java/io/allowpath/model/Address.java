package io.allowpath.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IP rule value as written in the estate and as parsed once, while reading: an IPv4/IPv6 address, a
 * CIDR prefix or a range {@code a-b} ({@link #addresses()}), or a reference to a public IP whose address
 * exists only after deployment, written {@code [reference('<public IP id>').ipAddress]} — how
 * {@code plan --write-estate} writes a rule for a public IP it creates ({@link #publicIp()}; its
 * {@code addresses} are then null). Analysis reads only the parsed parts; {@link #text()} is what
 * outputs restate.
 */
public record Address(String text, IpSet addresses, ResourceId publicIp) {
  private static final Pattern REFERENCE =
      Pattern.compile("^\\[reference\\('([^']+)'(?:,\\s*'[^']*')?\\)\\.ipAddress\\]$");

  public Address {
    if (text == null || (addresses == null) == (publicIp == null)) {
      throw new IllegalArgumentException("an address is either addresses or a public IP reference: " + text);
    }
  }

  /**
   * Parses a rule value; throws {@link IllegalArgumentException} quoting the bad token (readers turn it
   * into an ERROR diagnostic with the JSON pointer).
   */
  public static Address parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("expected an IP address, CIDR prefix or range, found null");
    }
    Matcher m = REFERENCE.matcher(text.strip());
    if (m.matches()) {
      return new Address(text, null, ResourceId.of(m.group(1)));
    }
    return new Address(text, IpSet.parse(text), null);
  }

  /** The rule value that refers to a public IP's address (the inverse of a reference's {@link #parse}). */
  public static Address reference(ResourceId publicIp) {
    return new Address("[reference('" + publicIp.value() + "').ipAddress]", null, publicIp);
  }

  /** Parses each value (for code that builds rules, such as tests and the planner). */
  public static List<Address> list(String... values) {
    return list(List.of(values));
  }

  /** Parses each value. */
  public static List<Address> list(List<String> values) {
    List<Address> out = new ArrayList<>(values.size());
    for (String v : values) {
      out.add(parse(v));
    }
    return out;
  }

  /** The values as written. */
  public static List<String> texts(List<Address> addresses) {
    return addresses.stream().map(Address::text).toList();
  }

  /** True for the single address 0.0.0.0 (SQL's and Cosmos DB's "all Azure" marker). */
  public boolean isAllZeros() {
    return addresses != null && addresses.v4Count() == 1 && addresses.v4IntervalCount() == 1 && addresses.v4Start(0) == 0
        && !addresses.hasV6();
  }

  @Override
  public String toString() {
    return text;
  }
}
