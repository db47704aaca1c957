package io.allowpath.emit.spec;

import io.allowpath.emit.Edits;
import io.allowpath.model.CognitiveAccount;
import io.allowpath.model.NetworkRules;
import io.allowpath.model.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * AI services (Microsoft.CognitiveServices/accounts): properties.networkAcls (AZURE-EGRESS.md §4.8). Its ARM
 * resources (Bicep, ARM and the bodies of Terraform's azapi updates) and its az CLI steps.
 */
final class CognitiveSpecs implements ServiceSpecs {
  static final CognitiveSpecs INSTANCE = new CognitiveSpecs();

  private CognitiveSpecs() {}

  @Override
  public List<ResourceSpec> arm(Edits.TargetEdit t) {
    CognitiveAccount c = (CognitiveAccount) t.target();
    NetworkRules r = t.rules();
    List<String> notes = ArmSpecs.notes(t);
    List<Node> ips = new ArrayList<>();
    List<Node> vnets = new ArrayList<>();
      t.mergedIps().forEach(a -> ips.add(Node.obj().put("value", ArmSpecs.address(a)).build()));
      t.mergedSubnets().forEach(id -> vnets.add(Node.obj().put("id", id.value()).put("ignoreMissingVnetServiceEndpoint", false).build()));
      notes.add("REVIEW: an account PUT also resets settings the model does not carry (identity, disableLocalAuth, "
      + "restrictOutboundNetworkAccess, encryption, ...); compare with the deployed account");
      return List.of(new ResourceSpec(c.id(), "Microsoft.CognitiveServices/accounts", ApiVersions.COGNITIVE, false,
      Node.obj().put("location", c.location()).put("kind", c.kind())
          .put("sku", c.skuName() == null ? null : Node.obj().put("name", c.skuName()).build())
          .put("properties", Node.obj().put("customSubDomainName", c.customSubDomain())
              .put("publicNetworkAccess", r.publicNetworkAccess())
              .put("networkAcls", Node.obj().put("defaultAction", ArmSpecs.orDefault(r.defaultAction(), "Allow"))
                  .put("ipRules", Node.arr(ips)).put("virtualNetworkRules", Node.arr(vnets)).build())
              .build())
          .build(),
      List.of(), notes));
  }

  @Override
  public List<AzStep> az(Edits.TargetEdit t) {
    // https://learn.microsoft.com/cli/azure/cognitiveservices/account/network-rule#az-cognitiveservices-account-network-rule-add
    return ServiceSpecs.networkRuleAdds(t, "properties.networkAcls",
        id -> AzCall.az(id, "cognitiveservices", "account", "network-rule", "add").opt("--name", id.name()), true);
  }

  @Override
  public String putGap(Target t) {
    CognitiveAccount c = (CognitiveAccount) t;
    return c.putGap();
  }
}
