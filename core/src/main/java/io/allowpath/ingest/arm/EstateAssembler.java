package io.allowpath.ingest.arm;

import io.allowpath.model.AzureFirewall;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.FirewallPolicy;
import io.allowpath.model.FirewallRuleCollection;
import io.allowpath.model.MlOutboundRule;
import io.allowpath.model.MlWorkspace;
import io.allowpath.model.Resource;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Route;
import io.allowpath.model.RouteTable;
import io.allowpath.model.Subnet;
import io.allowpath.model.VirtualNetwork;
import io.allowpath.model.VnetPeering;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Collects what {@link ArmResourceReader} reads and joins children to parents by id (habit 8):
 * subnets (a standalone {@code virtualNetworks/subnets} resource wins over the inline copy), peerings,
 * routes, AML outbound rules, firewall policy rule collections, and NAT gateway / route table
 * associations that are only recorded on the NAT gateway or route table side.
 *
 * <p>Other readers register generic joins with {@link #join}: a function that adds one standalone
 * child to its parent record, applied in {@link #build()} after the joins above, in the order read. A
 * child whose parent is not in the estate yields a WARNING naming the parent to add.
 */
public final class EstateAssembler {
  private final Map<ResourceId, Object> resources = new LinkedHashMap<>();
  private final Map<ResourceId, Subnet> subnets = new LinkedHashMap<>();
  private final Map<ResourceId, Boolean> subnetStandalone = new LinkedHashMap<>();
  private final Map<ResourceId, Map<ResourceId, VnetPeering>> peerings = new LinkedHashMap<>();
  private final Map<ResourceId, Map<ResourceId, Route>> routes = new LinkedHashMap<>();
  private final Map<ResourceId, Map<String, MlOutboundRule>> mlRules = new LinkedHashMap<>();
  private final Map<ResourceId, List<FirewallRuleCollection>> policyCollections = new LinkedHashMap<>();
  private final Map<ResourceId, ResourceId> natOnSubnet = new LinkedHashMap<>();
  private final Map<ResourceId, ResourceId> rtOnSubnet = new LinkedHashMap<>();
  private final Map<ResourceId, Estate.SourceRef> sources = new LinkedHashMap<>();
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private final Map<String, Integer> skipped = new TreeMap<>();
  private final List<PendingJoin> joins = new ArrayList<>();
  /** While a resource is being read, its records wait here; they land only if the read completes. */
  private final List<Runnable> staged = new ArrayList<>();
  /** True between {@link #begin()} and {@link #commit()} / {@link #rollback()}. */
  private boolean staging;

  /** Starts reading one resource: what it adds is held back until {@link #commit()}. */
  void begin() {
    staged.clear();
    staging = true;
  }

  /** The resource was read completely: its records join the estate. */
  void commit() {
    staging = false;
    for (int i = 0; i < staged.size(); i++) {
      staged.get(i).run();
    }
    staged.clear();
  }

  /** The resource could not be read: whatever it added is dropped (habit 5: one bad resource, skipped). */
  void rollback() {
    staging = false;
    staged.clear();
  }

  private boolean deferred(Runnable r) {
    if (!staging) {
      return false;
    }
    staged.add(r);
    return true;
  }

  /** A standalone child waiting for its parent: applied in {@link #build()}. */
  private record PendingJoin(ResourceId child, ResourceId parent, Class<?> parentType, UnaryOperator<Object> apply) {}

  public void put(Resource r) {
    if (deferred(() -> put(r))) {
      return;
    }
    resources.put(r.id(), r);
  }

  /** Adds a resource record that does not implement {@link Resource} (targets may not have a location). */
  public void putObject(ResourceId id, Object r) {
    if (deferred(() -> putObject(id, r))) {
      return;
    }
    resources.put(id, r);
  }

  public void subnet(Subnet s, boolean standalone) {
    if (deferred(() -> subnet(s, standalone))) {
      return;
    }
    if (!standalone && Boolean.TRUE.equals(subnetStandalone.get(s.id()))) {
      return;
    }
    subnets.put(s.id(), s);
    subnetStandalone.put(s.id(), standalone);
  }

  public void peering(ResourceId vnet, VnetPeering p) {
    if (deferred(() -> peering(vnet, p))) {
      return;
    }
    peerings.computeIfAbsent(vnet, k -> new LinkedHashMap<>()).put(p.id(), p);
  }

  public void route(ResourceId table, Route r) {
    if (deferred(() -> route(table, r))) {
      return;
    }
    routes.computeIfAbsent(table, k -> new LinkedHashMap<>()).put(r.id(), r);
  }

  public void mlOutboundRule(ResourceId workspace, MlOutboundRule r) {
    if (deferred(() -> mlOutboundRule(workspace, r))) {
      return;
    }
    mlRules.computeIfAbsent(workspace, k -> new LinkedHashMap<>()).put(r.name().toLowerCase(java.util.Locale.ROOT), r);
  }

  public void policyCollections(ResourceId policy, List<FirewallRuleCollection> c) {
    if (deferred(() -> policyCollections(policy, c))) {
      return;
    }
    policyCollections.computeIfAbsent(policy, k -> new ArrayList<>()).addAll(c);
  }

  public void natOnSubnet(ResourceId subnet, ResourceId nat) {
    if (deferred(() -> natOnSubnet(subnet, nat))) {
      return;
    }
    natOnSubnet.put(subnet, nat);
  }

  public void routeTableOnSubnet(ResourceId subnet, ResourceId rt) {
    if (deferred(() -> routeTableOnSubnet(subnet, rt))) {
      return;
    }
    rtOnSubnet.put(subnet, rt);
  }

  public void knownButUnmodelled(ResourceId id) {
    // read for joins only (e.g. a firewall policy whose rule collection groups are joined to firewalls)
  }

  /**
   * Joins the standalone child {@code child} to its parent in {@link #build()}: {@code f} gets the parent
   * record (with the children joined so far) and returns it with this child added. When there is no
   * {@code parentType} record with id {@code parent}, build() reports a WARNING naming the parent.
   */
  public <T> void join(ResourceId child, ResourceId parent, Class<T> parentType, UnaryOperator<T> f) {
    if (deferred(() -> join(child, parent, parentType, f))) {
      return;
    }
    joins.add(new PendingJoin(child, parent, parentType, o -> f.apply(parentType.cast(o))));
  }

  public void source(ResourceId id, String file, String pointer) {
    sources.putIfAbsent(id, new Estate.SourceRef(file, pointer));
  }

  private final Map<ResourceId, Map<String, String>> tags = new LinkedHashMap<>();

  /** The resource's ARM {@code tags} (see {@link Estate#tags}). */
  public void tags(ResourceId id, Map<String, String> t) {
    if (!t.isEmpty()) {
      tags.put(id, t);
    }
  }

  public void diagnostic(Diagnostic d) {
    diagnostics.add(d);
  }

  private final Set<ResourceId> unread = new HashSet<>();

  /** Records that the input carried no {@code properties} for this resource (see {@link Estate#unread}). */
  public void unread(ResourceId id) {
    unread.add(id);
  }

  private final Map<ResourceId, Map<String, String>> unreadParts = new LinkedHashMap<>();

  /** Records that a scan could not read this part of the resource (see {@link Estate#unreadParts}). */
  public void unreadPart(ResourceId id, String part, String why) {
    unreadParts.computeIfAbsent(id, k -> new LinkedHashMap<>()).putIfAbsent(part, why);
  }

  public void skipped(String type) {
    skipped.merge(type.toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
  }

  public Estate build() {
    Map<ResourceId, Object> out = new LinkedHashMap<>(resources);
    for (Subnet s : subnets.values()) {
      Subnet j = s;
      if (j.natGateway() == null && natOnSubnet.containsKey(j.id())) {
        j = j.withNatGateway(natOnSubnet.get(j.id()));
      }
      if (j.routeTable() == null && rtOnSubnet.containsKey(j.id())) {
        j = j.withRouteTable(rtOnSubnet.get(j.id()));
      }
      out.put(j.id(), j);
    }
    for (var e : peerings.entrySet()) {
      if (out.get(e.getKey()) instanceof VirtualNetwork v) {
        Map<ResourceId, VnetPeering> m = new LinkedHashMap<>();
        v.peerings().forEach(p -> m.put(p.id(), p));
        m.putAll(e.getValue());
        out.put(v.id(), new VirtualNetwork(v.id(), v.location(), v.addressPrefixes(), new ArrayList<>(m.values()),
            v.dnsServers())); // standalone peerings joined: the VNet's DNS servers stay
      }
    }
    for (var e : routes.entrySet()) {
      if (out.get(e.getKey()) instanceof RouteTable t) {
        Map<ResourceId, Route> m = new LinkedHashMap<>();
        t.routes().forEach(r -> m.put(r.id(), r));
        m.putAll(e.getValue());
        out.put(t.id(), new RouteTable(t.id(), t.location(), new ArrayList<>(m.values()),
            t.disableBgpRoutePropagation())); // standalone routes joined: the table's BGP setting stays
      } else {
        diagnostics.add(Diagnostic.warning(e.getKey(),
            "routes of route table " + e.getKey().name() + " were read but the route table itself is not in the estate"));
      }
    }
    for (var e : mlRules.entrySet()) {
      if (out.get(e.getKey()) instanceof MlWorkspace w) {
        Map<String, MlOutboundRule> m = new LinkedHashMap<>();
        w.outboundRules().forEach(r -> m.put(r.name() == null ? "" : r.name().toLowerCase(java.util.Locale.ROOT), r));
        m.putAll(e.getValue());
        out.put(w.id(), w.withOutboundRules(new ArrayList<>(m.values())));
      } else {
        diagnostics.add(Diagnostic.warning(e.getKey(), "outbound rules of AML workspace " + e.getKey().name()
            + " were read but the workspace itself is not in the estate; add it"));
      }
    }
    for (Object o : List.copyOf(out.values())) {
      if (o instanceof AzureFirewall f && f.firewallPolicy() != null) {
        List<FirewallRuleCollection> c = policyCollections.get(f.firewallPolicy());
        if (c != null) {
          List<FirewallRuleCollection> all = new ArrayList<>(f.ruleCollections());
          all.addAll(c);
          f = f.withRuleCollections(all).withPolicyRulesRead();
          out.put(f.id(), f);
        }
        // the policy's sql.allowSqlRedirect: application rules filter SQL redirect traffic (SqlRules, FirewallEvaluator)
        if (out.get(f.firewallPolicy()) instanceof FirewallPolicy p && Boolean.TRUE.equals(p.allowSqlRedirect())) {
          out.put(f.id(), f.withSqlRedirectFiltered(true));
        }
      }
    }
    for (PendingJoin p : joins) {
      Object parent = p.parent() == null ? null : out.get(p.parent());
      if (p.parentType().isInstance(parent)) {
        out.put(p.parent(), p.apply().apply(parent));
        continue;
      }
      String parentText = p.parent() == null ? "(none: the child id has no parent)" : p.parent().value();
      Diagnostic d = Diagnostic.warning(p.child(), p.child().type() + " " + p.child().name()
          + " was read but its parent " + p.parentType().getSimpleName() + " " + parentText
          + " is not in the estate; add that resource to the inputs to join them");
      Estate.SourceRef src = sources.get(p.child());
      diagnostics.add(src == null ? d : d.at(src.file(), src.pointer()));
    }
    AppServiceReader.scmSites(out, sources); // App Service SCM sites whose rules differ: targets of their own
    unread.retainAll(out.keySet());
    tags.keySet().retainAll(out.keySet());
    unreadParts.keySet().retainAll(out.keySet());
    return new Estate(out, sources, diagnostics, skipped, unread, unreadParts, tags);
  }
}
