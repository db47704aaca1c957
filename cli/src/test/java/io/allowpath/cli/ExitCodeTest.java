package io.allowpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Exit codes mean one thing (docs/contract.md): 0 success, 1 a negative answer, 2 usage / input / output
 * error in one line, 3 an internal error in one line ({@code --debug} adds the trace).
 */
class ExitCodeTest {
  static final String ESTATE = "../examples/estate";

  /** A line a user reads must not carry a trace or a Java / Jackson / picocli class name. */
  static void assertClean(String text) {
    assertThat(text).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("java.")
        .doesNotContain("picocli").doesNotContain("jackson").doesNotContain("StreamReadConstraints")
        .doesNotContain("Source: ");
  }

  static void assertOneLine(String err) {
    assertThat(err.strip().lines().count()).as("stderr: %s", err).isEqualTo(1);
    assertClean(err);
  }

  @Command(name = "boom")
  static final class Boom implements Callable<Integer> {
    @Override
    public Integer call() {
      Phase.set("testing the internal error path", "/subscriptions/s/resourceGroups/r");
      String s = System.getProperty("allowpath.test.no-such-property");
      return s.length(); // a NullPointerException: a bug, not bad input
    }
  }

  @Command(name = "deep")
  static final class Deep implements Callable<Integer> {
    @Override
    public Integer call() {
      return recurse(0);
    }

    private static int recurse(int n) {
      return recurse(n + 1) + 1;
    }
  }

