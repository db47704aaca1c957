package io.allowpath.analysis.access;

import io.allowpath.analysis.access.NsgEvaluator.PortRange;
import io.allowpath.model.Estate;
import io.allowpath.model.IpSet;
import io.allowpath.model.IpValue;
import io.allowpath.model.NetworkSecurityGroup;
import io.allowpath.model.NsgRule;
import io.allowpath.model.PrivateEndpoint;
import io.allowpath.model.ResourceId;
import io.allowpath.model.ServiceTags;
import io.allowpath.model.Subnet;
import io.allowpath.model.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The NSG step of the decision ({@link PathChecks#nsg}: the compute subnet's NSG, for every port a client of the
 * target needs, {@link ClientPorts}) asked again for the planner, which must know the rule that blocks a pair and
 * whether an outbound rule it adds lets the traffic through (issue 13 §8, "an NSG rule to add when an NSG blocks a
 * fixable pair"). Read-only: the same {@link NsgEvaluator} the decision uses, on the NSG with the candidate rules
 * added (https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview: rules by priority,
 * lowest number first, the first match decides).
 */
public final class NsgPlanning {
  /**
   * What the subnet's NSG says for every port the pair needs: {@code outcome} (ALLOW, DENY or UNKNOWN), the NSG,
   * the deciding rule's name and priority (0 when it allows), and the evaluator's text.
   */
  public record Answer(Outcome outcome, ResourceId nsg, String rule, int priority, String detail) {}

  private final Estate estate;
  private final NsgEvaluator nsgs;

  public NsgPlanning(Estate estate, ServiceTags tags) {
    this.estate = estate;
    this.nsgs = new NsgEvaluator(tags);
  }

  /** The TCP ports a client of {@code t} needs, over its public endpoint or a private endpoint, as rules write them. */
  public static List<String> ports(Target t, boolean privateEndpoint) {
    return ClientPorts.of(t, privateEndpoint).all().stream().map(PortRange::toString).toList();
  }

  /**
   * The answer of {@code subnet}'s NSG, with {@code extra} rules added, for traffic to {@code t}'s public endpoint
   * ({@code endpoint} null) or to the private endpoint's addresses, on every port the pair needs; null when the
   * subnet has no NSG or the NSG is not in the estate.
   */
  public Answer evaluate(Subnet subnet, Target t, PrivateEndpoint endpoint, List<NsgRule> extra) {
    if (subnet == null || subnet.networkSecurityGroup() == null) {
      return null;
    }
    NetworkSecurityGroup g = estate.get(subnet.networkSecurityGroup(), NetworkSecurityGroup.class);
    if (g == null) {
      return null;
    }
    List<NsgRule> rules = new ArrayList<>(g.rules());
    rules.addAll(extra);
    NetworkSecurityGroup with = new NetworkSecurityGroup(g.id(), g.location(), rules);
    NsgEvaluator.Destination d = new NsgEvaluator.Destination(t.service().serviceTag(), t.location(), null,
        endpoint == null ? null : addresses(endpoint));
    NsgEvaluator.Decision r = nsgs.evaluate(List.of(with), subnet.addressPrefixes(), Set.of(), d,
        ClientPorts.of(t, endpoint != null).all());
    int priority = 0;
    if (r.outcome() != Outcome.ALLOW && r.rule() != null) {
      for (NsgRule x : rules) {
        if (x.outbound() && x.name().equalsIgnoreCase(r.rule())) {
          priority = x.priority();
        }
      }
      for (NsgRule x : NsgEvaluator.DEFAULT_OUTBOUND) {
        if (priority == 0 && x.name().equalsIgnoreCase(r.rule())) {
          priority = x.priority();
        }
      }
    }
    return new Answer(r.outcome(), g.id(), r.rule(), priority, r.detail());
  }

  /** The endpoint's private addresses as /32 prefixes, for a rule's destination; empty when the estate lacks them. */
  public static List<String> endpointPrefixes(PrivateEndpoint pe) {
    List<String> out = new ArrayList<>();
    for (IpSet s : IpValue.addresses(pe.privateIps())) {
      out.addAll(s.toCidrs());
    }
    return out;
  }

  private IpSet addresses(PrivateEndpoint pe) {
    return PathChecks.endpointAddresses(estate, pe);
  }
}
