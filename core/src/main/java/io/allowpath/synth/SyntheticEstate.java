package io.allowpath.synth;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes a realistic, deterministic ARM resource array (the shapes of {@code examples/estate}) for
 * benchmarks and property-style tests (issue 6): hub-and-spoke VNets with peering per region, each hub
 * with an Azure Firewall (classic network and application rule collections); spokes with a NAT gateway
 * subnet (public IPs and a prefix), a subnet routed 0.0.0.0/0 to the hub firewall, a service endpoint
 * subnet, a default-outbound subnet, a private subnet, a private endpoint subnet, Databricks host and
 * container subnets (NAT gateway, outbound load balancer or nothing) and an instance subnet; AML
 * workspaces with clusters, instances and serverless compute, AML managed-network workspaces with
 * outbound rules, VNet-injected and managed-VNet Databricks workspaces; targets of every supported type
 * with rule lists up to {@code rulesPerTarget} (capped at each service's limit) that admit generated
 * egress addresses fully, partly or not at all, so that checks yield ALLOW, DENY, AMBIGUOUS and UNKNOWN.
 *
 * <p>Only {@link SplittableRandom} seeded with {@code seed} decides; iteration is over lists and
 * insertion-ordered maps, so the same arguments give the same array. IP rules hold public addresses
 * only; egress addresses are carved from 20/8 (NAT public IPs), 52/8 (NAT prefixes), 40/8 (firewalls,
 * load balancers, instances); other rule addresses from a few other public /8s.
 */
public final class SyntheticEstate {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String[] REGIONS = {"eastus", "westeurope", "westus2"};
  private static final int[] OTHER_OCTETS = {13, 23, 51, 104, 137, 168, 191};

  /** The target kinds, in the round-robin order that guarantees each appears. */
  private enum Kind {
    STORAGE(400, 30), KEY_VAULT(1000, 14), SQL(256, 12), COSMOS(1000, 8), ACR(100, 7), WEB(512, 9),
    EVENT_HUBS(128, 6), SERVICE_BUS(128, 4), COGNITIVE(100, 6), SEARCH(100, 4);

    final int limit;
    final int weight;

    Kind(int limit, int weight) {
      this.limit = limit;
      this.weight = weight;
    }
  }

  private final SplittableRandom rnd;
  private final int rulesPerTarget;
  private final ArrayNode out = F.arrayNode();
  private final List<String> subscriptions = new ArrayList<>();
  private final List<Hub> hubs = new ArrayList<>();
  private final List<ArrayNode> hubPeerings = new ArrayList<>();
  private final List<Spoke> spokes = new ArrayList<>();
  /** Egress address groups (each a NAT gateway, firewall, LB or instance): CIDRs (bare /32 as x.x.x.x/32). */
  private final List<List<String>> egressGroups = new ArrayList<>();
  private final Map<String, ObjectNode> dnsZones = new LinkedHashMap<>();
  private final Set<String> dnsLinks = new LinkedHashSet<>();
  private final List<String> targetIds = new ArrayList<>();
  private final List<ObjectNode> managedWorkspaces = new ArrayList<>();
  private long natIp;
  private long natPrefix;
  private long fwIp;
  private long lbIp;
  private long instanceIp;
  private int computeCount;
  private int managedDbx;
  private int peIp;

  private record Hub(int index, String sub, String region, String vnetId, String fwIp, String fwId) {}

  private static final class Spoke {
    int index;
    String sub;
    String rg;
    String region;
    String vnetId;
    long base;
    String mlWorkspace;
    ObjectNode mlWorkspaceNode;
    boolean hasDatabricks;
    String dbxEgress; // nat, lb, none

    String subnet(String name) {
      return vnetId + "/subnets/" + name;
    }
  }

  private SyntheticEstate(long seed, int rulesPerTarget) {
    this.rnd = new SplittableRandom(seed);
    this.rulesPerTarget = rulesPerTarget;
  }

  /**
   * A realistic ARM resource array with about {@code computes} computes (as {@code EgressResolver}
   * counts them: a Databricks workspace is two, its host and container) and {@code targets} targets.
   */
  public static ArrayNode generate(int computes, int targets, int rulesPerTarget, long seed) {
    SyntheticEstate s = new SyntheticEstate(seed, Math.max(0, rulesPerTarget));
    s.build(Math.max(1, computes), Math.max(1, targets));
    return s.out;
  }

  private void build(int computes, int targets) {
    int subs = Math.max(2, Math.min(50, computes / 40 + targets / 2000 + 2));
    for (int i = 0; i < subs; i++) {
      subscriptions.add(String.format(Locale.ROOT, "%08x-%04x-4%03x-8%03x-%012x", 0x5e000000 + i, i & 0xffff,
          i & 0xfff, (i * 7) & 0xfff, 0x1000L + i));
    }
    for (int h = 0; h < REGIONS.length; h++) {
      hubs.add(hub(h));
    }
    int spokeCount = Math.max(3, (computes + 19) / 20);
    for (int k = 0; k < spokeCount; k++) {
      spokes.add(spoke(k));
    }
    // Computes: every kind first, then a weighted mix.
    String[] mandatory = {"nat", "fw", "instance", "dbx", "serverless", "managed", "dbx-managed", "private",
        "default", "se", "pip"};
    for (String m : mandatory) {
      if (computeCount >= computes && !m.equals("dbx") && !m.equals("managed") && !m.equals("instance")) {
        continue;
      }
      compute(m);
    }
    while (computeCount < computes) {
      int r = rnd.nextInt(100);
      compute(r < 38 ? "nat" : r < 55 ? "fw" : r < 62 ? "se" : r < 67 ? "default" : r < 71 ? "private"
          : r < 75 ? "pip" : r < 81 ? "instance" : r < 91 ? "dbx" : r < 94 ? "dbx-managed" : r < 98 ? "managed"
          : "serverless");
    }
    // Targets after computes, so that rules can admit every egress address generated.
    for (int i = 0; i < targets; i++) {
      Kind kind = i < Kind.values().length ? Kind.values()[i] : pickKind();
      target(i, kind);
    }
    for (ObjectNode w : managedWorkspaces) {
      managedRules(w);
    }
    for (Spoke s : spokes) {
      if (s.mlWorkspaceNode != null) {
        props(s.mlWorkspaceNode).put("storageAccount", targetIds.get(rnd.nextInt(targetIds.size())));
      }
    }
    for (ObjectNode z : dnsZones.values()) {
      out.add(z);
    }
  }

  /**
   * Writes {@code generate(...)} to {@code file} as a JSON array, one resource at a time with Jackson's
   * streaming generator (one resource per line, so large estates stay diffable and greppable).
   */
  public static void write(Path file, int computes, int targets, int rulesPerTarget, long seed) throws IOException {
    ArrayNode arr = generate(computes, targets, rulesPerTarget, seed);
    ObjectMapper mapper = new ObjectMapper();
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        JsonGenerator g = mapper.getFactory().createGenerator(os)) {
      g.writeStartArray();
      for (int i = 0; i < arr.size(); i++) {
        g.writeRaw("\n");
        mapper.writeTree(g, arr.get(i));
      }
      g.writeRaw("\n");
      g.writeEndArray();
      g.writeRaw("\n");
    }
  }

  private Kind pickKind() {
    int total = 0;
    for (Kind k : Kind.values()) {
      total += k.weight;
    }
    int r = rnd.nextInt(total);
    for (Kind k : Kind.values()) {
      r -= k.weight;
      if (r < 0) {
        return k;
      }
    }
    return Kind.STORAGE;
  }

  // ------------------------------------------------------------------ helpers

  private static String ip(long v) {
    return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
  }

  private static long octets(int a, int b, int c, int d) {
    return ((long) a << 24) | ((long) b << 16) | ((long) c << 8) | d;
  }

  private String sub(int i) {
    return subscriptions.get(Math.floorMod(i, subscriptions.size()));
  }

  private static String rid(String sub, String rg, String type, String name) {
    return "/subscriptions/" + sub + "/resourceGroups/" + rg + "/providers/" + type + "/" + name;
  }

  private static String name(String id) {
    return id.substring(id.lastIndexOf('/') + 1);
  }

  private ObjectNode resource(String id, String type, String location) {
    ObjectNode r = out.addObject();
    r.put("id", id);
    r.put("name", name(id));
    r.put("type", type);
    if (location != null) {
      r.put("location", location);
    }
    r.putObject("properties");
    return r;
  }

  private static ObjectNode props(ObjectNode r) {
    return (ObjectNode) r.get("properties");
  }

  private static ObjectNode ref(ObjectNode parent, String field, String id) {
    return parent.putObject(field).put("id", id);
  }

  private String publicIp(String sub, String rg, String name, String region, String address) {
    String id = rid(sub, rg, "Microsoft.Network/publicIPAddresses", name);
    ObjectNode p = resource(id, "Microsoft.Network/publicIPAddresses", region);
    p.putObject("sku").put("name", "Standard").put("tier", "Regional");
    ObjectNode pp = props(p).put("publicIPAllocationMethod", "Static").put("publicIPAddressVersion", "IPv4");
    if (address != null) {
      pp.put("ipAddress", address);
    }
    return id;
  }

  private ObjectNode subnet(ArrayNode subnets, String vnetId, String name, long base, int len) {
    ObjectNode s = subnets.addObject();
    s.put("id", vnetId + "/subnets/" + name);
    s.put("name", name);
    s.put("type", "Microsoft.Network/virtualNetworks/subnets");
    s.putObject("properties").put("addressPrefix", ip(base) + "/" + len);
    return (ObjectNode) s.get("properties");
  }

  private static void peering(ArrayNode peerings, String vnetId, String remote, boolean useRemoteGateways) {
    ObjectNode p = peerings.addObject();
    String name = "to-" + name(remote);
    p.put("id", vnetId + "/virtualNetworkPeerings/" + name);
    p.put("name", name);
    ObjectNode pp = p.putObject("properties");
    ref(pp, "remoteVirtualNetwork", remote);
    pp.put("allowForwardedTraffic", true).put("allowGatewayTransit", !useRemoteGateways)
        .put("useRemoteGateways", false).put("peeringState", "Connected");
  }

  // ------------------------------------------------------------------ network

  private Hub hub(int h) {
    String sub = sub(0);
    String rg = "rg-connectivity-" + REGIONS[h];
    String region = REGIONS[h];
    String vnetId = rid(sub, rg, "Microsoft.Network/virtualNetworks", "vnet-hub-" + region);
    long base = octets(172, 16 + h, 0, 0);
    String fwPrivate = ip(base + 4);
    String fwId = rid(sub, rg, "Microsoft.Network/azureFirewalls", "fw-hub-" + region);
    Hub hub = new Hub(h, sub, region, vnetId, fwPrivate, fwId);
    ObjectNode v = resource(vnetId, "Microsoft.Network/virtualNetworks", region);
    props(v).putObject("addressSpace").putArray("addressPrefixes").add(ip(base) + "/16");
    ArrayNode subnets = props(v).putArray("subnets");
    subnet(subnets, vnetId, "AzureFirewallSubnet", base, 26);
    subnet(subnets, vnetId, "AzureBastionSubnet", base + 256, 26);
    hubPeerings.add(props(v).putArray("virtualNetworkPeerings")); // filled as spokes are added
    // Firewall with one to three public IPs.
    int pips = 1 + rnd.nextInt(3);
    List<String> group = new ArrayList<>();
    List<String> pipIds = new ArrayList<>();
    for (int i = 0; i < pips; i++) {
      long a = octets(40, 16, 0, 0) + (fwIp++);
      pipIds.add(publicIp(sub, rg, "pip-fw-" + region + "-" + i, region, ip(a)));
      group.add(ip(a) + "/32");
    }
    egressGroups.add(group);
    ObjectNode fw = resource(fwId, "Microsoft.Network/azureFirewalls", region);
    ObjectNode fp = props(fw);
    fp.putObject("sku").put("name", "AZFW_VNet").put("tier", "Standard");
    ArrayNode cfgs = fp.putArray("ipConfigurations");
    for (int i = 0; i < pipIds.size(); i++) {
      ObjectNode c = cfgs.addObject().put("name", "ipconfig" + (i + 1));
      ObjectNode cp = c.putObject("properties");
      if (i == 0) {
        cp.put("privateIPAddress", fwPrivate);
        ref(cp, "subnet", vnetId + "/subnets/AzureFirewallSubnet");
      }
      ref(cp, "publicIPAddress", pipIds.get(i));
    }
    ArrayNode net = fp.putArray("networkRuleCollections");
    ObjectNode nc = net.addObject().put("name", "platform");
    ObjectNode ncp = nc.putObject("properties").put("priority", 100);
    ncp.putObject("action").put("type", "Allow");
    ArrayNode nrules = ncp.putArray("rules");
    ObjectNode r1 = nrules.addObject().put("name", "data-services");
    r1.putArray("protocols").add("TCP");
    r1.putArray("sourceAddresses").add("10.0.0.0/8");
    ArrayNode dst = r1.putArray("destinationAddresses").add("Storage." + region).add("Sql").add("AzureKeyVault");
    if (h != 1) {
      dst.add("EventHub").add("ServiceBus");
    }
    // 1433 and the range SQL's Redirect connection policy (the default from inside Azure) sends sessions to
    // (https://learn.microsoft.com/azure/azure-sql/database/connectivity-architecture#connection-policy)
    r1.putArray("destinationPorts").add("443").add("1433").add("11000-11999");
    ObjectNode deny = net.addObject().put("name", "block-search");
    ObjectNode dp = deny.putObject("properties").put("priority", 150);
    dp.putObject("action").put("type", "Deny");
    ObjectNode dr = dp.putArray("rules").addObject().put("name", "no-search");
    dr.putArray("protocols").add("TCP");
    dr.putArray("sourceAddresses").add("*");
    dr.putArray("destinationFqdns").add("*.search.windows.net");
    dr.putArray("destinationPorts").add("443");
    ArrayNode app = fp.putArray("applicationRuleCollections");
    ObjectNode ac = app.addObject().put("name", "paas");
    ObjectNode acp = ac.putObject("properties").put("priority", 200);
    acp.putObject("action").put("type", "Allow");
    ArrayNode arules = acp.putArray("rules");
    ObjectNode a1 = arules.addObject().put("name", "registries-and-apps");
    a1.putArray("sourceAddresses").add("10.0.0.0/8");
    a1.putArray("protocols").addObject().put("protocolType", "Https").put("port", 443);
    ArrayNode fq = a1.putArray("targetFqdns").add("*.azurecr.io").add("*.azurewebsites.net");
    if (h == 0) {
      fq.add("*.documents.azure.com").add("*.cognitiveservices.azure.com");
    }
    return hub;
  }

  private Spoke spoke(int k) {
    Spoke s = new Spoke();
    s.index = k;
    s.sub = sub(k + 1);
    s.rg = "rg-spoke-" + k + "-network";
    Hub hub = hubs.get(k % hubs.size());
    s.region = hub.region();
    s.vnetId = rid(s.sub, s.rg, "Microsoft.Network/virtualNetworks", "vnet-spoke-" + k);
    s.base = octets(10, 0, 0, 0) + ((long) (k + 1) << 12);
    int dbxRoll = rnd.nextInt(10);
    s.dbxEgress = dbxRoll < 5 ? "nat" : dbxRoll < 8 ? "lb" : "none";

    // NAT gateway: one or two public IPs (rarely one without a known address) and sometimes a prefix.
    String ngId = rid(s.sub, s.rg, "Microsoft.Network/natGateways", "ng-spoke-" + k);
    List<String> group = new ArrayList<>();
    List<String> pips = new ArrayList<>();
    int n = 1 + rnd.nextInt(2);
    for (int i = 0; i < n; i++) {
      boolean symbolic = (k == 1 && i == 0) || rnd.nextInt(40) == 0;
      long a = octets(20, 16, 0, 0) + (natIp++);
      pips.add(publicIp(s.sub, s.rg, "pip-ng-spoke-" + k + "-" + i, s.region, symbolic ? null : ip(a)));
      if (!symbolic) {
        group.add(ip(a) + "/32");
      }
    }
    String prefixId = null;
    if (rnd.nextInt(3) == 0) {
      int len = 28 + rnd.nextInt(3);
      long p = octets(52, 16, 0, 0) + 16 * (natPrefix++);
      prefixId = rid(s.sub, s.rg, "Microsoft.Network/publicIPPrefixes", "ippre-ng-spoke-" + k);
      ObjectNode px = resource(prefixId, "Microsoft.Network/publicIPPrefixes", s.region);
      px.putObject("sku").put("name", "Standard");
      props(px).put("prefixLength", len).put("ipPrefix", ip(p) + "/" + len);
      group.add(ip(p) + "/" + len);
    }
    egressGroups.add(group);
    ObjectNode ng = resource(ngId, "Microsoft.Network/natGateways", s.region);
    ng.putObject("sku").put("name", "Standard");
    props(ng).put("idleTimeoutInMinutes", 4);
    ArrayNode pa = props(ng).putArray("publicIpAddresses");
    pips.forEach(id -> pa.addObject().put("id", id));
    if (prefixId != null) {
      props(ng).putArray("publicIpPrefixes").addObject().put("id", prefixId);
    }

    // Route table to the regional hub firewall.
    String rtId = rid(s.sub, s.rg, "Microsoft.Network/routeTables", "rt-spoke-" + k + "-to-fw");
    ObjectNode rt = resource(rtId, "Microsoft.Network/routeTables", s.region);
    ArrayNode routes = props(rt).putArray("routes");
    ObjectNode route = routes.addObject().put("id", rtId + "/routes/default-to-firewall").put("name", "default-to-firewall");
    route.putObject("properties").put("addressPrefix", "0.0.0.0/0").put("nextHopType", "VirtualAppliance")
        .put("nextHopIpAddress", hub.fwIp());
    if (rnd.nextInt(3) == 0) {
      ObjectNode aml = routes.addObject().put("id", rtId + "/routes/aml-direct").put("name", "aml-direct");
      aml.putObject("properties").put("addressPrefix", "AzureMachineLearning").put("nextHopType", "Internet");
    }

    // Databricks outbound load balancer.
    String lbId = null;
    if (s.dbxEgress.equals("lb")) {
      lbId = rid(s.sub, s.rg, "Microsoft.Network/loadBalancers", "lb-dbx-spoke-" + k);
      long a = octets(40, 64, 0, 0) + (lbIp++);
      String pip = publicIp(s.sub, s.rg, "pip-lb-dbx-spoke-" + k, s.region, ip(a));
      egressGroups.add(List.of(ip(a) + "/32"));
      ObjectNode lb = resource(lbId, "Microsoft.Network/loadBalancers", s.region);
      lb.putObject("sku").put("name", "Standard");
      String fe = lbId + "/frontendIPConfigurations/dbx-frontend";
      String pool = lbId + "/backendAddressPools/dbx-backend";
      ObjectNode f = props(lb).putArray("frontendIPConfigurations").addObject().put("id", fe).put("name", "dbx-frontend");
      ref(f.putObject("properties"), "publicIPAddress", pip);
      props(lb).putArray("backendAddressPools").addObject().put("id", pool).put("name", "dbx-backend");
      ObjectNode or = props(lb).putArray("outboundRules").addObject().put("id", lbId + "/outboundRules/dbx-outbound")
          .put("name", "dbx-outbound");
      ObjectNode orp = or.putObject("properties").put("protocol", "All").put("allocatedOutboundPorts", 1024);
      orp.putArray("frontendIPConfigurations").addObject().put("id", fe);
      ref(orp, "backendAddressPool", pool);
    }

    String nsgId = rid(s.sub, s.rg, "Microsoft.Network/networkSecurityGroups", "nsg-dbx-spoke-" + k);
    ObjectNode nsg = resource(nsgId, "Microsoft.Network/networkSecurityGroups", s.region);
    props(nsg).putArray("securityRules");

    ObjectNode v = resource(s.vnetId, "Microsoft.Network/virtualNetworks", s.region);
    props(v).putObject("addressSpace").putArray("addressPrefixes").add(ip(s.base) + "/20");
    ArrayNode subnets = props(v).putArray("subnets");
    ObjectNode natSub = subnet(subnets, s.vnetId, "snet-nat", s.base, 24);
    ref(natSub, "natGateway", ngId);
    if (rnd.nextBoolean()) {
      natSub.putArray("serviceEndpoints").addObject().put("service", "Microsoft.KeyVault").putArray("locations").add("*");
    }
    ref(subnet(subnets, s.vnetId, "snet-fw", s.base + 256, 24), "routeTable", rtId);
    ObjectNode se = subnet(subnets, s.vnetId, "snet-se", s.base + 512, 24);
    ref(se, "natGateway", ngId);
    ArrayNode eps = se.putArray("serviceEndpoints");
    eps.addObject().put("service", "Microsoft.Storage").putArray("locations").add(s.region);
    eps.addObject().put("service", "Microsoft.Sql").putArray("locations").add(s.region);
    eps.addObject().put("service", "Microsoft.EventHub").putArray("locations").add("*");
    subnet(subnets, s.vnetId, "snet-default", s.base + 768, 24);
    subnet(subnets, s.vnetId, "snet-private", s.base + 1024, 24).put("defaultOutboundAccess", false);
    subnet(subnets, s.vnetId, "snet-pe", s.base + 1280, 24).put("privateEndpointNetworkPolicies", "Disabled");
    for (String side : List.of("host", "container")) {
      ObjectNode d = subnet(subnets, s.vnetId, "snet-dbx-" + side, s.base + (side.equals("host") ? 1536 : 1792), 24);
      ref(d, "networkSecurityGroup", nsgId);
      d.putArray("delegations").addObject().put("name", "dbx").putObject("properties")
          .put("serviceName", "Microsoft.Databricks/workspaces");
      if (s.dbxEgress.equals("nat")) {
        ref(d, "natGateway", ngId);
      }
    }
    subnet(subnets, s.vnetId, "snet-instances", s.base + 2048, 24);
    ArrayNode peer = props(v).putArray("virtualNetworkPeerings");
    peering(peer, s.vnetId, hub.vnetId(), false);
    peering(hubPeerings.get(hub.index()), hub.vnetId(), s.vnetId, false); // the hub's side
    return s;
  }

  // ------------------------------------------------------------------ computes

  private Spoke anySpoke() {
    return spokes.get(rnd.nextInt(spokes.size()));
  }

  private ObjectNode mlWorkspace(Spoke s) {
    if (s.mlWorkspaceNode != null) {
      return s.mlWorkspaceNode;
    }
    String rg = "rg-ml-spoke-" + s.index;
    s.mlWorkspace = rid(s.sub, rg, "Microsoft.MachineLearningServices/workspaces", "mlw-spoke-" + s.index);
    ObjectNode w = resource(s.mlWorkspace, "Microsoft.MachineLearningServices/workspaces", s.region);
    ObjectNode p = props(w).put("publicNetworkAccess", "Enabled");
    p.putObject("managedNetwork").put("isolationMode", "Disabled");
    s.mlWorkspaceNode = w;
    return w;
  }

  private void amlCompute(Spoke s, String name, String type, String subnet, boolean nodePublicIp, String instanceIp) {
    mlWorkspace(s);
    ObjectNode c = resource(s.mlWorkspace + "/computes/" + name, "Microsoft.MachineLearningServices/workspaces/computes",
        s.region);
    ObjectNode p = props(c).put("computeType", type).put("computeLocation", s.region);
    ObjectNode pp = p.putObject("properties").put("vmSize", "STANDARD_DS3_V2").put("enableNodePublicIp", nodePublicIp);
    if (subnet != null) {
      ref(pp, "subnet", subnet);
    }
    if (instanceIp != null) {
      pp.putObject("connectivityEndpoints").put("publicIpAddress", instanceIp).put("privateIpAddress", "10.250.0.4");
    }
    computeCount++;
  }

  private void compute(String kind) {
    int n = computeCount;
    Spoke s = anySpoke();
    switch (kind) {
      case "nat" -> amlCompute(s, "cluster-nat-" + n, "AmlCompute", s.subnet("snet-nat"), false, null);
      case "fw" -> amlCompute(s, "cluster-fw-" + n, "AmlCompute", s.subnet("snet-fw"), false, null);
      case "se" -> amlCompute(s, "cluster-se-" + n, "AmlCompute", s.subnet("snet-se"), false, null);
      case "default" -> amlCompute(s, "cluster-legacy-" + n, "AmlCompute", s.subnet("snet-default"), false, null);
      case "private" -> amlCompute(s, "cluster-private-" + n, "AmlCompute", s.subnet("snet-private"), false, null);
      case "pip" -> amlCompute(s, "cluster-pip-" + n, "AmlCompute", s.subnet("snet-instances"), true, null);
      case "instance" -> {
        long a = octets(40, 128, 0, 0) + (instanceIp++);
        boolean known = rnd.nextInt(8) != 0;
        if (known) {
          egressGroups.add(List.of(ip(a) + "/32"));
        }
        amlCompute(s, "ci-" + n, "ComputeInstance", s.subnet("snet-instances"), true, known ? ip(a) : null);
      }
      case "serverless" -> {
        ObjectNode w = mlWorkspace(s);
        if (w.path("properties").has("serverlessComputeSettings")) {
          amlCompute(s, "cluster-nat-" + n, "AmlCompute", s.subnet("snet-nat"), false, null);
        } else {
          props(w).putObject("serverlessComputeSettings").put("serverlessComputeCustomSubnet", s.subnet("snet-nat"))
              .put("serverlessComputeNoPublicIP", true);
          computeCount++;
        }
      }
      case "managed" -> managedCompute(n);
      case "dbx" -> {
        Spoke free = null;
        for (int i = 0; i < spokes.size(); i++) {
          Spoke c = spokes.get((s.index + i) % spokes.size());
          if (!c.hasDatabricks) {
            free = c;
            break;
          }
        }
        if (free == null) {
          managedDatabricks(n);
        } else {
          injectedDatabricks(free);
        }
      }
      case "dbx-managed" -> managedDatabricks(n);
      default -> throw new IllegalArgumentException(kind);
    }
  }

  private void managedCompute(int n) {
    ObjectNode w;
    if (managedWorkspaces.isEmpty() || rnd.nextInt(4) == 0) {
      int i = managedWorkspaces.size();
      String sub = sub(i + 3);
      String region = REGIONS[i % REGIONS.length];
      String id = rid(sub, "rg-ml-managed-" + i, "Microsoft.MachineLearningServices/workspaces", "mlw-managed-" + i);
      w = resource(id, "Microsoft.MachineLearningServices/workspaces", region);
      ObjectNode p = props(w).put("publicNetworkAccess", "Disabled");
      p.putObject("managedNetwork").put("isolationMode", i % 2 == 0 ? "AllowOnlyApprovedOutbound" : "AllowInternetOutbound");
      managedWorkspaces.add(w);
    } else {
      w = managedWorkspaces.get(rnd.nextInt(managedWorkspaces.size()));
    }
    ObjectNode c = resource(w.get("id").asText() + "/computes/managed-cluster-" + n,
        "Microsoft.MachineLearningServices/workspaces/computes", w.get("location").asText());
    props(c).put("computeType", "AmlCompute").putObject("properties").put("vmSize", "STANDARD_DS3_V2")
        .put("enableNodePublicIp", false);
    computeCount++;
  }

  /** Outbound rules of a managed network: private endpoints to some targets, FQDN and service tag rules. */
  private void managedRules(ObjectNode w) {
    ObjectNode mn = (ObjectNode) w.path("properties").path("managedNetwork");
    boolean approved = mn.path("isolationMode").asText().equals("AllowOnlyApprovedOutbound");
    ObjectNode rules = mn.putObject("outboundRules");
    int pes = Math.min(targetIds.size(), 1 + rnd.nextInt(4));
    for (int k = 0; k < pes; k++) {
      String t = targetIds.get(rnd.nextInt(targetIds.size()));
      ObjectNode r = rules.putObject("pe-" + k).put("type", "PrivateEndpoint").put("category", "UserDefined")
          .put("status", "Active");
      r.putObject("destination").put("serviceResourceId", t).put("subresourceTarget", "default").put("sparkEnabled", false);
    }
    if (approved) {
      rules.putObject("pypi").put("type", "FQDN").put("category", "UserDefined").put("status", "Active")
          .put("destination", "pypi.org");
      ObjectNode tag = rules.putObject("keyvault-tag").put("type", "ServiceTag").put("category", "UserDefined")
          .put("status", "Active");
      tag.putObject("destination").put("serviceTag", "AzureKeyVault").put("protocol", "TCP").put("portRanges", "443")
          .put("action", "Allow");
    }
  }

  private void injectedDatabricks(Spoke s) {
    s.hasDatabricks = true;
    String rg = "rg-dbx-spoke-" + s.index;
    String id = rid(s.sub, rg, "Microsoft.Databricks/workspaces", "dbw-spoke-" + s.index);
    ObjectNode w = resource(id, "Microsoft.Databricks/workspaces", s.region);
    w.putObject("sku").put("name", "premium");
    ObjectNode p = props(w).put("managedResourceGroupId", "/subscriptions/" + s.sub + "/resourceGroups/" + rg + "-managed")
        .put("publicNetworkAccess", "Enabled").put("requiredNsgRules", "AllRules");
    ObjectNode params = p.putObject("parameters");
    params.putObject("customVirtualNetworkId").put("type", "String").put("value", s.vnetId);
    params.putObject("customPublicSubnetName").put("type", "String").put("value", "snet-dbx-host");
    params.putObject("customPrivateSubnetName").put("type", "String").put("value", "snet-dbx-container");
    params.putObject("enableNoPublicIp").put("type", "Bool").put("value", true);
    if (s.dbxEgress.equals("lb")) {
      params.putObject("loadBalancerId").put("type", "String")
          .put("value", rid(s.sub, s.rg, "Microsoft.Network/loadBalancers", "lb-dbx-spoke-" + s.index));
      params.putObject("loadBalancerBackendPoolName").put("type", "String").put("value", "dbx-backend");
    }
    computeCount += 2;
  }

  private void managedDatabricks(int n) {
    int i = managedDbx++;
    String sub = sub(i + 2);
    String region = REGIONS[i % REGIONS.length];
    String rg = "rg-dbw-managed-" + i;
    String mrg = rg + "-mrg";
    String id = rid(sub, rg, "Microsoft.Databricks/workspaces", "dbw-managed-" + i);
    ObjectNode w = resource(id, "Microsoft.Databricks/workspaces", region);
    w.putObject("sku").put("name", "premium");
    boolean scc = i % 5 != 4;
    ObjectNode p = props(w).put("managedResourceGroupId", "/subscriptions/" + sub + "/resourceGroups/" + mrg)
        .put("publicNetworkAccess", "Enabled");
    ObjectNode params = p.putObject("parameters");
    params.putObject("enableNoPublicIp").put("type", "Bool").put("value", scc);
    if (scc) {
      long a = octets(20, 200, 0, 0) + (natIp++);
      String pip = publicIp(sub, mrg, "nat-gw-public-ip", region, ip(a));
      egressGroups.add(List.of(ip(a) + "/32"));
      if (i % 3 != 2) { // sometimes only the public IP is exported
        ObjectNode ng = resource(rid(sub, mrg, "Microsoft.Network/natGateways", "nat-gateway"),
            "Microsoft.Network/natGateways", region);
        ng.putObject("sku").put("name", "Standard");
        props(ng).putArray("publicIpAddresses").addObject().put("id", pip);
      }
    }
    computeCount += 2;
  }

  // ------------------------------------------------------------------ targets

  private void target(int i, Kind kind) {
    String sub = sub(i * 7 + 1);
    String rg = "rg-data-" + (i / 50);
    String region = REGIONS[rnd.nextInt(REGIONS.length)];
    int access = rnd.nextInt(100); // < 7 disabled, < 17 open, else restricted
    int limit = Math.min(kind.limit, rulesPerTarget);
    List<long[]> ranges = rules(limit);
    String hex = Integer.toHexString(i);
    String id;
    switch (kind) {
      case STORAGE -> {
        id = rid(sub, rg, "Microsoft.Storage/storageAccounts", "stsynth" + hex);
        ObjectNode r = resource(id, "Microsoft.Storage/storageAccounts", region);
        r.putObject("sku").put("name", "Standard_LRS");
        r.put("kind", "StorageV2");
        networkAcls(props(r), access, ranges, true, List.of("Microsoft.Storage"));
        props(r).put("minimumTlsVersion", "TLS1_2");
      }
      case KEY_VAULT -> {
        id = rid(sub, rg, "Microsoft.KeyVault/vaults", "kv-synth-" + hex);
        ObjectNode r = resource(id, "Microsoft.KeyVault/vaults", region);
        props(r).put("tenantId", "22222222-2222-2222-2222-222222222222").putObject("sku").put("family", "A")
            .put("name", "standard");
        networkAcls(props(r), access, ranges, false, List.of("Microsoft.KeyVault"));
      }
      case COGNITIVE -> {
        id = rid(sub, rg, "Microsoft.CognitiveServices/accounts", "cog-synth-" + hex);
        ObjectNode r = resource(id, "Microsoft.CognitiveServices/accounts", region);
        r.put("kind", i % 2 == 0 ? "OpenAI" : "TextAnalytics");
        r.putObject("sku").put("name", "S0");
        props(r).put("customSubDomainName", "cog-synth-" + hex);
        networkAcls(props(r), access, ranges, true, List.of());
      }
      case SQL -> {
        id = rid(sub, rg, "Microsoft.Sql/servers", "sql-synth-" + hex);
        ObjectNode r = resource(id, "Microsoft.Sql/servers", region);
        props(r).put("administratorLogin", "sqladmin").put("version", "12.0")
            .put("publicNetworkAccess", access < 7 ? "Disabled" : "Enabled").put("minimalTlsVersion", "1.2");
        int k = 0;
        if (access >= 7 && access < 17) {
          sqlRule(id, "AllowAllWindowsAzureIps", "0.0.0.0", "0.0.0.0");
        }
        for (long[] x : ranges) {
          sqlRule(id, "rule-" + (k++), ip(x[0]), ip(x[1]));
        }
        if (rnd.nextInt(4) == 0) {
          String subnet = anySpoke().subnet("snet-se");
          ObjectNode vr = resource(id + "/virtualNetworkRules/se-" + k, "Microsoft.Sql/servers/virtualNetworkRules", null);
          props(vr).put("virtualNetworkSubnetId", subnet).put("ignoreMissingVnetServiceEndpoint", false);
        }
      }
      case COSMOS -> {
        id = rid(sub, rg, "Microsoft.DocumentDB/databaseAccounts", "cosmos-synth-" + hex);
        ObjectNode r = resource(id, "Microsoft.DocumentDB/databaseAccounts", region);
        r.put("kind", "GlobalDocumentDB");
        ObjectNode p = props(r).put("databaseAccountOfferType", "Standard")
            .put("publicNetworkAccess", access < 7 ? "Disabled" : "Enabled");
        ArrayNode ips = p.putArray("ipRules");
        boolean vnetFilter = rnd.nextInt(4) == 0;
        if (access >= 17) {
          for (long[] x : ranges) {
            ips.addObject().put("ipAddressOrRange", cidrText(x, false));
          }
          if (rnd.nextInt(10) == 0) {
            ips.addObject().put("ipAddressOrRange", "0.0.0.0");
          }
        }
        p.put("isVirtualNetworkFilterEnabled", vnetFilter);
        ArrayNode vr = p.putArray("virtualNetworkRules");
        if (vnetFilter) {
          vr.addObject().put("id", anySpoke().subnet("snet-se")).put("ignoreMissingVNetServiceEndpoint", false);
        }
      }
      case ACR -> {
        id = rid(sub, rg, "Microsoft.ContainerRegistry/registries", "crsynth" + hex);
        ObjectNode r = resource(id, "Microsoft.ContainerRegistry/registries", region);
        String sku = rnd.nextInt(10) < 7 ? "Premium" : rnd.nextBoolean() ? "Standard" : "Basic";
        r.putObject("sku").put("name", sku).put("tier", sku);
        ObjectNode p = props(r).put("adminUserEnabled", false).put("publicNetworkAccess", access < 7 ? "Disabled" : "Enabled")
            .put("networkRuleBypassOptions", "AzureServices");
        ObjectNode set = p.putObject("networkRuleSet").put("defaultAction", access < 17 ? "Allow" : "Deny");
        ArrayNode ips = set.putArray("ipRules");
        if (access >= 17) {
          for (long[] x : ranges) {
            ips.addObject().put("action", "Allow").put("value", cidrText(x, false));
          }
        }
      }
      case WEB -> {
        id = rid(sub, rg, "Microsoft.Web/sites", "app-synth-" + hex);
        ObjectNode r = resource(id, "Microsoft.Web/sites", region);
        r.put("kind", "app,linux");
        ObjectNode p = props(r).put("enabled", true).put("httpsOnly", true)
            .put("publicNetworkAccess", access < 7 ? "Disabled" : "Enabled");
        p.putObject("siteConfig").putNull("ipSecurityRestrictions").putNull("ipSecurityRestrictionsDefaultAction");
        if (rnd.nextInt(10) != 0) { // sometimes config/web is not exported: unknown
          ObjectNode cfg = resource(id + "/config/web", "Microsoft.Web/sites/config", region);
          ArrayNode rs = props(cfg).putArray("ipSecurityRestrictions");
          int prio = 100;
          List<long[]> ordered = new ArrayList<>(ranges);
          if (access >= 17 && rnd.nextInt(4) == 0) {
            // a broad deny placed among the allows: order by priority decides
            ordered.add(rnd.nextInt(ordered.size() + 1), new long[] {octets(20, 16, 0, 0), octets(20, 16, 255, 255), 0});
          }
          if (access >= 17) {
            for (long[] x : ordered) {
              boolean allow = x.length < 3;
              rs.addObject().put("ipAddress", cidrText(x, true)).put("action", allow ? "Allow" : "Deny")
                  .put("priority", prio).put("name", (allow ? "allow-" : "deny-") + prio).put("tag", "Default");
              prio += 10;
            }
          }
          if (access < 17) {
            props(cfg).put("ipSecurityRestrictionsDefaultAction", "Allow");
          } else if (rnd.nextInt(5) == 0) {
            props(cfg).put("ipSecurityRestrictionsDefaultAction", "Deny");
          }
          props(cfg).put("scmIpSecurityRestrictionsUseMain", false);
        }
      }
      case EVENT_HUBS, SERVICE_BUS -> {
        boolean eh = kind == Kind.EVENT_HUBS;
        String type = eh ? "Microsoft.EventHub/namespaces" : "Microsoft.ServiceBus/namespaces";
        id = rid(sub, rg, type, (eh ? "evhns-synth-" : "sbns-synth-") + hex);
        ObjectNode r = resource(id, type, region);
        r.putObject("sku").put("name", eh ? "Standard" : "Premium").put("tier", eh ? "Standard" : "Premium");
        props(r).put("publicNetworkAccess", access < 7 ? "Disabled" : "Enabled");
        if (rnd.nextInt(12) != 0) { // sometimes networkRuleSets/default is not exported: unknown
          ObjectNode set = resource(id + "/networkRuleSets/default", type + "/networkRuleSets", null);
          ObjectNode sp = props(set).put("publicNetworkAccess", access < 7 ? "Disabled" : "Enabled")
              .put("defaultAction", access < 17 ? "Allow" : "Deny").put("trustedServiceAccessEnabled", false);
          ArrayNode ips = sp.putArray("ipRules");
          ArrayNode vr = sp.putArray("virtualNetworkRules");
          if (access >= 17) {
            for (long[] x : ranges) {
              ips.addObject().put("ipMask", cidrText(x, false)).put("action", "Allow");
            }
            if (eh && rnd.nextInt(3) == 0) {
              vr.addObject().put("ignoreMissingVnetServiceEndpoint", false).putObject("subnet")
                  .put("id", anySpoke().subnet("snet-se"));
            }
          }
        }
      }
      case SEARCH -> {
        id = rid(sub, rg, "Microsoft.Search/searchServices", "srch-synth-" + hex);
        ObjectNode r = resource(id, "Microsoft.Search/searchServices", region);
        r.putObject("sku").put("name", "standard");
        ObjectNode p = props(r).put("publicNetworkAccess", access < 7 ? "disabled" : "enabled");
        ObjectNode set = p.putObject("networkRuleSet").put("bypass", "None");
        ArrayNode ips = set.putArray("ipRules");
        if (access >= 17) {
          for (long[] x : ranges) {
            ips.addObject().put("value", cidrText(x, false));
          }
        }
      }
      default -> throw new IllegalStateException();
    }
    targetIds.add(id);
    if (rnd.nextInt(100) < 6) {
      privateEndpoint(id, kind, i);
    }
  }

  private void sqlRule(String server, String name, String start, String end) {
    ObjectNode r = resource(server + "/firewallRules/" + name, "Microsoft.Sql/servers/firewallRules", null);
    props(r).put("startIpAddress", start).put("endIpAddress", end);
  }

  /** Storage, key vault and Cognitive Services networkAcls; {@code bareSingles}: /32 written as a bare IP. */
  private void networkAcls(ObjectNode p, int access, List<long[]> ranges, boolean bareSingles, List<String> seServices) {
    p.put("publicNetworkAccess", access < 7 ? "Disabled" : "Enabled");
    ObjectNode acls = p.putObject("networkAcls").put("bypass", "AzureServices")
        .put("defaultAction", access < 17 ? "Allow" : "Deny");
    ArrayNode ips = acls.putArray("ipRules");
    ArrayNode vr = acls.putArray("virtualNetworkRules");
    if (access >= 17) {
      for (long[] x : ranges) {
        ips.addObject().put("value", cidrText(x, !bareSingles)).put("action", "Allow");
      }
      if (!seServices.isEmpty() && rnd.nextInt(4) == 0) {
        vr.addObject().put("id", anySpoke().subnet("snet-se")).put("action", "Allow");
      }
    }
  }

  /**
   * Rule ranges [first, last] for one target: some admit a generated egress group fully (ALLOW), some
   * partly (AMBIGUOUS), the rest are other public CIDRs, up to {@code limit} in all.
   */
  private List<long[]> rules(int limit) {
    List<long[]> out = new ArrayList<>();
    if (limit == 0) {
      return out;
    }
    int n = rnd.nextInt(limit + 1);
    int roll = rnd.nextInt(100);
    if (roll < 45 && !egressGroups.isEmpty()) {
      int groups = 1 + rnd.nextInt(3);
      for (int g = 0; g < groups; g++) {
        for (String cidr : egressGroups.get(rnd.nextInt(egressGroups.size()))) {
          out.add(range(cidr));
        }
      }
    } else if (roll < 60 && !egressGroups.isEmpty()) {
      List<String> group = egressGroups.get(rnd.nextInt(egressGroups.size()));
      if (!group.isEmpty()) {
        long[] r = range(group.get(0));
        if (group.size() == 1 && r[1] > r[0]) {
          long half = (r[1] - r[0] + 1) / 2;
          r = new long[] {r[0], r[0] + (half == 2 ? 1 : half) - 1}; // part of a prefix (never a /31)
        }
        out.add(r);
      }
    }
    while (out.size() < n) {
      int a = OTHER_OCTETS[rnd.nextInt(OTHER_OCTETS.length)];
      long base = octets(a, rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256));
      int kind = rnd.nextInt(10);
      int len = kind < 6 ? 32 : kind < 9 ? 24 + rnd.nextInt(7) : 16 + rnd.nextInt(8);
      long size = 1L << (32 - len);
      long start = base & ~(size - 1);
      out.add(new long[] {start, start + size - 1});
    }
    while (out.size() > limit) {
      out.remove(out.size() - 1);
    }
    // Shuffle deterministically so admitting rules are not always first.
    for (int i = out.size() - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      long[] t = out.get(i);
      out.set(i, out.get(j));
      out.set(j, t);
    }
    return out;
  }

  private static long[] range(String cidr) {
    int slash = cidr.indexOf('/');
    String[] o = cidr.substring(0, slash).split("\\.");
    long base = octets(Integer.parseInt(o[0]), Integer.parseInt(o[1]), Integer.parseInt(o[2]), Integer.parseInt(o[3]));
    int len = Integer.parseInt(cidr.substring(slash + 1));
    return new long[] {base, base + (1L << (32 - len)) - 1};
  }

  /** A range as CIDR text (ranges here are always aligned blocks); a single address bare unless {@code slash32}. */
  private static String cidrText(long[] r, boolean slash32) {
    long size = r[1] - r[0] + 1;
    int len = 32 - Long.numberOfTrailingZeros(size);
    if (len == 32 && !slash32) {
      return ip(r[0]);
    }
    return ip(r[0]) + "/" + len;
  }

  // ------------------------------------------------------------------ private endpoints and DNS

  private static final Map<Kind, String[]> PE = Map.of(
      Kind.STORAGE, new String[] {"blob", "privatelink.blob.core.windows.net"},
      Kind.KEY_VAULT, new String[] {"vault", "privatelink.vaultcore.azure.net"},
      Kind.SQL, new String[] {"sqlServer", "privatelink.database.windows.net"},
      Kind.COSMOS, new String[] {"Sql", "privatelink.documents.azure.com"},
      Kind.ACR, new String[] {"registry", "privatelink.azurecr.io"},
      Kind.WEB, new String[] {"sites", "privatelink.azurewebsites.net"},
      Kind.EVENT_HUBS, new String[] {"namespace", "privatelink.servicebus.windows.net"},
      Kind.SERVICE_BUS, new String[] {"namespace", "privatelink.servicebus.windows.net"},
      Kind.COGNITIVE, new String[] {"account", "privatelink.cognitiveservices.azure.com"},
      Kind.SEARCH, new String[] {"searchService", "privatelink.search.windows.net"});

  private void privateEndpoint(String target, Kind kind, int i) {
    Spoke s = anySpoke();
    String[] pe = PE.get(kind);
    String peId = rid(s.sub, s.rg, "Microsoft.Network/privateEndpoints", "pe-" + name(target));
    String addr = ip(s.base + 1280 + 4 + (peIp++ % 250));
    ObjectNode r = resource(peId, "Microsoft.Network/privateEndpoints", s.region);
    ObjectNode p = props(r);
    ref(p, "subnet", s.subnet("snet-pe"));
    ObjectNode c = p.putArray("privateLinkServiceConnections").addObject().put("name", "conn");
    ObjectNode cp = c.putObject("properties").put("privateLinkServiceId", target);
    cp.putArray("groupIds").add(pe[0]);
    cp.putObject("privateLinkServiceConnectionState").put("status", "Approved").put("description", "Auto-Approved");
    p.putArray("customDnsConfigs").addObject().put("fqdn", name(target)).putArray("ipAddresses").add(addr);
    String zoneId = rid(sub(0), "rg-private-dns", "Microsoft.Network/privateDnsZones", pe[1]);
    if (!dnsZones.containsKey(zoneId)) {
      ObjectNode z = F.objectNode().put("id", zoneId).put("name", pe[1]).put("type", "Microsoft.Network/privateDnsZones")
          .put("location", "global");
      z.putObject("properties");
      dnsZones.put(zoneId, z);
    }
    if (rnd.nextInt(5) != 0 && dnsLinks.add(zoneId + "|" + s.vnetId)) { // sometimes the zone is not linked
      ObjectNode l = resource(zoneId + "/virtualNetworkLinks/link-" + name(s.vnetId),
          "Microsoft.Network/privateDnsZones/virtualNetworkLinks", "global");
      ref(props(l), "virtualNetwork", s.vnetId);
      props(l).put("registrationEnabled", false);
    }
    ObjectNode a = resource(zoneId + "/A/" + name(target), "Microsoft.Network/privateDnsZones/A", null);
    props(a).put("ttl", 10).putArray("aRecords").addObject().put("ipv4Address", addr);
  }
}
