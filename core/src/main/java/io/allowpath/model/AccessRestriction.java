package io.allowpath.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One App Service access restriction ({@code ipSecurityRestrictions[]}, §4.6, T10, T15):
 * {@code ipAddress} is a CIDR, a comma-separated list, a service tag (when {@code tag} is ServiceTag),
 * "Any" or "AnyVnets"; {@code vnetSubnet} is set for service-endpoint rules; {@code hasHeaders} when the
 * rule also filters on HTTP headers (then it matches only requests carrying them). {@code addresses} is
 * {@code ipAddress} parsed while reading when it lists addresses (null for Any, AnyVnets, service tags,
 * subnet rules and public IP references), {@code publicIp} the public IP of a reference.
 */
public record AccessRestriction(
    String name, String ipAddress, String action, int priority, String tag, ResourceId vnetSubnet, boolean hasHeaders,
    IpSet addresses, ResourceId publicIp) {

  /**
   * Parses {@code ipAddress} when it lists addresses; throws {@link IllegalArgumentException} quoting the
   * bad value.
   */
  public AccessRestriction(String name, String ipAddress, String action, int priority, String tag, ResourceId vnetSubnet,
      boolean hasHeaders) {
    this(name, ipAddress, action, priority, tag, vnetSubnet, hasHeaders, parsed(ipAddress, tag, vnetSubnet),
        reference(ipAddress, tag, vnetSubnet));
  }

  private static boolean listsAddresses(String ip, String tag, ResourceId vnetSubnet) {
    if (ip == null || vnetSubnet != null || "ServiceTag".equalsIgnoreCase(tag)) {
      return false;
    }
    String v = ip.strip().toLowerCase(Locale.ROOT);
    return !v.isEmpty() && !v.equals("any") && !v.equals("anyvnets");
  }

  private static IpSet parsed(String ip, String tag, ResourceId vnetSubnet) {
    if (!listsAddresses(ip, tag, vnetSubnet) || reference(ip, tag, vnetSubnet) != null) {
      return null;
    }
    List<IpSet> sets = new ArrayList<>();
    for (String part : ip.split(",")) {
      sets.add(IpSet.parse(part.strip()));
    }
    return IpSet.union(sets);
  }

  private static ResourceId reference(String ip, String tag, ResourceId vnetSubnet) {
    if (!listsAddresses(ip, tag, vnetSubnet) || !ip.strip().startsWith("[reference(")) {
      return null;
    }
    return Address.parse(ip.strip()).publicIp();
  }
}
