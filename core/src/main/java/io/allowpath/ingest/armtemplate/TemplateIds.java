package io.allowpath.ingest.armtemplate;

import static io.allowpath.ingest.armtemplate.Values.F;

import com.fasterxml.jackson.databind.JsonNode;
import io.allowpath.ingest.Unknown;
import java.util.List;

/**
 * Full ARM ids of declared resources, computed as Azure does: the deployment's target scope, then
 * {@code /providers/}, then the type segments interleaved with the name segments (type
 * {@code Microsoft.Network/virtualNetworks/subnets} and name {@code vnet1/sub1} give
 * {@code .../providers/Microsoft.Network/virtualNetworks/vnet1/subnets/sub1}). Extension resources
 * (with a {@code scope} property) hang below their scope; {@code Microsoft.Resources/resourceGroups}
 * at subscription scope is {@code /subscriptions/{sub}/resourceGroups/{name}}.
 */
final class TemplateIds {
  private TemplateIds() {}

  static JsonNode resourceId(TemplateScope scope, JsonNode decl, String type, JsonNode name, String pointer) {
    if (Unknown.is(name) || !name.isTextual()) {
      return Unknown.of("[resourceId('" + type + "', " + (Unknown.is(name) ? Unknown.expression(name) : Values.display(name)) + ")]");
    }
    String prefix;
    JsonNode declaredScope = decl.get("scope");
    if (declaredScope != null) {
      JsonNode s = scope.value(declaredScope, pointer + "/scope");
      if (Unknown.is(s) || !s.isTextual()) {
        return Unknown.of("[extensionResourceId(" + (Unknown.is(s) ? Unknown.expression(s) : Values.display(s)) + ", '" + type + "', '" + name.textValue() + "')]");
      }
      prefix = s.textValue();
      if (!prefix.startsWith("/")) {
        // languageVersion 2.0 relative scope: "Microsoft.KeyVault/vaults/kv1" in the deployment's group
        prefix = groupPrefix(scope) + "/providers/" + prefix;
      }
      while (prefix.endsWith("/")) {
        prefix = prefix.substring(0, prefix.length() - 1);
      }
    } else if (type.equalsIgnoreCase("Microsoft.Resources/resourceGroups") && scope.targetSubscription != null) {
      return F.textNode("/subscriptions/" + scope.targetSubscription + "/resourceGroups/" + name.textValue());
    } else if (type.equalsIgnoreCase("Microsoft.Resources/subscriptions") ) {
      return F.textNode("/subscriptions/" + name.textValue());
    } else {
      prefix = groupPrefix(scope);
    }
    try {
      return F.textNode(prefix + ArmFunctions.providers(type, List.of(name.textValue()), "resource id"));
    } catch (ExpressionException e) {
      scope.run.error(pointer + "/name", "name '" + name.textValue() + "' does not fit type '" + type + "': " + e.getMessage());
      return Unknown.of("[resourceId('" + type + "', '" + name.textValue() + "')]");
    }
  }

  private static String groupPrefix(TemplateScope scope) {
    if (scope.targetSubscription == null) {
      return "";
    }
    return "/subscriptions/" + scope.targetSubscription
        + (scope.targetResourceGroup == null ? "" : "/resourceGroups/" + scope.targetResourceGroup);
  }
}
