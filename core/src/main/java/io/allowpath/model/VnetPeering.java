package io.allowpath.model;

/** A virtual network peering (inline in the VNet or a {@code virtualNetworkPeerings} child). */
public record VnetPeering(
    ResourceId id, ResourceId remoteVnet, boolean allowForwardedTraffic, boolean useRemoteGateways,
    boolean allowGatewayTransit, String peeringState) {

  /** Disconnected peerings carry no traffic; a missing state (templates) is taken as connected. */
  public boolean connected() {
    return peeringState == null || !"Disconnected".equalsIgnoreCase(peeringState);
  }
}
