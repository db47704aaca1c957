#!/usr/bin/env python3
"""Writes the hub-spoke fixtures: one estate as a Terraform plan (terraform show -json, format 1.2), as a state
(terraform show -json of the state) and as an ARM export (the REST shapes of the resource GETs), plus a plan that
deletes the ML spoke's default route; and the same three for a variant whose firewall is managed by a firewall
policy (created by the plan) with a rule collection group.
Run from this directory: python3 hub-spoke.gen.py"""
import copy, json

SUB = "6f1c2a3b-4d5e-4f60-8a71-9b2c3d4e5f60"
AZ = "registry.terraform.io/hashicorp/azurerm"
def rg(n): return f"/subscriptions/{SUB}/resourceGroups/{n}"
def net(g, t, n): return f"{rg(g)}/providers/Microsoft.Network/{t}/{n}"

HUB_VNET = net("rg-hub", "virtualNetworks", "vnet-hub")
FW_SUBNET = HUB_VNET + "/subnets/AzureFirewallSubnet"
FW_PIP = net("rg-hub", "publicIPAddresses", "pip-fw-hub")
FW = net("rg-hub", "azureFirewalls", "fw-hub")
ML_VNET = net("rg-spoke-ml", "virtualNetworks", "vnet-spoke-ml")
ML_SUBNET = ML_VNET + "/subnets/snet-train"
ML_RT = net("rg-spoke-ml", "routeTables", "rt-spoke-ml")
DBX_VNET = net("rg-spoke-dbx", "virtualNetworks", "vnet-spoke-dbx")
DBX_PUB = DBX_VNET + "/subnets/snet-dbx-host"
DBX_PRIV = DBX_VNET + "/subnets/snet-dbx-container"
DBX_RT = net("rg-spoke-dbx", "routeTables", "rt-spoke-dbx")
MLW = f"{rg('rg-spoke-ml')}/providers/Microsoft.MachineLearningServices/workspaces/mlw-spoke"
CPU = MLW + "/computes/cpu-cluster"
DBW = f"{rg('rg-spoke-dbx')}/providers/Microsoft.Databricks/workspaces/dbw-spoke"
def st(g, n): return f"{rg(g)}/providers/Microsoft.Storage/storageAccounts/{n}"
ST_DATA = st("rg-hub", "sthubdata")
ST_LOGS = st("rg-hub", "sthublogs")
ST_ARCHIVE = st("rg-spoke-ml", "stmlarchive")
FW_IP = "20.61.15.40"
FW_PRIVATE = "10.0.1.4"

# The storage accounts are in another region than the computes: Azure Storage IP rules do not apply to
# traffic from the same region (AZURE-EGRESS.md 4.1, [T1]).
# ---------------------------------------------------------------- Terraform: (module, type, name, values, expressions)
TF = []
def tf(module, typ, name, values, expr=None):
    TF.append((module, typ, name, values, expr or {}))
def ref(*r): return {"references": list(r)}

tf("", "azurerm_virtual_network", "hub", {"id": HUB_VNET, "name": "vnet-hub", "resource_group_name": "rg-hub",
   "location": "eastus", "address_space": ["10.0.0.0/16"], "dns_servers": [], "subnet": [], "tags": {}})
tf("", "azurerm_subnet", "firewall", {"id": FW_SUBNET, "name": "AzureFirewallSubnet", "resource_group_name": "rg-hub",
   "virtual_network_name": "vnet-hub", "address_prefixes": ["10.0.1.0/26"], "service_endpoints": [], "delegation": [],
   "default_outbound_access_enabled": True}, {"virtual_network_name": ref("azurerm_virtual_network.hub.name", "azurerm_virtual_network.hub")})
tf("", "azurerm_public_ip", "firewall", {"id": FW_PIP, "name": "pip-fw-hub", "resource_group_name": "rg-hub",
   "location": "eastus", "allocation_method": "Static", "sku": "Standard", "ip_address": FW_IP, "ip_version": "IPv4",
   "public_ip_prefix_id": None, "zones": []})
