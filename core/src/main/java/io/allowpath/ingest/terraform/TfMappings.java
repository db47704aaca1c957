package io.allowpath.ingest.terraform;

import static io.allowpath.ingest.terraform.TfView.arr;
import static io.allowpath.ingest.terraform.TfView.enabled;
import static io.allowpath.ingest.terraform.TfView.obj;
import static io.allowpath.ingest.terraform.TfView.objects;
import static io.allowpath.ingest.terraform.TfView.put;
import static io.allowpath.ingest.terraform.TfView.ref;
import static io.allowpath.ingest.terraform.TfView.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.allowpath.ingest.Unknown;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One mapping per Terraform resource type: its ARM id and the ARM resource JSON it stands for, with
 * properties spelled as the ARM REST API spells them, so that the ARM readers read Terraform input
 * unchanged. Each mapping cites the provider source whose schema it follows
 * (hashicorp/terraform-provider-azurerm at 69697b7fe6a9, {@code internal/services/...}; azapi:
 * https://registry.terraform.io/providers/Azure/azapi/latest/docs).
 *
 * <p>Association and child resources (subnet associations, NAT gateway public IPs, load balancer pools
 * and outbound rules, firewall rule collections, NSG rules, storage network rules) are "joins": they
 * add to their parent's ARM JSON, creating it when the parent is not in the document (so a plan that
 * only associates an existing subnet still merges with an exported subnet of the same id).
 */
final class TfMappings {
  private TfMappings() {}

  /** How a Terraform type becomes ARM JSON. {@code join} mappings run after every primary one. */
  record Mapping(String armType, IdFn id, Mapper map, boolean join) {}

  @FunctionalInterface
  interface IdFn {
    String id(TfView v, Ctx c);
  }

  @FunctionalInterface
  interface Mapper {
    void map(TfView v, String id, Ctx c);
  }

  /** What mappings write to: ARM resources by id, and the subscription used in composed ids. */
  interface Ctx {
    String subscription();

    /** The ARM JSON of a resource, created with id, type and name when new. */
    ObjectNode resource(String id, String armType, TfView source);

    /** The location of a resource already written, or null. */
    String locationOf(String id);

    /** Says something about how a resource was read (an INFO diagnostic at its address). */
    default void info(TfView source, String message) {}

    /** The properties object of a resource JSON. */
    default ObjectNode props(ObjectNode res) {
      JsonNode p = res.get("properties");
      return p instanceof ObjectNode o ? o : res.putObject("properties");
    }
  }

  static final Map<String, Mapping> ALL = new HashMap<>();

  /** True for an association or rules resource type: it sets fields of a resource another one declares. */
  static boolean joins(String tfType) {
    Mapping m = ALL.get(tfType);
    return m != null && m.join();
  }

  private static void on(String tfType, String armType, IdFn id, Mapper map) {
    ALL.put(tfType, new Mapping(armType, id, map, false));
  }

  private static void join(String tfType, String armType, IdFn id, Mapper map) {
    ALL.put(tfType, new Mapping(armType, id, map, true));
  }

  // ---------------------------------------------------------------- ids

  /** The resource's name, or a stand-in naming its address when the name is known only after apply. */
  static String name(TfView v) {
    String n = v.s("name");
    return n != null ? n : "{" + v.instance.address.replace('/', '_') + "}";
  }

  static String rgId(TfView v, Ctx c, String attr) {
    String rg = v.s(attr);
    return "/subscriptions/" + c.subscription() + "/resourceGroups/"
        + (rg != null ? rg : "{" + v.instance.address.replace('/', '_') + "." + attr + "}");
  }

  static IdFn top(String armType) {
    return (v, c) -> rgId(v, c, "resource_group_name") + "/providers/" + armType + "/" + name(v);
  }

  /** A child of a top-level resource named by {@code parentNameAttr} in the same resource group. */
  static IdFn childByName(String parentType, String parentNameAttr, String segment) {
    return (v, c) -> {
      String p = v.s(parentNameAttr);
      return rgId(v, c, "resource_group_name") + "/providers/" + parentType + "/"
          + (p != null ? p : "{" + v.instance.address + "." + parentNameAttr + "}") + "/" + segment + "/" + name(v);
    };
  }

  /** A child of the resource whose id is in {@code parentIdAttr}; null when that id is unknown. */
  static IdFn childOf(String parentIdAttr, String segment) {
    return (v, c) -> {
      String p = idText(v, parentIdAttr);
      return p == null ? null : p + "/" + segment + "/" + name(v);
    };
  }

  /** A child of the resource whose id is in {@code parentIdAttr} when that id is known or resolved, else {@code or}. */
  static IdFn childOfOr(String parentIdAttr, String segment, IdFn or) {
    IdFn first = childOf(parentIdAttr, segment);
    return (v, c) -> {
      String id = first.id(v, c);
      return id != null ? id : or.id(v, c);
    };
  }

  /** The id in an id-like attribute, when known or resolved. */
  static String idText(TfView v, String attr) {
    JsonNode n = v.n(attr);
    return n != null && n.isTextual() ? n.asText() : null;
  }

  /** The id of the resource an association names in {@code attr} (the parent it joins). */
  static IdFn same(String attr) {
    return (v, c) -> idText(v, attr);
  }

  static String location(TfView v) {
    return v.s("location");
  }

  static void putLocation(ObjectNode r, TfView v) {
    put(r, "location", location(v));
  }

  /**
   * Common top-level fields: location, and tags (every azurerm resource that ARM tags has a {@code tags} map
   * argument, written to the ARM {@code tags} object; intents select by them); sku as given.
   */
  static ObjectNode base(TfView v, String id, String armType, Ctx c) {
    ObjectNode r = c.resource(id, armType, v);
    put(r, "location", location(v));
    putTags(r, v);
    return r;
  }

  /** The {@code tags} map as the ARM {@code tags} object (unknown or absent: left out). */
  static void putTags(ObjectNode r, TfView v) {
    JsonNode t = v.n("tags");
    if (t != null && t.isObject() && !Unknown.is(t) && t.size() > 0) {
      r.set("tags", t.deepCopy());
    }
  }

  static {
    network();
    firewalls();
    workloads();
    targets();
  }

  // ---------------------------------------------------------------- network

