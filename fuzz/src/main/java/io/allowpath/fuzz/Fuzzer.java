package io.allowpath.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Seeded mutation fuzzing of every command, in-process (docs/testing.md). Seeds are the project's own
 * example estate, example templates and JSON test fixtures, plus, when {@code ../shared/corpus} exists,
 * its quickstart templates and the resource bodies of its REST API examples. Each mutant applies one to
 * three mutations (delete a key, change a value's type, long / unicode / empty strings, duplicate an
 * array element, swap two ids, inject a template expression, put nested arrays where objects belong,
 * odd ids / addresses / numbers, deep nesting, huge copy counts) or truncates the file at a random
 * byte, then runs a few commands on it (egress, check, plan with each {@code --emit}, audit incl. SARIF,
 * report), some reading it from standard input.
 *
 * <p>A run fails the fuzz when its exit code is not 0, 1 or 2 (3, an internal error, is a failure),
 * when a stack trace or a Java / Jackson / picocli exception name reaches stdout or stderr, or when it
 * runs longer than the per-run time limit. Everything is deterministic for a seed: mutant {@code i}
 * uses {@code new Random(seed * 1_000_003 + i)}, whatever the thread order.
 */
public final class Fuzzer {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** One seed file, with what it needs to run (the rest of its estate, its parameters file). */
  record Seed(String name, JsonNode json, List<Path> companions, Path parameters) {}

  /** The outcome of a fuzz run. */
  public record Result(long seed, int mutants, int runs, Map<Integer, Integer> exitCodes, Map<String, List<String>> crashes,
      List<String> hangs, long medianMicros, long p99Micros, long maxMicros, int seeds, Duration elapsed) {
    public boolean clean() {
      return crashes.isEmpty() && hangs.isEmpty();
    }

    public String summary() {
      StringBuilder sb = new StringBuilder();
      sb.append("fuzz: seed ").append(seed).append(", ").append(seeds).append(" seed files, ").append(mutants)
          .append(" mutants, ").append(runs).append(" runs in ").append(elapsed.toSeconds()).append(" s; exit codes ")
          .append(exitCodes).append("; crashes ").append(crashes.values().stream().mapToInt(List::size).sum())
          .append(" (").append(crashes.size()).append(" distinct); hangs ").append(hangs.size())
          .append("; per run median ").append(String.format("%.1f", medianMicros / 1000.0)).append(" ms, p99 ")
          .append(String.format("%.1f", p99Micros / 1000.0)).append(" ms, max ")
          .append(String.format("%.1f", maxMicros / 1000.0)).append(" ms\n");
      crashes.forEach((k, v) -> sb.append("  CRASH ").append(v.size()).append("x ").append(k).append("\n      e.g. ")
          .append(v.get(0)).append("\n"));
      hangs.forEach(h -> sb.append("  HANG ").append(h).append("\n"));
      return sb.toString();
    }
  }

  /** A stack trace or a class name of Java, Jackson or picocli in what the user reads. */
  static final Pattern TRACE = Pattern.compile(
      "(?m)^\\s+at [\\w$.]+\\(|Exception in thread|\\b(?:java|javax|com\\.fasterxml|picocli)\\.[\\w.$]*[A-Z]\\w*"
          + "|\\b\\w+(?:Exception|Error)\\b(?!\\s*diagnostic)");

  static final String[][] VARIANTS = {
      {"egress"}, {"egress", "-o", "json"}, {"check"}, {"check", "-o", "json"}, {"check", "-o", "summary"},
      {"check", "-v", "--only-failing"}, {"plan"}, {"plan", "-o", "json"}, {"plan", "--emit", "az"},
      {"plan", "--emit", "bicep"}, {"plan", "--emit", "arm"}, {"plan", "--emit", "terraform"},
      {"plan", "--write-estate", "@OUT.json"}, {"plan", "--egress-strategy", "firewall", "-o", "json"},
      {"plan", "--egress-strategy", "load-balancer", "--emit", "terraform"}, {"audit"}, {"audit", "-o", "json"},
      {"audit", "-o", "sarif"}, {"report", "--html", "@OUT.html"}};

  private final List<Seed> seeds;
  private final Path work;
  private final int runsPerMutant;

