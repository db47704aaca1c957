package io.allowpath.model;

/**
 * One App Service access restriction ({@code ipSecurityRestrictions[]}, §4.6, T10, T15):
 * {@code ipAddress} is a CIDR, a comma-separated list, a service tag (when {@code tag} is ServiceTag)
 * or "Any"; {@code vnetSubnet} is set for service-endpoint rules; {@code hasHeaders} when the rule
 * also filters on HTTP headers (then it matches only requests carrying them).
 */
public record AccessRestriction(
    String name, String ipAddress, String action, int priority, String tag, ResourceId vnetSubnet, boolean hasHeaders) {}
