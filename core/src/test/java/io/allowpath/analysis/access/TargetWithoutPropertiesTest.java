package io.allowpath.analysis.access;

import static io.allowpath.analysis.access.AccessCases.CLUSTER;
import static io.allowpath.testing.TargetJson.keyVault;
import static io.allowpath.testing.TargetJson.kvId;
import static io.allowpath.testing.TargetJson.storage;
import static io.allowpath.testing.TargetJson.storageId;
import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.testing.EstateJson;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A target exported by {@code az resource list} has
 * {@code "properties": null} (docs/formats.md §3.6; Azure/azure-cli#3457). Its network configuration
 * cannot be read, so the answer must be UNKNOWN TARGET_UNKNOWN (habit 5), not ALLOW OPEN_TO_ALL_NETWORKS:
 * the real account may well be restricted (before this was fixed, the readers took the absent networkAcls as
 * "defaultAction not set (Allow)" with no diagnostic).
 */
class TargetWithoutPropertiesTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"storage", "keyvault"})
  void aTargetWithNullPropertiesIsUnknownNotOpen(String kind) {
    EstateJson e = AccessCases.nat();
    String id = kind.equals("storage") ? storageId("st1") : kvId("kv1");
    (kind.equals("storage") ? storage(e, "st1", "westus") : keyVault(e, "kv1", "westus")).putNull("properties");
    ReasonCoverageTest.Case k = new ReasonCoverageTest.Case("null properties", () -> e, x -> { }, CLUSTER, id, false,
        Outcome.UNKNOWN, Via.PUBLIC_IP, List.of(Reason.TARGET_UNKNOWN));
    Verdict v = ReasonCoverageTest.run(k, dir).verdict();
    assertThat(v.outcome()).as(ReasonCoverageTest.show(v)).isEqualTo(Outcome.UNKNOWN);
    assertThat(v.reasons()).containsExactly(Reason.TARGET_UNKNOWN);
  }
}
