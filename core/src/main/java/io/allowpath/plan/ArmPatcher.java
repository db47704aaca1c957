package io.allowpath.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.analysis.access.TargetRules;
import io.allowpath.model.IpValue;
import io.allowpath.model.MessagingNamespace;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Service;
import io.allowpath.model.Subnet;
import io.allowpath.model.Target;
import io.allowpath.model.WebApp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Applies a plan offline to the estate's ARM resource JSON (CONTRACT.md {@code --write-estate}), so
 * that {@code check} on the result shows the plan's effect before anything is deployed. Rules are
 * appended to the lists Azure would hold after the change; new resources (NAT gateway, public IP, load
 * balancer, route table, outbound rules, SQL firewall rules) are added. A public IP created by the plan
 * has no address until it is deployed: rules that admit it are written as
 * {@code [reference('<public IP id>').ipAddress]}, which allowpath matches to that public IP.
 */
public final class ArmPatcher {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final Map<ResourceId, ObjectNode> byId = new LinkedHashMap<>();

  private ArmPatcher(List<ObjectNode> resources) {
    for (ObjectNode r : resources) {
      ResourceId id = ResourceId.of(r.path("id").asText(null));
      byId.put(id == null ? ResourceId.of("/__noid__/" + byId.size()) : id, r);
    }
  }

  /** The resources with the plan applied (the input nodes are not modified). */
  public static List<ObjectNode> apply(List<ObjectNode> resources, Plan plan) {
    List<ObjectNode> copies = new ArrayList<>();
    resources.forEach(r -> copies.add(r.deepCopy()));
    ArmPatcher p = new ArmPatcher(copies);
    for (Change c : plan.changes()) {
      p.apply(c);
    }
    return new ArrayList<>(p.byId.values());
  }

  private void apply(Change c) {
    if (c instanceof AddIpRule r) {
      ipRule(r);
    } else if (c instanceof AddVnetRule r) {
      vnetRule(r);
    } else if (c instanceof AddServiceEndpoint r) {
      ObjectNode s = subnet(r.subnet());
      ArrayNode eps = array(props(s), "serviceEndpoints");
      eps.addObject().put("service", r.service());
    } else if (c instanceof CreateNatGateway n) {
      publicIp(n.publicIp(), n.location());
      ObjectNode ng = resource(n.natGateway(), "Microsoft.Network/natGateways", n.location());
      ng.putObject("sku").put("name", "Standard");
      props(ng).putArray("publicIpAddresses").addObject().put("id", n.publicIp().value());
      for (Subnet s : n.subnets()) {
        props(subnet(s)).putObject("natGateway").put("id", n.natGateway().value());
      }
    } else if (c instanceof CreateOutboundLoadBalancer lb) {
      publicIp(lb.publicIp(), lb.location());
      ObjectNode l = resource(lb.loadBalancer(), "Microsoft.Network/loadBalancers", lb.location());
      l.putObject("sku").put("name", "Standard");
      ObjectNode p = props(l);
      String fe = lb.loadBalancer().value() + "/frontendIPConfigurations/" + lb.frontend();
      String pool = lb.loadBalancer().value() + "/backendAddressPools/" + lb.backendPool();
      ObjectNode f = p.putArray("frontendIPConfigurations").addObject().put("id", fe).put("name", lb.frontend());
      f.putObject("properties").putObject("publicIPAddress").put("id", lb.publicIp().value());
      p.putArray("backendAddressPools").addObject().put("id", pool).put("name", lb.backendPool());
      ObjectNode rule = p.putArray("outboundRules").addObject()
          .put("id", lb.loadBalancer().value() + "/outboundRules/" + lb.outboundRule()).put("name", lb.outboundRule());
      ObjectNode rp = rule.putObject("properties").put("protocol", "All");
      rp.putArray("frontendIPConfigurations").addObject().put("id", fe);
      rp.putObject("backendAddressPool").put("id", pool);
      ObjectNode ws = byId.get(lb.workspace());
      if (ws != null) {
        ObjectNode params = obj(props(ws), "parameters");
        params.putObject("loadBalancerId").put("value", lb.loadBalancer().value());
        params.putObject("loadBalancerBackendPoolName").put("value", lb.backendPool());
      }
    } else if (c instanceof RouteToFirewall rt) {
      ObjectNode t = resource(rt.routeTable(), "Microsoft.Network/routeTables", rt.location());
      ObjectNode route = props(t).putArray("routes").addObject()
          .put("id", rt.routeTable().value() + "/routes/default-to-firewall").put("name", "default-to-firewall");
      route.putObject("properties").put("addressPrefix", "0.0.0.0/0").put("nextHopType", "VirtualAppliance")
          .put("nextHopIpAddress", rt.firewallPrivateIp());
      for (Subnet s : rt.subnets()) {
        props(subnet(s)).putObject("routeTable").put("id", rt.routeTable().value());
      }
    } else if (c instanceof AddFirewallRule fr) {
      firewallRule(fr);
    } else if (c instanceof AddNsgRule n) {
      nsgRule(n);
    } else if (c instanceof AddManagedPrivateEndpointRule pe) {
      ObjectNode r = resource(pe.resource(), "Microsoft.MachineLearningServices/workspaces/outboundRules", null);
      r.remove("location");
      ObjectNode p = props(r).put("type", "PrivateEndpoint").put("category", "UserDefined").put("status", "Active");
      p.putObject("destination").put("serviceResourceId", pe.target().value())
          .put("subresourceTarget", pe.subresourceTarget()).put("sparkEnabled", false);
    }
  }

