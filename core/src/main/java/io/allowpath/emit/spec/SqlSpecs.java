package io.allowpath.emit.spec;

import io.allowpath.emit.Edits;
import io.allowpath.model.NetworkRules;
import io.allowpath.model.ResourceId;
import io.allowpath.model.SqlServer;
import io.allowpath.plan.AddIpRule;
import io.allowpath.plan.AddVnetRule;
import io.allowpath.plan.AddressRef;
import java.util.ArrayList;
import java.util.List;

/**
 * Azure SQL (Microsoft.Sql/servers): firewall rules (start–end ranges) and VNet rules are child resources
 * (AZURE-EGRESS.md §4.3). Its ARM resources (Bicep, ARM and the bodies of Terraform's azapi updates) and its az
 * CLI steps.
 */
final class SqlSpecs implements ServiceSpecs {
  static final SqlSpecs INSTANCE = new SqlSpecs();

  private SqlSpecs() {}

  @Override
  public List<ResourceSpec> arm(Edits.TargetEdit t) {
    SqlServer sql = (SqlServer) t.target();
    NetworkRules r = t.rules();
    List<String> notes = ArmSpecs.notes(t);
    List<Node> ips = new ArrayList<>();
    List<Node> vnets = new ArrayList<>();
      List<ResourceSpec> out = new ArrayList<>();
      for (AddIpRule a : t.ipRules()) {
    AddressRef end = a.endAddress() == null ? a.address() : a.endAddress();
    out.add(new ResourceSpec(sql.id().child("firewallRules", Edits.ruleName(a.name(), a.address())),
        "Microsoft.Sql/servers/firewallRules", ApiVersions.SQL, false,
        Node.obj().put("properties", Node.obj().put("startIpAddress", ArmSpecs.address(a.address()))
            .put("endIpAddress", ArmSpecs.address(end)).build()).build(),
        List.of(), List.of(Edits.describe(a))));
      }
      for (AddVnetRule v : t.vnetRules()) {
    out.add(new ResourceSpec(sql.id().child("virtualNetworkRules", Edits.vnetRuleName(v.name(), v.subnet())),
        "Microsoft.Sql/servers/virtualNetworkRules", ApiVersions.SQL, false,
        Node.obj().put("properties", Node.obj().put("virtualNetworkSubnetId", v.subnet().value())
            .put("ignoreMissingVnetServiceEndpoint", false).build()).build(),
        List.of(), List.of(Edits.describe(v))));
      }
      return out;
  }

  @Override
  public List<AzStep> az(Edits.TargetEdit t) {
    List<AzStep> out = new ArrayList<>();
    ResourceId id = t.target().id();
    for (AddIpRule a : t.ipRules()) {
      ServiceSpecs.header(out, a);
      // https://learn.microsoft.com/cli/azure/sql/server/firewall-rule#az-sql-server-firewall-rule-create
      String name = Edits.ruleName(a.name(), a.address());
      out.add(new AzStep.Unless(AzCall.plain("resource", "show").opt("--ids", id.child("firewallRules", name).value()),
          AzCall.az(id, "sql", "server", "firewall-rule", "create").opt("--server", id.name()).opt("--name", name)
              .opt("--start-ip-address", ArmSpecs.address(a.address()))
              .opt("--end-ip-address", ArmSpecs.address(a.endAddress() == null ? a.address() : a.endAddress()))));
    }
    for (AddVnetRule v : t.vnetRules()) {
      ServiceSpecs.header(out, v);
      // https://learn.microsoft.com/cli/azure/sql/server/vnet-rule#az-sql-server-vnet-rule-create (--subnet: name or id)
      String name = Edits.vnetRuleName(v.name(), v.subnet());
      out.add(new AzStep.Unless(AzCall.plain("resource", "show").opt("--ids", id.child("virtualNetworkRules", name).value()),
          AzCall.az(id, "sql", "server", "vnet-rule", "create").opt("--server", id.name()).opt("--name", name)
              .opt("--subnet", v.subnet().value())));
    }
    return out;
  }
}
