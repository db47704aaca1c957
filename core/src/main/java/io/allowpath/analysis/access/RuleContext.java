package io.allowpath.analysis.access;

import io.allowpath.model.Address;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.IpSet;
import io.allowpath.model.IpValue;
import io.allowpath.model.NetworkRules;
import io.allowpath.model.PublicIp;
import io.allowpath.model.ResourceId;
import io.allowpath.model.ServiceTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What every service's rule compiler shares: the service tags (if given), the diagnostics sink, the
 * estate (for the address of a public IP a rule refers to), and the steps that are the same for all
 * services — a {@code publicNetworkAccess} value that is not {@code Enabled}, and a list of IP rule
 * values (addresses, prefixes, or public IP references), which ingest has already parsed.
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
    return p == null ? null : IpValue.ips(p.ipAddress());
  }

  /**
   * True for a {@code publicNetworkAccess} that closes the public endpoint: any value but
   * {@code Enabled} (absent = enabled).
   */
  static boolean disabled(String publicNetworkAccess) {
    return publicNetworkAccess != null && !publicNetworkAccess.equalsIgnoreCase("Enabled");
  }

  /** The rule value that refers to a public IP's address ({@code [reference('<id>').ipAddress]}). */
  static String referenceValue(ResourceId publicIp) {
    return Address.reference(publicIp).text();
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
    return Admission.restricted(ipRules(r.ipRules()), Set.copyOf(r.vnetRules()), false, false, List.of(),
        what + " networkAcls (defaultAction Deny)");
  }

  /** Allow rules for a list of IP rule values, parsed while reading. */
  List<Admission.Rule> ipRules(List<Address> values) {
    List<Admission.Rule> out = new ArrayList<>(values.size());
    for (Address v : values) {
      out.add(ipRule(v));
    }
    return out;
  }

  /** One allow rule for an IP rule value. */
  Admission.Rule ipRule(Address v) {
    if (v.publicIp() != null) {
      return new Admission.Rule("IP rule for the address of " + v.publicIp().name(), addressOf(v.publicIp()), true, false,
          v.publicIp());
    }
    return new Admission.Rule("IP rule " + v.text(), v.addresses(), true, false);
  }
}
