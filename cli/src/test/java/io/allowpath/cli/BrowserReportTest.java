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
 * diagrams and the filter's output (so the inline script ran). Then the same at size: a synthetic
 * estate of 200 computes × 5,000 targets, whose report must stay under 10 MB, decode its embedded
 * gzip pair data, render the first page of pairs, and filter by verdict and service from the URL.
 * Skipped only when chromium is missing and {@code CI} is not {@code true}; .ci/run installs it.
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
    return chromiumAt(html.toUri().toString(), extra);
  }

  static Result chromiumAt(String url, String... extra) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--enable-logging=stderr", "--v=0",
        "--user-data-dir=" + Files.createTempDirectory(OUT, "profile")));
    cmd.addAll(List.of(extra));
    cmd.add(url);
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
    assertThat(dom).containsPattern("<span id=\"filter-count\"[^>]*>\\d+ of \\d+ pairs in \\d+ groups · page 1 of \\d+</span>");
  }

  /** The 200 × 5,000 report, written once for the tests below. */
  static Path large;

  static synchronized Path large() {
    if (large == null) {
      Path estate = OUT.resolve("synth-200x5000.json");
      CliRun s = CliRun.of("synth", "--computes", "200", "--targets", "5000", "--seed", "1", "--out", estate.toString());
      assertThat(s.code()).as(s.err()).isZero();
      Path out = OUT.resolve("report-200x5000.html");
      long t0 = System.nanoTime();
      CliRun r = CliRun.of("report", "--estate", estate.toString(), "--html", out.toString());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertThat(r.code()).as(r.err()).isZero();
      System.out.println("BrowserReportTest: 200 x 5,000 report written in " + ms + " ms");
      large = out;
    }
    return large;
  }

  @Test
  void largeReportStaysSmallRendersAndFilters() throws Exception {
    Path page = large();
    assertThat(Files.size(page)).as("report size").isLessThan(10L * 1024 * 1024);
    String text = Files.readString(page, StandardCharsets.UTF_8);
    assertThat(text).contains("data-encoding=\"gzip-base64\"");
    // unfiltered: every pair counted, the first page rendered, the render time recorded by the page
    Result all = chromiumAt(page.toUri().toString(), "--virtual-time-budget=30000", "--dump-dom");
    assertThat(pageErrors(all.stderr())).as("console errors from the page").isEmpty();
    java.util.regex.Matcher total = java.util.regex.Pattern.compile(
        "<span id=\"filter-count\"[^>]*>(\\d+) of (\\d+) pairs in (\\d+) groups").matcher(all.stdout());
    assertThat(total.find()).as("the pair count after decoding").isTrue();
    assertThat(total.group(1)).isEqualTo(total.group(2));
    assertThat(Long.parseLong(total.group(2))).isGreaterThan(900_000);
    java.util.regex.Matcher ms = java.util.regex.Pattern.compile("data-rendered-ms=\"(\\d+)\"").matcher(all.stdout());
    assertThat(ms.find()).isTrue();
    System.out.println("BrowserReportTest: 200 x 5,000 pair table first rendered " + ms.group(1) + " ms after the script started");
    assertThat(all.stdout().split("<tr data-verdict=", -1).length - 1).isEqualTo(50);
    // filtered by verdict and service, one row per pair: fewer pairs, and every row shown is a DENY to storage
    Result denied = chromiumAt(page.toUri() + "#pairs?verdict=DENY&service=Storage%2FstorageAccounts&mode=pairs",
        "--virtual-time-budget=30000", "--dump-dom");
    assertThat(pageErrors(denied.stderr())).as("console errors from the page").isEmpty();
    java.util.regex.Matcher some = java.util.regex.Pattern.compile(
        "<span id=\"filter-count\"[^>]*>(\\d+) of (\\d+) pairs ·").matcher(denied.stdout());
    assertThat(some.find()).as("the filtered count").isTrue();
    assertThat(Long.parseLong(some.group(1))).isPositive().isLessThan(Long.parseLong(some.group(2)));
    List<String> rows = java.util.regex.Pattern.compile("<tr data-verdict=\"(\\w+)\"><td>.*?</td><td>.*?</td><td><span>([^<]*)</span>")
        .matcher(denied.stdout()).results().map(m -> m.group(1) + " " + m.group(2)).toList();
    assertThat(rows).hasSize(50).allMatch(r -> r.equals("DENY Storage/storageAccounts"));
    Path png = OUT.resolve("report-200x5000.png");
    Files.deleteIfExists(png);
    Result shot = chromiumAt(page.toUri().toString(), "--virtual-time-budget=30000", "--screenshot=" + png,
        "--window-size=1400,2000", "--hide-scrollbars");
    assertThat(pageErrors(shot.stderr())).isEmpty();
    assertThat(Files.size(png)).isGreaterThan(30_000);
  }

  /**
   * A collapsed service box expands on click: the page's own click handler (fired by a real click event on
   * the box, via the {@code #diagrams?expand=} link) lists the service's targets in that workspace with their
   * pairs per verdict, and the counts add up to the box's pair count in its tooltip.
   */
  @Test
  void collapsedServiceExpandsOnClick() throws Exception {
    Path page = large();
    String text = Files.readString(page, StandardCharsets.UTF_8);
    java.util.regex.Matcher box = java.util.regex.Pattern.compile(
        "<g class=\"node target svc\" data-ws=\"([^\"]+)\" data-svc=\"(Storage/storageAccounts)\"[^>]*><title>[^:]*: (\\d+) targets;([^<]*)</title>")
        .matcher(text);
    assertThat(box.find()).as("a collapsed storage box").isTrue();
    long boxPairs = java.util.regex.Pattern.compile("(\\d+)").matcher(box.group(4)).results()
        .mapToLong(m -> Long.parseLong(m.group(1))).sum();
    String ws = box.group(1);
    Result r = chromiumAt(page.toUri() + "#diagrams?expand=" + java.net.URLEncoder.encode(box.group(2), StandardCharsets.UTF_8)
        + "&workspace=" + java.net.URLEncoder.encode(ws, StandardCharsets.UTF_8), "--virtual-time-budget=30000", "--dump-dom");
    assertThat(pageErrors(r.stderr())).as("console errors from the page").isEmpty();
    String dom = r.stdout();
    assertThat(dom).contains("<div class=\"expand\" data-svc=\"Storage/storageAccounts\"><b>Storage/storageAccounts in " + ws
        + ": " + box.group(3) + " target(s)</b>");
    assertThat(dom).contains("data-svc=\"Storage/storageAccounts\" tabindex=\"0\" role=\"button\" aria-expanded=\"true\"");
    List<String> rows = java.util.regex.Pattern.compile("<tr class=\"expanded-target\">(.*?)</tr>").matcher(dom).results()
        .map(m -> m.group(1)).toList();
    assertThat(rows).hasSize(Math.min(200, Integer.parseInt(box.group(3))));
    if (Integer.parseInt(box.group(3)) <= 200) {
      long listed = rows.stream().flatMap(row -> java.util.regex.Pattern.compile("class=\"badge v-\\w+\">(\\d+)<")
          .matcher(row).results()).mapToLong(m -> Long.parseLong(m.group(1))).sum();
      assertThat(listed).as("pairs listed for the expanded service").isEqualTo(boxPairs);
    }
  }

  /**
   * A page collapsed by service (as at the L size, forced here with the hidden --max-answers): the script counts
   * every pair from the weighted groups, filters, and a service box's click gives its pairs per verdict in that
   * workspace, adding up to the box's tooltip.
   */
  @Test
  void collapsedPageCountsFiltersAndExpandsPerVerdict() throws Exception {
    Path page = OUT.resolve("report-collapsed.html");
    CliRun w = CliRun.of("report", "--estate", "../examples/estate", "--max-answers", "1", "--html", page.toString());
    assertThat(w.code()).as(w.err()).isZero();
    java.util.regex.Matcher said = java.util.regex.Pattern.compile("(\\d+) pairs in (\\d+) groups").matcher(w.out());
    assertThat(said.find()).as(w.out()).isTrue();
    String pairs = said.group(1);
    String html = Files.readString(page, StandardCharsets.UTF_8);
    assertThat(html).contains("\"collapsed\":true");
    Result all = chromiumAt(page.toUri().toString(), "--virtual-time-budget=10000", "--dump-dom");
    assertThat(pageErrors(all.stderr())).as("console errors from the page").isEmpty();
    assertThat(all.stdout()).contains(">" + pairs + " of " + pairs + " pairs in " + said.group(2) + " groups");
    Result denied = chromiumAt(page.toUri() + "#pairs?verdict=DENY", "--virtual-time-budget=10000", "--dump-dom");
    assertThat(pageErrors(denied.stderr())).isEmpty();
    java.util.regex.Matcher some = java.util.regex.Pattern.compile(
        "<span id=\"filter-count\"[^>]*>(\\d+) of " + pairs + " pairs in").matcher(denied.stdout());
    assertThat(some.find()).isTrue();
    assertThat(Long.parseLong(some.group(1))).isPositive().isLessThan(Long.parseLong(pairs));
    assertThat(java.util.regex.Pattern.compile("<tr data-verdict=\"(\\w+)\"").matcher(denied.stdout()).results()
        .map(m -> m.group(1)).toList()).isNotEmpty().allMatch("DENY"::equals);
    java.util.regex.Matcher box = java.util.regex.Pattern.compile(
        "<g class=\"node target svc\" data-ws=\"([^\"]+)\" data-svc=\"([^\"]+)\"[^>]*><title>[^:]*: \\d+ targets;([^<]*)</title>")
        .matcher(html);
    assertThat(box.find()).as("a service box").isTrue();
    long boxPairs = java.util.regex.Pattern.compile("(\\d+)").matcher(box.group(3)).results()
        .mapToLong(m -> Long.parseLong(m.group(1))).sum();
    Result r = chromiumAt(page.toUri() + "#diagrams?expand=" + java.net.URLEncoder.encode(box.group(2), StandardCharsets.UTF_8)
        + "&workspace=" + java.net.URLEncoder.encode(box.group(1), StandardCharsets.UTF_8), "--virtual-time-budget=10000",
        "--dump-dom");
    assertThat(pageErrors(r.stderr())).isEmpty();
    java.util.regex.Matcher panel = java.util.regex.Pattern.compile("<div class=\"expand\" data-svc=\"[^\"]+\"><b>[^<]* in "
        + java.util.regex.Pattern.quote(box.group(1)) + ": ([^<]*) pairs</b>").matcher(r.stdout());
    assertThat(panel.find()).as("the expanded panel").isTrue();
    long listed = java.util.regex.Pattern.compile("(\\d+)").matcher(panel.group(1)).results()
        .mapToLong(m -> Long.parseLong(m.group(1))).sum();
    assertThat(listed).isEqualTo(boxPairs);
  }

  /** With --intents inferred, the violations come first and the pair table filters to exactly them. */
  @Test
  void intentViolationsFirstAndFiltered() throws Exception {
    Path page = OUT.resolve("report-intents.html");
    CliRun w = CliRun.of("report", "--estate", "../examples/estate", "--intents", "inferred", "--html", page.toString());
    assertThat(w.code()).as(w.err()).isZero();
    java.util.regex.Matcher said = java.util.regex.Pattern.compile("(\\d+) intent violations").matcher(w.out());
    assertThat(said.find()).as(w.out()).isTrue();
    int violations = Integer.parseInt(said.group(1));
    assertThat(violations).isPositive();
    String html = Files.readString(page, StandardCharsets.UTF_8);
    assertThat(html.indexOf("<section id=\"intents\">")).isPositive().isLessThan(html.indexOf("<section id=\"summary\">"));
    Result r = chromiumAt(page.toUri() + "#pairs?intent=violation&mode=pairs", "--virtual-time-budget=10000", "--dump-dom");
    assertThat(pageErrors(r.stderr())).as("console errors from the page").isEmpty();
    assertThat(r.stdout()).containsPattern("<span id=\"filter-count\"[^>]*>" + violations + " of \\d+ pairs ·");
    assertThat(r.stdout().split("· VIOLATION \\(", -1).length - 1).isEqualTo(Math.min(violations, 50));
  }
}
