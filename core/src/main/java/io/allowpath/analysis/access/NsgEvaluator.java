package io.allowpath.analysis.access;

import io.allowpath.model.IpSet;
import io.allowpath.model.IpValue;
import io.allowpath.model.NetworkSecurityGroup;
import io.allowpath.model.NsgRule;
import io.allowpath.model.Ports;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Service;
import io.allowpath.model.ServiceTags;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Evaluates the outbound rules of the network security groups on a compute's path for one destination and
 * its ports (AZURE-EGRESS.md §8.9, §8.10), as Azure does
 * (https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview ,
 * https://learn.microsoft.com/azure/virtual-network/network-security-group-how-it-works):
 * <ul>
 *   <li>for outbound traffic the NIC's NSG is processed first, then the subnet's; both must allow
 *       (AZURE-EGRESS.md §8.9 says "subnet then NIC": that is the inbound order);
 *   <li>rules by priority, lowest number first; the first rule that matches a packet decides; the default
 *       rules AllowVnetOutBound (65000), AllowInternetOutBound (65001) and DenyAllOutBound (65500) come last;
 *   <li>rules are evaluated on the packet's destination address (a service's public address, or a private
 *       endpoint's private address), before any SNAT, whatever the next hop;
 *   <li>service tags: {@code VirtualNetwork} (the VNet, peered VNets, on-premises), {@code Internet} (public
 *       address space, Azure's public addresses included), the destination service's own tag (global or its
 *       region), {@code AzureCloud[.region]}; any other tag or a public CIDR needs the service tags file,
 *       else the answer is UNKNOWN when such a rule decides;
 *   <li>application security groups: a rule whose source is an ASG matches only computes known to be in it
 *       (AML and Databricks nodes are not); a destination ASG never holds a PaaS public address.
 * </ul>
 * Every port the client needs must be allowed (e.g. SQL 1433 and the redirect range); the first rule that
 * denies any of them is the answer. Rules that cannot be decided are followed both ways: the answer is
 * UNKNOWN only when it changes the outcome.
 */
final class NsgEvaluator {
  /** A destination port range, inclusive. */
  record PortRange(int from, int to) {
    static PortRange of(int port) {
      return new PortRange(port, port);
    }

    @Override
    public String toString() {
      return from == to ? String.valueOf(from) : from + "-" + to;
    }
  }

  /**
   * Where the traffic goes: a service's public endpoint ({@code serviceTag}, {@code region}; {@code addresses}
   * from the service tags file when known), or a private endpoint's private addresses ({@code privateAddresses}
   * non-null: inside the VirtualNetwork tag).
   */
  record Destination(String serviceTag, String region, IpSet addresses, IpSet privateAddresses) {
    boolean isPrivate() {
      return privateAddresses != null;
    }
  }

  /** What the NSGs say: the outcome, the NSG and rule that decided (null when no NSG), and why. */
  record Decision(Outcome outcome, ResourceId nsg, String rule, String detail) {}

  /**
   * The ports every client of the service uses (AZURE-EGRESS.md §8.10); each must be allowed. A target's full
   * set (SQL's connection policy) is {@link ClientPorts#of}.
   */
  static List<PortRange> ports(Service s) {
    return switch (s) {
      // SQL: 1433 (the gateway). The ports the server's connection policy adds (Redirect: 11000-11999) are
      // ClientPorts' business: they depend on the server, not only on the service
      case SQL -> List.of(PortRange.of(1433));
      // Event Hubs / Service Bus: HTTPS and AMQP over WebSockets on 443 work through either; plain AMQP clients
      // need 5671-5672 as well (§8.10), which allowpath does not require since the transport is the client's choice
      default -> List.of(PortRange.of(443));
    };
  }

  private static final List<Ports> ALL_PORTS = Ports.list("*");

  static final List<NsgRule> DEFAULT_OUTBOUND = List.of(
      new NsgRule("AllowVnetOutBound", "Outbound", "Allow", 65000, "*", IpValue.list("VirtualNetwork"), Ports.list("*"),
          IpValue.list("VirtualNetwork"), List.of(), List.of()),
      new NsgRule("AllowInternetOutBound", "Outbound", "Allow", 65001, "*", IpValue.list("Internet"), Ports.list("*"),
          IpValue.list("*"), List.of(), List.of()),
      new NsgRule("DenyAllOutBound", "Outbound", "Deny", 65500, "*", IpValue.list("*"), Ports.list("*"),
          IpValue.list("*"), List.of(), List.of()));

  private enum Match { YES, NO, UNKNOWN }

  private static final int MAX_UNDECIDED = 8;

  private final ServiceTags tags;

  NsgEvaluator(ServiceTags tags) {
    this.tags = tags;
  }

  /**
   * Evaluates {@code nsgs} in processing order (NIC's, then subnet's; nulls skipped) for TCP traffic from
   * {@code sourcePrefixes} (the compute subnet's prefixes) in application security groups {@code sourceAsgs}.
   */
  Decision evaluate(List<NetworkSecurityGroup> nsgs, List<IpValue> sourcePrefixes, Set<ResourceId> sourceAsgs,
      Destination dest, List<PortRange> ports) {
    Decision last = null;
    for (NetworkSecurityGroup nsg : nsgs) {
      if (nsg == null) {
        continue;
      }
      List<NsgRule> rules = new ArrayList<>();
      nsg.rules().stream().filter(NsgRule::outbound).forEach(rules::add);
      rules.addAll(DEFAULT_OUTBOUND);
      rules.sort(Comparator.comparingInt(NsgRule::priority));
      Ctx ctx = new Ctx(rules, sourcePrefixes, sourceAsgs, dest);
      Result r = ctx.walk(0, ports, 0);
      String portText = String.join(", ", ports.stream().map(PortRange::toString).toList());
      String where = "network security group " + nsg.id().name();
      String to = dest.isPrivate() ? "private endpoint " + dest.privateAddresses() : describe(dest);
      if (r.outcome == Outcome.DENY) {
        return new Decision(Outcome.DENY, nsg.id(), r.rule.name(), where + ": outbound rule " + r.rule.name()
            + " (priority " + r.rule.priority() + ", Deny) blocks TCP " + portText + " to " + to);
      }
      if (r.outcome == Outcome.UNKNOWN) {
        return new Decision(Outcome.UNKNOWN, nsg.id(), r.rule.name(), where + ": outbound rule " + r.rule.name()
            + " (priority " + r.rule.priority() + ") uses " + r.why + "; whether it matches " + to
            + " decides, and needs --service-tags");
      }
      last = new Decision(Outcome.ALLOW, nsg.id(), r.rule.name(), where + ": outbound rule " + r.rule.name()
          + " allows TCP " + portText + " to " + to);
    }
    return last == null ? new Decision(Outcome.ALLOW, null, null, "no network security group on the path") : last;
  }

  private static String describe(Destination d) {
    return d.serviceTag() + (d.region() == null ? "" : " in " + d.region());
  }

  /** The outcome of a walk, the rule that decided it and, for UNKNOWN, what could not be decided. */
  private record Result(Outcome outcome, NsgRule rule, String why) {}

  private final class Ctx {
    final List<NsgRule> rules;
    final List<IpValue> sources;
    final Set<ResourceId> asgs;
    final Destination dest;

    Ctx(List<NsgRule> rules, List<IpValue> sources, Set<ResourceId> asgs, Destination dest) {
      this.rules = rules;
      this.sources = sources;
      this.asgs = asgs;
      this.dest = dest;
    }

    /** First-match walk from rule {@code i} for the ports still undecided. */
    Result walk(int i, List<PortRange> remaining, int undecided) {
      for (; i < rules.size(); i++) {
        NsgRule r = rules.get(i);
        if (!tcp(r.protocol())) {
          continue;
        }
        List<PortRange> hit = intersect(remaining, r.destinationPortRanges());
        if (hit.isEmpty()) {
          continue;
        }
        Match src = source(r);
        if (src == Match.NO) {
          continue;
        }
        Match dst = destination(r);
        if (dst == Match.NO) {
          continue;
        }
        if (src == Match.UNKNOWN || dst == Match.UNKNOWN) {
          String why = src == Match.UNKNOWN ? "source " + String.join(", ", IpValue.texts(r.sourceAddressPrefixes()))
              : "destination " + String.join(", ", IpValue.texts(r.destinationAddressPrefixes()));
          // an Allow rule covering every port still open ends its "matches" branch at once: following it both ways
          // does not branch further, so it does not count towards the limit (a run of allow rules for other service
          // tags, as the planner adds one per destination, stays decidable without --service-tags)
          boolean leaf = r.allow() && minus(remaining, hit).isEmpty();
          if (!leaf && undecided >= MAX_UNDECIDED) {
            return new Result(Outcome.UNKNOWN, r, why);
          }
          int next = leaf ? undecided : undecided + 1;
          Result yes = apply(r, i, remaining, hit, next);
          Result no = walk(i + 1, remaining, next);
          if (yes.outcome == no.outcome) {
            return yes;
          }
          return new Result(Outcome.UNKNOWN, r, why);
        }
        return apply(r, i, remaining, hit, undecided);
      }
      return new Result(Outcome.DENY, DEFAULT_OUTBOUND.get(2), null); // unreachable: DenyAllOutBound matches all
    }

    Result apply(NsgRule r, int i, List<PortRange> remaining, List<PortRange> hit, int undecided) {
      if (!r.allow()) {
        return new Result(Outcome.DENY, r, null);
      }
      List<PortRange> left = minus(remaining, hit);
      return left.isEmpty() ? new Result(Outcome.ALLOW, r, null) : walk(i + 1, left, undecided);
    }

    Match source(NsgRule r) {
      if (!r.sourceAsgs().isEmpty()) {
        return r.sourceAsgs().stream().anyMatch(asgs::contains) ? Match.YES : Match.NO;
      }
      if (r.sourceAddressPrefixes().isEmpty()) {
        return Match.YES;
      }
      Match best = Match.NO;
      for (IpValue p : r.sourceAddressPrefixes()) {
        Match m = sourcePrefix(p);
        if (m == Match.YES) {
          return m;
        }
        if (m == Match.UNKNOWN) {
          best = m;
        }
      }
      return best;
    }

    Match sourcePrefix(IpValue v) {
      String p = v.name();
      if (p.equals("*") || p.equalsIgnoreCase("Any") || p.equals("0.0.0.0/0") || p.equalsIgnoreCase("VirtualNetwork")) {
        return Match.YES;
      }
      IpSet cidr = v.ips();
      if (cidr == null) {
        return Match.NO; // Internet, AzureLoadBalancer or a service tag: never a compute's private address
      }
      List<IpSet> src = IpValue.addresses(sources);
      if (src.isEmpty()) {
        return Match.UNKNOWN;
      }
      IpSet all = IpSet.union(src);
      return cidr.containsAll(all) ? Match.YES : cidr.intersects(all) ? Match.UNKNOWN : Match.NO;
    }

    Match destination(NsgRule r) {
      if (!r.destinationAsgs().isEmpty()) {
        return dest.isPrivate() ? Match.UNKNOWN : Match.NO;
      }
      if (r.destinationAddressPrefixes().isEmpty()) {
        return Match.YES;
      }
      Match best = Match.NO;
      for (IpValue p : r.destinationAddressPrefixes()) {
        Match m = destinationPrefix(p);
        if (m == Match.YES) {
          return m;
        }
        if (m == Match.UNKNOWN) {
          best = m;
        }
      }
      return best;
    }

    Match destinationPrefix(IpValue v) {
      String p = v.name();
      if (p.equals("*") || p.equalsIgnoreCase("Any") || p.equals("0.0.0.0/0")) {
        return Match.YES;
      }
      IpSet cidr = v.ips();
      if (dest.isPrivate()) {
        if (p.equalsIgnoreCase("VirtualNetwork")) {
          return Match.YES;
        }
        if (cidr == null) {
          return Match.NO; // Internet and service tags are public address space
        }
        return compare(cidr, dest.privateAddresses());
      }
      if (p.equalsIgnoreCase("Internet")) {
        return Match.YES;
      }
      if (p.equalsIgnoreCase("VirtualNetwork")) {
        return Match.NO;
      }
      if (cidr != null) {
        if (!cidr.intersects(IpSet.PUBLIC_V4)) {
          return Match.NO;
        }
        IpSet addrs = destinationAddresses();
        return addrs == null ? Match.UNKNOWN : compare(cidr, addrs);
      }
      if (p.equalsIgnoreCase(dest.serviceTag())) {
        return Match.YES; // the destination's own tag, e.g. AzureFrontDoor.FrontEnd (a dotted tag that is not regional)
      }
      String base = p.contains(".") ? p.substring(0, p.indexOf('.')) : p;
      String region = p.contains(".") ? p.substring(p.indexOf('.') + 1).toLowerCase(Locale.ROOT) : null;
      if (base.equalsIgnoreCase(dest.serviceTag()) || base.equalsIgnoreCase("AzureCloud")) {
        if (region == null) {
          return Match.YES;
        }
        if (dest.region() == null) {
          return Match.UNKNOWN;
        }
        return region.equals(dest.region().toLowerCase(Locale.ROOT)) ? Match.YES : Match.NO;
      }
      ServiceTags.Tag t = tags == null ? null : tags.get(p);
      IpSet addrs = destinationAddresses();
      if (t == null || addrs == null) {
        return Match.UNKNOWN;
      }
      return compare(t.addresses(), addrs);
    }

    IpSet destinationAddresses() {
      if (dest.addresses() != null) {
        return dest.addresses();
      }
      if (tags == null || dest.serviceTag() == null) {
        return null;
      }
      ServiceTags.Tag t = dest.region() == null ? null : tags.get(dest.serviceTag() + "." + dest.region());
      if (t == null) {
        t = tags.get(dest.serviceTag());
      }
      return t == null ? null : t.addresses();
    }
  }

  private static Match compare(IpSet rule, IpSet addrs) {
    return rule.containsAll(addrs) ? Match.YES : rule.intersects(addrs) ? Match.UNKNOWN : Match.NO;
  }

  private static boolean tcp(String protocol) {
    return protocol == null || protocol.equals("*") || protocol.equalsIgnoreCase("Tcp") || protocol.equalsIgnoreCase("Any");
  }

  /** The parts of {@code ports} inside the rule's ranges. */
  static List<PortRange> intersect(List<PortRange> ports, List<Ports> ruleRanges) {
    List<PortRange> out = new ArrayList<>();
    List<Ports> rr = ruleRanges.isEmpty() ? ALL_PORTS : ruleRanges;
    for (PortRange p : ports) {
      for (Ports r : rr) {
        int lo = Math.max(p.from(), r.from());
        int hi = Math.min(p.to(), r.to());
        if (lo <= hi) {
          out.add(new PortRange(lo, hi));
        }
      }
    }
    return out;
  }

  /** {@code ports} less {@code cut}. */
  static List<PortRange> minus(List<PortRange> ports, List<PortRange> cut) {
    List<PortRange> cur = new ArrayList<>(ports);
    for (PortRange c : cut) {
      List<PortRange> next = new ArrayList<>();
      for (PortRange p : cur) {
        if (c.to() < p.from() || c.from() > p.to()) {
          next.add(p);
          continue;
        }
        if (p.from() < c.from()) {
          next.add(new PortRange(p.from(), c.from() - 1));
        }
        if (p.to() > c.to()) {
          next.add(new PortRange(c.to() + 1, p.to()));
        }
      }
      cur = next;
    }
    return cur;
  }
}
