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
    for (int i = 0; i < location.length(); i++) {
      char c = location.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
        return location.replace(" ", "").toLowerCase(java.util.Locale.ROOT);
      }
    }
    return location; // already lower-case letters and digits ("westeurope"): no copies
  }
}
