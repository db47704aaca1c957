package io.allowpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * One help style for every command: each option and positional parameter has a description and, when it
 * takes a value, a paramLabel (not picocli's {@code <field>} default); each option with a default value
 * shows it; {@code -o/--output} is FORMAT with table or json everywhere it exists (plus command-specific
 * extras) and {@code --from/--to} name computes and targets; completion prints a script where enum values
 * complete.
 */
class CliOptionsTest {
  static CommandLine root() {
    return Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
  }

  @Test
  void everyOptionHasALabelAndADescriptionAndShowsItsDefault() {
    List<String> problems = new ArrayList<>();
    for (CommandLine sub : root().getSubcommands().values()) {
      String cmd = sub.getCommandName();
      for (OptionSpec o : sub.getCommandSpec().options()) {
        if (o.hidden() || o.usageHelp() || o.versionHelp()) {
          continue;
        }
        String desc = String.join(" ", o.description()).trim();
        if (desc.isEmpty()) {
          problems.add(cmd + " " + o.longestName() + ": no description");
        }
        if (o.arity().max() > 0 && (o.paramLabel().startsWith("<") || o.paramLabel().isBlank())) {
          problems.add(cmd + " " + o.longestName() + ": no paramLabel (" + o.paramLabel() + ")");
        }
        if (o.defaultValue() != null && !desc.contains("default: " + o.defaultValue())) {
          problems.add(cmd + " " + o.longestName() + ": default " + o.defaultValue() + " not shown in '" + desc + "'");
        }
      }
      for (PositionalParamSpec p : sub.getCommandSpec().positionalParameters()) {
        if (String.join(" ", p.description()).isBlank() || p.paramLabel().startsWith("<")) {
          problems.add(cmd + " positional " + p.paramLabel() + ": no label or description");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void outputAndSelectionOptionsAreTheSameEverywhere() {
    for (CommandLine sub : root().getSubcommands().values()) {
      OptionSpec o = sub.getCommandSpec().findOption("--output");
      if (o != null) {
        assertThat(o.names()).as(sub.getCommandName()).containsExactlyInAnyOrder("-o", "--output");
        assertThat(o.paramLabel()).as(sub.getCommandName()).isEqualTo("FORMAT");
      }
      assertThat(sub.getCommandSpec().findOption("--workspace") == null
          || sub.getCommandSpec().findOption("--workspace").hidden()).as(sub.getCommandName()).isTrue();
    }
    for (String cmd : List.of("egress", "check", "plan", "ips")) {
      assertThat(root().getSubcommands().get(cmd).getCommandSpec().findOption("--from")).as(cmd).isNotNull();
    }
    for (String cmd : List.of("check", "plan")) {
      assertThat(root().getSubcommands().get(cmd).getCommandSpec().findOption("--to")).as(cmd).isNotNull();
    }
  }

  @Test
  void egressTakesWorkspaceAsAHiddenAliasOfFrom() {
    CliRun viaFrom = CliRun.of("egress", "--estate", "../examples/estate", "--from", "mlw-prod", "-o", "json");
    CliRun viaOld = CliRun.of("egress", "--estate", "../examples/estate", "--workspace", "mlw-prod", "-o", "json");
    assertThat(viaFrom.code()).as(viaFrom.err()).isZero();
    assertThat(viaOld.out()).isEqualTo(viaFrom.out());
    assertThat(CliRun.of("egress", "--help").out()).contains("--from=WORKSPACE").doesNotContain("--workspace");
  }

  @Test
  void completionScriptCompletesCommandsAndEnumValues() {
    CliRun bash = CliRun.of("completion", "bash");
    assertThat(bash.code()).as(bash.err()).isZero();
    assertThat(bash.out()).contains("complete -F").contains("explain").contains("report")
        .contains("sarif").contains("summary").contains("nat-gateway").contains("terraform").contains("EGRESS_UNSTABLE");
    CliRun zsh = CliRun.of("completion", "zsh");
    assertThat(zsh.code()).isZero();
    assertThat(zsh.out()).contains("bashcompinit");
    assertThat(CliRun.of("completion", "fish").code()).isEqualTo(2);
  }
}
