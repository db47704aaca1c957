package io.allowpath.ingest.arm;

import io.allowpath.model.Delegation;
import com.fasterxml.jackson.databind.JsonNode;
import io.allowpath.ingest.InternalFailure;
import io.allowpath.ingest.Unknown;
import io.allowpath.ingest.RawResource;
import io.allowpath.model.Address;
import io.allowpath.model.AzureFirewall;
import io.allowpath.model.DatabricksWorkspace;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.FirewallIpConfig;
import io.allowpath.model.FirewallPolicy;
import io.allowpath.model.FirewallRule;
import io.allowpath.model.FirewallRuleCollection;
import io.allowpath.model.IpSet;
import io.allowpath.model.IpValue;
import io.allowpath.model.LbFrontend;
import io.allowpath.model.LbOutboundRule;
import io.allowpath.model.LoadBalancer;
import io.allowpath.model.MlCompute;
import io.allowpath.model.MlOutboundRule;
import io.allowpath.model.MlWorkspace;
import io.allowpath.model.NatGateway;
import io.allowpath.model.NetworkInterface;
import io.allowpath.model.NetworkSecurityGroup;
import io.allowpath.model.NicIpConfig;
import io.allowpath.model.NspAccessRule;
import io.allowpath.model.NspAssociation;
import io.allowpath.model.NspProfile;
import io.allowpath.model.NsgRule;
import io.allowpath.model.Ports;
import io.allowpath.model.PrivateDnsZone;
import io.allowpath.model.PrivateEndpoint;
import io.allowpath.model.PublicIp;
import io.allowpath.model.PublicIpPrefix;
import io.allowpath.model.Resource;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Route;
import io.allowpath.model.RouteTable;
import io.allowpath.model.ServiceEndpoint;
import io.allowpath.model.Subnet;
import io.allowpath.model.VirtualNetwork;
import io.allowpath.model.VirtualNetworkGateway;
import io.allowpath.model.VnetPeering;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns ARM resource JSON (what ARM GET, {@code az resource show} and Resource Graph return, or what a
 * template evaluates to) into model records. One handler per resource type; types it does not model are
 * counted and skipped. A resource with a field of the wrong JSON type yields one ERROR diagnostic
 * naming the file and JSON pointer, and is skipped; the rest of the estate is still read (habit 5).
 *
 * <p>Child resources are read inline or standalone and joined to their parent by id in
 * {@link EstateAssembler} (habit 8).
 */
public final class ArmResourceReader {
  /** Reads one resource's JSON into records added to {@code out}. */
  @FunctionalInterface
  public interface Handler {
    void read(ResourceId id, JsonNode json, String base, EstateAssembler out);
  }

  private final Map<String, Handler> handlers = new HashMap<>();

  public ArmResourceReader() {
    on("Microsoft.Network/virtualNetworks", this::vnet);
    on("Microsoft.Network/virtualNetworks/subnets", (id, j, b, out) -> out.subnet(subnet(id, j, b), true));
    on("Microsoft.Network/virtualNetworks/virtualNetworkPeerings",
        (id, j, b, out) -> out.peering(id.parent(), peering(id, j, b)));
    on("Microsoft.Network/natGateways", this::nat);
    on("Microsoft.Network/publicIPAddresses", this::publicIp);
    on("Microsoft.Network/publicIPPrefixes", (id, j, b, out) -> out.put(
        new PublicIpPrefix(id, loc(j), J.ip(j, b, true, "properties", "ipPrefix"))));
    on("Microsoft.Network/loadBalancers", this::loadBalancer);
    on("Microsoft.Network/routeTables", this::routeTable);
    on("Microsoft.Network/routeTables/routes", (id, j, b, out) -> out.route(id.parent(), route(id, j, b)));
    on("Microsoft.Network/azureFirewalls", this::firewall);
    on("Microsoft.Network/firewallPolicies", (id, j, b, out) -> out.put(new FirewallPolicy(id, loc(j),
        J.at(j, "properties", "snat", "privateRanges") == null ? null : J.ips(j, b, false, "properties", "snat", "privateRanges"),
        J.text(j, b, "properties", "snat", "autoLearnPrivateRanges"),
        J.bool(j, b, "properties", "sql", "allowSqlRedirect"))));
    on("Microsoft.Network/firewallPolicies/ruleCollectionGroups", this::ruleCollectionGroup);
    on("Microsoft.Network/networkInterfaces", this::nic);
    on("Microsoft.Network/networkSecurityGroups", this::nsg);
    on("Microsoft.Network/virtualNetworkGateways", this::gateway);
    on("Microsoft.MachineLearningServices/workspaces", this::mlWorkspace);
    on("Microsoft.MachineLearningServices/workspaces/computes", this::mlCompute);
    on("Microsoft.MachineLearningServices/workspaces/outboundRules",
        (id, j, b, out) -> out.mlOutboundRule(id.parent(), outboundRule(id.name(), J.at(j, "properties"), b + "/properties")));
    on("Microsoft.Databricks/workspaces", this::databricks);
    TargetReaders.register(this);
    // private endpoints and private DNS are network types read here (registered after the target readers)
    on("Microsoft.Network/privateEndpoints", ArmResourceReader::privateEndpoint);
    on("Microsoft.Network/privateEndpoints/privateDnsZoneGroups", (id, j, b, out) -> {
      List<PrivateEndpoint.DnsRecord> recs = zoneGroup(j, b);
      out.join(id, id.parent(), PrivateEndpoint.class, pe -> {
        List<PrivateEndpoint.DnsRecord> all = new ArrayList<>(pe.dnsRecords());
        all.addAll(recs);
        return pe.withDnsRecords(all);
      });
    });
    on("Microsoft.Network/privateDnsZones", (id, j, b, out) -> out.put(new PrivateDnsZone(id, List.of(), List.of(),
        J.integer(j, b, "properties", "numberOfRecordSets"))));
    on("Microsoft.Network/privateDnsZones/virtualNetworkLinks", ArmResourceReader::dnsLink);
    on("Microsoft.Network/privateDnsZones/A", ArmResourceReader::dnsA);
    // network security perimeters (§8.7): profiles, their access rules and resource associations, standalone
    on("Microsoft.Network/networkSecurityPerimeters", (id, j, b, out) -> out.knownButUnmodelled(id));
    on("Microsoft.Network/networkSecurityPerimeters/profiles", (id, j, b, out) -> out.put(new NspProfile(id)));
    on("Microsoft.Network/networkSecurityPerimeters/profiles/accessRules", (id, j, b, out) -> out.put(new NspAccessRule(id,
        J.text(j, b, "properties", "direction"), J.ips(j, b, true, "properties", "addressPrefixes"),
        J.ids(j, b, "properties", "subscriptions"))));
    on("Microsoft.Network/networkSecurityPerimeters/resourceAssociations", (id, j, b, out) -> out.put(new NspAssociation(id,
        J.id(j, b, "properties", "privateLinkResource"), J.id(j, b, "properties", "profile"),
        J.text(j, b, "properties", "accessMode"))));
  }

