package io.allowpath.plan;

import io.allowpath.model.ResourceId;
import java.util.List;

/**
 * Add a PrivateEndpoint outbound rule to an AML workspace's managed network (AZURE-EGRESS.md §2.2, A1):
 * {@code workspaces/outboundRules/<ruleName>} with destination {@code serviceResourceId} and
 * {@code subresourceTarget} (blob, vault, registry, sqlServer, Sql, namespace, account, searchService,
 * sites, amlworkspace, databricks_ui_api).
 */
public record AddManagedPrivateEndpointRule(
    ResourceId workspace, String ruleName, ResourceId target, String subresourceTarget, List<String> pairs, String why)
    implements Change {
  public AddManagedPrivateEndpointRule {
    pairs = List.copyOf(pairs);
  }

  @Override
  public String action() {
    return "ADD_MANAGED_PRIVATE_ENDPOINT_RULE";
  }

  @Override
  public ResourceId resource() {
    return workspace.child("outboundRules", ruleName);
  }

  @Override
  public String value() {
    return ruleName + " -> " + target.name() + " (" + subresourceTarget + ")";
  }
}
