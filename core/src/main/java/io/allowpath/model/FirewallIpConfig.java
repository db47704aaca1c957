package io.allowpath.model;

/**
 * An Azure Firewall IP configuration: its name (null when unknown), private IP, subnet and public IP.
 */
public record FirewallIpConfig(String name, IpValue privateIp, ResourceId subnet, ResourceId publicIp) {
  /** A configuration whose name is unknown. */
  public FirewallIpConfig(IpValue privateIp, ResourceId subnet, ResourceId publicIp) {
    this(null, privateIp, subnet, publicIp);
  }
}