tf("", "azurerm_firewall", "hub", {"id": FW, "name": "fw-hub", "resource_group_name": "rg-hub", "location": "eastus",
   "sku_name": "AZFW_VNet", "sku_tier": "Standard", "firewall_policy_id": None, "threat_intel_mode": "Alert",
   "ip_configuration": [{"name": "ipconfig1", "subnet_id": FW_SUBNET, "public_ip_address_id": FW_PIP,
                         "private_ip_address": FW_PRIVATE}]},
   {"ip_configuration": [{"subnet_id": ref("azurerm_subnet.firewall.id", "azurerm_subnet.firewall"),
                          "public_ip_address_id": ref("azurerm_public_ip.firewall.id", "azurerm_public_ip.firewall")}]})
tf("", "azurerm_firewall_network_rule_collection", "egress", {"id": FW + "/networkRuleCollections/spokes-egress",
   "name": "spokes-egress", "azure_firewall_name": "fw-hub", "resource_group_name": "rg-hub", "priority": 100,
   "action": "Allow", "rule": [{"name": "spokes-https", "description": "", "source_addresses": ["10.1.0.0/16", "10.2.0.0/16"],
   "source_ip_groups": [], "destination_addresses": ["*"], "destination_ip_groups": [], "destination_fqdns": [],
   "destination_ports": ["443"], "protocols": ["TCP"]}]},
   {"azure_firewall_name": ref("azurerm_firewall.hub.name", "azurerm_firewall.hub")})
for mod, vnet, vname, prefix, g in (("module.ml", ML_VNET, "vnet-spoke-ml", "10.1.0.0/16", "rg-spoke-ml"),
                                    ("module.dbx", DBX_VNET, "vnet-spoke-dbx", "10.2.0.0/16", "rg-spoke-dbx")):
    short = mod.split(".")[1]
    tf("", "azurerm_virtual_network_peering", "hub_to_" + short, {"id": HUB_VNET + "/virtualNetworkPeerings/hub-to-" + short,
       "name": "hub-to-" + short, "resource_group_name": "rg-hub", "virtual_network_name": "vnet-hub",
       "remote_virtual_network_id": vnet, "allow_forwarded_traffic": True, "allow_gateway_transit": False,
       "allow_virtual_network_access": True, "use_remote_gateways": False},
       {"remote_virtual_network_id": ref(f"module.{short}.vnet_id", f"module.{short}")})
    tf(mod, "azurerm_virtual_network", "spoke", {"id": vnet, "name": vname, "resource_group_name": g, "location": "eastus",
       "address_space": [prefix], "dns_servers": [], "subnet": [], "tags": {}})
    tf(mod, "azurerm_virtual_network_peering", "to_hub", {"id": vnet + "/virtualNetworkPeerings/" + short + "-to-hub",
       "name": short + "-to-hub", "resource_group_name": g, "virtual_network_name": vname, "remote_virtual_network_id": HUB_VNET,
       "allow_forwarded_traffic": True, "allow_gateway_transit": False, "allow_virtual_network_access": True,
       "use_remote_gateways": False}, {"remote_virtual_network_id": ref("var.hub_vnet_id")})

tf("module.ml", "azurerm_subnet", "train", {"id": ML_SUBNET, "name": "snet-train", "resource_group_name": "rg-spoke-ml",
   "virtual_network_name": "vnet-spoke-ml", "address_prefixes": ["10.1.1.0/24"], "service_endpoints": [], "delegation": [],
   "default_outbound_access_enabled": True}, {"virtual_network_name": ref("azurerm_virtual_network.spoke.name", "azurerm_virtual_network.spoke")})
tf("module.ml", "azurerm_route_table", "spoke", {"id": ML_RT, "name": "rt-spoke-ml", "resource_group_name": "rg-spoke-ml",
   "location": "eastus", "bgp_route_propagation_enabled": True, "route": [], "subnets": [ML_SUBNET]})
