package io.allowpath.analysis.egress;

import io.allowpath.model.ResourceId;

/** One decision on the path, with the resource that made it (habit 6: explanations are data). */
public record Hop(HopKind kind, ResourceId resource, String detail) {}
