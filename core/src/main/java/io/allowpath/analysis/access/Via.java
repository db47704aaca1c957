package io.allowpath.analysis.access;

/** How the traffic reaches the target (CONTRACT.md). */
public enum Via {
  PUBLIC_IP,
  SERVICE_ENDPOINT,
  PRIVATE_ENDPOINT,
  MANAGED_PRIVATE_ENDPOINT,
  NONE
}
