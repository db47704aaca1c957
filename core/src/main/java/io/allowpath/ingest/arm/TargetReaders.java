package io.allowpath.ingest.arm;

import com.fasterxml.jackson.databind.JsonNode;
import io.allowpath.ingest.Unknown;
import io.allowpath.model.AccessRestriction;
import io.allowpath.model.CognitiveAccount;
import io.allowpath.model.ContainerRegistry;
import io.allowpath.model.CosmosAccount;
import io.allowpath.model.CosmosLocation;
import io.allowpath.model.KeyVault;
import io.allowpath.model.KeyVaultAccessPolicy;
import io.allowpath.model.MessagingNamespace;
import io.allowpath.model.NetworkRules;
import io.allowpath.model.ResourceId;
import io.allowpath.model.SearchService;
import io.allowpath.model.Service;
import io.allowpath.model.SiteConfig;
import io.allowpath.model.SqlFirewallRule;
import io.allowpath.model.SqlServer;
import io.allowpath.model.StorageAccount;
import io.allowpath.model.WebApp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Handlers for the target resources whose public-endpoint firewalls allowpath evaluates, and for private
 * endpoints and private DNS zones (AZURE-EGRESS.md §4). Values stay as written (IP rules are parsed by
 * the evaluator), except {@code publicNetworkAccess}, whose casing is normalised ({@code enabled} →
 * {@code Enabled}: Azure AI Search returns lower case).
 *
 * <p>Child resources read standalone ({@code servers/firewallRules}, {@code servers/virtualNetworkRules},
 * {@code sites/config/web}, {@code namespaces/networkRuleSets}, {@code privateDnsZones/virtualNetworkLinks}
 * and {@code privateDnsZones/A}) are joined to their parent by id in {@link EstateAssembler#build()}
 * (habit 8); a child whose parent is not in the estate yields a WARNING naming the parent to add.
 *
 * <p>App Service: a site GET returns {@code siteConfig} with {@code ipSecurityRestrictions: null}; only
 * {@code sites/config/web} carries the rules. A siteConfig without restrictions is therefore unknown
 * ({@code WebApp.siteConfig() == null}), not "no rules"
 * (https://learn.microsoft.com/azure/app-service/app-service-ip-restrictions).
 */
final class TargetReaders {
  private TargetReaders() {}

  static void register(ArmResourceReader r) {
    r.on("Microsoft.Storage/storageAccounts", TargetReaders::storage);
    r.on("Microsoft.KeyVault/vaults", TargetReaders::keyVault);
    r.on("Microsoft.Sql/servers", TargetReaders::sqlServer);
    r.on("Microsoft.Sql/servers/firewallRules", TargetReaders::sqlFirewallRule);
    r.on("Microsoft.Sql/servers/virtualNetworkRules", TargetReaders::sqlVnetRule);
    r.on("Microsoft.DocumentDB/databaseAccounts", TargetReaders::cosmos);
    r.on("Microsoft.ContainerRegistry/registries", TargetReaders::registry);
    r.on("Microsoft.Web/sites", TargetReaders::site);
    r.on("Microsoft.Web/sites/config", TargetReaders::siteConfigChild);
    r.on("Microsoft.EventHub/namespaces", (id, j, b, out) -> namespace(id, j, b, out, Service.EVENT_HUBS));
    r.on("Microsoft.ServiceBus/namespaces", (id, j, b, out) -> namespace(id, j, b, out, Service.SERVICE_BUS));
    r.on("Microsoft.EventHub/namespaces/networkRuleSets", TargetReaders::networkRuleSet);
    r.on("Microsoft.ServiceBus/namespaces/networkRuleSets", TargetReaders::networkRuleSet);
    r.on("Microsoft.CognitiveServices/accounts", TargetReaders::cognitive);
    r.on("Microsoft.Search/searchServices", TargetReaders::search);
    // ported-by-lead: private endpoints, their DNS zone groups and private DNS zones (links, A records) are
    // network types now read by ArmResourceReader (issue 13: DNS names as Azure gives them).
  }

  // ---------------------------------------------------------------- helpers

  /** Normalises the casing of the known {@code publicNetworkAccess} values; keeps unknown values as written. */
  static String publicAccess(String v) {
    if (v == null) {
      return null;
    }
    for (String known : List.of("Enabled", "Disabled", "SecuredByPerimeter")) {
      if (known.equalsIgnoreCase(v.strip())) {
        return known;
      }
    }
    return v;
  }

  /**
   * The values of an array of rule objects: for each item the first of {@code fields} that is set (a
   * bare string item is taken as is).
   */
  static List<String> ruleValues(JsonNode j, String b, String[] path, String... fields) {
    List<String> out = new ArrayList<>();
    List<JsonNode> items = J.array(j, b, path);
    String arrayBase = items.isEmpty() ? null : J.ptr(b, path);
    for (int i = 0; i < items.size(); i++) {
      JsonNode e = items.get(i);
      if (e.isTextual()) {
        out.add(e.asText());
        continue;
      }
      for (String f : fields) {
        String v = J.text(e, arrayBase, i, f);
        if (v != null) {
          out.add(v);
          break;
        }
      }
    }
    return out;
  }

  /** Ids from an array of rule objects, read at {@code idPath} inside each item. */
  static List<ResourceId> ruleIds(JsonNode j, String b, String[] path, String... idPath) {
    List<ResourceId> out = new ArrayList<>();
    List<JsonNode> items = J.array(j, b, path);
    String arrayBase = items.isEmpty() ? null : J.ptr(b, path);
    for (int i = 0; i < items.size(); i++) {
      ResourceId id = J.id(items.get(i), arrayBase, i, idPath);
      if (id != null) {
        out.add(id);
      }
    }
    return out;
  }

  private static String[] p(String... path) {
    return path;
  }

  /** The usual {@code networkAcls} shape (Storage, Key Vault, Cognitive Services). */
  private static NetworkRules networkAcls(JsonNode j, String b, String publicNetworkAccess) {
    return new NetworkRules(
        publicAccess(publicNetworkAccess),
        J.text(j, b, "properties", "networkAcls", "defaultAction"),
        J.text(j, b, "properties", "networkAcls", "bypass"),
        ruleValues(j, b, p("properties", "networkAcls", "ipRules"), "value"),
        ruleIds(j, b, p("properties", "networkAcls", "virtualNetworkRules"), "id"));
  }

  // ---------------------------------------------------------------- services

  private static void storage(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    NetworkRules rules = networkAcls(j, b, J.text(j, b, "properties", "publicNetworkAccess"));
    out.put(new StorageAccount(id, ArmResourceReader.loc(j), J.text(j, b, "sku", "name"), J.text(j, b, "kind"), rules,
        ruleIds(j, b, p("properties", "networkAcls", "resourceAccessRules"), "resourceId")));
  }

  private static void keyVault(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    out.put(new KeyVault(id, ArmResourceReader.loc(j), networkAcls(j, b, J.text(j, b, "properties", "publicNetworkAccess")),
        J.text(j, b, "properties", "tenantId"),
        J.text(j, b, "properties", "sku", "family"),
        J.text(j, b, "properties", "sku", "name"),
        J.bool(j, b, "properties", "enableRbacAuthorization"),
        accessPolicies(j, b),
        J.bool(j, b, "properties", "enabledForDeployment"),
        J.bool(j, b, "properties", "enabledForDiskEncryption"),
        J.bool(j, b, "properties", "enabledForTemplateDeployment"),
        J.bool(j, b, "properties", "enableSoftDelete"),
        J.integer(j, b, "properties", "softDeleteRetentionInDays"),
        J.bool(j, b, "properties", "enablePurgeProtection")));
  }

  /**
   * A vault's {@code accessPolicies}; null when the JSON does not carry the list or any part of it is
   * not known until deployment (a PUT must then not restate them).
   */
  static List<KeyVaultAccessPolicy> accessPolicies(JsonNode j, String b) {
    JsonNode list = J.at(j, "properties", "accessPolicies");
    if (list == null || Unknown.is(list)) {
      return null;
    }
    List<KeyVaultAccessPolicy> out = new ArrayList<>();
    List<JsonNode> items = J.array(j, b, "properties", "accessPolicies");
    for (int i = 0; i < items.size(); i++) {
      JsonNode e = items.get(i);
      String eb = b + "/properties/accessPolicies/" + i;
      if (containsUnknown(e)) {
        return null;
      }
      String objectId = J.text(e, eb, "objectId");
      String tenantId = J.text(e, eb, "tenantId");
      if (objectId == null || tenantId == null) {
        throw new J.FieldException(eb, "an access policy needs tenantId and objectId");
      }
      Map<String, List<String>> perms = new LinkedHashMap<>();
      for (String kind : List.of("keys", "secrets", "certificates", "storage")) {
        if (J.at(e, "permissions", kind) != null) {
          perms.put(kind, J.strings(e, eb, "permissions", kind));
        }
      }
      out.add(new KeyVaultAccessPolicy(tenantId, objectId, J.text(e, eb, "applicationId"), perms));
    }
    return out;
  }

  /** True when a value or anything inside it is not known until deployment. */
  private static boolean containsUnknown(JsonNode n) {
    if (Unknown.is(n)) {
      return true;
    }
    for (JsonNode c : n) {
      if (containsUnknown(c)) {
        return true;
      }
    }
    return false;
  }

  private static void sqlServer(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    out.put(new SqlServer(id, ArmResourceReader.loc(j), publicAccess(J.text(j, b, "properties", "publicNetworkAccess")),
        List.of(), List.of()));
  }

  private static void sqlFirewallRule(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    SqlFirewallRule rule = new SqlFirewallRule(id.name(), J.text(j, b, "properties", "startIpAddress"),
        J.text(j, b, "properties", "endIpAddress"));
    out.join(id, id.parent(), SqlServer.class, s -> {
      Map<String, SqlFirewallRule> m = new LinkedHashMap<>();
      s.firewallRules().forEach(r -> m.put(key(r.name()), r));
      m.put(key(rule.name()), rule);
      return s.with(new ArrayList<>(m.values()), s.vnetRules());
    });
  }

  private static void sqlVnetRule(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    ResourceId subnet = J.id(j, b, "properties", "virtualNetworkSubnetId");
    if (subnet == null) {
      return;
    }
    out.join(id, id.parent(), SqlServer.class, s -> {
      LinkedHashSet<ResourceId> v = new LinkedHashSet<>(s.vnetRules());
      v.add(subnet);
      return s.with(s.firewallRules(), new ArrayList<>(v));
    });
  }

  private static String key(String name) {
    return name == null ? "" : name.toLowerCase(Locale.ROOT);
  }

  private static void cosmos(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    LinkedHashSet<String> ips = new LinkedHashSet<>(ruleValues(j, b, p("properties", "ipRules"), "ipAddressOrRange"));
    ips.addAll(J.strings(j, b, "properties", "ipRangeFilter")); // legacy comma-separated form (T8)
    NetworkRules rules = new NetworkRules(
        publicAccess(J.text(j, b, "properties", "publicNetworkAccess")),
        null,
        J.text(j, b, "properties", "networkAclBypass"),
        new ArrayList<>(ips),
        ruleIds(j, b, p("properties", "virtualNetworkRules"), "id"));
    JsonNode locs = J.at(j, "properties", "locations");
    List<CosmosLocation> locations = null;
    if (locs != null && !containsUnknown(locs)) {
      locations = new ArrayList<>();
      List<JsonNode> items = J.array(j, b, "properties", "locations");
      for (int i = 0; i < items.size(); i++) {
        String lb = b + "/properties/locations/" + i;
        String name = J.text(items.get(i), lb, "locationName");
        Integer prio = J.integer(items.get(i), lb, "failoverPriority");
        if (name == null || prio == null) {
          locations = null; // an incomplete region list must not be restated
          break;
        }
        locations.add(new CosmosLocation(name, prio, Boolean.TRUE.equals(J.bool(items.get(i), lb, "isZoneRedundant"))));
      }
    }
    JsonNode caps = J.at(j, "properties", "capabilities");
    List<String> capabilities = caps == null || containsUnknown(caps) ? null
        : ruleValues(j, b, p("properties", "capabilities"), "name");
    Integer staleness = J.integer(j, b, "properties", "consistencyPolicy", "maxStalenessPrefix");
    out.put(new CosmosAccount(id, ArmResourceReader.loc(j), rules,
        Boolean.TRUE.equals(J.bool(j, b, "properties", "isVirtualNetworkFilterEnabled")),
        J.text(j, b, "kind"),
        J.text(j, b, "properties", "databaseAccountOfferType"),
        locations,
        J.text(j, b, "properties", "consistencyPolicy", "defaultConsistencyLevel"),
        staleness == null ? null : staleness.longValue(),
        J.integer(j, b, "properties", "consistencyPolicy", "maxIntervalInSeconds"),
        capabilities));
  }

  private static void registry(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    NetworkRules rules = new NetworkRules(
        publicAccess(J.text(j, b, "properties", "publicNetworkAccess")),
        J.text(j, b, "properties", "networkRuleSet", "defaultAction"),
        J.text(j, b, "properties", "networkRuleBypassOptions"),
        ruleValues(j, b, p("properties", "networkRuleSet", "ipRules"), "value", "ipAddressOrRange"),
        ruleIds(j, b, p("properties", "networkRuleSet", "virtualNetworkRules"), "id"));
    out.put(new ContainerRegistry(id, ArmResourceReader.loc(j), J.text(j, b, "sku", "name"), rules));
  }

  private static void site(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    JsonNode cfg = J.at(j, "properties", "siteConfig");
    SiteConfig sc = cfg == null ? null : siteConfig(cfg, b + "/properties/siteConfig");
    out.put(new WebApp(id, ArmResourceReader.loc(j), J.text(j, b, "kind"),
        publicAccess(J.text(j, b, "properties", "publicNetworkAccess")), sc));
  }

  /** {@code sites/config}: only the {@code web} config carries access restrictions; others are skipped. */
  private static void siteConfigChild(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    if (!id.name().equalsIgnoreCase("web")) {
      out.skipped("Microsoft.Web/sites/config/" + id.name());
      return;
    }
    JsonNode props = J.at(j, "properties");
    SiteConfig sc = props == null ? null : siteConfig(props, b + "/properties");
    out.join(id, id.parent(), WebApp.class, s -> sc == null ? s : s.withSiteConfig(sc));
  }

  /**
   * Access restrictions of a site config; null when it does not carry {@code ipSecurityRestrictions} or
   * a template leaves them to deployment time (unknown).
   */
  static SiteConfig siteConfig(JsonNode cfg, String b) {
    JsonNode rs = J.at(cfg, "ipSecurityRestrictions");
    if (rs == null || Unknown.is(rs)) {
      return null;
    }
    List<AccessRestriction> rules = new ArrayList<>();
    List<JsonNode> items = J.array(cfg, b, "ipSecurityRestrictions");
    for (int i = 0; i < items.size(); i++) {
      JsonNode r = items.get(i);
      String rb = b + "/ipSecurityRestrictions/" + i;
      Integer prio = J.integer(r, rb, "priority");
      JsonNode headers = J.at(r, "headers");
      if (headers != null && !headers.isObject()) {
        throw new J.FieldException(rb + "/headers", "expected an object of header names, found " + J.kind(headers));
      }
      rules.add(new AccessRestriction(
          J.text(r, rb, "name"),
          J.text(r, rb, "ipAddress"),
          ArmResourceReader.orElse(J.text(r, rb, "action"), "Allow"),
          prio == null ? 65000 : prio,
          ArmResourceReader.orElse(J.text(r, rb, "tag"), "Default"),
          J.id(r, rb, "vnetSubnetResourceId"),
          headers != null && !headers.isEmpty()));
    }
    return new SiteConfig(rules, J.text(cfg, b, "ipSecurityRestrictionsDefaultAction"));
  }

  private static void namespace(ResourceId id, JsonNode j, String b, EstateAssembler out, Service service) {
    out.put(new MessagingNamespace(id, ArmResourceReader.loc(j), service, J.text(j, b, "sku", "name"),
        publicAccess(J.text(j, b, "properties", "publicNetworkAccess")), null, false));
  }

  private static void networkRuleSet(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    String pna = publicAccess(J.text(j, b, "properties", "publicNetworkAccess"));
    NetworkRules rules = new NetworkRules(
        pna,
        J.text(j, b, "properties", "defaultAction"),
        null,
        ruleValues(j, b, p("properties", "ipRules"), "ipMask"),
        ruleIds(j, b, p("properties", "virtualNetworkRules"), "subnet"));
    boolean trusted = Boolean.TRUE.equals(J.bool(j, b, "properties", "trustedServiceAccessEnabled"));
    out.join(id, id.parent(), MessagingNamespace.class, n -> n.withRules(
        pna == null ? new NetworkRules(n.publicNetworkAccess(), rules.defaultAction(), null, rules.ipRules(),
            rules.vnetRules()) : rules,
        trusted));
  }

  private static void cognitive(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    out.put(new CognitiveAccount(id, ArmResourceReader.loc(j), J.text(j, b, "kind"),
        J.text(j, b, "properties", "customSubDomainName"),
        networkAcls(j, b, J.text(j, b, "properties", "publicNetworkAccess")), J.text(j, b, "sku", "name")));
  }

  private static void search(ResourceId id, JsonNode j, String b, EstateAssembler out) {
    NetworkRules rules = new NetworkRules(
        publicAccess(J.text(j, b, "properties", "publicNetworkAccess")),
        null,
        J.text(j, b, "properties", "networkRuleSet", "bypass"),
        ruleValues(j, b, p("properties", "networkRuleSet", "ipRules"), "value"),
        List.of());
    out.put(new SearchService(id, ArmResourceReader.loc(j), J.text(j, b, "sku", "name"), rules));
  }
}
