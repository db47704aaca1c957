package io.allowpath.ingest.arm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which "id" strings are ARM resource ids (the reader skips a resource whose id is not one, with an ERROR). */
class ArmShapedTest {
  @Test
  void subscriptionAndTenantScopedIdsInAnyAsciiCase() {
    assertThat(J.armShaped("/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/natGateways/ng")).isTrue();
    assertThat(J.armShaped("/SUBSCRIPTIONS/s1/resourceGroups/rg/providers/Microsoft.Network/natGateways/ng")).isTrue();
    assertThat(J.armShaped("/providers/Microsoft.Management/managementGroups/mg")).isTrue();
  }

  @Test
  void notAnArmId() {
    assertThat(J.armShaped("subscriptions/s1/resourceGroups/rg")).isFalse(); // no leading slash
    assertThat(J.armShaped("/subscriptions/s1//resourceGroups/rg")).isFalse(); // an empty segment
    assertThat(J.armShaped("/subscriptions/s1/resourceGroups/rg\n/providers/x")).isFalse();
    assertThat(J.armShaped("/subscriptions/s1/resourceGroups/r\tg")).isFalse();
    assertThat(J.armShaped("/subscriptions")).isFalse();
    // letters that only Unicode case folding makes ASCII: not the segment name ARM writes
    assertThat(J.armShaped("/\u017Fubscriptions/s1/resourceGroups/rg")).isFalse(); // long s
    assertThat(J.armShaped("/SUBSCR\u0130PT\u0130ONS/s1/resourceGroups/rg")).isFalse(); // dotted capital I
  }
}
