package io.allowpath.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of a vault's {@code properties.accessPolicies}: who ({@code tenantId}, {@code objectId},
 * optional {@code applicationId} for compound identities) may do what ({@code permissions}: keys,
 * secrets, certificates, storage, each a list of operation names as written).
 */
public record KeyVaultAccessPolicy(String tenantId, String objectId, String applicationId, Map<String, List<String>> permissions) {
  public KeyVaultAccessPolicy {
    Map<String, List<String>> m = new LinkedHashMap<>();
    permissions.forEach((k, v) -> m.put(k, List.copyOf(new ArrayList<>(v))));
    permissions = Collections.unmodifiableMap(m);
  }
}