  private static void network() {
    // internal/services/network/virtual_network_resource.go: address_space, dns_servers (→ dhcpOptions.dnsServers),
    // subnet {name, address_prefixes, security_group, route_table_id, default_outbound_access_enabled, service_endpoints
    // (4.x) / service_endpoint {service} (5.x)} (expandVirtualNetworkSubnets)
    on("azurerm_virtual_network", "Microsoft.Network/virtualNetworks", top("Microsoft.Network/virtualNetworks"), (v, id, c) -> {
      ObjectNode p = c.props(base(v, id, "Microsoft.Network/virtualNetworks", c));
      p.putObject("addressSpace").set("addressPrefixes", strings(v.list("address_space")));
      dnsServers(p, v);
      ArrayNode subs = arr();
      for (TfView s : v.blocks("subnet")) {
        ObjectNode sub = obj().put("name", name(s));
        ObjectNode sp = sub.putObject("properties");
        List<JsonNode> prefixes = s.list("address_prefixes");
        if (prefixes.isEmpty() && s.v("address_prefix") != null) {
          prefixes = List.of(s.v("address_prefix")); // azurerm 3.x
        }
        sp.set("addressPrefixes", strings(prefixes));
        put(sp, "networkSecurityGroup", ref(s.v("security_group")));
        put(sp, "routeTable", ref(s.v("route_table_id")));
        serviceEndpoints(sp, s);
        putBool(sp, "defaultOutboundAccess", s.b("default_outbound_access_enabled"));
        subs.add(sub);
      }
      if (!subs.isEmpty()) {
        p.set("subnets", subs);
      }
    });
    // internal/services/network/subnet_resource.go: address_prefixes, service_endpoints (3.x/4.x set of names) or
    // service_endpoint {service} (5.x, expandSubnetServiceEndpoint), delegation {name, service_delegation {name}},
    // default_outbound_access_enabled; 5.x also network_security_group_id / route_table_id, computed from the
    // write-only network_security_group_id_wo / route_table_id_wo (an association resource, joined later, overrides)
    on("azurerm_subnet", "Microsoft.Network/virtualNetworks/subnets",
        childByName("Microsoft.Network/virtualNetworks", "virtual_network_name", "subnets"), (v, id, c) -> {
          ObjectNode r = c.resource(id, "Microsoft.Network/virtualNetworks/subnets", v);
          if (v.instance.values.has("service_endpoint") && !v.instance.values.has("service_endpoints")) {
            r.put(TerraformAdapter.SCHEMA, "5"); // the 5.x schema: an EDIT of this subnet writes service_endpoint blocks
          }
          ObjectNode p = c.props(r);
          p.set("addressPrefixes", strings(v.list("address_prefixes")));
          serviceEndpoints(p, v);
          put(p, "networkSecurityGroup", ref(writeOnlyId(v, "network_security_group_id")));
          put(p, "routeTable", ref(writeOnlyId(v, "route_table_id")));
          ArrayNode dels = arr();
          for (TfView d : v.blocks("delegation")) {
            TfView sd = d.block("service_delegation");
            if (sd != null && sd.s("name") != null) {
              dels.add(obj().put("name", name(d)).set("properties", obj().put("serviceName", sd.s("name"))));
            }
          }
          if (!dels.isEmpty()) {
            p.set("delegations", dels);
          }
          if (v.b("default_outbound_access_enabled") != null) {
            p.put("defaultOutboundAccess", v.b("default_outbound_access_enabled"));
          }
        });
    // internal/services/network/subnet_nat_gateway_association_resource.go: subnet_id, nat_gateway_id
    join("azurerm_subnet_nat_gateway_association", "Microsoft.Network/virtualNetworks/subnets", same("subnet_id"),
        (v, id, c) -> put(c.props(c.resource(id, "Microsoft.Network/virtualNetworks/subnets", v)), "natGateway",
            ref(v.v("nat_gateway_id"))));
    // internal/services/network/subnet_route_table_association_resource.go: subnet_id, route_table_id
    join("azurerm_subnet_route_table_association", "Microsoft.Network/virtualNetworks/subnets", same("subnet_id"),
        (v, id, c) -> put(c.props(c.resource(id, "Microsoft.Network/virtualNetworks/subnets", v)), "routeTable",
            ref(v.v("route_table_id"))));
    // internal/services/network/subnet_network_security_group_association_resource.go: subnet_id, network_security_group_id
    join("azurerm_subnet_network_security_group_association", "Microsoft.Network/virtualNetworks/subnets",
        same("subnet_id"), (v, id, c) -> put(c.props(c.resource(id, "Microsoft.Network/virtualNetworks/subnets", v)),
            "networkSecurityGroup", ref(v.v("network_security_group_id"))));
    // internal/services/network/nat_gateway_resource.go: sku_name
    on("azurerm_nat_gateway", "Microsoft.Network/natGateways", top("Microsoft.Network/natGateways"), (v, id, c) -> {
      ObjectNode r = base(v, id, "Microsoft.Network/natGateways", c);
      put(r, "sku", v.s("sku_name") == null ? null : obj().put("name", v.s("sku_name")));
      c.props(r);
    });
    // internal/services/network/nat_gateway_public_ip_association_resource.go: nat_gateway_id, public_ip_address_id
    join("azurerm_nat_gateway_public_ip_association", "Microsoft.Network/natGateways", same("nat_gateway_id"),
        (v, id, c) -> append(c.props(c.resource(id, "Microsoft.Network/natGateways", v)), "publicIpAddresses",
            ref(v.v("public_ip_address_id"))));
    // internal/services/network/nat_gateway_public_ip_prefix_association_resource.go: nat_gateway_id, public_ip_prefix_id
    join("azurerm_nat_gateway_public_ip_prefix_association", "Microsoft.Network/natGateways", same("nat_gateway_id"),
        (v, id, c) -> append(c.props(c.resource(id, "Microsoft.Network/natGateways", v)), "publicIpPrefixes",
            ref(v.v("public_ip_prefix_id"))));
    // internal/services/network/public_ip_resource.go: sku, allocation_method, ip_address (computed), public_ip_prefix_id
    on("azurerm_public_ip", "Microsoft.Network/publicIPAddresses", top("Microsoft.Network/publicIPAddresses"), (v, id, c) -> {
      ObjectNode r = base(v, id, "Microsoft.Network/publicIPAddresses", c);
      put(r, "sku", v.s("sku") == null ? null : obj().put("name", v.s("sku")));
      ObjectNode p = c.props(r);
      put(p, "publicIPAllocationMethod", v.s("allocation_method"));
      JsonNode ip = v.v("ip_address");
      put(p, "ipAddress", ip == null && v.instance.unknown != null ? Unknown.of("terraform: " + v.instance.address
          + ".ip_address (known after apply)") : ip);
      put(p, "publicIPPrefix", ref(v.v("public_ip_prefix_id")));
    });
    // internal/services/network/public_ip_prefix_resource.go: ip_prefix (computed), prefix_length
    on("azurerm_public_ip_prefix", "Microsoft.Network/publicIPPrefixes", top("Microsoft.Network/publicIPPrefixes"),
        (v, id, c) -> put(c.props(base(v, id, "Microsoft.Network/publicIPPrefixes", c)), "ipPrefix", v.v("ip_prefix")));
    // internal/services/loadbalancer/lb_resource.go: sku, frontend_ip_configuration {name, public_ip_address_id,
    // public_ip_prefix_id, subnet_id}
    on("azurerm_lb", "Microsoft.Network/loadBalancers", top("Microsoft.Network/loadBalancers"), (v, id, c) -> {
      ObjectNode r = base(v, id, "Microsoft.Network/loadBalancers", c);
      put(r, "sku", v.s("sku") == null ? null : obj().put("name", v.s("sku")));
      ArrayNode fes = arr();
      for (TfView f : v.blocks("frontend_ip_configuration")) {
        ObjectNode fp = obj();
        put(fp, "publicIPAddress", ref(f.v("public_ip_address_id")));
        put(fp, "publicIPPrefix", ref(f.v("public_ip_prefix_id")));
        put(fp, "subnet", ref(f.v("subnet_id")));
        fes.add(obj().put("name", name(f)).put("id", id + "/frontendIPConfigurations/" + name(f)).set("properties", fp));
      }
      c.props(r).set("frontendIPConfigurations", fes);
    });
    // internal/services/loadbalancer/lb_backend_address_pool_resource.go: loadbalancer_id, name
    join("azurerm_lb_backend_address_pool", "Microsoft.Network/loadBalancers", same("loadbalancer_id"),
        (v, id, c) -> append(c.props(c.resource(id, "Microsoft.Network/loadBalancers", v)), "backendAddressPools",
            obj().put("name", name(v)).put("id", id + "/backendAddressPools/" + name(v))));
    // internal/services/loadbalancer/lb_outbound_rule_resource.go: loadbalancer_id, frontend_ip_configuration {name},
    // backend_address_pool_id, protocol, allocated_outbound_ports
    join("azurerm_lb_outbound_rule", "Microsoft.Network/loadBalancers", same("loadbalancer_id"), (v, id, c) -> {
      ArrayNode fes = arr();
      for (TfView f : v.blocks("frontend_ip_configuration")) {
        fes.add(obj().put("id", id + "/frontendIPConfigurations/" + name(f)));
      }
      ObjectNode rp = obj().set("frontendIPConfigurations", fes);
      put(rp, "backendAddressPool", ref(v.v("backend_address_pool_id")));
      put(rp, "protocol", v.s("protocol"));
      put(rp, "allocatedOutboundPorts", v.v("allocated_outbound_ports")); // Default 1024 in the schema
      append(c.props(c.resource(id, "Microsoft.Network/loadBalancers", v)), "outboundRules",
          obj().put("name", name(v)).put("id", id + "/outboundRules/" + name(v)).set("properties", rp));
    });
    // internal/services/loadbalancer/lb_rule_resource.go: loadbalancer_id, frontend_ip_configuration_name,
    // backend_address_pool_ids, disable_outbound_snat (Default false): a load-balancing rule also gives its backend pool
    // outbound SNAT through its frontend unless disableOutboundSnat (the ARM LoadBalancingRule the provider PUTs inside
    // the load balancer)
    join("azurerm_lb_rule", "Microsoft.Network/loadBalancers", same("loadbalancer_id"), (v, id, c) -> {
      ObjectNode rp = obj();
      if (v.s("frontend_ip_configuration_name") != null) {
        rp.putObject("frontendIPConfiguration").put("id", id + "/frontendIPConfigurations/"
            + v.s("frontend_ip_configuration_name"));
      }
      rp.set("backendAddressPools", objects(v.list("backend_address_pool_ids"), "id"));
      putBool(rp, "disableOutboundSnat", v.b("disable_outbound_snat"));
      replaceByName(c.props(c.resource(id, "Microsoft.Network/loadBalancers", v)), "loadBalancingRules",
          obj().put("name", name(v)).put("id", id + "/loadBalancingRules/" + name(v)).set("properties", rp));
    });
    // internal/services/network/route_table_resource.go: route {name, address_prefix, next_hop_type, next_hop_in_ip_address},
    // bgp_route_propagation_enabled (Default true; sent as DisableBgpRoutePropagation = !value), 3.x
    // disable_bgp_route_propagation
    on("azurerm_route_table", "Microsoft.Network/routeTables", top("Microsoft.Network/routeTables"), (v, id, c) -> {
      ObjectNode p = c.props(base(v, id, "Microsoft.Network/routeTables", c));
      Boolean bgp = v.b("bgp_route_propagation_enabled");
      putBool(p, "disableBgpRoutePropagation", bgp != null ? Boolean.valueOf(!bgp) : v.b("disable_bgp_route_propagation"));
      ArrayNode routes = arr();
      for (TfView rt : v.blocks("route")) {
        routes.add(obj().put("name", name(rt)).set("properties", route(rt)));
      }
      p.set("routes", routes);
    });
    // internal/services/network/route_resource.go: route_table_name, address_prefix, next_hop_type, next_hop_in_ip_address
    on("azurerm_route", "Microsoft.Network/routeTables/routes",
        childByName("Microsoft.Network/routeTables", "route_table_name", "routes"),
        (v, id, c) -> c.resource(id, "Microsoft.Network/routeTables/routes", v).set("properties", route(v)));
    // internal/services/network/virtual_network_peering_resource.go: virtual_network_name, remote_virtual_network_id,
    // allow_forwarded_traffic, allow_gateway_transit, use_remote_gateways
    on("azurerm_virtual_network_peering", "Microsoft.Network/virtualNetworks/virtualNetworkPeerings",
        childByName("Microsoft.Network/virtualNetworks", "virtual_network_name", "virtualNetworkPeerings"), (v, id, c) -> {
          ObjectNode p = c.props(c.resource(id, "Microsoft.Network/virtualNetworks/virtualNetworkPeerings", v));
          put(p, "remoteVirtualNetwork", ref(v.v("remote_virtual_network_id")));
          putBool(p, "allowForwardedTraffic", v.b("allow_forwarded_traffic"));
          putBool(p, "allowGatewayTransit", v.b("allow_gateway_transit"));
          putBool(p, "useRemoteGateways", v.b("use_remote_gateways"));
        });
    // internal/services/network/virtual_network_dns_servers_resource.go: virtual_network_id, dns_servers (the VNet's
    // dhcpOptions.dnsServers, set apart from the VNet)
    join("azurerm_virtual_network_dns_servers", "Microsoft.Network/virtualNetworks", same("virtual_network_id"),
        (v, id, c) -> dnsServers(c.props(c.resource(id, "Microsoft.Network/virtualNetworks", v)), v));
    // internal/services/network/network_security_group_resource.go: security_rule {name, direction, access, priority,
    // protocol, source/destination_address_prefix(es), source/destination_port_range(s),
    // source/destination_application_security_group_ids} (expandSecurityRules)
    on("azurerm_network_security_group", "Microsoft.Network/networkSecurityGroups",
        top("Microsoft.Network/networkSecurityGroups"), (v, id, c) -> {
          ArrayNode rules = arr();
          for (TfView r : v.blocks("security_rule")) {
            rules.add(nsgRule(r));
          }
          c.props(base(v, id, "Microsoft.Network/networkSecurityGroups", c)).set("securityRules", rules);
        });
    // internal/services/network/network_security_rule_resource.go: network_security_group_name + the rule's fields
    join("azurerm_network_security_rule", "Microsoft.Network/networkSecurityGroups",
        (v, c) -> rgId(v, c, "resource_group_name") + "/providers/Microsoft.Network/networkSecurityGroups/"
            + v.s("network_security_group_name"),
        (v, id, c) -> replaceByName(c.props(c.resource(id, "Microsoft.Network/networkSecurityGroups", v)),
            "securityRules", nsgRule(v)));
    // internal/services/network/network_interface_resource.go: ip_configuration {name, subnet_id, private_ip_address,
    // public_ip_address_id}, ip_forwarding_enabled (4.x) / enable_ip_forwarding (3.x)
    on("azurerm_network_interface", "Microsoft.Network/networkInterfaces", top("Microsoft.Network/networkInterfaces"),
        (v, id, c) -> {
          ObjectNode p = c.props(base(v, id, "Microsoft.Network/networkInterfaces", c));
          Boolean fwd = v.b("ip_forwarding_enabled") != null ? v.b("ip_forwarding_enabled") : v.b("enable_ip_forwarding");
          putBool(p, "enableIPForwarding", fwd);
          ArrayNode cfgs = arr();
          for (TfView ic : v.blocks("ip_configuration")) {
            ObjectNode cp = obj();
            put(cp, "privateIPAddress", ic.v("private_ip_address"));
            put(cp, "subnet", ref(ic.v("subnet_id")));
            put(cp, "publicIPAddress", ref(ic.v("public_ip_address_id")));
            cfgs.add(obj().put("name", name(ic)).set("properties", cp));
          }
          p.set("ipConfigurations", cfgs);
        });
    // internal/services/network/private_endpoint_resource.go: subnet_id, private_service_connection {name,
    // private_connection_resource_id, subresource_names, is_manual_connection, private_ip_address}
    on("azurerm_private_endpoint", "Microsoft.Network/privateEndpoints", top("Microsoft.Network/privateEndpoints"),
        (v, id, c) -> {
          ObjectNode p = c.props(base(v, id, "Microsoft.Network/privateEndpoints", c));
          put(p, "subnet", ref(v.v("subnet_id")));
          ArrayNode auto = arr();
          ArrayNode manual = arr();
          ArrayNode ips = arr();
          for (TfView sc : v.blocks("private_service_connection")) {
            ObjectNode cp = obj();
            put(cp, "privateLinkServiceId", sc.v("private_connection_resource_id"));
            cp.set("groupIds", strings(sc.list("subresource_names")));
            boolean isManual = Boolean.TRUE.equals(sc.b("is_manual_connection"));
            if (isManual) {
              // a manual connection waits for the target owner's approval; the plan cannot know the outcome
              cp.putObject("privateLinkServiceConnectionState").put("status", "Pending");
            }
            (isManual ? manual : auto).add(obj().put("name", name(sc)).set("properties", cp));
            JsonNode ip = sc.v("private_ip_address");
            if (ip != null && ip.isTextual()) {
              ips.add(ip);
            }
          }
          p.set("privateLinkServiceConnections", auto);
          p.set("manualPrivateLinkServiceConnections", manual);
          ArrayNode dns = arr();
          for (TfView d : v.blocks("custom_dns_configs")) { // computed: a state, or an update that keeps it
            ObjectNode cfg = obj();
            put(cfg, "fqdn", d.s("fqdn"));
            cfg.set("ipAddresses", strings(d.list("ip_addresses")));
            dns.add(cfg);
          }
          if (dns.isEmpty() && !ips.isEmpty()) {
            dns.add(obj().set("ipAddresses", ips));
          }
          if (!dns.isEmpty()) {
            p.set("customDnsConfigs", dns);
          }
          zoneGroup(p, v);
        });
    // internal/services/privatedns/private_dns_zone_resource.go: number_of_record_sets (computed)
    on("azurerm_private_dns_zone", "Microsoft.Network/privateDnsZones", top("Microsoft.Network/privateDnsZones"),
        (v, id, c) -> {
          ObjectNode z = c.resource(id, "Microsoft.Network/privateDnsZones", v).put("location", "global");
          JsonNode n = v.v("number_of_record_sets");
          if (n != null && n.canConvertToInt()) {
            c.props(z).put("numberOfRecordSets", n.asInt());
          }
        });
    // internal/services/privatedns/private_dns_zone_virtual_network_link_resource.go: private_dns_zone_name (3.x/4.x) or
    // private_dns_zone_id (5.x), virtual_network_id
    on("azurerm_private_dns_zone_virtual_network_link", "Microsoft.Network/privateDnsZones/virtualNetworkLinks",
        childOfOr("private_dns_zone_id", "virtualNetworkLinks",
            childByName("Microsoft.Network/privateDnsZones", "private_dns_zone_name", "virtualNetworkLinks")),
        (v, id, c) -> put(c.props(c.resource(id, "Microsoft.Network/privateDnsZones/virtualNetworkLinks", v)),
            "virtualNetwork", ref(v.v("virtual_network_id"))));
    // internal/services/privatedns/private_dns_a_record_resource.go: zone_name (3.x/4.x) or private_dns_zone_id (5.x),
    // records (set of IPv4 addresses)
    on("azurerm_private_dns_a_record", "Microsoft.Network/privateDnsZones/A",
        childOfOr("private_dns_zone_id", "A", childByName("Microsoft.Network/privateDnsZones", "zone_name", "A")),
        (v, id, c) -> c.props(c.resource(id, "Microsoft.Network/privateDnsZones/A", v))
            .set("aRecords", objects(v.list("records"), "ipv4Address")));
  }

