package io.allowpath.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The immutable snapshot root: every modelled resource indexed by ARM id (case-insensitive), the
 * diagnostics produced while reading it, where each resource came from, and the count of resource
 * types that were skipped because allowpath does not model them.
 */
public final class Estate {
  private final Map<ResourceId, Object> byId;
  /** The same map as {@link #byId}, unwrapped for lookups: a hashed map filled in id order. */
  private final Map<ResourceId, Object> index;
  private final Map<Class<?>, List<Object>> byType;
  private final Map<ResourceId, SourceRef> sources;
  private final List<Diagnostic> diagnostics;
  private final Map<String, Integer> skippedTypes;
  private final Set<ResourceId> unread;
  private final Map<ResourceId, Map<String, String>> tags;

  /** Where a resource was read: the input file and the JSON pointer inside it. */
  public record SourceRef(String file, String pointer) {}

  public Estate(Map<ResourceId, Object> resources, Map<ResourceId, SourceRef> sources,
      List<Diagnostic> diagnostics, Map<String, Integer> skippedTypes) {
    this(resources, sources, diagnostics, skippedTypes, Set.of());
  }

  /**
   * An estate where {@code unread} names the resources whose {@code properties} the input did not carry
   * (e.g. {@code az resource list} output): their records exist, but what they say of their network rules
   * is not known.
   */
  public Estate(Map<ResourceId, Object> resources, Map<ResourceId, SourceRef> sources,
      List<Diagnostic> diagnostics, Map<String, Integer> skippedTypes, Set<ResourceId> unread) {
    this(resources, sources, diagnostics, skippedTypes, unread, Map.of());
  }

  /**
   * An estate with the ARM {@code tags} of its resources ({@code tags}: resource id to tag name and value;
   * resources without tags need no entry).
   */
  public Estate(Map<ResourceId, Object> resources, Map<ResourceId, SourceRef> sources,
      List<Diagnostic> diagnostics, Map<String, Integer> skippedTypes, Set<ResourceId> unread,
      Map<ResourceId, Map<String, String>> tags) {
    // sorted once by id into a hashed map: iteration in id order, lookups by hash (no TreeMap)
    List<ResourceId> ids = new ArrayList<>(resources.keySet());
    ids.sort(null);
    Map<ResourceId, Object> sorted = new LinkedHashMap<>(Math.max(16, (int) (ids.size() / 0.75f) + 1));
    for (ResourceId id : ids) {
      sorted.put(id, resources.get(id));
    }
    this.index = sorted;
    this.byId = Collections.unmodifiableMap(sorted);
    Map<Class<?>, List<Object>> t = new LinkedHashMap<>();
    for (Object o : sorted.values()) {
      t.computeIfAbsent(o.getClass(), k -> new ArrayList<>()).add(o);
    }
    t.replaceAll((k, v) -> List.copyOf(v));
    this.byType = t;
    this.sources = Map.copyOf(sources);
    this.diagnostics = List.copyOf(diagnostics);
    this.skippedTypes = Collections.unmodifiableMap(new TreeMap<>(skippedTypes));
    this.unread = Set.copyOf(unread);
    Map<ResourceId, Map<String, String>> tg = new java.util.HashMap<>();
    tags.forEach((id, m) -> {
      if (!m.isEmpty()) {
        tg.put(id, Collections.unmodifiableMap(new LinkedHashMap<>(m)));
      }
    });
    this.tags = Collections.unmodifiableMap(tg);
  }

  /**
   * The resource's ARM {@code tags} as read (name to value, in input order; empty when it has none).
   * Azure treats tag names case-insensitively and values case-sensitively
   * (https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations): use
   * {@link #tag} to look one up.
   */
  public Map<String, String> tags(ResourceId id) {
    Map<String, String> m = id == null ? null : tags.get(id);
    return m == null ? Map.of() : m;
  }

  /** The value of the resource's tag {@code name} (matched without case), or null when it has none. */
  public String tag(ResourceId id, String name) {
    for (Map.Entry<String, String> e : tags(id).entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Every resource's tags (see {@link #tags(ResourceId)}). */
  public Map<ResourceId, Map<String, String>> allTags() {
    return tags;
  }

  /** True when the input carried no {@code properties} for this resource (its rules are not known). */
  public boolean unread(ResourceId id) {
    return unread.contains(id);
  }

  /** The resource with this id if it is of the given type, else null. */
  public <T> T get(ResourceId id, Class<T> type) {
    if (id == null) {
      return null;
    }
    Object o = index.get(id);
    return type.isInstance(o) ? type.cast(o) : null;
  }

  public boolean contains(ResourceId id) {
    return id != null && index.containsKey(id);
  }

  /** All resources of a type, sorted by id. */
  @SuppressWarnings("unchecked")
  public <T> List<T> all(Class<T> type) {
    return (List<T>) (List<?>) byType.getOrDefault(type, List.of());
  }

  public Map<ResourceId, Object> resources() {
    return byId;
  }

  public SourceRef source(ResourceId id) {
    return sources.get(id);
  }

  public Map<ResourceId, SourceRef> sources() {
    return sources;
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  public Map<String, Integer> skippedTypes() {
    return skippedTypes;
  }

  /** The location of a subnet: that of its VNet. */
  public String subnetLocation(ResourceId subnet) {
    VirtualNetwork v = subnet == null ? null : get(subnet.parent(), VirtualNetwork.class);
    return v == null ? null : v.location();
  }

  /** A copy of this estate with some resources replaced or added (used to apply plans offline). */
  public Estate with(Map<ResourceId, Object> changed) {
    Map<ResourceId, Object> m = new LinkedHashMap<>(byId);
    m.putAll(changed);
    return new Estate(m, sources, diagnostics, skippedTypes, unread, tags);
  }

  private final java.util.Map<ResourceId, java.util.Set<ResourceId>> connected =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The VNet and every VNet joined to it by a connected peering, in either direction (whose private
   * addresses it reaches); computed once per VNet.
   */
  public java.util.Set<ResourceId> connectedVnets(ResourceId vnet) {
    return connected.computeIfAbsent(vnet, v -> {
      java.util.Set<ResourceId> out = new java.util.LinkedHashSet<>();
      out.add(v);
      VirtualNetwork own = get(v, VirtualNetwork.class);
      if (own != null) {
        for (VnetPeering p : own.peerings()) {
          if (p.connected() && p.remoteVnet() != null) {
            out.add(p.remoteVnet());
          }
        }
      }
      for (VirtualNetwork o : all(VirtualNetwork.class)) {
        for (VnetPeering p : o.peerings()) {
          if (p.connected() && v.equals(p.remoteVnet())) {
            out.add(o.id());
          }
        }
      }
      return java.util.Collections.unmodifiableSet(out);
    });
  }
}
