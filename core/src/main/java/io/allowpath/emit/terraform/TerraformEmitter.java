package io.allowpath.emit.terraform;

import io.allowpath.emit.ApplyOrder;
import io.allowpath.emit.SideEffectNotes;
import io.allowpath.emit.Edits;
import io.allowpath.emit.Emitter;
import io.allowpath.emit.spec.ApiVersions;
import io.allowpath.emit.spec.ArmSpecs;
import io.allowpath.emit.spec.Node;
import io.allowpath.emit.spec.ResourceSpec;
import io.allowpath.emit.terraform.Hcl.Block;
import io.allowpath.ingest.terraform.TerraformAdapter;
import io.allowpath.model.NetworkRules;
import io.allowpath.model.ResourceId;
import io.allowpath.model.ServiceEndpoint;
import io.allowpath.model.SqlServer;
import io.allowpath.model.StorageAccount;
import io.allowpath.model.Subnet;
import io.allowpath.model.Target;
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
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Terraform emitter (providers hashicorp/azurerm 4.x and Azure/azapi 2.x). New network resources are
 * azurerm resources that reference each other ({@code azurerm_public_ip.x.ip_address}); storage rules
 * use {@code azurerm_storage_account_network_rules} and SQL rules {@code azurerm_mssql_firewall_rule} /
 * {@code azurerm_mssql_virtual_network_rule}. Where azurerm has no standalone resource for part of an
 * existing resource (Key Vault network ACLs, Cosmos DB IP rules, ACR network rule set, App Service
 * access restrictions, Event Hubs/Service Bus rule sets, Cognitive Services, AI Search, AML workspace,
 * subnet service endpoints) it writes {@code azapi_update_resource}, which reads the resource, merges the
 * {@code body} and writes it back; bodies carry the full merged lists, since lists are replaced.
 * Terraform names are lowercase {@code [a-z0-9_]}, derived from resource names, unique per type.
 */
public final class TerraformEmitter implements Emitter {
  private final Map<ResourceId, Map<String, String>> addresses;

  /** For an estate read from ARM JSON or templates: a root module of its own. */
  public TerraformEmitter() {
    this(Map.of());
  }

  /**
   * For an estate read from Terraform: {@code addresses} gives, by ARM id, the address of the resource the
   * user's configuration declares it with ({@code ""} → {@code azurerm_storage_account.main}) and of the
   * association / rules resources that also set it (Terraform type → address). Fixes to those resources
   * are written against the user's addresses (see {@link Run#edit}); docs/emit.md "Terraform input".
   */
  public TerraformEmitter(Map<ResourceId, Map<String, String>> addresses) {
    this.addresses = Map.copyOf(addresses);
  }

  @Override
  public String emit(Plan plan) {
    return new Run(plan, addresses).write();
  }

  private static final Set<String> AZAPI_DROP = Set.of("tenantId", "sku", "databaseAccountOfferType", "locations",
      "customSubDomainName", "storageAccount", "keyVault", "containerRegistry", "applicationInsights", "ipAllowlist",
      "accessPolicies", "enableRbacAuthorization", "enabledForDeployment", "enabledForDiskEncryption",
      "enabledForTemplateDeployment", "enableSoftDelete", "softDeleteRetentionInDays", "enablePurgeProtection",
      "consistencyPolicy", "capabilities");

  /** azurerm 4.x and azapi 2.x: the major versions the emitted arguments were checked against. */
  static final String AZURERM_VERSION = "~> 4.0";
  static final String AZAPI_VERSION = "~> 2.0";

  static final class Run {
    final Plan plan;
    final Edits edits;
    final List<Block> blocks = new ArrayList<>();
    final List<String> comments = new ArrayList<>();
    final Map<String, Set<String>> usedNames = new TreeMap<>();
    /** Terraform address of resources this output creates, by ARM id (for {@code .id} references). */
    final Map<ResourceId, String> created = new TreeMap<>();
    final Map<ResourceId, String> pipData = new TreeMap<>();
    /** Provider alias by subscription id (lowercase), in first-use order. */
    final Map<String, String> aliases = new java.util.LinkedHashMap<>();
    String clientConfigProvider;
    boolean needsClientConfig;
    boolean usesAzapi;

    /** The user's Terraform addresses by ARM id (empty unless the estate was read from Terraform). */
    final Map<ResourceId, Map<String, String>> tf;
    /** EDIT instructions for resources the user's configuration declares, written as comments after the blocks. */
    final List<String> editsToConfig = new ArrayList<>();

    Run(Plan plan) {
      this(plan, Map.of());
    }

    Run(Plan plan, Map<ResourceId, Map<String, String>> tf) {
      this.plan = plan;
      this.edits = new Edits(plan);
      this.tf = tf;
    }

    /** True when the estate came from Terraform: the output is added to the user's configuration. */
    boolean tfInput() {
      return !tf.isEmpty();
    }

    /** The address the user's configuration declares a resource with, or null. */
    String declared(ResourceId id) {
      Map<String, String> m = id == null ? null : tf.get(id);
      return m == null ? null : m.get("");
    }