  /** Registers (or replaces) the handler of a resource type; used by target readers. */
  public void on(String type, Handler h) {
    handlers.put(type.toLowerCase(Locale.ROOT), h);
    byExactType.clear();
  }

  /** Handlers by the type exactly as spelled in the input (saves lower-casing it per resource). */
  private final Map<String, Handler> byExactType = new ConcurrentHashMap<>();
  private static final Handler NONE = (id, j, b, out) -> { };

  private Handler handler(String type) {
    Handler h = byExactType.get(type);
    if (h == null) {
      h = handlers.getOrDefault(type.toLowerCase(Locale.ROOT), NONE);
      byExactType.put(type, h);
    }
    return h == NONE ? null : h;
  }

  /** Reads one raw resource; problems become diagnostics in {@code out}. */
  public void read(RawResource raw, EstateAssembler out) {
    read(raw, null, out);
  }

  /**
   * Reads one raw resource whose {@code "id"} string the caller has already parsed into {@code knownId}
   * (null: parse it here).
   */
  public void read(RawResource raw, ResourceId knownId, EstateAssembler out) {
    JsonNode j = raw.json();
    String base = raw.pointer() == null ? "" : raw.pointer();
    if (!j.isObject()) {
      out.diagnostic(Diagnostic.error(null, "expected an ARM resource object, found " + J.kind(j)).at(raw.file(), base));
      return;
    }
    ResourceId id;
    String type;
    try {
      JsonNode idn = J.at(j, "id");
      id = knownId != null ? knownId : idn != null && idn.isTextual() ? ResourceId.of(idn.asText()) : J.id(j, base, "id");
      type = J.text(j, base, "type");
    } catch (J.FieldException e) {
      out.diagnostic(Diagnostic.error(null, e.getMessage()).at(raw.file(), e.pointer));
      return;
    }
    if (id == null || id.isUnresolved()) {
      out.diagnostic(Diagnostic.error(null, "resource has no usable \"id\"; expected an ARM resource id string")
          .at(raw.file(), base));
      return;
    }
    if (id.type() == null || !J.armShaped(id.value())) {
      // a compute or target whose id is not an ARM id has no workspace, parent or name to report on
      out.diagnostic(Diagnostic.error(null, "\"id\" is not an ARM resource id: \"" + J.abbreviate(id.value())
          + "\"; expected /subscriptions/{subscription}/resourceGroups/{group}/providers/{namespace}/{type}/{name};"
          + " resource skipped").at(raw.file(), base + "/id"));
      return;
    }
    if (type == null || !type.contains(".")) {
      type = id.type(); // some REST examples carry a short type such as "workspace/outboundRules"
    } else if (!type.equalsIgnoreCase(id.type())) {
      out.diagnostic(Diagnostic.error(id, "\"type\" is " + J.abbreviate(type) + " but the id is of type " + id.type()
          + "; resource skipped").at(raw.file(), base + "/type"));
      return;
    }
    Handler h = handler(type);
    if (h == null) {
      out.skipped(type);
      return;
    }
    String lowerType = type.toLowerCase(Locale.ROOT);
    if (LOCATED.contains(lowerType) && loc(j) == null) {
      // ARM requires a location on these; the subnets, NAT gateways and fixes planned in them are regional
      out.diagnostic(Diagnostic.error(id, "resource has no usable \"location\" (expected a region name such as "
          + "\"eastus\"); resource skipped").at(raw.file(), base + "/location"));
      return;
    }
    out.begin();
    J.startWarnings();
    try {
      h.read(id, j, base, out);
      out.commit();
      out.source(id, raw.file(), base);
      unreadParts(id, j, raw.file(), base, out);
      if (REGIONAL.contains(lowerType) && loc(j) == null) {
        out.diagnostic(Diagnostic.warning(id, "resource has no usable \"location\" (expected a region name such as "
            + "\"eastus\"): answers that depend on its region (storage same-region traffic, regional service tags) "
            + "are UNKNOWN, and Bicep/ARM fixes do not PUT it").at(raw.file(), base + "/location"));
      }
      out.tags(id, tags(j, base, w -> out.diagnostic(Diagnostic.warning(id, w).at(raw.file(), base + "/tags"))));
      for (J.FieldException w : J.warnings()) {
        out.diagnostic(w.skippedChild != null
            ? Diagnostic.error(w.skippedChild, w.getMessage() + "; subnet skipped").at(raw.file(), w.pointer)
            : Diagnostic.warning(id, w.getMessage()).at(raw.file(), w.pointer));
      }
    } catch (J.FieldException e) {
      out.rollback();
      out.diagnostic(Diagnostic.error(id, e.getMessage() + "; resource skipped").at(raw.file(), e.pointer));
    } catch (RuntimeException e) {
      out.rollback();
      throw new InternalFailure("reading the resource", id.value() + " (" + raw.file() + " at " + (base.isEmpty() ? "/"
          : base) + ")", e);
    }
  }