  /** What an INFO says when a messaging namespace's rule set is read as the service's default. */
  static final String ASSUMED_DEFAULT_RULES = "%s is known only after apply and not in the configuration: read as the "
      + "namespace's default, every network (the provider sends no rule set); a dynamic %s block whose for_each is "
      + "known only after apply would look the same";

  /** A Service Bus network rule set block (or the 3.x standalone resource) as {@code networkRuleSets/default} properties. */
  private static void serviceBusRules(ObjectNode p, TfView rs) {
    if (rs == null) {
      p.put("defaultAction", "Allow"); // no rule set: the namespace's default, every network
      return;
    }
    put(p, "defaultAction", rs.v("default_action"));
    put(p, "publicNetworkAccess", enabled(rs.b("public_network_access_enabled")));
    putBool(p, "trustedServiceAccessEnabled", rs.b("trusted_services_allowed"));
    ArrayNode ips = p.putArray("ipRules");
    for (JsonNode ip : rs.list("ip_rules")) {
      ips.addObject().put("action", "Allow").set("ipMask", ip);
    }
    ArrayNode vrs = p.putArray("virtualNetworkRules");
    for (TfView vr : rs.blocks("network_rules")) {
      put(vrs.addObject(), "subnet", ref(vr.v("subnet_id")));
    }
  }

  /** {@code dns_servers} as the VNet's {@code dhcpOptions.dnsServers} (unknown: left out, as when not set). */
  private static void dnsServers(ObjectNode vnetProps, TfView v) {
    List<JsonNode> dns = v.list("dns_servers");
    if (!dns.isEmpty() && dns.stream().noneMatch(Unknown::is)) {
      vnetProps.putObject("dhcpOptions").set("dnsServers", strings(dns));
    }
  }

  /** A subnet's service endpoints from either provider shape: {@code service_endpoints} names or {@code service_endpoint} blocks. */
  private static void serviceEndpoints(ObjectNode subnetProps, TfView v) {
    ArrayNode eps = arr();
    for (JsonNode e : v.list("service_endpoints")) {
      if (e.isTextual()) {
        eps.add(obj().put("service", e.asText()));
      }
    }
    for (TfView b : v.blocks("service_endpoint")) {
      if (b.s("service") != null) {
        eps.add(obj().put("service", b.s("service")));
      }
    }
    if (!eps.isEmpty()) {
      subnetProps.set("serviceEndpoints", eps);
    }
  }

  /**
   * A computed id attribute that the configuration sets through a write-only argument ({@code attr + "_wo"}, azurerm
   * 5.x): the known value (a state), else the reference the write-only argument's expression names (write-only values
   * are in no plan or state), else unknown when that argument is set, else null.
   */
  private static JsonNode writeOnlyId(TfView v, String attr) {
    JsonNode known = v.v(attr);
    if (known != null && known.isTextual()) {
      return known;
    }
    return v.configured(attr + "_wo");
  }

