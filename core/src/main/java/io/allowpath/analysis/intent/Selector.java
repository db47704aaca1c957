package io.allowpath.analysis.intent;

import io.allowpath.analysis.egress.Compute;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Target;
import java.util.List;
import java.util.Locale;
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
 *   <li>{@code resourceGroup} and {@code subscription}: of the compute's workspace or of the target.
 * </ul>
 */
public record Selector(String name, String workspace, List<ResourceId> ids, String service, String resourceGroup,
    String subscription) {
  public Selector {
    ids = List.copyOf(ids);
  }

  /** Everything. */
  public static final Selector ALL = new Selector(null, null, List.of(), null, null, null);

  /** Exactly these resources. */
  public static Selector ofIds(List<ResourceId> ids) {
    return new Selector(null, null, ids, null, null, null);
  }

  public boolean matches(Compute c) {
    if (service != null) {
      return false; // a service names targets, never computes
    }
    return glob(name, c.name()) && glob(workspace, c.workspace().name())
        && (ids.isEmpty() || ids.contains(c.workspace()) || ids.contains(c.resource())
            || ids.stream().anyMatch(i -> i.value().equalsIgnoreCase(c.key())))
        && glob(resourceGroup, c.workspace().resourceGroup()) && glob(subscription, c.workspace().subscription());
  }

  public boolean matches(Target t) {
    if (workspace != null) {
      return false; // a workspace names computes, never targets
    }
    return glob(name, t.id().name()) && (ids.isEmpty() || ids.contains(t.id()))
        && (service == null || service.equalsIgnoreCase(t.service().name()))
        && glob(resourceGroup, t.id().resourceGroup()) && glob(subscription, t.id().subscription());
  }

  private static boolean glob(String pattern, String value) {
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
    return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE).matcher(value).matches()
        || pattern.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT));
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
    return b.length() == 0 ? "all" : b.toString().strip();
  }
}
