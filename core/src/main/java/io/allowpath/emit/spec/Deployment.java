package io.allowpath.emit.spec;

import java.util.List;

/**
 * The resources of one resource group, deployed together ({@code az deployment group create}).
 * {@code notes} are changes of this group that a deployment cannot express; writers print them as
 * comments (or template metadata).
 */
public record Deployment(String subscription, String resourceGroup, List<ResourceSpec> resources, List<String> notes) {
  public Deployment {
    resources = List.copyOf(resources);
    notes = List.copyOf(notes);
  }

  /** True when this group creates a public IP (such groups deploy first). */
  public boolean createsPublicIp() {
    return resources.stream()
        .anyMatch(r -> !r.existing() && r.type().equalsIgnoreCase(ApiVersions.PUBLIC_IP));
  }
}
