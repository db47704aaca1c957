package io.allowpath.emit;

import io.allowpath.model.ResourceId;
import io.allowpath.model.Subnet;
import io.allowpath.plan.AddFirewallRule;
import io.allowpath.plan.AddIpRule;
import io.allowpath.plan.AddManagedPrivateEndpointRule;
import io.allowpath.plan.AddNsgRule;
import io.allowpath.plan.AddServiceEndpoint;
import io.allowpath.plan.AddVnetRule;
import io.allowpath.plan.AddressRef;
import io.allowpath.plan.Change;
import io.allowpath.plan.CreateNatGateway;
import io.allowpath.plan.CreateOutboundLoadBalancer;
import io.allowpath.plan.Plan;
import io.allowpath.plan.RouteToFirewall;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The order a plan's changes must be applied in (issue 17 §7), as dependencies between changes that every
 * format expresses in its own way (ARM/Bicep {@code dependsOn}, Terraform {@code depends_on}, the az script's
 * order):
 *
 * <ol>
 *   <li>a service endpoint on a subnet before the VNet rule that names the subnet: the services reject (or,
 *       for SQL with {@code ignoreMissingVnetServiceEndpoint}, accept but do not apply) a VNet rule for a
 *       subnet without their endpoint (https://learn.microsoft.com/azure/storage/common/storage-network-security#grant-access-from-a-virtual-network,
 *       https://learn.microsoft.com/azure/azure-sql/database/vnet-service-endpoint-rule-overview; AZURE-EGRESS.md §4.0 N11);
 *   <li>a new public IP (with its NAT gateway or outbound load balancer) before the IP rule that names its
 *       address: the address exists only once the public IP is created (Static allocation assigns it then);
 *   <li>a firewall's new rules before the route that sends the subnets' traffic to it (the firewall denies
 *       by default, §1.5), and the route before the target rules that serve the pairs the route fixes
 *       (they admit the egress the route gives);
 *   <li>an NSG's new outbound rule before the target rules of the same pairs: nothing depends on the
 *       rule to deploy, but the pair works only with both, so they are applied together, the path first (as the
 *       route before the target rules).
 * </ol>
 *
 * Rule lists are written whole, so no order is needed between two rules of one target.
 */
public final class ApplyOrder {
  private ApplyOrder() {}

  /** {@code before} must be applied before {@code after}, because of {@code why}. */
  public record Dependency(Change before, Change after, String why) {}

  public static List<Dependency> of(Plan plan) {
    List<Dependency> out = new ArrayList<>();
    for (Change a : plan.changes()) {
      for (Change b : plan.changes()) {
        if (a == b) {
          continue;
        }
        String why = why(a, b);
        if (why != null) {
          out.add(new Dependency(a, b, why));
        }
      }
    }
    return Collections.unmodifiableList(out);
  }

  private static String why(Change a, Change b) {
    if (a instanceof AddServiceEndpoint se && b instanceof AddVnetRule v && se.subnet().id().equals(v.subnet())
        && endpointServes(se.service(), v.target().service().endpointService())) {
      return "the VNet rule on " + v.target().id().name() + " names subnet " + se.subnet().id().name()
          + ", which needs the " + se.service() + " service endpoint first";
    }
    ResourceId created = a instanceof CreateNatGateway n ? n.publicIp()
        : a instanceof CreateOutboundLoadBalancer lb ? lb.publicIp() : null;
    if (created != null && b instanceof AddIpRule r && (names(r.address(), created) || names(r.endAddress(), created))) {
      return "the IP rule on " + r.target().id().name() + " names the address of public IP " + created.name()
          + ", which exists once it is created";
    }
    if (a instanceof AddFirewallRule f && b instanceof RouteToFirewall rt && f.firewall().equals(rt.firewall())
        && overlaps(f.pairs(), rt.pairs())) {
      return "route table " + rt.routeTable().name() + " sends the subnets' traffic to firewall " + rt.firewall().name()
          + ", which must allow it first (it denies by default)";
    }
    if (a instanceof AddNsgRule n && (b instanceof AddIpRule || b instanceof AddVnetRule) && overlaps(n.pairs(), b.pairs())) {
      return "the rule on " + b.resource().name() + " admits traffic that network security group " + n.nsg().name()
          + " lets out only with its new rule " + n.name();
    }
    if (a instanceof RouteToFirewall rt && (b instanceof AddIpRule || b instanceof AddVnetRule)
        && overlaps(rt.pairs(), b.pairs())) {
      return "the rule on " + b.resource().name() + " admits the egress that route table " + rt.routeTable().name()
          + " gives the subnets";
    }
    return null;
  }

  private static boolean endpointServes(String endpoint, String targetEndpoint) {
    return targetEndpoint == null
        || endpoint.toLowerCase(Locale.ROOT).startsWith(targetEndpoint.toLowerCase(Locale.ROOT));
  }

  private static boolean names(AddressRef a, ResourceId pip) {
    return a != null && !a.isLiteral() && pip.equals(a.publicIp());
  }

  private static boolean overlaps(List<String> a, List<String> b) {
    return a.stream().anyMatch(b::contains);
  }

  /**
   * The ARM ids a change deploys or changes (its anchors): a resource a format declares for the change is
   * one of them or a child of one (a SQL server's firewall rule, an Event Hubs rule set, a site's config).
   */
  public static List<ResourceId> anchors(Change c) {
    List<ResourceId> out = new ArrayList<>();
    if (c instanceof CreateNatGateway n) {
      out.add(n.publicIp());
      out.add(n.natGateway());
      n.subnets().stream().map(Subnet::id).forEach(out::add);
    } else if (c instanceof CreateOutboundLoadBalancer lb) {
      out.add(lb.publicIp());
      out.add(lb.loadBalancer());
    } else if (c instanceof RouteToFirewall r) {
      out.add(r.routeTable());
      r.subnets().stream().map(Subnet::id).forEach(out::add);
    } else if (c instanceof AddServiceEndpoint e) {
      out.add(e.subnet().id());
    } else if (c instanceof AddFirewallRule f) {
      out.add(f.firewall());
      if (f.azureFirewall().firewallPolicy() != null) {
        out.add(f.azureFirewall().firewallPolicy());
      }
    } else if (c instanceof AddManagedPrivateEndpointRule m) {
      out.add(m.resource());
    } else {
      out.add(c.resource());
    }
    return out;
  }

  /** True when {@code id} is one of the change's anchors or a child of one. */
  public static boolean deploys(Change c, ResourceId id) {
    String k = id.key();
    for (ResourceId a : anchors(c)) {
      if (a.equals(id) || k.startsWith(a.key() + "/")) {
        return true;
      }
    }
    return false;
  }
}