  static CliRun runWith(Object sub, String name, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(err),
        cl -> cl.addSubcommand(name, sub));
    return new CliRun(code, out.toString(), err.toString());
  }

  @Test
  void anInternalErrorIsExit3WithOneLineNamingWhatAndWhere() {
    CliRun r = runWith(new Boom(), "boom", "boom");
    assertThat(r.code()).isEqualTo(3);
    assertOneLine(r.err());
    assertThat(r.err()).isEqualTo("allowpath: internal error: a missing value while testing the internal error path on "
        + "/subscriptions/s/resourceGroups/r; run with --debug for the trace\n");
  }

  @Test
  void debugAnywhereOnTheCommandLinePrintsTheTrace() {
    CliRun r = runWith(new Boom(), "boom", "boom", "--debug");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).startsWith("allowpath: internal error: a missing value").contains("\tat ")
        .contains("NullPointerException");
  }

  @Test
  void aStackOverflowIsAnInternalErrorToo() {
    CliRun r = runWith(new Deep(), "deep", "deep");
    assertThat(r.code()).isEqualTo(3);
    assertOneLine(r.err());
    assertThat(r.err()).contains("internal error: recursion too deep");
  }

  // ------------------------------------------------------------------ usage errors

  @Test
  void aBadOptionValueIsOneLineWithTheHelpHint() {
    CliRun r = CliRun.of("check", "--estate", ESTATE, "--output", "xml");
    assertThat(r.code()).isEqualTo(2);
    assertOneLine(r.err());
    assertThat(r.err()).contains("--output").contains("xml").endsWith("(see 'allowpath check --help')\n");
  }

  @Test
  void anUnknownOptionIsOneLineWithTheHelpHint() {
    CliRun r = CliRun.of("egress", "--estate", ESTATE, "--frobnicate");
    assertThat(r.code()).isEqualTo(2);
    assertOneLine(r.err());
    assertThat(r.err()).contains("--frobnicate").contains("see 'allowpath egress --help'");
  }

  @Test
  void aMissingRequiredOptionIsOneLine() {
    CliRun r = CliRun.of("audit");
    assertThat(r.code()).isEqualTo(2);
    assertOneLine(r.err());
    assertThat(r.err()).contains("--estate").contains("see 'allowpath audit --help'");
  }

  @Test
  void aNonNumberForANumericOptionIsOneLine() {
    CliRun r = CliRun.of("synth", "--computes", "many", "--targets", "1", "--out", "x.json");
    assertThat(r.code()).isEqualTo(2);
    assertOneLine(r.err());
    assertThat(r.err()).contains("many").contains("see 'allowpath synth --help'");
  }

  @Test
  void anUnknownNameIsOneLineWithTheHelpHint() {
    CliRun r = CliRun.of("check", "--estate", ESTATE, "--to", "no-such-target");
    assertThat(r.code()).isEqualTo(2);
    assertOneLine(r.err());
    assertThat(r.err()).contains("no-such-target").contains("see 'allowpath check --help'");
  }

  @Test
  void aBadEmitFormatIsRefusedBeforeAnyWork() {
    CliRun r = CliRun.of("plan", "--estate", ESTATE, "--emit", "pulumi");
    assertThat(r.code()).isEqualTo(2);
    assertOneLine(r.err());
    assertThat(r.err()).contains("--emit must be az, bicep, arm or terraform").contains("see 'allowpath plan --help'");
  }

  // ------------------------------------------------------------------ output failures

  @Test
  void writingUnderAMissingDirectoryNamesTheReason(@TempDir Path dir) {
    Path out = dir.resolve("no/such/dir/report.html");
    CliRun r = CliRun.of("report", "--estate", ESTATE, "--html", out.toString());
    assertThat(r.code()).isEqualTo(2);
    assertOneLine(r.err());
    assertThat(r.err()).contains("cannot write " + out).contains("no such directory: " + dir.resolve("no/such/dir"));
  }

  @Test
  void writingOverADirectoryNamesTheReason(@TempDir Path dir) {
    CliRun r = CliRun.of("plan", "--estate", ESTATE, "--write-estate", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertOneLine(r.err());
    assertThat(r.err()).contains("cannot write " + dir + ": it is a directory");
  }

  @Test
  void aFailingStandardOutputIsExit2NamingTheReason() {
    OutputStream full = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("No space left on device");
      }
    };
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"egress", "--estate", ESTATE}, new ByteArrayInputStream(new byte[0]),
        new Output.Stdout(full), new PrintWriter(err));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("cannot write to standard output: disk full (no space left on device)");
    assertClean(err.toString());
  }

  @Test
  void standardOutputOnDevFullIsExit2(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(new File("/dev/full").exists(), "/dev/full is absent on this system");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.allowpath.cli.Main",
        "check", "--estate", ESTATE, "--output", "json")
        .redirectOutput(new File("/dev/full")).redirectError(dir.resolve("err.txt").toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String err = Files.readString(dir.resolve("err.txt"));
    assertThat(p.exitValue()).as("stderr: %s", err).isEqualTo(2);
    assertThat(err).contains("cannot write to standard output: disk full");
  }

  // ------------------------------------------------------------------ input

  @Test
  void estateDashReadsStandardInput() throws IOException {
    byte[] json = Files.readAllBytes(Path.of(ESTATE, "machine-learning.json"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"egress", "--estate", "-", "--estate", ESTATE + "/network.json", "-o", "json"},
        new ByteArrayInputStream(json), new PrintWriter(out), new PrintWriter(err));
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("gpu-cluster");
  }

  @Test
  void malformedJsonOnStandardInputNamesStdinAndThePosition() {
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"egress", "--estate", "-"},
        new ByteArrayInputStream("[{\"id\": }]".getBytes(StandardCharsets.UTF_8)), new PrintWriter(new StringWriter()),
        new PrintWriter(err));
    assertThat(code).isEqualTo(2);
    assertOneLine(err.toString());
    assertThat(err.toString()).contains("<stdin>: line 1, column 9: malformed JSON");
  }

  @Test
  void jsonNestedTooDeeplyIsOneLineInOurWords(@TempDir Path dir) throws IOException {
    Path f = Files.writeString(dir.resolve("deep.json"), "[".repeat(3000) + "]".repeat(3000));
    CliRun r = CliRun.of("egress", "--estate", f.toString());
    assertThat(r.code()).isEqualTo(2);
    assertOneLine(r.err());
    assertThat(r.err()).contains(f + ": line 1, column").contains("nested too deeply (more than 1000 levels");
  }

  @Test
  void aTruncatedFileSaysSo(@TempDir Path dir) throws IOException {
    Path f = Files.writeString(dir.resolve("cut.json"), "[{\"id\": \"/subscriptions/s\", \"type\": \"Micro");
    CliRun r = CliRun.of("egress", "--estate", f.toString());
    assertThat(r.code()).isEqualTo(2);
    assertOneLine(r.err());
    assertThat(r.err()).contains(f.toString()).contains("ends in the middle of a value");
  }

  @Test
  void anUnreadableDirectoryEntryNamesTheReason(@TempDir Path dir) throws IOException {
    Path f = Files.writeString(dir.resolve("secret.json"), "[]");
    Assumptions.assumeTrue(f.toFile().setReadable(false) && !Files.isReadable(f), "running as root: files stay readable");
    CliRun r = CliRun.of("egress", "--estate", f.toString());
    assertThat(r.code()).isEqualTo(2);
    assertOneLine(r.err());
    assertThat(r.err()).contains("permission denied");
  }

  // ------------------------------------------------------------------ ERROR diagnostics

  @Test
  void anErrorDiagnosticMakesTheExitCode2WithTheAnswerStillPrinted(@TempDir Path dir) throws IOException {
    Path f = Files.writeString(dir.resolve("bad-ip.json"), """
        [{"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1",
          "type": "Microsoft.Storage/storageAccounts", "location": "eastus",
          "properties": {"networkAcls": {"defaultAction": "Deny", "ipRules": [{"value": "999.1.1.1/33"}]}}}]""");
    CliRun r = CliRun.of("check", "--estate", ESTATE, "--estate", f.toString(), "-o", "json");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.json().get("checks").size()).isPositive();
    assertThat(r.json().get("diagnostics").toString()).contains("999.1.1.1/33").contains("/0/properties/networkAcls/ipRules/0");
    assertThat(r.err()).contains("input error(s)");
  }
}
