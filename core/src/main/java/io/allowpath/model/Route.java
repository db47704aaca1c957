package io.allowpath.model;

/**
 * A user-defined route. {@code addressPrefix} is a CIDR or a service tag name (UDRs accept service
 * tags, AZURE-EGRESS.md §1.4, N8). {@code nextHopType}: VirtualNetworkGateway, VnetLocal, Internet,
 * VirtualAppliance (with {@code nextHopIp}) or None; other values are kept as they are.
 */
public record Route(ResourceId id, String name, IpValue addressPrefix, String nextHopType, IpValue nextHopIp) {}