  /**
   * A private endpoint's DNS zone group as ARM shows it ({@code properties.privateDnsZoneGroups[].properties
   * .privateDnsZoneConfigs[].properties}: privateDnsZoneId, recordSets): the zones from {@code private_dns_zone_group
   * .private_dns_zone_ids}, and, when known (a state), the records Azure wrote from the computed
   * {@code private_dns_zone_configs[].record_sets} (internal/services/network/private_endpoint_resource.go).
   */
  private static void zoneGroup(ObjectNode props, TfView v) {
    TfView group = v.block("private_dns_zone_group");
    if (group == null) {
      return;
    }
    ArrayNode cfgs = arr();
    List<String> zones = new ArrayList<>();
    for (TfView zc : v.blocks("private_dns_zone_configs")) {
      String zone = idText(zc, "private_dns_zone_id");
      if (zone == null) {
        continue;
      }
      zones.add(zone.toLowerCase(java.util.Locale.ROOT));
      ArrayNode sets = arr();
      for (TfView rs : zc.blocks("record_sets")) {
        ObjectNode set = obj();
        put(set, "recordType", rs.s("type"));
        put(set, "recordSetName", rs.s("name"));
        put(set, "fqdn", rs.s("fqdn"));
        set.set("ipAddresses", strings(rs.list("ip_addresses")));
        sets.add(set);
      }
      ObjectNode cp = obj().put("privateDnsZoneId", zone);
      if (!sets.isEmpty()) {
        cp.set("recordSets", sets);
      }
      cfgs.add(obj().put("name", zc.s("name") == null ? zone.substring(zone.lastIndexOf('/') + 1) : zc.s("name"))
          .set("properties", cp));
    }
    for (JsonNode z : group.list("private_dns_zone_ids")) {
      if (z.isTextual() && !zones.contains(z.asText().toLowerCase(java.util.Locale.ROOT))) {
        cfgs.add(obj().put("name", z.asText().substring(z.asText().lastIndexOf('/') + 1))
            .set("properties", obj().put("privateDnsZoneId", z.asText())));
      } else if (Unknown.is(z)) {
        cfgs.add(obj().set("properties", obj().set("privateDnsZoneId", z)));
      }
    }
    ObjectNode g = obj().put("name", name(group));
    g.putObject("properties").set("privateDnsZoneConfigs", cfgs);
    props.set("privateDnsZoneGroups", arr().add(g));
  }

  private static ObjectNode route(TfView r) {
    ObjectNode p = obj();
    put(p, "addressPrefix", r.v("address_prefix"));
    put(p, "nextHopType", r.v("next_hop_type"));
    put(p, "nextHopIpAddress", r.v("next_hop_in_ip_address"));
    return p;
  }

  private static ObjectNode nsgRule(TfView r) {
    ObjectNode p = obj();
    put(p, "direction", r.s("direction"));
    put(p, "access", r.s("access"));
    put(p, "priority", r.v("priority"));
    put(p, "protocol", r.s("protocol"));
    put(p, "destinationAddressPrefix", r.v("destination_address_prefix"));
    put(p, "destinationAddressPrefixes", strings(r.list("destination_address_prefixes")));
    put(p, "destinationPortRange", r.v("destination_port_range"));
    put(p, "destinationPortRanges", strings(r.list("destination_port_ranges")));
    put(p, "sourceAddressPrefix", r.v("source_address_prefix"));
    put(p, "sourceAddressPrefixes", strings(r.list("source_address_prefixes")));
    put(p, "sourcePortRange", r.v("source_port_range"));
    put(p, "sourcePortRanges", strings(r.list("source_port_ranges")));
    put(p, "sourceApplicationSecurityGroups", objects(r.list("source_application_security_group_ids"), "id"));
    put(p, "destinationApplicationSecurityGroups", objects(r.list("destination_application_security_group_ids"), "id"));
    return obj().put("name", name(r)).set("properties", p);
  }

  // ---------------------------------------------------------------- firewalls

  private static void firewalls() {
    // internal/services/firewall/firewall_resource.go: ip_configuration {name, subnet_id, public_ip_address_id,
    // private_ip_address}, management_ip_configuration {name, subnet_id, public_ip_address_id}, firewall_policy_id,
    // sku_name, sku_tier, threat_intel_mode, zones; private_ip_ranges, dns_servers and dns_proxy_enabled are written to
    // additionalProperties "Network.SNAT.PrivateRanges" (joined with commas), "Network.DNS.Servers" and
    // "Network.DNS.EnableProxy" (expandFirewallPrivateIpRange, expandFirewallAdditionalProperty); virtual_hub
    // {virtual_hub_id, public_ip_count, public_ip_addresses, private_ip_address} is virtualHub + hubIPAddresses
    // (expandFirewallVirtualHubSetting / flattenFirewallVirtualHubSetting)
    on("azurerm_firewall", "Microsoft.Network/azureFirewalls", top("Microsoft.Network/azureFirewalls"), (v, id, c) -> {
      ObjectNode r = base(v, id, "Microsoft.Network/azureFirewalls", c);
      ObjectNode p = c.props(r);
      ArrayNode cfgs = arr();
      for (TfView ic : v.blocks("ip_configuration")) {
        cfgs.add(firewallIpConfig(ic));
      }
      p.set("ipConfigurations", cfgs);
      TfView mgmt = v.block("management_ip_configuration");
      if (mgmt != null) {
        p.set("managementIpConfiguration", firewallIpConfig(mgmt));
      }
      put(p, "firewallPolicy", ref(v.v("firewall_policy_id")));
      ObjectNode sku = obj();
      put(sku, "name", v.s("sku_name"));
      put(sku, "tier", v.s("sku_tier"));
      p.set("sku", sku);
      put(p, "threatIntelMode", v.s("threat_intel_mode"));
      List<JsonNode> zones = v.list("zones");
      if (!zones.isEmpty()) {
        r.set("zones", strings(zones));
      }
      ObjectNode extra = obj();
      List<String> ranges = texts(v.list("private_ip_ranges"));
      if (!ranges.isEmpty()) {
        extra.put("Network.SNAT.PrivateRanges", String.join(",", ranges));
      }
      List<String> dns = texts(v.list("dns_servers"));
      if (!dns.isEmpty()) {
        extra.put("Network.DNS.Servers", String.join(",", dns));
      }
      if (Boolean.TRUE.equals(v.b("dns_proxy_enabled"))) {
        extra.put("Network.DNS.EnableProxy", "true");
      }
      if (!extra.isEmpty()) {
        p.set("additionalProperties", extra);
      }
      TfView hub = v.block("virtual_hub");
      if (hub != null) {
        put(p, "virtualHub", ref(hub.v("virtual_hub_id")));
        ObjectNode hips = p.putObject("hubIPAddresses");
        put(hips, "privateIPAddress", hub.v("private_ip_address"));
        ObjectNode pubs = hips.putObject("publicIPs");
        put(pubs, "count", hub.v("public_ip_count"));
        pubs.set("addresses", objects(hub.list("public_ip_addresses"), "address"));
      }
    });
    // internal/services/firewall/firewall_policy_resource.go: sku (the tier), base_policy_id, threat_intelligence_mode,
    // dns {servers, proxy_enabled}, private_ip_ranges (snat.privateRanges), auto_learn_private_ranges_enabled
    // (snat.autoLearnPrivateRanges "Enabled"), sql_redirect_allowed (sql.allowSqlRedirect)
    on("azurerm_firewall_policy", "Microsoft.Network/firewallPolicies", top("Microsoft.Network/firewallPolicies"),
        (v, id, c) -> {
          ObjectNode p = c.props(base(v, id, "Microsoft.Network/firewallPolicies", c));
          put(p, "sku", v.s("sku") == null ? null : obj().put("tier", v.s("sku")));
          put(p, "basePolicy", ref(v.v("base_policy_id")));
          put(p, "threatIntelMode", v.s("threat_intelligence_mode"));
          TfView dns = v.block("dns");
          if (dns != null) {
            ObjectNode d = p.putObject("dnsSettings");
            d.set("servers", strings(dns.list("servers")));
            putBool(d, "enableProxy", dns.b("proxy_enabled"));
          }
          ObjectNode snat = obj();
          if (v.known("private_ip_ranges") && !v.list("private_ip_ranges").isEmpty()) {
            snat.set("privateRanges", strings(v.list("private_ip_ranges")));
          }
          if (Boolean.TRUE.equals(v.b("auto_learn_private_ranges_enabled"))) {
            snat.put("autoLearnPrivateRanges", "Enabled");
          }
          if (!snat.isEmpty()) {
            p.set("snat", snat);
          }
          if (v.b("sql_redirect_allowed") != null) {
            p.putObject("sql").put("allowSqlRedirect", v.b("sql_redirect_allowed"));
          }
        });
    // internal/services/firewall/firewall_policy_rule_collection_group_resource.go: firewall_policy_id, priority,
    // application_rule_collection / network_rule_collection {name, priority, action, rule {...}}
    on("azurerm_firewall_policy_rule_collection_group", "Microsoft.Network/firewallPolicies/ruleCollectionGroups",
        childOf("firewall_policy_id", "ruleCollectionGroups"), (v, id, c) -> {
          ObjectNode p = c.props(c.resource(id, "Microsoft.Network/firewallPolicies/ruleCollectionGroups", v));
          put(p, "priority", v.v("priority"));
          ArrayNode cols = arr();
          for (String kind : List.of("network_rule_collection", "application_rule_collection")) {
            boolean app = kind.startsWith("application");
            for (TfView col : v.blocks(kind)) {
              ArrayNode rules = arr();
              for (TfView r : col.blocks("rule")) {
                ObjectNode rr = obj().put("ruleType", app ? "ApplicationRule" : "NetworkRule").put("name", name(r));
                put(rr, "description", r.v("description"));
                rr.set("sourceAddresses", strings(r.list("source_addresses")));
                rr.set("sourceIpGroups", strings(r.list("source_ip_groups")));
                if (app) {
                  rr.set("targetFqdns", strings(r.list("destination_fqdns")));
                  rr.set("targetUrls", strings(r.list("destination_urls")));
                  rr.set("fqdnTags", strings(r.list("destination_fqdn_tags")));
                  rr.set("webCategories", strings(r.list("web_categories")));
                  rr.set("destinationAddresses", strings(r.list("destination_addresses")));
                  putBool(rr, "terminateTLS", r.b("terminate_tls"));
                  ArrayNode protos = arr();
                  for (TfView pr : r.blocks("protocols")) {
                    ObjectNode po = obj();
                    put(po, "protocolType", pr.s("type"));
                    put(po, "port", pr.v("port"));
                    protos.add(po);
                  }
                  rr.set("protocols", protos);
                } else {
                  rr.set("ipProtocols", strings(r.list("protocols")));
                  rr.set("destinationAddresses", strings(r.list("destination_addresses")));
                  rr.set("destinationIpGroups", strings(r.list("destination_ip_groups")));
                  rr.set("destinationFqdns", strings(r.list("destination_fqdns")));
                  rr.set("destinationPorts", strings(r.list("destination_ports")));
                }
                rules.add(rr);
              }
              ObjectNode co = obj().put("ruleCollectionType", "FirewallPolicyFilterRuleCollection").put("name", name(col));
              put(co, "priority", col.v("priority"));
              put(co, "action", col.s("action") == null ? null : obj().put("type", col.s("action")));
              co.set("rules", rules);
              cols.add(co);
            }
          }
          p.set("ruleCollections", cols);
        });
    // internal/services/firewall/firewall_network_rule_collection_resource.go: azure_firewall_name, priority, action,
    // rule {name, source_addresses, destination_addresses, destination_ports, destination_fqdns, protocols}
    join("azurerm_firewall_network_rule_collection", "Microsoft.Network/azureFirewalls",
        (v, c) -> rgId(v, c, "resource_group_name") + "/providers/Microsoft.Network/azureFirewalls/" + v.s("azure_firewall_name"),
        (v, id, c) -> {
          ArrayNode rules = arr();
          for (TfView r : v.blocks("rule")) {
            ObjectNode rr = obj().put("name", name(r));
            put(rr, "description", r.v("description"));
            rr.set("sourceAddresses", strings(r.list("source_addresses")));
            rr.set("sourceIpGroups", strings(r.list("source_ip_groups")));
            rr.set("destinationAddresses", strings(r.list("destination_addresses")));
            rr.set("destinationIpGroups", strings(r.list("destination_ip_groups")));
            rr.set("destinationFqdns", strings(r.list("destination_fqdns")));
            rr.set("destinationPorts", strings(r.list("destination_ports")));
            rr.set("protocols", strings(r.list("protocols")));
            rules.add(rr);
          }
          append(c.props(c.resource(id, "Microsoft.Network/azureFirewalls", v)), "networkRuleCollections",
              classicCollection(v, rules));
        });
    // internal/services/firewall/firewall_application_rule_collection_resource.go: rule {name, source_addresses,
    // target_fqdns, fqdn_tags, protocol {port, type}}
    join("azurerm_firewall_application_rule_collection", "Microsoft.Network/azureFirewalls",
        (v, c) -> rgId(v, c, "resource_group_name") + "/providers/Microsoft.Network/azureFirewalls/" + v.s("azure_firewall_name"),
        (v, id, c) -> {
          ArrayNode rules = arr();
          for (TfView r : v.blocks("rule")) {
            ObjectNode rr = obj().put("name", name(r));
            put(rr, "description", r.v("description"));
            rr.set("sourceAddresses", strings(r.list("source_addresses")));
            rr.set("sourceIpGroups", strings(r.list("source_ip_groups")));
            rr.set("targetFqdns", strings(r.list("target_fqdns")));
            rr.set("fqdnTags", strings(r.list("fqdn_tags")));
            ArrayNode protos = arr();
            for (TfView pr : r.blocks("protocol")) {
              ObjectNode po = obj();
              put(po, "protocolType", pr.s("type"));
              put(po, "port", pr.v("port"));
              protos.add(po);
            }
            rr.set("protocols", protos);
            rules.add(rr);
          }
          append(c.props(c.resource(id, "Microsoft.Network/azureFirewalls", v)), "applicationRuleCollections",
              classicCollection(v, rules));
        });
  }

