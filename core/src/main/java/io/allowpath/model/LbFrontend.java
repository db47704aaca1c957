package io.allowpath.model;

/** A load balancer frontend IP configuration: public (IP or prefix) or internal (subnet). */
public record LbFrontend(ResourceId id, ResourceId publicIp, ResourceId publicIpPrefix, ResourceId subnet) {}
