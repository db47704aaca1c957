package io.allowpath.model;

/**
 * A resource that computes connect to and whose network rules allowpath evaluates. {@link #fqdn()} is
 * the public host name a client uses (matched by firewall application rules).
 */
public interface Target extends Resource {
  Service service();

  default String fqdn() {
    return id().name().toLowerCase(java.util.Locale.ROOT) + service().dnsSuffix();
  }
}
