package io.allowpath.plan;

import io.allowpath.model.Address;
import io.allowpath.model.IpSet;
import io.allowpath.model.IpValue;
import io.allowpath.model.ResourceId;

/**
 * An address a rule must admit: a literal in the target service's syntax ({@code 52.170.10.20},
 * {@code 52.170.20.0/30}), or the address of a public IP resource that is not known yet — one the plan
 * creates ({@code created}) or one whose address the estate lacks (a template's). Emitters write a
 * reference ({@code natPip.properties.ipAddress}, {@code azurerm_public_ip.x.ip_address}) rather than
 * a literal for the latter.
 */
public record AddressRef(String literal, IpSet ips, ResourceId publicIp, boolean created) {
  /** A literal the planner computed ({@code ips} is its addresses; throws for text that is not an address). */
  public static AddressRef literal(String cidr) {
    return new AddressRef(cidr, IpSet.parse(cidr), null, false);
  }

  /** The literal of an address read from the estate (parsed once, while reading). */
  public static AddressRef literal(IpValue address) {
    return new AddressRef(address.text(), address.ips(), null, false);
  }

  /** An existing rule value restated as written (a public IP reference keeps its text; {@code ips} is then null). */
  public static AddressRef literal(Address existing) {
    return new AddressRef(existing.text(), existing.addresses(), null, false);
  }

  public static AddressRef publicIp(ResourceId id, boolean created) {
    return new AddressRef(null, null, id, created);
  }

  public boolean isLiteral() {
    return literal != null;
  }

  /** For tables and JSON: the literal, or {@code <address of NAME>}. */
  public String display() {
    return literal != null ? literal : "<address of " + publicIp.name() + ">";
  }
}