tf("module.ml", "azurerm_route", "default", {"id": ML_RT + "/routes/default-to-firewall", "name": "default-to-firewall",
   "resource_group_name": "rg-spoke-ml", "route_table_name": "rt-spoke-ml", "address_prefix": "0.0.0.0/0",
   "next_hop_type": "VirtualAppliance", "next_hop_in_ip_address": FW_PRIVATE},
   {"route_table_name": ref("azurerm_route_table.spoke.name", "azurerm_route_table.spoke"),
    "next_hop_in_ip_address": ref("var.firewall_private_ip")})
tf("module.ml", "azurerm_subnet_route_table_association", "train", {"id": ML_SUBNET, "subnet_id": ML_SUBNET, "route_table_id": ML_RT},
   {"subnet_id": ref("azurerm_subnet.train.id", "azurerm_subnet.train"), "route_table_id": ref("azurerm_route_table.spoke.id", "azurerm_route_table.spoke")})
tf("module.ml", "azurerm_machine_learning_workspace", "spoke", {"id": MLW, "name": "mlw-spoke", "resource_group_name": "rg-spoke-ml",
   "location": "eastus", "sku_name": "Basic", "public_network_access_enabled": True, "identity": [{"type": "SystemAssigned"}],
   "storage_account_id": ST_ARCHIVE, "key_vault_id": None, "application_insights_id": None, "container_registry_id": None,
   "managed_network": [{"isolation_mode": "Disabled"}]},
   {"storage_account_id": ref("azurerm_storage_account.archive.id", "azurerm_storage_account.archive")})
tf("module.ml", "azurerm_machine_learning_compute_cluster", "cpu", {"id": CPU, "name": "cpu-cluster", "location": "eastus",
   "machine_learning_workspace_id": MLW, "vm_size": "STANDARD_DS3_V2", "vm_priority": "Dedicated",
   "subnet_resource_id": ML_SUBNET, "node_public_ip_enabled": False,
   "scale_settings": [{"min_node_count": 0, "max_node_count": 4, "scale_down_nodes_after_idle_duration": "PT5M"}]},
   {"machine_learning_workspace_id": ref("azurerm_machine_learning_workspace.spoke.id", "azurerm_machine_learning_workspace.spoke"),
    "subnet_resource_id": ref("azurerm_subnet.train.id", "azurerm_subnet.train")})
def rules(default, ips, bypass=("AzureServices",)):
    return {"default_action": default, "bypass": list(bypass), "ip_rules": list(ips), "virtual_network_subnet_ids": [],
            "private_link_access": []}
def storage(module, name, acct, g, network_rules):
    v = {"id": st(g, acct), "name": acct, "resource_group_name": g, "location": "westeurope", "account_kind": "StorageV2",
         "account_tier": "Standard", "account_replication_type": "LRS", "public_network_access_enabled": True,
         "network_rules": network_rules, "primary_blob_endpoint": f"https://{acct}.blob.core.windows.net/"}
    tf(module, "azurerm_storage_account", name, v)
tf("module.ml", "azurerm_storage_account", "archive", None)  # placeholder replaced below (keeps document order)
TF.pop()
storage("module.ml", "archive", "stmlarchive", "rg-spoke-ml", [rules("Deny", [])])

tf("module.dbx", "azurerm_subnet", "host", {"id": DBX_PUB, "name": "snet-dbx-host", "resource_group_name": "rg-spoke-dbx",
   "virtual_network_name": "vnet-spoke-dbx", "address_prefixes": ["10.2.1.0/24"], "service_endpoints": [],
   "default_outbound_access_enabled": True,
   "delegation": [{"name": "databricks", "service_delegation": [{"name": "Microsoft.Databricks/workspaces", "actions": []}]}]},
   {"virtual_network_name": ref("azurerm_virtual_network.spoke.name", "azurerm_virtual_network.spoke")})
