package io.allowpath.model;

/**
 * {@code Microsoft.Network/publicIPAddresses}. {@code ipAddress} is null when the address is not known
 * yet (a template, a plan, or an export without it): such an IP is reported symbolically by id, never
 * as an empty string. {@code prefix} is the public IP prefix it was allocated from, if any.
 */
public record PublicIp(
    ResourceId id, String location, String sku, String allocationMethod, IpValue ipAddress, ResourceId prefix)
    implements Resource {

  /** Standard SKU with static allocation: the address survives as long as the resource. */
  public boolean isStatic() {
    return "Static".equalsIgnoreCase(allocationMethod) || "Standard".equalsIgnoreCase(sku);
  }
}
