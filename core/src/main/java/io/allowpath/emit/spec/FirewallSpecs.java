package io.allowpath.emit.spec;

import io.allowpath.emit.Edits;
import io.allowpath.model.AzureFirewall;
import io.allowpath.model.FirewallIpConfig;
import io.allowpath.model.FirewallRule;
import io.allowpath.model.FirewallRuleCollection;
import io.allowpath.model.IpValue;
import io.allowpath.model.Ports;
import io.allowpath.model.ResourceId;
import io.allowpath.plan.AddFirewallRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The deployment form of {@link AddFirewallRule} changes for one firewall. Classic rule collections are
 * properties of the {@code azureFirewalls} resource, so a deployment PUTs the whole firewall: sku, threat
 * intelligence mode, ip configurations and every existing classic collection, with the new rules merged
 * in. A firewall managed by a firewall policy cannot carry classic rules; its rules go into a
 * {@code firewallPolicies/ruleCollectionGroups} child named {@value #GROUP}
 * (https://learn.microsoft.com/azure/firewall-manager/policy-overview). When the estate does not show
 * enough of a classic firewall for a safe PUT ({@link AzureFirewall#putGap()}) there is no resource, only
 * a note.
 */
final class FirewallSpecs {
  static final String GROUP = "allowpath";
  static final String RCG_TYPE = "Microsoft.Network/firewallPolicies/ruleCollectionGroups";
  static final String FIREWALL_TYPE = "Microsoft.Network/azureFirewalls";

  private FirewallSpecs() {}

  /** A collection being assembled: existing rules (as nodes) followed by new ones. */
  private static final class Collection {
    final String name;
    final String kind;
    final String action;
    final int priority;
    final List<String> ruleNames = new ArrayList<>();
    final List<Node> rules = new ArrayList<>();

    Collection(String name, String kind, String action, int priority) {
      this.name = name;
      this.kind = kind;
      this.action = action;
      this.priority = priority;
    }

    boolean application() {
      return kind.equals("APPLICATION");
    }

    /** Adds a rule, replacing an existing rule of the same name (rule names are unique in a collection). */
    void add(String ruleName, Node rule) {
      for (int i = 0; i < ruleNames.size(); i++) {
        if (ruleNames.get(i) != null && ruleNames.get(i).equalsIgnoreCase(ruleName)) {
          rules.set(i, rule);
          return;
        }
      }
      ruleNames.add(ruleName);
      rules.add(rule);
    }
  }

  /** The resource that deploys these changes, or null when none can (then {@code notes} says why). */
  static ResourceSpec of(AzureFirewall fw, List<AddFirewallRule> changes, List<String> groupNotes) {
    List<String> notes = new ArrayList<>();
    changes.forEach(c -> notes.add(Edits.describe(c)));
    if (fw.firewallPolicy() != null) {
      return policyGroup(fw, changes, notes);
    }
    String gap = fw.putGap();
    if (gap != null) {
      for (AddFirewallRule c : changes) {
        groupNotes.add(Edits.describe(c) + " -- NOT DEPLOYED HERE: classic Azure Firewall rule collections are "
            + "properties of the firewall resource, which a deployment PUTs in full, and " + gap + "; apply it with "
            + "the az CLI script (--emit az) or the Terraform output (" + c.value() + ")");
      }
      return null;
    }
    List<Collection> cols = new ArrayList<>();
    for (FirewallRuleCollection c : fw.classicCollections()) {
      Collection col = new Collection(c.name(), c.kind(), c.action(), c.priority());
      for (FirewallRule r : c.rules()) {
        col.add(r.name(), col.application() ? classicAppRule(r) : classicNetworkRule(r));
      }
      cols.add(col);
    }
    for (AddFirewallRule c : changes) {
      Collection col = find(cols, c);
      if (col == null) {
        col = new Collection(c.collection(), c.application() ? "APPLICATION" : "NETWORK", "Allow", c.priority());
        cols.add(col);
      } else if (!"Allow".equalsIgnoreCase(col.action)) {
        notes.add("REVIEW: collection " + col.name + " exists with action " + col.action
            + "; the rule is added to it and would " + col.action.toLowerCase(Locale.ROOT) + " the traffic");
      }
      col.add(c.ruleName(), c.application() ? newClassicAppRule(c) : newClassicNetworkRule(c));
    }
    List<Node> net = new ArrayList<>();
    List<Node> app = new ArrayList<>();
    for (Collection col : cols) {
      (col.application() ? app : net).add(Node.obj().put("name", col.name)
          .put("properties", Node.obj().put("priority", col.priority)
              .put("action", Node.obj().put("type", col.action).build())
              .put("rules", Node.arr(col.rules)).build())
          .build());
    }
    List<Node> cfgs = new ArrayList<>();
    for (FirewallIpConfig c : fw.ipConfigurations()) {
      Node.ObjBuilder p = Node.obj().put("subnet", Node.obj().put("id", c.subnet().value()).build());
      if (c.publicIp() != null) {
        p.put("publicIPAddress", Node.obj().put("id", c.publicIp().value()).build());
      }
      cfgs.add(Node.obj().put("name", c.name()).put("properties", p.build()).build());
    }
    notes.add("The whole firewall is restated (a PUT replaces it): existing classic rule collections are kept, "
        + "the new rules merged in");
    return new ResourceSpec(fw.id(), FIREWALL_TYPE, ApiVersions.NETWORK, false,
        Node.obj().put("location", fw.location())
            .put("properties", Node.obj()
                .put("sku", Node.obj().put("name", fw.skuName()).put("tier", fw.skuTier()).build())
                .put("threatIntelMode", fw.threatIntelMode())
                .put("ipConfigurations", Node.arr(cfgs))
                .put("networkRuleCollections", Node.arr(net))
                .put("applicationRuleCollections", Node.arr(app))
                .build())
            .build(),
        List.of(), notes);
  }

  private static Collection find(List<Collection> cols, AddFirewallRule c) {
    String kind = c.application() ? "APPLICATION" : "NETWORK";
    for (Collection col : cols) {
      if (col.name != null && col.name.equalsIgnoreCase(c.collection()) && col.kind.equals(kind)) {
        return col;
      }
    }
    return null;
  }

  /**
   * A {@code ruleCollectionGroups/allowpath} child of the firewall's policy with the new rules (and the
   * collections the estate shows in an existing group of that name).
   */
  private static ResourceSpec policyGroup(AzureFirewall fw, List<AddFirewallRule> changes, List<String> notes) {
    ResourceId group = fw.firewallPolicy().child("ruleCollectionGroups", GROUP);
    List<Collection> cols = new ArrayList<>();
    Integer groupPriority = null;
    for (FirewallRuleCollection c : fw.ruleCollections()) {
      if (!group.equals(c.source())) {
        continue;
      }
      groupPriority = c.groupPriority();
      Collection col = new Collection(c.name(), c.kind(), c.action(), c.priority());
      for (FirewallRule r : c.rules()) {
        col.add(r.name(), col.application() ? policyAppRule(r) : policyNetworkRule(r));
      }
      cols.add(col);
    }
    if (groupPriority == null) {
      notes.add("REVIEW: the estate shows no rule collection group '" + GROUP + "' in policy " + fw.firewallPolicy().name()
          + "; if one exists, this PUT replaces its collections with those below");
      groupPriority = changes.stream().mapToInt(AddFirewallRule::priority).min().orElse(65000);
    } else {
      notes.add("REVIEW: the existing '" + GROUP + "' group's collections are restated from the estate; rule fields "
          + "the model does not keep (IP groups, descriptions, web categories, TLS inspection) are not");
    }
    for (AddFirewallRule c : changes) {
      Collection col = find(cols, c);
      if (col == null) {
        col = new Collection(c.collection(), c.application() ? "APPLICATION" : "NETWORK", "Allow", c.priority());
        cols.add(col);
      }
      col.add(c.ruleName(), c.application() ? policyAppRule(newRule(c)) : policyNetworkRule(newRule(c)));
    }
    List<Node> rcs = new ArrayList<>();
    for (Collection col : cols) {
      rcs.add(Node.obj().put("ruleCollectionType", "FirewallPolicyFilterRuleCollection").put("name", col.name)
          .put("priority", col.priority).put("action", Node.obj().put("type", col.action).build())
          .put("rules", Node.arr(col.rules)).build());
    }
    notes.add("Firewall " + fw.id().name() + " is managed by firewall policy " + fw.firewallPolicy().name()
        + ": the rules go into the policy's rule collection group '" + GROUP + "' (classic rules cannot be added)");
    return new ResourceSpec(group, RCG_TYPE, ApiVersions.NETWORK, false,
        Node.obj().put("properties", Node.obj().put("priority", groupPriority).put("ruleCollections", Node.arr(rcs)).build())
            .build(),
        List.of(), notes);
  }

  /** The planned rule in model form (protocols as the reader writes them). */
  private static FirewallRule newRule(AddFirewallRule c) {
    if (c.application()) {
      List<String> protocols = c.appProtocols().stream().map(p -> p.type() + ":" + p.port()).toList();
      return new FirewallRule(c.ruleName(), IpValue.list(c.sourcePrefixes()), List.of(), List.of(), List.of(), protocols,
          c.targetFqdns(), List.of());
    }
    return new FirewallRule(c.ruleName(), IpValue.list(c.sourcePrefixes()), IpValue.list(c.serviceTags()), List.of(), Ports.list(c.ports()), List.of("TCP"),
        List.of(), List.of());
  }

  private static Node newClassicAppRule(AddFirewallRule c) {
    return classicAppRule(newRule(c));
  }

  private static Node newClassicNetworkRule(AddFirewallRule c) {
    return classicNetworkRule(newRule(c));
  }

  private static Node strings(List<String> l) {
    return Node.arr(l.stream().map(Node::str).toList());
  }

  /** Non-empty lists only, so a restated rule has the fields it had. */
  private static void putList(Node.ObjBuilder o, String key, List<String> l) {
    if (!l.isEmpty()) {
      o.put(key, strings(l));
    }
  }

  /** {@code Https:443} → {@code {protocolType: Https, port: 443}}. */
  private static Node appProtocols(List<String> protocols) {
    List<Node> out = new ArrayList<>();
    for (String p : protocols) {
      int i = p.indexOf(':');
      Node.ObjBuilder o = Node.obj().put("protocolType", i < 0 ? p : p.substring(0, i));
      if (i >= 0) {
        String port = p.substring(i + 1);
        o.put("port", port.matches("[0-9]{1,5}") ? new Node.Num(Long.parseLong(port)) : Node.str(port));
      }
      out.add(o.build());
    }
    return Node.arr(out);
  }

  private static Node classicAppRule(FirewallRule r) {
    Node.ObjBuilder o = Node.obj().put("name", r.name());
    putList(o, "sourceAddresses", IpValue.texts(r.sourceAddresses()));
    o.put("protocols", appProtocols(r.protocols()));
    putList(o, "targetFqdns", r.targetFqdns());
    putList(o, "fqdnTags", r.fqdnTags());
    return o.build();
  }

  private static Node classicNetworkRule(FirewallRule r) {
    Node.ObjBuilder o = Node.obj().put("name", r.name());
    putList(o, "protocols", r.protocols());
    putList(o, "sourceAddresses", IpValue.texts(r.sourceAddresses()));
    putList(o, "destinationAddresses", IpValue.texts(r.destinationAddresses()));
    putList(o, "destinationFqdns", r.destinationFqdns());
    putList(o, "destinationPorts", Ports.texts(r.destinationPorts()));
    return o.build();
  }

  private static Node policyAppRule(FirewallRule r) {
    Node.ObjBuilder o = Node.obj().put("ruleType", "ApplicationRule").put("name", r.name());
    putList(o, "sourceAddresses", IpValue.texts(r.sourceAddresses()));
    o.put("protocols", appProtocols(r.protocols()));
    putList(o, "targetFqdns", r.targetFqdns());
    putList(o, "fqdnTags", r.fqdnTags());
    return o.build();
  }

  private static Node policyNetworkRule(FirewallRule r) {
    Node.ObjBuilder o = Node.obj().put("ruleType", "NetworkRule").put("name", r.name());
    putList(o, "ipProtocols", r.protocols());
    putList(o, "sourceAddresses", IpValue.texts(r.sourceAddresses()));
    putList(o, "destinationAddresses", IpValue.texts(r.destinationAddresses()));
    putList(o, "destinationFqdns", r.destinationFqdns());
    putList(o, "destinationPorts", Ports.texts(r.destinationPorts()));
    return o.build();
  }
}
