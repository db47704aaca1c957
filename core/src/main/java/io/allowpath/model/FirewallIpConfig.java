package io.allowpath.model;

/** An Azure Firewall IP configuration: its private IP, its subnet and its public IP. */
public record FirewallIpConfig(String privateIp, ResourceId subnet, ResourceId publicIp) {}
