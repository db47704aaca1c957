package io.allowpath.ingest.armtemplate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the context-dependent template functions ({@code parameters}, {@code variables},
 * {@code copyIndex}, {@code resourceGroup}, {@code resourceId}, {@code reference}, ...) need to know
 * about the deployment being evaluated. Implemented by the template scope.
 */
interface FunctionContext {
  /** Counts one evaluation step against {@link TemplateLimits#MAX_STEPS}. */
  default void step() {}

  JsonNode parameter(String name);

  JsonNode variable(String name);

  /** The current index of the named copy loop, or of the innermost loop when {@code loop} is null. */
  long copyIndex(String loop);

  String subscriptionId();

  /** Null at subscription, management-group and tenant scope. */
  String resourceGroupName();

  String location();

  String tenantId();

  String deploymentName();

  /** {@code resourceInfo('symbolicName')} in languageVersion 2.0 templates. */
  JsonNode resourceInfo(String symbolicName);
}
