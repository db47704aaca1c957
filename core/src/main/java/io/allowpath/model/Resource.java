package io.allowpath.model;

/** Every modelled ARM resource has an id; {@code location} is normalised (lower case, no spaces) or null. */
public interface Resource {
  ResourceId id();

  String location();

  /** Normalises an ARM location: "East US 2" and "eastus2" are the same region. */
  static String normalizeLocation(String location) {
    if (location == null || location.isBlank()) {
      return null;
    }
    return location.replace(" ", "").toLowerCase(java.util.Locale.ROOT);
  }
}
