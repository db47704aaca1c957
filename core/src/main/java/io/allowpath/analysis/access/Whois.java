package io.allowpath.analysis.access;

import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.Destination;
import io.allowpath.analysis.egress.Egress;
import io.allowpath.model.IpSet;
import io.allowpath.model.Target;
import java.util.List;

/**
 * The reverse of a 403 log line ({@code allowpath whois IP}): the computes whose traffic leaves from an
 * address (exactly, or from a prefix that contains it or that it contains), by which path and towards
 * which destinations, and the targets whose public rules admit that address.
 */
public record Whois(IpSet query, List<Leaving> computes, List<Admitting> targets, int targetsChecked) {
  public Whois {
    computes = List.copyOf(computes);
    targets = List.copyOf(targets);
  }

  /** A compute leaving from the address towards {@code destination} (the internet, or a service). */
  public record Leaving(Compute compute, Destination destination, Egress egress) {}

  /** A target that admits the address, and what admits it. */
  public record Admitting(Target target, String by) {}
}