  /**
   * The resource's ARM {@code tags}: an object of tag names and string values
   * (https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources; every ARM resource
   * has the top-level {@code tags} property). Numbers and booleans (as a template may write them) are read as
   * their text; anything else is a WARNING and the tags are ignored (they only select intents).
   */
  static Map<String, String> tags(JsonNode j, String base, java.util.function.Consumer<String> warn) {
    JsonNode t = j.get("tags");
    if (t == null || t.isNull() || Unknown.is(t)) {
      return Map.of();
    }
    if (!t.isObject()) {
      warn.accept("\"tags\" is " + J.kind(t) + "; expected an object of tag names and values; tags ignored");
      return Map.of();
    }
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (var e : t.properties()) {
      JsonNode v = e.getValue();
      if (v.isValueNode() && !v.isNull() && !Unknown.is(v)) {
        out.put(e.getKey(), v.asText());
      } else if (!v.isNull() && !Unknown.is(v)) {
        warn.accept("tag \"" + J.abbreviate(e.getKey()) + "\" is " + J.kind(v) + "; expected a string; tag ignored");
      }
    }
    return out;
  }

  /** The field a scan adds to a resource whose separately read parts could not be read (docs/formats.md). */
  public static final String UNREAD_FIELD = "allowpathUnread";

  /**
   * {@code "allowpathUnread": [{"read": "firewallRules", "error": "HTTP 403 AuthorizationFailed: ..."}]}: what
   * {@code allowpath scan} writes on a resource when the GET of one of its parts failed (issue 14 §4), so that
   * the answers depending on it are UNKNOWN naming the read ({@code Reason.SCAN_READ_FAILED}), in the scan and in
   * {@code check --estate} of its {@code --save} file alike. Each entry is also a WARNING.
   */
  private static void unreadParts(ResourceId id, JsonNode j, String file, String base, EstateAssembler out) {
    JsonNode u = J.at(j, UNREAD_FIELD);
    if (u == null || u.isNull()) {
      return;
    }
    String ptr = base + "/" + UNREAD_FIELD;
    if (!u.isArray()) {
      out.diagnostic(Diagnostic.warning(id, "\"" + UNREAD_FIELD + "\" is " + J.kind(u)
          + "; expected an array of {\"read\", \"error\"} objects; ignored").at(file, ptr));
      return;
    }
    for (int i = 0; i < u.size(); i++) {
      JsonNode e = u.get(i);
      JsonNode read = e.path("read");
      if (!read.isTextual() || read.asText().isBlank()) {
        out.diagnostic(Diagnostic.warning(id, "expected {\"read\": \"<part>\", \"error\": \"...\"}; ignored")
            .at(file, ptr + "/" + i));
        continue;
      }
      String part = read.asText().strip();
      String error = e.path("error").isTextual() ? e.path("error").asText() : "the read failed";
      out.unreadPart(id, part, error);
      // a workspace's computes that could not be listed are not in the estate: there is no pair to mark UNKNOWN, so
      // the warning says so for the workspace (issue 14)
      String what = "computes".equalsIgnoreCase(part)
          ? "the scan could not list the computes of " + id.name() + " (" + error + "): its computes are missing, so "
              + "no egress or verdict is given for them"
          : "the scan could not read " + id.name() + "/" + part + " (" + error + "): the answers that depend on it are UNKNOWN";
      out.diagnostic(Diagnostic.warning(id, what).at(file, ptr + "/" + i));
    }
  }

  /** Types ARM always gives a location, whose records the analysis and the planner use regionally. */
  private static final java.util.Set<String> LOCATED = java.util.Set.of("microsoft.network/virtualnetworks");

  /**
   * Tracked types ARM always gives a location and whose region an answer reads (the targets' regional
   * service tags and storage's same-region rule, AZURE-EGRESS.md §4.0 T1; the firewall's region as the
   * egress region): read without one, with a WARNING (the answers that need the region say UNKNOWN).
   */
  private static final java.util.Set<String> REGIONAL = java.util.Set.of("microsoft.storage/storageaccounts",
      "microsoft.keyvault/vaults", "microsoft.sql/servers", "microsoft.documentdb/databaseaccounts",
      "microsoft.containerregistry/registries", "microsoft.web/sites", "microsoft.eventhub/namespaces",
      "microsoft.servicebus/namespaces", "microsoft.cognitiveservices/accounts", "microsoft.search/searchservices",
      "microsoft.machinelearningservices/workspaces", "microsoft.databricks/workspaces",
      "microsoft.network/azurefirewalls");

  static String loc(JsonNode j) {
    JsonNode l = J.at(j, "location");
    return l != null && l.isTextual() ? Resource.normalizeLocation(l.asText()) : null;
  }

  // ---------------------------------------------------------------- network

  private void vnet(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    List<IpValue> prefixes = J.ips(j, b, true, "properties", "addressSpace", "addressPrefixes");
    List<VnetPeering> peerings = new ArrayList<>();
    List<JsonNode> ps = J.array(j, b, "properties", "virtualNetworkPeerings");
    for (int i = 0; i < ps.size(); i++) {
      JsonNode p = ps.get(i);
      String pb = b + "/properties/virtualNetworkPeerings/" + i;
      ResourceId pid = childId(id, "virtualNetworkPeerings", p, pb);
      if (pid != null) {
        peerings.add(peering(pid, p, pb));
      }
    }
    out.put(new VirtualNetwork(id, loc(j), prefixes, peerings, J.strings(j, b, "properties", "dhcpOptions", "dnsServers")));
    List<JsonNode> subs = J.array(j, b, "properties", "subnets");
    for (int i = 0; i < subs.size(); i++) {
      JsonNode s = subs.get(i);
      String sb = b + "/properties/subnets/" + i;
      ResourceId sid = childId(id, "subnets", s, sb);
      if (sid != null) {
        Subnet sub;
        try {
          sub = subnet(sid, s, sb);
        } catch (J.FieldException e) { // one bad inline subnet skips that subnet, not its virtual network
          J.childSkipped(sid, e);
          continue;
        }
        out.subnet(sub, false);
      }
    }
  }

