package io.allowpath.emit.spec;

import io.allowpath.emit.Edits;
import io.allowpath.model.MessagingNamespace;
import io.allowpath.model.NetworkRules;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Service;
import io.allowpath.plan.AddIpRule;
import io.allowpath.plan.AddVnetRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Event Hubs and Service Bus namespaces: the networkRuleSets/default child (ipMask rules, subnet rules) (AZURE-
 * EGRESS.md §4.7). Its ARM resources (Bicep, ARM and the bodies of Terraform's azapi updates) and its az CLI
 * steps.
 */
final class MessagingSpecs implements ServiceSpecs {
  static final MessagingSpecs INSTANCE = new MessagingSpecs();

  private MessagingSpecs() {}

  @Override
  public List<ResourceSpec> arm(Edits.TargetEdit t) {
    MessagingNamespace m = (MessagingNamespace) t.target();
    NetworkRules r = t.rules();
    List<String> notes = ArmSpecs.notes(t);
    List<Node> ips = new ArrayList<>();
    List<Node> vnets = new ArrayList<>();
      t.mergedIps().forEach(a -> ips.add(Node.obj().put("ipMask", ArmSpecs.address(a)).put("action", "Allow").build()));
      t.mergedSubnets().forEach(id -> vnets.add(Node.obj().put("subnet", Node.obj().put("id", id.value()).build())
      .put("ignoreMissingVnetServiceEndpoint", false).build()));
      boolean hubs = m.service() == Service.EVENT_HUBS;
      String ns = hubs ? "Microsoft.EventHub" : "Microsoft.ServiceBus";
      return List.of(new ResourceSpec(m.id().child("networkRuleSets", "default"), ns + "/namespaces/networkRuleSets",
      hubs ? ApiVersions.EVENT_HUB : ApiVersions.SERVICE_BUS, false,
      Node.obj().put("properties", Node.obj().put("publicNetworkAccess", ArmSpecs.orDefault(m.publicNetworkAccess(), "Enabled"))
          .put("defaultAction", ArmSpecs.orDefault(r.defaultAction(), "Allow"))
          .put("trustedServiceAccessEnabled", m.trustedServiceAccessEnabled())
          .put("ipRules", Node.arr(ips)).put("virtualNetworkRules", Node.arr(vnets)).build()).build(),
      List.of(), notes));
  }

  @Override
  public List<AzStep> az(Edits.TargetEdit t) {
    List<AzStep> out = new ArrayList<>();
    MessagingNamespace m = (MessagingNamespace) t.target();
    ResourceId id = m.id();
    String group = m.service() == Service.EVENT_HUBS ? "eventhubs" : "servicebus";
    for (AddIpRule a : t.ipRules()) {
      ServiceSpecs.header(out, a);
      // https://learn.microsoft.com/cli/azure/eventhubs/namespace/network-rule-set/ip-rule#az-eventhubs-namespace-network-rule-set-ip-rule-add
      // and https://learn.microsoft.com/cli/azure/servicebus/namespace/network-rule-set/ip-rule#az-servicebus-namespace-network-rule-set-ip-rule-add
      out.add(ServiceSpecs.guardedAdd(id.child("networkRuleSets", "default"), "properties.ipRules[].ipMask", ServiceSpecs.ipPatterns(a.address()),
          AzCall.az(id, group, "namespace", "network-rule-set", "ip-rule", "add").opt("--namespace-name", id.name())
              .opt("--ip-rule", new Node.Concat(List.of(Node.str("ip-address="), ArmSpecs.address(a.address()))),
                  Node.str("action=Allow"))));
    }
    for (AddVnetRule v : t.vnetRules()) {
      ServiceSpecs.header(out, v);
      // https://learn.microsoft.com/cli/azure/eventhubs/namespace/network-rule-set/virtual-network-rule and
      // https://learn.microsoft.com/cli/azure/servicebus/namespace/network-rule-set/virtual-network-rule (--subnet id=... ignore-missing-endpoint=...)
      out.add(ServiceSpecs.guardedAdd(id.child("networkRuleSets", "default"), "properties.virtualNetworkRules[].subnet.id",
          List.of(Node.str(v.subnet().value())),
          AzCall.az(id, group, "namespace", "network-rule-set", "virtual-network-rule", "add")
              .opt("--namespace-name", id.name())
              .opt("--subnet", Node.str("id=" + v.subnet().value()), Node.str("ignore-missing-endpoint=false"))));
    }
    return out;
  }
}
