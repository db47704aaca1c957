package io.allowpath.ingest.armtemplate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ArmHashesTest {

  /**
   * Published uniqueString vectors.
   *
   * <ul>
   *   <li>'aaa', 'bbb', 'zzz', ('xxx','yyy','zzz'): outputs of real Azure deployments recorded in
   *       KingslandConsulting/Kingsland.ArmLinter, src/Kingsland.ArmLinter/Functions/ArmFunctions_UniqueString.cs
   *       ("example output" obtained with New-AzResourceGroupDeployment).
   *   <li>('/subscriptions/00000000-0000-0000-0000-000000000000', 'resource-id') = cwvxuqg24sifi: Microsoft's
   *       Azure/terraform-provider-azapi, internal/services/functions/unique_string_function_test.go.
   *   <li>('hello','world') = a7wkljktk6wne: JasonWhall/go-azure-uniquestring README, same value in the
   *       self-test of a public uniquestring.sh ("verified against Bicep uniqueString() output").
   * </ul>
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "aaa|zavj67f3en4hc",
        "bbb|w5eragfxe33cy",
        "zzz|cryksdzzzawae",
        "xxx,yyy,zzz|lghi7k5js7itq",
        "/subscriptions/00000000-0000-0000-0000-000000000000,resource-id|cwvxuqg24sifi",
        "hello,world|a7wkljktk6wne",
        "test|rbgf3xv4ufgzg",
        "foo,bar,baz|xzi4ioaxtmth4",
      })
  void uniqueStringMatchesAzure(String args, String expected) {
    assertThat(ArmHashes.uniqueString(List.of(args.split(",")))).isEqualTo(expected);
  }

  @Test
  void uuidV5MatchesRfcReference() {
    // Generic UUIDv5 check (the DNS namespace of RFC 4122): value from the OpenTofu uuidv5 docs,
    // https://opentofu.org/docs/language/functions/uuidv5 : uuidv5("dns", "www.opentofu.org").
    UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
    assertThat(ArmHashes.uuidV5(dns, "www.opentofu.org")).hasToString("df1e675d-b743-5f6c-9952-6311d0f141df");
  }

  @Test
  void guidIsVersion5OverArmNamespaceWithHyphenJoinedArguments() {
    String g = ArmHashes.guid(List.of("a", "b", "c"));
    assertThat(g).matches("[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(g).isEqualTo(ArmHashes.guid(List.of("a-b-c")));
    assertThat(g).isEqualTo(
        ArmHashes.uuidV5(UUID.fromString("11fb06fb-712d-4ddd-98c7-e71bbd588830"), "a-b-c").toString());
  }
}
