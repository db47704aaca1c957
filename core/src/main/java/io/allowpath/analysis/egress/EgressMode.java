package io.allowpath.analysis.egress;

/**
 * How a compute's traffic leaves (CONTRACT.md). {@code SERVICE_ENDPOINT} is an extension used only for
 * a destination reached over a service endpoint (the target sees the subnet, not a public IP); the
 * internet-bound answer of {@code allowpath egress} never has it. {@code AZURE_BACKBONE} is the other
 * destination-only mode: a private subnet reaching Storage in its own region over the backbone (N6).
 */
public enum EgressMode {
  NAT_GATEWAY,
  LOAD_BALANCER,
  FIREWALL,
  APPLIANCE,
  INSTANCE_PUBLIC_IP,
  DEFAULT_OUTBOUND,
  MANAGED_NETWORK,
  ON_PREMISES,
  NO_EGRESS,
  SERVICE_ENDPOINT,
  AZURE_BACKBONE,
  UNKNOWN
}
