package io.allowpath.analysis.egress;

import io.allowpath.model.ResourceId;

/**
 * A compute whose egress allowpath resolves. {@code key} is what CONTRACT.md prints as "compute": the
 * AML compute's ARM id, {@code <databricks id>#host} / {@code #container}, or
 * {@code <aml workspace id>#serverless}.
 */
public record Compute(String key, Kind kind, ResourceId workspace, ResourceId resource, ResourceId subnet, String location) {
  public enum Kind {
    AML_CLUSTER,
    AML_INSTANCE,
    AML_SERVERLESS,
    DATABRICKS_HOST,
    DATABRICKS_CONTAINER
  }

  public boolean isDatabricks() {
    return kind == Kind.DATABRICKS_HOST || kind == Kind.DATABRICKS_CONTAINER;
  }

  /**
   * The name tables print and {@code --from} accepts: {@code <workspace name>/<label>}, e.g.
   * {@code mlw-prod/gpu-cluster} or {@code dbw-analytics/host}.
   */
  public String name() {
    return workspace.name() + "/" + label();
  }

  /** A short label for tables: the compute name, or "host"/"container"/"serverless". */
  public String label() {
    return switch (kind) {
      case DATABRICKS_HOST -> "host";
      case DATABRICKS_CONTAINER -> "container";
      case AML_SERVERLESS -> "serverless";
      default -> resource.name();
    };
  }
}
