package io.allowpath.analysis.egress;

/**
 * Whether an Azure Firewall on the path SNATs traffic that a <em>network</em> rule allows to the
 * destination (application rules always SNAT to the firewall's public IPs). The firewall does not SNAT
 * network-rule traffic to destinations inside its private ranges: by default the IANA RFC 1918 and RFC 6598
 * ranges, or the classic {@code Network.SNAT.PrivateRanges} / policy {@code snat.privateRanges}; such traffic
 * cannot reach a public address directly (AZURE-EGRESS.md §8.4;
 * https://learn.microsoft.com/azure/firewall/snat-private-range).
 */
public enum SnatMode {
  /** The destination is outside the private ranges: SNATed to the firewall's public IPs. */
  SNAT,
  /** Every destination address is inside the private ranges (e.g. {@code 0.0.0.0/0}): not SNATed. */
  NOT_SNATED,
  /** Some of the destination service's addresses are inside the private ranges. */
  PARTLY_SNATED,
  /** The policy learns its private ranges ({@code autoLearnPrivateRanges: Enabled}): not in the estate. */
  AUTO_LEARN,
  /** Public private ranges are set and the destination's addresses are not known (no --service-tags). */
  NEEDS_TAGS
}
