package io.allowpath.model;

import java.util.Locale;

/**
 * A resource that computes connect to and whose network rules allowpath evaluates: one record per
 * service. {@link #fqdn()} is the public host name a client uses (matched by firewall application
 * rules). Sealed: every layer dispatches on the service with a {@link Visitor}, so a new service does
 * not compile until each layer (ingest, rules, plan, emit, audit) handles it — see docs/architecture.md.
 */
public sealed interface Target extends Resource
    permits StorageAccount, KeyVault, SqlServer, CosmosAccount, ContainerRegistry, WebApp, MessagingNamespace,
        CognitiveAccount, SearchService, MlWorkspace, DatabricksWorkspace {
  Service service();

  default String fqdn() {
    return id().name().toLowerCase(Locale.ROOT) + service().dnsSuffix();
  }

  /**
   * How many IP rules the target lists, as written (what each service's rule limit counts): SQL firewall
   * rules, App Service access restrictions, an AML workspace's ACL rules and allowlist, or the IP rules of
   * the service's network rule set; 0 when it has none or they are not known.
   */
  int ipRuleCount();

  /** Calls the visitor's method for this target's service. */
  <R> R accept(Visitor<R> v);

  /** One method per service: the exhaustive dispatch Java 17 offers over a sealed hierarchy. */
  interface Visitor<R> {
    R storage(StorageAccount s);

    R keyVault(KeyVault k);

    R sql(SqlServer s);

    R cosmos(CosmosAccount c);

    R registry(ContainerRegistry r);

    R appService(WebApp w);

    /** Event Hubs and Service Bus namespaces ({@link MessagingNamespace#service()} tells which). */
    R messaging(MessagingNamespace m);

    R cognitive(CognitiveAccount c);

    R search(SearchService s);

    R mlWorkspace(MlWorkspace w);

    R databricks(DatabricksWorkspace d);
  }
}
