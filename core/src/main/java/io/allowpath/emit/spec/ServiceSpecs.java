package io.allowpath.emit.spec;

import io.allowpath.emit.Edits;
import io.allowpath.model.Target;
import io.allowpath.plan.AddressRef;
import io.allowpath.plan.Change;
import java.util.ArrayList;
import java.util.List;

/**
 * The emitter specs of one target service: the ARM resources that carry its rules after the plan (written by the
 * Bicep and ARM emitters, and as azapi bodies by Terraform), whether a whole-resource PUT is safe, and its az CLI
 * steps. One class per service ({@link StorageSpecs}, {@link KeyVaultSpecs}, {@link SqlSpecs}, {@link CosmosSpecs},
 * {@link AcrSpecs}, {@link AppServiceSpecs}, {@link MessagingSpecs} for Event Hubs and Service Bus,
 * {@link CognitiveSpecs}, {@link SearchSpecs}, {@link MlWorkspaceSpecs}, {@link DatabricksSpecs}); adding a service
 * means adding one class and its case in {@link #of}.
 */
public interface ServiceSpecs {
  /** The ARM resources of the target after the plan (full rule lists, since a PUT replaces lists). */
  List<ResourceSpec> arm(Edits.TargetEdit t);

  /** The az CLI steps that apply the target's rule changes, each safe to re-run. */
  List<AzStep> az(Edits.TargetEdit t);

  /** Why a whole-resource PUT of this target is not safe from what the estate shows, or null. */
  default String putGap(Target t) {
    return null;
  }

  /**
   * The specs of a target's service. Dispatches on {@link Target#service()}.
   * ported-by-lead: becomes a pattern-matching switch over the sealed Target once model.Target is sealed (Java 21
   * switch patterns); the default branch then goes away.
   */
  static ServiceSpecs of(Target t) {
    return switch (t.service()) {
      case STORAGE -> StorageSpecs.INSTANCE;
      case KEY_VAULT -> KeyVaultSpecs.INSTANCE;
      case SQL -> SqlSpecs.INSTANCE;
      case COSMOS_DB -> CosmosSpecs.INSTANCE;
      case CONTAINER_REGISTRY -> AcrSpecs.INSTANCE;
      case APP_SERVICE -> AppServiceSpecs.INSTANCE;
      case EVENT_HUBS, SERVICE_BUS -> MessagingSpecs.INSTANCE;
      case COGNITIVE_SERVICES -> CognitiveSpecs.INSTANCE;
      case SEARCH -> SearchSpecs.INSTANCE;
      case ML_WORKSPACE -> MlWorkspaceSpecs.INSTANCE;
      case DATABRICKS -> DatabricksSpecs.INSTANCE;
      default -> throw new IllegalStateException("no emitter specs for service " + t.service() + " of " + t.id());
    };
  }

  /** A blank line and the change's comment, before its command. */
  static void header(List<AzStep> out, Change c) {
    out.add(new AzStep.Blank());
    out.add(new AzStep.Comment(Edits.describe(c)));
  }

  /**
   * {@code az resource show --ids ID --query PATH -o tsv}: the list a guard looks the new value up in
   * (https://learn.microsoft.com/cli/azure/resource#az-resource-show).
   */
  static AzCall show(io.allowpath.model.ResourceId id, String query) {
    return AzCall.plain("resource", "show").opt("--ids", id.value()).opt("--query", query).opt("-o", "tsv");
  }

  /** An idempotent add: only when {@code query} on the resource does not list the value yet. */
  static AzStep guardedAdd(io.allowpath.model.ResourceId resource, String query, List<Node> patterns, AzCall add) {
    return new AzStep.UnlessListed(show(resource, query), patterns, add);
  }

  /** The address and, for a single address, its {@code /32} form (Key Vault and others store it as /32). */
  static List<Node> ipPatterns(AddressRef a) {
    Node ip = ArmSpecs.address(a);
    if (a.isLiteral() && a.literal().contains("/")) {
      return List.of(ip);
    }
    return List.of(ip, new Node.Concat(List.of(ip, Node.str("/32"))));
  }

  /** The addresses as one comma-separated value (literals and public IP addresses). */
  static Node commaList(List<AddressRef> addrs) {
    List<Node> parts = new ArrayList<>();
    for (AddressRef a : addrs) {
      if (!parts.isEmpty()) {
        parts.add(Node.str(","));
      }
      parts.add(ArmSpecs.address(a));
    }
    return parts.isEmpty() ? Node.str("") : parts.size() == 1 ? parts.get(0) : new Node.Concat(parts);
  }
}
