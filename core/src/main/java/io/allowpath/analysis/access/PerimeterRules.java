package io.allowpath.analysis.access;

import io.allowpath.model.Address;
import io.allowpath.model.Estate;
import io.allowpath.model.NspAccessRule;
import io.allowpath.model.NspAssociation;
import io.allowpath.model.NspProfile;
import io.allowpath.model.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code publicNetworkAccess: SecuredByPerimeter} (AZURE-EGRESS.md §8.7): public access is whatever the network
 * security perimeter's profile admits. Per the access table of
 * https://learn.microsoft.com/azure/private-link/network-security-perimeter-transition, a SecuredByPerimeter
 * resource takes inbound traffic by the perimeter's rules only, in Transition (formerly Learning) and Enforced
 * mode alike (the fallback to the resource's own firewall applies to Enabled/Disabled resources only); Audit,
 * an API value the page does not describe, is read the same way. Not associated, it admits nothing; an
 * association that is not in the estate leaves the answer unknown, naming what to export.
 *
 * <p>Inbound {@code addressPrefixes} admit by address (first match, like IP rules). Subscription rules admit
 * callers authenticated with identities of a subscription (not by network address; SAS is refused,
 * https://learn.microsoft.com/azure/private-link/network-security-perimeter-concepts): they are named in the
 * decision but not counted as admitting the compute's egress addresses. Private endpoint traffic is not
 * affected by the perimeter (decided before the public path).
 */
final class PerimeterRules {
  private PerimeterRules() {}

  /** True when a service's admission says public access is handed to a perimeter. */
  static boolean securedByPerimeter(Admission a) {
    return a.publicDisabled() && a.decidedBy() != null
        && a.decidedBy().toLowerCase(Locale.ROOT).endsWith("securedbyperimeter");
  }

  static Admission compile(Target t, Estate estate, RuleContext ctx) {
    NspAssociation assoc = estate.all(NspAssociation.class).stream().filter(x -> t.id().equals(x.resource()))
        .findFirst().orElse(null);
    if (assoc == null) {
      return Admission.unknown(Reason.PERIMETER_NOT_IN_ESTATE, "publicNetworkAccess SecuredByPerimeter: export the "
          + "network security perimeter " + t.id().name() + " is associated with (networkSecurityPerimeters/"
          + "resourceAssociations, profiles and profiles/accessRules); not associated, it admits no public traffic");
    }
    if (assoc.profile() == null || (estate.get(assoc.profile(), NspProfile.class) == null
        && estate.all(NspAccessRule.class).stream().noneMatch(r -> r.profile().equals(assoc.profile())))) {
      return Admission.unknown(Reason.PERIMETER_NOT_IN_ESTATE, "resource association " + assoc.id().name()
          + " names profile " + (assoc.profile() == null ? "(none)" : assoc.profile().value())
          + ", which is not in the estate: export it with its accessRules");
    }
    String unread = estate.unreadParts(assoc.profile()).get("accessRules");
    if (unread != null) { // issue 14 §4: a scan that could not read the rules has not read an empty list
      return Admission.unknown(Reason.SCAN_READ_FAILED, "the scan could not read the access rules of perimeter profile "
          + assoc.profile().name() + " (" + unread + ")");
    }
    List<String> prefixes = new ArrayList<>();
    List<String> subscriptions = new ArrayList<>();
    for (NspAccessRule r : estate.all(NspAccessRule.class)) {
      if (r.profile().equals(assoc.profile()) && r.inbound()) {
        prefixes.addAll(r.addressPrefixes());
        r.subscriptions().forEach(s -> subscriptions.add(s.value()));
      }
    }
    String mode = assoc.accessMode() == null ? "Learning" : assoc.accessMode();
    String by = "network security perimeter " + assoc.perimeter().name() + " profile " + assoc.profile().name() + " ("
        + mode + "; publicNetworkAccess SecuredByPerimeter) inbound access rules"
        + (subscriptions.isEmpty() ? "" : "; subscription rules for " + String.join(", ", subscriptions)
            + " admit authenticated identities, not addresses");
    List<Address> addresses = new ArrayList<>();
    for (String p : prefixes) {
      try {
        addresses.add(Address.parse(p));
      } catch (IllegalArgumentException e) {
        ctx.warn(t.id(), "perimeter access rule prefix '" + p + "' is not an address or prefix; ignored");
      }
    }
    return Admission.restricted(ctx.ipRules(addresses), Set.of(), false, false, List.of(), by);
  }
}
