package io.allowpath.ingest.armtemplate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.allowpath.ingest.Unknown;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Template functions, with the example inputs and outputs of Azure's function reference
 * (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-string,
 * -array, -object, -logical, -comparison, -numeric, -resource, -deployment, -cidr). Each row is
 * expression | expected JSON.
 */
class ArmFunctionsTest {

  private static void check(String expression, String expectedJson) {
    JsonNode actual = Eval.eval(expression);
    JsonNode expected = Eval.json(expectedJson);
    assertThat(Values.same(actual, expected))
        .as("%s = %s, expected %s", expression, actual, expected)
        .isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
    // string functions
    "base64('one, two, three') | \"b25lLCB0d28sIHRocmVl\"",
    "base64ToString('b25lLCB0d28sIHRocmVl') | \"one, two, three\"",
    "concat('prefix', '-', 'suffix') | \"prefix-suffix\"",
    "concat('a', 1, 'b') | \"a1b\"",
    "format('{0}, {1}. Formatted number: {2:N0}', 'Hello', 'User', 8175133) | \"Hello, User. Formatted number: 8,175,133\"",
    "format('{0}-{1}-{0}', 'a', 2) | \"a-2-a\"",
    "format('{{literal}} {0}', 'x') | \"{literal} x\"",
    "toLower('One Two Three') | \"one two three\"",
    "toUpper('One Two Three') | \"ONE TWO THREE\"",
    "trim('    one two three   ') | \"one two three\"",
    "padLeft('123', 10, '0') | \"0000000123\"",
    "padLeft('123', 2, '0') | \"123\"",
    "replace('123-123-1234', '-', '') | \"1231231234\"",
    "replace('123-123-1234', '1234', 'xxxx') | \"123-123-xxxx\"",
    "split('one,two,three', ',') | [\"one\",\"two\",\"three\"]",
    "split('one;two,three', createArray(',', ';')) | [\"one\",\"two\",\"three\"]",
    "substring('one two three', 4, 3) | \"two\"",
    "substring('one two three', 8) | \"three\"",
    "indexOf('abcdef', 'CD') | 2",
    "indexOf('abcdef', 'z') | -1",
    "lastIndexOf('abcdef', 'AB') | 0",
    "lastIndexOf('abcdef', 'z') | -1",
    "indexOf(createArray('a', 'b', 'c'), 'c') | 2",
    "startsWith('abcdef', 'ab') | true",
    "startsWith('abcdef', 'A') | true",
    "startsWith('abcdef', 'e') | false",
    "endsWith('abcdef', 'ef') | true",
    "endsWith('abcdef', 'F') | true",
    "endsWith('abcdef', 'e') | false",
    "string(createObject('valueA', 10, 'valueB', 'Example Text')) | \"{\\\"valueA\\\":10,\\\"valueB\\\":\\\"Example Text\\\"}\"",
    "string(createArray('a', 'b', 'c')) | \"[\\\"a\\\",\\\"b\\\",\\\"c\\\"]\"",
    "string(5) | \"5\"",
    "string('text') | \"text\"",
    "uri('http://contoso.com/resources/', 'nested/azuredeploy.json') | \"http://contoso.com/resources/nested/azuredeploy.json\"",
    "uriComponent('http://contoso.com/resources/nested/azuredeploy.json') | \"http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json\"",
    "json('{\"a\": \"b\"}').a | \"b\"",
    "json('null') | null",
    "json('[1, 2, 3]') | [1, 2, 3]",
    "'it''s' | \"it's\"",
    // array and object functions
    "concat(createArray('1-1', '1-2', '1-3'), createArray('2-1', '2-2', '2-3')) | [\"1-1\",\"1-2\",\"1-3\",\"2-1\",\"2-2\",\"2-3\"]",
    "contains('OneTwoThree', 'e') | true",
    "contains('OneTwoThree', 'z') | false",
    "contains(createObject('one', 'a', 'two', 'b', 'three', 'c'), 'one') | true",
    "contains(createObject('one', 'a', 'two', 'b', 'three', 'c'), 'a') | false",
    "contains(createArray('one', 'two', 'three'), 'one') | true",
    "contains(createArray('one', 'two', 'three'), 'four') | false",
    "empty(createArray()) | true",
    "empty(createObject()) | true",
    "empty('') | true",
    "empty('x') | false",
    "length(createArray('one', 'two', 'three')) | 3",
    "length('One Two Three') | 13",
    "length(createObject('propA', 'one', 'propB', 'two', 'propC', 'three', 'propD', createObject('propD-1', 'sub', 'propD-2', 'sub'))) | 4",
    "first(createArray('one', 'two', 'three')) | \"one\"",
    "first('One Two Three') | \"O\"",
    "last(createArray('one', 'two', 'three')) | \"three\"",
    "last('One Two Three') | \"e\"",
    "skip(createArray('one', 'two', 'three'), 2) | [\"three\"]",
    "skip('one two three', 4) | \"two three\"",
    "take(createArray('one', 'two', 'three'), 2) | [\"one\",\"two\"]",
    "take('one two three', 2) | \"on\"",
    "union(createObject('one', 'a', 'two', 'b', 'three', 'c1'), createObject('three', 'c2', 'four', 'd', 'five', 'e')) | {\"one\":\"a\",\"two\":\"b\",\"three\":\"c2\",\"four\":\"d\",\"five\":\"e\"}",
    "union(createArray('one', 'two', 'three'), createArray('three', 'four')) | [\"one\",\"two\",\"three\",\"four\"]",
    "union(json('{\"property\":{\"one\":\"a\",\"two\":\"b\",\"three\":\"c1\"},\"nestedArray\":[1,2]}'), json('{\"property\":{\"three\":\"c2\",\"four\":\"d\",\"five\":\"e\"},\"nestedArray\":[3,4]}')) | {\"property\":{\"one\":\"a\",\"two\":\"b\",\"three\":\"c2\",\"four\":\"d\",\"five\":\"e\"},\"nestedArray\":[3,4]}",
    "intersection(createObject('one', 'a', 'two', 'b', 'three', 'c'), createObject('one', 'a', 'two', 'z', 'three', 'c')) | {\"one\":\"a\",\"three\":\"c\"}",
    "intersection(createArray('one', 'two', 'three'), createArray('two', 'three')) | [\"two\",\"three\"]",
    "createArray(1, 2, 3) | [1, 2, 3]",
    "createObject('intProp', 1, 'stringProp', 'abc', 'boolProp', true(), 'arrayProp', createArray('a', 'b', 'c')) | {\"intProp\":1,\"stringProp\":\"abc\",\"boolProp\":true,\"arrayProp\":[\"a\",\"b\",\"c\"]}",
    "array(1) | [1]",
    "array('efgh') | [\"efgh\"]",
    "array(createObject('a', 'b', 'c', 'd')) | [{\"a\":\"b\",\"c\":\"d\"}]",
    "range(1, 3) | [1, 2, 3]",
    "range(5, 0) | []",
    "min(createArray(0, 3, 2, 5, 4)) | 0",
    "min(0, 3, 2, 5, 4) | 0",
    "max(createArray(0, 3, 2, 5, 4)) | 5",
    "max(0, 3, 2, 5, 4) | 5",
    "coalesce(parameters('nullable').a, parameters('nullable').b) | \"set\"",
    "coalesce(null(), null()) | null",
    "join(createArray('one', 'two', 'three'), ',') | \"one,two,three\"",
    "flatten(createArray(createArray('one', 'two'), createArray('three'))) | [\"one\",\"two\",\"three\"]",
    "tryGet(createObject('a', createObject('b', 1)), 'a', 'b') | 1",
    "tryGet(createObject('a', 1), 'missing') | null",
    "filter(createArray(1, 5, 8, 3), lambda('x', greater(lambdaVariables('x'), 4))) | [5, 8]",
    "map(createArray('a', 'b'), lambda('x', toUpper(lambdaVariables('x')))) | [\"A\", \"B\"]",
    "map(createArray('a', 'b'), lambda('x', 'i', concat(lambdaVariables('x'), string(lambdaVariables('i'))))) | [\"a0\", \"b1\"]",
    "reduce(createArray(1, 2, 3), 0, lambda('cur', 'next', add(lambdaVariables('cur'), lambdaVariables('next')))) | 6",
    "sort(createArray(3, 1, 2), lambda('a', 'b', less(lambdaVariables('a'), lambdaVariables('b')))) | [1, 2, 3]",
    "toObject(parameters('items'), lambda('e', lambdaVariables('e').name)) | {\"first\":{\"name\":\"first\"},\"second\":{\"name\":\"second\"}}",
    "items(createObject('b', 2, 'a', 1)) | [{\"key\":\"a\",\"value\":1},{\"key\":\"b\",\"value\":2}]",
    // logical and comparison
    "and(true(), false()) | false",
    "and(true(), true(), true()) | true",
    "or(true(), false()) | true",
    "or(false(), false()) | false",
    "not(true()) | false",
    "not(equals(1, 2)) | true",
    "if(equals('a', 'a'), 'yes', 'no') | \"yes\"",
    "if(equals('a', 'b'), 'yes', 'no') | \"no\"",
    "if(true(), 'kept', fooBar(1)) | \"kept\"",
    "bool('true') | true",
    "bool('false') | false",
    "bool(1) | true",
    "bool(0) | false",
    "equals(1, 1) | true",
    "equals('a', 'A') | false",
    "equals(createArray('a', 'b'), createArray('a', 'b')) | true",
    "equals(createObject('a', 'b'), createObject('a', 'b')) | true",
    "less(5, 10) | true",
    "less('A', 'a') | true",
    "lessOrEquals(10, 10) | true",
    "greater(10, 5) | true",
    "greater('A', 'a') | false",
    "greaterOrEquals(5, 10) | false",
    // numeric
    "add(5, 3) | 8",
    "sub(7, 3) | 4",
    "mul(5, 3) | 15",
    "div(8, 3) | 2",
    "mod(7, 3) | 1",
    "int('4') | 4",
    "int(-3) | -3",
    // CIDR
    "parseCidr('10.144.0.0/20') | {\"network\":\"10.144.0.0\",\"netmask\":\"255.255.240.0\",\"broadcast\":\"10.144.15.255\",\"firstUsable\":\"10.144.0.1\",\"lastUsable\":\"10.144.15.254\",\"cidr\":20}",
    "cidrSubnet('10.144.0.0/20', 24, 3) | \"10.144.3.0/24\"",
    "cidrSubnet('10.144.0.0/20', 24, 0) | \"10.144.0.0/24\"",
    "cidrHost('10.144.3.0/24', 2) | \"10.144.3.3\"",
    // parameters, variables, property and index access
    "parameters('items')[0].name | \"first\"",
    "parameters('items')[1]['name'] | \"second\"",
    "variables('v').prop | \"value\"",
    "variables('v').list[2] | 3",
    "variables('V').PROP | \"value\"",
    "parameters('derived') | \"app-derived\"",
    "variables('chained') | \"value-app-derived\"",
    // deployment and resource functions
    "resourceGroup().name | \"allowpath-template-rg\"",
    "resourceGroup().location | \"eastus\"",
    "resourceGroup().id | \"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/allowpath-template-rg\"",
    "subscription().subscriptionId | \"00000000-0000-0000-0000-000000000000\"",
    "subscription().id | \"/subscriptions/00000000-0000-0000-0000-000000000000\"",
    "tenant().tenantId | \"00000000-0000-0000-0000-000000000000\"",
    "deployment().name | \"allowpath-deployment\"",
    "environment().suffixes.storage | \"core.windows.net\"",
    "environment().suffixes.sqlServerHostname | \".database.windows.net\"",
    "environment().suffixes.keyvaultDns | \".vault.azure.net\"",
    "resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet1', 'sub1') | \"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/allowpath-template-rg/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/sub1\"",
    "resourceId('otherResourceGroup', 'Microsoft.Storage/storageAccounts', 'examplestorage') | \"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/otherResourceGroup/providers/Microsoft.Storage/storageAccounts/examplestorage\"",
    "resourceId('11111111-1111-1111-1111-111111111111', 'otherResourceGroup', 'Microsoft.SQL/servers/databases', 'serverName', 'databaseName') | \"/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/otherResourceGroup/providers/Microsoft.SQL/servers/serverName/databases/databaseName\"",
    "subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'acdd72a7-3385-48ef-bd42-f606fba81ae7') | \"/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7\"",
    "subscriptionResourceId('Microsoft.Resources/resourceGroups', 'rg2') | \"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg2\"",
    "tenantResourceId('Microsoft.Authorization/policyDefinitions', 'policy1') | \"/providers/Microsoft.Authorization/policyDefinitions/policy1\"",
    "extensionResourceId(resourceGroup().id, 'Microsoft.Authorization/locks', 'lock1') | \"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/allowpath-template-rg/providers/Microsoft.Authorization/locks/lock1\"",
    "uniqueString('aaa') | \"zavj67f3en4hc\"",
    "guid('a', 'b') | \"" + "GUID_AB" + "\"",
  })
  void functionMatchesAzureDocs(String expression, String expected) {
    if (expected.contains("GUID_AB")) {
      expected = "\"" + ArmHashes.uuidV5(java.util.UUID.fromString("11fb06fb-712d-4ddd-98c7-e71bbd588830"), "a-b") + "\"";
    }
    check(expression, expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
    "reference('myVm').properties.ipAddress",
    "listKeys(resourceId('Microsoft.Storage/storageAccounts', 'st'), '2019-06-01').keys[0].value",
    "newGuid()",
    "utcNow()",
    "concat('a', reference('x').y)",
    "if(equals(reference('x').y, 'a'), 1, 2)",
    "equals(reference('x').y, 'a')",
    "length(reference('x').list)",
  })
  void deploymentTimeValuesAreUnknown(String expression) {
    JsonNode v = Eval.eval(expression);
    assertThat(Unknown.is(v)).as("%s -> %s", expression, v).isTrue();
    assertThat(Unknown.expression(v)).startsWith("[");
  }

  @Test
  void containersKeepUnknownMembers() {
    JsonNode v = Eval.eval("createArray('a', reference('x').y)");
    assertThat(v.get(0).asText()).isEqualTo("a");
    assertThat(Unknown.is(v.get(1))).isTrue();
    assertThat(Unknown.expression(v.get(1))).isEqualTo("[reference('x').y]");
  }

  @Test
  void escapedBracketIsALiteral() {
    EvaluationRun run = new EvaluationRun("t.json", false);
    JsonNode v = Eval.scope(run).value(com.fasterxml.jackson.databind.node.TextNode.valueOf("[[not an expression]"), "/x");
    assertThat(v.asText()).isEqualTo("[not an expression]");
    assertThat(run.diagnostics).isEmpty();
  }
}
