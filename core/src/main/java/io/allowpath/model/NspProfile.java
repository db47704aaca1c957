package io.allowpath.model;

/**
 * A network security perimeter profile ({@code Microsoft.Network/networkSecurityPerimeters/profiles}); its access
 * rules are {@link NspAccessRule} records whose parent id is this profile.
 */
public record NspProfile(ResourceId id) implements Resource {
  @Override
  public String location() {
    return null;
  }
}
