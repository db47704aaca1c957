package io.allowpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.allowpath.azure.ArmEmulator;
import io.allowpath.ingest.EstateLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real azure-identity default credential chain, end to end, without Azure: a child JVM whose only
 * identity is an App Service managed identity endpoint ({@code IDENTITY_ENDPOINT} + {@code IDENTITY_HEADER},
 * https://learn.microsoft.com/azure/app-service/overview-managed-identity#rest-endpoint-reference) served by
 * the emulator on 127.0.0.1. The chain's earlier members (environment, workload identity) find nothing in the
 * cleared environment and managed identity answers, so no other network is touched.
 */
class ScanCredentialChainTest {
  @TempDir Path tmp;

  @Test
  void defaultCredentialChain_managedIdentity_scansTheEstate() throws Exception {
    try (ArmEmulator em = new ArmEmulator()) {
      new EstateLoader().loadRaw(List.of(Path.of(ScanCommandTest.ESTATE)), new ArrayList<>())
          .forEach(r -> em.add(r.json().deepCopy()));
      Path saved = tmp.resolve("estate.json");
      List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
          System.getProperty("java.class.path"), Main.class.getName(), "scan", "--arm-endpoint", em.uri().toString(),
          "--save", saved.toString());
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      Map<String, String> env = pb.environment();
      env.clear();
      env.put("PATH", "/usr/bin:/bin");
      env.put("HOME", tmp.toString());
      env.put("IDENTITY_ENDPOINT", em.uri() + "/msi/token");
      env.put("IDENTITY_HEADER", "emulator-identity-header");
      Process p = pb.start();
      boolean done = p.waitFor(120, TimeUnit.SECONDS);
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!done) {
        p.destroyForcibly();
      }
      assertThat(done).as("finished in time: " + output).isTrue();
      assertThat(p.exitValue()).as(output).isZero();
      assertThat(em.tokenRequests()).isPositive();
      assertThat(output).contains("scanned 1 subscription(s) visible to the credential").doesNotContain("emulator-mi-token")
          .doesNotContain("SLF4J");
      assertThat(CliRun.MAPPER.readTree(saved.toFile()).size()).isGreaterThan(40);
      if (saved.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(saved))).isEqualTo("rw-r--r--");
      }
    }
  }

}
