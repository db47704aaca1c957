package io.allowpath.model;

/** {@code Microsoft.Network/publicIPPrefixes}; {@code ipPrefix} is null when not known yet. */
public record PublicIpPrefix(ResourceId id, String location, IpValue ipPrefix) implements Resource {}
