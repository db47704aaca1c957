package io.allowpath.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A destination port field's value (an NSG rule's {@code destinationPortRange(s)}, a firewall network rule's
 * {@code destinationPorts}), as written and as parsed once, while reading: {@code *} (or {@code Any}) is every port,
 * {@code 443} one port, {@code 1000-2000} a range, both ends included, each 0–65535. Text that is none of these is
 * refused by {@link #parse} (readers turn it into an ERROR at the value's JSON pointer; the resource is skipped).
 */
public record Ports(String text, int from, int to) {
  public Ports {
    if (text == null || from < 0 || to > 65535 || from > to) {
      throw new IllegalArgumentException("not a port range: " + text);
    }
  }

  /** Parses a port field's value; throws {@link IllegalArgumentException} quoting it. */
  public static Ports parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("expected a port, a range a-b or *, found null");
    }
    String t = text.strip();
    if (t.equals("*") || t.equalsIgnoreCase("Any")) {
      return new Ports(text, 0, 65535);
    }
    int dash = t.indexOf('-');
    int from = port(dash < 0 ? t : t.substring(0, dash), text);
    int to = dash < 0 ? from : port(t.substring(dash + 1), text);
    if (from > to) {
      throw new IllegalArgumentException("'" + text + "' is a port range whose start is after its end");
    }
    return new Ports(text, from, to);
  }

  private static int port(String s, String text) {
    String t = s.strip();
    if (t.isEmpty() || t.length() > 5 || !t.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("'" + text + "' is not a port (0-65535), a range a-b or *");
    }
    int p = Integer.parseInt(t);
    if (p > 65535) {
      throw new IllegalArgumentException("'" + text + "' is not a port (0-65535), a range a-b or *");
    }
    return p;
  }

  /** Parses each value (for code that builds rules, such as the planner and tests). */
  public static List<Ports> list(List<String> values) {
    List<Ports> out = new ArrayList<>(values.size());
    for (String v : values) {
      out.add(parse(v));
    }
    return out;
  }

  /** Parses each value. */
  public static List<Ports> list(String... values) {
    return list(List.of(values));
  }

  /** The values as written. */
  public static List<String> texts(List<Ports> values) {
    List<String> out = new ArrayList<>(values.size());
    for (Ports p : values) {
      out.add(p.text);
    }
    return out;
  }

  /** True when {@code port} is in the range. */
  public boolean contains(int port) {
    return port >= from && port <= to;
  }

  @Override
  public String toString() {
    return text;
  }
}
