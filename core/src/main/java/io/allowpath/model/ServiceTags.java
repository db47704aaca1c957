package io.allowpath.model;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Service tag name → address prefixes, from the published {@code ServiceTags_Public_*.json}
 * (AZURE-EGRESS.md §5, ST1). Tag names compare case-insensitively; {@code region} is the tag's
 * {@code properties.region} ("" for global tags).
 */
public final class ServiceTags {
  /** One tag: its addresses and region ("" when global). */
  public record Tag(String name, String region, String systemService, IpSet addresses) {}

  private final Map<String, Tag> tags;
  private final String source;
  private final long changeNumber;

  public ServiceTags(Map<String, Tag> tags, String source, long changeNumber) {
    Map<String, Tag> m = new TreeMap<>();
    tags.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), v));
    this.tags = m;
    this.source = source;
    this.changeNumber = changeNumber;
  }

  public Tag get(String name) {
    return name == null ? null : tags.get(name.toLowerCase(Locale.ROOT));
  }

  public int size() {
    return tags.size();
  }

  public String source() {
    return source;
  }

  public long changeNumber() {
    return changeNumber;
  }
}
