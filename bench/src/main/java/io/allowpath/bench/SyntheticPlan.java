package io.allowpath.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A synthetic Terraform plan in the shape of {@code terraform show -json} (format 1.2) for the ingest
 * benchmark: {@code units} copies of a ten-resource AML spoke created with {@code count} (VNet, subnet,
 * public IP, NAT gateway, both NAT associations, route table, storage account whose IP rule is the NAT
 * address, key vault, compute cluster), every id and the public IP addresses known only after apply
 * (so the adapter resolves each reference through {@code configuration}), plus one workspace.
 */
final class SyntheticPlan {
  private SyntheticPlan() {}

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String AZ = "registry.terraform.io/hashicorp/azurerm";

  /** Writes the plan; returns its resource count. */
  static int write(Path file, int units) throws IOException {
    ObjectNode plan = F.objectNode().put("format_version", "1.2").put("terraform_version", "1.9.4");
    ArrayNode planned = plan.putObject("planned_values").putObject("root_module").putArray("resources");
    ArrayNode changes = plan.putArray("resource_changes");
    int n = 0;
    add(planned, changes, "azurerm_machine_learning_workspace", "w", null, F.objectNode().put("name", "mlw-bench")
        .put("location", "eastus").put("resource_group_name", "rg-bench").put("public_network_access_enabled", true)
        .put("sku_name", "Basic"), F.objectNode().put("id", true));
    n++;
    for (int i = 0; i < units; i++) {
      String rg = "rg-spoke-" + (i % 50);
      int a = 10 + i / 250;
      int b = i % 250;
      add(planned, changes, "azurerm_virtual_network", "vnet", i, F.objectNode().put("name", "vnet-" + i).put("location", "eastus")
          .put("resource_group_name", rg).set("address_space", F.arrayNode().add(a + "." + b + ".0.0/16")), unknown("id", "guid"));
      add(planned, changes, "azurerm_subnet", "snet", i, F.objectNode().put("name", "snet-train").put("resource_group_name", rg)
          .put("virtual_network_name", "vnet-" + i).put("default_outbound_access_enabled", true)
          .set("address_prefixes", F.arrayNode().add(a + "." + b + ".1.0/24")), unknown("id"));
      add(planned, changes, "azurerm_public_ip", "pip", i, F.objectNode().put("name", "pip-nat-" + i).put("location", "eastus")
          .put("resource_group_name", rg).put("allocation_method", "Static").put("sku", "Standard"), unknown("id", "ip_address", "fqdn"));
      add(planned, changes, "azurerm_nat_gateway", "ng", i, F.objectNode().put("name", "ng-" + i).put("location", "eastus")
          .put("resource_group_name", rg).put("sku_name", "Standard"), unknown("id", "resource_guid"));
      add(planned, changes, "azurerm_nat_gateway_public_ip_association", "ngpip", i, F.objectNode().putNull("timeouts"),
          unknown("id", "nat_gateway_id", "public_ip_address_id"));
      add(planned, changes, "azurerm_subnet_nat_gateway_association", "sng", i, F.objectNode().putNull("timeouts"),
          unknown("id", "nat_gateway_id", "subnet_id"));
      ObjectNode rt = F.objectNode().put("name", "rt-" + i).put("location", "eastus").put("resource_group_name", rg);
      rt.putArray("route").addObject().put("name", "to-onprem").put("address_prefix", "192.168." + (i % 256) + ".0/24")
          .put("next_hop_type", "VirtualNetworkGateway").putNull("next_hop_in_ip_address");
      add(planned, changes, "azurerm_route_table", "rt", i, rt, unknown("id", "subnets"));
      ObjectNode st = F.objectNode().put("name", "stbench" + i).put("location", "westeurope").put("resource_group_name", rg)
          .put("account_tier", "Standard").put("account_replication_type", "LRS").put("account_kind", "StorageV2")
          .put("public_network_access_enabled", true);
      ObjectNode nr = st.putArray("network_rules").addObject().put("default_action", "Deny");
      nr.putArray("bypass").add("AzureServices");
      nr.putArray("ip_rules").addNull().add("20.1." + (i % 256) + ".0/24");
      nr.putArray("virtual_network_subnet_ids");
      nr.putArray("private_link_access");
      ObjectNode stUnknown = unknown("id", "primary_blob_endpoint");
      ObjectNode nru = stUnknown.putArray("network_rules").addObject();
      nru.putArray("ip_rules").add(true).add(false);
      add(planned, changes, "azurerm_storage_account", "st", i, st, stUnknown);
      ObjectNode kv = F.objectNode().put("name", "kv-bench-" + i).put("location", "eastus").put("resource_group_name", rg)
          .put("sku_name", "standard").put("tenant_id", "72f988bf-86f1-41af-91ab-2d7cd011db47").put("public_network_access_enabled", true);
      ObjectNode acl = kv.putArray("network_acls").addObject().put("default_action", "Deny").put("bypass", "AzureServices");
      acl.putArray("ip_rules").add("52.1." + (i % 256) + ".0/24");
      acl.putArray("virtual_network_subnet_ids");
      add(planned, changes, "azurerm_key_vault", "kv", i, kv, unknown("id", "vault_uri", "access_policy"));
      add(planned, changes, "azurerm_machine_learning_compute_cluster", "cc", i, F.objectNode().put("name", "cc-" + i)
          .put("location", "eastus").put("vm_size", "STANDARD_DS3_V2").put("node_public_ip_enabled", false),
          unknown("id", "machine_learning_workspace_id", "subnet_resource_id"));
      n += 10;
    }
    ObjectNode root = plan.putObject("configuration").putObject("root_module");
    ArrayNode cfg = root.putArray("resources");
    config(cfg, "azurerm_machine_learning_workspace", "w", false, F.objectNode());
    config(cfg, "azurerm_virtual_network", "vnet", true, F.objectNode());
    config(cfg, "azurerm_subnet", "snet", true, F.objectNode().set("virtual_network_name",
        refs("azurerm_virtual_network.vnet", "count.index")));
    config(cfg, "azurerm_public_ip", "pip", true, F.objectNode());
    config(cfg, "azurerm_nat_gateway", "ng", true, F.objectNode());
    config(cfg, "azurerm_nat_gateway_public_ip_association", "ngpip", true, F.objectNode()
        .<ObjectNode>set("nat_gateway_id", refs("azurerm_nat_gateway.ng", "count.index"))
        .set("public_ip_address_id", refs("azurerm_public_ip.pip", "count.index")));
    config(cfg, "azurerm_subnet_nat_gateway_association", "sng", true, F.objectNode()
        .<ObjectNode>set("nat_gateway_id", refs("azurerm_nat_gateway.ng", "count.index"))
        .set("subnet_id", refs("azurerm_subnet.snet", "count.index")));
    config(cfg, "azurerm_route_table", "rt", true, F.objectNode());
    ObjectNode stCfg = F.objectNode();
    stCfg.putArray("network_rules").addObject().set("ip_rules", refs("azurerm_public_ip.pip", "count.index"));
    config(cfg, "azurerm_storage_account", "st", true, stCfg);
    config(cfg, "azurerm_key_vault", "kv", true, F.objectNode());
    config(cfg, "azurerm_machine_learning_compute_cluster", "cc", true, F.objectNode()
        .<ObjectNode>set("machine_learning_workspace_id", refs("azurerm_machine_learning_workspace.w.id",
            "azurerm_machine_learning_workspace.w"))
        .set("subnet_resource_id", refs("azurerm_subnet.snet", "count.index")));
    plan.put("applyable", true).put("complete", true).put("errored", false);
    new ObjectMapper().writeValue(file.toFile(), plan);
    return n;
  }