  private static ObjectNode firewallIpConfig(TfView ic) {
    ObjectNode cp = obj();
    put(cp, "subnet", ref(ic.v("subnet_id")));
    put(cp, "publicIPAddress", ref(ic.v("public_ip_address_id")));
    put(cp, "privateIPAddress", ic.v("private_ip_address"));
    return obj().put("name", name(ic)).set("properties", cp);
  }

  /** The known texts of a list attribute. */
  private static List<String> texts(List<JsonNode> values) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : values) {
      if (n != null && n.isTextual() && !n.asText().isEmpty()) {
        out.add(n.asText());
      }
    }
    return out;
  }

  private static ObjectNode classicCollection(TfView v, ArrayNode rules) {
    ObjectNode p = obj();
    put(p, "priority", v.v("priority"));
    put(p, "action", v.s("action") == null ? null : obj().put("type", v.s("action")));
    p.set("rules", rules);
    return obj().put("name", name(v)).set("properties", p);
  }

  // ---------------------------------------------------------------- workloads

  private static void workloads() {
    // internal/services/machinelearning/machine_learning_workspace_resource.go: public_network_access_enabled,
    // managed_network {isolation_mode}, serverless_compute {subnet_id, public_ip_enabled}, storage_account_id,
    // key_vault_id, container_registry_id, application_insights_id, identity {type}, sku_name
    on("azurerm_machine_learning_workspace", "Microsoft.MachineLearningServices/workspaces",
        top("Microsoft.MachineLearningServices/workspaces"), (v, id, c) -> {
          ObjectNode r = base(v, id, "Microsoft.MachineLearningServices/workspaces", c);
          put(r, "sku", v.s("sku_name") == null ? null : obj().put("name", v.s("sku_name")));
          TfView ident = v.block("identity");
          if (ident != null && ident.s("type") != null) {
            r.putObject("identity").put("type", ident.s("type"));
          }
          ObjectNode p = c.props(r);
          Boolean pna = v.b("public_network_access_enabled");
          if (pna == null && v.instance.values.has("public_access_behind_virtual_network_enabled")
              && !v.configures("public_network_access_enabled")) {
            // azurerm 3.x (the schema with public_access_behind_virtual_network_enabled): the attribute is Optional+
            // Computed with no default and the create PUTs Disabled unless it is set to true
            pna = false;
          }
          put(p, "publicNetworkAccess", enabled(pna));
          TfView mn = v.block("managed_network");
          if (mn != null && mn.s("isolation_mode") != null) {
            p.putObject("managedNetwork").put("isolationMode", mn.s("isolation_mode"));
          }
          TfView sc = v.block("serverless_compute");
          if (sc != null) {
            ObjectNode s = p.putObject("serverlessComputeSettings");
            put(s, "serverlessComputeCustomSubnet", ref(sc.v("subnet_id")));
            if (sc.b("public_ip_enabled") != null) {
              s.put("serverlessComputeNoPublicIP", !sc.b("public_ip_enabled"));
            }
          }
          put(p, "storageAccount", v.v("storage_account_id"));
          put(p, "keyVault", v.v("key_vault_id"));
          put(p, "containerRegistry", v.v("container_registry_id"));
          put(p, "applicationInsights", v.v("application_insights_id"));
        });
    // internal/services/machinelearning/machine_learning_compute_cluster_resource.go: machine_learning_workspace_id,
    // location, subnet_resource_id, node_public_ip_enabled
    on("azurerm_machine_learning_compute_cluster", "Microsoft.MachineLearningServices/workspaces/computes",
        childOf("machine_learning_workspace_id", "computes"), (v, id, c) -> mlCompute(v, id, c, "AmlCompute"));
    // internal/services/machinelearning/machine_learning_compute_instance_resource.go: machine_learning_workspace_id,
    // subnet_resource_id, node_public_ip_enabled (no location: the workspace's)
    on("azurerm_machine_learning_compute_instance", "Microsoft.MachineLearningServices/workspaces/computes",
        childOf("machine_learning_workspace_id", "computes"), (v, id, c) -> mlCompute(v, id, c, "ComputeInstance"));
    // internal/services/machinelearning/machine_learning_workspace_network_outbound_rule_fqdn_resource.go:
    // workspace_id, destination_fqdn
    on("azurerm_machine_learning_workspace_network_outbound_rule_fqdn",
        "Microsoft.MachineLearningServices/workspaces/outboundRules", childOf("workspace_id", "outboundRules"),
        (v, id, c) -> {
          ObjectNode p = c.props(c.resource(id, "Microsoft.MachineLearningServices/workspaces/outboundRules", v));
          p.put("type", "FQDN").put("category", "UserDefined");
          put(p, "destination", v.v("destination_fqdn"));
        });
    // ..._network_outbound_rule_private_endpoint_resource.go: service_resource_id, sub_resource_target, spark_enabled
    on("azurerm_machine_learning_workspace_network_outbound_rule_private_endpoint",
        "Microsoft.MachineLearningServices/workspaces/outboundRules", childOf("workspace_id", "outboundRules"),
        (v, id, c) -> {
          ObjectNode p = c.props(c.resource(id, "Microsoft.MachineLearningServices/workspaces/outboundRules", v));
          p.put("type", "PrivateEndpoint").put("category", "UserDefined");
          ObjectNode d = p.putObject("destination");
          put(d, "serviceResourceId", v.v("service_resource_id"));
          put(d, "subresourceTarget", v.v("sub_resource_target"));
          putBool(d, "sparkEnabled", v.b("spark_enabled"));
        });
    // ..._network_outbound_rule_service_tag_resource.go: service_tag, protocol, port_ranges
    on("azurerm_machine_learning_workspace_network_outbound_rule_service_tag",
        "Microsoft.MachineLearningServices/workspaces/outboundRules", childOf("workspace_id", "outboundRules"),
        (v, id, c) -> {
          ObjectNode p = c.props(c.resource(id, "Microsoft.MachineLearningServices/workspaces/outboundRules", v));
          p.put("type", "ServiceTag").put("category", "UserDefined");
          ObjectNode d = p.putObject("destination");
          put(d, "serviceTag", v.v("service_tag"));
          put(d, "protocol", v.v("protocol"));
          put(d, "portRanges", v.v("port_ranges"));
          d.put("action", "Allow");
        });
    // internal/services/databricks/databricks_workspace_resource.go: managed_resource_group_name/_id,
    // public_network_access_enabled, load_balancer_backend_address_pool_id, custom_parameters {no_public_ip,
    // virtual_network_id, public_subnet_name, private_subnet_name, nat_gateway_name, public_ip_name}
    on("azurerm_databricks_workspace", "Microsoft.Databricks/workspaces", top("Microsoft.Databricks/workspaces"),
        (v, id, c) -> {
          ObjectNode r = base(v, id, "Microsoft.Databricks/workspaces", c);
          put(r, "sku", v.s("sku") == null ? null : obj().put("name", v.s("sku")));
          ObjectNode p = c.props(r);
          String mrg = idText(v, "managed_resource_group_id");
          if (mrg == null && v.s("managed_resource_group_name") != null) {
            mrg = "/subscriptions/" + c.subscription() + "/resourceGroups/" + v.s("managed_resource_group_name");
          } else if (mrg == null && v.configured("managed_resource_group_name") == null && v.s("resource_group_name") != null) {
            // not configured: the provider names it databricks-rg-<the workspace's resource group> (resourceDatabricks
            // WorkspaceCreate: "no managed resource group name was provided, using the default pattern")
            mrg = "/subscriptions/" + c.subscription() + "/resourceGroups/databricks-rg-" + v.s("resource_group_name");
          }
          put(p, "managedResourceGroupId", mrg);
          put(p, "publicNetworkAccess", enabled(v.b("public_network_access_enabled")));
          ObjectNode params = p.putObject("parameters");
          TfView cp = v.block("custom_parameters");
          if (cp != null) {
            param(params, "enableNoPublicIp", cp.v("no_public_ip"));
            param(params, "customVirtualNetworkId", cp.v("virtual_network_id"));
            param(params, "customPublicSubnetName", cp.v("public_subnet_name"));
            param(params, "customPrivateSubnetName", cp.v("private_subnet_name"));
            param(params, "natGatewayName", cp.v("nat_gateway_name"));
            param(params, "publicIpName", cp.v("public_ip_name"));
          }
          String pool = idText(v, "load_balancer_backend_address_pool_id");
          if (pool != null && pool.contains("/backendAddressPools/")) {
            int k = pool.lastIndexOf("/backendAddressPools/");
            param(params, "loadBalancerId", TextNode.valueOf(pool.substring(0, k)));
            param(params, "loadBalancerBackendPoolName", TextNode.valueOf(pool.substring(k + "/backendAddressPools/".length())));
          }
        });
  }

  private static void mlCompute(TfView v, String id, Ctx c, String computeType) {
    ObjectNode r = c.resource(id, "Microsoft.MachineLearningServices/workspaces/computes", v);
    putTags(r, v);
    String loc = location(v);
    if (loc == null) {
      loc = c.locationOf(idText(v, "machine_learning_workspace_id"));
    }
    put(r, "location", loc);
    ObjectNode p = c.props(r).put("computeType", computeType);
    put(p, "computeLocation", loc);
    ObjectNode inner = p.putObject("properties");
    put(inner, "subnet", ref(v.v("subnet_resource_id")));
    putBool(inner, "enableNodePublicIp", v.b("node_public_ip_enabled"));
  }

  private static void param(ObjectNode params, String name, JsonNode value) {
    if (value != null && !value.isNull()) {
      params.putObject(name).set("value", value);
    }
  }

  // ---------------------------------------------------------------- targets

  private static void targets() {
    // internal/services/storage/storage_account_resource.go: account_kind, account_tier, account_replication_type,
    // public_network_access_enabled, network_rules {default_action, bypass, ip_rules, virtual_network_subnet_ids,
    // private_link_access {endpoint_resource_id}}
    on("azurerm_storage_account", "Microsoft.Storage/storageAccounts", top("Microsoft.Storage/storageAccounts"),
        (v, id, c) -> {
          ObjectNode r = base(v, id, "Microsoft.Storage/storageAccounts", c);
          put(r, "kind", v.s("account_kind"));
          if (v.s("account_tier") != null && v.s("account_replication_type") != null) {
            r.putObject("sku").put("name", v.s("account_tier") + "_" + v.s("account_replication_type"));
          }
          ObjectNode p = c.props(r);
          put(p, "publicNetworkAccess", enabled(v.b("public_network_access_enabled")));
          TfView nr = v.block("network_rules");
          if (nr != null) {
            p.set("networkAcls", storageRules(nr));
          }
        });
    // internal/services/storage/storage_account_network_rules_resource.go: storage_account_id + the same rules
    join("azurerm_storage_account_network_rules", "Microsoft.Storage/storageAccounts", same("storage_account_id"),
        (v, id, c) -> c.props(c.resource(id, "Microsoft.Storage/storageAccounts", v)).set("networkAcls", storageRules(v)));
    // internal/services/keyvault/key_vault_resource.go: network_acls {default_action, bypass, ip_rules,
    // virtual_network_subnet_ids}, public_network_access_enabled, tenant_id, sku_name, access_policy {...},
    // rbac_authorization_enabled (enable_rbac_authorization before 5.0), purge_protection_enabled, soft_delete_retention_days
    on("azurerm_key_vault", "Microsoft.KeyVault/vaults", top("Microsoft.KeyVault/vaults"), (v, id, c) -> {
      ObjectNode p = c.props(base(v, id, "Microsoft.KeyVault/vaults", c));
      put(p, "publicNetworkAccess", enabled(v.b("public_network_access_enabled")));
      put(p, "tenantId", v.v("tenant_id"));
      if (v.s("sku_name") != null) {
        p.putObject("sku").put("family", "A").put("name", v.s("sku_name"));
      }
      Boolean rbac = v.b("rbac_authorization_enabled") != null ? v.b("rbac_authorization_enabled")
          : v.b("enable_rbac_authorization");
      putBool(p, "enableRbacAuthorization", rbac);
      putBool(p, "enabledForDeployment", v.b("enabled_for_deployment"));
      putBool(p, "enabledForDiskEncryption", v.b("enabled_for_disk_encryption"));
      putBool(p, "enabledForTemplateDeployment", v.b("enabled_for_template_deployment"));
      putBool(p, "enablePurgeProtection", v.b("purge_protection_enabled"));
      put(p, "softDeleteRetentionInDays", v.v("soft_delete_retention_days"));
      if (v.known("access_policy")) {
        ArrayNode pols = arr();
        for (TfView ap : v.blocks("access_policy")) {
          ObjectNode o = obj();
          put(o, "tenantId", ap.v("tenant_id"));
          put(o, "objectId", ap.v("object_id"));
          put(o, "applicationId", ap.v("application_id"));
          ObjectNode perms = o.putObject("permissions");
          perms.set("keys", strings(ap.list("key_permissions")));
          perms.set("secrets", strings(ap.list("secret_permissions")));
          perms.set("certificates", strings(ap.list("certificate_permissions")));
          perms.set("storage", strings(ap.list("storage_permissions")));
          pols.add(o);
        }
        p.set("accessPolicies", pols);
      }
      TfView acl = v.block("network_acls");
      if (acl != null) {
        ObjectNode a = p.putObject("networkAcls");
        put(a, "defaultAction", acl.v("default_action"));
        put(a, "bypass", acl.v("bypass"));
        a.set("ipRules", objects(acl.list("ip_rules"), "value"));
        a.set("virtualNetworkRules", objects(acl.list("virtual_network_subnet_ids"), "id"));
      }
    });
    // internal/services/mssql/mssql_server_resource.go: public_network_access_enabled; connection_policy (Default,
    // Proxy or Redirect; default Default), which the provider PUTs as the server's connectionPolicies/default
    // (serverconnectionpolicies.ServerConnectionPolicy{ConnectionType}): written as that child, as an ARM export has it
    on("azurerm_mssql_server", "Microsoft.Sql/servers", top("Microsoft.Sql/servers"), (v, id, c) -> {
      put(c.props(base(v, id, "Microsoft.Sql/servers", c)), "publicNetworkAccess",
          enabled(v.b("public_network_access_enabled")));
      JsonNode policy = v.v("connection_policy");
      if (policy != null) {
        put(c.props(c.resource(id + "/connectionPolicies/default", "Microsoft.Sql/servers/connectionPolicies", v)),
            "connectionType", policy);
      }
    });
    // internal/services/sql/sql_server_resource.go (removed in 4.0; in older plans): as azurerm_mssql_server
    on("azurerm_sql_server", "Microsoft.Sql/servers", top("Microsoft.Sql/servers"), (v, id, c) ->
        put(c.props(base(v, id, "Microsoft.Sql/servers", c)), "publicNetworkAccess",
            enabled(v.b("public_network_access_enabled"))));
    // internal/services/mssql/mssql_firewall_rule_resource.go: server_id, start_ip_address, end_ip_address
    on("azurerm_mssql_firewall_rule", "Microsoft.Sql/servers/firewallRules", childOf("server_id", "firewallRules"),
        (v, id, c) -> sqlFirewallRule(v, id, c));
    // internal/services/sql/sql_firewall_rule_resource.go (removed in 4.0): server_name, start/end_ip_address
    on("azurerm_sql_firewall_rule", "Microsoft.Sql/servers/firewallRules",
        childByName("Microsoft.Sql/servers", "server_name", "firewallRules"), (v, id, c) -> sqlFirewallRule(v, id, c));
    // internal/services/sql/sql_virtual_network_rule_resource.go (azurerm 3.x): server_name, resource_group_name, subnet_id
    on("azurerm_sql_virtual_network_rule", "Microsoft.Sql/servers/virtualNetworkRules",
        childByName("Microsoft.Sql/servers", "server_name", "virtualNetworkRules"), (v, id, c) ->
            put(c.props(c.resource(id, "Microsoft.Sql/servers/virtualNetworkRules", v)), "virtualNetworkSubnetId",
                v.v("subnet_id")));
    // internal/services/mssql/mssql_virtual_network_rule_resource.go: server_id, subnet_id
    on("azurerm_mssql_virtual_network_rule", "Microsoft.Sql/servers/virtualNetworkRules",
        childOf("server_id", "virtualNetworkRules"), (v, id, c) ->
            put(c.props(c.resource(id, "Microsoft.Sql/servers/virtualNetworkRules", v)), "virtualNetworkSubnetId",
                v.v("subnet_id")));
    // internal/services/cosmos/cosmosdb_account_resource.go: ip_range_filter (set in 4.x, comma string in 3.x),
    // is_virtual_network_filter_enabled, virtual_network_rule {id}, public_network_access_enabled,
    // network_acl_bypass_for_azure_services, kind, offer_type, geo_location, consistency_policy, capabilities
    on("azurerm_cosmosdb_account", "Microsoft.DocumentDB/databaseAccounts", top("Microsoft.DocumentDB/databaseAccounts"),
        (v, id, c) -> {
          ObjectNode r = base(v, id, "Microsoft.DocumentDB/databaseAccounts", c);
          put(r, "kind", v.s("kind"));
          ObjectNode p = c.props(r);
          put(p, "publicNetworkAccess", enabled(v.b("public_network_access_enabled")));
          put(p, "databaseAccountOfferType", v.s("offer_type"));
          putBool(p, "isVirtualNetworkFilterEnabled", v.b("is_virtual_network_filter_enabled"));
          Boolean bypass = v.b("network_acl_bypass_for_azure_services");
          put(p, "networkAclBypass", bypass == null ? null : bypass ? "AzureServices" : "None");
          List<JsonNode> ranges = new ArrayList<>();
          for (JsonNode e : v.list("ip_range_filter")) {
            if (e.isTextual()) {
              for (String part : e.asText().split(",")) {
                if (!part.isBlank()) {
                  ranges.add(TextNode.valueOf(part.strip()));
                }
              }
            } else {
              ranges.add(e);
            }
          }
          p.set("ipRules", objects(ranges, "ipAddressOrRange"));
          ArrayNode vrs = arr();
          for (TfView vr : v.blocks("virtual_network_rule")) {
            put(vrs.addObject(), "id", vr.v("id"));
          }
          p.set("virtualNetworkRules", vrs);
          ArrayNode locs = arr();
          for (TfView g : v.blocks("geo_location")) {
            ObjectNode l = obj();
            put(l, "locationName", g.v("location"));
            put(l, "failoverPriority", g.v("failover_priority"));
            putBool(l, "isZoneRedundant", g.b("zone_redundant"));
            locs.add(l);
          }
          p.set("locations", locs);
          TfView cons = v.block("consistency_policy");
          if (cons != null) {
            ObjectNode cp = p.putObject("consistencyPolicy");
            put(cp, "defaultConsistencyLevel", cons.v("consistency_level"));
            put(cp, "maxIntervalInSeconds", cons.v("max_interval_in_seconds"));
            put(cp, "maxStalenessPrefix", cons.v("max_staleness_prefix"));
          }
          ArrayNode caps = arr();
          for (TfView cap : v.blocks("capabilities")) {
            put(caps.addObject(), "name", cap.v("name"));
          }
          p.set("capabilities", caps);
        });
    // internal/services/containers/container_registry_resource.go: sku, public_network_access_enabled,
    // network_rule_set {default_action, ip_rule {action, ip_range}}, network_rule_bypass_option
    on("azurerm_container_registry", "Microsoft.ContainerRegistry/registries",
        top("Microsoft.ContainerRegistry/registries"), (v, id, c) -> {
          ObjectNode r = base(v, id, "Microsoft.ContainerRegistry/registries", c);
          put(r, "sku", v.s("sku") == null ? null : obj().put("name", v.s("sku")));
          ObjectNode p = c.props(r);
          put(p, "publicNetworkAccess", enabled(v.b("public_network_access_enabled")));
          put(p, "networkRuleBypassOptions", v.v("network_rule_bypass_option"));
          TfView rs = v.block("network_rule_set");
          if (rs != null) {
            ObjectNode n = p.putObject("networkRuleSet");
            put(n, "defaultAction", rs.v("default_action"));
            ArrayNode ips = n.putArray("ipRules");
            for (TfView ip : rs.blocks("ip_rule")) {
              ObjectNode o = ips.addObject();
              put(o, "action", ip.v("action"));
              put(o, "value", ip.v("ip_range"));
            }
            // azurerm 3.x: virtual_network {action, subnet_id} (removed in 4.0), sent as VirtualNetworkRules {Action, Id}
            ArrayNode vnets = arr();
            for (TfView vn : rs.blocks("virtual_network")) {
              ObjectNode o = vnets.addObject();
              put(o, "action", vn.v("action"));
              put(o, "id", vn.v("subnet_id"));
            }
            if (!vnets.isEmpty()) {
              n.set("virtualNetworkRules", vnets);
            }
          }
        });
    // internal/services/appservice/{linux,windows}_{web,function}_app_resource.go and helpers: public_network_access_enabled,
    // site_config {ip_restriction {name, ip_address, service_tag, virtual_network_subnet_id, priority, action, headers},
    // ip_restriction_default_action}
    for (String[] t : new String[][] {{"azurerm_linux_web_app", "app,linux"}, {"azurerm_windows_web_app", "app"},
        {"azurerm_linux_function_app", "functionapp,linux"}, {"azurerm_windows_function_app", "functionapp"}}) {
      on(t[0], "Microsoft.Web/sites", top("Microsoft.Web/sites"), (v, id, c) -> {
        ObjectNode r = base(v, id, "Microsoft.Web/sites", c).put("kind", t[1]);
        ObjectNode p = c.props(r);
        put(p, "publicNetworkAccess", enabled(v.b("public_network_access_enabled")));
        TfView sc = v.block("site_config");
        if (sc != null && sc.known("ip_restriction")) {
          ObjectNode cfg = p.putObject("siteConfig");
          cfg.set("ipSecurityRestrictions", restrictions(sc.blocks("ip_restriction")));
          put(cfg, "ipSecurityRestrictionsDefaultAction", sc.v("ip_restriction_default_action"));
          // the SCM (Kudu) site's own list: scm_ip_restriction (the ip_restriction block schema),
          // scm_ip_restriction_default_action, scm_use_main_ip_restriction (helpers/*_schema.go:
          // ScmIPSecurityRestrictions, ScmIPSecurityRestrictionsDefaultAction, ScmIPSecurityRestrictionsUseMain)
          if (sc.known("scm_ip_restriction")) {
            cfg.set("scmIpSecurityRestrictions", restrictions(sc.blocks("scm_ip_restriction")));
          }
          put(cfg, "scmIpSecurityRestrictionsDefaultAction", sc.v("scm_ip_restriction_default_action"));
          putBool(cfg, "scmIpSecurityRestrictionsUseMain", sc.b("scm_use_main_ip_restriction"));
        }
      });
    }
    // internal/services/eventhub/eventhub_namespace_resource.go: sku, public_network_access_enabled, network_rulesets
    // {default_action, public_network_access_enabled, trusted_service_access_enabled, virtual_network_rule {subnet_id},
    // ip_rule {ip_mask, action}}
    on("azurerm_eventhub_namespace", "Microsoft.EventHub/namespaces", top("Microsoft.EventHub/namespaces"), (v, id, c) -> {
      ObjectNode r = base(v, id, "Microsoft.EventHub/namespaces", c);
      put(r, "sku", v.s("sku") == null ? null : obj().put("name", v.s("sku")));
      put(c.props(r), "publicNetworkAccess", enabled(v.b("public_network_access_enabled")));
      if (v.known("network_rulesets") || !v.configures("network_rulesets")) {
        // computed: unknown on create when not configured, and then the provider PUTs no rule set
        // (createNetworkRuleSetForNamespace returns nil): the namespace keeps its default, every network
        TfView rs = v.known("network_rulesets") ? v.block("network_rulesets") : null;
        if (!v.known("network_rulesets")) {
          c.info(v, ASSUMED_DEFAULT_RULES.replace("%s", "network_rulesets"));
        }
        ObjectNode p = c.props(c.resource(id + "/networkRuleSets/default", "Microsoft.EventHub/namespaces/networkRuleSets", v));
        if (rs == null) {
          p.put("defaultAction", "Allow"); // no rule set: the namespace's default, every network
        } else {
          put(p, "defaultAction", rs.v("default_action"));
          put(p, "publicNetworkAccess", enabled(rs.b("public_network_access_enabled")));
          putBool(p, "trustedServiceAccessEnabled", rs.b("trusted_service_access_enabled"));
          ArrayNode ips = p.putArray("ipRules");
          for (TfView ip : rs.blocks("ip_rule")) {
            ObjectNode o = ips.addObject();
            put(o, "ipMask", ip.v("ip_mask"));
            put(o, "action", ip.v("action"));
          }
          ArrayNode vrs = p.putArray("virtualNetworkRules");
          for (TfView vr : rs.blocks("virtual_network_rule")) {
            put(vrs.addObject(), "subnet", ref(vr.v("subnet_id")));
          }
        }
      }
    });
    // internal/services/servicebus/servicebus_namespace_resource.go: sku, public_network_access_enabled,
    // network_rule_set {default_action, public_network_access_enabled, ip_rules, trusted_services_allowed,
    // network_rules {subnet_id}} (the standalone azurerm_servicebus_namespace_network_rule_set was removed in 4.0)
    on("azurerm_servicebus_namespace", "Microsoft.ServiceBus/namespaces", top("Microsoft.ServiceBus/namespaces"),
        (v, id, c) -> {
          ObjectNode r = base(v, id, "Microsoft.ServiceBus/namespaces", c);
          put(r, "sku", v.s("sku") == null ? null : obj().put("name", v.s("sku")));
          put(c.props(r), "publicNetworkAccess", enabled(v.b("public_network_access_enabled")));
          if (!v.known("network_rule_set") && !v.configures("network_rule_set")) {
            c.info(v, ASSUMED_DEFAULT_RULES.replace("%s", "network_rule_set"));
          }
          if (v.known("network_rule_set") || !v.configures("network_rule_set")) {
            // computed: unknown on create when not configured, and then the provider PUTs no rule set (the
            // namespace keeps its default, every network)
            serviceBusRules(c.props(c.resource(id + "/networkRuleSets/default",
                "Microsoft.ServiceBus/namespaces/networkRuleSets", v)), v.known("network_rule_set") ? v.block("network_rule_set") : null);
          }
        });
    // internal/services/servicebus/servicebus_namespace_network_rule_set_resource.go (azurerm 3.x; removed in 4.0):
    // namespace_id, default_action (Default Allow), public_network_access_enabled, trusted_services_allowed, ip_rules,
    // network_rules {subnet_id}: the namespace's networkRuleSets/default, replacing the namespace's computed copy
    join("azurerm_servicebus_namespace_network_rule_set", "Microsoft.ServiceBus/namespaces", same("namespace_id"),
        (v, id, c) -> {
          ObjectNode rs = c.resource(id + "/networkRuleSets/default", "Microsoft.ServiceBus/namespaces/networkRuleSets", v);
          rs.remove("properties");
          serviceBusRules(c.props(rs), v);
        });
    // internal/services/cognitive/cognitive_account_resource.go: kind, sku_name, custom_subdomain_name,
    // public_network_access_enabled, network_acls {default_action, ip_rules, virtual_network_rules {subnet_id}, bypass}
    on("azurerm_cognitive_account", "Microsoft.CognitiveServices/accounts", top("Microsoft.CognitiveServices/accounts"),
        (v, id, c) -> {
          ObjectNode r = base(v, id, "Microsoft.CognitiveServices/accounts", c);
          put(r, "kind", v.s("kind"));
          put(r, "sku", v.s("sku_name") == null ? null : obj().put("name", v.s("sku_name")));
          ObjectNode p = c.props(r);
          put(p, "customSubDomainName", v.v("custom_subdomain_name"));
          put(p, "publicNetworkAccess", enabled(v.b("public_network_access_enabled")));
          TfView acl = v.block("network_acls");
          if (acl != null) {
            ObjectNode a = p.putObject("networkAcls");
            put(a, "defaultAction", acl.v("default_action"));
            put(a, "bypass", acl.v("bypass"));
            a.set("ipRules", objects(acl.list("ip_rules"), "value"));
            ArrayNode vrs = a.putArray("virtualNetworkRules");
            for (TfView vr : acl.blocks("virtual_network_rules")) {
              put(vrs.addObject(), "id", vr.v("subnet_id"));
            }
          }
        });
    // internal/services/search/search_service_resource.go: sku, public_network_access_enabled, allowed_ips,
    // network_rule_bypass_option
    on("azurerm_search_service", "Microsoft.Search/searchServices", top("Microsoft.Search/searchServices"),
        (v, id, c) -> {
          ObjectNode r = base(v, id, "Microsoft.Search/searchServices", c);
          put(r, "sku", v.s("sku") == null ? null : obj().put("name", v.s("sku")));
          ObjectNode p = c.props(r);
          put(p, "publicNetworkAccess", enabled(v.b("public_network_access_enabled")));
          ObjectNode n = p.putObject("networkRuleSet");
          n.set("ipRules", objects(v.list("allowed_ips"), "value"));
          put(n, "bypass", v.v("network_rule_bypass_option"));
        });
  }

  /** App Service access restriction blocks as ARM {@code ipSecurityRestrictions} items. */
  private static ArrayNode restrictions(List<TfView> blocks) {
    ArrayNode rs = arr();
    for (TfView ir : blocks) {
      ObjectNode o = rs.addObject();
      put(o, "name", ir.v("name"));
      JsonNode tag = ir.v("service_tag");
      if (tag != null) {
        o.set("ipAddress", tag);
        o.put("tag", "ServiceTag");
      } else {
        put(o, "ipAddress", ir.v("ip_address"));
      }
      put(o, "vnetSubnetResourceId", ir.v("virtual_network_subnet_id"));
      put(o, "priority", ir.v("priority"));
      put(o, "action", ir.v("action"));
      ObjectNode headers = obj();
      for (TfView h : ir.blocks("headers")) {
        for (String f : List.of("x_azure_fdid", "x_fd_health_probe", "x_forwarded_for", "x_forwarded_host")) {
          List<JsonNode> vals = h.list(f);
          if (!vals.isEmpty()) {
            headers.set(f.replace('_', '-'), strings(vals));
          }
        }
      }
      if (!headers.isEmpty()) {
        o.set("headers", headers);
      }
    }
    return rs;
  }

  private static ObjectNode storageRules(TfView nr) {
    ObjectNode a = obj();
    put(a, "defaultAction", nr.v("default_action"));
    List<String> bypass = new ArrayList<>();
    for (JsonNode b : nr.list("bypass")) {
      if (b.isTextual()) {
        bypass.add(b.asText());
      }
    }
    // expandAccountNetworkRuleBypass sends nothing for an empty set, and bypass is computed (unknown until apply)
    // when not configured: Azure then applies its default, AzureServices (NetworkRuleSet.bypass in the
    // Microsoft.Storage REST spec); "None" only when the set says so
    a.put("bypass", bypass.isEmpty() ? "AzureServices" : String.join(", ", bypass));
    ArrayNode ips = a.putArray("ipRules");
    for (JsonNode ip : nr.list("ip_rules")) {
      ips.addObject().put("action", "Allow").set("value", ip);
    }
    a.set("virtualNetworkRules", objects(nr.list("virtual_network_subnet_ids"), "id"));
    ArrayNode rars = a.putArray("resourceAccessRules");
    for (TfView pl : nr.blocks("private_link_access")) {
      put(rars.addObject(), "resourceId", pl.v("endpoint_resource_id"));
    }
    return a;
  }

  private static void sqlFirewallRule(TfView v, String id, Ctx c) {
    ObjectNode p = c.props(c.resource(id, "Microsoft.Sql/servers/firewallRules", v));
    put(p, "startIpAddress", v.v("start_ip_address"));
    put(p, "endIpAddress", v.v("end_ip_address"));
  }

  // ---------------------------------------------------------------- helpers

  static void putBool(ObjectNode o, String field, Boolean b) {
    if (b != null) {
      o.put(field, b);
    }
  }

  /**
   * Puts a named item into an array field, in place of an item of the same name (case-insensitively) or appended.
   * A standalone rule resource replaces its copy in the parent's inline list: on an update the parent's planned value
   * still holds the rule as it was (security_rule is Optional+Computed), and two rules of one name would both decide.
   */
  static void replaceByName(ObjectNode o, String field, ObjectNode item) {
    JsonNode a = o.get(field);
    ArrayNode arr = a instanceof ArrayNode x ? x : o.putArray(field);
    String name = item.path("name").asText("");
    for (int k = 0; k < arr.size(); k++) {
      if (arr.get(k).path("name").asText("").equalsIgnoreCase(name)) {
        arr.set(k, item);
        return;
      }
    }
    arr.add(item);
  }

  /** Appends an item to an array field (created when absent), skipping an item already there. */
  static void append(ObjectNode o, String field, ObjectNode item) {
    if (item == null) {
      return;
    }
    JsonNode a = o.get(field);
    ArrayNode arr = a instanceof ArrayNode x ? x : o.putArray(field);
    for (JsonNode e : arr) {
      if (e.equals(item)) {
        return;
      }
    }
    arr.add(item);
  }
}
