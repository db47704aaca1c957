package io.allowpath.analysis.access;

import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.IpSet;
import io.allowpath.model.NetworkRules;
import io.allowpath.model.PublicIp;
import io.allowpath.model.ResourceId;
import io.allowpath.model.ServiceTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every service's rule compiler shares: the service tags (if given), the diagnostics sink, the
 * estate (for the address of a public IP a rule refers to), and the steps that are the same for all
 * services — a {@code publicNetworkAccess} value that is not {@code Enabled}, and a list of IP rule
 * values (addresses, prefixes, or {@code [reference('<public IP id>').ipAddress]}).
 */
final class RuleContext {
  final ServiceTags tags;
  private final List<Diagnostic> diagnostics;
  private final Estate estate;

  RuleContext(ServiceTags tags, List<Diagnostic> diagnostics, Estate estate) {
    this.tags = tags;
    this.diagnostics = diagnostics;
    this.estate = estate;
  }

  void warn(ResourceId id, String message) {
    diagnostics.add(Diagnostic.warning(id, message));
  }

  /** The known address of a referenced public IP, or null while it is not known. */
  IpSet addressOf(ResourceId publicIp) {
    PublicIp p = estate == null ? null : estate.get(publicIp, PublicIp.class);
    return p == null || p.ipAddress() == null ? null : IpSet.tryParse(p.ipAddress());
  }

  /**
   * True for a {@code publicNetworkAccess} that closes the public endpoint: any value but
   * {@code Enabled} (absent = enabled).
   */
  static boolean disabled(String publicNetworkAccess) {
    return publicNetworkAccess != null && !publicNetworkAccess.equalsIgnoreCase("Enabled");
  }

  private static final Pattern REFERENCE =
      Pattern.compile("^\\[reference\\('([^']+)'(?:,\\s*'[^']*')?\\)\\.ipAddress\\]$");

  /**
   * The public IP named by a rule value written as {@code [reference('<public IP id>').ipAddress]} —
   * how {@code plan --write-estate} writes a rule for an address that exists only after deployment —
   * or null for any other value.
   */
  static ResourceId publicIpReference(String value) {
    if (value == null) {
      return null;
    }
    Matcher m = REFERENCE.matcher(value.strip());
    return m.matches() ? ResourceId.of(m.group(1)) : null;
  }

  /** The rule value that refers to a public IP's address (the inverse of {@link #publicIpReference}). */
  static String referenceValue(ResourceId publicIp) {
    return "[reference('" + publicIp.value() + "').ipAddress]";
  }

  /**
   * The usual {@code networkAcls} shape (Storage, Key Vault, Azure AI services): publicNetworkAccess,
   * then defaultAction, then IP and VNet rules (AZURE-EGRESS.md §4.1 T1–T4, §4.2 T5 T6, §4.8 T13).
   */
  Admission networkAcls(ResourceId id, NetworkRules r, String what) {
    if (r.publicAccessDisabled()) {
      return Admission.disabled("publicNetworkAccess " + r.publicNetworkAccess());
    }
    if (!r.defaultDeny()) {
      return Admission.open("networkAcls.defaultAction " + (r.defaultAction() == null ? "not set (Allow)" : r.defaultAction()),
          List.of(Reason.OPEN_TO_ALL_NETWORKS));
    }
    return Admission.restricted(ipRules(id, r.ipRules()), Set.copyOf(r.vnetRules()), false, false, List.of(),
        what + " networkAcls (defaultAction Deny)");
  }

  /** Allow rules for a list of IP rule values; a value that is not an address is a warning and skipped. */
  List<Admission.Rule> ipRules(ResourceId id, List<String> values) {
    List<Admission.Rule> out = new ArrayList<>();
    for (String v : values) {
      Admission.Rule r = ipRule(id, v);
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }

  /** One allow rule for an IP rule value, or null (with a warning) when it is not an address. */
  Admission.Rule ipRule(ResourceId id, String v) {
    ResourceId ref = publicIpReference(v);
    if (ref != null) {
      return new Admission.Rule("IP rule for the address of " + ref.name(), addressOf(ref), true, false, ref);
    }
    IpSet s = IpSet.tryParse(v);
    if (s == null) {
      warn(id, "IP rule '" + v + "' is not an IP address or prefix; ignored");
      return null;
    }
    return new Admission.Rule("IP rule " + v, s, true, false);
  }
}