tf("module.dbx", "azurerm_subnet", "container", {"id": DBX_PRIV, "name": "snet-dbx-container", "resource_group_name": "rg-spoke-dbx",
   "virtual_network_name": "vnet-spoke-dbx", "address_prefixes": ["10.2.2.0/24"], "service_endpoints": [],
   "default_outbound_access_enabled": True,
   "delegation": [{"name": "databricks", "service_delegation": [{"name": "Microsoft.Databricks/workspaces", "actions": []}]}]},
   {"virtual_network_name": ref("azurerm_virtual_network.spoke.name", "azurerm_virtual_network.spoke")})
tf("module.dbx", "azurerm_route_table", "spoke", {"id": DBX_RT, "name": "rt-spoke-dbx", "resource_group_name": "rg-spoke-dbx",
   "location": "eastus", "bgp_route_propagation_enabled": True, "subnets": [DBX_PUB, DBX_PRIV],
   "route": [{"name": "default-to-firewall", "address_prefix": "0.0.0.0/0", "next_hop_type": "VirtualAppliance",
              "next_hop_in_ip_address": FW_PRIVATE}]})
for sn, sid in (("host", DBX_PUB), ("container", DBX_PRIV)):
    tf("module.dbx", "azurerm_subnet_route_table_association", sn, {"id": sid, "subnet_id": sid, "route_table_id": DBX_RT},
       {"subnet_id": ref(f"azurerm_subnet.{sn}.id", f"azurerm_subnet.{sn}"),
        "route_table_id": ref("azurerm_route_table.spoke.id", "azurerm_route_table.spoke")})
tf("module.dbx", "azurerm_databricks_workspace", "spoke", {"id": DBW, "name": "dbw-spoke", "resource_group_name": "rg-spoke-dbx",
   "location": "eastus", "sku": "premium", "managed_resource_group_name": "rg-dbw-spoke-managed",
   "managed_resource_group_id": rg("rg-dbw-spoke-managed"), "public_network_access_enabled": True,
   "load_balancer_backend_address_pool_id": None,
   "custom_parameters": [{"no_public_ip": True, "virtual_network_id": DBX_VNET, "public_subnet_name": "snet-dbx-host",
                          "private_subnet_name": "snet-dbx-container", "nat_gateway_name": "nat-gateway",
                          "public_ip_name": "nat-gw-public-ip"}]},
   {"custom_parameters": [{"virtual_network_id": ref("azurerm_virtual_network.spoke.id", "azurerm_virtual_network.spoke")}]})
storage("", "data", "sthubdata", "rg-hub", [rules("Deny", [FW_IP])])
storage("", "logs", "sthublogs", "rg-hub", [rules("Deny", [])])
tf("", "azurerm_storage_account_network_rules", "logs", {"id": ST_LOGS, "storage_account_id": ST_LOGS, "default_action": "Deny",
   "bypass": ["AzureServices"], "ip_rules": [], "virtual_network_subnet_ids": [], "private_link_access": []},
   {"storage_account_id": ref("azurerm_storage_account.logs.id", "azurerm_storage_account.logs")})

SQL = f"{rg('rg-hub')}/providers/Microsoft.Sql/servers/sql-hub"
tf("", "azurerm_mssql_server", "hub", {"id": SQL, "name": "sql-hub", "resource_group_name": "rg-hub", "location": "westeurope",
   "version": "12.0", "administrator_login": "sqladmin", "public_network_access_enabled": True, "minimum_tls_version": "1.2",
   "fully_qualified_domain_name": "sql-hub.database.windows.net"})

def address(module, typ, name): return (module + "." if module else "") + f"{typ}.{name}"

def module_tree(resources):
    root = {"resources": []}
    children = {}
    for (module, typ, name, values, _) in resources:
        r = {"address": address(module, typ, name), "mode": "managed", "type": typ, "name": name,
             "provider_name": AZ, "schema_version": 0, "values": values, "sensitive_values": sensitive(values)}
        (children.setdefault(module, {"resources": [], "address": module}) if module else root)["resources"].append(r)
    if children:
        root["child_modules"] = list(children.values())
    return root

