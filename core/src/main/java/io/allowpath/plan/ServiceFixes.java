package io.allowpath.plan;

import io.allowpath.model.IpSet;
import io.allowpath.model.Service;
import io.allowpath.model.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan edits of one target service (AZURE-EGRESS.md §4): the syntax of its IP rule values, whether its rules are
 * named, whether it takes VNet rules, why it cannot take IP rules at all, how many IP rules it holds, and the
 * sub-resource a managed-network private endpoint to it targets. One class per service ({@link StorageFixes},
 * {@link KeyVaultFixes}, {@link SqlFixes}, {@link CosmosFixes}, {@link AcrFixes}, {@link AppServiceFixes},
 * {@link MessagingFixes} for Event Hubs and Service Bus, {@link CognitiveFixes}, {@link SearchFixes},
 * {@link MlWorkspaceFixes}, {@link DatabricksFixes}); the rule limits are {@code Service.ipRuleLimit()}.
 */
public interface ServiceFixes {
  /** The {@code subresourceTarget} of a managed-network private endpoint rule to this service (§2.2 A1). */
  String privateEndpointSubresource();

  /** The application rule protocol a firewall needs for this service's endpoint ({@code Https:443}). */
  default String firewallProtocol() {
    return "Https:443";
  }

  /** True when the service admits subnets with VNet rules (service endpoints); false means a private endpoint. */
  default boolean takesVnetRules() {
    return true;
  }

  /** True when each IP (and VNet) rule is a named rule: SQL firewall rules, App Service access restrictions. */
  default boolean namesRules() {
    return false;
  }

  /** Why the target cannot take IP rules as it is (e.g. a registry below Premium), or null. */
  default String ipRulesBlocked(Target t) {
    return null;
  }



  /**
   * Rule values for the missing addresses, each {@code {start, end}} ({@code end} null for a CIDR value); by
   * default CIDR blocks, a /32 written as the bare address. Blocks cover exactly the missing addresses.
   */
  default List<String[]> ruleValues(IpSet missing) {
    List<String[]> out = new ArrayList<>();
    missing.toCidrs().forEach(c -> out.add(new String[] {c, null}));
    return out;
  }

  /** The fixes of a target's service. */
  static ServiceFixes of(Target t) {
    return of(t.service());
  }

  /** The fixes of a service (an exhaustive switch over the {@link Service} enum). */
  static ServiceFixes of(Service s) {
    return switch (s) {
      case STORAGE -> StorageFixes.INSTANCE;
      case KEY_VAULT -> KeyVaultFixes.INSTANCE;
      case SQL -> SqlFixes.INSTANCE;
      case COSMOS_DB -> CosmosFixes.INSTANCE;
      case CONTAINER_REGISTRY -> AcrFixes.INSTANCE;
      case APP_SERVICE -> AppServiceFixes.INSTANCE;
      case EVENT_HUBS, SERVICE_BUS -> MessagingFixes.INSTANCE;
      case COGNITIVE_SERVICES -> CognitiveFixes.INSTANCE;
      case SEARCH -> SearchFixes.INSTANCE;
      case ML_WORKSPACE -> MlWorkspaceFixes.INSTANCE;
      case DATABRICKS -> DatabricksFixes.INSTANCE;
    };
  }

  /** Bare addresses for /32 and both addresses of a /31 (storage and Cognitive Services reject /31 and /32). */
  static List<String[]> bareForSmallBlocks(IpSet missing) {
    List<String[]> out = new ArrayList<>();
    for (String cidr : missing.toCidrs()) {
      if (cidr.endsWith("/31")) {
        long[] iv = IpSet.parse(cidr).v4Intervals();
        out.add(new String[] {IpSet.v4ToString(iv[0]), null});
        out.add(new String[] {IpSet.v4ToString(iv[1]), null});
      } else {
        out.add(new String[] {cidr, null});
      }
    }
    return out;
  }
}
