package io.allowpath.model;

/** A subnet delegation: its name (which a subnet PUT must repeat) and the service it delegates to. */
public record Delegation(String name, String serviceName) {}
