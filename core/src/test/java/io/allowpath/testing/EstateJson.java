package io.allowpath.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.ingest.load.EstateLoader;
import io.allowpath.model.Estate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A fluent builder of ARM resource JSON for tests. Every accessor is get-or-create by name, so a test
 * can start from a fixture and change one property. {@link #load(Path)} writes the resources as one
 * JSON array file and reads it back through the real {@link EstateLoader}, so tests exercise JSON →
 * model → analysis, never hand-built records.
 */
public final class EstateJson {
  public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  public static final String SUB = "/subscriptions/11111111-2222-3333-4444-555555555555";
  public static final String RG = rg("rg-test");

  private final Map<String, ObjectNode> resources = new LinkedHashMap<>();

  // ------------------------------------------------------------------ ids

  public static String rg(String name) {
    return SUB + "/resourceGroups/" + name;
  }

  public static String net(String type, String name) {
    return RG + "/providers/Microsoft.Network/" + type + "/" + name;
  }

  public static String vnetId(String vnet) {
    return net("virtualNetworks", vnet);
  }

  public static String subnetId(String vnet, String subnet) {
    return vnetId(vnet) + "/subnets/" + subnet;
  }

  public static String natId(String name) {
    return net("natGateways", name);
  }

  public static String pipId(String name) {
    return net("publicIPAddresses", name);
  }

  public static String prefixId(String name) {
    return net("publicIPPrefixes", name);
  }

  public static String rtId(String name) {
    return net("routeTables", name);
  }

  public static String lbId(String name) {
    return net("loadBalancers", name);
  }

  public static String fwId(String name) {
    return net("azureFirewalls", name);
  }

  public static String nicId(String name) {
    return net("networkInterfaces", name);
  }

  public static String gatewayId(String name) {
    return net("virtualNetworkGateways", name);
  }

  public static String mlwId(String name) {
    return RG + "/providers/Microsoft.MachineLearningServices/workspaces/" + name;
  }

  public static String computeId(String workspace, String name) {
    return mlwId(workspace) + "/computes/" + name;
  }

  public static String dbwId(String name) {
    return RG + "/providers/Microsoft.Databricks/workspaces/" + name;
  }

  // ------------------------------------------------------------------ generic

  /** Get-or-create a top-level resource node with id, name, type and location. */
  public ObjectNode resource(String id, String type, String location) {
    return resources.computeIfAbsent(id.toLowerCase(Locale.ROOT), k -> {
      ObjectNode n = MAPPER.createObjectNode();
      n.put("id", id);
      n.put("name", id.substring(id.lastIndexOf('/') + 1));
      n.put("type", type);
      if (location != null) {
        n.put("location", location);
      }
      n.putObject("properties");
      return n;
    });
  }

  /** Adds an arbitrary resource node as it is (e.g. one with a malformed field). */
  public EstateJson raw(ObjectNode node) {
    resources.put(node.get("id").asText().toLowerCase(Locale.ROOT) + "#" + resources.size(), node);
    return this;
  }

  /** Removes a resource (to model one that the export lacks). */
  public EstateJson remove(String id) {
    resources.remove(id.toLowerCase(Locale.ROOT));
    return this;
  }

  private static ObjectNode props(ObjectNode n) {
    return (ObjectNode) n.get("properties");
  }

  private static ObjectNode ref(String id) {
    return MAPPER.createObjectNode().put("id", id);
  }

  /** The element of {@code arr} whose "name" is {@code name}, created with id {@code id} when absent. */
  private static ObjectNode named(ArrayNode arr, String name, String id) {
    for (JsonNode e : arr) {
      if (name.equalsIgnoreCase(e.path("name").asText())) {
        return (ObjectNode) e;
      }
    }
    ObjectNode n = arr.addObject();
    if (id != null) {
      n.put("id", id);
    }
    n.put("name", name);
    n.putObject("properties");
    return n;
  }

  private static ArrayNode array(ObjectNode o, String field) {
    return o.has(field) ? (ArrayNode) o.get(field) : o.putArray(field);
  }

  // ------------------------------------------------------------------ network

  public Vnet vnet(String name) {
    return new Vnet(resource(vnetId(name), "Microsoft.Network/virtualNetworks", "eastus"));
  }

  public final class Vnet {
    public final ObjectNode node;

    Vnet(ObjectNode node) {
      this.node = node;
    }

    public String id() {
      return node.get("id").asText();
    }

    public Vnet location(String location) {
      node.put("location", location);
      return this;
    }

    public Vnet addressPrefix(String cidr) {
      ObjectNode space = props(node).has("addressSpace") ? (ObjectNode) props(node).get("addressSpace")
          : props(node).putObject("addressSpace");
      array(space, "addressPrefixes").add(cidr);
      return this;
    }

    public Subnet subnet(String name) {
      return new Subnet(this, named(array(props(node), "subnets"), name, id() + "/subnets/" + name));
    }

    /** A connected peering to {@code remoteVnetId}. */
    public Vnet peering(String name, String remoteVnetId, boolean useRemoteGateways) {
      return peering(name, remoteVnetId, useRemoteGateways, "Connected");
    }

    public Vnet peering(String name, String remoteVnetId, boolean useRemoteGateways, String state) {
      ObjectNode p = props(named(array(props(node), "virtualNetworkPeerings"), name,
          id() + "/virtualNetworkPeerings/" + name));
      p.set("remoteVirtualNetwork", ref(remoteVnetId));
      p.put("useRemoteGateways", useRemoteGateways);
      p.put("allowForwardedTraffic", true);
      p.put("allowGatewayTransit", !useRemoteGateways);
      if (state != null) {
        p.put("peeringState", state);
      }
      return this;
    }

    public EstateJson and() {
      return EstateJson.this;
    }
  }

  public final class Subnet {
    public final Vnet vnet;
    public final ObjectNode node;

    Subnet(Vnet vnet, ObjectNode node) {
      this.vnet = vnet;
      this.node = node;
    }

    public String id() {
      return node.get("id").asText();
    }

    public Subnet addressPrefix(String cidr) {
      props(node).put("addressPrefix", cidr);
      return this;
    }

    public Subnet natGateway(String natId) {
      props(node).set("natGateway", ref(natId));
      return this;
    }

    public Subnet routeTable(String rtId) {
      props(node).set("routeTable", ref(rtId));
      return this;
    }

    /** A service endpoint; with no locations the {@code locations} field is left out (as in a template). */
    public Subnet serviceEndpoint(String service, String... locations) {
      ObjectNode se = array(props(node), "serviceEndpoints").addObject();
      se.put("service", service);
      if (locations.length > 0) {
        ArrayNode l = se.putArray("locations");
        for (String s : locations) {
          l.add(s);
        }
      }
      return this;
    }

    public Subnet defaultOutboundAccess(boolean allowed) {
      props(node).put("defaultOutboundAccess", allowed);
      return this;
    }

    public Vnet and() {
      return vnet;
    }

    public EstateJson done() {
      return EstateJson.this;
    }
  }

  public RouteTable routeTable(String name) {
    return new RouteTable(resource(rtId(name), "Microsoft.Network/routeTables", "eastus"));
  }

  public final class RouteTable {
    public final ObjectNode node;

    RouteTable(ObjectNode node) {
      this.node = node;
    }

    public String id() {
      return node.get("id").asText();
    }

    /** A route; {@code prefix} is a CIDR or a service tag; {@code nextHopIp} may be null. */
    public RouteTable route(String name, String prefix, String nextHopType, String nextHopIp) {
      ObjectNode p = props(named(array(props(node), "routes"), name, id() + "/routes/" + name));
      p.put("addressPrefix", prefix);
      p.put("nextHopType", nextHopType);
      if (nextHopIp != null) {
        p.put("nextHopIpAddress", nextHopIp);
      }
      return this;
    }

    public String routeId(String name) {
      return id() + "/routes/" + name;
    }

    public EstateJson and() {
      return EstateJson.this;
    }
  }

  public NatGateway natGateway(String name) {
    return natGatewayAt(natId(name));
  }

  /** A NAT gateway with a full id (e.g. in a Databricks managed resource group). */
  public NatGateway natGatewayAt(String id) {
    return new NatGateway(resource(id, "Microsoft.Network/natGateways", "eastus"));
  }

  public final class NatGateway {
    public final ObjectNode node;

    NatGateway(ObjectNode node) {
      this.node = node;
      node.putObject("sku").put("name", "Standard");
    }

    public String id() {
      return node.get("id").asText();
    }

    public NatGateway publicIp(String pipId) {
      array(props(node), "publicIpAddresses").add(ref(pipId));
      return this;
    }

    public NatGateway publicIpPrefix(String prefixId) {
      array(props(node), "publicIpPrefixes").add(ref(prefixId));
      return this;
    }

    public EstateJson and() {
      return EstateJson.this;
    }
  }

  /** A Standard static public IP; {@code address} null leaves {@code ipAddress} out. Returns its id. */
  public String publicIp(String name, String address) {
    return publicIpAt(pipId(name), address);
  }

  /** A Standard static public IP with a full id; {@code address} null leaves {@code ipAddress} out. */
  public String publicIpAt(String id, String address) {
    ObjectNode n = resource(id, "Microsoft.Network/publicIPAddresses", "eastus");
    n.putObject("sku").put("name", "Standard");
    props(n).put("publicIPAllocationMethod", "Static");
    if (address != null) {
      props(n).put("ipAddress", address);
    }
    return n.get("id").asText();
  }

  /** A public IP prefix; {@code cidr} null leaves {@code ipPrefix} out. Returns its id. */
  public String publicIpPrefix(String name, String cidr) {
    ObjectNode n = resource(prefixId(name), "Microsoft.Network/publicIPPrefixes", "eastus");
    if (cidr != null) {
      props(n).put("ipPrefix", cidr);
    }
    return n.get("id").asText();
  }

  public LoadBalancer loadBalancer(String name) {
    return new LoadBalancer(resource(lbId(name), "Microsoft.Network/loadBalancers", "eastus"));
  }

  public final class LoadBalancer {
    public final ObjectNode node;

    LoadBalancer(ObjectNode node) {
      this.node = node;
      node.putObject("sku").put("name", "Standard");
    }

    public String id() {
      return node.get("id").asText();
    }

    public LoadBalancer frontend(String name, String pipId) {
      props(named(array(props(node), "frontendIPConfigurations"), name, id() + "/frontendIPConfigurations/" + name))
          .set("publicIPAddress", ref(pipId));
      return this;
    }

    public LoadBalancer frontendPrefix(String name, String prefixId) {
      props(named(array(props(node), "frontendIPConfigurations"), name, id() + "/frontendIPConfigurations/" + name))
          .set("publicIPPrefix", ref(prefixId));
      return this;
    }

    public LoadBalancer backendPool(String name) {
      named(array(props(node), "backendAddressPools"), name, id() + "/backendAddressPools/" + name);
      return this;
    }

    public LoadBalancer outboundRule(String name, String frontend, String pool) {
      ObjectNode p = props(named(array(props(node), "outboundRules"), name, id() + "/outboundRules/" + name));
      p.putArray("frontendIPConfigurations").add(ref(id() + "/frontendIPConfigurations/" + frontend));
      p.set("backendAddressPool", ref(id() + "/backendAddressPools/" + pool));
      p.put("protocol", "All");
      return this;
    }

    public EstateJson and() {
      return EstateJson.this;
    }
  }

  /** An Azure Firewall with one IP configuration; {@code pipId} may be null. Returns its id. */
  public String firewall(String name, String privateIp, String subnetId, String pipId) {
    ObjectNode n = resource(fwId(name), "Microsoft.Network/azureFirewalls", "eastus");
    ObjectNode p = props(named(array(props(n), "ipConfigurations"), "ipconfig" + props(n).path("ipConfigurations").size(),
        null));
    p.put("privateIPAddress", privateIp);
    if (subnetId != null) {
      p.set("subnet", ref(subnetId));
    }
    if (pipId != null) {
      p.set("publicIPAddress", ref(pipId));
    }
    return n.get("id").asText();
  }

  /** A NIC with one IP configuration; {@code pipId} may be null. Returns its id. */
  public String nic(String name, boolean ipForwarding, String privateIp, String subnetId, String pipId) {
    ObjectNode n = resource(nicId(name), "Microsoft.Network/networkInterfaces", "eastus");
    props(n).put("enableIPForwarding", ipForwarding);
    ObjectNode p = props(named(array(props(n), "ipConfigurations"), "ipconfig1", nicId(name) + "/ipConfigurations/ipconfig1"));
    p.put("privateIPAddress", privateIp);
    p.set("subnet", ref(subnetId));
    if (pipId != null) {
      p.set("publicIPAddress", ref(pipId));
    }
    return n.get("id").asText();
  }

  /** A virtual network gateway in {@code gatewaySubnetId}; type Vpn or ExpressRoute. Returns its id. */
  public String vnetGateway(String name, String gatewayType, String gatewaySubnetId) {
    ObjectNode n = resource(gatewayId(name), "Microsoft.Network/virtualNetworkGateways", "eastus");
    props(n).put("gatewayType", gatewayType);
    ObjectNode p = props(named(array(props(n), "ipConfigurations"), "default", gatewayId(name) + "/ipConfigurations/default"));
    p.set("subnet", ref(gatewaySubnetId));
    return n.get("id").asText();
  }

  // ------------------------------------------------------------------ workloads

  public MlWorkspace mlWorkspace(String name) {
    return new MlWorkspace(resource(mlwId(name), "Microsoft.MachineLearningServices/workspaces", "eastus"));
  }

  public final class MlWorkspace {
    public final ObjectNode node;

    MlWorkspace(ObjectNode node) {
      this.node = node;
    }

    public String id() {
      return node.get("id").asText();
    }

    public MlWorkspace isolationMode(String mode) {
      ObjectNode mn = props(node).has("managedNetwork") ? (ObjectNode) props(node).get("managedNetwork")
          : props(node).putObject("managedNetwork");
      mn.put("isolationMode", mode);
      return this;
    }

    /** {@code serverlessComputeSettings}; {@code subnetId} and {@code noPublicIp} may be null (left out). */
    public MlWorkspace serverless(String subnetId, Boolean noPublicIp) {
      ObjectNode s = props(node).putObject("serverlessComputeSettings");
      if (subnetId != null) {
        s.put("serverlessComputeCustomSubnet", subnetId);
      }
      if (noPublicIp != null) {
        s.put("serverlessComputeNoPublicIP", noPublicIp);
      }
      return this;
    }

    public EstateJson and() {
      return EstateJson.this;
    }
  }

  /** An AML compute of workspace {@code workspace}; {@code computeType} AmlCompute or ComputeInstance. */
  public MlCompute compute(String workspace, String name, String computeType) {
    ObjectNode n = resource(computeId(workspace, name), "Microsoft.MachineLearningServices/workspaces/computes",
        "eastus");
    props(n).put("computeType", computeType);
    if (!props(n).has("properties")) {
      props(n).putObject("properties");
    }
    return new MlCompute(n);
  }

  public final class MlCompute {
    public final ObjectNode node;

    MlCompute(ObjectNode node) {
      this.node = node;
    }

    private ObjectNode inner() {
      return (ObjectNode) props(node).get("properties");
    }

    public String id() {
      return node.get("id").asText();
    }

    public MlCompute subnet(String subnetId) {
      inner().set("subnet", ref(subnetId));
      return this;
    }

    public MlCompute enableNodePublicIp(boolean on) {
      inner().put("enableNodePublicIp", on);
      return this;
    }

    public MlCompute publicIpAddress(String ip) {
      ObjectNode c = inner().putObject("connectivityEndpoints");
      c.put("publicIpAddress", ip);
      c.put("privateIpAddress", "10.1.1.4");
      return this;
    }

    public EstateJson and() {
      return EstateJson.this;
    }
  }

  public Databricks databricks(String name) {
    ObjectNode n = resource(dbwId(name), "Microsoft.Databricks/workspaces", "eastus");
    if (!props(n).has("managedResourceGroupId")) {
      props(n).put("managedResourceGroupId", rg("rg-" + name + "-managed"));
    }
    if (!props(n).has("parameters")) {
      props(n).putObject("parameters");
    }
    return new Databricks(n);
  }

  public final class Databricks {
    public final ObjectNode node;

    Databricks(ObjectNode node) {
      this.node = node;
    }

    public String id() {
      return node.get("id").asText();
    }

    public String managedResourceGroupId() {
      return props(node).path("managedResourceGroupId").asText(null);
    }

    public Databricks managedResourceGroupId(String rgId) {
      if (rgId == null) {
        props(node).remove("managedResourceGroupId");
      } else {
        props(node).put("managedResourceGroupId", rgId);
      }
      return this;
    }

    /** A custom parameter {@code {"type": ..., "value": ...}}. */
    public Databricks param(String name, Object value) {
      ObjectNode p = ((ObjectNode) props(node).get("parameters")).putObject(name);
      if (value instanceof Boolean b) {
        p.put("type", "Bool");
        p.put("value", b);
      } else {
        p.put("type", "String");
        p.put("value", String.valueOf(value));
      }
      return this;
    }

    /** VNet injection: customVirtualNetworkId, customPublicSubnetName, customPrivateSubnetName. */
    public Databricks injected(String vnetId, String hostSubnet, String containerSubnet) {
      return param("customVirtualNetworkId", vnetId).param("customPublicSubnetName", hostSubnet)
          .param("customPrivateSubnetName", containerSubnet);
    }

    public Databricks enableNoPublicIp(boolean on) {
      return param("enableNoPublicIp", on);
    }

    public Databricks outboundLoadBalancer(String lbId, String pool) {
      return param("loadBalancerId", lbId).param("loadBalancerBackendPoolName", pool);
    }

    public Databricks natGatewayName(String n) {
      return param("natGatewayName", n);
    }

    public Databricks publicIpName(String n) {
      return param("publicIpName", n);
    }

    public EstateJson and() {
      return EstateJson.this;
    }
  }

  // ------------------------------------------------------------------ output

  public List<ObjectNode> nodes() {
    return new ArrayList<>(resources.values());
  }

  public ArrayNode toArray() {
    ArrayNode a = MAPPER.createArrayNode();
    resources.values().forEach(a::add);
    return a;
  }

  /** Writes the resources as one JSON array file in {@code dir}; returns the file. */
  public Path write(Path dir, String fileName) {
    return writeJson(dir.resolve(fileName), toArray());
  }

  public static Path writeJson(Path file, JsonNode json) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, MAPPER.writeValueAsString(json));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the estate to {@code dir} and loads it through {@link EstateLoader}. */
  public Estate load(Path dir) {
    return new EstateLoader().load(List.of(write(dir, "estate.json")));
  }
}
