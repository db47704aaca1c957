package io.allowpath.plan;

import io.allowpath.model.ResourceId;
import io.allowpath.model.Target;
import java.util.List;

/** Admit a subnet (reached over a service endpoint) on a target: a VNet rule. {@code name} for SQL/App Service. */
public record AddVnetRule(Target target, ResourceId subnet, String name, Integer priority, List<String> pairs, String why)
    implements Change {
  public AddVnetRule {
    pairs = List.copyOf(pairs);
  }

  @Override
  public String action() {
    return "ADD_VNET_RULE";
  }

  @Override
  public ResourceId resource() {
    return target.id();
  }

  @Override
  public String value() {
    return subnet.value();
  }
}