    /** The address of the user's {@code type} resource that also sets {@code id} (an association), or null. */
    String joined(ResourceId id, String type) {
      Map<String, String> m = id == null ? null : tf.get(id);
      return m == null ? null : m.get(type);
    }

    /** A root-module address can be referenced from blocks added to the root module; a module's cannot. */
    static boolean inRoot(String address) {
      return address != null && !address.startsWith("module.");
    }

    /**
     * The expression for a resource's id: the address this output creates it with, else the user's root-module
     * address ({@code azurerm_storage_account.main.id}), else the id as a string.
     */
    String idExpr(ResourceId id) {
      String c = created.get(id);
      if (c != null) {
        return c + ".id";
      }
      String a = declared(id);
      return inRoot(a) ? a + ".id" : Hcl.str(id.value());
    }

    /**
     * An EDIT instruction: {@code block}'s arguments are to be set on the user's resource at {@code address}
     * (written as comments: adding a second resource for the same settings would fight the user's one at
     * every apply, e.g. storage network rules in-line and as azurerm_storage_account_network_rules).
     */
    void edit(String address, List<String> why, String what, Block block) {
      StringBuilder sb = new StringBuilder();
      sb.append("# EDIT ").append(address).append(" (declared by your configuration")
          .append(inRoot(address) ? "" : ", in " + modulePath(address)).append("):\n");
      sb.append("#   ").append(what.replaceAll("\\s+", " ").strip()).append('\n');
      for (String w : why) {
        sb.append("#   why: ").append(w.replaceAll("\\s+", " ").strip()).append('\n');
      }
      StringBuilder body = new StringBuilder();
      block.render(body, 0);
      for (String line : body.toString().split("\n")) {
        sb.append("#   ").append(line).append('\n');
      }
      editsToConfig.add(sb.toString());
    }

    private static List<String> why(Change c) {
      return c == null ? List.of() : List.of(Edits.describe(c));
    }

    private static final Pattern MODULE_PATH =
        Pattern.compile("module\\.[A-Za-z0-9_-]+(\\[[^\\]]*\\])?(\\.module\\.[A-Za-z0-9_-]+(\\[[^\\]]*\\])?)*");

    /** {@code module.a["x"].module.b} of {@code module.a["x"].module.b.azurerm_subnet.s}. */
    static String modulePath(String address) {
      Matcher m = MODULE_PATH.matcher(address);
      return m.lookingAt() ? m.group() : "";
    }

    String name(String type, String base) {
      String n = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_").replaceAll("_+", "_");
      if (n.isEmpty() || !Character.isLetter(n.charAt(0))) {
        n = "r_" + n;
      }
      Set<String> used = usedNames.computeIfAbsent(type, k -> new HashSet<>());
      String u = n;
      for (int i = 2; !used.add(u); i++) {
        u = n + "_" + i;
      }
      return u;
    }

    /** An azurerm resource managed through the provider alias of {@code scope}'s subscription. */
    Block resource(String type, String base, Change why, ResourceId scope) {
      Block b = new Block("resource", type, name(type, base)).attr("provider", providerRef(scope));
      blocks.add(b);
      comments.add(why == null ? null : Edits.describe(why));
      return b;
    }

    /** {@code azurerm.<alias>} of a resource's subscription (one aliased provider per subscription). */
    /**
     * The {@code provider} meta-argument of a block for a resource in {@code scope}'s subscription: the alias this
     * output declares, or none for Terraform input (the blocks join the user's configuration, which declares no such
     * alias: a reference to an undeclared provider configuration is an error).
     */
    String providerRef(ResourceId scope) {
      return tfInput() ? null : provider(scope);
    }

    String provider(ResourceId scope) {
      String sub = scope.subscription().toLowerCase(Locale.ROOT);
      String alias = aliases.get(sub);
      if (alias == null) {
        String base = "sub_" + sub.replaceAll("[^a-z0-9]", "").substring(0, Math.min(8, sub.replaceAll("[^a-z0-9]", "").length()));
        alias = aliases.containsValue(base) ? "sub_" + sub.replaceAll("[^a-z0-9]", "_") : base;
        aliases.put(sub, alias);
      }
      return "azurerm." + alias;
    }

    /** Blocks written before resources ({@code import} blocks for resources that exist already). */
    final List<String> imports = new ArrayList<>();

    /** Replaces the comment written above a block. */
    void setComment(Block b, String comment) {
      comments.set(blocks.indexOf(b), comment);
    }

    String addressOf(Block b) {
      String[] parts = b.header.split(" ");
      return parts[1].replace("\"", "") + "." + parts[2].replace("\"", "");
    }

    /** The blocks written for each change (issue 17 §7: {@code depends_on} between changes). */
    final Map<Change, List<Block>> blocksOf = new java.util.LinkedHashMap<>();

    private void track(List<? extends Change> changes, Runnable emit) {
      int from = blocks.size();
      emit.run();
      for (Change c : changes) {
        blocksOf.computeIfAbsent(c, k -> new ArrayList<>()).addAll(blocks.subList(from, blocks.size()));
      }
    }

