package io.allowpath.emit.terraform;

import io.allowpath.emit.Edits;
import io.allowpath.emit.terraform.Hcl.Block;
import io.allowpath.model.AzureFirewall;
import io.allowpath.model.FirewallRule;
import io.allowpath.model.FirewallRuleCollection;
import io.allowpath.model.IpValue;
import io.allowpath.model.Ports;
import io.allowpath.model.ResourceId;
import io.allowpath.plan.AddFirewallRule;
import io.allowpath.plan.AddFirewallRule.AppProtocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Azure Firewall rules as Terraform, one resource per firewall and purpose. A classic firewall gets one
 * {@code azurerm_firewall_application_rule_collection} / {@code azurerm_firewall_network_rule_collection} per
 * collection name holding every planned rule (internal/services/firewall/firewall_application_rule_collection_resource.go
 * and firewall_network_rule_collection_resource.go: a collection is one resource, so two resources with one name on
 * one firewall fail with "already exists - to be managed via Terraform this resource needs to be imported"). A
 * firewall managed by a firewall policy gets one {@code azurerm_firewall_policy_rule_collection_group} named
 * {@value #GROUP} per policy (firewall_policy_rule_collection_group_resource.go). When the estate shows the
 * collection (or group) already, an {@code import} block adopts it (Terraform 1.5+) and its existing rules are
 * restated, since the resource's rule list replaces the deployed one.
 */
final class FirewallBlocks {
  static final String GROUP = "allowpath";

  private FirewallBlocks() {}

  static void emit(TerraformEmitter.Run run, List<AddFirewallRule> all) {
    Map<String, List<AddFirewallRule>> classic = new LinkedHashMap<>();
    Map<ResourceId, List<AddFirewallRule>> policies = new java.util.TreeMap<>();
    for (AddFirewallRule f : all) {
      ResourceId policy = f.azureFirewall().firewallPolicy();
      if (policy != null) {
        policies.computeIfAbsent(policy, k -> new ArrayList<>()).add(f);
      } else {
        classic.computeIfAbsent(f.firewall().key() + "|" + f.application() + "|" + f.collection().toLowerCase(Locale.ROOT),
            k -> new ArrayList<>()).add(f);
      }
    }
    classic.values().forEach(g -> classicCollection(run, g));
    policies.forEach((policy, g) -> policyGroup(run, policy, g));
  }

  private static void classicCollection(TerraformEmitter.Run run, List<AddFirewallRule> g) {
    AddFirewallRule first = g.get(0);
    AzureFirewall fw = first.azureFirewall();
    boolean app = first.application();
    String type = app ? "azurerm_firewall_application_rule_collection" : "azurerm_firewall_network_rule_collection";
    FirewallRuleCollection existing = null;
    for (FirewallRuleCollection c : fw.classicCollections()) {
      if (c.name().equalsIgnoreCase(first.collection()) && c.kind().equals(app ? "APPLICATION" : "NETWORK")) {
        existing = c;
      }
    }
    // a Terraform input: the user's configuration may declare the collection (then it is edited, not adopted by a
    // second resource that would fight it) and the firewall (then the collection refers to it by address)
    String declared = existing == null ? null : run.joined(fw.id(), type + "/" + existing.name().toLowerCase(Locale.ROOT));
    String firewall = run.declared(fw.id());
    Block b = declared != null ? new Block("resource", type, declared.substring(declared.lastIndexOf(type + ".") + type.length() + 1))
        : run.resource(type, fw.id().name() + "_" + first.collection(), null, fw.id());
    b.attr("name", Hcl.str(existing == null ? first.collection() : existing.name()))
        .attr("azure_firewall_name", TerraformEmitter.Run.inRoot(firewall) ? firewall + ".name" : Hcl.str(fw.id().name()))
        .attr("resource_group_name", TerraformEmitter.Run.inRoot(firewall) ? firewall + ".resource_group_name"
            : Hcl.str(fw.id().resourceGroup()))
        .attr("priority", Integer.toString(existing == null ? first.priority() : existing.priority()))
        .attr("action", Hcl.str(existing == null ? "Allow" : existing.action()));
    Map<String, Block> rules = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    if (declared != null) {
      for (FirewallRule r : existing.rules()) {
        rules.put(r.name().toLowerCase(Locale.ROOT), app ? classicAppRule(r) : classicNetworkRule(r));
      }
      List<String> why = new ArrayList<>();
      for (AddFirewallRule f : g) {
        why.add(Edits.describe(f));
        rules.put(f.ruleName().toLowerCase(Locale.ROOT), app ? classicAppRule(planned(f)) : classicNetworkRule(planned(f)));
      }
      rules.values().forEach(b::block);
      run.edit(declared, why, "add the new rule blocks to the collection (shown whole: its rules as the estate has them, "
          + "then the new ones; rule fields the model does not keep, such as descriptions and IP groups, are not shown)", b);
      return;
    }
    if (existing != null) {
      for (FirewallRule r : existing.rules()) {
        rules.put(r.name().toLowerCase(Locale.ROOT), app ? classicAppRule(r) : classicNetworkRule(r));
      }
      String collectionsProp = app ? "applicationRuleCollections" : "networkRuleCollections";
      run.imports.add(importBlock(run.providerRef(fw.id()), type + "." + run.addressOf(b).substring(type.length() + 1),
          fw.id().value() + "/" + collectionsProp + "/" + existing.name()));
      notes.add("Collection " + existing.name() + " exists: the import block adopts it and its rules are restated "
          + "(rule fields the model does not keep, such as descriptions and IP groups, are not)");
      if (!"Allow".equalsIgnoreCase(existing.action())) {
        notes.add("REVIEW: collection " + existing.name() + " has action " + existing.action());
      }
    }
    for (AddFirewallRule f : g) {
      notes.add(Edits.describe(f));
      rules.put(f.ruleName().toLowerCase(Locale.ROOT), app ? classicAppRule(planned(f)) : classicNetworkRule(planned(f)));
    }
    rules.values().forEach(b::block);
    run.setComment(b, String.join("\n", notes));
  }

  /** The planned rule in model form: application protocols as {@code Https:443}, network protocol TCP. */
  static FirewallRule planned(AddFirewallRule c) {
    if (c.application()) {
      return new FirewallRule(c.ruleName(), IpValue.list(c.sourcePrefixes()), List.of(), List.of(), List.of(),
          c.appProtocols().stream().map(p -> p.type() + ":" + p.port()).toList(), c.targetFqdns(), List.of());
    }
    return new FirewallRule(c.ruleName(), IpValue.list(c.sourcePrefixes()), IpValue.list(c.serviceTags()), List.of(), Ports.list(c.ports()), List.of("TCP"),
        List.of(), List.of());
  }

  private static void list(Block b, String key, List<String> values) {
    if (!values.isEmpty()) {
      b.attr(key, Hcl.strings(values));
    }
  }

  private static Block classicAppRule(FirewallRule r) {
    Block rule = new Block("rule").attr("name", Hcl.str(r.name()));
    list(rule, "source_addresses", IpValue.texts(r.sourceAddresses()));
    list(rule, "target_fqdns", r.targetFqdns());
    list(rule, "fqdn_tags", r.fqdnTags());
    for (String p : r.protocols()) {
      AppProtocol ap = AppProtocol.parse(p);
      rule.block(new Block("protocol").attr("port", Integer.toString(ap.port())).attr("type", Hcl.str(ap.type())));
    }
    return rule;
  }

  private static Block classicNetworkRule(FirewallRule r) {
    Block rule = new Block("rule").attr("name", Hcl.str(r.name()));
    list(rule, "source_addresses", IpValue.texts(r.sourceAddresses()));
    list(rule, "destination_addresses", IpValue.texts(r.destinationAddresses()));
    list(rule, "destination_fqdns", r.destinationFqdns());
    list(rule, "destination_ports", Ports.texts(r.destinationPorts()));
    list(rule, "protocols", r.protocols());
    return rule;
  }

  private static void policyGroup(TerraformEmitter.Run run, ResourceId policy, List<AddFirewallRule> g) {
    ResourceId group = policy.child("ruleCollectionGroups", GROUP);
    Map<String, FirewallRuleCollection> existing = new LinkedHashMap<>();
    Integer groupPriority = null;
    for (AddFirewallRule f : g) {
      for (FirewallRuleCollection c : f.azureFirewall().ruleCollections()) {
        if (group.equals(c.source())) {
          existing.putIfAbsent(c.kind() + "|" + c.name().toLowerCase(Locale.ROOT), c);
          groupPriority = c.groupPriority();
        }
      }
    }
    int priority = groupPriority != null ? groupPriority
        : g.stream().mapToInt(AddFirewallRule::priority).min().orElse(65000);
    String type = "azurerm_firewall_policy_rule_collection_group";
    // a Terraform input whose configuration declares the group: an EDIT of it, not a second resource
    String declared = groupPriority == null ? null : run.declared(group);
    Block b = (declared != null ? new Block("resource", type, declared.substring(declared.lastIndexOf(type + ".") + type.length() + 1))
        : run.resource(type, policy.name() + "_" + GROUP, null, policy))
        .attr("name", Hcl.str(GROUP)).attr("firewall_policy_id", run.idExpr(policy))
        .attr("priority", Integer.toString(priority));
    List<String> notes = new ArrayList<>();
    notes.add("Firewall policy " + policy.name() + ": the rules go into its rule collection group '" + GROUP
        + "' (a firewall managed by a policy takes no classic rules)");
    if (declared != null) {
      notes.clear();
    } else if (groupPriority != null) {
      run.imports.add(importBlock(run.providerRef(policy), "azurerm_firewall_policy_rule_collection_group."
          + run.addressOf(b).substring("azurerm_firewall_policy_rule_collection_group".length() + 1), group.value()));
      notes.add("The group exists: the import block adopts it and its collections are restated");
    }
    // collections: existing ones first, then new, each with its rules by name
    Map<String, String[]> heads = new LinkedHashMap<>();
    Map<String, Map<String, Block>> rules = new LinkedHashMap<>();
    for (Map.Entry<String, FirewallRuleCollection> e : existing.entrySet()) {
      FirewallRuleCollection c = e.getValue();
      boolean app = c.kind().equals("APPLICATION");
      heads.put(e.getKey(), new String[] {c.name(), c.action(), Integer.toString(c.priority())});
      Map<String, Block> rs = rules.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>());
      c.rules().forEach(r -> rs.put(r.name().toLowerCase(Locale.ROOT), app ? policyAppRule(r) : policyNetworkRule(r)));
    }
    for (AddFirewallRule f : g) {
      String key = (f.application() ? "APPLICATION" : "NETWORK") + "|" + f.collection().toLowerCase(Locale.ROOT);
      heads.putIfAbsent(key, new String[] {f.collection(), "Allow", Integer.toString(f.priority())});
      rules.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(f.ruleName().toLowerCase(Locale.ROOT),
          f.application() ? policyAppRule(planned(f)) : policyNetworkRule(planned(f)));
      notes.add(Edits.describe(f));
    }
    for (Map.Entry<String, String[]> h : heads.entrySet()) {
      boolean app = h.getKey().startsWith("APPLICATION");
      Block col = new Block(app ? "application_rule_collection" : "network_rule_collection")
          .attr("name", Hcl.str(h.getValue()[0])).attr("priority", h.getValue()[2]).attr("action", Hcl.str(h.getValue()[1]));
      rules.get(h.getKey()).values().forEach(col::block);
      b.block(col);
    }
    if (declared != null) {
      run.edit(declared, notes, "set the group's collections to these (shown whole: its collections and rules as the "
          + "estate has them, then the new ones)", b);
      return;
    }
    run.setComment(b, String.join("\n", notes));
  }

  private static Block policyAppRule(FirewallRule r) {
    Block rule = new Block("rule").attr("name", Hcl.str(r.name()));
    list(rule, "source_addresses", IpValue.texts(r.sourceAddresses()));
    list(rule, "destination_fqdns", r.targetFqdns());
    list(rule, "destination_fqdn_tags", r.fqdnTags());
    for (String p : r.protocols()) {
      AppProtocol ap = AppProtocol.parse(p);
      rule.block(new Block("protocols").attr("type", Hcl.str(ap.type())).attr("port", Integer.toString(ap.port())));
    }
    return rule;
  }

  private static Block policyNetworkRule(FirewallRule r) {
    Block rule = new Block("rule").attr("name", Hcl.str(r.name()));
    list(rule, "protocols", r.protocols());
    list(rule, "source_addresses", IpValue.texts(r.sourceAddresses()));
    list(rule, "destination_addresses", IpValue.texts(r.destinationAddresses()));
    list(rule, "destination_fqdns", r.destinationFqdns());
    list(rule, "destination_ports", Ports.texts(r.destinationPorts()));
    return rule;
  }

  private static String importBlock(String provider, String to, String id) {
    return "import {\n" + (provider == null ? "" : "  provider = " + provider + "\n") + "  to       = " + to + "\n  id       = "
        + Hcl.str(id) + "\n}\n";
  }
}