  /** {@link #childId}, which must exist: an item without id or name cannot be referred to. */
  private static ResourceId requiredChildId(ResourceId parent, String childType, JsonNode n, String base) {
    ResourceId id = childId(parent, childType, n, base);
    if (id == null) {
      throw new J.FieldException(base, "expected an object with an \"id\" or a \"name\", found " + J.kind(n));
    }
    return id;
  }

  /** The id of an inline child: its own {@code id}, or parent id + type + name (templates omit ids). */
  private static ResourceId childId(ResourceId parent, String childType, JsonNode n, String base) {
    if (!n.isObject()) {
      throw new J.FieldException(base, "expected an object, found " + J.kind(n));
    }
    ResourceId id = J.id(n, base, "id");
    if (id != null && !id.isUnresolved()) {
      return id;
    }
    String name = J.text(n, base, "name");
    if (name == null) {
      return null;
    }
    return parent.child(childType, name.contains("/") ? name.substring(name.lastIndexOf('/') + 1) : name);
  }

  private static VnetPeering peering(ResourceId id, JsonNode p, String b) {
    return new VnetPeering(
        id,
        J.id(p, b, "properties", "remoteVirtualNetwork"),
        Boolean.TRUE.equals(J.bool(p, b, "properties", "allowForwardedTraffic")),
        Boolean.TRUE.equals(J.bool(p, b, "properties", "useRemoteGateways")),
        Boolean.TRUE.equals(J.bool(p, b, "properties", "allowGatewayTransit")),
        J.text(p, b, "properties", "peeringState"));
  }

  private static Subnet subnet(ResourceId id, JsonNode s, String b) {
    List<IpValue> prefixes = new ArrayList<>();
    IpValue one = J.ip(s, b, true, "properties", "addressPrefix");
    if (one != null) {
      prefixes.add(one);
    }
    for (IpValue p : J.ips(s, b, true, "properties", "addressPrefixes")) {
      if (!prefixes.contains(p)) {
        prefixes.add(p);
      }
    }
    List<ServiceEndpoint> eps = new ArrayList<>();
    List<JsonNode> se = J.array(s, b, "properties", "serviceEndpoints");
    for (int i = 0; i < se.size(); i++) {
      String eb = b + "/properties/serviceEndpoints/" + i;
      String svc = J.text(se.get(i), eb, "service");
      if (svc != null) {
        eps.add(new ServiceEndpoint(svc, J.strings(se.get(i), eb, "locations")));
      }
    }
    List<Delegation> delegations = new ArrayList<>();
    List<JsonNode> ds = J.array(s, b, "properties", "delegations");
    for (int i = 0; i < ds.size(); i++) {
      String sn = J.text(ds.get(i), b + "/properties/delegations/" + i, "properties", "serviceName");
      if (sn != null) {
        String name = J.text(ds.get(i), b + "/properties/delegations/" + i, "name");
        delegations.add(new Delegation(name == null ? sn : name, sn));
      }
    }
    return new Subnet(
        id,
        prefixes,
        J.id(s, b, "properties", "natGateway"),
        J.id(s, b, "properties", "routeTable"),
        J.id(s, b, "properties", "networkSecurityGroup"),
        eps,
        J.bool(s, b, "properties", "defaultOutboundAccess"),
        delegations,
        J.ids(s, b, "properties", "ipConfigurations"));
  }

  private void nat(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    out.put(new NatGateway(id, loc(j), J.ids(j, b, "properties", "publicIpAddresses"),
        J.ids(j, b, "properties", "publicIpPrefixes")));
    for (ResourceId s : J.ids(j, b, "properties", "subnets")) {
      out.natOnSubnet(s, id);
    }
  }

  private void publicIp(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    out.put(new PublicIp(id, loc(j), J.text(j, b, "sku", "name"),
        J.text(j, b, "properties", "publicIPAllocationMethod"),
        J.ip(j, b, true, "properties", "ipAddress"),
        J.id(j, b, "properties", "publicIPPrefix")));
  }

  private void loadBalancer(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    List<LbFrontend> fes = new ArrayList<>();
    List<JsonNode> fs = J.array(j, b, "properties", "frontendIPConfigurations");
    for (int i = 0; i < fs.size(); i++) {
      String fb = b + "/properties/frontendIPConfigurations/" + i;
      ResourceId fid = requiredChildId(id, "frontendIPConfigurations", fs.get(i), fb);
      fes.add(new LbFrontend(fid, J.id(fs.get(i), fb, "properties", "publicIPAddress"),
          J.id(fs.get(i), fb, "properties", "publicIPPrefix"), J.id(fs.get(i), fb, "properties", "subnet")));
    }
    List<ResourceId> pools = new ArrayList<>();
    Map<ResourceId, Integer> poolSizes = new HashMap<>();
    List<JsonNode> bp = J.array(j, b, "properties", "backendAddressPools");
    for (int i = 0; i < bp.size(); i++) {
      String pb = b + "/properties/backendAddressPools/" + i;
      ResourceId pid = childId(id, "backendAddressPools", bp.get(i), pb);
      if (pid != null) {
        pools.add(pid);
        if (J.at(bp.get(i), "properties", "backendIPConfigurations") != null) { // a GET lists the pool's members
          poolSizes.put(pid, J.array(bp.get(i), pb, "properties", "backendIPConfigurations").size());
        }
      }
    }
    List<LbOutboundRule> rules = new ArrayList<>();
    List<JsonNode> or = J.array(j, b, "properties", "outboundRules");
    for (int i = 0; i < or.size(); i++) {
      String rb = b + "/properties/outboundRules/" + i;
      rules.add(new LbOutboundRule(requiredChildId(id, "outboundRules", or.get(i), rb),
          J.ids(or.get(i), rb, "properties", "frontendIPConfigurations"),
          J.id(or.get(i), rb, "properties", "backendAddressPool"),
          J.integer(or.get(i), rb, "properties", "allocatedOutboundPorts")));
    }
    List<LoadBalancer.LbRule> lbRules = new ArrayList<>();
    List<JsonNode> lr = J.array(j, b, "properties", "loadBalancingRules");
    for (int i = 0; i < lr.size(); i++) {
      String rb = b + "/properties/loadBalancingRules/" + i;
      ResourceId rid = childId(id, "loadBalancingRules", lr.get(i), rb);
      List<ResourceId> rulePools = new ArrayList<>();
      ResourceId one = J.id(lr.get(i), rb, "properties", "backendAddressPool");
      if (one != null) {
        rulePools.add(one);
      }
      for (ResourceId p : J.ids(lr.get(i), rb, "properties", "backendAddressPools")) {
        if (!rulePools.contains(p)) {
          rulePools.add(p);
        }
      }
      boolean noSnat = Boolean.TRUE.equals(J.bool(lr.get(i), rb, "properties", "disableOutboundSnat"));
      for (ResourceId p : rulePools) {
        lbRules.add(new LoadBalancer.LbRule(rid, J.id(lr.get(i), rb, "properties", "frontendIPConfiguration"), p, noSnat));
      }
    }
    out.put(new LoadBalancer(id, loc(j), J.text(j, b, "sku", "name"), fes, pools, rules, lbRules, poolSizes));
  }