    String write() {
      for (Change c : plan.changes()) {
        if (c instanceof CreateNatGateway n) {
          track(List.of(c), () -> nat(n));
        } else if (c instanceof CreateOutboundLoadBalancer lb) {
          track(List.of(c), () -> lb(lb));
        }
      }
      for (ResourceId pip : edits.referencedPublicIps()) {
        if (!created.containsKey(pip) && !inRoot(declared(pip))) {
          String n = name("data.azurerm_public_ip", pip.name());
          Block d = new Block("data", "azurerm_public_ip", n).attr("provider", providerRef(pip)).attr("name", Hcl.str(pip.name()))
              .attr("resource_group_name", Hcl.str(pip.resourceGroup()));
          blocks.add(d);
          comments.add("Existing public IP " + pip.value() + " (not created by this plan)");
          pipData.put(pip, "data.azurerm_public_ip." + n);
        }
      }
      List<AddFirewallRule> firewallRules = new ArrayList<>();
      for (Change c : plan.changes()) {
        if (c instanceof AddFirewallRule f) {
          firewallRules.add(f);
        }
      }
      // one firewall at a time, so that depends_on names only the rules of the firewall a route sends traffic to
      Map<ResourceId, List<AddFirewallRule>> byFirewall = new TreeMap<>();
      firewallRules.forEach(f -> byFirewall.computeIfAbsent(f.firewall(), k -> new ArrayList<>()).add(f));
      byFirewall.values().forEach(fs -> track(fs, () -> FirewallBlocks.emit(this, fs)));
      for (Change c : plan.changes()) {
        if (c instanceof RouteToFirewall r) {
          track(List.of(c), () -> route(r));
        } else if (c instanceof AddServiceEndpoint e) {
          track(List.of(c), () -> endpoint(e));
        } else if (c instanceof AddManagedPrivateEndpointRule m) {
          track(List.of(c), () -> outboundRule(m));
        } else if (c instanceof AddNsgRule n) {
          track(List.of(c), () -> nsgRule(n));
        }
      }
      for (Edits.TargetEdit t : edits.targets()) {
        track(t.changes(), () -> target(t));
      }
      dependsOn();
      StringBuilder out = new StringBuilder();
      if (tfInput()) {
        return writeForConfiguration(out);
      }
      out.append("# Generated by allowpath: ").append(plan.changes().size()).append(" change(s). Review before applying.\n");
      out.append("# A root module: save as main.tf, then terraform init && terraform plan && terraform apply.\n");
      out.append("# One azurerm provider alias per subscription; azapi (2.x) for partial updates azurerm cannot express.\n");
      SideEffectNotes.lines(plan).forEach(l -> out.append("# ").append(l.replaceAll("\\s+", " ").strip()).append('\n')); // issue 17 §5
      out.append('\n');
      out.append("terraform {\n  required_providers {\n");
      out.append("    azurerm = {\n      source  = \"hashicorp/azurerm\"\n      version = \"").append(AZURERM_VERSION).append("\"\n    }\n");
      out.append("    azapi = {\n      source  = \"Azure/azapi\"\n      version = \"").append(AZAPI_VERSION).append("\"\n    }\n");
      out.append("  }\n  required_version = \">= 1.5\"\n}\n");
      if (needsClientConfig && aliases.isEmpty()) {
        provider(firstScope());
      }
      for (Map.Entry<String, String> a : aliases.entrySet()) {
        out.append("\nprovider \"azurerm\" {\n  alias           = ").append(Hcl.str(a.getValue())).append('\n')
            .append("  subscription_id = ").append(Hcl.str(a.getKey())).append('\n').append("  features {}\n}\n");
      }
      out.append("\nprovider \"azapi\" {}\n");
      if (needsClientConfig) {
        out.append("\ndata \"azurerm_client_config\" \"current\" {\n  provider = ")
            .append("azurerm.").append(aliases.values().iterator().next()).append("\n}\n");
      }
      appendImportsAndBlocks(out);
      return out.toString();
    }

    /** The import blocks, then every block with its comment lines. */
    private void appendImportsAndBlocks(StringBuilder out) {
      for (String imp : imports) {
        out.append('\n').append(imp);
      }
      for (int i = 0; i < blocks.size(); i++) {
        out.append('\n');
        if (comments.get(i) != null) {
          for (String line : comments.get(i).split("\n")) {
            out.append("# ").append(line.replaceAll("\\s+", " ").strip()).append('\n');
          }
        }
        blocks.get(i).render(out, 0);
      }
    }

    /**
     * The output for an estate read from Terraform: blocks to add to the user's root module (no terraform or
     * provider blocks: the configuration has them; references to the user's root-module resources by
     * address), then the EDIT instructions for resources the configuration declares.
     */
    private String writeForConfiguration(StringBuilder out) {
      out.append("# Generated by allowpath for a Terraform configuration: ").append(plan.changes().size())
          .append(" change(s). Review before applying.\n");
      out.append("# Add the blocks below to your root module (e.g. as allowpath-fixes.tf; it uses your azurerm and azapi\n");
      out.append("# providers), and make each EDIT by hand in the resource it names: your configuration declares those\n");
      out.append("# resources, so a second resource setting the same arguments would be undone at the next apply.\n");
      if (needsClientConfig) {
        out.append("\ndata \"azurerm_client_config\" \"current\" {}\n");
      }
      appendImportsAndBlocks(out);
      for (String e : editsToConfig) {
        out.append('\n').append(e);
      }
      return out.toString();
    }

