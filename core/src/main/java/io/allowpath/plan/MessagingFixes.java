package io.allowpath.plan;

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
}
