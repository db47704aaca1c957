package io.allowpath.ingest.armtemplate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Where and how a template is evaluated: the deployment scope (placeholder ids by default, so that ids
 * are well-formed but obviously not real), the parameters file (the {@code azuredeploy.parameters.json}
 * shape {@code {"parameters": {"name": {"value": ...}}}}; {@code "reference"} entries such as Key Vault
 * secrets become unknown), command-line overrides ({@code --parameter NAME=VALUE}: VALUE is parsed as
 * JSON when it parses, else taken as a string; overrides win over the file) and strict mode (an
 * unsupported or malformed expression throws {@link io.allowpath.ingest.InputException} instead of
 * producing a diagnostic).
 */
public record TemplateOptions(
    String subscriptionId,
    String resourceGroup,
    String location,
    String deploymentName,
    String tenantId,
    JsonNode parametersFile,
    Map<String, String> overrides,
    boolean strict) {

  public static final String PLACEHOLDER_ID = "00000000-0000-0000-0000-000000000000";

  public TemplateOptions {
    overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
  }

  public static TemplateOptions defaults() {
    return new TemplateOptions(
        PLACEHOLDER_ID, "allowpath-template-rg", "eastus", "allowpath-deployment", PLACEHOLDER_ID, null, Map.of(), false);
  }

  public TemplateOptions withParametersFile(JsonNode file) {
    return new TemplateOptions(subscriptionId, resourceGroup, location, deploymentName, tenantId, file, overrides, strict);
  }

  public TemplateOptions withOverrides(Map<String, String> values) {
    return new TemplateOptions(subscriptionId, resourceGroup, location, deploymentName, tenantId, parametersFile, values, strict);
  }

  public TemplateOptions withStrict(boolean value) {
    return new TemplateOptions(subscriptionId, resourceGroup, location, deploymentName, tenantId, parametersFile, overrides, value);
  }
}