    /**
     * {@code depends_on} for the apply order ({@link ApplyOrder}): each resource of a change lists the resources
     * of the changes it must wait for, unless it already refers to them (Terraform orders references itself).
     */
    private void dependsOn() {
      Map<Block, Set<String>> extra = new java.util.LinkedHashMap<>();
      for (ApplyOrder.Dependency d : ApplyOrder.of(plan)) {
        for (Block b : blocksOf.getOrDefault(d.after(), List.of())) {
          if (!b.header.startsWith("resource ") || blocksOf.getOrDefault(d.before(), List.of()).contains(b)) {
            continue;
          }
          StringBuilder text = new StringBuilder();
          b.render(text, 0);
          for (Block a : blocksOf.getOrDefault(d.before(), List.of())) {
            String addr = addressOf(a);
            if (a.header.startsWith("resource ") && !text.toString().contains(addr + ".")) {
              extra.computeIfAbsent(b, k -> new java.util.TreeSet<>()).add(addr);
            }
          }
        }
      }
      extra.forEach((b, addrs) -> b.attr("depends_on", "[" + String.join(", ", addrs) + "]"));
    }

    private Block publicIp(ResourceId pip, String location, Change c) {
      Block b = resource("azurerm_public_ip", pip.name(), c, pip).attr("name", Hcl.str(pip.name()))
          .attr("resource_group_name", Hcl.str(pip.resourceGroup())).attr("location", Hcl.str(location))
          .attr("allocation_method", Hcl.str("Static")).attr("sku", Hcl.str("Standard"));
      created.put(pip, addressOf(b));
      return b;
    }

    private void nat(CreateNatGateway n) {
      Block pip = publicIp(n.publicIp(), n.location(), n);
      Block ng = resource("azurerm_nat_gateway", n.natGateway().name(), null, n.natGateway()).attr("name", Hcl.str(n.natGateway().name()))
          .attr("resource_group_name", Hcl.str(n.natGateway().resourceGroup())).attr("location", Hcl.str(n.location()))
          .attr("sku_name", Hcl.str("Standard")).attr("idle_timeout_in_minutes", "4");
      created.put(n.natGateway(), addressOf(ng));
      resource("azurerm_nat_gateway_public_ip_association", n.natGateway().name(), null, n.natGateway())
          .attr("nat_gateway_id", addressOf(ng) + ".id").attr("public_ip_address_id", addressOf(pip) + ".id");
      for (Subnet s : n.subnets()) {
        String assoc = joined(s.id(), "azurerm_subnet_nat_gateway_association");
        if (assoc != null) {
          // one NAT gateway per subnet: a second association resource would fight this one
          edit(assoc, why(n), "point the subnet at the new NAT gateway",
              new Block("resource", "azurerm_subnet_nat_gateway_association", assoc.substring(assoc.lastIndexOf('.') + 1))
                  .attr("nat_gateway_id", addressOf(ng) + ".id"));
          continue;
        }
        resource("azurerm_subnet_nat_gateway_association", s.id().parent().name() + "_" + s.id().name(), null, s.id())
            .attr("subnet_id", idExpr(s.id())).attr("nat_gateway_id", addressOf(ng) + ".id");
      }
    }

    private void lb(CreateOutboundLoadBalancer c) {
      Block pip = publicIp(c.publicIp(), c.location(), c);
      Block lb = resource("azurerm_lb", c.loadBalancer().name(), null, c.loadBalancer()).attr("name", Hcl.str(c.loadBalancer().name()))
          .attr("resource_group_name", Hcl.str(c.loadBalancer().resourceGroup())).attr("location", Hcl.str(c.location()))
          .attr("sku", Hcl.str("Standard"))
          .block(new Block("frontend_ip_configuration").attr("name", Hcl.str(c.frontend()))
              .attr("public_ip_address_id", addressOf(pip) + ".id"));
      created.put(c.loadBalancer(), addressOf(lb));
      Block pool = resource("azurerm_lb_backend_address_pool", c.loadBalancer().name() + "_" + c.backendPool(), null, c.loadBalancer())
          .attr("name", Hcl.str(c.backendPool())).attr("loadbalancer_id", addressOf(lb) + ".id");
      resource("azurerm_lb_outbound_rule", c.loadBalancer().name() + "_" + c.outboundRule(), null, c.loadBalancer())
          .attr("name", Hcl.str(c.outboundRule())).attr("loadbalancer_id", addressOf(lb) + ".id")
          .attr("protocol", Hcl.str("All")).attr("backend_address_pool_id", addressOf(pool) + ".id")
          .attr("tcp_reset_enabled", "true").attr("idle_timeout_in_minutes", "4")
          .block(new Block("frontend_ip_configuration").attr("name", Hcl.str(c.frontend())));
      int last = comments.size() - 1;
      comments.set(last, "Then set load_balancer_id / load_balancer_backend_address_pool_id on Databricks workspace "
          + c.workspace().value() + " (Azure accepts them only when the workspace is created)");
    }