  private static ObjectNode unknown(String... fields) {
    ObjectNode u = F.objectNode();
    for (String f : fields) {
      u.put(f, true);
    }
    return u;
  }

  private static ObjectNode refs(String... r) {
    ObjectNode o = F.objectNode();
    ArrayNode a = o.putArray("references");
    for (String s : r) {
      a.add(s);
    }
    return o;
  }

  private static void add(ArrayNode planned, ArrayNode changes, String type, String name, Integer index, ObjectNode values,
      ObjectNode afterUnknown) {
    String address = type + "." + name + (index == null ? "" : "[" + index + "]");
    ObjectNode p = planned.addObject().put("address", address).put("mode", "managed").put("type", type).put("name", name);
    if (index != null) {
      p.put("index", index);
    }
    p.put("provider_name", AZ).put("schema_version", 0).set("values", values);
    p.putObject("sensitive_values");
    ObjectNode c = changes.addObject().put("address", address).put("mode", "managed").put("type", type).put("name", name);
    if (index != null) {
      c.put("index", index);
    }
    c.put("provider_name", AZ);
    ObjectNode ch = c.putObject("change");
    ch.putArray("actions").add("create");
    ch.putNull("before");
    ch.set("after", values.deepCopy());
    ch.set("after_unknown", afterUnknown);
    ch.put("before_sensitive", false);
    ch.putObject("after_sensitive");
  }

  private static void config(ArrayNode cfg, String type, String name, boolean count, ObjectNode expressions) {
    ObjectNode r = cfg.addObject().put("address", type + "." + name).put("mode", "managed").put("type", type).put("name", name)
        .put("provider_config_key", "azurerm");
    r.set("expressions", expressions);
    r.put("schema_version", 0);
    if (count) {
      r.putObject("count_expression").putArray("references").add("var.spokes");
    }
  }
}
