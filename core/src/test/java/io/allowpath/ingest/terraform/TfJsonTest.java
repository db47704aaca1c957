package io.allowpath.ingest.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.ingest.InputException;
import io.allowpath.ingest.JsonFiles;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The slim tree reader: a plan loses only what the adapter never reads; anything else is read whole. */
class TfJsonTest {
  private static final String PLAN = """
      {"format_version":"1.2","terraform_version":"1.9.4",
       "planned_values":{"root_module":{"resources":[{"address":"azurerm_subnet.a","mode":"managed",
         "type":"azurerm_subnet","name":"a","values":{"name":"a","n":7,"big":12345678901,"f":1.5,"nil":null}}]}},
       "resource_changes":[{"address":"azurerm_subnet.a","mode":"managed","type":"azurerm_subnet","name":"a",
         "index":0,"change":{"actions":["create"],"before":null,"after":{"name":"a","address_prefixes":["10.0.0.0/24"]},
         "after_unknown":{"id":true,"address_prefixes":[false],"x":{"y":true}},"before_sensitive":false,
         "after_sensitive":{}}}],
       "configuration":{"root_module":{}}}
      """;

  private static JsonNode slim(String json) {
    return JsonFiles.parse("t.json", json.getBytes(StandardCharsets.UTF_8), TerraformAdapter::readTree);
  }

  @Test
  void aPlanKeepsEverythingButTheBeforeAndAfterCopiesOfItsChanges() throws Exception {
    JsonNode full = new ObjectMapper().readTree(PLAN);
    JsonNode slim = slim(PLAN);
    JsonNode change = slim.at("/resource_changes/0/change");
    assertThat(change.has("before")).isFalse();
    assertThat(change.has("after")).isFalse();
    assertThat(change.has("before_sensitive")).isFalse();
    assertThat(change.get("after_unknown")).isEqualTo(full.at("/resource_changes/0/change/after_unknown"));
    assertThat(change.get("actions")).isEqualTo(full.at("/resource_changes/0/change/actions"));
    assertThat(slim.at("/resource_changes/0/index")).isEqualTo(full.at("/resource_changes/0/index"));
    assertThat(slim.get("planned_values")).isEqualTo(full.get("planned_values"));
    ((ObjectNode) full.at("/resource_changes/0/change")).retain("actions", "after_unknown");
    assertThat(slim).isEqualTo(full);
  }

  @Test
  void aDocumentNotStartingWithFormatVersionIsReadWhole() throws Exception {
    String json = "{\"resource_changes\":[{\"change\":{\"after\":{\"a\":1}}}],\"format_version\":\"1.2\"}";
    assertThat(slim(json)).isEqualTo(new ObjectMapper().readTree(json));
    assertThat(slim("[1,2,{\"a\":[true]}]")).isEqualTo(new ObjectMapper().readTree("[1,2,{\"a\":[true]}]"));
  }

  @Test
  void malformedJsonInASkippedPartIsStillAnInputErrorWithItsLine() {
    String broken = "{\"format_version\":\"1.2\",\n\"resource_changes\":[{\"change\":{\"after\":{\"a\":}}}]}";
    assertThatThrownBy(() -> slim(broken)).isInstanceOf(InputException.class).hasMessageContaining("line 2");
  }
}
