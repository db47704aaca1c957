package io.allowpath.model;

import java.util.List;

/**
 * An AML managed-network outbound rule (inline in {@code managedNetwork.outboundRules}, a map keyed by
 * name, or a {@code workspaces/outboundRules} child). {@code type}: FQDN, PrivateEndpoint or ServiceTag;
 * {@code category}: Required, Recommended, UserDefined or Dependency; {@code status}: Active or Inactive
 * (AZURE-EGRESS.md §2.2, A1, A6). Required rules count like user rules.
 */
public record MlOutboundRule(
    String name,
    String type,
    String category,
    String status,
    ResourceId serviceResourceId,
    String subresourceTarget,
    String fqdn,
    String serviceTag,
    String protocol,
    String portRanges,
    String action,
    List<String> addressPrefixes) {
  public MlOutboundRule {
    addressPrefixes = List.copyOf(addressPrefixes);
  }

  /** Inactive rules do nothing; a missing status (templates) is taken as active. */
  public boolean active() {
    return status == null || !"Inactive".equalsIgnoreCase(status);
  }
}