  private static String value(AddressRef a) {
    return a.isLiteral() ? a.literal() : TargetRules.referenceValue(a.publicIp());
  }

  private void ipRule(AddIpRule r) {
    Target t = r.target();
    String v = value(r.address());
    switch (t.service()) {
      case SQL -> {
        ObjectNode fr = resource(t.id().child("firewallRules", r.name()), "Microsoft.Sql/servers/firewallRules", null);
        fr.remove("location");
        props(fr).put("startIpAddress", v).put("endIpAddress", value(r.endAddress() == null ? r.address() : r.endAddress()));
      }
      case APP_SERVICE -> {
        ObjectNode rule = array(siteConfig(t), restrictionsField(t)).addObject();
        rule.put("ipAddress", v).put("action", "Allow").put("tag", "Default").put("priority", r.priority()).put("name", r.name());
      }
      case COSMOS_DB -> array(props(target(t)), "ipRules").addObject().put("ipAddressOrRange", v);
      case CONTAINER_REGISTRY -> array(obj(props(target(t)), "networkRuleSet"), "ipRules").addObject()
          .put("action", "Allow").put("value", v);
      case EVENT_HUBS, SERVICE_BUS -> array(props(ruleSet((MessagingNamespace) t)), "ipRules").addObject()
          .put("ipMask", v).put("action", "Allow");
      case SEARCH -> array(obj(props(target(t)), "networkRuleSet"), "ipRules").addObject().put("value", v);
      case STORAGE -> array(obj(props(target(t)), "networkAcls"), "ipRules").addObject().put("value", v).put("action", "Allow");
      default -> array(obj(props(target(t)), "networkAcls"), "ipRules").addObject().put("value", v);
    }
  }

