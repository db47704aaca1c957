package io.allowpath.analysis.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.model.IpSet;
import io.allowpath.model.ResourceId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The first-match table over IPv6 rules (App Service and the services whose rules take IPv6 prefixes): first rule
 * by priority wins per piece of the addresses, exactly as over IPv4.
 */
class FirstMatchTest {
  private static FirstMatch table(boolean unmatchedAllowed, Admission.Rule... rules) {
    return FirstMatch.compile(Admission.restricted(List.of(rules), Set.of(), false, unmatchedAllowed, List.of(), "test"));
  }

  private static final IpSet NET = IpSet.parse("2001:db8::/32");
  private static final IpSet SUB = IpSet.parse("2001:db8:1::/48");

  @Test
  void aDenyBeforeAnAllowOfTheSameV6BlockDeniesAndCollectsNothing() {
    FirstMatch m = table(false, new Admission.Rule("deny sub", SUB, false, false),
        new Admission.Rule("allow net", NET, true, false));
    FirstMatch.Result r = m.match(IpSet.parse("2001:db8:1::5"), List.of(), true);
    assertThat(r.denied).isTrue();
    assertThat(r.admitted).isFalse();
    assertThat(r.notAdmitted).isTrue();
    assertThat(r.denyRule).isZero();
    assertThat(m.label(r.denyRule)).isEqualTo("deny sub");
    assertThat(r.admittedAddresses().isEmpty()).isTrue();
  }

  @Test
  void aV6RangeAcrossRulesIsSplitAtTheirBoundsAndEachPieceTakesItsFirstRule() {
    FirstMatch m = table(false, new Admission.Rule("deny sub", SUB, false, false),
        new Admission.Rule("allow net", NET, true, false));
    IpSet two = IpSet.parse("2001:db8:0:ffff::/64").union(IpSet.parse("2001:db8:1::/64"));
    FirstMatch.Result r = m.match(two, List.of(), true);
    assertThat(r.admitted).isTrue();
    assertThat(r.denied).isTrue();
    assertThat(r.admittedAddresses()).isEqualTo(IpSet.parse("2001:db8:0:ffff::/64"));
  }

  @Test
  void anAddressNoRuleCoversIsNotAdmittedUnlessUnmatchedTrafficIsAllowed() {
    IpSet outside = IpSet.parse("2001:db9::1");
    FirstMatch.Result closed = table(false, new Admission.Rule("allow net", NET, true, false)).match(outside, List.of(), true);
    assertThat(closed.admitted).isFalse();
    assertThat(closed.notAdmitted).isTrue();
    assertThat(closed.denied).isFalse();
    FirstMatch.Result open = table(true, new Admission.Rule("deny net", NET, false, false)).match(outside, List.of(), true);
    assertThat(open.admitted).isTrue();
    assertThat(open.admittedAddresses()).isEqualTo(outside);
    // the last segment (above every rule) reaches the top of the v6 space
    IpSet top = IpSet.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0/124");
    assertThat(table(true, new Admission.Rule("deny net", NET, false, false)).match(top, List.of(), true)
        .admittedAddresses()).isEqualTo(top);
  }

  @Test
  void v6AddressesBelowAndBetweenRulesFindTheirSegment() {
    FirstMatch m = table(false, new Admission.Rule("a", IpSet.parse("2001:db8:10::/48"), true, false),
        new Admission.Rule("b", IpSet.parse("2001:db8:30::/48"), false, false),
        new Admission.Rule("c", IpSet.parse("2001:db8:50::/48"), true, false));
    assertThat(m.match(IpSet.parse("2001:db8:30::9"), List.of(), false).denyRule).isEqualTo(1);
    assertThat(m.match(IpSet.parse("2001:db8:50::9"), List.of(), false).admitted).isTrue();
    assertThat(m.match(IpSet.parse("2001:db8:40::9"), List.of(), false).admitted).isFalse();
    assertThat(m.match(IpSet.parse("::1"), List.of(), false).notAdmitted).isTrue();
    // without collecting, nothing is gathered
    FirstMatch.Result r = m.match(IpSet.parse("2001:db8:10::1"), List.of(), false);
    assertThat(r.admitted).isTrue();
    assertThat(r.admittedParts).isNull();
  }

  @Test
  void anUnresolvedRuleThatDecidesAV6AddressMakesTheAnswerUnknown() {
    // an unresolved service tag rule is a catch-all in the table: it decides every address no earlier rule decides
    FirstMatch m = table(false, new Admission.Rule("deny sub", SUB, false, false),
        new Admission.Rule("tag Foo", null, true, false));
    FirstMatch.Result decided = m.match(IpSet.parse("2001:db8:1::5"), List.of(), false);
    assertThat(decided.unresolved).isNull();
    assertThat(decided.denied).isTrue();
    FirstMatch.Result unknown = m.match(IpSet.parse("2001:db8:2::5"), List.of(), false);
    assertThat(unknown.unresolved).isEqualTo("tag Foo");
  }

  @Test
  void aPublicIpKnownByIdOnlyIsAdmittedByItsReferenceRule() {
    ResourceId pip = ResourceId.of("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/publicIPAddresses/p");
    FirstMatch m = FirstMatch.compile(Admission.restricted(List.of(new Admission.Rule("ref", null, true, false, pip)),
        Set.of(), false, false, List.of(), "test"));
    FirstMatch.Result r = m.match(IpSet.EMPTY, List.of(pip), true);
    assertThat(r.symbolicAdmitted).containsExactly(pip);
    assertThat(r.pendingSymbolic).isFalse();
    ResourceId other = ResourceId.of("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/publicIPAddresses/q");
    FirstMatch.Result o = m.match(IpSet.EMPTY, List.of(other), true);
    assertThat(o.symbolicAdmitted).isEmpty();
    assertThat(o.pendingSymbolic).isTrue();
  }
}
