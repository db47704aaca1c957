package io.allowpath.emit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.allowpath.emit.arm.ArmEmitter;
import io.allowpath.emit.azcli.AzCliEmitter;
import io.allowpath.emit.bicep.BicepEmitter;
import io.allowpath.emit.terraform.TerraformEmitter;
import io.allowpath.model.SqlServer;
import io.allowpath.plan.AddIpRule;
import io.allowpath.plan.AddressRef;
import io.allowpath.plan.Change;
import io.allowpath.plan.Plan;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Properties every emitted output must have, checked on every fixture case. */
class EmitterPropertiesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void armOutputIsOneSubscriptionTemplateWithANestedDeploymentPerResourceGroup() throws IOException {
    for (Map.Entry<String, List<Change>> c : Fixtures.cases().entrySet()) {
      JsonNode root = JSON.readTree(new ArmEmitter().emit(Fixtures.plan(c.getValue())));
      assertThat(root.path("$schema").asText()).as(c.getKey()).isEqualTo(ArmEmitter.SUB_SCHEMA);
      assertThat(root.path("metadata").path("deployWith").asText()).startsWith("az deployment sub create --subscription ");
      assertThat(root.path("resources").size()).as(c.getKey()).isPositive();
      for (JsonNode d : root.path("resources")) {
        assertThat(d.path("type").asText()).isEqualTo("Microsoft.Resources/deployments");
        assertThat(d.path("subscriptionId").asText()).isNotEmpty();
        assertThat(d.path("resourceGroup").asText()).isNotEmpty();
        assertThat(d.path("properties").path("expressionEvaluationOptions").path("scope").asText()).isEqualTo("inner");
        JsonNode t = d.path("properties").path("template");
        assertThat(t.path("$schema").asText()).isEqualTo(ArmEmitter.SCHEMA);
        assertThat(t.path("contentVersion").asText()).isEqualTo("1.0.0.0");
        assertThat(t.path("resources").isArray()).isTrue();
      }
    }
  }

  @Test
  void armWritesUnknownPublicIpAddressesAsReferenceExpressions() {
    String out = new ArmEmitter().emit(Fixtures.plan(Fixtures.storage()));
    assertThat(out).contains("[reference(resourceId('" + Fixtures.SUB
        + "', 'rg-net', 'Microsoft.Network/publicIPAddresses', 'pip-ng-ml'), '2024-05-01').ipAddress]");
  }

  @Test
  void bicepAndTerraformHaveBalancedBracketsAndQuotes() {
    for (Map.Entry<String, List<Change>> c : Fixtures.cases().entrySet()) {
      Plan p = Fixtures.plan(c.getValue());
      assertBalanced(new BicepEmitter().emit(p), '\'', "//", "bicep/" + c.getKey());
      assertBalanced(new TerraformEmitter().emit(p), '"', "#", "terraform/" + c.getKey());
    }
  }

  /** Counts (), [], {} outside strings and comments; strings must close on their line. */
  static void assertBalanced(String text, char quote, String comment, String what) {
    Deque<Character> stack = new ArrayDeque<>();
    for (String line : text.split("\n")) {
      if (line.strip().startsWith(comment)) {
        continue;
      }
      boolean inString = false;
      for (int i = 0; i < line.length(); i++) {
        char ch = line.charAt(i);
        if (inString) {
          if (ch == '\\') {
            i++;
          } else if (ch == quote) {
            inString = false;
          }
          continue;
        }
        if (ch == quote) {
          inString = true;
        } else if ("([{".indexOf(ch) >= 0) {
          stack.push(ch);
        } else if (")]}".indexOf(ch) >= 0) {
          assertThat(stack).as("%s: unmatched %s in: %s", what, ch, line).isNotEmpty();
          char open = stack.pop();
          assertThat("([{".indexOf(open)).as("%s: %s closes %s in: %s", what, ch, open, line).isEqualTo(")]}".indexOf(ch));
        }
      }
      assertThat(inString).as("%s: unterminated string: %s", what, line).isFalse();
    }
    assertThat(stack).as("%s: unclosed brackets", what).isEmpty();
  }

  @Test
  void documentedPropertyNamesAppear() {
    Plan all = Fixtures.plan(Fixtures.cases().get("all"));
    String bicep = new BicepEmitter().emit(all);
    String arm = new ArmEmitter().emit(all);
    for (String s : List.of("networkAcls", "ipRules", "virtualNetworkRules", "ipSecurityRestrictions", "startIpAddress",
        "endIpAddress", "natGateway", "serviceEndpoints", "addressPrefix", "ipAddressOrRange", "ipMask", "networkRuleSet",
        "publicIpAddresses", "outboundRules", "nextHopIpAddress", "subresourceTarget", "serviceResourceId")) {
      assertThat(bicep).as("bicep has %s", s).contains(s);
      assertThat(arm).as("arm has %s", s).contains("\"" + s + "\"");
    }
    String tf = new TerraformEmitter().emit(all);
    for (String s : List.of("ip_rules", "virtual_network_subnet_ids", "default_action", "storage_account_id",
        "start_ip_address", "azurerm_subnet_nat_gateway_association", "azurerm_nat_gateway_public_ip_association",
        "azurerm_subnet_route_table_association", "next_hop_in_ip_address", "azapi_update_resource",
        "azurerm_public_ip.pip_ng_ml.ip_address", "data.azurerm_public_ip.pip_egress.ip_address",
        "azurerm_machine_learning_workspace_network_outbound_rule_private_endpoint",
        "azurerm_firewall_application_rule_collection", "azurerm_firewall_network_rule_collection")) {
      assertThat(tf).as("terraform has %s", s).contains(s);
    }
  }

  @Test
  void existingRulesAreKeptInFullLists() {
    assertThat(new AzCliEmitter().emit(Fixtures.plan(Fixtures.cosmos())))
        .contains("--ip-range-filter '13.91.105.215,4.210.172.107,52.170.10.20'");
    assertThat(new AzCliEmitter().emit(Fixtures.plan(Fixtures.serviceEndpoint())))
        .contains("--service-endpoints 'Microsoft.KeyVault' 'Microsoft.Storage'");
    assertThat(new TerraformEmitter().emit(Fixtures.plan(Fixtures.cases().get("all"))))
        .contains("ip_rules                   = [\"20.30.40.0/24\", \"52.170.10.20\", azurerm_public_ip.pip_ng_ml.ip_address]");
  }

  @Test
  void deterministicTwiceAndWhateverTheChangeOrder() {
    List<Change> changes = new ArrayList<>(Fixtures.cases().get("all"));
    for (Emitter e : Emitters.all().values()) {
      String first = e.emit(Fixtures.plan(changes));
      assertThat(e.emit(Fixtures.plan(changes))).isEqualTo(first);
      for (int seed = 1; seed <= 3; seed++) {
        List<Change> shuffled = new ArrayList<>(changes);
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(e.emit(Fixtures.plan(shuffled))).as("%s, seed %d", e.getClass().getSimpleName(), seed).isEqualTo(first);
      }
    }
  }

  private static final String NASTY = "o'brien rule $(touch x) \"q\" `b`";

  private static Plan nastyPlan() {
    SqlServer sql = Fixtures.SQL;
    return Fixtures.plan(List.of(new AddIpRule(sql, AddressRef.literal("52.170.20.1"), null, NASTY, null,
        List.of("it's -> sql"), "quote ' and space")));
  }

  @Test
  void azCliQuotesSingleQuotesAndSpaces() {
    assertThat(new AzCliEmitter().emit(nastyPlan())).contains("--name 'o'\\''brien rule $(touch x) \"q\" `b`'");
    assertThat(new BicepEmitter().emit(nastyPlan())).contains("name: 'o\\'brien rule $(touch x) \"q\" `b`'");
    assertThat(new TerraformEmitter().emit(nastyPlan())).contains("name             = \"o'brien rule $(touch x) \\\"q\\\" `b`\"");
  }

  private static boolean hasBash() {
    return new File("/bin/bash").canExecute() || new File("/usr/bin/bash").canExecute();
  }

  private static String run(Path dir, String script, String... args) throws IOException, InterruptedException {
    Path f = dir.resolve("s" + System.nanoTime() + ".sh");
    Files.writeString(f, script, StandardCharsets.UTF_8);
    List<String> cmd = new ArrayList<>(List.of("bash"));
    cmd.addAll(List.of(args));
    cmd.add(f.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("bash %s failed: %s", args, out).isZero();
    return out;
  }

  @Test
  void bashAcceptsEveryEmittedScript(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(hasBash(), "bash not available");
    for (Map.Entry<String, List<Change>> c : Fixtures.cases().entrySet()) {
      run(dir, new AzCliEmitter().emit(Fixtures.plan(c.getValue())), "-n");
    }
    run(dir, new AzCliEmitter().emit(nastyPlan()), "-n");
  }

  @Test
  void bashPassesQuotedValuesThroughUnchanged(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(hasBash(), "bash not available");
    String script = new AzCliEmitter().emit(nastyPlan());
    String withFakeAz = script.replaceFirst("set -euo pipefail\n",
        "set -euo pipefail\naz() { case \" \\$* \" in *' show '*|*' list '*) return 1;; esac; "
            + "printf '[%s]\\\\n' \"\\$@\"; }\n");
    String out = run(dir, withFakeAz);
    assertThat(out).contains("[" + NASTY + "]").contains("[--start-ip-address]");
    // Variables captured from a command reach the argument as one word (existence checks find nothing).
    String nat = new AzCliEmitter().emit(Fixtures.plan(Fixtures.cases().get("all")))
        .replaceFirst("set -euo pipefail\n", "set -euo pipefail\naz() { if [ \"\\$2\" = resource ] || [ \"\\$2\" = show ]; then return 1; fi; "
            + "if [ \"\\$3\" = show ]; then echo 203.0.113.7; "
            + "else printf '[%s]\\\\n' \"\\$@\"; fi; }\n");
    assertThat(run(dir, nat)).contains("[203.0.113.7]").contains("[203.0.113.7/32]")
        .contains("[ip-address=52.170.10.20]");
  }
}