  private void vnetRule(AddVnetRule r) {
    Target t = r.target();
    String sub = r.subnet().value();
    switch (t.service()) {
      case SQL -> {
        ObjectNode vr = resource(t.id().child("virtualNetworkRules", r.name()), "Microsoft.Sql/servers/virtualNetworkRules", null);
        vr.remove("location");
        props(vr).put("virtualNetworkSubnetId", sub).put("ignoreMissingVnetServiceEndpoint", false);
      }
      case APP_SERVICE -> array(siteConfig(t), restrictionsField(t)).addObject().put("vnetSubnetResourceId", sub)
          .put("action", "Allow").put("priority", r.priority()).put("name", r.name());
      case COSMOS_DB -> {
        ObjectNode p = props(target(t));
        p.put("isVirtualNetworkFilterEnabled", true);
        array(p, "virtualNetworkRules").addObject().put("id", sub);
      }
      case EVENT_HUBS, SERVICE_BUS -> array(props(ruleSet((MessagingNamespace) t)), "virtualNetworkRules").addObject()
          .putObject("subnet").put("id", sub);
      case STORAGE -> array(obj(props(target(t)), "networkAcls"), "virtualNetworkRules").addObject().put("id", sub)
          .put("action", "Allow");
      default -> array(obj(props(target(t)), "networkAcls"), "virtualNetworkRules").addObject().put("id", sub);
    }
  }

  /** The NSG's {@code securityRules} gain the rule, in the ARM shape a GET returns (plural fields when several). */
  private void nsgRule(AddNsgRule n) {
    ObjectNode nsg = byId.get(n.nsg());
    if (nsg == null) {
      return;
    }
    ObjectNode rule = array(props(nsg), "securityRules").addObject().put("id", n.ruleId().value()).put("name", n.name());
    ObjectNode p = rule.putObject("properties").put("protocol", AddNsgRule.PROTOCOL).put("sourcePortRange", "*")
        .put("access", AddNsgRule.ACCESS).put("priority", n.priority()).put("direction", AddNsgRule.DIRECTION);
    plural(p, "sourceAddressPrefix", n.sources());
    plural(p, "destinationAddressPrefix", n.destinations());
    plural(p, "destinationPortRange", n.ports());
  }

  private static void plural(ObjectNode p, String field, List<String> values) {
    if (values.size() == 1) {
      p.put(field, values.get(0));
    } else {
      ArrayNode a = p.putArray(field + "es".substring(field.endsWith("x") ? 0 : 1));
      values.forEach(a::add);
    }
  }

  private void firewallRule(AddFirewallRule fr) {
    ObjectNode fw = byId.get(fr.firewall());
    if (fw == null) {
      return;
    }
    boolean app = fr.kind().equals("APPLICATION");
    ArrayNode cols = array(props(fw), app ? "applicationRuleCollections" : "networkRuleCollections");
    ObjectNode col = null;
    for (JsonNode c : cols) {
      if (fr.collection().equals(c.path("name").asText())) {
        col = (ObjectNode) c;
      }
    }
    if (col == null) {
      col = cols.addObject().put("name", fr.collection());
      ObjectNode p = col.putObject("properties").put("priority", fr.priority());
      p.putObject("action").put("type", "Allow");
      p.putArray("rules");
    }
    ObjectNode rule = array(props(col), "rules").addObject().put("name", fr.ruleName());
    ArrayNode src = rule.putArray("sourceAddresses");
    fr.sourcePrefixes().forEach(src::add);
    if (app) {
      ArrayNode protos = rule.putArray("protocols");
      for (String p : fr.ports()) {
        String[] parts = p.split(":");
        protos.addObject().put("protocolType", parts[0]).put("port", Integer.parseInt(parts[1]));
      }
      ArrayNode fq = rule.putArray("targetFqdns");
      fr.targetFqdns().forEach(fq::add);
    } else {
      rule.putArray("protocols").add("TCP");
      ArrayNode dst = rule.putArray("destinationAddresses");
      fr.serviceTags().forEach(dst::add);
      ArrayNode ports = rule.putArray("destinationPorts");
      fr.ports().forEach(ports::add);
    }
  }

  // ------------------------------------------------------------------ JSON helpers

  private ObjectNode target(Target t) {
    ObjectNode n = byId.get(t.id());
    if (n == null) {
      throw new IllegalStateException("target " + t.id() + " is not in the estate JSON");
    }
    return n;
  }