def sensitive(v):
    out = {}
    for k, x in v.items():
        if isinstance(x, list):
            out[k] = [sensitive(e) if isinstance(e, dict) else False for e in x]
        elif isinstance(x, dict):
            out[k] = {}
    return out

def configuration(resources):
    root = {"resources": [], "module_calls": {}}
    mods = {}
    for (module, typ, name, _, expr) in resources:
        r = {"address": f"{typ}.{name}", "mode": "managed", "type": typ, "name": name,
             "provider_config_key": "azurerm", "expressions": expr, "schema_version": 0}
        if module:
            mods.setdefault(module.split(".")[1], []).append(r)
        else:
            root["resources"].append(r)
    for m, rs in mods.items():
        variables = {"hub_vnet_id": {}}
        if m == "ml":
            variables["firewall_private_ip"] = {}
        root["module_calls"][m] = {"source": f"./modules/{m}-spoke", "expressions": {
            "hub_vnet_id": ref("azurerm_virtual_network.hub.id", "azurerm_virtual_network.hub"),
            **({"firewall_private_ip": {"constant_value": FW_PRIVATE}} if m == "ml" else {})},
            "module": {"outputs": {"vnet_id": {"expression": ref("azurerm_virtual_network.spoke.id", "azurerm_virtual_network.spoke")}},
                       "resources": rs, "variables": variables}}
    return {"provider_config": {"azurerm": {"name": "azurerm", "full_name": AZ, "version_constraint": "~> 4.0",
            "expressions": {"subscription_id": {"constant_value": SUB}, "features": [{}]}}}, "root_module": root}

def plan(before, after, deleted, unknown=None, config=None):
    """unknown: address -> attributes known only after apply (left out of planned_values, true in after_unknown);
    an address of `after` that is not in `before` is created."""
    unknown = unknown or {}
    def planned(r):
        a = address(r[0], r[1], r[2])
        return (r[0], r[1], r[2], {k: v for k, v in r[3].items() if k not in unknown.get(a, ())}, r[4])
    after = [planned(r) for r in after]
    olds = {address(m, t, n): v for (m, t, n, v, _) in before}
    news = {address(m, t, n): v for (m, t, n, v, _) in after}
    changes = []
    for (module, typ, name, values, _) in before + [r for r in after if address(r[0], r[1], r[2]) not in olds]:
        a = address(module, typ, name)
        gone = a in deleted
        old, new = olds.get(a), news.get(a)
        c = {"address": a}
        if module:
            c["module_address"] = module
        actions = ["delete"] if gone else ["create"] if old is None else ["no-op"] if old == new else ["update"]
        c.update({"mode": "managed", "type": typ, "name": name, "provider_name": AZ,
                  "change": {"actions": actions, "before": old, "after": new,
                             "after_unknown": {k: True for k in unknown.get(a, ())},
                             "before_sensitive": False if old is None else sensitive(old),
                             "after_sensitive": False if new is None else sensitive(new)}})
        if gone:
            c["action_reason"] = "delete_because_no_resource_config"
        changes.append(c)
    return {"format_version": "1.2", "terraform_version": "1.9.4",
            "planned_values": {"root_module": module_tree(after)},
            "resource_changes": changes,
            "prior_state": {"format_version": "1.0", "terraform_version": "1.9.4", "values": {"root_module": module_tree(before)}},
            "configuration": configuration(config if config is not None else after), "timestamp": "2026-12-02T01:00:00Z",
            "applyable": bool(deleted) or any(c["change"]["actions"] != ["no-op"] for c in changes),
            "complete": True, "errored": False}

def state(resources):
    return {"format_version": "1.0", "terraform_version": "1.9.4", "values": {"root_module": module_tree(resources)}}

def write(path, doc):
    with open(path, "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")

write("hub-spoke.plan.json", plan(TF, TF, set()))
write("hub-spoke.state.json", state(TF))
route = "module.ml.azurerm_route.default"
write("hub-spoke-route-removal.plan.json", plan(TF, [r for r in TF if address(r[0], r[1], r[2]) != route], {route}, config=TF))