  private void routeTable(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    List<Route> routes = new ArrayList<>();
    List<JsonNode> rs = J.array(j, b, "properties", "routes");
    for (int i = 0; i < rs.size(); i++) {
      String rb = b + "/properties/routes/" + i;
      ResourceId rid = childId(id, "routes", rs.get(i), rb);
      if (rid != null) {
        routes.add(route(rid, rs.get(i), rb));
      }
    }
    out.put(new RouteTable(id, loc(j), routes,
        Boolean.TRUE.equals(J.bool(j, b, "properties", "disableBgpRoutePropagation"))));
    for (ResourceId s : J.ids(j, b, "properties", "subnets")) {
      out.routeTableOnSubnet(s, id);
    }
  }

  private static Route route(ResourceId id, JsonNode r, String b) {
    return new Route(id, id.name(), J.ip(r, b, false, "properties", "addressPrefix"),
        J.text(r, b, "properties", "nextHopType"), J.ip(r, b, true, "properties", "nextHopIpAddress"));
  }

  private void firewall(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    List<FirewallIpConfig> cfgs = new ArrayList<>();
    List<JsonNode> cs = J.array(j, b, "properties", "ipConfigurations");
    for (int i = 0; i < cs.size(); i++) {
      String cb = b + "/properties/ipConfigurations/" + i;
      cfgs.add(new FirewallIpConfig(J.text(cs.get(i), cb, "name"), J.ip(cs.get(i), cb, true, "properties", "privateIPAddress"),
          J.id(cs.get(i), cb, "properties", "subnet"), J.id(cs.get(i), cb, "properties", "publicIPAddress")));
    }
    List<IpValue> hubPublic = new ArrayList<>();
    List<JsonNode> addrs = J.array(j, b, "properties", "hubIPAddresses", "publicIPs", "addresses");
    for (int i = 0; i < addrs.size(); i++) {
      IpValue a = J.ip(addrs.get(i), b + "/properties/hubIPAddresses/publicIPs/addresses/" + i, true, "address");
      if (a != null) {
        hubPublic.add(a);
      }
    }
    List<FirewallRuleCollection> rcs = new ArrayList<>();
    classicCollections(id, j, b, "networkRuleCollections", "NETWORK", rcs);
    classicCollections(id, j, b, "applicationRuleCollections", "APPLICATION", rcs);
    out.put(new AzureFirewall(id, loc(j), cfgs, J.ip(j, b, true, "properties", "hubIPAddresses", "privateIPAddress"),
        hubPublic, J.id(j, b, "properties", "firewallPolicy"), rcs, J.text(j, b, "properties", "sku", "name"),
        J.text(j, b, "properties", "sku", "tier"), J.text(j, b, "properties", "threatIntelMode"), firewallUnmodelled(j),
        J.id(j, b, "properties", "managementIpConfiguration", "properties", "subnet"), snatRanges(j, b)));
  }

  /**
   * The classic firewall's {@code additionalProperties["Network.SNAT.PrivateRanges"]}: a comma-separated list
   * of ranges and the {@code IANAPrivateRanges} keyword (https://learn.microsoft.com/azure/firewall/snat-private-range);
   * null when not set.
   */
  private static List<IpValue> snatRanges(JsonNode j, String b) {
    String v = J.text(j, b, "properties", "additionalProperties", "Network.SNAT.PrivateRanges");
    if (v == null) {
      return null;
    }
    List<IpValue> out = new ArrayList<>();
    for (String p : v.split(",")) {
      if (!p.isBlank()) {
        out.add(J.ip(p.strip(), false, J.ptr(b, "properties", "additionalProperties", "Network.SNAT.PrivateRanges")));
      }
    }
    return out;
  }

  /**
   * Properties of a firewall that the model does not keep and a PUT of the whole firewall would drop:
   * NAT rule collections, IP groups or descriptions in classic rules, a management IP configuration,
   * additional properties (DNS proxy, ...), threat intel allow lists, zones and a virtual hub.
   */
  private static List<String> firewallUnmodelled(JsonNode j) {
    List<String> out = new ArrayList<>();
    for (String f : List.of("natRuleCollections", "managementIpConfiguration", "additionalProperties", "threatIntelWhitelist",
        "virtualHub", "hubIPAddresses", "ipGroups", "autoscaleConfiguration")) {
      JsonNode v = J.at(j, "properties", f);
      if (v != null && !(v.isContainerNode() && v.isEmpty())) {
        out.add(f);
      }
    }
    for (String f : List.of("zones")) {
      JsonNode v = J.at(j, f);
      if (v != null && !(v.isContainerNode() && v.isEmpty())) {
        out.add(f);
      }
    }
    for (String field : List.of("networkRuleCollections", "applicationRuleCollections")) {
      JsonNode cols = J.at(j, "properties", field);
      if (cols == null || !cols.isArray()) {
        continue;
      }
      boolean groups = false;
      boolean descriptions = false;
      for (JsonNode c : cols) {
        JsonNode rules = c.path("properties").path("rules");
        for (JsonNode r : rules) {
          groups |= !r.path("sourceIpGroups").isEmpty() || !r.path("destinationIpGroups").isEmpty();
          descriptions |= r.hasNonNull("description") && !r.path("description").asText().isEmpty();
        }
      }
      if (groups) {
        out.add("IP groups in " + field);
      }
      if (descriptions) {
        out.add("rule descriptions in " + field);
      }
    }
    return out;
  }

