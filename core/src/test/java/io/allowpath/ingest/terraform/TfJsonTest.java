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
       "variables":{"location":{"value":"eastus"}},
       "planned_values":{"outputs":{"o":{"sensitive":false,"value":1}},"root_module":{"resources":[{"address":"azurerm_subnet.a",
         "mode":"managed","type":"azurerm_subnet","name":"a","values":{"name":"a","n":7,"big":12345678901,"f":1.5,"nil":null},
         "sensitive_values":{"address_prefixes":[]}}],
         "child_modules":[{"address":"module.m","resources":[{"address":"module.m.azurerm_vnet.v","mode":"managed",
           "type":"azurerm_virtual_network","name":"v","values":{"name":"v"},"sensitive_values":{"tags":{}}}]}]}},
       "resource_changes":[{"address":"azurerm_subnet.a","mode":"managed","type":"azurerm_subnet","name":"a",
         "index":0,"provider_name":"registry.terraform.io/hashicorp/azurerm","deposed":"00000001",
         "change":{"actions":["create"],"before":null,"after":{"name":"a","address_prefixes":["10.0.0.0/24"]},
         "after_unknown":{"id":true,"address_prefixes":[false],"x":{"y":true}},"before_sensitive":false,
         "after_sensitive":{}}}],
       "prior_state":{"format_version":"1.0","values":{"root_module":{"resources":[{"address":"data.azurerm_client_config.c",
         "mode":"data","type":"azurerm_client_config","name":"c","values":{"subscription_id":"s"},"sensitive_values":{}}]}}},
       "relevant_attributes":[{"resource":"azurerm_subnet.a","attribute":["id"]}],
       "resource_drift":[{"address":"azurerm_subnet.a","change":{"actions":["update"],"before":{"name":"x"},"after":{"name":"a"}}}],
       "action_invocations":[],"deferred_action_invocations":[],
       "output_changes":{"o":{"actions":["create"]}},
       "checks":[],
       "configuration":{"root_module":{"resources":[{"address":"azurerm_subnet.a","expressions":{"name":{"constant_value":"a"}}}]}}}
      """;

  private static JsonNode slim(String json) {
    return JsonFiles.parse("t.json", json.getBytes(StandardCharsets.UTF_8), TerraformAdapter::readTree);
  }

  @Test
  void aPlanKeepsEverythingButWhatTheAdapterNeverReads() throws Exception {
    JsonNode full = new ObjectMapper().readTree(PLAN);
    JsonNode slim = slim(PLAN);
    JsonNode change = slim.at("/resource_changes/0/change");
    assertThat(change.has("before")).isFalse();
    assertThat(change.has("after")).isFalse();
    assertThat(change.has("before_sensitive")).isFalse();
    assertThat(change.get("after_unknown")).isEqualTo(full.at("/resource_changes/0/change/after_unknown"));
    assertThat(change.get("actions")).isEqualTo(full.at("/resource_changes/0/change/actions"));
    assertThat(slim.at("/resource_changes/0/deposed").asText()).isEqualTo("00000001");
    assertThat(slim.at("/resource_changes/0").has("index")).isFalse();
    assertThat(slim.at("/planned_values/root_module/resources/0").has("sensitive_values")).isFalse();
    assertThat(slim.at("/planned_values/root_module/child_modules/0/resources/0").has("sensitive_values")).isFalse();
    assertThat(slim.at("/prior_state/values/root_module/resources/0").has("sensitive_values")).isFalse();
    for (String skipped : new String[] {"relevant_attributes", "output_changes", "checks", "resource_drift",
        "action_invocations", "deferred_action_invocations"}) {
      assertThat(full.has(skipped)).isTrue();
      assertThat(slim.has(skipped)).as(skipped).isFalse();
    }
    // everything else exactly as readTree reads it
    ObjectNode expected = (ObjectNode) full.deepCopy();
    expected.remove(java.util.List.of("relevant_attributes", "output_changes", "checks", "resource_drift",
        "action_invocations", "deferred_action_invocations"));
    ((ObjectNode) expected.at("/resource_changes/0")).retain("address", "deposed", "change");
    ((ObjectNode) expected.at("/resource_changes/0/change")).retain("actions", "after_unknown");
    for (String r : new String[] {"/planned_values/root_module/resources/0",
        "/planned_values/root_module/child_modules/0/resources/0", "/prior_state/values/root_module/resources/0"}) {
      ((ObjectNode) expected.at(r)).remove("sensitive_values");
    }
    assertThat(slim).isEqualTo(expected);
  }

  @Test
  void aStatesValuesLoseOnlyTheirSensitivityMaps() throws Exception {
    String state = """
        {"format_version":"1.0","terraform_version":"1.9.4","values":{"root_module":{"resources":[
          {"address":"azurerm_subnet.a","mode":"managed","type":"azurerm_subnet","name":"a","values":{"id":"x"},
           "sensitive_values":{}}]}}}""";
    ObjectNode expected = (ObjectNode) new ObjectMapper().readTree(state);
    ((ObjectNode) expected.at("/values/root_module/resources/0")).remove("sensitive_values");
    assertThat(slim(state)).isEqualTo(expected);
  }

  @Test
  void thePlannedSidesTreeKeepsOnlyTheDataSourcesValuesOfThePriorState() throws Exception {
    String plan = """
        {"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"azurerm_subnet.a","mode":"managed",
          "type":"azurerm_subnet","name":"a","values":{"name":"a"}}]}},
         "prior_state":{"values":{"root_module":{"resources":[
          {"address":"azurerm_subnet.a","mode":"managed","type":"azurerm_subnet","name":"a","values":{"name":"old",
           "id":"/subscriptions/s1/x","virtual_network_id":"/subscriptions/s1/v","tags":{"id":"t"},"scope":7}},
          {"address":"data.azurerm_subnet.d","mode":"data","type":"azurerm_subnet","name":"d","values":{"id":"x"}},
          {"address":"azurerm_subnet.b","values":{"name":"b"},"mode":"managed","type":"azurerm_subnet","name":"b"}],
          "child_modules":[{"address":"module.m","resources":[{"address":"module.m.azurerm_subnet.c","mode":"managed",
           "type":"azurerm_subnet","name":"c","values":{"name":"c"}}]}]}}}}""";
    JsonNode both = slim(plan);
    JsonNode planned = JsonFiles.parse("t.json", plan.getBytes(StandardCharsets.UTF_8), TerraformAdapter::readPlannedTree);
    String rs = "/prior_state/values/root_module/resources/";
    assertThat(both.at(rs + "0/values/name").asText()).isEqualTo("old");
    // a managed resource keeps only its id fields' text (the subscription), nothing else
    assertThat(planned.at(rs + "0/values")).isEqualTo(new ObjectMapper().readTree(
        "{\"id\":\"/subscriptions/s1/x\",\"virtual_network_id\":\"/subscriptions/s1/v\"}"));
    assertThat(planned.at(rs + "0/address").asText()).isEqualTo("azurerm_subnet.a");
    assertThat(planned.at(rs + "1")).isEqualTo(both.at(rs + "1")); // a data source: what the planned side reads
    assertThat(planned.at(rs + "2/values/name").asText()).isEqualTo("b"); // mode after values: kept
    assertThat(planned.at("/prior_state/values/root_module/child_modules/0/resources/0/values").isEmpty()).isTrue();
    assertThat(planned.get("planned_values")).isEqualTo(both.get("planned_values"));
  }

  @Test
  void aModuleNotShapedAsExpectedIsKeptWholeForTheAdapterToReport() throws Exception {
    String odd = "{\"format_version\":\"1.2\",\"planned_values\":{\"root_module\":[1]},"
        + "\"prior_state\":{\"values\":{\"root_module\":{\"resources\":[3],\"child_modules\":\"x\"}}},"
        + "\"resource_changes\":[7,{\"address\":\"a\",\"change\":{\"after_unknown\":[]}}]}";
    assertThat(slim(odd)).isEqualTo(new ObjectMapper().readTree(odd));
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
