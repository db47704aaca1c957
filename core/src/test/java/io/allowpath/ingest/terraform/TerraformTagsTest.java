package io.allowpath.ingest.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.ingest.load.EstateLoader;
import io.allowpath.model.Estate;
import io.allowpath.model.KeyVault;
import io.allowpath.model.MlCompute;
import io.allowpath.model.MlWorkspace;
import io.allowpath.model.ResourceId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Terraform's {@code tags} map argument (every azurerm resource ARM tags has one, e.g.
 * https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault#tags) is read
 * as the ARM {@code tags} object, so intents select Terraform estates by tag as they do ARM exports.
 */
class TerraformTagsTest {
  @TempDir Path dir;

  static final ObjectMapper MAPPER = new ObjectMapper();

  static void tag(JsonNode module, String address, Map<String, String> tags) {
    for (JsonNode r : module.path("resources")) {
      if (r.get("address").asText().equals(address)) {
        ObjectNode t = ((ObjectNode) r.get("values")).putObject("tags");
        tags.forEach(t::put);
        return;
      }
    }
    throw new AssertionError("no " + address + " in the fixture");
  }

  @Test
  void tagsOfWorkspacesComputesAndTargetsAreRead() throws Exception {
    JsonNode state = MAPPER.readTree(TerraformAdapterTest.STATE.toFile());
    JsonNode root = state.get("values").get("root_module");
    tag(root, "azurerm_machine_learning_workspace.prod", Map.of("env", "prod"));
    tag(root, "azurerm_machine_learning_compute_cluster.gpu", Map.of("team", "vision"));
    tag(root, "azurerm_key_vault.ml", Map.of("data", "secret"));
    Path f = dir.resolve("tagged.state.json");
    Files.writeString(f, MAPPER.writeValueAsString(state));
    Estate e = new EstateLoader().load(List.of(f));

    ResourceId ws = e.all(MlWorkspace.class).get(0).id();
    ResourceId gpu = e.all(MlCompute.class).stream().filter(c -> c.id().name().equals("gpu-cluster")).findFirst()
        .orElseThrow(() -> new AssertionError("computes: " + e.all(MlCompute.class))).id();
    ResourceId kv = e.all(KeyVault.class).get(0).id();
    assertThat(e.tags(ws)).containsExactly(Map.entry("env", "prod"));
    assertThat(e.tags(gpu)).containsExactly(Map.entry("team", "vision"));
    assertThat(e.tags(kv)).containsExactly(Map.entry("data", "secret"));

    Estate untagged = new EstateLoader().load(List.of(TerraformAdapterTest.STATE));
    assertThat(untagged.allTags()).as("tags = {} reads as none").isEmpty();
  }
}
