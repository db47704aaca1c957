package io.allowpath.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.allowpath.analysis.access.AccessEvaluator;
import io.allowpath.analysis.access.Matrix;
import io.allowpath.analysis.access.Verdict;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.EgressResolver;
import io.allowpath.ingest.load.EstateLoader;
import io.allowpath.model.Estate;
import io.allowpath.model.Severity;
import io.allowpath.model.Target;
import io.allowpath.synth.SyntheticEstate;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The estate-scale benchmark (issue 6): a plain harness with warm-up rather than JMH, because two of its
 * four figures are not microbenchmarks (a cold ingest of a large file against a Jackson tree parse of the
 * same file in the same JVM, and a child JVM running the CLI end to end). For each size it reports:
 *
 * <ol>
 *   <li>ingest: {@link EstateLoader#load} vs {@link ObjectMapper#readTree} of the same file (best of n after a
 *       warm-up), and their ratio;
 *   <li>the full compute × target verdict matrix as {@code check --output summary} computes it
 *       ({@link Matrix}): verdicts per second and peak heap (sum of the heap pools' peak usage);
 *   <li>one verdict with its full explanation ({@link AccessEvaluator#evaluate}) on a warm model: p50 and
 *       p99 over random pairs;
 *   <li>{@code java -jar cli/target/allowpath.jar check --output summary} in a child JVM with default flags:
 *       wall time, and peak heap read from its GC log.
 * </ol>
 *
 * Prints a table and writes {@code bench/target/benchmarks.md} (BENCHMARKS.md-ready markdown).
 */
public final class Bench {
  record Size(String name, int computes, int targets) {}

  static final List<Size> SIZES = List.of(new Size("S", 100, 1_000), new Size("M", 1_000, 10_000),
      new Size("L", 2_000, 50_000));

  record Result(Size size, long fileBytes, int resources, double jacksonMs, double ingestMs, long pairs,
      double matrixMs, double matrixCpuMs, long matrixPeakHeap, double p50us, double p99us, double cliMs, long cliPeakHeap, String counts) {}

  public static void main(String[] args) throws Exception {
    List<String> names = List.of("S", "M", "L");
    boolean smoke = false;
    int rules = 20;
    long seed = 1;
    Path jar = Paths.get("cli/target/allowpath.jar");
    Path dir = Paths.get("bench/target/estates");
    int terraformUnits = 0;
    List<Path> terraformFrom = new ArrayList<>();
    int terraformResources = 10_000;
    boolean terraformExisting = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--sizes" -> names = Arrays.asList(args[++i].toUpperCase(Locale.ROOT).split(","));
        case "--smoke" -> smoke = true;
        case "--skip-cli" -> jar = Paths.get("/nonexistent/allowpath.jar");
        case "--rules" -> rules = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--jar" -> jar = Paths.get(args[++i]);
        case "--dir" -> dir = Paths.get(args[++i]);
        case "--terraform" -> terraformUnits = Integer.parseInt(args[++i]);
        case "--terraform-from" -> Arrays.stream(args[++i].split(",")).map(Paths::get).forEach(terraformFrom::add);
        case "--terraform-resources" -> terraformResources = Integer.parseInt(args[++i]);
        case "--terraform-existing" -> terraformExisting = true;
        default -> {
          System.err.println("usage: Bench [--sizes S,M,L] [--smoke] [--skip-cli] [--rules R] [--seed S] [--jar allowpath.jar] [--dir D] [--terraform UNITS] "
              + "[--terraform-from PLAN.json[,PLAN.json...] [--terraform-resources N] [--terraform-existing]]");
          System.exit(2);
        }
      }
    }
    Files.createDirectories(dir);
    if (terraformUnits > 0 || !terraformFrom.isEmpty()) {
      System.out.println("| input | resources | file | modelled | Jackson readTree wall | load wall | ratio (wall) "
          + "| Jackson thread CPU | load thread CPU | ratio (CPU) | ERROR diagnostics |");
      System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
      if (terraformUnits > 0) {
        Path file = dir.resolve("terraform-plan-" + terraformUnits + ".json");
        int resources = SyntheticPlan.write(file, terraformUnits);
        terraform("synthetic plan (" + terraformUnits + " spokes)", file, resources, smoke);
      }
      for (Path src : terraformFrom) {
        String name = src.getParent() == null ? src.toString() : src.getParent().getFileName().toString();
        Path file = dir.resolve("terraform-copies-" + name + (terraformExisting ? "-existing" : "") + ".json");
        int resources = PlanCopies.write(src, file, terraformResources, terraformExisting);
        terraform((terraformExisting ? "copies with a full prior state of " : "copies of ") + name, file, resources, smoke);
      }
      return;
    }
    List<Result> results = new ArrayList<>();
    for (String n : names) {
      Size size = SIZES.stream().filter(s -> s.name().equals(n.strip())).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("unknown size " + n + "; expected S, M or L"));
      Path file = dir.resolve(size.name() + "-r" + rules + "-s" + seed + ".json");
      if (!Files.exists(file)) {
        long t0 = System.nanoTime();
        SyntheticEstate.write(file, size.computes(), size.targets(), rules, seed);
        System.out.printf(Locale.ROOT, "generated %s in %.1f s%n", file, (System.nanoTime() - t0) / 1e9);
      }
      Result r = run(size, file, jar, smoke);
      results.add(r);
      System.out.println(row(r));
      System.gc();
    }
    String md = markdown(results, rules, seed);
    Path out = Paths.get("bench/target");
    Files.createDirectories(out);
    Files.writeString(out.resolve("benchmarks.md"), md);
    System.out.println();
    System.out.println(md);
  }

  /**
   * Terraform plan ingest against its Jackson floor: a plan (the {@link SyntheticPlan}, ten resources per unit,
   * ids and addresses known only after apply, or {@link PlanCopies} of a real plan) read by {@code EstateLoader} (detection, the
   * Terraform adapter resolving every reference, the ARM reader) versus {@code readTree} of the same file,
   * alternating in one run, best of ten repetitions after ten warm-up rounds (the load's code is compiled by
   * then; with one warm-up round it was still being compiled). Prints the ratio; asserts nothing.
   */
  static void terraform(String label, Path file, int resources, boolean smoke) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    int reps = smoke ? 1 : 10;
    int warmups = smoke ? 0 : 10; // the load runs far more code than readTree: both are measured once compiled
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double jackson = Double.MAX_VALUE;
    double ingest = Double.MAX_VALUE;
    double jacksonCpu = Double.MAX_VALUE;
    double ingestCpu = Double.MAX_VALUE;
    Estate estate = null;
    for (int i = 0; i < warmups + reps; i++) { // both read the same file, alternating
      estate = null;
      System.gc();
      long c0 = mx.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      mapper.readTree(file.toFile());
      double j = (System.nanoTime() - t0) / 1e6;
      double jc = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
      System.gc();
      c0 = mx.getCurrentThreadCpuTime();
      t0 = System.nanoTime();
      estate = new EstateLoader().load(List.of(file));
      double e = (System.nanoTime() - t0) / 1e6;
      double ec = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
      if (i >= warmups) {
        jackson = Math.min(jackson, j);
        ingest = Math.min(ingest, e);
        jacksonCpu = Math.min(jacksonCpu, jc);
        ingestCpu = Math.min(ingestCpu, ec);
      }
    }
    long errors = estate.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).count();
    System.out.printf(Locale.ROOT, "| %s | %,d | %.1f MB | %,d | %.0f ms | %.0f ms | %.2f× | %.0f ms | %.0f ms | %.2f× | %d |%n",
        label, resources, Files.size(file) / 1e6, estate.resources().size(), jackson, ingest, ingest / jackson, jacksonCpu,
        ingestCpu, ingestCpu / jacksonCpu, errors);
  }

  static Result run(Size size, Path file, Path jar, boolean smoke) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    int reps = smoke ? 1 : size.name().equals("L") ? 2 : 3;
    // Ingest vs the Jackson floor, alternating so both see the same JIT and page cache state.
    double jackson = Double.MAX_VALUE;
    double ingest = Double.MAX_VALUE;
    Estate estate = null;
    for (int i = 0; i <= reps; i++) { // iteration 0 is the warm-up
      estate = null;
      System.gc();
      long t0 = System.nanoTime();
      mapper.readTree(file.toFile());
      double j = (System.nanoTime() - t0) / 1e6;
      System.gc();
      t0 = System.nanoTime();
      estate = new EstateLoader().load(List.of(file));
      double e = (System.nanoTime() - t0) / 1e6;
      if (i > 0 || reps == 1) {
        jackson = Math.min(jackson, j);
        ingest = Math.min(ingest, e);
      }
    }
    int resources = estate.resources().size();
    // The matrix, as check --output summary computes it, from a fresh evaluator.
    System.gc();
    resetPeaks();
    long cpu0 = processCpuNanos();
    long t0 = System.nanoTime();
    EgressResolver resolver = new EgressResolver(estate, null);
    AccessEvaluator ev = new AccessEvaluator(resolver, null);
    List<Compute> computes = resolver.computes();
    List<Target> targets = ev.targets();
    Matrix.Counts counts = Matrix.summary(ev, computes, targets);
    double matrixMs = (System.nanoTime() - t0) / 1e6;
    double matrixCpuMs = (processCpuNanos() - cpu0) / 1e6;
    long peak = peakHeap();
    // One explained verdict on the warm model.
    SplittableRandom rnd = new SplittableRandom(42);
    int warm = smoke ? 2_000 : 20_000;
    int samples = smoke ? 2_000 : 20_000;
    long sink = 0;
    for (int i = 0; i < warm; i++) {
      Verdict v = ev.evaluate(computes.get(rnd.nextInt(computes.size())), targets.get(rnd.nextInt(targets.size())));
      sink += v.hops().size();
    }
    long[] lat = new long[samples];
    for (int i = 0; i < samples; i++) {
      Compute c = computes.get(rnd.nextInt(computes.size()));
      Target t = targets.get(rnd.nextInt(targets.size()));
      long s = System.nanoTime();
      Verdict v = ev.evaluate(c, t);
      lat[i] = System.nanoTime() - s;
      sink += v.hops().size() + v.reasons().size();
    }
    Arrays.sort(lat);
    if (sink == 42) {
      System.out.print("");
    }
    double p50 = lat[samples / 2] / 1e3;
    double p99 = lat[(int) (samples * 0.99)] / 1e3;
    // End to end in a child JVM with default flags (plus a GC log to read its peak heap).
    double cliMs = -1;
    long cliPeak = -1;
    if (Files.exists(jar)) {
      Path gcLog = Files.createTempFile("allowpath-gc", ".log");
      ProcessBuilder pb = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xlog:gc:file=" + gcLog, "-jar", jar.toString(), "check", "--estate", file.toString(), "--output", "summary");
      pb.redirectErrorStream(true);
      pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
      long s = System.nanoTime();
      Process p = pb.start();
      int code = p.waitFor();
      cliMs = (System.nanoTime() - s) / 1e6;
      if (code != 0 && code != 1) {
        throw new IllegalStateException("allowpath check exited with " + code);
      }
      cliPeak = gcPeak(gcLog);
      Files.deleteIfExists(gcLog);
    } else {
      System.err.println("no " + jar + ": build it with mvn -pl cli -am package; skipping the end-to-end run");
    }
    return new Result(size, Files.size(file), resources, jackson, ingest, counts.total(), matrixMs, matrixCpuMs, peak, p50, p99, cliMs,
        cliPeak, counts + " (" + String.format(Locale.ROOT, "%,d", counts.evaluations()) + " evaluated)");
  }

  /** CPU time of this process (all threads, including GC and JIT): the machine may be shared. */
  static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean s ? s.getProcessCpuTime() : -1;
  }

  static void resetPeaks() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  /** The largest heap occupancy a GC saw (before collecting), from a -Xlog:gc file; -1 when unknown. */
  static long gcPeak(Path log) throws IOException {
    long max = -1;
    for (String line : Files.readAllLines(log)) {
      Matcher m = GC.matcher(line);
      if (m.find()) {
        max = Math.max(max, Long.parseLong(m.group(1)));
      }
    }
    return max < 0 ? -1 : max << 20;
  }

  static String mb(long bytes) {
    return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%,d MB", bytes >> 20);
  }

  static String row(Result r) {
    return String.format(Locale.ROOT, "%s: %d computes x %d targets, %s file, %,d resources | ingest %.0f ms vs Jackson "
        + "%.0f ms (%.2fx) | matrix %,d verdicts in %.0f ms (process CPU %.0f ms) = %,.0f/s, peak heap %s | explained verdict p50 %.1f us "
        + "p99 %.1f us | CLI check --output summary %.1f s, peak heap %s | %s",
        r.size().name(), r.size().computes(), r.size().targets(), mb(r.fileBytes()), r.resources(), r.ingestMs(),
        r.jacksonMs(), r.ingestMs() / r.jacksonMs(), r.pairs(), r.matrixMs(), r.matrixCpuMs(), r.pairs() / (r.matrixMs() / 1e3),
        mb(r.matrixPeakHeap()), r.p50us(), r.p99us(), r.cliMs() / 1e3, mb(r.cliPeakHeap()), r.counts());
  }

  static String markdown(List<Result> rs, int rules, long seed) {
    StringBuilder b = new StringBuilder();
    b.append("Synthetic estates: `allowpath synth --rules ").append(rules).append(" --seed ").append(seed)
        .append("`; JVM ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version"))
        .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" processors, max heap ")
        .append(mb(Runtime.getRuntime().maxMemory())).append(" (default flags).\n\n");
    b.append("| size | computes × targets | file | resources | Jackson readTree | ingest | ingest / Jackson | matrix verdicts "
        + "| matrix wall | matrix CPU (all threads) | verdicts/s | matrix peak heap | explained verdict p50 | p99 | CLI `check --output summary` wall "
        + "| CLI peak heap |\n");
    b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Result r : rs) {
      b.append(String.format(Locale.ROOT, "| %s | %,d × %,d | %s | %,d | %.0f ms | %.0f ms | %.2f× | %,d | %.2f s | %.2f s | %,.0f "
          + "| %s | %.1f µs | %.1f µs | %.1f s | %s |%n", r.size().name(), r.size().computes(), r.size().targets(),
          mb(r.fileBytes()), r.resources(), r.jacksonMs(), r.ingestMs(), r.ingestMs() / r.jacksonMs(), r.pairs(),
          r.matrixMs() / 1e3, r.matrixCpuMs() / 1e3, r.pairs() / (r.matrixMs() / 1e3), mb(r.matrixPeakHeap()), r.p50us(), r.p99us(),
          r.cliMs() / 1e3, mb(r.cliPeakHeap())));
    }
    b.append("\nVerdict counts: ");
    for (Result r : rs) {
      b.append(r.size().name()).append(' ').append(r.counts()).append("; ");
    }
    b.append('\n');
    return b.toString();
  }
}
