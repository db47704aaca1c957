package io.allowpath.analysis.egress;

import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.model.Diagnostic;
import io.allowpath.model.ResourceId;
import io.allowpath.testing.EstateJson;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An AML compute without a subnet whose workspace is not in the estate (a compute exported alone, or the quickstart
 * template 101-machine-learning-compute-create-amlcompute that deploys a compute into an existing
 * workspace): the egress cannot be worked out, so it is UNKNOWN with a diagnostic naming the workspace
 * and saying to add it (ARCHITECTURE habit 5), never a guess. Covers without the shared corpus what
 * TemplateScenarioTest checks on that template.
 */
class MissingWorkspaceEgressTest {
  @TempDir Path dir;

  @Test
  void aComputeWithoutItsWorkspaceIsUnknownAndNamesWhatToAdd() {
    EstateJson e = new EstateJson();
    e.compute("mlw", "cluster", "AmlCompute"); // no subnet: the workspace (managed network or not) decides
    Egress x = EgressResolverTest.resolve(dir, e, EgressResolverTest.CLUSTER, Destination.INTERNET, null);
    assertThat(x.mode()).isEqualTo(EgressMode.UNKNOWN);
    assertThat(x.stable()).isFalse();
    assertThat(x.publicIps().isEmpty()).isTrue();
    assertThat(x.diagnostics()).extracting(Diagnostic::message)
        .anySatisfy(m -> assertThat(m).contains("workspace").contains("add it"));
    assertThat(x.hops()).anyMatch(h -> h.kind().equals("MISSING") && ResourceId.of(EstateJson.mlwId("mlw"))
        .equals(h.resource()));
  }
}
