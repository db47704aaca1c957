package io.allowpath.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * ARM JSON for access-check targets and what decides access to them, added to an {@link EstateJson}
 * (which loads everything through the real {@code EstateLoader}): storage, key vault, SQL (with
 * {@code firewallRules}/{@code virtualNetworkRules} children), Cosmos DB, ACR, App Service (with
 * {@code sites/config/web}), Event Hubs / Service Bus (with {@code networkRuleSets/default}), Cognitive
 * Services, AI Search, private endpoints, private DNS zones (links and A records) and Azure Firewall
 * rule collections, classic or in a firewall policy's rule collection groups.
 *
 * <p>Each builder returns the resource node; {@link #put} and {@link #add} change any property by a
 * dotted path, so a case states exactly the JSON it is about.
 */
public final class TargetJson {
  private TargetJson() {}

  public static String id(String type, String name) {
    return EstateJson.RG + "/providers/" + type + "/" + name;
  }

  public static String storageId(String name) {
    return id("Microsoft.Storage/storageAccounts", name);
  }

  public static String kvId(String name) {
    return id("Microsoft.KeyVault/vaults", name);
  }

  public static String sqlId(String name) {
    return id("Microsoft.Sql/servers", name);
  }

  public static String cosmosId(String name) {
    return id("Microsoft.DocumentDB/databaseAccounts", name);
  }

  public static String acrId(String name) {
    return id("Microsoft.ContainerRegistry/registries", name);
  }

  public static String siteId(String name) {
    return id("Microsoft.Web/sites", name);
  }

  public static String ehId(String name) {
    return id("Microsoft.EventHub/namespaces", name);
  }

  public static String sbId(String name) {
    return id("Microsoft.ServiceBus/namespaces", name);
  }

  public static String cogId(String name) {
    return id("Microsoft.CognitiveServices/accounts", name);
  }

  public static String searchId(String name) {
    return id("Microsoft.Search/searchServices", name);
  }

  public static String peId(String name) {
    return EstateJson.net("privateEndpoints", name);
  }

  public static String zoneId(String zone) {
    return EstateJson.net("privateDnsZones", zone);
  }

  public static String policyId(String name) {
    return EstateJson.net("firewallPolicies", name);
  }

  // ------------------------------------------------------------------ JSON helpers

  /** An object from alternating keys and values (String, Boolean, Integer or JsonNode). */
  public static ObjectNode obj(Object... kv) {
    ObjectNode o = EstateJson.MAPPER.createObjectNode();
    for (int i = 0; i < kv.length; i += 2) {
      set(o, (String) kv[i], kv[i + 1]);
    }
    return o;
  }

  public static ArrayNode arr(Object... items) {
    ArrayNode a = EstateJson.MAPPER.createArrayNode();
    for (Object v : items) {
      a.add(node(v));
    }
    return a;
  }

  public static ObjectNode ref(String id) {
    return obj("id", id);
  }

  private static JsonNode node(Object v) {
    if (v == null) {
      return EstateJson.MAPPER.nullNode();
    }
    if (v instanceof JsonNode j) {
      return j;
    }
    if (v instanceof Boolean b) {
      return EstateJson.MAPPER.getNodeFactory().booleanNode(b);
    }
    if (v instanceof Integer i) {
      return EstateJson.MAPPER.getNodeFactory().numberNode(i);
    }
    return EstateJson.MAPPER.getNodeFactory().textNode(String.valueOf(v));
  }

  private static void set(ObjectNode o, String field, Object v) {
    o.set(field, node(v));
  }

  private static ObjectNode parentOf(ObjectNode n, String[] parts) {
    ObjectNode cur = n;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode next = cur.get(parts[i]);
      cur = next instanceof ObjectNode o ? o : cur.putObject(parts[i]);
    }
    return cur;
  }

  /** Sets the property at a dotted path (objects on the way are created); returns the node. */
  public static ObjectNode put(ObjectNode n, String path, Object value) {
    String[] parts = path.split("\\.");
    set(parentOf(n, parts), parts[parts.length - 1], value);
    return n;
  }

  /** Appends to the array at a dotted path (created when absent); returns the node. */
  public static ObjectNode add(ObjectNode n, String path, Object value) {
    String[] parts = path.split("\\.");
    ObjectNode p = parentOf(n, parts);
    String last = parts[parts.length - 1];
    ArrayNode a = p.get(last) instanceof ArrayNode x ? x : p.putArray(last);
    a.add(node(value));
    return n;
  }

  // ------------------------------------------------------------------ targets

  public static ObjectNode storage(EstateJson e, String name, String location) {
    ObjectNode n = e.resource(storageId(name), "Microsoft.Storage/storageAccounts", location);
    n.set("sku", obj("name", "Standard_LRS"));
    n.put("kind", "StorageV2");
    return n;
  }

  /** networkAcls with defaultAction Deny and the given IP rules (networkAcls shape of storage, KV, cognitive). */
  public static ObjectNode denyExcept(ObjectNode n, String... ipRules) {
    put(n, "properties.networkAcls.defaultAction", "Deny");
    put(n, "properties.networkAcls.bypass", "AzureServices");
    put(n, "properties.networkAcls.ipRules", arr());
    for (String ip : ipRules) {
      add(n, "properties.networkAcls.ipRules", obj("value", ip, "action", "Allow"));
    }
    return n;
  }

  public static ObjectNode vnetRule(ObjectNode n, String subnetId) {
    return add(n, "properties.networkAcls.virtualNetworkRules", obj("id", subnetId, "action", "Allow"));
  }

  public static ObjectNode keyVault(EstateJson e, String name, String location) {
    ObjectNode n = e.resource(kvId(name), "Microsoft.KeyVault/vaults", location);
    put(n, "properties.tenantId", "00000000-0000-0000-0000-000000000000");
    return n;
  }

  public static ObjectNode cognitive(EstateJson e, String name, String location) {
    ObjectNode n = e.resource(cogId(name), "Microsoft.CognitiveServices/accounts", location);
    n.put("kind", "OpenAI");
    put(n, "properties.customSubDomainName", name);
    return n;
  }

  public static ObjectNode sqlServer(EstateJson e, String name, String location) {
    ObjectNode n = e.resource(sqlId(name), "Microsoft.Sql/servers", location);
    put(n, "properties.publicNetworkAccess", "Enabled");
    return n;
  }

  /**
   * The server's {@code connectionPolicies/default} child in the REST shape (ServerConnectionPoliciesGet.json,
   * Microsoft.Sql 2023-08-01): {@code properties.connectionType} Default, Redirect or Proxy.
   */
  public static ObjectNode sqlConnectionPolicy(EstateJson e, String server, String connectionType) {
    ObjectNode n = e.resource(sqlId(server) + "/connectionPolicies/default", "Microsoft.Sql/servers/connectionPolicies",
        "eastus");
    n.putNull("kind");
    put(n, "properties.connectionType", connectionType);
    return n;
  }

  /** A standalone {@code Microsoft.Sql/servers/firewallRules} child. */
  public static ObjectNode sqlFirewallRule(EstateJson e, String server, String rule, String start, String end) {
    ObjectNode n = e.resource(sqlId(server) + "/firewallRules/" + rule, "Microsoft.Sql/servers/firewallRules", null);
    put(n, "properties.startIpAddress", start);
    put(n, "properties.endIpAddress", end);
    return n;
  }

  public static ObjectNode sqlVnetRule(EstateJson e, String server, String rule, String subnetId) {
    ObjectNode n = e.resource(sqlId(server) + "/virtualNetworkRules/" + rule, "Microsoft.Sql/servers/virtualNetworkRules",
        null);
    put(n, "properties.virtualNetworkSubnetId", subnetId);
    put(n, "properties.ignoreMissingVnetServiceEndpoint", false);
    return n;
  }

  public static ObjectNode cosmos(EstateJson e, String name, String location) {
    ObjectNode n = e.resource(cosmosId(name), "Microsoft.DocumentDB/databaseAccounts", location);
    n.put("kind", "GlobalDocumentDB");
    put(n, "properties.databaseAccountOfferType", "Standard");
    put(n, "properties.ipRules", arr());
    put(n, "properties.isVirtualNetworkFilterEnabled", false);
    return n;
  }

  public static ObjectNode cosmosIp(ObjectNode n, String value) {
    return add(n, "properties.ipRules", obj("ipAddressOrRange", value));
  }

  public static ObjectNode acr(EstateJson e, String name, String location, String sku) {
    ObjectNode n = e.resource(acrId(name), "Microsoft.ContainerRegistry/registries", location);
    n.set("sku", obj("name", sku));
    put(n, "properties.publicNetworkAccess", "Enabled");
    return n;
  }

  /** A site as a plain GET returns it: siteConfig present, ipSecurityRestrictions null. */
  public static ObjectNode site(EstateJson e, String name, String location) {
    ObjectNode n = e.resource(siteId(name), "Microsoft.Web/sites", location);
    n.put("kind", "app");
    put(n, "properties.siteConfig.ipSecurityRestrictions", null);
    put(n, "properties.siteConfig.ipSecurityRestrictionsDefaultAction", null);
    put(n, "properties.siteConfig.scmIpSecurityRestrictions", null);
    return n;
  }

  /** The {@code sites/config/web} child with an empty rule list (rules added with {@link #restriction}). */
  public static ObjectNode siteConfigWeb(EstateJson e, String site) {
    ObjectNode n = e.resource(siteId(site) + "/config/web", "Microsoft.Web/sites/config", null);
    if (!n.path("properties").has("ipSecurityRestrictions")) {
      put(n, "properties.ipSecurityRestrictions", arr());
    }
    return n;
  }

  /** An access restriction; {@code ipAddress} may be a CIDR, {@code Any} or a service tag (tag "ServiceTag"). */
  public static ObjectNode restriction(ObjectNode configWeb, String name, int priority, String action, String ipAddress,
      String tag) {
    ObjectNode r = obj("name", name, "priority", priority, "action", action, "ipAddress", ipAddress);
    if (tag != null) {
      r.put("tag", tag);
    }
    add(configWeb, "properties.ipSecurityRestrictions", r);
    return r;
  }

  public static ObjectNode subnetRestriction(ObjectNode configWeb, String name, int priority, String action,
      String subnetId) {
    ObjectNode r = obj("name", name, "priority", priority, "action", action, "vnetSubnetResourceId", subnetId);
    add(configWeb, "properties.ipSecurityRestrictions", r);
    return r;
  }

  public static ObjectNode namespace(EstateJson e, String provider, String name, String location) {
    String id = provider.equals("Microsoft.EventHub") ? ehId(name) : sbId(name);
    ObjectNode n = e.resource(id, provider + "/namespaces", location);
    n.set("sku", obj("name", "Standard", "tier", "Standard"));
    return n;
  }

  /** The {@code namespaces/networkRuleSets/default} child. */
  public static ObjectNode networkRuleSet(EstateJson e, String provider, String name, String defaultAction,
      String... ipMasks) {
    String ns = provider.equals("Microsoft.EventHub") ? ehId(name) : sbId(name);
    ObjectNode n = e.resource(ns + "/networkRuleSets/default", provider + "/namespaces/networkRuleSets", null);
    put(n, "properties.defaultAction", defaultAction);
    put(n, "properties.publicNetworkAccess", "Enabled");
    put(n, "properties.ipRules", arr());
    put(n, "properties.virtualNetworkRules", arr());
    for (String ip : ipMasks) {
      add(n, "properties.ipRules", obj("ipMask", ip, "action", "Allow"));
    }
    return n;
  }

  public static ObjectNode search(EstateJson e, String name, String location) {
    ObjectNode n = e.resource(searchId(name), "Microsoft.Search/searchServices", location);
    n.set("sku", obj("name", "basic"));
    put(n, "properties.publicNetworkAccess", "enabled");
    return n;
  }

  // ------------------------------------------------------------------ private endpoints and DNS

  /** A private endpoint in {@code subnetId} to {@code targetId} with a connection in the given status. */
  public static ObjectNode privateEndpoint(EstateJson e, String name, String subnetId, String targetId, String groupId,
      String status) {
    ObjectNode n = e.resource(peId(name), "Microsoft.Network/privateEndpoints", "eastus");
    put(n, "properties.subnet", ref(subnetId));
    add(n, "properties.privateLinkServiceConnections", obj("name", name + "-conn", "properties",
        obj("privateLinkServiceId", targetId, "groupIds", arr(groupId),
            "privateLinkServiceConnectionState", obj("status", status))));
    return n;
  }

  public static ObjectNode dnsZone(EstateJson e, String zone) {
    return e.resource(zoneId(zone), "Microsoft.Network/privateDnsZones", "global");
  }

  public static ObjectNode dnsLink(EstateJson e, String zone, String link, String vnetId) {
    ObjectNode n = e.resource(zoneId(zone) + "/virtualNetworkLinks/" + link,
        "Microsoft.Network/privateDnsZones/virtualNetworkLinks", "global");
    put(n, "properties.virtualNetwork", ref(vnetId));
    put(n, "properties.registrationEnabled", false);
    return n;
  }

  public static ObjectNode aRecord(EstateJson e, String zone, String name, String ip) {
    ObjectNode n = e.resource(zoneId(zone) + "/A/" + name, "Microsoft.Network/privateDnsZones/A", null);
    put(n, "properties.ttl", 3600);
    add(n, "properties.aRecords", obj("ipv4Address", ip));
    return n;
  }

  // ------------------------------------------------------------------ Azure Firewall rules

  /** A classic network rule: TCP to the given destinations (IPs, CIDRs, service tags) and ports. */
  public static ObjectNode networkRule(String name, String[] sources, String[] destinations, String... ports) {
    return obj("name", name, "protocols", arr("TCP"), "sourceAddresses", arr((Object[]) sources),
        "destinationAddresses", arr((Object[]) destinations), "destinationPorts", arr((Object[]) ports));
  }

  /** A classic application rule for Https:443 to the given FQDNs. */
  public static ObjectNode applicationRule(String name, String[] sources, String... fqdns) {
    return obj("name", name, "protocols", arr(obj("protocolType", "Https", "port", 443)),
        "sourceAddresses", arr((Object[]) sources), "targetFqdns", arr((Object[]) fqdns));
  }

  /** Adds a classic {@code networkRuleCollections}/{@code applicationRuleCollections} entry to a firewall. */
  public static ObjectNode classicCollection(EstateJson e, String fwId, String field, String name, int priority,
      String action, ObjectNode... rules) {
    ObjectNode fw = e.resource(fwId, "Microsoft.Network/azureFirewalls", "eastus");
    add(fw, "properties." + field, obj("name", name, "properties",
        obj("priority", priority, "action", obj("type", action), "rules", arr((Object[]) rules))));
    return fw;
  }

  /** Points a firewall at a firewall policy and creates the (empty) policy resource. */
  public static ObjectNode usePolicy(EstateJson e, String fwId, String policyName) {
    e.resource(policyId(policyName), "Microsoft.Network/firewallPolicies", "eastus");
    ObjectNode fw = e.resource(fwId, "Microsoft.Network/azureFirewalls", "eastus");
    put(fw, "properties.firewallPolicy", ref(policyId(policyName)));
    return fw;
  }

  /** A policy rule collection group with the given collections (see {@link #filterCollection}). */
  public static ObjectNode ruleCollectionGroup(EstateJson e, String policyName, String name, int priority,
      ObjectNode... collections) {
    ObjectNode n = e.resource(policyId(policyName) + "/ruleCollectionGroups/" + name,
        "Microsoft.Network/firewallPolicies/ruleCollectionGroups", null);
    put(n, "properties.priority", priority);
    put(n, "properties.ruleCollections", arr((Object[]) collections));
    return n;
  }

  public static ObjectNode filterCollection(String name, int priority, String action, ObjectNode... rules) {
    return obj("ruleCollectionType", "FirewallPolicyFilterRuleCollection", "name", name, "priority", priority,
        "action", obj("type", action), "rules", arr((Object[]) rules));
  }

  public static ObjectNode policyNetworkRule(String name, String[] sources, String[] destinations, String... ports) {
    return obj("ruleType", "NetworkRule", "name", name, "ipProtocols", arr("TCP"), "sourceAddresses",
        arr((Object[]) sources), "destinationAddresses", arr((Object[]) destinations), "destinationPorts",
        arr((Object[]) ports));
  }

  public static ObjectNode policyApplicationRule(String name, String[] sources, String... fqdns) {
    return obj("ruleType", "ApplicationRule", "name", name, "protocols", arr(obj("protocolType", "Https", "port", 443)),
        "sourceAddresses", arr((Object[]) sources), "targetFqdns", arr((Object[]) fqdns));
  }

  public static String[] of(String... s) {
    return s;
  }
}
