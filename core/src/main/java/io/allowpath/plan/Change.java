package io.allowpath.plan;

import io.allowpath.model.ResourceId;
import java.util.List;

/**
 * One typed change of a plan (CONTRACT.md {@code plan}): what it does ({@link #action()}), the ARM
 * resource it changes or creates, its value in words, the (compute → target) pairs it serves, and why.
 * Emitters (az CLI, Bicep, ARM, Terraform) render these values; they never decide anything.
 */
public sealed interface Change
    permits AddIpRule, AddVnetRule, AddServiceEndpoint, CreateNatGateway, CreateOutboundLoadBalancer,
        RouteToFirewall, AddFirewallRule, AddManagedPrivateEndpointRule, AddNsgRule {
  String action();

  ResourceId resource();

  String value();

  List<String> pairs();

  String why();

  /** Sort key: resource id, then action, then value (output is deterministic). */
  default String sortKey() {
    return resource().key() + "|" + action() + "|" + value();
  }
}
