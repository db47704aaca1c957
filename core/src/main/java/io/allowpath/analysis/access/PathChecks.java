package io.allowpath.analysis.access;

import io.allowpath.model.Service;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.Map;
import io.allowpath.model.ResourceId;
import io.allowpath.analysis.egress.Egress;
import io.allowpath.analysis.egress.SnatMode;
import io.allowpath.model.Estate;
import io.allowpath.model.IpSet;
import io.allowpath.model.IpValue;
import io.allowpath.model.NetworkSecurityGroup;
import io.allowpath.model.PrivateEndpoint;
import io.allowpath.model.ServiceTags;
import io.allowpath.model.Subnet;
import io.allowpath.model.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The checks on the path that hold whatever the target says, for {@link AccessEvaluator#decide}:
 * <ul>
 *   <li>the NSGs on the compute's path, for the target's ports ({@link NsgEvaluator}; AZURE-EGRESS.md §8.9,
 *       §8.10): a blocking rule makes the pair DENY with {@link Reason#NSG_DENY_RULE}, an undecidable tag
 *       UNKNOWN with {@link Reason#SERVICE_TAG_UNRESOLVED};
 *   <li>the firewall's SNAT for network-rule traffic ({@link SnatMode}; §8.4,
 *       https://learn.microsoft.com/azure/firewall/snat-private-range): traffic a network rule allows to a
 *       destination inside the private ranges is not SNATed and cannot leave for a public address;
 *   <li>the BGP caveat (§8.6): a public-path ALLOW over a route a gateway-learned default could override is
 *       AMBIGUOUS with {@link Reason#BGP_ROUTES_MAY_OVERRIDE}.
 * </ul>
 * Computes in an AML managed network have no customer NSG; AML and Databricks nodes have no NIC (and so no
 * NIC NSG or application security group) in the estate.
 */
final class PathChecks {
  /** One check's answer: the outcome it forces, its reason, the resource and detail for the hop. */
  record Finding(Outcome outcome, Reason reason, ResourceId resource, String detail) {}

  private final Estate estate;
  private final NsgEvaluator nsgs;
  /**
   * NSG answers towards a service's public endpoint: they depend only on the subnet, the service (its tag
   * and ports) and the target's region, so they are shared by every target of that destination class
   * (the matrix asks millions of times).
   */
  private final Map<NsgKey, Optional<Finding>> publicAnswers = new ConcurrentHashMap<>();

  private record NsgKey(ResourceId subnet, Service service, String location, String ports) {}

  /** The ports evaluated instead of each service's own (an intent's {@code ports}); null: the service's. */
  private final List<NsgEvaluator.PortRange> portOverride;

  PathChecks(Estate estate, ServiceTags tags) {
    this(estate, tags, null);
  }

  PathChecks(Estate estate, ServiceTags tags, List<Integer> portOverride) {
    this.estate = estate;
    this.nsgs = new NsgEvaluator(tags);
    this.portOverride = portOverride == null ? null : portOverride.stream().map(NsgEvaluator.PortRange::of).toList();
  }

  /**
   * The NSG answer for traffic from the subnet to the target (to the private endpoint's addresses when
   * {@code endpoint} is given); null when the subnet has no NSG. ALLOW findings carry no reason.
   */
  Finding nsg(Subnet subnet, Target t, PrivateEndpoint endpoint) {
    if (subnet == null || subnet.networkSecurityGroup() == null) {
      return null;
    }
    if (endpoint == null) {
      ClientPorts.Need need = ClientPorts.of(t, false);
      return publicAnswers.computeIfAbsent(new NsgKey(subnet.id(), t.service(), t.location(), need.key()),
          k -> Optional.ofNullable(evaluateNsg(subnet, t, null, need))).orElse(null);
    }
    return evaluateNsg(subnet, t, endpoint, ClientPorts.of(t, true));
  }

  /** The key of what {@link #nsg} answers for the target's public endpoint beyond its service and region. */
  static String portsKey(Target t) {
    return ClientPorts.of(t, false).key();
  }

  private Finding evaluateNsg(Subnet subnet, Target t, PrivateEndpoint endpoint, ClientPorts.Need need) {
    NetworkSecurityGroup g = estate.get(subnet.networkSecurityGroup(), NetworkSecurityGroup.class);
    if (g == null) {
      return new Finding(Outcome.ALLOW, null, subnet.networkSecurityGroup(), "network security group "
          + subnet.networkSecurityGroup().name() + " of subnet " + subnet.id().name() + " is not in the estate: its "
          + "rules are not evaluated (export it)");
    }
    IpSet pe = endpoint == null ? null : endpointAddresses(estate, endpoint);
    NsgEvaluator.Destination d = new NsgEvaluator.Destination(t.service().serviceTag(), t.location(), null, pe);
    NsgEvaluator.Decision r;
    if (portOverride != null) {
      r = nsgs.evaluate(List.of(g), subnet.addressPrefixes(), Set.of(), d, portOverride); // an intent's ports, exactly
    } else {
      r = nsgs.evaluate(List.of(g), subnet.addressPrefixes(), Set.of(), d, need.base());
      if (r.outcome() == Outcome.ALLOW && need.needed() != ClientPorts.Extra.NO) {
        Finding redirect = redirectPorts(g, subnet, d, need);
        if (redirect != null) {
          return redirect;
        }
        r = nsgs.evaluate(List.of(g), subnet.addressPrefixes(), Set.of(), d, need.all()); // ALLOW, naming every port
      }
    }
    Reason reason = switch (r.outcome()) {
      case DENY -> Reason.NSG_DENY_RULE;
      case UNKNOWN -> Reason.SERVICE_TAG_UNRESOLVED;
      default -> null;
    };
    return new Finding(r.outcome(), reason, g.id(), r.detail());
  }

  /**
   * The NSG answer for the ports SQL's connection policy adds once 1433 is allowed ({@link ClientPorts}):
   * blocked is a DENY when the policy redirects, AMBIGUOUS when the policy is not in the estate (a proxying
   * server works, a redirecting one does not), both with {@link Reason#SQL_REDIRECT_PORTS_BLOCKED}; UNKNOWN with
   * {@link Reason#SCAN_READ_FAILED} when a scan could not read the policy; null when the ports are allowed.
   */
  private Finding redirectPorts(NetworkSecurityGroup g, Subnet subnet, NsgEvaluator.Destination d,
      ClientPorts.Need need) {
    NsgEvaluator.Decision r = nsgs.evaluate(List.of(g), subnet.addressPrefixes(), Set.of(), d, need.extra());
    return switch (r.outcome()) {
      case DENY -> need.needed() == ClientPorts.Extra.UNREAD
          ? new Finding(Outcome.UNKNOWN, Reason.SCAN_READ_FAILED, g.id(), r.detail() + " (1433 is allowed; "
              + ClientPorts.why(need) + ")")
          : new Finding(need.needed() == ClientPorts.Extra.YES ? Outcome.DENY : Outcome.AMBIGUOUS,
              Reason.SQL_REDIRECT_PORTS_BLOCKED, g.id(), r.detail() + " (1433 is allowed; " + ClientPorts.why(need) + ")");
      case UNKNOWN -> new Finding(Outcome.UNKNOWN, Reason.SERVICE_TAG_UNRESOLVED, g.id(), r.detail()
          + " (" + ClientPorts.why(need) + ")");
      default -> null;
    };
  }

  /** The endpoint's private addresses; its subnet's prefixes when the export does not show them. */
  static IpSet endpointAddresses(Estate estate, PrivateEndpoint pe) {
    List<IpSet> out = IpValue.addresses(pe.privateIps());
    if (out.isEmpty() && pe.subnet() != null) {
      Subnet s = estate.get(pe.subnet(), Subnet.class);
      out = s == null ? out : IpValue.addresses(s.addressPrefixes());
    }
    return out.isEmpty() ? IpSet.NON_PUBLIC : IpSet.union(out);
  }

  /** What the firewall's SNAT does to traffic a network rule allowed; null when nothing changes. */
  static Finding snat(Egress e, FirewallEvaluator.Decision d) {
    if (d.outcome() != Outcome.ALLOW || !"NETWORK".equals(d.allowedBy()) || e.networkRuleSnat() == null) {
      return null;
    }
    return switch (e.networkRuleSnat()) {
      case NOT_SNATED -> new Finding(Outcome.DENY, Reason.FIREWALL_NO_SNAT_TO_INTERNET, e.firewall(),
          "the network rule lets the traffic through but the firewall does not SNAT it (private ranges cover the "
              + "destination): it cannot leave for the target's public address");
      case PARTLY_SNATED -> new Finding(Outcome.AMBIGUOUS, Reason.FIREWALL_NO_SNAT_TO_INTERNET, e.firewall(),
          "the firewall's private ranges cover part of the service's addresses: connections to those are not SNATed");
      case AUTO_LEARN -> new Finding(Outcome.UNKNOWN, Reason.FIREWALL_SNAT_AUTO_LEARN, e.firewall(),
          "the firewall learns its private ranges: whether the network-rule traffic is SNATed is not in the estate");
      case NEEDS_TAGS -> new Finding(Outcome.UNKNOWN, Reason.SERVICE_TAG_UNRESOLVED, e.firewall(),
          "the firewall's private ranges include public addresses; whether they cover the target needs --service-tags");
      default -> null;
    };
  }

  /** The BGP caveat for a decision over the public path; null when it does not apply. */
  static Finding bgp(Egress e, Via via, Outcome o) {
    if (e == null || !e.bgpMayOverride() || via != Via.PUBLIC_IP || (o != Outcome.ALLOW && o != Outcome.AMBIGUOUS)) {
      return null;
    }
    return new Finding(Outcome.AMBIGUOUS, Reason.BGP_ROUTES_MAY_OVERRIDE, null,
        "a gateway-learned default route would take this traffic on-premises, away from the egress the target admits");
  }

  /** The part of {@link #signature} that depends on the egress only (firewall SNAT mode, BGP caveat). */
  static String egressSignature(Egress e) {
    StringBuilder b = new StringBuilder();
    if (e != null && e.networkRuleSnat() != null && e.networkRuleSnat() != SnatMode.SNAT) {
      b.append("|snat:").append(e.networkRuleSnat());
    }
    if (e != null && e.bgpMayOverride()) {
      b.append("|bgp");
    }
    return b.toString();
  }

  /**
   * What of a compute's path these checks read, for {@link Matrix}'s grouping: the subnet's NSG and prefixes,
   * the firewall SNAT mode and the BGP caveat; null when none applies.
   */
  static String signature(Subnet subnet, Egress e) {
    StringBuilder b = new StringBuilder();
    if (subnet != null && subnet.networkSecurityGroup() != null) {
      b.append(subnet.networkSecurityGroup().key()).append(subnet.addressPrefixes());
    }
    b.append(egressSignature(e));
    return b.length() == 0 ? null : b.toString();
  }

  /** {@code o} with the finding applied: the worse outcome, the finding's reason added (admitting ones dropped). */
  static Outcome apply(Finding f, Outcome o, List<Reason> reasons, Set<Reason> admitting) {
    if (f == null || f.reason() == null) {
      return o;
    }
    Outcome w = o.worst(f.outcome());
    if (w == Outcome.DENY || w == Outcome.UNKNOWN) {
      reasons.removeIf(admitting::contains);
    }
    if (!reasons.contains(f.reason())) {
      reasons.add(f.reason());
    }
    return w;
  }
}
