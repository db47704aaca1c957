package io.allowpath.analysis.access;

import io.allowpath.model.Address;
import io.allowpath.model.Estate;
import io.allowpath.model.IpValue;
import io.allowpath.model.NspAccessRule;
import io.allowpath.model.NspAssociation;
import io.allowpath.model.NspProfile;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Service;
import io.allowpath.model.Target;
import java.util.ArrayList;
import java.util.HashSet;
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
 * callers authenticated with a managed identity of a listed subscription, whatever their address (keys, SAS and
 * user tokens are refused; https://learn.microsoft.com/azure/private-link/network-security-perimeter-concepts#access-rules,
 * and App Service's announcement: "NSP is mainly an identity based security enforcement using Managed Identity",
 * https://azure.github.io/AppService/2025/02/15/Announcing-Network-Security-Perimeter-Preview.html). So a compute
 * of a listed subscription that the address rules do not admit gets AMBIGUOUS with
 * {@link Reason#PERIMETER_SUBSCRIPTION_RULE} (it depends on how the caller authenticates, which no estate shows);
 * App Service does not support subscription rules (the same announcement), so they admit nothing there. Private
 * endpoint traffic is not affected by the perimeter (decided before the public path).
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
    List<IpValue> prefixes = new ArrayList<>();
    List<String> subscriptions = new ArrayList<>();
    Set<String> identities = new HashSet<>();
    for (NspAccessRule r : estate.all(NspAccessRule.class)) {
      if (r.profile().equals(assoc.profile()) && r.inbound()) {
        prefixes.addAll(r.addressPrefixes());
        for (ResourceId s : r.subscriptions()) {
          subscriptions.add(s.value());
          String id = subscriptionId(s);
          if (id != null) {
            identities.add(id.toLowerCase(Locale.ROOT));
          }
        }
      }
    }
    boolean web = t.service() == Service.APP_SERVICE;
    String mode = assoc.accessMode() == null ? "Learning" : assoc.accessMode();
    String by = "network security perimeter " + assoc.perimeter().name() + " profile " + assoc.profile().name() + " ("
        + mode + "; publicNetworkAccess SecuredByPerimeter) inbound access rules"
        + (subscriptions.isEmpty() ? "" : "; subscription rules for " + String.join(", ", subscriptions)
            + (web ? " (not supported by App Service: they admit nothing here)"
                : " admit managed identities of those subscriptions, not addresses"));
    List<Address> addresses = new ArrayList<>();
    for (IpValue p : prefixes) {
      addresses.add(new Address(p.text(), p.ips(), null)); // read as addresses only (an ERROR otherwise)
    }
    Admission a = Admission.restricted(ctx.ipRules(addresses), Set.of(), false, false, List.of(), by);
    return a.withPerimeter(new Admission.Perimeter(assoc.perimeter(), assoc.profile(), web ? Set.of() : identities));
  }

  /**
   * The subscription GUID of a rule's {@code subscriptions[].id}, which the API gives "in the ARM id format"
   * ({@code /subscriptions/<guid>}, bicep-types-az Microsoft.Network SubscriptionId); anything else was read as
   * an unresolved reference (a WARNING) and admits no one.
   */
  static String subscriptionId(ResourceId s) {
    return s.isUnresolved() ? null : s.subscription();
  }
}
