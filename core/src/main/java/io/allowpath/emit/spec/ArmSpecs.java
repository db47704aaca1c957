package io.allowpath.emit.spec;

import io.allowpath.emit.Edits;
import io.allowpath.model.AccessRestriction;
import io.allowpath.model.CognitiveAccount;
import io.allowpath.model.ContainerRegistry;
import io.allowpath.model.CosmosAccount;
import io.allowpath.model.KeyVault;
import io.allowpath.model.KeyVaultAccessPolicy;
import io.allowpath.model.MessagingNamespace;
import io.allowpath.model.MlWorkspace;
import io.allowpath.model.NetworkRules;
import io.allowpath.model.ResourceId;
import io.allowpath.model.SearchService;
import io.allowpath.model.Service;
import io.allowpath.model.ServiceEndpoint;
import io.allowpath.model.SqlServer;
import io.allowpath.model.StorageAccount;
import io.allowpath.model.Subnet;
import io.allowpath.model.Target;
import io.allowpath.model.WebApp;
import io.allowpath.plan.AddFirewallRule;
import io.allowpath.plan.AddIpRule;
import io.allowpath.plan.AddManagedPrivateEndpointRule;
import io.allowpath.plan.AddVnetRule;
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
      String gap = putGap(t.target());
      if (gap != null) {
        g.apply(t.target().id()).notes.add(noPut(t, gap));
        continue;
      }
      for (ResourceSpec r : target(t)) {
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
      p.put("addressPrefix", s.addressPrefixes().get(0));
    } else {
      p.put("addressPrefixes", Node.arr(s.addressPrefixes().stream().map(Node::str).toList()));
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
      for (io.allowpath.model.Delegation d : s.delegations()) {
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

  private static Node bool(Boolean b) {
    return b == null ? null : new Node.Bool(b);
  }

  /**
   * Why Bicep/ARM must not PUT this target (a PUT replaces the whole resource and the estate does not show
   * everything it needs), or null when the PUT is complete or the target's rules are child resources.
   */
  public static String putGap(Target t) {
    if (t instanceof KeyVault k) {
      return k.putGap();
    } else if (t instanceof CosmosAccount c) {
      return c.putGap();
    } else if (t instanceof CognitiveAccount c) {
      return c.putGap();
    } else if (t instanceof MlWorkspace w) {
      return w.putGap();
    }
    return null;
  }

  /** The note that replaces a target's PUT: its changes, why there is no PUT and where the merge is. */
  private static String noPut(Edits.TargetEdit t, String gap) {
    String what = String.join("; ", t.changes().stream().map(Edits::describe).toList());
    return what + " -- NOT DEPLOYED HERE: a Bicep/ARM deployment PUTs the whole " + t.target().id().type() + " resource "
        + t.target().id().name() + ", and " + gap + "; apply these rules with the az CLI script (--emit az) or "
        + "Terraform's azapi_update_resource (--emit terraform), which merge them into the deployed resource";
  }

  private static String orDefault(String v, String d) {
    return v == null ? d : v;
  }

  private static List<String> notes(Edits.TargetEdit t) {
    List<String> n = new ArrayList<>();
    t.changes().forEach(c -> n.add(Edits.describe(c)));
    return n;
  }

  public static List<ResourceSpec> target(Edits.TargetEdit t) {
    Target target = t.target();
    NetworkRules r = t.rules();
    List<String> notes = notes(t);
    List<Node> ips = new ArrayList<>();
    List<Node> vnets = new ArrayList<>();
    if (target instanceof StorageAccount s) {
      t.mergedIps().forEach(a -> ips.add(Node.obj().put("value", address(a)).put("action", "Allow").build()));
      t.mergedSubnets().forEach(id -> vnets.add(Node.obj().put("id", id.value()).put("action", "Allow").build()));
      List<Node> ras = new ArrayList<>();
      s.resourceAccessRules().forEach(id -> ras.add(Node.obj().put("tenantId", new Node.Tenant()).put("resourceId", id.value()).build()));
      notes.add("REVIEW: the storage RP keeps properties a PUT omits only for some of them; "
          + "compare with the deployed account before applying");
      Node.ObjBuilder acls = Node.obj().put("bypass", orDefault(r.bypass(), "AzureServices"))
          .put("defaultAction", orDefault(r.defaultAction(), "Allow"))
          .put("ipRules", Node.arr(ips)).put("virtualNetworkRules", Node.arr(vnets));
      if (!ras.isEmpty()) {
        acls.put("resourceAccessRules", Node.arr(ras));
        notes.add("REVIEW: resourceAccessRules are written with the deploying tenant (the model keeps no tenant id)");
      }
      return List.of(new ResourceSpec(s.id(), "Microsoft.Storage/storageAccounts", ApiVersions.STORAGE, false,
          Node.obj().put("location", s.location()).put("sku", Node.obj().put("name", s.sku()).build()).put("kind", s.kind())
              .put("properties", Node.obj().put("publicNetworkAccess", r.publicNetworkAccess()).put("networkAcls", acls.build()).build())
              .build(),
          List.of(), notes));
    }
    if (target instanceof KeyVault k) {
      t.mergedIps().forEach(a -> ips.add(Node.obj().put("value", address(a)).build()));
      t.mergedSubnets().forEach(id -> vnets.add(Node.obj().put("id", id.value()).put("ignoreMissingVnetServiceEndpoint", false).build()));
      List<Node> policies = new ArrayList<>();
      if (k.accessPolicies() != null) {
        for (KeyVaultAccessPolicy ap : k.accessPolicies()) {
          Node.ObjBuilder perms = Node.obj();
          ap.permissions().forEach((kind, ops) -> perms.put(kind, Node.arr(ops.stream().map(Node::str).toList())));
          policies.add(Node.obj().put("tenantId", ap.tenantId()).put("objectId", ap.objectId())
              .put("applicationId", ap.applicationId()).put("permissions", perms.build()).build());
        }
      }
      return List.of(new ResourceSpec(k.id(), "Microsoft.KeyVault/vaults", ApiVersions.KEY_VAULT, false,
          Node.obj().put("location", k.location())
              .put("properties", Node.obj().put("tenantId", k.tenantId())
                  .put("sku", k.skuName() == null ? null
                      : Node.obj().put("family", orDefault(k.skuFamily(), "A")).put("name", k.skuName()).build())
                  .put("accessPolicies", k.accessPolicies() == null ? null : Node.arr(policies))
                  .put("enableRbacAuthorization", bool(k.enableRbacAuthorization()))
                  .put("enabledForDeployment", bool(k.enabledForDeployment()))
                  .put("enabledForDiskEncryption", bool(k.enabledForDiskEncryption()))
                  .put("enabledForTemplateDeployment", bool(k.enabledForTemplateDeployment()))
                  .put("enableSoftDelete", bool(k.enableSoftDelete()))
                  .put("softDeleteRetentionInDays", k.softDeleteRetentionInDays() == null ? null
                      : new Node.Num(k.softDeleteRetentionInDays()))
                  .put("enablePurgeProtection", bool(k.enablePurgeProtection()))
                  .put("publicNetworkAccess", r.publicNetworkAccess())
                  .put("networkAcls", Node.obj().put("bypass", orDefault(r.bypass(), "AzureServices"))
                      .put("defaultAction", orDefault(r.defaultAction(), "Allow"))
                      .put("ipRules", Node.arr(ips)).put("virtualNetworkRules", Node.arr(vnets)).build())
                  .build())
              .build(),
          List.of(), notes));
    }
    if (target instanceof SqlServer sql) {
      List<ResourceSpec> out = new ArrayList<>();
      for (AddIpRule a : t.ipRules()) {
        AddressRef end = a.endAddress() == null ? a.address() : a.endAddress();
        out.add(new ResourceSpec(sql.id().child("firewallRules", Edits.ruleName(a.name(), a.address())),
            "Microsoft.Sql/servers/firewallRules", ApiVersions.SQL, false,
            Node.obj().put("properties", Node.obj().put("startIpAddress", address(a.address()))
                .put("endIpAddress", address(end)).build()).build(),
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
    if (target instanceof CosmosAccount c) {
      t.mergedIps().forEach(a -> ips.add(Node.obj().put("ipAddressOrRange", address(a)).build()));
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
    if (target instanceof ContainerRegistry acr) {
      t.mergedIps().forEach(a -> ips.add(Node.obj().put("action", "Allow").put("value", address(a)).build()));
      notes.add("REVIEW: other registry properties a PUT omits return to their defaults; compare with the deployed registry");
      if (!t.vnetRules().isEmpty()) {
        notes.add("REVIEW: ACR VNet (service endpoint) rules are deprecated and not written; use a private endpoint");
      }
      return List.of(new ResourceSpec(acr.id(), "Microsoft.ContainerRegistry/registries", ApiVersions.ACR, false,
          Node.obj().put("location", acr.location()).put("sku", Node.obj().put("name", acr.sku()).build())
              .put("properties", Node.obj().put("publicNetworkAccess", r.publicNetworkAccess())
                  .put("networkRuleBypassOptions", r.bypass())
                  .put("networkRuleSet", Node.obj().put("defaultAction", orDefault(r.defaultAction(), "Allow"))
                      .put("ipRules", Node.arr(ips)).build())
                  .build())
              .build(),
          List.of(), notes));
    }
    if (target instanceof WebApp app) {
      List<Node> rules = new ArrayList<>();
      if (app.siteConfig() == null) {
        notes.add("REVIEW: the estate does not show this app's access restrictions; rules not listed here are removed");
      } else {
        for (AccessRestriction a : app.siteConfig().ipSecurityRestrictions()) {
          if (a.hasHeaders()) {
            notes.add("REVIEW: existing rule '" + a.name() + "' filters on HTTP headers, which the model does not keep; "
                + "add its headers back");
          }
          rules.add(Node.obj().put("name", a.name()).put("ipAddress", a.ipAddress())
              .put("vnetSubnetResourceId", a.vnetSubnet() == null ? null : a.vnetSubnet().value())
              .put("action", a.action()).put("tag", a.tag()).put("priority", a.priority()).build());
        }
      }
      for (AddIpRule a : t.ipRules()) {
        rules.add(Node.obj().put("name", Edits.ruleName(a.name(), a.address())).put("ipAddress", cidr(a.address()))
            .put("action", "Allow").put("tag", "Default").put("priority", a.priority() == null ? 100 : a.priority()).build());
      }
      for (AddVnetRule v : t.vnetRules()) {
        rules.add(Node.obj().put("name", Edits.vnetRuleName(v.name(), v.subnet()))
            .put("vnetSubnetResourceId", v.subnet().value())
            .put("action", "Allow").put("priority", v.priority() == null ? 100 : v.priority()).build());
      }
      Node.ObjBuilder props = Node.obj().put("ipSecurityRestrictions", Node.arr(rules));
      if (app.siteConfig() != null) {
        props.put("ipSecurityRestrictionsDefaultAction", app.siteConfig().defaultAction());
      }
      return List.of(new ResourceSpec(app.id().child("config", "web"), "Microsoft.Web/sites/config", ApiVersions.WEB, false,
          Node.obj().put("properties", props.build()).build(), List.of(), notes));
    }
    if (target instanceof MessagingNamespace m) {
      t.mergedIps().forEach(a -> ips.add(Node.obj().put("ipMask", address(a)).put("action", "Allow").build()));
      t.mergedSubnets().forEach(id -> vnets.add(Node.obj().put("subnet", Node.obj().put("id", id.value()).build())
          .put("ignoreMissingVnetServiceEndpoint", false).build()));
      boolean hubs = m.service() == Service.EVENT_HUBS;
      String ns = hubs ? "Microsoft.EventHub" : "Microsoft.ServiceBus";
      return List.of(new ResourceSpec(m.id().child("networkRuleSets", "default"), ns + "/namespaces/networkRuleSets",
          hubs ? ApiVersions.EVENT_HUB : ApiVersions.SERVICE_BUS, false,
          Node.obj().put("properties", Node.obj().put("publicNetworkAccess", orDefault(m.publicNetworkAccess(), "Enabled"))
              .put("defaultAction", orDefault(r.defaultAction(), "Allow"))
              .put("trustedServiceAccessEnabled", m.trustedServiceAccessEnabled())
              .put("ipRules", Node.arr(ips)).put("virtualNetworkRules", Node.arr(vnets)).build()).build(),
          List.of(), notes));
    }
    if (target instanceof CognitiveAccount c) {
      t.mergedIps().forEach(a -> ips.add(Node.obj().put("value", address(a)).build()));
      t.mergedSubnets().forEach(id -> vnets.add(Node.obj().put("id", id.value()).put("ignoreMissingVnetServiceEndpoint", false).build()));
      notes.add("REVIEW: an account PUT also resets settings the model does not carry (identity, disableLocalAuth, "
          + "restrictOutboundNetworkAccess, encryption, ...); compare with the deployed account");
      return List.of(new ResourceSpec(c.id(), "Microsoft.CognitiveServices/accounts", ApiVersions.COGNITIVE, false,
          Node.obj().put("location", c.location()).put("kind", c.kind())
              .put("sku", c.skuName() == null ? null : Node.obj().put("name", c.skuName()).build())
              .put("properties", Node.obj().put("customSubDomainName", c.customSubDomain())
                  .put("publicNetworkAccess", r.publicNetworkAccess())
                  .put("networkAcls", Node.obj().put("defaultAction", orDefault(r.defaultAction(), "Allow"))
                      .put("ipRules", Node.arr(ips)).put("virtualNetworkRules", Node.arr(vnets)).build())
                  .build())
              .build(),
          List.of(), notes));
    }
    if (target instanceof SearchService s) {
      t.mergedIps().forEach(a -> ips.add(Node.obj().put("value", address(a)).build()));
      if (!t.vnetRules().isEmpty()) {
        notes.add("REVIEW: AI Search has no VNet rules; the VNet rule is not written");
      }
      return List.of(new ResourceSpec(s.id(), "Microsoft.Search/searchServices", ApiVersions.SEARCH, false,
          Node.obj().put("location", s.location()).put("sku", Node.obj().put("name", s.sku()).build())
              .put("properties", Node.obj().put("publicNetworkAccess", r.publicNetworkAccess())
                  .put("networkRuleSet", Node.obj().put("bypass", r.bypass()).put("ipRules", Node.arr(ips)).build())
                  .build())
              .build(),
          List.of(), notes));
    }
    if (target instanceof MlWorkspace w) {
      t.mergedIps().forEach(a -> ips.add(Node.obj().put("value", address(a)).build()));
      notes.add("REVIEW: a workspace PUT also resets settings the model does not carry (friendlyName, description, "
          + "imageBuildCompute, ...); compare with the deployed workspace");
      return List.of(new ResourceSpec(w.id(), "Microsoft.MachineLearningServices/workspaces", ApiVersions.ML, false,
          Node.obj().put("location", w.location())
              .put("identity", w.identityType() == null ? null : Node.obj().put("type", w.identityType()).build())
              .put("sku", w.skuName() == null ? null : Node.obj().put("name", w.skuName()).put("tier", w.skuTier()).build())
              .put("properties", Node.obj()
                  .put("storageAccount", w.storageAccount() == null ? null : w.storageAccount().value())
                  .put("keyVault", w.keyVault() == null ? null : w.keyVault().value())
                  .put("containerRegistry", w.containerRegistry() == null ? null : w.containerRegistry().value())
                  .put("applicationInsights", w.applicationInsights() == null ? null : w.applicationInsights().value())
                  .put("ipAllowlist", w.ipAllowlist().isEmpty() ? null : Node.arr(w.ipAllowlist().stream().map(a -> Node.str(a.text())).toList()))
                  .put("publicNetworkAccess", orDefault(w.publicNetworkAccess(), "Enabled"))
                  .put("networkAcls", Node.obj().put("defaultAction", orDefault(w.aclDefaultAction(), "Deny")).put("ipRules", Node.arr(ips)).build())
                  .build())
              .build(),
          List.of(), notes));
    }
    throw new IllegalArgumentException("no ARM rendering for target " + target.id());
  }
}
