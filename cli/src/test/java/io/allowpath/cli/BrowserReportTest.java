package io.allowpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Renders the example estate's HTML report in headless Chromium: the screenshot is a real page (not
 * blank), the page logs no console error or uncaught exception, and the rendered DOM holds the SVG
 * diagrams and the filter's output (so the inline script ran). Skipped only when chromium is missing
 * and {@code CI} is not {@code true}; .ci/run installs it.
 */
class BrowserReportTest {
  static final Path OUT = Path.of("target", "browser-test").toAbsolutePath();
  static String chromium;
  static Path html;

  @BeforeAll
  static void setUp() throws IOException {
    chromium = find("chromium", "chromium-browser");
    if (chromium == null) {
      boolean ci = "true".equals(System.getenv("CI"));
      assertThat(ci).as("chromium is not installed but CI=true: .ci/run should have installed it").isFalse();
      Assumptions.assumeTrue(false, "chromium not found on PATH: skipping the browser test outside CI "
          + "(install Debian's chromium, or set CI=true to make this a failure)");
    }
    Files.createDirectories(OUT);
    html = OUT.resolve("report.html");
    CliRun r = CliRun.of("report", "--estate", "../examples/estate", "--html", html.toString());
    assertThat(r.code()).as(r.err()).isZero();
  }

  static String find(String... names) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String n : names) {
        Path p = Path.of(dir, n);
        if (Files.isExecutable(p)) {
          return p.toString();
        }
      }
    }
    return null;
  }

  record Result(int code, String stdout, String stderr) {}

  static Result chromium(String... extra) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--enable-logging=stderr", "--v=0",
        "--user-data-dir=" + Files.createTempDirectory(OUT, "profile")));
    cmd.addAll(List.of(extra));
    cmd.add(html.toUri().toString());
    Path out = Files.createTempFile(OUT, "stdout", ".txt");
    Path err = Files.createTempFile(OUT, "stderr", ".txt");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 120 s: " + cmd);
    }
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  /** Lines where the page itself reported a problem (console messages or uncaught exceptions). */
  static List<String> pageErrors(String stderr) {
    return stderr.lines().filter(l -> l.contains("Uncaught") || l.contains("CONSOLE") || l.contains("console error"))
        .toList();
  }

  @Test
  void screenshotShowsARealPageWithoutConsoleErrors() throws Exception {
    Path png = OUT.resolve("report.png");
    Files.deleteIfExists(png);
    Result r = chromium("--screenshot=" + png, "--window-size=1400,2200", "--hide-scrollbars");
    assertThat(pageErrors(r.stderr())).as("console errors from the page").isEmpty();
    assertThat(png).exists();
    assertThat(Files.size(png)).as("screenshot size").isGreaterThan(30_000);
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(1400);
    int coloured = 0;
    int samples = 0;
    for (int y = 0; y < img.getHeight(); y += 20) {
      for (int x = 0; x < img.getWidth(); x += 20) {
        samples++;
        int rgb = img.getRGB(x, y) & 0xffffff;
        if (rgb != 0xffffff) {
          coloured++;
        }
      }
    }
    assertThat(coloured).as("non-white pixels among %d samples", samples).isGreaterThan(samples / 20);
  }

  @Test
  void renderedDomHasTheDiagramsAndTheFilterRan() throws Exception {
    Result r = chromium("--dump-dom");
    assertThat(pageErrors(r.stderr())).as("console errors from the page").isEmpty();
    String dom = r.stdout();
    assertThat(dom).contains("<svg class=\"diagram\"").contains("<path class=\"edge");
    // the inline script fills the counter: it ran without throwing
    assertThat(dom).containsPattern("<span id=\"filter-count\"[^>]*>\\d+ of \\d+ pairs</span>");
  }
}