  private static void classicCollections(ResourceId fw, JsonNode j, String b, String field, String kind,
      List<FirewallRuleCollection> out) {
    List<JsonNode> cols = J.array(j, b, "properties", field);
    for (int i = 0; i < cols.size(); i++) {
      JsonNode c = cols.get(i);
      String cb = b + "/properties/" + field + "/" + i;
      if (!c.isObject()) {
        throw new J.FieldException(cb, "expected a rule collection object, found " + J.kind(c));
      }
      if (J.text(c, cb, "name") == null) {
        throw new J.FieldException(cb + "/name", "a rule collection needs a name");
      }
      List<FirewallRule> rules = new ArrayList<>();
      List<JsonNode> rs = J.array(c, cb, "properties", "rules");
      for (int k = 0; k < rs.size(); k++) {
        rules.add(rule(rs.get(k), cb + "/properties/rules/" + k));
      }
      Integer prio = J.integer(c, cb, "properties", "priority");
      out.add(new FirewallRuleCollection(J.text(c, cb, "name"), kind,
          orElse(J.text(c, cb, "properties", "action", "type"), "Allow"), 0, prio == null ? 65000 : prio, rules, fw));
    }
  }

  private static FirewallRule rule(JsonNode r, String rb) {
    List<String> protocols = new ArrayList<>();
    List<JsonNode> ps = J.array(r, rb, "protocols");
    for (int i = 0; i < ps.size(); i++) {
      JsonNode p = ps.get(i);
      if (p.isObject()) {
        String t = J.text(p, rb + "/protocols/" + i, "protocolType");
        Integer port = J.integer(p, rb + "/protocols/" + i, "port");
        protocols.add(t + (port == null ? "" : ":" + port));
      } else if (p.isValueNode()) {
        protocols.add(p.asText());
      }
    }
    protocols.addAll(J.strings(r, rb, "ipProtocols"));
    List<IpValue> dest = new ArrayList<>(J.ips(r, rb, false, "destinationAddresses"));
    dest.addAll(J.ips(r, rb, false, "destinationIpGroups"));
    return new FirewallRule(J.text(r, rb, "name"), J.ips(r, rb, false, "sourceAddresses"), dest,
        J.strings(r, rb, "destinationFqdns"), J.ports(r, rb, "destinationPorts"), protocols,
        J.strings(r, rb, "targetFqdns"), J.strings(r, rb, "fqdnTags"));
  }

  private void ruleCollectionGroup(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    Integer gp = J.integer(j, b, "properties", "priority");
    List<FirewallRuleCollection> rcs = new ArrayList<>();
    List<JsonNode> cols = J.array(j, b, "properties", "ruleCollections");
    for (int i = 0; i < cols.size(); i++) {
      JsonNode c = cols.get(i);
      String cb = b + "/properties/ruleCollections/" + i;
      List<FirewallRule> net = new ArrayList<>();
      List<FirewallRule> app = new ArrayList<>();
      List<JsonNode> rs = J.array(c, cb, "rules");
      // DNAT (FirewallPolicyNatRuleCollection, NatRule) translates inbound traffic to the firewall's public IP: it
      // never lets a compute's outbound traffic out (https://learn.microsoft.com/azure/firewall/rule-processing)
      boolean nat = "FirewallPolicyNatRuleCollection".equalsIgnoreCase(J.text(c, cb, "ruleCollectionType"));
      for (int k = 0; k < rs.size() && !nat; k++) {
        String rt = orElse(J.text(rs.get(k), cb + "/rules/" + k, "ruleType"), "");
        if (rt.equalsIgnoreCase("NatRule")) {
          continue;
        }
        (rt.equalsIgnoreCase("ApplicationRule") ? app : net).add(rule(rs.get(k), cb + "/rules/" + k));
      }
      Integer prio = J.integer(c, cb, "priority");
      String action = orElse(J.text(c, cb, "action", "type"), "Allow");
      String name = J.text(c, cb, "name");
      if (!net.isEmpty()) {
        rcs.add(new FirewallRuleCollection(name, "NETWORK", action, gp == null ? 65000 : gp,
            prio == null ? 65000 : prio, net, id));
      }
      if (!app.isEmpty()) {
        rcs.add(new FirewallRuleCollection(name, "APPLICATION", action, gp == null ? 65000 : gp,
            prio == null ? 65000 : prio, app, id));
      }
    }
    out.policyCollections(id.parent(), rcs);
  }

  private void nic(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    List<NicIpConfig> cfgs = new ArrayList<>();
    List<JsonNode> cs = J.array(j, b, "properties", "ipConfigurations");
    for (int i = 0; i < cs.size(); i++) {
      String cb = b + "/properties/ipConfigurations/" + i;
      JsonNode c = cs.get(i);
      cfgs.add(new NicIpConfig(requiredChildId(id, "ipConfigurations", c, cb), J.ip(c, cb, true, "properties", "privateIPAddress"),
          J.id(c, cb, "properties", "subnet"), J.id(c, cb, "properties", "publicIPAddress"),
          J.ids(c, cb, "properties", "loadBalancerBackendAddressPools")));
    }
    out.put(new NetworkInterface(id, loc(j), Boolean.TRUE.equals(J.bool(j, b, "properties", "enableIPForwarding")), cfgs,
        J.id(j, b, "properties", "networkSecurityGroup")));
  }

