package io.allowpath.model;

/**
 * {@code Microsoft.EventHub/namespaces} or {@code Microsoft.ServiceBus/namespaces}; {@code rules} come
 * from the {@code namespaces/networkRuleSets/default} child (null when that child is not in the
 * estate). With defaultAction Deny and no rules the namespace is still open (§4.7, T11, T12).
 */
public record MessagingNamespace(
    ResourceId id, String location, Service service, String sku, String publicNetworkAccess, NetworkRules rules,
    boolean trustedServiceAccessEnabled)
    implements Target {
  @Override
  public String fqdn() {
    return id.name().toLowerCase(java.util.Locale.ROOT) + ".servicebus.windows.net";
  }

  public MessagingNamespace withRules(NetworkRules r, boolean trusted) {
    return new MessagingNamespace(id, location, service, sku, publicNetworkAccess, r, trusted);
  }

  @Override
  public int ipRuleCount() {
    return rules == null ? 0 : rules.ipRules().size();
  }

  @Override
  public <R> R accept(Target.Visitor<R> v) {
    return v.messaging(this);
  }
}
