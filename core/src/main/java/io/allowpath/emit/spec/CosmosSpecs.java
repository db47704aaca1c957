package io.allowpath.emit.spec;

import io.allowpath.emit.Edits;
import io.allowpath.model.CosmosAccount;
import io.allowpath.model.NetworkRules;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Target;
import io.allowpath.plan.AddVnetRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Cosmos DB (Microsoft.DocumentDB/databaseAccounts): ipRules (ipAddressOrRange) and virtualNetworkRules on the
 * account; the CLI sets the IP list whole (AZURE-EGRESS.md §4.4). Its ARM resources (Bicep, ARM and the bodies
 * of Terraform's azapi updates) and its az CLI steps.
 */
final class CosmosSpecs implements ServiceSpecs {
  static final CosmosSpecs INSTANCE = new CosmosSpecs();

  private CosmosSpecs() {}

  @Override
  public List<ResourceSpec> arm(Edits.TargetEdit t) {
    CosmosAccount c = (CosmosAccount) t.target();
    NetworkRules r = t.rules();
    List<String> notes = ArmSpecs.notes(t);
    List<Node> ips = new ArrayList<>();
    List<Node> vnets = new ArrayList<>();
      t.mergedIps().forEach(a -> ips.add(Node.obj().put("ipAddressOrRange", ArmSpecs.address(a)).build()));
      t.mergedSubnets().forEach(id -> vnets.add(Node.obj().put("id", id.value()).put("ignoreMissingVNetServiceEndpoint", false).build()));
      notes.add("REVIEW: a Cosmos DB PUT also resets account settings the model does not carry (enableAutomaticFailover, "
      + "enableMultipleWriteLocations, backupPolicy, disableLocalAuth, ...); compare with the deployed account");
      boolean vnetFilter = c.virtualNetworkFilterEnabled() || !t.vnetRules().isEmpty();
      List<Node> locs = new ArrayList<>();
      if (c.locations() != null) {
    c.locations().forEach(l -> locs.add(Node.obj().put("locationName", l.name()).put("failoverPriority", l.failoverPriority())
        .put("isZoneRedundant", l.zoneRedundant()).build()));
      }
      Node consistency = c.consistencyLevel() == null ? null : Node.obj().put("defaultConsistencyLevel", c.consistencyLevel())
      .put("maxStalenessPrefix", c.maxStalenessPrefix() == null ? null : new Node.Num(c.maxStalenessPrefix()))
      .put("maxIntervalInSeconds", c.maxIntervalInSeconds() == null ? null : new Node.Num(c.maxIntervalInSeconds()))
      .build();
      return List.of(new ResourceSpec(c.id(), "Microsoft.DocumentDB/databaseAccounts", ApiVersions.COSMOS, false,
      Node.obj().put("location", c.location()).put("kind", c.kind())
          .put("properties", Node.obj().put("databaseAccountOfferType", c.databaseAccountOfferType())
              .put("consistencyPolicy", consistency)
              .put("locations", c.locations() == null ? null : Node.arr(locs))
              .put("capabilities", c.capabilities() == null ? null
                  : Node.arr(c.capabilities().stream().map(n -> Node.obj().put("name", n).build()).toList()))
              .put("publicNetworkAccess", r.publicNetworkAccess())
              .put("ipRules", Node.arr(ips))
              .put("isVirtualNetworkFilterEnabled", vnetFilter)
              .put("virtualNetworkRules", Node.arr(vnets)).build())
          .build(),
      List.of(), notes));
  }

  @Override
  public List<AzStep> az(Edits.TargetEdit t) {
    List<AzStep> out = new ArrayList<>();
    CosmosAccount c = (CosmosAccount) t.target();
    ResourceId id = c.id();
    out.add(new AzStep.Blank());
    t.changes().forEach(ch -> out.add(new AzStep.Comment(Edits.describe(ch))));
    if (!t.ipRules().isEmpty()) {
      out.add(new AzStep.Comment("--ip-range-filter replaces the list: existing entries are kept"));
      // https://learn.microsoft.com/cli/azure/cosmosdb#az-cosmosdb-update (--ip-range-filter: comma-separated, no spaces)
      out.add(new AzStep.Run(AzCall.az(id, "cosmosdb", "update").opt("--name", id.name())
          .opt("--ip-range-filter", ServiceSpecs.commaList(t.mergedIps()))));
    }
    if (!t.vnetRules().isEmpty() && !c.virtualNetworkFilterEnabled()) {
      out.add(new AzStep.Run(AzCall.az(id, "cosmosdb", "update").opt("--name", id.name())
          .opt("--enable-virtual-network", "true")));
    }
    for (AddVnetRule v : t.vnetRules()) {
      // https://learn.microsoft.com/cli/azure/cosmosdb/network-rule#az-cosmosdb-network-rule-add (--subnet: name or id)
      out.add(ServiceSpecs.guardedAdd(id, "properties.virtualNetworkRules[].id", List.of(Node.str(v.subnet().value())),
          AzCall.az(id, "cosmosdb", "network-rule", "add").opt("--name", id.name()).opt("--subnet", v.subnet().value())));
    }
    return out;
  }

  @Override
  public String putGap(Target t) {
    CosmosAccount c = (CosmosAccount) t;
    return c.putGap();
  }
}
