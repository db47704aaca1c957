package io.allowpath.emit.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.emit.FixturePlans;
import io.allowpath.emit.terraform.TerraformEmitter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.allowpath.plan.Plan;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the real terraform binary on the PATH: every Terraform output (golden cases, example and synthetic estates
 * under every strategy) parses and is already formatted ({@code terraform fmt -check}, which parses without
 * providers). Skipped with one line when terraform is not installed.
 */
class TerraformFmtTest {
  static boolean hasTerraform() {
    try {
      Process p = new ProcessBuilder("terraform", "version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  @Test
  void everyOutputParsesAndIsFormatted(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(hasTerraform(), "skipped: terraform is not on the PATH");
    int n = 0;
    for (Map.Entry<String, Plan> e : FixturePlans.cases().entrySet()) {
      Files.writeString(dir.resolve("golden_" + e.getKey() + ".tf"), new TerraformEmitter().emit(e.getValue()),
          StandardCharsets.UTF_8);
      n++;
    }
    for (Map.Entry<String, Plan> e : Plans.estates().entrySet()) {
      Files.writeString(dir.resolve(e.getKey().replace('/', '_') + ".tf"), new TerraformEmitter().emit(e.getValue()),
          StandardCharsets.UTF_8);
      n++;
    }
    Process p = new ProcessBuilder("terraform", "fmt", "-check", "-list=true", dir.toString()).redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("terraform fmt -check on %d files: %s", n, out).isZero();
  }
}
