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

  /**
   * A visitor for the places that treat one or two services apart and every other alike: override those services'
   * methods, and {@link #otherwise} answers for the rest.
   */
  abstract class Otherwise<R> implements Visitor<R> {
    /** The answer for every service whose method is not overridden. */
    protected abstract R otherwise(Target t);

    @Override
    public R storage(StorageAccount s) {
      return otherwise(s);
    }

    @Override
    public R keyVault(KeyVault k) {
      return otherwise(k);
    }

    @Override
    public R sql(SqlServer s) {
      return otherwise(s);
    }

    @Override
    public R cosmos(CosmosAccount c) {
      return otherwise(c);
    }

    @Override
    public R registry(ContainerRegistry r) {
      return otherwise(r);
    }

    @Override
    public R appService(WebApp w) {
      return otherwise(w);
    }

    @Override
    public R messaging(MessagingNamespace m) {
      return otherwise(m);
    }

    @Override
    public R cognitive(CognitiveAccount c) {
      return otherwise(c);
    }

    @Override
    public R search(SearchService s) {
      return otherwise(s);
    }

    @Override
    public R mlWorkspace(MlWorkspace w) {
      return otherwise(w);
    }

    @Override
    public R databricks(DatabricksWorkspace d) {
      return otherwise(d);
    }
  }
}