    private void route(RouteToFirewall r) {
      String table = declared(r.routeTable());
      if (table != null) {
        // the configuration declares the route table: the route is added there (in-line route blocks and
        // azurerm_route resources for the same table conflict, so the user's form is kept)
        edit(table, why(r), "add this route (as a route block, or as an azurerm_route resource if the table's routes are "
            + "separate resources)", new Block("route").attr("name", Hcl.str("default-to-firewall"))
                .attr("address_prefix", Hcl.str("0.0.0.0/0")).attr("next_hop_type", Hcl.str("VirtualAppliance"))
                .attr("next_hop_in_ip_address", Hcl.str(r.firewallPrivateIp())));
        for (Subnet s : r.subnets()) {
          String assoc = joined(s.id(), "azurerm_subnet_route_table_association");
          if (assoc != null) {
            edit(assoc, List.of(), "associate the subnet with the route table",
                new Block("resource", "azurerm_subnet_route_table_association", assoc.substring(assoc.lastIndexOf('.') + 1))
                    .attr("route_table_id", inRoot(table) ? table + ".id" : Hcl.str(r.routeTable().value())));
          } else if (s.routeTable() == null || !s.routeTable().equals(r.routeTable())) {
            resource("azurerm_subnet_route_table_association", s.id().parent().name() + "_" + s.id().name(), null, s.id())
                .attr("subnet_id", idExpr(s.id())).attr("route_table_id", idExpr(r.routeTable()));
          }
        }
        return;
      }
      Block rt = resource("azurerm_route_table", r.routeTable().name(), r, r.routeTable()).attr("name", Hcl.str(r.routeTable().name()))
          .attr("resource_group_name", Hcl.str(r.routeTable().resourceGroup())).attr("location", Hcl.str(r.location()))
          .block(new Block("route").attr("name", Hcl.str("default-to-firewall")).attr("address_prefix", Hcl.str("0.0.0.0/0"))
              .attr("next_hop_type", Hcl.str("VirtualAppliance")).attr("next_hop_in_ip_address", Hcl.str(r.firewallPrivateIp())));
      created.put(r.routeTable(), addressOf(rt));
      for (Subnet s : r.subnets()) {
        String assoc = joined(s.id(), "azurerm_subnet_route_table_association");
        if (assoc != null) {
          edit(assoc, List.of(), "associate the subnet with the new route table",
              new Block("resource", "azurerm_subnet_route_table_association", assoc.substring(assoc.lastIndexOf('.') + 1))
                  .attr("route_table_id", addressOf(rt) + ".id"));
          continue;
        }
        resource("azurerm_subnet_route_table_association", s.id().parent().name() + "_" + s.id().name(), null, s.id())
            .attr("subnet_id", idExpr(s.id())).attr("route_table_id", addressOf(rt) + ".id");
      }
    }

    /**
     * An NSG's new outbound rule: {@code azurerm_network_security_rule} (name, resource_group_name,
     * network_security_group_name, priority, direction, access, protocol, source_port_range, and the singular or
     * plural address and port arguments; hashicorp/terraform-provider-azurerm
     * internal/services/network/network_security_rule_resource.go). When the user's configuration declares the NSG,
     * the rule is an EDIT instruction instead: the provider does not allow in-line {@code security_rule} blocks and
     * rule resources on one NSG together, so the user's form is kept.
     */
    private void nsgRule(AddNsgRule n) {
      String nsg = declared(n.nsg());
      if (nsg != null) {
        Block rule = new Block("security_rule");
        nsgRuleArgs(rule, n, true);
        edit(nsg, why(n), "add this outbound rule (as a security_rule block, or as an azurerm_network_security_rule "
            + "resource if the NSG's rules are separate resources)", rule);
        return;
      }
      Block b = resource("azurerm_network_security_rule", n.nsg().name() + "_" + n.name(), n, n.nsg())
          .attr("name", Hcl.str(n.name())).attr("resource_group_name", Hcl.str(n.nsg().resourceGroup()))
          .attr("network_security_group_name", Hcl.str(n.nsg().name()));
      nsgRuleArgs(b, n, false);
    }

    private static void nsgRuleArgs(Block b, AddNsgRule n, boolean inline) {
      if (inline) {
        b.attr("name", Hcl.str(n.name()));
      }
      b.attr("description", Hcl.str(n.description())).attr("priority", String.valueOf(n.priority()))
          .attr("direction", Hcl.str(AddNsgRule.DIRECTION)).attr("access", Hcl.str(AddNsgRule.ACCESS))
          .attr("protocol", Hcl.str(AddNsgRule.PROTOCOL)).attr("source_port_range", Hcl.str("*"));
      one(b, "source_address_prefix", n.sources());
      one(b, "destination_address_prefix", n.destinations());
      if (n.ports().size() == 1) {
        b.attr("destination_port_range", Hcl.str(n.ports().get(0)));
      } else {
        b.attr("destination_port_ranges", Hcl.list(n.ports().stream().map(Hcl::str).toList()));
      }
    }