  public Fuzzer(List<Seed> seeds, Path work, int runsPerMutant) {
    this.seeds = seeds;
    this.work = work;
    this.runsPerMutant = runsPerMutant;
  }

  // ------------------------------------------------------------------ seeds

  /** The seeds under the repository {@code root}, and under {@code corpus} when it exists. */
  public static List<Seed> seeds(Path root, Path corpus) throws IOException {
    List<Seed> out = new ArrayList<>();
    Path estate = root.resolve("examples/estate");
    List<Path> estateFiles = jsonFiles(estate);
    for (Path f : estateFiles) {
      List<Path> others = estateFiles.stream().filter(o -> !o.equals(f)).toList();
      out.add(new Seed(root.relativize(f).toString(), read(f), others, null));
    }
    for (Path f : jsonFiles(root.resolve("examples/templates"))) {
      if (!f.getFileName().toString().contains(".parameters.")) {
        Path p = f.resolveSibling(f.getFileName().toString().replace(".json", ".parameters.json"));
        out.add(new Seed(root.relativize(f).toString(), read(f), List.of(), Files.isRegularFile(p) ? p : null));
      }
    }
    for (Path f : jsonFiles(root.resolve("core/src/test/resources"))) {
      out.add(new Seed(root.relativize(f).toString(), read(f), List.of(), null));
    }
    if (corpus != null && Files.isDirectory(corpus)) {
      int templates = 0;
      for (Path f : jsonFiles(corpus)) {
        String n = f.toString();
        if (n.contains("quickstart") && f.getFileName().toString().equals("azuredeploy.json") && templates < 60) {
          JsonNode t = readOrNull(f);
          if (t != null) {
            Path p = f.resolveSibling("azuredeploy.parameters.json");
            out.add(new Seed(corpus.relativize(f).toString(), t, List.of(), Files.isRegularFile(p) ? p : null));
            templates++;
          }
        } else if (n.contains("/examples/")) {
          JsonNode ex = readOrNull(f);
          ArrayNode bodies = F.arrayNode();
          if (ex != null) {
            ex.path("responses").forEach(r -> {
              JsonNode b = r.path("body");
              if (b.has("id")) {
                bodies.add(b);
              } else if (b.path("value").isArray()) {
                b.get("value").forEach(v -> {
                  if (v.has("id")) {
                    bodies.add(v);
                  }
                });
              }
            });
          }
          if (!bodies.isEmpty()) {
            out.add(new Seed(corpus.relativize(f).toString(), bodies, List.of(), null));
          }
        }
      }
    }
    return out;
  }

