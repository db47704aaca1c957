package io.allowpath.emit.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The type checker on a types.json this project wrote in the bicep-types-az format
 * (src/test/resources/bicep-types/fixture), so its core runs without the shared corpus; and on the corpus, the
 * constructs issue 12 found (AI Search 2023-11-01 enums and bypass).
 */
class BicepTypesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final BicepTypes FIXTURE = BicepTypes.under(Path.of("src/test/resources/bicep-types/fixture"));

  static List<String> check(String body) throws Exception {
    return FIXTURE.check("Microsoft.Example/firewalls", "2024-01-01", JSON.readTree(body));
  }

  @Test
  void aValidBodyHasNoProblems() throws Exception {
    assertThat(check("{\"name\":\"fw\",\"location\":\"westeurope\",\"properties\":{\"publicNetworkAccess\":\"Enabled\","
        + "\"rules\":[{\"protocolType\":\"Https\",\"port\":443}],\"collections\":[{\"kind\":\"Filter\",\"name\":\"c\","
        + "\"priority\":100}],\"enabled\":true}}")).isEmpty();
  }

  @Test
  void aPortWrittenAsProtocolAndPortIsNotAnInteger() throws Exception {
    assertThat(check("{\"name\":\"fw\",\"properties\":{\"rules\":[{\"protocolType\":\"Https\",\"port\":\"Https:443\"}]}}"))
        .containsExactly("Microsoft.Example/firewalls@2024-01-01.properties.rules[0].port: expected an integer, got \"Https:443\"");
  }

  @Test
  void enumValuesCompareExactlyAndUnknownPropertiesFail() throws Exception {
    assertThat(check("{\"name\":\"fw\",\"properties\":{\"publicNetworkAccess\":\"enabled\",\"bypass\":\"None\"}}"))
        .hasSize(2).anyMatch(p -> p.contains("publicNetworkAccess: \"enabled\" is none of ['Enabled', 'Disabled']"))
        .anyMatch(p -> p.endsWith("properties.bypass: no such property"));
  }

  @Test
  void requiredReadOnlyRangesDiscriminatorsAndUnknownVersions() throws Exception {
    assertThat(check("{\"properties\":{\"provisioningState\":\"x\",\"rules\":[{\"port\":70000}],"
        + "\"collections\":[{\"kind\":\"Nat\",\"name\":\"n\"},{\"kind\":\"Filter\"}],\"enabled\":\"yes\"}}"))
        .anyMatch(p -> p.endsWith(".name: required property missing"))
        .anyMatch(p -> p.endsWith("provisioningState: read-only property"))
        .anyMatch(p -> p.endsWith("rules[0].protocolType: required property missing"))
        .anyMatch(p -> p.endsWith("rules[0].port: 70000 outside 0..64000"))
        .anyMatch(p -> p.endsWith("collections[0].kind: \"Nat\" is none of [Filter]"))
        .anyMatch(p -> p.endsWith("collections[1].name: required property missing"))
        .anyMatch(p -> p.endsWith("enabled: expected a boolean, got \"yes\""));
    assertThat(FIXTURE.check("Microsoft.Example/firewalls", "2023-01-01", JSON.readTree("{}")))
        .containsExactly("Microsoft.Example/firewalls@2023-01-01: no types.json for this provider and API version");
    assertThat(FIXTURE.check("Microsoft.Example/other", "2024-01-01", JSON.readTree("{}")))
        .containsExactly("Microsoft.Example/other@2024-01-01: resource type not in this API version");
  }

  @Test
  void expressionsMatchAnyType() throws Exception {
    JsonNode body = JSON.readTree("{\"name\":\"fw\",\"properties\":{\"rules\":[{\"protocolType\":\"Https\","
        + "\"port\":\"[parameters('port')]\"}],\"publicNetworkAccess\":\"[[literal\"}}");
    assertThat(FIXTURE.check("Microsoft.Example/firewalls", "2024-01-01", body))
        .containsExactly("Microsoft.Example/firewalls@2024-01-01.properties.publicNetworkAccess: \"[[literal\" is none of "
            + "['Enabled', 'Disabled']");
  }

  @Test
  void theSearchConstructsOfIssue12FailIn20231101AndPassIn20250501() throws Exception {
    BicepTypes corpus = BicepTypes.under(Corpus.dir("bicep-types-az"));
    JsonNode body = JSON.readTree("{\"name\":\"srch\",\"location\":\"westeurope\",\"sku\":{\"name\":\"basic\"},"
        + "\"properties\":{\"publicNetworkAccess\":\"Enabled\",\"networkRuleSet\":{\"bypass\":\"AzureServices\","
        + "\"ipRules\":[{\"value\":\"52.170.10.20\"}]}}}");
    assertThat(corpus.check("Microsoft.Search/searchServices", "2023-11-01", body))
        .anyMatch(p -> p.contains("publicNetworkAccess: \"Enabled\" is none of ['enabled', 'disabled']"))
        .anyMatch(p -> p.endsWith("networkRuleSet.bypass: no such property"));
    assertThat(corpus.check("Microsoft.Search/searchServices", "2025-05-01", body)).isEmpty();
  }
}