    private static void one(Block b, String arg, List<String> values) {
      if (values.size() == 1) {
        b.attr(arg, Hcl.str(values.get(0)));
      } else {
        b.attr(arg + "es", Hcl.list(values.stream().map(Hcl::str).toList()));
      }
    }

    /**
     * A managed-network private endpoint rule. {@code azurerm_machine_learning_workspace_network_outbound_rule_private_endpoint}
     * accepts only some targets: {@code sub_resource_target} in vault, amlworkspace, blob, table, queue, file, web, dfs,
     * redisCache, and only for the matching provider (resourceTypeSupportSubResType in
     * internal/services/machinelearning/machine_learning_workspace_network_outbound_rule_private_endpoint_resource.go,
     * hashicorp/terraform-provider-azurerm @db19f373). Every other target is an {@code azapi_resource} of type
     * {@code workspaces/outboundRules}, with a comment saying why.
     */
    private void outboundRule(AddManagedPrivateEndpointRule m) {
      if (azurermSupportsPrivateEndpointRule(m.target(), m.subresourceTarget())) {
        resource("azurerm_machine_learning_workspace_network_outbound_rule_private_endpoint", m.ruleName(), m, m.workspace())
            .attr("name", Hcl.str(m.ruleName())).attr("workspace_id", idExpr(m.workspace()))
            .attr("service_resource_id", idExpr(m.target())).attr("sub_resource_target", Hcl.str(m.subresourceTarget()))
            .attr("spark_enabled", "false");
        return;
      }
      usesAzapi = true;
      Node.Obj body = Node.obj().put("properties", Node.obj().put("type", "PrivateEndpoint").put("category", "UserDefined")
          .put("destination", Node.obj().put("serviceResourceId", m.target().value())
              .put("subresourceTarget", m.subresourceTarget()).put("sparkEnabled", false).build())
          .build()).build();
      Block b = new Block("resource", "azapi_resource", name("azapi_resource", m.ruleName()))
          .attr("type", Hcl.str("Microsoft.MachineLearningServices/workspaces/outboundRules@" + ApiVersions.ML))
          .attr("name", Hcl.str(m.ruleName())).attr("parent_id", idExpr(m.workspace())).attr("body", hcl(body, 0));
      blocks.add(b);
      comments.add(Edits.describe(m) + "\nazapi_resource, not azurerm: the azurerm outbound rule resource accepts sub_resource_target "
          + "only for Key Vault (vault), Storage (blob, table, queue, file, web, dfs), Redis (redisCache) and AML workspaces "
          + "(amlworkspace), not '" + m.subresourceTarget() + "' on " + m.target().type());
    }

    /** Provider namespace → sub-resources the azurerm outbound rule resource accepts (see {@link #outboundRule}). */
    static final Map<String, Set<String>> AZURERM_PE_TARGETS = Map.of(
        "microsoft.keyvault", Set.of("vault"),
        "microsoft.cache", Set.of("rediscache"),
        "microsoft.machinelearningservices", Set.of("amlworkspace"),
        "microsoft.storage", Set.of("blob", "table", "queue", "file", "web", "dfs"));

    static boolean azurermSupportsPrivateEndpointRule(ResourceId target, String subresource) {
      String ns = target.type().substring(0, target.type().indexOf('/')).toLowerCase(Locale.ROOT);
      return AZURERM_PE_TARGETS.getOrDefault(ns, Set.of()).contains(subresource.toLowerCase(Locale.ROOT));
    }

    ResourceId firstScope() {
      return plan.changes().get(0).resource();
    }

    private void endpoint(AddServiceEndpoint e) {
      Subnet after = edits.subnets().stream().filter(s -> s.id().equals(e.subnet().id())).findFirst().orElse(e.subnet());
      List<Node> eps = new ArrayList<>();
      for (ServiceEndpoint se : after.serviceEndpoints()) {
        eps.add(Node.obj().put("service", se.service()).build());
      }
      String sub = declared(e.subnet().id());
      if (sub != null && sub.contains("azurerm_subnet.")) {
        Block b = new Block("resource", "azurerm_subnet", sub.substring(sub.lastIndexOf('.') + 1));
        List<String> services = after.serviceEndpoints().stream().map(ServiceEndpoint::service).toList();
        Map<String, String> m = tf.get(e.subnet().id());
        if (m != null && "5".equals(m.get(TerraformAdapter.SCHEMA_KEY))) {
          // azurerm 5.x replaced the service_endpoints list with service_endpoint blocks (subnet_resource.go;
          // website/docs/guides/5.0-upgrade-guide: "removed in favour of the service_endpoint block")
          services.forEach(svc -> b.block(new Block("service_endpoint").attr("service", Hcl.str(svc))));
          edit(sub, why(e), "set the service_endpoint blocks (one per service, the full set: existing endpoints are "
              + "kept; keep any network_identifier your blocks set)", b);
          return;
        }
        edit(sub, why(e), "set service_endpoints (the full list: existing endpoints are kept)",
            b.attr("service_endpoints", Hcl.strings(services)));
        return;
      }
      azapi("Microsoft.Network/virtualNetworks/subnets@" + ApiVersions.NETWORK, e.subnet().id(),
          Node.obj().put("properties", Node.obj().put("serviceEndpoints", Node.arr(eps)).build()).build(),
          e.subnet().id().parent().name() + "_" + e.subnet().id().name(), List.of(Edits.describe(e),
              "serviceEndpoints replaces the list: existing endpoints are kept"));
    }