  /**
   * The access restrictions' home: the sites/config/web resource when there is one, else the site's siteConfig
   * (an SCM site's: its site's).
   */
  private ObjectNode siteConfig(Target t) {
    ResourceId site = ((WebApp) t).site();
    ObjectNode web = byId.get(site.child("config", "web"));
    if (web != null) {
      return props(web);
    }
    ObjectNode n = byId.get(site);
    if (n == null) {
      throw new IllegalStateException("target " + site + " is not in the estate JSON");
    }
    ObjectNode sc = obj(props(n), "siteConfig");
    String field = restrictionsField(t);
    if (sc.path(field).isNull()) {
      sc.remove(field);
    }
    return sc;
  }

  /** {@code ipSecurityRestrictions}, or {@code scmIpSecurityRestrictions} for an App Service SCM site. */
  private static String restrictionsField(Target t) {
    return ((WebApp) t).scmOf() == null ? "ipSecurityRestrictions" : "scmIpSecurityRestrictions";
  }

  private ObjectNode ruleSet(MessagingNamespace ns) {
    ResourceId id = ns.id().child("networkRuleSets", "default");
    ObjectNode rs = byId.get(id);
    if (rs == null) {
      rs = resource(id, ns.service() == Service.EVENT_HUBS ? "Microsoft.EventHub/namespaces/networkRuleSets"
          : "Microsoft.ServiceBus/namespaces/networkRuleSets", null);
      rs.remove("location");
      props(rs).put("defaultAction", "Deny").put("publicNetworkAccess", "Enabled");
    }
    return rs;
  }

  /** The JSON of a subnet: a standalone resource, or the entry inline in its VNet. */
  private ObjectNode subnet(Subnet s) {
    ObjectNode standalone = byId.get(s.id());
    if (standalone != null) {
      return standalone;
    }
    ObjectNode vnet = byId.get(s.vnet());
    if (vnet != null) {
      for (JsonNode sn : array(props(vnet), "subnets")) {
        String id = sn.path("id").asText("");
        String name = sn.path("name").asText("");
        if (id.equalsIgnoreCase(s.id().value()) || name.equalsIgnoreCase(s.id().name())) {
          return (ObjectNode) sn;
        }
      }
    }
    ObjectNode n = resource(s.id(), "Microsoft.Network/virtualNetworks/subnets", null);
    n.remove("location");
    ObjectNode p = props(n);
    if (!s.addressPrefixes().isEmpty()) {
      p.put("addressPrefix", s.addressPrefixes().get(0).text());
    }
    return n;
  }

  private ObjectNode publicIp(ResourceId id, String location) {
    ObjectNode p = resource(id, "Microsoft.Network/publicIPAddresses", location);
    p.putObject("sku").put("name", "Standard");
    props(p).put("publicIPAllocationMethod", "Static").put("publicIPAddressVersion", "IPv4");
    return p;
  }

  private ObjectNode resource(ResourceId id, String type, String location) {
    ObjectNode existing = byId.get(id);
    if (existing != null) {
      return existing;
    }
    ObjectNode n = F.objectNode().put("id", id.value()).put("name", id.name()).put("type", type);
    if (location != null) {
      n.put("location", location.toLowerCase(Locale.ROOT));
    }
    n.putObject("properties");
    byId.put(id, n);
    return n;
  }

  private static ObjectNode props(ObjectNode n) {
    return obj(n, "properties");
  }

  private static ObjectNode obj(ObjectNode n, String field) {
    JsonNode v = n.get(field);
    if (v instanceof ObjectNode o) {
      return o;
    }
    return n.putObject(field);
  }

  private static ArrayNode array(ObjectNode n, String field) {
    JsonNode v = n.get(field);
    if (v instanceof ArrayNode a) {
      return a;
    }
    return n.putArray(field);
  }
}