# ---------------------------------------------------------------- the policy variant
# The same hub, but the firewall is managed by a firewall policy the plan creates (its id, and so the firewall's
# firewall_policy_id and the group's, known only after apply: resolved through the configuration's references), with
# one rule collection group holding the network rule and an application rule for SQL (Mssql:1433), SNAT private ranges
# and sql_redirect_allowed (internal/services/firewall/firewall_policy_resource.go,
# firewall_policy_rule_collection_group_resource.go).
POLICY = net("rg-hub", "firewallPolicies", "fwp-hub")
RCG = POLICY + "/ruleCollectionGroups/spokes"
POLICY_TF = []
for r in TF:
    (module, typ, name, values, expr) = r
    if typ == "azurerm_firewall_network_rule_collection":
        continue
    if typ == "azurerm_firewall":
        values = dict(values, firewall_policy_id=POLICY)
        expr = dict(expr, firewall_policy_id=ref("azurerm_firewall_policy.hub.id", "azurerm_firewall_policy.hub"))
    POLICY_TF.append((module, typ, name, values, expr))
    if typ == "azurerm_firewall":
        POLICY_TF.append(("", "azurerm_firewall_policy", "hub", {"id": POLICY, "name": "fwp-hub", "resource_group_name": "rg-hub",
            "location": "eastus", "sku": "Standard", "base_policy_id": None, "threat_intelligence_mode": "Alert",
            "private_ip_ranges": ["IANAPrivateRanges"], "auto_learn_private_ranges_enabled": False,
            "sql_redirect_allowed": True, "dns": [], "tags": {}}, {}))
        POLICY_TF.append(("", "azurerm_firewall_policy_rule_collection_group", "spokes", {"id": RCG, "name": "spokes",
            "firewall_policy_id": POLICY, "priority": 200,
            "network_rule_collection": [{"name": "spokes-egress", "priority": 100, "action": "Allow", "rule": [
                {"name": "spokes-https", "description": "", "protocols": ["TCP"], "source_addresses": ["10.1.0.0/16", "10.2.0.0/16"],
                 "source_ip_groups": [], "destination_addresses": ["*"], "destination_ip_groups": [], "destination_fqdns": [],
                 "destination_ports": ["443"]}]}],
            "application_rule_collection": [{"name": "spokes-sql", "priority": 300, "action": "Allow", "rule": [
                {"name": "sql-hub", "description": "", "protocols": [{"type": "Mssql", "port": 1433}], "http_headers": [],
                 "source_addresses": ["10.1.0.0/16", "10.2.0.0/16"], "source_ip_groups": [], "destination_addresses": [],
                 "destination_fqdns": ["sql-hub.database.windows.net"], "destination_urls": [], "destination_fqdn_tags": [],
                 "terminate_tls": False, "web_categories": []}]}],
            "nat_rule_collection": []},
            {"firewall_policy_id": ref("azurerm_firewall_policy.hub.id", "azurerm_firewall_policy.hub")}))
BEFORE = [r for r in TF if r[1] != "azurerm_firewall_network_rule_collection"]
write("hub-spoke-policy.plan.json", plan(BEFORE, POLICY_TF, set(), {
    "azurerm_firewall_policy.hub": ("id",), "azurerm_firewall.hub": ("firewall_policy_id",),
    "azurerm_firewall_policy_rule_collection_group.spokes": ("id", "firewall_policy_id")}))
write("hub-spoke-policy.state.json", state(POLICY_TF))

# ---------------------------------------------------------------- the same estate as an ARM export
def res(id_, typ, props, **extra):
    r = {"id": id_, "name": id_.rsplit("/", 1)[1], "type": typ}
    r.update(extra)
    r["properties"] = props
    return r