  private void nsg(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    List<NsgRule> rules = new ArrayList<>();
    List<JsonNode> rs = J.array(j, b, "properties", "securityRules");
    for (int i = 0; i < rs.size(); i++) {
      String rb = b + "/properties/securityRules/" + i;
      JsonNode r = rs.get(i);
      List<IpValue> dst = new ArrayList<>(J.ips(r, rb, false, "properties", "destinationAddressPrefixes"));
      IpValue d = J.ip(r, rb, false, "properties", "destinationAddressPrefix");
      if (d != null) {
        dst.add(d);
      }
      List<Ports> ports = new ArrayList<>(J.ports(r, rb, "properties", "destinationPortRanges"));
      Ports p = J.port(r, rb, "properties", "destinationPortRange");
      if (p != null) {
        ports.add(p);
      }
      List<IpValue> src = new ArrayList<>(J.ips(r, rb, false, "properties", "sourceAddressPrefixes"));
      IpValue sp = J.ip(r, rb, false, "properties", "sourceAddressPrefix");
      if (sp != null) {
        src.add(sp);
      }
      Integer prio = J.integer(r, rb, "properties", "priority");
      String name = J.text(r, rb, "name");
      if (name == null || name.isBlank()) { // ARM requires it (SecurityRule.name); fixes and answers name the rule
        throw new J.FieldException(rb + "/name", "a security rule needs a name");
      }
      rules.add(new NsgRule(name, J.text(r, rb, "properties", "direction"),
          J.text(r, rb, "properties", "access"), prio == null ? 0 : prio, J.text(r, rb, "properties", "protocol"), dst, ports,
          src, J.ids(r, rb, "properties", "sourceApplicationSecurityGroups"),
          J.ids(r, rb, "properties", "destinationApplicationSecurityGroups")));
    }
    out.put(new NetworkSecurityGroup(id, loc(j), rules));
  }

  private void gateway(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    List<ResourceId> subnets = new ArrayList<>();
    List<JsonNode> cs = J.array(j, b, "properties", "ipConfigurations");
    for (int i = 0; i < cs.size(); i++) {
      ResourceId s = J.id(cs.get(i), b + "/properties/ipConfigurations/" + i, "properties", "subnet");
      if (s != null) {
        subnets.add(s);
      }
    }
    out.put(new VirtualNetworkGateway(id, loc(j), J.text(j, b, "properties", "gatewayType"), subnets,
        J.bool(j, b, "properties", "enableBgp")));
  }

  // ---------------------------------------------------------------- workloads

  private void mlWorkspace(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    List<Address> ipRules = TargetReaders.ruleAddresses(j, b, TargetReaders.p("properties", "networkAcls", "ipRules"),
        "value");
    List<MlOutboundRule> rules = new ArrayList<>();
    JsonNode map = J.at(j, "properties", "managedNetwork", "outboundRules");
    if (map != null && map.isObject()) {
      for (var e : map.properties()) {
        rules.add(outboundRule(e.getKey(), e.getValue(), b + "/properties/managedNetwork/outboundRules/" + e.getKey()));
      }
    } else if (map != null && map.isArray()) {
      for (int i = 0; i < map.size(); i++) {
        JsonNode r = map.get(i);
        String rb = b + "/properties/managedNetwork/outboundRules/" + i;
        JsonNode props = J.at(r, "properties") != null ? J.at(r, "properties") : r;
        rules.add(outboundRule(J.text(r, rb, "name"), props, rb));
      }
    }
    JsonNode serverless = J.at(j, "properties", "serverlessComputeSettings");
    out.put(new MlWorkspace(
        id,
        loc(j),
        J.text(j, b, "properties", "publicNetworkAccess"),
        J.text(j, b, "properties", "networkAcls", "defaultAction"),
        ipRules,
        TargetReaders.addresses(J.strings(j, b, "properties", "ipAllowlist"), b + "/properties/ipAllowlist"),
        J.text(j, b, "properties", "managedNetwork", "isolationMode"),
        rules,
        serverless != null,
        J.id(j, b, "properties", "serverlessComputeSettings", "serverlessComputeCustomSubnet"),
        J.bool(j, b, "properties", "serverlessComputeSettings", "serverlessComputeNoPublicIP"),
        J.id(j, b, "properties", "storageAccount"),
        J.id(j, b, "properties", "keyVault"),
        J.id(j, b, "properties", "containerRegistry"),
        J.text(j, b, "identity", "type"),
        J.text(j, b, "sku", "name"),
        J.text(j, b, "sku", "tier"),
        J.id(j, b, "properties", "applicationInsights"),
        J.text(j, b, "properties", "workspaceId")));
  }

  private static MlOutboundRule outboundRule(String name, JsonNode r, String b) {
    JsonNode dest = J.at(r, "destination");
    String fqdn = dest != null && dest.isTextual() ? dest.asText() : null;
    boolean obj = dest != null && dest.isObject();
    return new MlOutboundRule(
        name,
        J.text(r, b, "type"),
        J.text(r, b, "category"),
        J.text(r, b, "status"),
        obj ? J.id(dest, b + "/destination", "serviceResourceId") : null,
        obj ? J.text(dest, b + "/destination", "subresourceTarget") : null,
        fqdn,
        obj ? J.text(dest, b + "/destination", "serviceTag") : null,
        obj ? J.text(dest, b + "/destination", "protocol") : null,
        obj ? J.text(dest, b + "/destination", "portRanges") : null,
        obj ? J.text(dest, b + "/destination", "action") : null,
        obj ? J.strings(dest, b + "/destination", "addressPrefixes") : List.of());
  }

  private void mlCompute(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    String location = loc(j);
    if (location == null) {
      location = Resource.normalizeLocation(J.text(j, b, "properties", "computeLocation"));
    }
    out.put(new MlCompute(id, id.parent(), location, J.text(j, b, "properties", "computeType"),
        J.id(j, b, "properties", "properties", "subnet"),
        J.bool(j, b, "properties", "properties", "enableNodePublicIp"),
        J.ip(j, b, true, "properties", "properties", "connectivityEndpoints", "publicIpAddress")));
  }