    private void azapi(String type, ResourceId id, Node.Obj body, String base, List<String> notes) {
      String own = declared(id);
      if (own != null) {
        // azapi_update_resource on a resource the configuration declares would be undone by its next apply
        Block b = new Block("properties");
        ((Node.Obj) body.fields().get("properties")).fields().forEach((k, v) -> b.attr(k, hcl(v, 0)));
        edit(own, notes, "set the matching arguments so that the resource's ARM properties (" + type + ") become "
            + "these (an azapi_update_resource would be undone by the next apply of this resource)", b);
        return;
      }
      usesAzapi = true;
      Block b = new Block("resource", "azapi_update_resource", name("azapi_update_resource", base))
          .attr("type", Hcl.str(type)).attr("resource_id", idExpr(id)).attr("body", hcl(body, 0));
      blocks.add(b);
      List<String> c = new ArrayList<>(notes);
      c.add("azurerm has no standalone resource for this partial change: azapi_update_resource merges the body "
          + "into the existing resource");
      comments.add(String.join("\n", c));
    }

    private void target(Edits.TargetEdit t) {
      t.target().accept(new Target.Otherwise<Void>() {
        @Override
        public Void storage(StorageAccount s) {
          storageTarget(t, s);
          return null;
        }

        @Override
        public Void sql(SqlServer sql) {
          sqlTarget(t, sql);
          return null;
        }

        @Override
        protected Void otherwise(Target other) {
          azapiTarget(t);
          return null;
        }
      });
    }

