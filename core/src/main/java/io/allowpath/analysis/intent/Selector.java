package io.allowpath.analysis.intent;

import io.allowpath.analysis.egress.Compute;
import io.allowpath.model.Estate;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Chooses computes or targets (docs/intents.md). Every field that is set must match; {@code *} and
 * {@code ?} are globs, matched without case:
 *
 * <ul>
 *   <li>{@code name}: a compute's name as tables print it ({@code mlw-prod/gpu-cluster}), or a target's
 *       name;
 *   <li>{@code workspace} (computes only): the workspace's name;
 *   <li>{@code ids}: exact ARM ids (a compute's workspace or compute id, or its key; a target's id);
 *   <li>{@code service} (targets only): the service, e.g. {@code STORAGE}, {@code KEY_VAULT};
 *   <li>{@code resourceGroup} and {@code subscription}: of the compute's workspace or of the target;
 *   <li>{@code tags}: ARM resource tags, name to value glob, every one must be present. Tag names match
 *       without case and values with case, as Azure compares them
 *       (https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations); a
 *       value {@code *} asks only that the tag exists. A compute's tags are its workspace's with the AML
 *       compute resource's own on top (Databricks clusters and serverless compute are not ARM resources:
 *       they have their workspace's).
 * </ul>
 */
public record Selector(String name, String workspace, List<ResourceId> ids, String service, String resourceGroup,
    String subscription, Map<String, String> tags) {
  public Selector {
    ids = List.copyOf(ids);
    tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  /** A selector without tag conditions. */
  public Selector(String name, String workspace, List<ResourceId> ids, String service, String resourceGroup,
      String subscription) {
    this(name, workspace, ids, service, resourceGroup, subscription, Map.of());
  }

  /** Everything. */
  public static final Selector ALL = new Selector(null, null, List.of(), null, null, null);

  /** Exactly these resources. */
  public static Selector ofIds(List<ResourceId> ids) {
    return new Selector(null, null, ids, null, null, null);
  }

  /** Whether the compute is chosen; {@code estate} gives the tags of its workspace and resource. */
  public boolean matches(Compute c, Estate estate) {
    if (service != null) {
      return false; // a service names targets, never computes
    }
    return glob(name, c.name()) && glob(workspace, c.workspace().name())
        && (ids.isEmpty() || ids.contains(c.workspace()) || ids.contains(c.resource())
            || ids.stream().anyMatch(i -> i.value().equalsIgnoreCase(c.key())))
        && glob(resourceGroup, c.workspace().resourceGroup()) && glob(subscription, c.workspace().subscription())
        && (tags.isEmpty() || tagsMatch(computeTags(c, estate)));
  }

  /** Whether the target is chosen; {@code estate} gives its tags. */
  public boolean matches(Target t, Estate estate) {
    if (workspace != null) {
      return false; // a workspace names computes, never targets
    }
    return glob(name, t.id().name()) && (ids.isEmpty() || ids.contains(t.id()))
        && (service == null || service.equalsIgnoreCase(t.service().name()))
        && glob(resourceGroup, t.id().resourceGroup()) && glob(subscription, t.id().subscription())
        && (tags.isEmpty() || tagsMatch(estate == null ? Map.of() : estate.tags(t.id())));
  }

  /** The compute's tags: its workspace's, then the AML compute resource's own (which win on a clash). */
  static Map<String, String> computeTags(Compute c, Estate estate) {
    if (estate == null) {
      return Map.of();
    }
    Map<String, String> out = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    out.putAll(estate.tags(c.workspace()));
    if (c.resource() != null && !c.resource().equals(c.workspace())) {
      out.putAll(estate.tags(c.resource()));
    }
    return out;
  }

  private boolean tagsMatch(Map<String, String> have) {
    Map<String, String> byName = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    byName.putAll(have);
    for (Map.Entry<String, String> want : tags.entrySet()) {
      String v = byName.get(want.getKey());
      if (v == null || !glob(want.getValue(), v, false)) {
        return false;
      }
    }
    return true;
  }

  private static boolean glob(String pattern, String value) {
    return glob(pattern, value, true);
  }

  private static boolean glob(String pattern, String value, boolean ignoreCase) {
    if (pattern == null) {
      return true;
    }
    if (value == null) {
      return false;
    }
    StringBuilder re = new StringBuilder();
    for (char ch : pattern.toCharArray()) {
      re.append(ch == '*' ? ".*" : ch == '?' ? "." : Pattern.quote(String.valueOf(ch)));
    }
    return Pattern.compile(re.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0).matcher(value).matches()
        || (ignoreCase ? pattern.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT)) : pattern.equals(value));
  }

  /** The selector in words, for messages. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    if (name != null) {
      b.append("name ").append(name).append(' ');
    }
    if (workspace != null) {
      b.append("workspace ").append(workspace).append(' ');
    }
    if (!ids.isEmpty()) {
      b.append(ids.size() == 1 ? ids.get(0).name() : ids.size() + " ids").append(' ');
    }
    if (service != null) {
      b.append("service ").append(service).append(' ');
    }
    if (resourceGroup != null) {
      b.append("resource group ").append(resourceGroup).append(' ');
    }
    if (subscription != null) {
      b.append("subscription ").append(subscription).append(' ');
    }
    tags.forEach((k, v) -> b.append("tag ").append(k).append('=').append(v).append(' '));
    return b.length() == 0 ? "all" : b.toString().strip();
  }
}
