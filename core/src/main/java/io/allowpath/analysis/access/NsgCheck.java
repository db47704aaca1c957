package io.allowpath.analysis.access;

import io.allowpath.model.Estate;
import io.allowpath.model.NetworkSecurityGroup;
import io.allowpath.model.ResourceId;
import io.allowpath.model.ServiceTags;
import io.allowpath.model.Subnet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the NSG of a compute subnet answers for outbound TCP to a service tag on some ports, for audits
 * (the required outbound of AML and Databricks computes, AZURE-EGRESS.md §8.9): the same evaluation as the
 * verdicts' NSG step ({@link NsgEvaluator}), towards the tag's public addresses.
 */
public final class NsgCheck {
  /** The answer: ALLOW, DENY or UNKNOWN (a rule naming another tag decides and no tags file), the NSG, and why. */
  public record Answer(Outcome outcome, ResourceId nsg, String rule, String detail) {}

  private final Estate estate;
  private final NsgEvaluator nsgs;

  public NsgCheck(Estate estate, ServiceTags tags) {
    this.estate = estate;
    this.nsgs = new NsgEvaluator(tags);
  }

  /**
   * The subnet NSG's answer for TCP to {@code serviceTag} (in {@code region}, null for a global tag) on every
   * port of {@code ports}; null when the subnet has no NSG or the NSG is not in the estate.
   */
  public Answer outbound(Subnet subnet, String serviceTag, String region, List<Integer> ports) {
    if (subnet == null || subnet.networkSecurityGroup() == null) {
      return null;
    }
    NetworkSecurityGroup g = estate.get(subnet.networkSecurityGroup(), NetworkSecurityGroup.class);
    if (g == null) {
      return null;
    }
    List<NsgEvaluator.PortRange> rs = new ArrayList<>();
    ports.forEach(p -> rs.add(NsgEvaluator.PortRange.of(p)));
    NsgEvaluator.Decision d = nsgs.evaluate(List.of(g), subnet.addressPrefixes(), Set.of(),
        new NsgEvaluator.Destination(serviceTag, region, null, null), rs);
    return new Answer(d.outcome(), d.nsg(), d.rule(), d.detail());
  }
}
