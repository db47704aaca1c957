package io.allowpath.analysis.access;

import io.allowpath.model.Estate;
import io.allowpath.model.PrivateDnsZone;
import io.allowpath.model.PrivateEndpoint;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Service;
import io.allowpath.model.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds a private path from a compute's VNet to a target: an approved private endpoint for the target
 * in the VNet or a peered VNet, and a {@code privatelink.*} DNS zone for the service linked to the
 * compute's VNet (otherwise the name resolves to the public endpoint and the public firewall applies;
 * AZURE-EGRESS.md §4.0: "traffic enters through the PE and isn't governed by public-endpoint IP rules").
 * Zone names: https://learn.microsoft.com/azure/private-link/private-endpoint-dns
 */
final class PrivatePaths {
  /** The result: the endpoint found (or null), whether DNS resolves to it, and a one-line detail. */
  record Path(PrivateEndpoint endpoint, PrivateDnsZone zone, boolean dnsLinked, String detail) {}

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
    return byTarget.containsKey(target);
  }

  static List<String> zonesFor(Service s) {
    return ZONES.getOrDefault(s, List.of());
  }

  /** VNets connected to {@code vnet} by a connected peering, in either direction, plus itself. */
  Set<ResourceId> reachable(ResourceId vnet) {
    return estate.connectedVnets(vnet);
  }

  /** The private path from {@code computeVnet} to {@code t}, or null when no approved endpoint is reachable. */
  Path find(ResourceId computeVnet, Target t) {
    List<PrivateEndpoint> pes = byTarget.get(t.id());
    if (pes == null || computeVnet == null) {
      return null;
    }
    Set<ResourceId> vnets = reachable(computeVnet);
    PrivateEndpoint pe = null;
    for (PrivateEndpoint p : pes) {
      if (p.subnet() != null && vnets.contains(p.subnet().parent())) {
        pe = p;
        break;
      }
    }
    if (pe == null) {
      return null;
    }
    List<String> names = zonesFor(t.service());
    for (PrivateDnsZone z : estate.all(PrivateDnsZone.class)) {
      if (names.contains(z.zoneName()) && z.linkedVnets().contains(computeVnet)) {
        boolean record = z.aRecords().isEmpty() || z.aRecords().stream()
            .anyMatch(a -> a.name().equalsIgnoreCase(t.id().name()) || t.fqdn().startsWith(a.name().toLowerCase() + "."));
        if (record) {
          return new Path(pe, z, true, "private endpoint " + pe.id().name() + " in "
              + pe.subnet().parent().name() + ", name resolved by private DNS zone " + z.zoneName()
              + " linked to " + computeVnet.name());
        }
      }
    }
    return new Path(pe, null, false, "private endpoint " + pe.id().name() + " exists but no "
        + String.join(" / ", names.isEmpty() ? List.of("privatelink") : names.subList(0, 1))
        + " zone with its record is linked to " + computeVnet.name() + ": the name resolves to the public endpoint");
  }
}
