package io.allowpath.model;

import java.util.Locale;
import java.util.Objects;

/**
 * An Azure Resource Manager id. ARM ids compare case-insensitively (ARCHITECTURE.md habit 3), so
 * equality and hashing use the lower-cased form while {@link #value()} keeps the original spelling for
 * output.
 *
 * <p>Shape: {@code /subscriptions/{sub}/resourceGroups/{rg}/providers/{ns}/{type}/{name}[/{childType}/{childName}]...}.
 */
public final class ResourceId implements Comparable<ResourceId> {
  private final String value;
  private final String key;

  private ResourceId(String value) {
    String v = value.strip();
    while (v.length() > 1 && v.endsWith("/")) {
      v = v.substring(0, v.length() - 1);
    }
    this.value = v;
    this.key = v.toLowerCase(Locale.ROOT);
  }

  /** Parses an id; returns null for null or blank input. Never throws for odd shapes. */
  public static ResourceId of(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return new ResourceId(value);
  }

  public String value() {
    return value;
  }

  /** Prefix of the value of an id that a template could not resolve before deployment. */
  public static final String UNRESOLVED_PREFIX = "unresolved:";

  /**
   * An id a template computes only at deployment time (habit 7): it is never found in an estate, so
   * whatever depends on it is UNKNOWN and says which expression to resolve.
   */
  public static ResourceId unresolved(String expression) {
    return new ResourceId(UNRESOLVED_PREFIX + expression);
  }

  public boolean isUnresolved() {
    return value.startsWith(UNRESOLVED_PREFIX);
  }

  /** The lower-cased key used for equality. */
  public String key() {
    return key;
  }

  private String[] parts() {
    String v = value.startsWith("/") ? value.substring(1) : value;
    return v.split("/");
  }

  private String segmentAfter(String name) {
    String[] p = parts();
    for (int i = 0; i + 1 < p.length; i++) {
      if (p[i].equalsIgnoreCase(name)) {
        return p[i + 1];
      }
    }
    return null;
  }

  public String subscription() {
    return segmentAfter("subscriptions");
  }

  public String resourceGroup() {
    return segmentAfter("resourceGroups");
  }

  /** The last segment: the resource's own name. */
  public String name() {
    String n = name; // computed once (host names are built from it per verdict); the race is benign
    if (n == null) {
      // the last segment (trailing slashes are stripped at construction, so it is never empty unless the id is "/")
      n = value.substring(value.lastIndexOf('/') + 1);
      name = n;
    }
    return n;
  }

  private String name;

  /**
   * The full resource type, e.g. {@code Microsoft.Network/virtualNetworks/subnets}, or null when the id
   * has no providers segment (a resource group or subscription id).
   */
  public String type() {
    String t = type; // computed once (the reader and the evaluators ask it repeatedly); the race is benign
    if (t == null) {
      t = computeType();
      type = t == null ? NO_TYPE : t;
      return t;
    }
    return t == NO_TYPE ? null : t;
  }

  private String type;
  /** Marks a computed type that is null (an id without a providers segment). */
  private static final String NO_TYPE = new String("");

  private String computeType() {
    // scans the segments in place (no split): after the last "providers" segment, the namespace, then
    // every other segment (the type names, skipping the resource names)
    int n = value.length();
    int start = value.startsWith("/") ? 1 : 0;
    int after = -1; // start of the segment that follows the last "providers" segment
    boolean providersLast = false;
    for (int seg = start; ; ) {
      int slash = value.indexOf('/', seg);
      int end = slash < 0 ? n : slash;
      if (end - seg == 9 && value.regionMatches(true, seg, "providers", 0, 9)) {
        after = slash < 0 ? -1 : slash + 1;
        providersLast = slash < 0;
      }
      if (slash < 0) {
        break;
      }
      seg = slash + 1;
    }
    if (after < 0 || providersLast) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    int k = 0;
    for (int seg = after; ; k++) {
      int slash = value.indexOf('/', seg);
      int end = slash < 0 ? n : slash;
      if (k == 0) {
        sb.append(value, seg, end);
      } else if (k % 2 == 1) {
        sb.append('/').append(value, seg, end);
      }
      if (slash < 0) {
        break;
      }
      seg = slash + 1;
    }
    return sb.toString();
  }

  /** True when {@link #type()} equals the given type, case-insensitively. */
  public boolean isType(String type) {
    String t = type();
    return t != null && t.equalsIgnoreCase(type);
  }

  /** The parent resource id for a child resource (drops the last type/name pair), or null. */
  public ResourceId parent() {
    // computed once: evaluators ask a subnet for its VNet per verdict; the race is benign (immutable result)
    ResourceId p = parent;
    if (p == null) {
      p = computeParent();
      parent = p == null ? NO_PARENT : p;
      return p;
    }
    return p == NO_PARENT ? null : p;
  }

  private ResourceId computeParent() {
    String t = type();
    if (t == null || t.indexOf('/') == t.lastIndexOf('/')) {
      return null;
    }
    int cut = value.lastIndexOf('/');
    cut = value.lastIndexOf('/', cut - 1);
    return new ResourceId(value.substring(0, cut));
  }

  /** The cached {@link #parent()}: null while not computed, {@link #NO_PARENT} when there is none. */
  private ResourceId parent;

  private static final ResourceId NO_PARENT = new ResourceId("-");

  /** The id of a child resource of this one. */
  public ResourceId child(String childType, String childName) {
    return new ResourceId(value + "/" + childType + "/" + childName);
  }

  /** A resource id in the resource group given by {@code rgId} ({@code /subscriptions/s/resourceGroups/rg}). */
  public static ResourceId inGroup(String rgId, String providerType, String name) {
    return of(rgId + "/providers/" + providerType + "/" + name);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResourceId r && r.key.equals(key);
  }

  @Override
  public int hashCode() {
    return key.hashCode();
  }

  @Override
  public int compareTo(ResourceId o) {
    return key.compareTo(o.key);
  }

  @Override
  public String toString() {
    return value;
  }

  /** Null-safe equality. */
  public static boolean same(ResourceId a, ResourceId b) {
    return Objects.equals(a, b);
  }
}