  private static List<Path> jsonFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".json")).sorted().toList();
    }
  }

  private static JsonNode read(Path f) throws IOException {
    return MAPPER.readTree(f.toFile());
  }

  private static JsonNode readOrNull(Path f) {
    try {
      return read(f);
    } catch (IOException e) {
      return null;
    }
  }

  // ------------------------------------------------------------------ mutation

  /** A mutant: the bytes of the mutated seed and what was done to it. */
  record Mutant(int index, Seed seed, byte[] bytes, String what) {}

  Mutant mutant(long seed, int index) {
    Random rnd = new Random(seed * 1_000_003L + index);
    // half the mutants start from the example estate (it joins across files and reaches every command's
    // deep paths), the rest from any seed
    List<Seed> estate = seeds.stream().filter(x -> !x.companions().isEmpty()).toList();
    Seed s = !estate.isEmpty() && rnd.nextBoolean() ? estate.get(rnd.nextInt(estate.size()))
        : seeds.get(rnd.nextInt(seeds.size()));
    JsonNode doc = s.json().deepCopy();
    List<String> what = new ArrayList<>();
    int n = 1 + rnd.nextInt(3);
    for (int i = 0; i < n; i++) {
      doc = mutate(doc, rnd, what);
    }
    byte[] bytes;
    try {
      bytes = MAPPER.writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (rnd.nextInt(12) == 0) {
      int cut = rnd.nextInt(Math.max(1, bytes.length));
      bytes = java.util.Arrays.copyOf(bytes, cut);
      what.add("truncate at byte " + cut);
    }
    return new Mutant(index, s, bytes, s.name() + ": " + String.join("; ", what));
  }

  /** A place in the document: the container and the key or index of a value in it. */
  private record Slot(JsonNode container, String key, int index, String pointer) {
    JsonNode get() {
      return key != null ? container.get(key) : container.get(index);
    }

    void set(JsonNode v) {
      if (key != null) {
        ((ObjectNode) container).set(key, v);
      } else {
        ((ArrayNode) container).set(index, v);
      }
    }
  }

  private static List<Slot> slots(JsonNode root) {
    List<Slot> out = new ArrayList<>();
    collect(root, "", out, 0);
    return out;
  }

  private static void collect(JsonNode n, String ptr, List<Slot> out, int depth) {
    if (depth > 60) {
      return;
    }
    if (n.isObject()) {
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        String p = ptr + "/" + k;
        out.add(new Slot(n, k, -1, p));
        collect(n.get(k), p, out, depth + 1);
      }
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        String p = ptr + "/" + i;
        out.add(new Slot(n, null, i, p));
        collect(n.get(i), p, out, depth + 1);
      }
    }
  }

  static final String[] EXPRESSIONS = {
      "[parameters('nope')]", "[variables('nope')]", "[concat('a', 'b')]", "[copyIndex()]",
      "[reference('/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/publicIPAddresses/p').ipAddress]",
      "[resourceId('Microsoft.Network/virtualNetworks', 'v')]", "[if(true(), 'a', 1)]", "[json('{\"a\":1}')]",
      "[length(range(0, 100000))]", "[split('a,b', ',')[5]]", "[int('x')]", "[div(1, 0)]", "[mod(1, 0)]",
      "[substring('abc', 5, 10)]", "[take('abc', -1)]", "[first(createArray())]", "[last('')]",
      "[padLeft('a', 100000000, 'x')]", "[range(0, 2147483647)]", "[base64ToString('!!')]", "[uri('::', 'x')]",
      "[guid()]", "[concat(", "[]", "[[x]]", "[string(", "[union(json('{}'), 1)]", "[createObject('a')]",
      "[replace('aaa', '', 'b')]", "[string(range(0, 800))]", "[subscription().subscriptionId]",
      "[resourceGroup().location]", "[variables('a')]", "[skip(createArray(1), -5)]", "[indexOf('', '')]",
      "[dataUri(string(range(0, 5000)))]", "[toLower(1)]", "[add(2147483647, 1)]", "[mul(9223372036854775807, 2)]"};

  static final String[] ODD = {
      "999.1.1.1/33", "10.0.0.0/8", "0.0.0.0/0", "::/0", "1.2.3.4/-1", "not-an-ip", "/", "//", "/subscriptions",
      "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network",
      "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks", "x/y/z", "a b c",
      "/subscriptions/x/resourceGroups/rg", "/providers/Microsoft.Network/virtualNetworks/v/subnets",
      "Microsoft.Network/virtualNetworks", "eastus", "", " ", "*", "Internet", "AzureCloud.eastus", "10.0.0.1-10.0.0.9",
      "fe80::1%eth0", "1.2.3.4:80", "300.300.300.300", "1.2.3"};

  static final String[] UNICODE = {"\u00e9\u00e8\u00ea", "\ud83d\ude80\ud83d\udd25", "\u202eevil\u202c", "a\u0000b",
      "\u4e2d\u6587", "\ufeffbom", "line\nbreak", "tab\there", "\"quoted\"", "back\\slash", "<script>x</script>", "${x}",
      "'; rm -rf /", "%s%n", "\ud800"};

  /** Fields that decide identity, joins and addresses: mutated more often than the rest. */
  static final java.util.Set<String> INTERESTING = java.util.Set.of("id", "name", "type", "location", "subnet", "subnets",
      "natgateway", "publicipaddress", "publicipaddresses", "publicipprefix", "managedresourcegroupid",
      "frontendipconfigurations", "backendaddresspool", "backendaddresspools", "iprules", "value", "addressprefix",
      "addressprefixes", "ipaddress", "ipprefix", "routetable", "routes", "nexthoptype", "nexthopipaddress",
      "virtualnetworkrules", "privateipaddress", "remotevirtualnetwork", "customvirtualnetworkid", "properties",
      "ipconfigurations", "firewallpolicy", "serverlesscomputecustomsubnet", "enablenopublicip", "outboundrules",
      "startipaddress", "endipaddress", "iprestrictions", "ipmask", "defaultaction", "publicnetworkaccess",
      "computetype", "serviceendpoints", "privatelinkserviceconnections", "privatelinkserviceid", "copy", "count",
      "variables", "parameters", "resources", "isolationmode", "destination", "servicetag", "addressspace");

  private JsonNode mutate(JsonNode doc, Random rnd, List<String> what) {
    List<Slot> slots = slots(doc);
    if (slots.isEmpty()) {
      what.add("replace the document with an empty array");
      return F.arrayNode();
    }
    List<Slot> keyed = slots.stream().filter(x -> x.key() != null && INTERESTING.contains(x.key().toLowerCase())).toList();
    Slot s = !keyed.isEmpty() && rnd.nextBoolean() ? keyed.get(rnd.nextInt(keyed.size())) : slots.get(rnd.nextInt(slots.size()));
    JsonNode v = s.get();
    switch (rnd.nextInt(14)) {
      case 0 -> {
        if (s.key() != null) {
          ((ObjectNode) s.container()).remove(s.key());
        } else {
          ((ArrayNode) s.container()).remove(s.index());
        }
        what.add("delete " + s.pointer());
      }
      case 1 -> {
        JsonNode r = switch (rnd.nextInt(7)) {
          case 0 -> F.numberNode(rnd.nextInt(2000) - 1000);
          case 1 -> F.textNode("x");
          case 2 -> F.booleanNode(rnd.nextBoolean());
          case 3 -> F.nullNode();
          case 4 -> F.arrayNode();
          case 5 -> F.objectNode();
          default -> F.numberNode(new BigInteger("123456789012345678901234567890"));
        };
        s.set(r);
        what.add("change type at " + s.pointer());
      }
      case 2 -> {
        s.set(F.textNode("x".repeat(1 + rnd.nextInt(40_000))));
        what.add("long string at " + s.pointer());
      }
      case 3 -> {
        s.set(F.textNode(UNICODE[rnd.nextInt(UNICODE.length)]));
        what.add("unicode string at " + s.pointer());
      }
      case 4 -> {
        s.set(F.textNode(""));
        what.add("empty string at " + s.pointer());
      }
      case 5 -> {
        if (s.key() == null) {
          ((ArrayNode) s.container()).insert(s.index(), v.deepCopy());
          what.add("duplicate " + s.pointer());
        } else if (v.isArray() && !v.isEmpty()) {
          ((ArrayNode) v).add(v.get(rnd.nextInt(v.size())).deepCopy());
          what.add("duplicate an element of " + s.pointer());
        } else {
          what.add("no-op");
        }
      }
      case 6 -> swapIds(slots, rnd, what);
      case 7 -> {
        s.set(F.textNode(EXPRESSIONS[rnd.nextInt(EXPRESSIONS.length)]));
        what.add("expression at " + s.pointer());
      }
      case 8 -> {
        ArrayNode a = F.arrayNode();
        a.add(rnd.nextBoolean() ? F.arrayNode() : v.deepCopy());
        s.set(a);
        what.add("nested array at " + s.pointer());
      }
      case 9, 10 -> {
        s.set(F.textNode(ODD[rnd.nextInt(ODD.length)]));
        what.add("odd value at " + s.pointer());
      }
      case 11 -> {
        long[] nums = {-1, 0, 801, 1_000_000_000L, Long.MAX_VALUE, 2_147_483_648L, Integer.MIN_VALUE};
        s.set(F.numberNode(nums[rnd.nextInt(nums.length)]));
        what.add("odd number at " + s.pointer());
      }
      case 12 -> {
        int depth = rnd.nextBoolean() ? 2000 : 200 + rnd.nextInt(800);
        if (rnd.nextBoolean()) {
          s.set(F.textNode("[" + "concat(".repeat(depth) + "'a'" + ")".repeat(depth) + "]"));
          what.add("expression nested " + depth + " deep at " + s.pointer());
        } else {
          JsonNode deep = F.textNode("x");
          for (int i = 0; i < Math.min(depth, 900); i++) {
            deep = rnd.nextBoolean() ? F.arrayNode().add(deep) : F.objectNode().set("a", deep);
          }
          s.set(deep);
          what.add("JSON nested " + Math.min(depth, 900) + " deep at " + s.pointer());
        }
      }
      default -> {
        // a copy loop on a resource (templates) or a huge count where one exists
        Slot c = slots.stream().filter(x -> "count".equals(x.key())).findFirst().orElse(null);
        long[] counts = {801, 1_000_000_000L, -1, 0};
        long count = counts[rnd.nextInt(counts.length)];
        if (c != null) {
          c.set(F.numberNode(count));
          what.add("count " + count + " at " + c.pointer());
        } else if (v.isObject() && v.has("type")) {
          ObjectNode copy = F.objectNode();
          copy.put("name", "fuzz");
          copy.put("count", count);
          ((ObjectNode) v).set("copy", copy);
          what.add("copy count " + count + " at " + s.pointer());
        } else {
          what.add("no-op");
        }
      }
    }
    return doc;
  }

  private static void swapIds(List<Slot> slots, Random rnd, List<String> what) {
    List<Slot> ids = slots.stream().filter(x -> "id".equals(x.key()) && x.get().isTextual()).toList();
    if (ids.size() < 2) {
      what.add("no-op");
      return;
    }
    Slot a = ids.get(rnd.nextInt(ids.size()));
    Slot b = ids.get(rnd.nextInt(ids.size()));
    JsonNode av = a.get();
    a.set(b.get());
    b.set(av);
    what.add("swap ids " + a.pointer() + " and " + b.pointer());
  }

  // ------------------------------------------------------------------ running

  /** One in-process run of a command on a mutant. */
  record Outcome(int code, long micros, String out, String err, List<String> args) {}

  Outcome run(Mutant m, int k, Path dir) throws IOException {
    String[] variant = VARIANTS[Math.floorMod(m.index() * runsPerMutant + k, VARIANTS.length)];
    Random rnd = new Random(m.index() * 31L + k);
    boolean stdin = m.seed().parameters() == null && rnd.nextInt(8) == 0;
    Path file = dir.resolve("mutant.json");
    Files.write(file, m.bytes());
    List<String> args = new ArrayList<>();
    args.add("--debug");
    for (String v : variant) {
      args.add(v.startsWith("@") ? dir.resolve(v.substring(1)).toString() : v);
    }
    args.add("--estate");
    args.add(stdin ? "-" : file.toString());
    for (Path c : m.seed().companions()) {
      args.add("--estate");
      args.add(c.toString());
    }
    if (m.seed().parameters() != null) {
      args.add("--parameters");
      args.add(m.seed().parameters().toString());
    }
    if (rnd.nextInt(7) == 0) {
      args.add("--strict");
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    long t0 = System.nanoTime();
    int code = Main.run(args.toArray(String[]::new), new ByteArrayInputStream(stdin ? m.bytes() : new byte[0]),
        new PrintWriter(out), new PrintWriter(err));
    long micros = (System.nanoTime() - t0) / 1000;
    return new Outcome(code, micros, out.toString(), err.toString(), args);
  }

  /** Why an outcome fails the fuzz, or null. */
  static String failure(Outcome o) {
    if (o.code() == 3) {
      String first = o.err().lines().filter(l -> l.contains("internal error")).findFirst().orElse("exit 3");
      String frame = o.err().lines().filter(l -> l.strip().startsWith("at io.allowpath")).findFirst().orElse("").strip();
      return "exit 3: " + first.replaceAll(" on .*;", " on ...;") + " | " + frame;
    }
    if (o.code() < 0 || o.code() > 2) {
      return "exit " + o.code();
    }
    var mo = TRACE.matcher(o.err());
    if (mo.find()) {
      return "stack trace or class name on stderr: " + o.err().substring(mo.start(), Math.min(o.err().length(), mo.end() + 60))
          .replace("\n", " ");
    }
    var mo2 = TRACE.matcher(o.out());
    if (mo2.find() && o.out().contains("\tat ")) {
      return "stack trace on stdout";
    }
    return null;
  }

  /** Runs {@code count} mutants on {@code threads} threads; a run over {@code limit} is a hang. */
  public Result fuzz(long seed, int count, int threads, Duration limit) throws Exception {
    long start = System.nanoTime();
    Files.createDirectories(work);
    Path failuresDir = work.resolve("failures");
    Map<String, List<String>> crashes = new ConcurrentHashMap<>();
    List<String> hangs = java.util.Collections.synchronizedList(new ArrayList<>());
    Map<Integer, Integer> codes = new ConcurrentHashMap<>();
    long[] times = new long[count * runsPerMutant];
    AtomicInteger runs = new AtomicInteger();
    Map<Thread, long[]> running = new ConcurrentHashMap<>();
    Map<Thread, String> current = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "fuzz");
      t.setDaemon(true);
      return t;
    });
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      final int index = i;
      futures.add(pool.submit(() -> {
        Mutant m = mutant(seed, index);
        Path dir = work.resolve("m" + index);
        try {
          Files.createDirectories(dir);
          for (int k = 0; k < runsPerMutant; k++) {
            running.put(Thread.currentThread(), new long[] {System.nanoTime()});
            current.put(Thread.currentThread(), "mutant " + index + " run " + k + " (" + m.what() + ")");
            Outcome o = run(m, k, dir);
            running.remove(Thread.currentThread());
            times[runs.getAndIncrement()] = o.micros();
            codes.merge(o.code(), 1, Integer::sum);
            if (o.micros() > limit.toNanos() / 1000) {
              hangs.add("mutant " + index + " took " + o.micros() / 1000 + " ms: " + m.what() + " | " + o.args());
              keep(failuresDir, "hang", m, o.args());
            }
            String f = failure(o);
            if (f != null) {
              List<String> l = crashes.computeIfAbsent(f, x -> java.util.Collections.synchronizedList(new ArrayList<>()));
              l.add("mutant " + index + ": " + m.what() + " | " + String.join(" ", o.args()));
              if (l.size() <= 2) {
                keep(failuresDir, "crash-" + Integer.toHexString(f.hashCode()), m, o.args());
              }
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } finally {
          deleteTree(dir);
        }
        return null;
      }));
    }
    pool.shutdown();
    while (!pool.awaitTermination(250, TimeUnit.MILLISECONDS)) {
      long now = System.nanoTime();
      boolean stuck = false;
      for (var e : running.entrySet()) {
        if (now - e.getValue()[0] > limit.toNanos() * 3) {
          hangs.add("did not finish within " + limit.toSeconds() * 3 + " s: " + current.get(e.getKey()));
          stuck = true;
        }
      }
      if (stuck) {
        pool.shutdownNow();
        break;
      }
    }
    for (Future<?> f : futures) {
      if (f.isDone() && !f.isCancelled()) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          crashes.computeIfAbsent("harness: " + e.getCause(), x -> new ArrayList<>()).add(String.valueOf(e.getCause()));
        }
      }
    }
    int n = runs.get();
    long[] sorted = java.util.Arrays.copyOf(times, n);
    java.util.Arrays.sort(sorted);
    long median = n == 0 ? 0 : sorted[n / 2];
    long p99 = n == 0 ? 0 : sorted[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)];
    long max = n == 0 ? 0 : sorted[n - 1];
    Map<String, List<String>> byClass = new TreeMap<>(crashes);
    return new Result(seed, count, n, new TreeMap<>(codes), byClass, new ArrayList<>(hangs), median, p99, max,
        seeds.size(), Duration.ofNanos(System.nanoTime() - start));
  }

  private static void keep(Path dir, String name, Mutant m, List<String> args) {
    try {
      Files.createDirectories(dir);
      Files.write(dir.resolve(name + "-m" + m.index() + ".json"), m.bytes());
      Files.writeString(dir.resolve(name + "-m" + m.index() + ".txt"), m.what() + "\n" + String.join(" ", args) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: the work directory is under target/
    }
  }

  /** {@code java io.allowpath.fuzz.Fuzzer ROOT COUNT [SEED [RUNS_PER_MUTANT]]}: a fuzz run from the command line. */
  public static void main(String[] args) throws Exception {
    Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 20261201L;
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    Fuzzer f = new Fuzzer(seeds(root, root.resolve("../shared/corpus").normalize()), root.resolve("fuzz/target/fuzz-work"), runs);
    Result r = f.fuzz(seed, count, 2, Duration.ofSeconds(20));
    System.out.print(r.summary());
    System.exit(r.clean() ? 0 : 1);
  }
}
