package io.allowpath.model;

/**
 * A network security perimeter resource association ({@code Microsoft.Network/networkSecurityPerimeters/resourceAssociations}):
 * the associated PaaS resource ({@code properties.privateLinkResource.id}), its profile and {@code accessMode}
 * (Enforced, Learning = Transition, Audit; AZURE-EGRESS.md §8.7;
 * https://learn.microsoft.com/azure/private-link/network-security-perimeter-transition).
 */
public record NspAssociation(ResourceId id, ResourceId resource, ResourceId profile, String accessMode) implements Resource {
  @Override
  public String location() {
    return null;
  }

  /** The perimeter the association belongs to. */
  public ResourceId perimeter() {
    return id.parent();
  }
}