def idref(x): return {"id": x}
def subnet(id_, prefix, rt=None, delegated=False):
    p = {"addressPrefix": prefix, "defaultOutboundAccess": True}
    if rt:
        p["routeTable"] = idref(rt)
    if delegated:
        p["delegations"] = [{"name": "databricks", "properties": {"serviceName": "Microsoft.Databricks/workspaces"}}]
    return res(id_, "Microsoft.Network/virtualNetworks/subnets", p)
def peering(id_, remote):
    return res(id_, "Microsoft.Network/virtualNetworks/virtualNetworkPeerings", {"remoteVirtualNetwork": idref(remote),
               "allowForwardedTraffic": True, "allowGatewayTransit": False, "allowVirtualNetworkAccess": True,
               "useRemoteGateways": False, "peeringState": "Connected"})
def vnet(id_, prefix):
    return res(id_, "Microsoft.Network/virtualNetworks", {"addressSpace": {"addressPrefixes": [prefix]}}, location="eastus")
def account(id_, ips):
    return res(id_, "Microsoft.Storage/storageAccounts", {"publicNetworkAccess": "Enabled", "networkAcls": {
        "bypass": "AzureServices", "defaultAction": "Deny", "ipRules": [{"value": i, "action": "Allow"} for i in ips],
        "virtualNetworkRules": []}}, location="westeurope", kind="StorageV2", sku={"name": "Standard_LRS"})
ARM = [
    vnet(HUB_VNET, "10.0.0.0/16"),
    subnet(FW_SUBNET, "10.0.1.0/26"),
    res(FW_PIP, "Microsoft.Network/publicIPAddresses", {"publicIPAllocationMethod": "Static", "ipAddress": FW_IP,
        "publicIPAddressVersion": "IPv4"}, location="eastus", sku={"name": "Standard", "tier": "Regional"}),
    res(FW, "Microsoft.Network/azureFirewalls", {"sku": {"name": "AZFW_VNet", "tier": "Standard"}, "threatIntelMode": "Alert",
        "ipConfigurations": [{"name": "ipconfig1", "properties": {"privateIPAddress": FW_PRIVATE, "subnet": idref(FW_SUBNET),
                                                                    "publicIPAddress": idref(FW_PIP)}}],
        "networkRuleCollections": [{"name": "spokes-egress", "properties": {"priority": 100, "action": {"type": "Allow"},
            "rules": [{"name": "spokes-https", "protocols": ["TCP"], "sourceAddresses": ["10.1.0.0/16", "10.2.0.0/16"],
                       "destinationAddresses": ["*"], "destinationPorts": ["443"]}]}}]}, location="eastus"),
    peering(HUB_VNET + "/virtualNetworkPeerings/hub-to-ml", ML_VNET),
    peering(HUB_VNET + "/virtualNetworkPeerings/hub-to-dbx", DBX_VNET),
    vnet(ML_VNET, "10.1.0.0/16"),
    peering(ML_VNET + "/virtualNetworkPeerings/ml-to-hub", HUB_VNET),
    subnet(ML_SUBNET, "10.1.1.0/24", ML_RT),
    res(ML_RT, "Microsoft.Network/routeTables", {"disableBgpRoutePropagation": False, "routes": [{"name": "default-to-firewall",
        "properties": {"addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance", "nextHopIpAddress": FW_PRIVATE}}]},
        location="eastus"),
    res(MLW, "Microsoft.MachineLearningServices/workspaces", {"publicNetworkAccess": "Enabled", "storageAccount": ST_ARCHIVE,
        "managedNetwork": {"isolationMode": "Disabled"}}, location="eastus", sku={"name": "Basic", "tier": "Basic"},
        identity={"type": "SystemAssigned"}),
    res(CPU, "Microsoft.MachineLearningServices/workspaces/computes", {"computeType": "AmlCompute", "computeLocation": "eastus",
        "properties": {"vmSize": "STANDARD_DS3_V2", "subnet": idref(ML_SUBNET), "enableNodePublicIp": False}}, location="eastus"),
    account(ST_ARCHIVE, []),
    vnet(DBX_VNET, "10.2.0.0/16"),
    peering(DBX_VNET + "/virtualNetworkPeerings/dbx-to-hub", HUB_VNET),
    subnet(DBX_PUB, "10.2.1.0/24", DBX_RT, True),
    subnet(DBX_PRIV, "10.2.2.0/24", DBX_RT, True),
    res(DBX_RT, "Microsoft.Network/routeTables", {"disableBgpRoutePropagation": False, "routes": [{"name": "default-to-firewall",
        "properties": {"addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance", "nextHopIpAddress": FW_PRIVATE}}]},
        location="eastus"),
    res(DBW, "Microsoft.Databricks/workspaces", {"managedResourceGroupId": rg("rg-dbw-spoke-managed"),
        "publicNetworkAccess": "Enabled", "parameters": {
            "customVirtualNetworkId": {"type": "String", "value": DBX_VNET},
            "customPublicSubnetName": {"type": "String", "value": "snet-dbx-host"},
            "customPrivateSubnetName": {"type": "String", "value": "snet-dbx-container"},
            "enableNoPublicIp": {"type": "Bool", "value": True},
            "natGatewayName": {"type": "String", "value": "nat-gateway"},
            "publicIpName": {"type": "String", "value": "nat-gw-public-ip"}}}, location="eastus", sku={"name": "premium"}),
    account(ST_DATA, [FW_IP]),
    account(ST_LOGS, []),
    res(SQL, "Microsoft.Sql/servers", {"version": "12.0", "administratorLogin": "sqladmin", "publicNetworkAccess": "Enabled",
        "minimalTlsVersion": "1.2", "fullyQualifiedDomainName": "sql-hub.database.windows.net"}, location="westeurope",
        kind="v12.0"),
]
write("hub-spoke.arm.json", ARM)

