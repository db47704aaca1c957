package io.allowpath.analysis.access;

import io.allowpath.model.DatabricksWorkspace;
import io.allowpath.model.Estate;
import io.allowpath.model.MlWorkspace;
import io.allowpath.model.PrivateDnsZone;
import io.allowpath.model.PrivateEndpoint;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Service;
import io.allowpath.model.Target;
import io.allowpath.model.VirtualNetwork;
import io.allowpath.model.WebApp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds a private path from a compute's VNet to a target the way Azure resolves it: an approved private
 * endpoint for the target in the VNet or a peered VNet, and the target's name resolving to it. With
 * Azure-provided DNS a name resolves privately only when a {@code privatelink.*} zone linked to the
 * compute's VNet holds the record the client's CNAME chain lands on; otherwise the public endpoint and its
 * firewall apply (AZURE-EGRESS.md §4.0, §8.1; https://learn.microsoft.com/azure/private-link/private-endpoint-dns).
 *
 * <p>Which record: the endpoint's own DNS names first — its DNS zone groups' record sets (zone + record
 * name) and its {@code customDnsConfigs} FQDNs, mapped to the service's zones by their public suffix (the
 * zone name without {@code privatelink.}). Without them, the per-service rule of docs/reasons.md
 * ("Private endpoint DNS records"):
 * <ul>
 *   <li>AML workspace: {@code <workspaceId>.workspace.<region>} and {@code .cert} in
 *       {@code privatelink.api.azureml.ms}; {@code ml-<name, truncated>-<region>-<workspaceId>.<region>} in
 *       {@code privatelink.notebooks.azure.net} (https://learn.microsoft.com/azure/machine-learning/how-to-custom-dns);
 *   <li>Databricks: {@code workspaceUrl} without {@code .azuredatabricks.net} ({@code adb-<id>.<n>}) in
 *       {@code privatelink.azuredatabricks.net} (https://learn.microsoft.com/azure/databricks/workspace/workspace-details);
 *   <li>every other service: the resource name in the zone of the endpoint's group id (storage blob/dfs/file/
 *       queue/table/web, Cosmos Sql/MongoDB/..., others one zone).
 * </ul>
 * The service's first zone that the endpoint has records in decides (e.g. the AML API zone; a missing
 * notebooks record is reported but does not make the API public). A linked zone without the record does
 * not resolve privately (the record is named). A zone whose records are not in the estate
 * ({@code numberOfRecordSets} above 1 or unknown, no A record exported) counts as holding the records the
 * endpoint's zone group registers (Azure writes them); otherwise it is undecided. Custom DNS servers on the
 * VNet (other than Azure's 168.63.129.16) make the answer unknown: they resolve whatever they are set up to.
 */
final class PrivatePaths {
  /** How the target's name resolves from the compute's VNet, given a reachable private endpoint. */
  enum Resolution {
    /** A linked zone holds the record: traffic goes to the private endpoint. */
    PRIVATE,
    /** No zone of the service is linked to the compute's VNet: the public name answers. */
    NOT_LINKED,
    /** A zone is linked but lacks the record: the public name answers. */
    RECORD_MISSING,
    /** The estate does not show the records or which records are needed. */
    RECORDS_UNKNOWN,
    /** The VNet uses custom DNS servers. */
    CUSTOM_DNS
  }

  /** The result: the endpoint found, the zone that resolved it (or null), and a one-line detail. */
  record Path(PrivateEndpoint endpoint, PrivateDnsZone zone, boolean dnsLinked, String detail, Resolution resolution) {
    Path(PrivateEndpoint endpoint, PrivateDnsZone zone, boolean dnsLinked, String detail) {
      this(endpoint, zone, dnsLinked, detail, dnsLinked ? Resolution.PRIVATE : Resolution.NOT_LINKED);
    }
  }

  /** A record the name needs: zone name and relative record name (lower case). */
  record Expected(String zone, String record) {
    String fqdn() {
      return record + "." + zone;
    }
  }

  private static final Map<Service, List<String>> ZONES = Map.ofEntries(
      Map.entry(Service.STORAGE, List.of("privatelink.blob.core.windows.net", "privatelink.dfs.core.windows.net",
          "privatelink.file.core.windows.net", "privatelink.queue.core.windows.net", "privatelink.table.core.windows.net",
          "privatelink.web.core.windows.net")),
      Map.entry(Service.KEY_VAULT, List.of("privatelink.vaultcore.azure.net")),
      Map.entry(Service.SQL, List.of("privatelink.database.windows.net")),
      Map.entry(Service.COSMOS_DB, List.of("privatelink.documents.azure.com", "privatelink.mongo.cosmos.azure.com",
          "privatelink.cassandra.cosmos.azure.com", "privatelink.gremlin.cosmos.azure.com", "privatelink.table.cosmos.azure.com")),
      Map.entry(Service.CONTAINER_REGISTRY, List.of("privatelink.azurecr.io")),
      Map.entry(Service.APP_SERVICE, List.of("privatelink.azurewebsites.net")),
      Map.entry(Service.EVENT_HUBS, List.of("privatelink.servicebus.windows.net")),
      Map.entry(Service.SERVICE_BUS, List.of("privatelink.servicebus.windows.net")),
      Map.entry(Service.COGNITIVE_SERVICES, List.of("privatelink.cognitiveservices.azure.com", "privatelink.openai.azure.com")),
      Map.entry(Service.SEARCH, List.of("privatelink.search.windows.net")),
      Map.entry(Service.ML_WORKSPACE, List.of("privatelink.api.azureml.ms", "privatelink.notebooks.azure.net")),
      Map.entry(Service.DATABRICKS, List.of("privatelink.azuredatabricks.net")));

  /** Group ids (private link sub-resources) whose zone is not the service's first one. */
  private static final Map<String, String> GROUP_ZONES = Map.ofEntries(
      Map.entry("blob", "privatelink.blob.core.windows.net"), Map.entry("blob_secondary", "privatelink.blob.core.windows.net"),
      Map.entry("dfs", "privatelink.dfs.core.windows.net"), Map.entry("file", "privatelink.file.core.windows.net"),
      Map.entry("queue", "privatelink.queue.core.windows.net"), Map.entry("table", "privatelink.table.core.windows.net"),
      Map.entry("web", "privatelink.web.core.windows.net"), Map.entry("sql", "privatelink.documents.azure.com"),
      Map.entry("mongodb", "privatelink.mongo.cosmos.azure.com"), Map.entry("cassandra", "privatelink.cassandra.cosmos.azure.com"),
      Map.entry("gremlin", "privatelink.gremlin.cosmos.azure.com"));

  private final Estate estate;
  private final Map<ResourceId, List<PrivateEndpoint>> byTarget = new HashMap<>();

  PrivatePaths(Estate estate) {
    this.estate = estate;
    for (PrivateEndpoint pe : estate.all(PrivateEndpoint.class)) {
      for (PrivateEndpoint.Connection c : pe.connections()) {
        if (c.target() != null && c.approved()) {
          byTarget.computeIfAbsent(c.target(), k -> new ArrayList<>()).add(pe);
        }
      }
    }
  }

  /** True when some approved private endpoint connects to the target (so the compute's VNet matters). */
  boolean hasEndpoints(ResourceId target) {
    String v = target.value();
    if (v.endsWith(WebApp.SCM_SUFFIX)) { // an App Service SCM site: its site's endpoints serve it
      target = ResourceId.of(v.substring(0, v.length() - WebApp.SCM_SUFFIX.length()));
    }
    return byTarget.containsKey(target);
  }

  static List<String> zonesFor(Service s) {
    return ZONES.getOrDefault(s, List.of());
  }

  /** VNets connected to {@code vnet} by a connected peering, in either direction, plus itself. */
  Set<ResourceId> reachable(ResourceId vnet) {
    return estate.connectedVnets(vnet);
  }

  /**
   * The resource a private endpoint connects to for {@code t}: the target itself, or for an App Service SCM site
   * its site (one endpoint serves both, with records {@code <site>} and {@code <site>.scm} in
   * {@code privatelink.azurewebsites.net}: https://learn.microsoft.com/azure/app-service/networking/private-endpoint#dns).
   */
  static ResourceId linkedResource(Target t) {
    return t.accept(LINKED);
  }

  private static final Target.Visitor<ResourceId> LINKED = new Target.Otherwise<>() {
    @Override
    public ResourceId appService(WebApp w) {
      return w.site();
    }

    @Override
    protected ResourceId otherwise(Target t) {
      return t.id();
    }
  };

  /** The record name the service's naming rule gives for {@code t} (an SCM site: {@code <site>.scm}). */
  private static String recordName(Target t) {
    return t.accept(RECORD_NAME);
  }

  private static final Target.Visitor<String> RECORD_NAME = new Target.Otherwise<>() {
    @Override
    public String appService(WebApp w) {
      return w.scmOf() != null ? w.scmOf().name().toLowerCase(Locale.ROOT) + ".scm" : otherwise(w);
    }

    @Override
    protected String otherwise(Target t) {
      return t.id().name().toLowerCase(Locale.ROOT);
    }
  };

  /** The private path from {@code computeVnet} to {@code t}, or null when no approved endpoint is reachable. */
  Path find(ResourceId computeVnet, Target t) {
    List<PrivateEndpoint> pes = byTarget.get(linkedResource(t));
    if (pes == null || computeVnet == null) {
      return null;
    }
    Set<ResourceId> vnets = reachable(computeVnet);
    Path first = null;
    for (PrivateEndpoint p : pes) {
      if (p.subnet() != null && vnets.contains(p.subnet().parent())) {
        Path r = resolve(computeVnet, p, t);
        if (r.resolution() == Resolution.PRIVATE) {
          return r;
        }
        if (first == null) {
          first = r;
        }
      }
    }
    return first;
  }

  private Path resolve(ResourceId computeVnet, PrivateEndpoint pe, Target t) {
    String where = "private endpoint " + pe.id().name() + " in " + pe.subnet().parent().name();
    VirtualNetwork v = estate.get(computeVnet, VirtualNetwork.class);
    if (v != null && !v.customDnsServers().isEmpty()) {
      return new Path(pe, null, false, where + " exists, but VNet " + computeVnet.name() + " uses custom DNS servers "
          + String.join(", ", v.customDnsServers()) + ": whether " + t.fqdn() + " resolves to the endpoint depends on "
          + "them (records or a forwarder to 168.63.129.16)", Resolution.CUSTOM_DNS);
    }
    List<String> serviceZones = zonesFor(t.service());
    Map<String, List<Expected>> byZone = new LinkedHashMap<>();
    Set<String> zoneGroupZones = new java.util.HashSet<>();
    for (Expected e : fromEndpoint(pe, serviceZones, zoneGroupZones)) {
      byZone.computeIfAbsent(e.zone(), k -> new ArrayList<>()).add(e);
    }
    String rule = "the endpoint's DNS configuration";
    if (byZone.isEmpty()) {
      List<Expected> derived = derived(pe, t);
      if (derived == null) {
        return new Path(pe, null, false, where + " exists, but the estate shows neither the endpoint's DNS names "
            + "(customDnsConfigs, DNS zone group) nor " + missingProperty(t) + ", which name its records",
            Resolution.RECORDS_UNKNOWN);
      }
      derived.forEach(e -> byZone.computeIfAbsent(e.zone(), k -> new ArrayList<>()).add(e));
      rule = "the " + t.service().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " naming rule";
    }
    String primary = serviceZones.stream().filter(byZone::containsKey).findFirst()
        .orElse(byZone.keySet().iterator().next());
    List<String> notes = new ArrayList<>();
    Path decided = null;
    for (Map.Entry<String, List<Expected>> en : byZone.entrySet()) {
      String zoneName = en.getKey();
      PrivateDnsZone zone = linkedZone(zoneName, computeVnet);
      String problem = null;
      Resolution res = Resolution.PRIVATE;
      if (zone == null) {
        problem = "no " + zoneName + " zone is linked to " + computeVnet.name();
        res = Resolution.NOT_LINKED;
      } else {
        for (Expected e : en.getValue()) {
          if (e.record().startsWith("*")) {
            continue;
          }
          if (hasRecord(zone, e)) {
            continue;
          }
          String unread = estate.unreadParts(zone.id()).get("A"); // a scan's failed read (issue 14 §4)
          if (!zone.recordsKnown() || unread != null) {
            if (zoneGroupZones.contains(zoneName)) {
              continue; // Azure writes the zone group's records; the zone's records were not exported
            }
            problem = unread != null ? "the scan could not read the A records of zone " + zoneName + " (" + unread
                + "), so record " + e.record() + " cannot be checked"
                : "zone " + zoneName + " linked to " + computeVnet.name() + " has no exported records, so record "
                + e.record() + " cannot be checked (export privateDnsZones/A)";
            res = Resolution.RECORDS_UNKNOWN;
          } else {
            problem = "zone " + zoneName + " is linked to " + computeVnet.name() + " but has no A record "
                + e.record() + " (" + e.fqdn() + ")";
            res = Resolution.RECORD_MISSING;
          }
          break;
        }
      }
      if (zoneName.equals(primary)) {
        if (res == Resolution.PRIVATE) {
          List<String> names = en.getValue().stream().filter(e -> !e.record().startsWith("*")).map(Expected::record).toList();
          decided = new Path(pe, zone, true, where + ", name resolved by record" + (names.size() == 1 ? " " : "s ")
              + String.join(", ", names) + " in private DNS zone " + zoneName + " linked to " + computeVnet.name()
              + " (records from " + rule + ")", Resolution.PRIVATE);
        } else {
          decided = new Path(pe, zone, false, where + " exists but " + problem + ": "
              + (res == Resolution.RECORDS_UNKNOWN ? "whether the name resolves to it is unknown"
                  : "the name resolves to the public endpoint") + " (records from " + rule + ")", res);
        }
      } else if (problem != null) {
        notes.add(problem);
      }
    }
    if (!notes.isEmpty()) {
      decided = new Path(decided.endpoint(), decided.zone(), decided.dnsLinked(), decided.detail() + "; also "
          + String.join("; ", notes), decided.resolution());
    }
    return decided;
  }

  /** The zone named {@code zoneName} linked to the VNet, or null. */
  private PrivateDnsZone linkedZone(String zoneName, ResourceId vnet) {
    for (PrivateDnsZone z : estate.all(PrivateDnsZone.class)) {
      if (z.zoneName().equals(zoneName) && z.linkedVnets().contains(vnet)) {
        return z;
      }
    }
    return null;
  }

  /**
   * True when the zone holds the record. An AML notebooks record may carry the workspace name truncated so
   * that its first label stays within 63 characters (how-to-custom-dns), so it matches by its
   * {@code ml-} prefix, a prefix of the name and its {@code -<region>-<guid>.<region>} suffix.
   */
  static boolean hasRecord(PrivateDnsZone zone, Expected e) {
    if (zone.record(e.record()) != null) {
      return true;
    }
    if (e.zone().equals("privatelink.notebooks.azure.net") && e.record().startsWith("ml-")) {
      int dot = e.record().indexOf('.');
      String label = dot < 0 ? e.record() : e.record().substring(0, dot);
      String rest = dot < 0 ? "" : e.record().substring(dot);
      // label = ml-<name>-<region>-<guid>; the guid is 36 characters
      int guidStart = label.length() - 36;
      int regionDash = guidStart < 2 ? -1 : label.lastIndexOf('-', guidStart - 2);
      if (regionDash < 3) {
        return false;
      }
      String name = label.substring(3, regionDash);
      String tail = label.substring(regionDash) + rest;
      for (PrivateDnsZone.ARecord a : zone.aRecords()) {
        String n = a.name().toLowerCase(Locale.ROOT);
        if (n.startsWith("ml-") && n.endsWith(tail) && n.length() > 3 + tail.length()
            && name.startsWith(n.substring(3, n.length() - tail.length()))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Records named by the endpoint itself: its zone groups' record sets, then its custom DNS FQDNs. */
  static List<Expected> fromEndpoint(PrivateEndpoint pe, List<String> serviceZones, Set<String> zoneGroupZones) {
    List<Expected> out = new ArrayList<>();
    for (PrivateEndpoint.DnsRecord r : pe.dnsRecords()) {
      if (r.zone() == null) {
        continue;
      }
      String zone = r.zone().name().toLowerCase(Locale.ROOT);
      zoneGroupZones.add(zone);
      String rec = r.recordSetName();
      if (rec == null && r.fqdn() != null) {
        rec = relative(r.fqdn(), zone);
      }
      if (rec != null) {
        add(out, new Expected(zone, rec.toLowerCase(Locale.ROOT)));
      }
    }
    if (!out.isEmpty()) {
      return out;
    }
    for (PrivateEndpoint.DnsRecord r : pe.dnsRecords()) {
      if (r.zone() != null || r.fqdn() == null) {
        continue;
      }
      String fqdn = r.fqdn().toLowerCase(Locale.ROOT);
      for (String zone : serviceZones) {
        String rec = relative(fqdn, zone);
        if (rec != null) {
          add(out, new Expected(zone, rec));
          break;
        }
      }
    }
    return out;
  }

  private static void add(List<Expected> out, Expected e) {
    if (!out.contains(e)) {
      out.add(e);
    }
  }

  /**
   * The record name of {@code fqdn} in {@code zone}: the FQDN less the zone's public suffix (the zone name
   * without {@code privatelink.}) or less the zone name itself; null when neither ends it.
   */
  static String relative(String fqdn, String zone) {
    String f = fqdn.toLowerCase(Locale.ROOT);
    if (f.endsWith("." + zone)) {
      return f.substring(0, f.length() - zone.length() - 1);
    }
    String pub = zone.startsWith("privatelink.") ? zone.substring("privatelink.".length()) : zone;
    if (f.endsWith("." + pub)) {
      return f.substring(0, f.length() - pub.length() - 1);
    }
    return null;
  }

  /** The records the service's naming rule gives, or null when the estate lacks the property that names them. */
  static List<Expected> derived(PrivateEndpoint pe, Target t) {
    String name = recordName(t);
    String region = t.location() == null ? null : t.location().toLowerCase(Locale.ROOT);
    List<Expected> own = t.accept(new Target.Otherwise<List<Expected>>() {
      @Override
      public List<Expected> mlWorkspace(MlWorkspace ws) {
        if (ws.workspaceId() == null || region == null) {
          return null;
        }
        String guid = ws.workspaceId().toLowerCase(Locale.ROOT);
        return List.of(new Expected("privatelink.api.azureml.ms", guid + ".workspace." + region),
            new Expected("privatelink.api.azureml.ms", guid + ".workspace." + region + ".cert"),
            new Expected("privatelink.notebooks.azure.net", "ml-" + name + "-" + region + "-" + guid + "." + region));
      }

      @Override
      public List<Expected> databricks(DatabricksWorkspace dw) {
        String url = dw.workspaceUrl();
        String rec = url == null ? null : relative(url, "privatelink.azuredatabricks.net");
        return rec == null ? null : List.of(new Expected("privatelink.azuredatabricks.net", rec));
      }

      @Override
      protected List<Expected> otherwise(Target other) {
        return BY_ZONES;
      }
    });
    if (own != BY_ZONES) {
      return own;
    }
    List<String> zones = zonesFor(t.service());
    if (zones.isEmpty()) {
      return null;
    }
    List<Expected> out = new ArrayList<>();
    for (PrivateEndpoint.Connection c : pe.connections()) {
      if (!linkedResource(t).equals(c.target())) {
        continue;
      }
      for (String g : c.groupIds()) {
        String z = GROUP_ZONES.get(g.toLowerCase(Locale.ROOT));
        if (z != null && zones.contains(z)) {
          add(out, new Expected(z, name));
        }
      }
    }
    if (out.isEmpty()) {
      out.add(new Expected(zones.get(0), name));
    }
    return out;
  }

  /** Marks the services whose records follow from the private endpoint's group ids and the service's zones. */
  private static final List<Expected> BY_ZONES = Collections.unmodifiableList(new ArrayList<>(0));

  private static String missingProperty(Target t) {
    return switch (t.service()) {
      case ML_WORKSPACE -> "the workspace's properties.workspaceId";
      case DATABRICKS -> "the workspace's properties.workspaceUrl";
      default -> "a zone for the service";
    };
  }
}