    /** A storage account: {@code azurerm_storage_account_network_rules} with the full lists, or an EDIT of the user's. */
    private void storageTarget(Edits.TargetEdit t, StorageAccount s) {
      {
        NetworkRules r = t.rules();
        List<String> ips = new ArrayList<>();
        t.mergedIps().forEach(a -> ips.add(expr(a)));
        List<String> subnets = t.mergedSubnets().stream().map(id -> Hcl.str(id.value())).toList();
        String bypass = r.bypass() == null ? "AzureServices" : r.bypass();
        String account = declared(s.id());
        if (account != null) {
          storageEdit(t, s, account, ips, bypass);
          return;
        }
        Block b = new Block("resource", "azurerm_storage_account_network_rules", name("azurerm_storage_account_network_rules", s.id().name()))
            .attr("provider", providerRef(s.id()))
            .attr("storage_account_id", Hcl.str(s.id().value()))
            .attr("default_action", Hcl.str(r.defaultAction() == null ? "Allow" : r.defaultAction()))
            .attr("bypass", Hcl.strings(Arrays.stream(bypass.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList()))
            .attr("ip_rules", Hcl.list(ips)).attr("virtual_network_subnet_ids", Hcl.list(subnets));
        for (ResourceId ra : s.resourceAccessRules()) {
          needsClientConfig = true;
          b.block(new Block("private_link_access").attr("endpoint_resource_id", Hcl.str(ra.value()))
              .attr("endpoint_tenant_id", "data.azurerm_client_config.current.tenant_id"));
        }
        blocks.add(b);
        List<String> c = new ArrayList<>();
        t.changes().forEach(ch -> c.add(Edits.describe(ch)));
        c.add("ip_rules and virtual_network_subnet_ids are the full lists (existing + new); do not also set "
            + "network_rules on the azurerm_storage_account");
        comments.add(String.join("\n", c));
      }
    }

    /** A SQL server: one firewall rule or VNet rule resource per change. */
    private void sqlTarget(Edits.TargetEdit t, SqlServer sql) {
      {
        for (AddIpRule a : t.ipRules()) {
          String n = Edits.ruleName(a.name(), a.address());
          resource("azurerm_mssql_firewall_rule", sql.id().name() + "_" + n, a, sql.id()).attr("name", Hcl.str(n))
              .attr("server_id", idExpr(sql.id())).attr("start_ip_address", expr(a.address()))
              .attr("end_ip_address", expr(a.endAddress() == null ? a.address() : a.endAddress()));
        }
        for (AddVnetRule v : t.vnetRules()) {
          String n = Edits.vnetRuleName(v.name(), v.subnet());
          resource("azurerm_mssql_virtual_network_rule", sql.id().name() + "_" + n, v, sql.id()).attr("name", Hcl.str(n))
              .attr("server_id", idExpr(sql.id())).attr("subnet_id", idExpr(v.subnet()));
        }
      }
    }

    /** Any other service: an {@code azapi_update_resource} merging the rule changes into the resource. */
    private void azapiTarget(Edits.TargetEdit t) {
      for (ResourceSpec r : ArmSpecs.target(t)) {
        Node.Obj props = (Node.Obj) r.body().fields().get("properties");
        Node.ObjBuilder kept = Node.obj();
        props.fields().forEach((k, v) -> {
          if (!AZAPI_DROP.contains(k)) {
            kept.put(k, v);
          }
        });
        List<String> notes = new ArrayList<>(r.notes().stream().filter(n -> !n.startsWith("REVIEW: a ")).toList());
        azapi(r.type() + "@" + r.apiVersion(), r.id(), Node.obj().put("properties", kept.build()).build(),
            r.isChild() ? r.id().parent().name() : r.id().name(), notes);
      }
    }

    private String expr(AddressRef a) {
      if (a.isLiteral()) {
        return Hcl.str(a.literal());
      }
      String c = created.get(a.publicIp());
      String d = pipData.get(a.publicIp());
      return (c != null ? c : d != null ? d : declared(a.publicIp())) + ".ip_address";
    }

    /**
     * Storage rules of an account the configuration declares: the user's azurerm_storage_account_network_rules
     * when it has one, else the account's in-line network_rules block. Never a new rules resource: the provider
     * says an account with in-line network rules cannot also have a network rules resource (they overwrite
     * each other; website/docs/r/storage_account_network_rules.html.markdown, hashicorp/terraform-provider-azurerm).
     */
    private void storageEdit(Edits.TargetEdit t, StorageAccount s, String account, List<String> ips, String bypass) {
      NetworkRules r = t.rules();
      String rules = joined(s.id(), "azurerm_storage_account_network_rules");
      String target = rules != null ? rules : account;
      Block b = rules != null
          ? new Block("resource", "azurerm_storage_account_network_rules", rules.substring(rules.lastIndexOf('.') + 1))
          : new Block("network_rules");
      b.attr("default_action", Hcl.str(r.defaultAction() == null ? "Allow" : r.defaultAction()))
          .attr("bypass", Hcl.strings(Arrays.stream(bypass.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList()))
          .attr("ip_rules", Hcl.list(ips))
          .attr("virtual_network_subnet_ids", Hcl.list(t.mergedSubnets().stream().map(this::idExpr).toList()));
      List<String> why = new ArrayList<>();
      t.changes().forEach(ch -> why.add(Edits.describe(ch)));
      edit(target, why, rules != null ? "set these arguments (full lists: existing + new)"
          : "set these arguments in the account's network_rules block (full lists: existing + new; the provider "
              + "does not allow an azurerm_storage_account_network_rules resource next to in-line rules)", b);
    }

    private String hcl(Node n, int depth) {
      String ind = "  ".repeat(depth);
      if (n instanceof Node.Str s) {
        return Hcl.str(s.value());
      } else if (n instanceof Node.Num x) {
        return Long.toString(x.value());
      } else if (n instanceof Node.Bool b) {
        return Boolean.toString(b.value());
      } else if (n instanceof Node.Arr a) {
        if (a.items().isEmpty()) {
          return "[]";
        }
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = 0; i < a.items().size(); i++) {
          sb.append(ind).append("  ").append(hcl(a.items().get(i), depth + 1)).append(i + 1 < a.items().size() ? ",\n" : "\n");
        }
        return sb.append(ind).append(']').toString();
      } else if (n instanceof Node.Obj o) {
        if (o.fields().isEmpty()) {
          return "{}";
        }
        // keys of consecutive one-line values aligned, as terraform fmt does
        List<String[]> items = new ArrayList<>();
        for (Map.Entry<String, Node> e : o.fields().entrySet()) {
          items.add(new String[] {e.getKey().matches("[A-Za-z_][A-Za-z0-9_-]*") ? e.getKey() : Hcl.str(e.getKey()),
              hcl(e.getValue(), depth + 1)});
        }
        StringBuilder sb = new StringBuilder("{\n");
        for (int i = 0; i < items.size(); i++) {
          String[] it = items.get(i);
          int width = 0;
          if (!it[1].contains("\n")) {
            for (int j = i; j < items.size() && !items.get(j)[1].contains("\n"); j++) {
              width = Math.max(width, items.get(j)[0].length());
            }
            for (int j = i - 1; j >= 0 && !items.get(j)[1].contains("\n"); j--) {
              width = Math.max(width, items.get(j)[0].length());
            }
          }
          sb.append(ind).append("  ").append(it[0]).append(" ".repeat(Math.max(0, width - it[0].length()))).append(" = ")
              .append(it[1]).append('\n');
        }
        return sb.append(ind).append('}').toString();
      } else if (n instanceof Node.PipAddress p) {
        return expr(AddressRef.publicIp(p.publicIp(), false));
      } else if (n instanceof Node.IdOf i) {
        String c = created.get(i.id());
        return c != null ? c + ".id" : Hcl.str(i.id().value());
      } else if (n instanceof Node.Tenant) {
        needsClientConfig = true;
        return "data.azurerm_client_config.current.tenant_id";
      } else if (n instanceof Node.Concat c) {
        StringBuilder sb = new StringBuilder("\"");
        for (Node p : c.parts()) {
          if (p instanceof Node.Str s) {
            String q = Hcl.str(s.value());
            sb.append(q, 1, q.length() - 1);
          } else {
            sb.append("${").append(hcl(p, depth)).append('}');
          }
        }
        return sb.append('"').toString();
      }
      throw new IllegalArgumentException("cannot render " + n);
    }
  }
}
