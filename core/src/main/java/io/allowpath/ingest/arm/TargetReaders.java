package io.allowpath.ingest.arm;

import com.fasterxml.jackson.databind.JsonNode;
import io.allowpath.ingest.Unknown;
import io.allowpath.model.Address;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.NetworkRules;
import io.allowpath.model.ResourceId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Registers one reader per target service (StorageReader, KeyVaultReader, SqlReader, CosmosReader,
 * RegistryReader, AppServiceReader, MessagingReader, CognitiveReader, SearchReader; AML and Databricks
 * workspaces are read by {@link ArmResourceReader} with the computes they host), holds the helpers they
 * share (AZURE-EGRESS.md §4; private endpoints and private DNS zones are read by ArmResourceReader). Values stay as written
 * (IP rules are parsed by the evaluator), except {@code publicNetworkAccess}, whose casing is normalised
 * ({@code enabled} → {@code Enabled}: Azure AI Search returns lower case).
 *
 * <p>Child resources read standalone ({@code servers/firewallRules}, {@code servers/virtualNetworkRules},
 * {@code sites/config/web}, {@code namespaces/networkRuleSets}, {@code privateDnsZones/virtualNetworkLinks}
 * and {@code privateDnsZones/A}) are joined to their parent by id in {@link EstateAssembler#build()}
 * (habit 8); a child whose parent is not in the estate yields a WARNING naming the parent to add.

 */
final class TargetReaders {
  private TargetReaders() {}

  static void register(ArmResourceReader r) {
    StorageReader.register(r);
    KeyVaultReader.register(r);
    SqlReader.register(r);
    CosmosReader.register(r);
    RegistryReader.register(r);
    AppServiceReader.register(r);
    MessagingReader.register(r);
    CognitiveReader.register(r);
    SearchReader.register(r);
    // private endpoints, their DNS zone groups and private DNS zones (links, A records) are network types read
    // by ArmResourceReader (issue 13: DNS names as Azure gives them)
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Marks a target whose input carries no {@code properties} object — what {@code az resource list}
   * writes (docs/formats.md §3.6) — so that its rules are unknown (TARGET_UNKNOWN), not "nothing
   * configured, open to all"; a WARNING says what to export instead.
   */
  static void markIfUnread(ResourceId id, JsonNode j, EstateAssembler out) {
    JsonNode p = J.at(j, "properties");
    if (p == null || !p.isObject()) {
      out.unread(id);
      out.diagnostic(Diagnostic.warning(id, "the input has no properties for " + id.name() + " (az resource list leaves "
          + "them out): its network rules are unknown; export it with az resource show or Resource Graph"));
    }
  }

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

  /**
   * The IP rule values of an array of rule objects (as {@link #ruleValues}), parsed while reading: a value
   * that is not an address, prefix, range or public IP reference is a {@link J.FieldException} at its
   * pointer (an ERROR diagnostic; the resource is skipped).
   */
  static List<Address> ruleAddresses(JsonNode j, String b, String[] path, String... fields) {
    List<Address> out = new ArrayList<>();
    List<JsonNode> items = J.array(j, b, path);
    String arrayBase = items.isEmpty() ? null : J.ptr(b, path);
    for (int i = 0; i < items.size(); i++) {
      JsonNode e = items.get(i);
      if (e.isTextual()) {
        out.add(address(e.asText(), arrayBase + "/" + i));
        continue;
      }
      for (String f : fields) {
        String v = J.text(e, arrayBase, i, f);
        if (v != null) {
          out.add(address(v, arrayBase + "/" + i + "/" + f));
          break;
        }
      }
    }
    return out;
  }

  /** Parses one rule value read at {@code pointer}. */
  static Address address(String value, String pointer) {
    try {
      return Address.parse(value);
    } catch (IllegalArgumentException e) {
      throw new J.FieldException(pointer, "expected an IP address, CIDR prefix or range, found '" + value + "'");
    }
  }

  /** Parses values read with {@link J#strings} at {@code pointer} (an array, or one comma-separated string). */
  static List<Address> addresses(List<String> values, String pointer) {
    List<Address> out = new ArrayList<>();
    for (String v : values) {
      out.add(address(v, pointer));
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

  static String[] p(String... path) {
    return path;
  }

  /** The usual {@code networkAcls} shape (Storage, Key Vault, Cognitive Services). */
  static NetworkRules networkAcls(JsonNode j, String b, String publicNetworkAccess) {
    return new NetworkRules(
        publicAccess(publicNetworkAccess),
        J.text(j, b, "properties", "networkAcls", "defaultAction"),
        J.text(j, b, "properties", "networkAcls", "bypass"),
        ruleAddresses(j, b, p("properties", "networkAcls", "ipRules"), "value"),
        ruleIds(j, b, p("properties", "networkAcls", "virtualNetworkRules"), "id"));
  }

  // ---------------------------------------------------------------- services

  /** True when a value or anything inside it is not known until deployment. */
  static boolean containsUnknown(JsonNode n) {
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
}
