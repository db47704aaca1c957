package io.allowpath.model;

import java.util.List;

/** {@code Microsoft.Network/networkSecurityGroups}, kept for later analysis. */
public record NetworkSecurityGroup(ResourceId id, String location, List<NsgRule> rules) implements Resource {
  public NetworkSecurityGroup {
    rules = List.copyOf(rules);
  }
}
