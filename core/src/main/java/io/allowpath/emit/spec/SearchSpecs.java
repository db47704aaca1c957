package io.allowpath.emit.spec;

import io.allowpath.emit.Edits;
import io.allowpath.model.NetworkRules;
import io.allowpath.model.ResourceId;
import io.allowpath.model.SearchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * AI Search (Microsoft.Search/searchServices): networkRuleSet.ipRules, no VNet rules; API 2025-05-01 for
 * networkRuleSet.bypass (AZURE-EGRESS.md §4.9). Its ARM resources (Bicep, ARM and the bodies of Terraform's
 * azapi updates) and its az CLI steps.
 */
final class SearchSpecs implements ServiceSpecs {
  static final SearchSpecs INSTANCE = new SearchSpecs();

  private SearchSpecs() {}

  @Override
  public List<ResourceSpec> arm(Edits.TargetEdit t) {
    SearchService s = (SearchService) t.target();
    NetworkRules r = t.rules();
    List<String> notes = ArmSpecs.notes(t);
    List<Node> ips = new ArrayList<>();
    List<Node> vnets = new ArrayList<>();
      t.mergedIps().forEach(a -> ips.add(Node.obj().put("value", ArmSpecs.address(a)).build()));
      if (!t.vnetRules().isEmpty()) {
    notes.add("REVIEW: AI Search has no VNet rules; the VNet rule is not written");
      }
      return List.of(new ResourceSpec(s.id(), "Microsoft.Search/searchServices", ApiVersions.SEARCH, false,
      Node.obj().put("location", s.location())
          .put("sku", Node.obj().put("name", s.sku() == null ? null : s.sku().toLowerCase(Locale.ROOT)).build())
          .put("properties", Node.obj().put("publicNetworkAccess", ArmSpecs.canonical(r.publicNetworkAccess(), "Enabled", "Disabled",
                  "SecuredByPerimeter"))
              .put("networkRuleSet", Node.obj().put("bypass", ArmSpecs.canonical(r.bypass(), "None", "AzureServices"))
                  .put("ipRules", Node.arr(ips)).build())
              .build())
          .build(),
      List.of(), notes));
  }

  @Override
  public List<AzStep> az(Edits.TargetEdit t) {
    List<AzStep> out = new ArrayList<>();
    ResourceId id = t.target().id();
    out.add(new AzStep.Blank());
    t.changes().forEach(ch -> out.add(new AzStep.Comment(Edits.describe(ch))));
    if (!t.ipRules().isEmpty()) {
      out.add(new AzStep.Comment("--ip-rules replaces the list: existing entries are kept"));
      // https://learn.microsoft.com/cli/azure/search/service#az-search-service-update (--ip-rules: separated by ',' or ';')
      out.add(new AzStep.Run(AzCall.az(id, "search", "service", "update").opt("--name", id.name())
          .opt("--ip-rules", ServiceSpecs.commaList(t.mergedIps()))));
    }
    if (!t.vnetRules().isEmpty()) {
      out.add(new AzStep.Comment("NOT APPLIED: AI Search has no VNet rules; use a private endpoint"));
    }
    return out;
  }
}
