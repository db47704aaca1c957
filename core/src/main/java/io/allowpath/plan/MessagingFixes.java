package io.allowpath.plan;

import io.allowpath.model.MessagingNamespace;
import io.allowpath.model.NetworkRules;
import io.allowpath.model.Target;

/**
 * Event Hubs and Service Bus: ipMask CIDR rules and VNet rules in networkRuleSets/default; sub-resource
 * namespace (§4.7, T11, T12).
 */
final class MessagingFixes implements ServiceFixes {
  static final MessagingFixes INSTANCE = new MessagingFixes();

  private MessagingFixes() {}

  @Override
  public String privateEndpointSubresource() {
    return "namespace";
  }

  @Override
  public NetworkRules rules(Target t) {
    return ((MessagingNamespace) t).rules();
  }
}
