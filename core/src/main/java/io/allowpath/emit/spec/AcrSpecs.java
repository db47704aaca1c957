package io.allowpath.emit.spec;

import io.allowpath.emit.Edits;
import io.allowpath.model.ContainerRegistry;
import io.allowpath.model.NetworkRules;
import java.util.ArrayList;
import java.util.List;

/**
 * Container registries (Microsoft.ContainerRegistry/registries, Premium): properties.networkRuleSet.ipRules
 * (AZURE-EGRESS.md §4.5). Its ARM resources (Bicep, ARM and the bodies of Terraform's azapi updates) and its az
 * CLI steps.
 */
final class AcrSpecs implements ServiceSpecs {
  static final AcrSpecs INSTANCE = new AcrSpecs();

  private AcrSpecs() {}

  @Override
  public List<ResourceSpec> arm(Edits.TargetEdit t) {
    ContainerRegistry acr = (ContainerRegistry) t.target();
    NetworkRules r = t.rules();
    List<String> notes = ArmSpecs.notes(t);
    List<Node> ips = new ArrayList<>();
    List<Node> vnets = new ArrayList<>();
      t.mergedIps().forEach(a -> ips.add(Node.obj().put("action", "Allow").put("value", ArmSpecs.address(a)).build()));
      notes.add("REVIEW: other registry properties a PUT omits return to their defaults; compare with the deployed registry");
      if (!t.vnetRules().isEmpty()) {
    notes.add("REVIEW: ACR VNet (service endpoint) rules are deprecated and not written; use a private endpoint");
      }
      return List.of(new ResourceSpec(acr.id(), "Microsoft.ContainerRegistry/registries", ApiVersions.ACR, false,
      Node.obj().put("location", acr.location()).put("sku", Node.obj().put("name", acr.sku()).build())
          .put("properties", Node.obj().put("publicNetworkAccess", r.publicNetworkAccess())
              .put("networkRuleBypassOptions", r.bypass())
              .put("networkRuleSet", Node.obj().put("defaultAction", ArmSpecs.orDefault(r.defaultAction(), "Allow"))
                  .put("ipRules", Node.arr(ips)).build())
              .build())
          .build(),
      List.of(), notes));
  }

  @Override
  public List<AzStep> az(Edits.TargetEdit t) {
    // https://learn.microsoft.com/cli/azure/acr/network-rule#az-acr-network-rule-add (IP rules only here)
    return ServiceSpecs.networkRuleAdds(t, "properties.networkRuleSet",
        id -> AzCall.az(id, "acr", "network-rule", "add").opt("--name", id.name()), false);
  }
}
