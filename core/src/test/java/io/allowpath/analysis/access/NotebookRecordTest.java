package io.allowpath.analysis.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.model.IpValue;
import io.allowpath.model.PrivateDnsZone;
import io.allowpath.model.ResourceId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link PrivatePaths#hasRecord}: an AML notebooks record ({@code ml-<workspace>-<region>-<guid>.<region>}) may carry
 * the workspace name truncated to keep its first label within 63 characters
 * (https://learn.microsoft.com/azure/machine-learning/how-to-custom-dns); it matches by the {@code ml-} prefix, a
 * prefix of the name and the exact {@code -<region>-<guid>.<region>} tail — and by nothing looser.
 */
class NotebookRecordTest {
  static final String NB = "privatelink.notebooks.azure.net";
  static final String GUID = "0123abcd-4567-89ef-0123-456789abcdef";

  private static PrivateDnsZone zone(String... records) {
    return new PrivateDnsZone(ResourceId.of("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/"
        + NB), List.of(), java.util.Arrays.stream(records).map(r -> new PrivateDnsZone.ARecord(r, IpValue.texts(
            IpValue.list("10.0.0.5")))).toList());
  }

  private static boolean has(PrivateDnsZone z, String record) {
    return PrivatePaths.hasRecord(z, new PrivatePaths.Expected(NB, record));
  }

  @Test
  void theExactRecordAndATruncatedNameMatch() {
    String full = "ml-mlw-research-eastus-" + GUID + ".eastus";
    assertThat(has(zone(full), full)).isTrue();
    assertThat(has(zone("ML-MLW-RESEARCH-EASTUS-" + GUID.toUpperCase() + ".EASTUS"), full)).isTrue(); // case-insensitive
    assertThat(has(zone("ml-mlw-res-eastus-" + GUID + ".eastus"), full)).isTrue();
    assertThat(has(zone("ml-m-eastus-" + GUID + ".eastus"), full)).isTrue(); // one character of the name left
  }

  @Test
  void anythingLooserDoesNotMatch() {
    String full = "ml-mlw-research-eastus-" + GUID + ".eastus";
    assertThat(has(zone("ml--eastus-" + GUID + ".eastus"), full)).isFalse(); // no character of the name
    assertThat(has(zone("ml-other-eastus-" + GUID + ".eastus"), full)).isFalse(); // not a prefix of the name
    assertThat(has(zone("ml-mlw-westus-" + GUID + ".westus"), full)).isFalse(); // another region
    assertThat(has(zone("ml-mlw-research-eastus-" + GUID.replace('0', '1') + ".eastus"), full)).isFalse(); // another guid
    assertThat(has(zone("mx-mlw-eastus-" + GUID + ".eastus"), full)).isFalse(); // not an ml- record
    assertThat(has(zone(), full)).isFalse();
  }

  @Test
  void aRecordThatIsTooShortToHoldAGuidOrARegionIsOnlyMatchedExactly() {
    assertThat(has(zone("ml-a-" + GUID), "ml-a-" + GUID)).isTrue();
    assertThat(has(zone("ml-ab-" + GUID + "x"), "ml-a-" + GUID)).isFalse(); // the label has no region before the guid
    assertThat(has(zone("ml-short"), "ml-shorter")).isFalse(); // shorter than a guid
    assertThat(has(zone("ml-a-b-" + GUID), "ml-a-" + GUID)).isFalse();
    // another zone's records are matched exactly only
    assertThat(PrivatePaths.hasRecord(zone("ml-mlw-eastus-" + GUID + ".eastus"),
        new PrivatePaths.Expected("privatelink.api.azureml.ms", "ml-mlw-research-eastus-" + GUID + ".eastus"))).isFalse();
  }
}
