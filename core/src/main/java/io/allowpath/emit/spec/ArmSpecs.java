package io.allowpath.emit.spec;

import io.allowpath.model.Delegation;
import io.allowpath.emit.Edits;
import io.allowpath.model.IpValue;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Service;
import io.allowpath.model.ServiceEndpoint;
import io.allowpath.model.Subnet;
import io.allowpath.model.Target;
import io.allowpath.plan.AddFirewallRule;
import io.allowpath.plan.AddManagedPrivateEndpointRule;
import io.allowpath.plan.AddNsgRule;
import io.allowpath.plan.AddressRef;
import io.allowpath.plan.Change;
import io.allowpath.plan.CreateNatGateway;
import io.allowpath.plan.CreateOutboundLoadBalancer;
import io.allowpath.plan.Plan;
import io.allowpath.plan.RouteToFirewall;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a plan into the ARM resources a deployment must declare, grouped by (subscription, resource
 * group), for the Bicep and ARM writers. An ARM PUT replaces lists, so every target carries its full
 * rule list after the plan (existing rules first); subnets are re-declared with their address prefix
 * and every property the model knows (Microsoft.Network requires {@code addressPrefix} on PUT and
 * resets what a PUT omits). A whole-resource PUT restates what the estate shows (Key Vault sku, tenant,
 * access policies and settings; Cosmos DB kind, offer type, locations, consistency and capabilities; the
 * Cognitive Services sku; the AML workspace identity and sku). When the estate does not show what such a
 * PUT needs ({@link #putGap}), there is no resource but a group note pointing to the az CLI and Terraform
 * outputs, which merge. Azure Firewall rules: see {@link FirewallSpecs}.
 *
 * <p>Groups that create public IPs come first, then groups by subscription/resource group; resources in a
 * group are ordered public IPs, NAT gateways/load balancers/route tables, subnets, then by id.
 */
public final class ArmSpecs {
  private ArmSpecs() {}

  private static final class Group {
    final String sub;
    final String rg;
    final List<ResourceSpec> specs = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    Group(String sub, String rg) {
      this.sub = sub;
      this.rg = rg;
    }
  }

  public static List<Deployment> of(Plan plan) {
    Edits edits = new Edits(plan);
    Map<String, Group> groups = new TreeMap<>();
    java.util.function.Function<ResourceId, Group> g = id -> groups.computeIfAbsent(
        (id.subscription() + "/" + id.resourceGroup()).toLowerCase(Locale.ROOT),
        k -> new Group(id.subscription(), id.resourceGroup()));
    Map<ResourceId, List<AddFirewallRule>> firewallChanges = new TreeMap<>();
    for (Change c : plan.changes()) {
      if (c instanceof CreateNatGateway n) {
        g.apply(n.publicIp()).specs.add(publicIp(n.publicIp(), n.location(), List.of(Edits.describe(c))));
        g.apply(n.natGateway()).specs.add(new ResourceSpec(n.natGateway(), ApiVersions.NAT_GATEWAY, ApiVersions.NETWORK,
            false,
            Node.obj().put("location", n.location()).put("sku", Node.obj().put("name", "Standard").build())
                .put("properties", Node.obj().put("idleTimeoutInMinutes", 4)
                    .put("publicIpAddresses", Node.arr(List.of(Node.obj().put("id", new Node.IdOf(n.publicIp())).build())))
                    .build())
                .build(),
            List.of(), List.of(Edits.describe(c))));
      } else if (c instanceof CreateOutboundLoadBalancer lb) {
        g.apply(lb.publicIp()).specs.add(publicIp(lb.publicIp(), lb.location(), List.of(Edits.describe(c))));
        g.apply(lb.loadBalancer()).specs.add(loadBalancer(lb));
      } else if (c instanceof RouteToFirewall r) {
        g.apply(r.routeTable()).specs.add(new ResourceSpec(r.routeTable(), ApiVersions.ROUTE_TABLE, ApiVersions.NETWORK,
            false,
            Node.obj().put("location", r.location())
                .put("properties", Node.obj().put("disableBgpRoutePropagation", false)
                    .put("routes", Node.arr(List.of(Node.obj().put("name", "default-to-firewall")
                        .put("properties", Node.obj().put("addressPrefix", "0.0.0.0/0")
                            .put("nextHopType", "VirtualAppliance").put("nextHopIpAddress", r.firewallPrivateIp()).build())
                        .build())))
                    .build())
                .build(),
            List.of(), List.of(Edits.describe(c))));
      } else if (c instanceof AddFirewallRule f) {
        firewallChanges.computeIfAbsent(f.firewall(), k -> new ArrayList<>()).add(f);
      } else if (c instanceof AddNsgRule n) {
        g.apply(n.nsg()).specs.add(nsgRule(n));
      } else if (c instanceof AddManagedPrivateEndpointRule m) {
        g.apply(m.workspace()).specs.add(new ResourceSpec(m.workspace().child("outboundRules", m.ruleName()),
            "Microsoft.MachineLearningServices/workspaces/outboundRules", ApiVersions.ML, false,
            Node.obj().put("properties", Node.obj().put("type", "PrivateEndpoint").put("category", "UserDefined")
                .put("destination", Node.obj().put("serviceResourceId", m.target().value())
                    .put("subresourceTarget", m.subresourceTarget()).put("sparkEnabled", false).build())
                .build()).build(),
            List.of(), List.of(Edits.describe(c))));
      }
    }
    for (List<AddFirewallRule> fs : firewallChanges.values()) {
      Group fg = g.apply(fs.get(0).firewall());
      ResourceSpec spec = FirewallSpecs.of(fs.get(0).azureFirewall(), fs, fg.notes);
      if (spec != null) {
        g.apply(spec.id()).specs.add(spec);
      }
    }
    // Subnets: one declaration each, in their state after every change; subnets of one VNet one at a time.
    Map<ResourceId, ResourceId> lastOfVnet = new TreeMap<>();
    for (Subnet s : edits.subnets()) {
      ResourceId prev = lastOfVnet.put(s.vnet(), s.id());
      List<String> notes = new ArrayList<>();
      edits.changesOf(s.id()).stream().sorted(Comparator.comparing(Change::sortKey)).forEach(ch -> notes.add(Edits.describe(ch)));
      g.apply(s.id()).specs.add(new ResourceSpec(s.id(), ApiVersions.SUBNET, ApiVersions.NETWORK, false,
          Node.obj().put("properties", subnetProperties(s)).build(), prev == null ? List.of() : List.of(prev), notes));
    }
    for (Edits.TargetEdit t : edits.targets()) {
      if (t.target().service() == Service.ML_WORKSPACE) {
        g.apply(t.target().id()).notes.add(String.join("; ", t.changes().stream().map(Edits::describe).toList())
            + " -- NOT DEPLOYED HERE: the workspace IP allow list (properties.networkAcls) exists only in preview API "
            + "versions (" + ApiVersions.ML_NETWORK_ACLS_PREVIEW + "), not in stable " + ApiVersions.ML + ", and a "
            + "workspace PUT needs settings the estate does not show; apply it with the az CLI script (--emit az: az ml "
            + "workspace update --network-acls) or Terraform (--emit terraform: azapi_update_resource)");
        continue;
      }
      String gap = putGap(t.target());
      List<ResourceSpec> specs = target(t);
      if (gap == null && specs.stream().anyMatch(r -> !r.isChild() && !r.existing()
          && !r.body().fields().containsKey("location"))) {
        gap = "the estate does not show its location, which a PUT needs";
      }
      if (gap != null) {
        g.apply(t.target().id()).notes.add(noPut(t, gap));
        continue;
      }
      for (ResourceSpec r : specs) {
        g.apply(r.id()).specs.add(r);
      }
    }
    List<Deployment> out = new ArrayList<>();
    for (Group gr : groups.values()) {
      List<ResourceSpec> specs = new ArrayList<>(gr.specs);
      specs.sort(Comparator.comparingInt((ResourceSpec r) -> rank(r.type())).thenComparing(r -> r.id().key()));
      out.add(new Deployment(gr.sub, gr.rg, specs, gr.notes));
    }
    out.sort(Comparator.comparing((Deployment d) -> !d.createsPublicIp())
        .thenComparing(d -> (d.subscription() + "/" + d.resourceGroup()).toLowerCase(Locale.ROOT)));
    return out;
  }

  private static int rank(String type) {
    if (type.equalsIgnoreCase(ApiVersions.PUBLIC_IP)) {
      return 0;
    }
    if (type.equalsIgnoreCase(ApiVersions.NAT_GATEWAY) || type.equalsIgnoreCase(ApiVersions.LOAD_BALANCER)
        || type.equalsIgnoreCase(ApiVersions.ROUTE_TABLE)) {
      return 1;
    }
    return type.equalsIgnoreCase(ApiVersions.SUBNET) ? 2 : 3;
  }

  private static ResourceSpec publicIp(ResourceId id, String location, List<String> notes) {
    return new ResourceSpec(id, ApiVersions.PUBLIC_IP, ApiVersions.NETWORK, false,
        Node.obj().put("location", location)
            .put("sku", Node.obj().put("name", "Standard").put("tier", "Regional").build())
            .put("properties", Node.obj().put("publicIPAllocationMethod", "Static").put("publicIPAddressVersion", "IPv4").build())
            .build(),
        List.of(), notes);
  }

  /**
   * An NSG's new outbound rule as its own child resource ({@code Microsoft.Network/networkSecurityGroups/securityRules}):
   * a PUT of the rule leaves the NSG's other rules as they are. A single address or port goes in the singular field,
   * several in the plural one (the API takes either; https://learn.microsoft.com/azure/templates/microsoft.network/networksecuritygroups/securityrules).
   */
  static ResourceSpec nsgRule(AddNsgRule n) {
    Node.ObjBuilder p = Node.obj().put("description", n.description())
        .put("protocol", AddNsgRule.PROTOCOL).put("sourcePortRange", "*");
    plural(p, "sourceAddressPrefix", "sourceAddressPrefixes", n.sources());
    plural(p, "destinationAddressPrefix", "destinationAddressPrefixes", n.destinations());
    plural(p, "destinationPortRange", "destinationPortRanges", n.ports());
    p.put("access", AddNsgRule.ACCESS).put("priority", n.priority()).put("direction", AddNsgRule.DIRECTION);
    return new ResourceSpec(n.ruleId(), ApiVersions.NSG_RULE, ApiVersions.NETWORK, false,
        Node.obj().put("properties", p.build()).build(), List.of(), List.of(Edits.describe(n)));
  }

  private static void plural(Node.ObjBuilder p, String one, String many, List<String> values) {
    if (values.size() == 1) {
      p.put(one, values.get(0));
    } else {
      p.put(many, Node.arr(values.stream().map(Node::str).toList()));
    }
  }

  private static ResourceSpec loadBalancer(CreateOutboundLoadBalancer lb) {
    String base = lb.loadBalancer().value();
    Node.Obj props = Node.obj()
        .put("frontendIPConfigurations", Node.arr(List.of(Node.obj().put("name", lb.frontend())
            .put("properties", Node.obj().put("publicIPAddress", Node.obj().put("id", new Node.IdOf(lb.publicIp())).build()).build())
            .build())))
        .put("backendAddressPools", Node.arr(List.of(Node.obj().put("name", lb.backendPool()).build())))
        .put("outboundRules", Node.arr(List.of(Node.obj().put("name", lb.outboundRule())
            .put("properties", Node.obj()
                .put("frontendIPConfigurations", Node.arr(List.of(Node.obj()
                    .put("id", base + "/frontendIPConfigurations/" + lb.frontend()).build())))
                .put("backendAddressPool", Node.obj().put("id", base + "/backendAddressPools/" + lb.backendPool()).build())
                .put("protocol", "All").put("enableTcpReset", true).put("idleTimeoutInMinutes", 4).build())
            .build())))
        .build();
    return new ResourceSpec(lb.loadBalancer(), ApiVersions.LOAD_BALANCER, ApiVersions.NETWORK, false,
        Node.obj().put("location", lb.location()).put("sku", Node.obj().put("name", "Standard").put("tier", "Regional").build())
            .put("properties", props).build(),
        List.of(), List.of(Edits.describe(lb), "Then set loadBalancerId and loadBalancerBackendPoolName ('"
            + lb.backendPool() + "') on Databricks workspace " + lb.workspace().value()
            + "; Azure accepts them only when the workspace is created"));
  }

  /** Subnet properties after the plan: every property the model knows, so a PUT keeps them. */
  public static Node.Obj subnetProperties(Subnet s) {
    Node.ObjBuilder p = Node.obj();
    if (s.addressPrefixes().size() == 1) {
      p.put("addressPrefix", s.addressPrefixes().get(0).text());
    } else {
      p.put("addressPrefixes", Node.arr(s.addressPrefixes().stream().map(v -> Node.str(v.text())).toList()));
    }
    if (s.networkSecurityGroup() != null) {
      p.put("networkSecurityGroup", Node.obj().put("id", new Node.IdOf(s.networkSecurityGroup())).build());
    }
    if (s.natGateway() != null) {
      p.put("natGateway", Node.obj().put("id", new Node.IdOf(s.natGateway())).build());
    }
    if (s.routeTable() != null) {
      p.put("routeTable", Node.obj().put("id", new Node.IdOf(s.routeTable())).build());
    }
    if (!s.serviceEndpoints().isEmpty()) {
      List<Node> eps = new ArrayList<>();
      for (ServiceEndpoint e : s.serviceEndpoints()) {
        eps.add(Node.obj().put("service", e.service()).build());
      }
      p.put("serviceEndpoints", Node.arr(eps));
    }
    if (!s.delegations().isEmpty()) {
      List<Node> ds = new ArrayList<>();
      for (Delegation d : s.delegations()) {
        ds.add(Node.obj().put("name", d.name()).put("properties", Node.obj().put("serviceName", d.serviceName()).build())
            .build());
      }
      p.put("delegations", Node.arr(ds));
    }
    if (s.defaultOutboundAccess() != null) {
      p.put("defaultOutboundAccess", s.defaultOutboundAccess().booleanValue());
    }
    return p.build();
  }

  /** An address as a node: the literal, or the public IP's address. */
  public static Node address(AddressRef a) {
    return a.isLiteral() ? Node.str(a.literal()) : new Node.PipAddress(a.publicIp());
  }

  /** An address as a CIDR (App Service): a public IP's address gets {@code /32}. */
  public static Node cidr(AddressRef a) {
    return a.isLiteral() ? Node.str(a.literal()) : new Node.Concat(List.of(new Node.PipAddress(a.publicIp()), Node.str("/32")));
  }

  static Node bool(Boolean b) {
    return b == null ? null : new Node.Bool(b);
  }

  /**
   * Why Bicep/ARM must not PUT this target (a PUT replaces the whole resource and the estate does not show
   * everything it needs), or null when the PUT is complete or the target's rules are child resources.
   */
  public static String putGap(Target t) {
    return ServiceSpecs.of(t).putGap(t);
  }

  /** The note that replaces a target's PUT: its changes, why there is no PUT and where the merge is. */
  private static String noPut(Edits.TargetEdit t, String gap) {
    String what = String.join("; ", t.changes().stream().map(Edits::describe).toList());
    return what + " -- NOT DEPLOYED HERE: a Bicep/ARM deployment PUTs the whole " + t.target().id().type() + " resource "
        + t.target().id().name() + ", and " + gap + "; apply these rules with the az CLI script (--emit az) or "
        + "Terraform's azapi_update_resource (--emit terraform), which merge them into the deployed resource";
  }

  /** The enum value as the API version spells it (services accept any case; the type system does not). */
  static String canonical(String v, String... values) {
    if (v == null) {
      return null;
    }
    for (String c : values) {
      if (c.equalsIgnoreCase(v.strip())) {
        return c;
      }
    }
    return v;
  }

  static String orDefault(String v, String d) {
    return v == null ? d : v;
  }

  static List<String> notes(Edits.TargetEdit t) {
    List<String> n = new ArrayList<>();
    t.changes().forEach(c -> n.add(Edits.describe(c)));
    return n;
  }

  /** The ARM resources of a target after the plan, from its service's specs. */
  public static List<ResourceSpec> target(Edits.TargetEdit t) {
    return ServiceSpecs.of(t.target()).arm(t);
  }
}
