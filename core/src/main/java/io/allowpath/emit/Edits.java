package io.allowpath.emit;

import io.allowpath.model.CognitiveAccount;
import io.allowpath.model.ContainerRegistry;
import io.allowpath.model.CosmosAccount;
import io.allowpath.model.KeyVault;
import io.allowpath.model.MessagingNamespace;
import io.allowpath.model.MlWorkspace;
import io.allowpath.model.NetworkRules;
import io.allowpath.model.ResourceId;
import io.allowpath.model.SearchService;
import io.allowpath.model.ServiceEndpoint;
import io.allowpath.model.StorageAccount;
import io.allowpath.model.Subnet;
import io.allowpath.model.Service;
import io.allowpath.model.Target;
import io.allowpath.plan.AddIpRule;
import io.allowpath.plan.AddServiceEndpoint;
import io.allowpath.plan.AddVnetRule;
import io.allowpath.plan.AddressRef;
import io.allowpath.plan.Change;
import io.allowpath.plan.CreateNatGateway;
import io.allowpath.plan.CreateOutboundLoadBalancer;
import io.allowpath.plan.Plan;
import io.allowpath.plan.RouteToFirewall;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a plan does to each resource, worked out once for every emitter: the rule changes per target
 * (with the target's full list after the plan, since an ARM PUT replaces lists), each subnet's state
 * after every change that touches it (NAT gateway, route table, service endpoints applied together),
 * and which change creates each public IP. Everything is keyed and sorted by resource id.
 */
public final class Edits {
  /** The rule changes of one target, in plan order. */
  public record TargetEdit(Target target, List<AddIpRule> ipRules, List<AddVnetRule> vnetRules) {
    public TargetEdit {
      ipRules = List.copyOf(ipRules);
      vnetRules = List.copyOf(vnetRules);
    }

    /** The target's network rules before the plan ({@link NetworkRules#NONE} when it has none). */
    public NetworkRules rules() {
      NetworkRules r = Edits.rulesOf(target);
      return r == null ? NetworkRules.NONE : r;
    }

    /** Existing IP rules followed by the new addresses, without duplicates. */
    public List<AddressRef> mergedIps() {
      Set<AddressRef> out = new LinkedHashSet<>();
      target.accept(new Target.Otherwise<Void>() {
        @Override
        public Void mlWorkspace(MlWorkspace ws) { // its own ACL list, not a network rule set
          ws.aclIpRules().forEach(s -> out.add(AddressRef.literal(s)));
          return null;
        }

        @Override
        protected Void otherwise(Target t) {
          rules().ipRules().forEach(s -> out.add(AddressRef.literal(s)));
          return null;
        }
      });
      ipRules.forEach(c -> out.add(c.address()));
      return List.copyOf(out);
    }

    /** Existing VNet rules followed by the new subnets, without duplicates (ids compare case-insensitively). */
    public List<ResourceId> mergedSubnets() {
      Set<ResourceId> out = new LinkedHashSet<>(rules().vnetRules());
      vnetRules.forEach(c -> out.add(c.subnet()));
      return List.copyOf(out);
    }

    /** All changes of this target, for comments. */
    public List<Change> changes() {
      List<Change> all = new ArrayList<>(ipRules);
      all.addAll(vnetRules);
      all.sort(java.util.Comparator.comparing(Change::sortKey));
      return all;
    }
  }

  private final Map<ResourceId, TargetEdit> targets = new TreeMap<>();
  private final Map<ResourceId, Subnet> subnets = new TreeMap<>();
  private final Map<ResourceId, Change> pipCreators = new TreeMap<>();
  private final Map<ResourceId, List<Change>> subnetChanges = new TreeMap<>();

  public Edits(Plan plan) {
    Map<ResourceId, List<AddIpRule>> ips = new TreeMap<>();
    Map<ResourceId, List<AddVnetRule>> vnets = new TreeMap<>();
    Map<ResourceId, Target> ts = new TreeMap<>();
    for (Change c : plan.changes()) {
      if (c instanceof AddIpRule a) {
        ts.putIfAbsent(a.target().id(), a.target());
        ips.computeIfAbsent(a.target().id(), k -> new ArrayList<>()).add(a);
      } else if (c instanceof AddVnetRule v) {
        ts.putIfAbsent(v.target().id(), v.target());
        vnets.computeIfAbsent(v.target().id(), k -> new ArrayList<>()).add(v);
      } else if (c instanceof CreateNatGateway n) {
        pipCreators.put(n.publicIp(), n);
        for (Subnet s : n.subnets()) {
          touch(s, c);
          subnets.computeIfPresent(s.id(), (k, cur) -> cur.withNatGateway(n.natGateway()));
        }
      } else if (c instanceof CreateOutboundLoadBalancer lb) {
        pipCreators.put(lb.publicIp(), lb);
      } else if (c instanceof RouteToFirewall r) {
        for (Subnet s : r.subnets()) {
          touch(s, c);
          subnets.computeIfPresent(s.id(), (k, cur) -> cur.withRouteTable(r.routeTable()));
        }
      } else if (c instanceof AddServiceEndpoint e) {
        touch(e.subnet(), c);
        subnets.computeIfPresent(e.subnet().id(), (k, cur) -> withEndpoint(cur, e.service()));
      }
    }
    for (Map.Entry<ResourceId, Target> t : ts.entrySet()) {
      targets.put(t.getKey(), new TargetEdit(t.getValue(), ips.getOrDefault(t.getKey(), List.of()),
          vnets.getOrDefault(t.getKey(), List.of())));
    }
  }

  private void touch(Subnet s, Change c) {
    subnets.putIfAbsent(s.id(), s);
    subnetChanges.computeIfAbsent(s.id(), k -> new ArrayList<>()).add(c);
  }

  private static Subnet withEndpoint(Subnet s, String service) {
    for (ServiceEndpoint e : s.serviceEndpoints()) {
      if (e.service().equalsIgnoreCase(service)) {
        return s;
      }
    }
    List<ServiceEndpoint> eps = new ArrayList<>(s.serviceEndpoints());
    eps.add(new ServiceEndpoint(service, List.of()));
    return s.withServiceEndpoints(eps);
  }

  /** Targets with rule changes, sorted by id. */
  public List<TargetEdit> targets() {
    return List.copyOf(targets.values());
  }

  /** Every subnet the plan changes, in its state after the plan, sorted by id. */
  public List<Subnet> subnets() {
    return List.copyOf(subnets.values());
  }

  /** The changes that touch a subnet (for comments). */
  public List<Change> changesOf(ResourceId subnet) {
    return subnetChanges.getOrDefault(subnet, List.of());
  }

  /** True when the plan itself creates this public IP. */
  public boolean creates(ResourceId publicIp) {
    return pipCreators.containsKey(publicIp);
  }

  /** Public IPs whose address a rule needs, sorted by id. */
  public List<ResourceId> referencedPublicIps() {
    Set<ResourceId> out = new java.util.TreeSet<>();
    for (TargetEdit t : targets.values()) {
      for (AddIpRule a : t.ipRules()) {
        if (!a.address().isLiteral()) {
          out.add(a.address().publicIp());
        }
        if (a.endAddress() != null && !a.endAddress().isLiteral()) {
          out.add(a.endAddress().publicIp());
        }
      }
    }
    return List.copyOf(out);
  }

  /** The firewall part of a target's model, or null for targets whose rules are children (SQL) or elsewhere. */
  public static NetworkRules rulesOf(Target t) {
    return switch (t.service()) {
      case STORAGE -> ((StorageAccount) t).rules();
      case KEY_VAULT -> ((KeyVault) t).rules();
      case COSMOS_DB -> ((CosmosAccount) t).rules();
      case CONTAINER_REGISTRY -> ((ContainerRegistry) t).rules();
      case EVENT_HUBS, SERVICE_BUS -> ((MessagingNamespace) t).rules();
      case COGNITIVE_SERVICES -> ((CognitiveAccount) t).rules();
      case SEARCH -> ((SearchService) t).rules();
      case SQL, APP_SERVICE, ML_WORKSPACE, DATABRICKS -> null;
    };
  }

  /** A name for a rule the plan did not name: {@code allowpath-} and the address, or the public IP's name. */
  public static String ruleName(String given, AddressRef address) {
    if (given != null && !given.isBlank()) {
      return given;
    }
    String base = address.isLiteral() ? address.literal() : address.publicIp().name();
    return "allowpath-" + base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
  }

  /** A name for an unnamed VNet rule: {@code allowpath-<vnet>-<subnet>}. */
  public static String vnetRuleName(String given, ResourceId subnet) {
    if (given != null && !given.isBlank()) {
      return given;
    }
    ResourceId vnet = subnet.parent();
    String base = (vnet == null ? "" : vnet.name() + "-") + subnet.name();
    return "allowpath-" + base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
  }

  /** SQL server targets are handled as child resources; exposed for emitters that need the existing rules. */
  public static boolean isSql(Target t) {
    return t.service() == Service.SQL;
  }

  /** One line of text: pairs and why, for comments. */
  public static String describe(Change c) {
    String pairs = String.join(", ", c.pairs());
    String why = c.why() == null ? "" : c.why().replaceAll("\\s+", " ").strip();
    return c.action() + (pairs.isEmpty() ? "" : " for " + pairs) + (why.isEmpty() ? "" : ": " + why);
  }
}
