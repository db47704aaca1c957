package io.allowpath.azure;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the emulator by hand (not a test): {@code EmulatorMain ESTATE.json [seconds]} serves an ARM JSON
 * array on 127.0.0.1 and prints its URL, for trying {@code allowpath scan --arm-endpoint URL} and for the
 * scan benchmark.
 */
public final class EmulatorMain {
  private EmulatorMain() {}

  public static void main(String[] args) throws Exception {
    JsonNode arr = ArmEmulator.MAPPER.readTree(Files.readString(Path.of(args[0])));
    ArmEmulator em = new ArmEmulator().acceptToken("emulator");
    arr.forEach(em::add);
    System.out.println(em.uri());
    System.out.flush();
    Thread.sleep(1000L * (args.length > 1 ? Long.parseLong(args[1]) : 600));
    System.err.println(em.counts());
    em.close();
  }
}