POLICY_ARM = []
for r in ARM:
    if r["id"] == FW:
        r = copy.deepcopy(r)
        del r["properties"]["networkRuleCollections"]
        r["properties"]["firewallPolicy"] = idref(POLICY)
        POLICY_ARM.append(r)
        POLICY_ARM.append(res(POLICY, "Microsoft.Network/firewallPolicies", {"sku": {"tier": "Standard"},
            "threatIntelMode": "Alert", "snat": {"privateRanges": ["IANAPrivateRanges"]}, "sql": {"allowSqlRedirect": True},
            "firewalls": [idref(FW)], "ruleCollectionGroups": [idref(RCG)]}, location="eastus"))
        POLICY_ARM.append(res(RCG, "Microsoft.Network/firewallPolicies/ruleCollectionGroups", {"priority": 200,
            "ruleCollections": [
                {"ruleCollectionType": "FirewallPolicyFilterRuleCollection", "name": "spokes-egress", "priority": 100,
                 "action": {"type": "Allow"}, "rules": [{"ruleType": "NetworkRule", "name": "spokes-https",
                    "ipProtocols": ["TCP"], "sourceAddresses": ["10.1.0.0/16", "10.2.0.0/16"], "sourceIpGroups": [],
                    "destinationAddresses": ["*"], "destinationIpGroups": [], "destinationFqdns": [], "destinationPorts": ["443"]}]},
                {"ruleCollectionType": "FirewallPolicyFilterRuleCollection", "name": "spokes-sql", "priority": 300,
                 "action": {"type": "Allow"}, "rules": [{"ruleType": "ApplicationRule", "name": "sql-hub",
                    "protocols": [{"protocolType": "Mssql", "port": 1433}], "sourceAddresses": ["10.1.0.0/16", "10.2.0.0/16"],
                    "sourceIpGroups": [], "targetFqdns": ["sql-hub.database.windows.net"], "targetUrls": [], "fqdnTags": [],
                    "destinationAddresses": [], "terminateTLS": False, "webCategories": []}]}]}))
    else:
        POLICY_ARM.append(r)
write("hub-spoke-policy.arm.json", POLICY_ARM)
