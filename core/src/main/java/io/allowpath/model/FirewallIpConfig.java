package io.allowpath.model;

/**
 * An Azure Firewall IP configuration: its name (null when unknown), private IP, subnet and public IP.
 */
public record FirewallIpConfig(String name, String privateIp, ResourceId subnet, ResourceId publicIp) {
  /** A configuration whose name is unknown. */
  public FirewallIpConfig(String privateIp, ResourceId subnet, ResourceId publicIp) {
    this(null, privateIp, subnet, publicIp);
  }
}
