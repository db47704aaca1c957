package io.allowpath.emit.spec;

import io.allowpath.model.ResourceId;
import io.allowpath.emit.Edits;
import io.allowpath.model.CognitiveAccount;
import io.allowpath.model.ContainerRegistry;
import io.allowpath.model.CosmosAccount;
import io.allowpath.model.DatabricksWorkspace;
import io.allowpath.model.KeyVault;
import io.allowpath.model.MessagingNamespace;
import io.allowpath.model.MlWorkspace;
import io.allowpath.model.SearchService;
import io.allowpath.model.SqlServer;
import io.allowpath.model.StorageAccount;
import io.allowpath.model.Target;
import io.allowpath.model.WebApp;
import io.allowpath.plan.AddIpRule;
import io.allowpath.plan.AddVnetRule;
import io.allowpath.plan.AddressRef;
import io.allowpath.plan.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The emitter specs of one target service: the ARM resources that carry its rules after the plan (written by the
 * Bicep and ARM emitters, and as azapi bodies by Terraform), whether a whole-resource PUT is safe, and its az CLI
 * steps. One class per service ({@link StorageSpecs}, {@link KeyVaultSpecs}, {@link SqlSpecs}, {@link CosmosSpecs},
 * {@link AcrSpecs}, {@link AppServiceSpecs}, {@link MessagingSpecs} for Event Hubs and Service Bus,
 * {@link CognitiveSpecs}, {@link SearchSpecs}, {@link MlWorkspaceSpecs}, {@link DatabricksSpecs}); adding a service
 * means adding one class and its visitor method in {@link #of}.
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

  /** The specs of a target's service: an exhaustive {@link Target.Visitor} over the sealed targets. */
  static ServiceSpecs of(Target t) {
    return t.accept(new Target.Visitor<ServiceSpecs>() {
      @Override
      public ServiceSpecs storage(StorageAccount s) {
        return StorageSpecs.INSTANCE;
      }

      @Override
      public ServiceSpecs keyVault(KeyVault k) {
        return KeyVaultSpecs.INSTANCE;
      }

      @Override
      public ServiceSpecs sql(SqlServer s) {
        return SqlSpecs.INSTANCE;
      }

      @Override
      public ServiceSpecs cosmos(CosmosAccount c) {
        return CosmosSpecs.INSTANCE;
      }

      @Override
      public ServiceSpecs registry(ContainerRegistry r) {
        return AcrSpecs.INSTANCE;
      }

      @Override
      public ServiceSpecs appService(WebApp w) {
        return AppServiceSpecs.INSTANCE;
      }

      @Override
      public ServiceSpecs messaging(MessagingNamespace m) {
        return MessagingSpecs.INSTANCE;
      }

      @Override
      public ServiceSpecs cognitive(CognitiveAccount c) {
        return CognitiveSpecs.INSTANCE;
      }

      @Override
      public ServiceSpecs search(SearchService s) {
        return SearchSpecs.INSTANCE;
      }

      @Override
      public ServiceSpecs mlWorkspace(MlWorkspace w) {
        return MlWorkspaceSpecs.INSTANCE;
      }

      @Override
      public ServiceSpecs databricks(DatabricksWorkspace d) {
        return DatabricksSpecs.INSTANCE;
      }
    });
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
  static AzCall show(ResourceId id, String query) {
    return AzCall.plain("resource", "show").opt("--ids", id.value()).opt("--query", query).opt("-o", "tsv");
  }

  /** An idempotent add: only when {@code query} on the resource does not list the value yet. */
  /**
   * The az steps of a service whose {@code network-rule add} takes {@code --ip-address} or {@code --subnet}
   * (storage, key vault, AI services, ACR), each guarded by the rule list at {@code acl} so a re-run adds
   * nothing twice. {@code add} builds the service's command for the resource; a service without VNet rules
   * ({@code vnetRules} false) gets a comment for each VNet rule instead.
   */
  static List<AzStep> networkRuleAdds(Edits.TargetEdit t, String acl, Function<ResourceId, AzCall> add,
      boolean vnetRules) {
    List<AzStep> out = new ArrayList<>();
    ResourceId id = t.target().id();
    for (AddIpRule a : t.ipRules()) {
      header(out, a);
      out.add(guardedAdd(id, acl + ".ipRules[].value", ipPatterns(a.address()),
          add.apply(id).opt("--ip-address", ArmSpecs.address(a.address()))));
    }
    for (AddVnetRule v : t.vnetRules()) {
      header(out, v);
      if (!vnetRules) {
        out.add(new AzStep.Comment("NOT APPLIED: " + id.type() + " takes no VNet rule here; use a private endpoint"));
        continue;
      }
      out.add(guardedAdd(id, acl + ".virtualNetworkRules[].id", List.of(Node.str(v.subnet().value())),
          add.apply(id).opt("--subnet", v.subnet().value())));
    }
    return out;
  }

  static AzStep guardedAdd(ResourceId resource, String query, List<Node> patterns, AzCall add) {
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