  private void databricks(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    String pb = b + "/properties/parameters";
    JsonNode params = J.at(j, "properties", "parameters");
    out.put(new DatabricksWorkspace(
        id,
        loc(j),
        J.id(j, b, "properties", "managedResourceGroupId"),
        J.text(j, b, "properties", "publicNetworkAccess"),
        J.id(params, pb, "customVirtualNetworkId", "value"),
        J.text(params, pb, "customPublicSubnetName", "value"),
        J.text(params, pb, "customPrivateSubnetName", "value"),
        J.bool(params, pb, "enableNoPublicIp", "value"),
        J.id(params, pb, "loadBalancerId", "value"),
        J.text(params, pb, "loadBalancerBackendPoolName", "value"),
        J.text(params, pb, "natGatewayName", "value"),
        J.text(params, pb, "publicIpName", "value"),
        J.text(j, b, "properties", "workspaceUrl")));
  }

  // ---------------------------------------------------------------- private endpoints and DNS

  /**
   * A private endpoint: connections, addresses and its DNS names ({@code customDnsConfigs}; zone groups inline
   * under {@code properties.privateDnsZoneGroups} as Terraform and templates show them, or as
   * {@code privateEndpoints/privateDnsZoneGroups} children). Shapes: REST example PrivateEndpointGet.json
   * (2024-10-01) and the Microsoft.Network RecordSet / PrivateDnsZoneConfig types.
   */
  private static void privateEndpoint(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    List<PrivateEndpoint.Connection> conns = new ArrayList<>();
    for (String field : List.of("privateLinkServiceConnections", "manualPrivateLinkServiceConnections")) {
      List<JsonNode> cs = J.array(j, b, "properties", field);
      for (int i = 0; i < cs.size(); i++) {
        JsonNode c = cs.get(i);
        String cb = b + "/properties/" + field + "/" + i;
        conns.add(new PrivateEndpoint.Connection(
            J.id(c, cb, "properties", "privateLinkServiceId"),
            J.strings(c, cb, "properties", "groupIds"),
            J.text(c, cb, "properties", "privateLinkServiceConnectionState", "status")));
      }
    }
    LinkedHashSet<IpValue> ips = new LinkedHashSet<>();
    List<PrivateEndpoint.DnsRecord> records = new ArrayList<>();
    List<JsonNode> dns = J.array(j, b, "properties", "customDnsConfigs");
    for (int i = 0; i < dns.size(); i++) {
      String db = b + "/properties/customDnsConfigs/" + i;
      List<IpValue> addrs = J.ips(dns.get(i), db, true, "ipAddresses");
      ips.addAll(addrs);
      String fqdn = J.text(dns.get(i), db, "fqdn");
      if (fqdn != null) {
        records.add(new PrivateEndpoint.DnsRecord(null, null, fqdn, IpValue.texts(addrs)));
      }
    }
    List<JsonNode> cfgs = J.array(j, b, "properties", "ipConfigurations");
    for (int i = 0; i < cfgs.size(); i++) {
      IpValue ip = J.ip(cfgs.get(i), b + "/properties/ipConfigurations/" + i, true, "properties", "privateIPAddress");
      if (ip != null) {
        ips.add(ip);
      }
    }
    List<JsonNode> groups = J.array(j, b, "properties", "privateDnsZoneGroups");
    for (int i = 0; i < groups.size(); i++) {
      records.addAll(zoneGroup(groups.get(i), b + "/properties/privateDnsZoneGroups/" + i));
    }
    out.put(new PrivateEndpoint(id, loc(j), J.id(j, b, "properties", "subnet"), conns, new ArrayList<>(ips), records));
  }

  /** The record sets of one DNS zone group ({@code properties.privateDnsZoneConfigs[].properties}). */
  private static List<PrivateEndpoint.DnsRecord> zoneGroup(JsonNode g, String b) {
    List<PrivateEndpoint.DnsRecord> out = new ArrayList<>();
    List<JsonNode> cfgs = J.array(g, b, "properties", "privateDnsZoneConfigs");
    for (int i = 0; i < cfgs.size(); i++) {
      String cb = b + "/properties/privateDnsZoneConfigs/" + i;
      ResourceId zone = J.id(cfgs.get(i), cb, "properties", "privateDnsZoneId");
      List<JsonNode> sets = J.array(cfgs.get(i), cb, "properties", "recordSets");
      if (sets.isEmpty() && zone != null) {
        out.add(new PrivateEndpoint.DnsRecord(zone, null, null, List.of()));
      }
      for (int k = 0; k < sets.size(); k++) {
        String sb = cb + "/properties/recordSets/" + k;
        String type = J.text(sets.get(k), sb, "recordType");
        if (type != null && !type.equalsIgnoreCase("A")) {
          continue;
        }
        out.add(new PrivateEndpoint.DnsRecord(zone, J.text(sets.get(k), sb, "recordSetName"),
            J.text(sets.get(k), sb, "fqdn"), J.strings(sets.get(k), sb, "ipAddresses")));
      }
    }
    return out;
  }

  private static void dnsLink(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    ResourceId vnet = J.id(j, b, "properties", "virtualNetwork");
    out.join(id, id.parent(), PrivateDnsZone.class, z -> {
      if (vnet == null || z.linkedVnets().contains(vnet)) {
        return z;
      }
      List<ResourceId> links = new ArrayList<>(z.linkedVnets());
      links.add(vnet);
      return z.withLinkedVnets(links);
    });
  }

  private static void dnsA(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    List<String> addrs = new ArrayList<>();
    List<JsonNode> rs = J.array(j, b, "properties", "aRecords");
    for (int i = 0; i < rs.size(); i++) {
      String a = J.text(rs.get(i), b + "/properties/aRecords/" + i, "ipv4Address");
      if (a != null) {
        addrs.add(a);
      }
    }
    PrivateDnsZone.ARecord rec = new PrivateDnsZone.ARecord(id.name(), addrs);
    out.join(id, id.parent(), PrivateDnsZone.class, z -> {
      List<PrivateDnsZone.ARecord> recs = new ArrayList<>();
      z.aRecords().stream().filter(a -> !a.name().equalsIgnoreCase(rec.name())).forEach(recs::add);
      recs.add(rec);
      return z.withARecords(recs);
    });
  }

  static String orElse(String s, String d) {
    return s == null ? d : s;
  }
}
