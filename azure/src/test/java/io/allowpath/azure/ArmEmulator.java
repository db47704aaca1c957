package io.allowpath.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for Azure Resource Manager on 127.0.0.1 (tests only, no traffic leaves the machine):
 * <ul>
 *   <li>Resource Graph ({@code POST /providers/Microsoft.ResourceGraph/resources}): rows of the types that
 *       Microsoft's table reference puts in {@code resources} (top-level types and private DNS virtual
 *       network links), filtered by the query's {@code type in~ (...)} and {@code resourceGroup in~ (...)}
 *       lists and by the request's subscriptions or management groups, ordered by id, paged with
 *       {@code $skipToken}; types lower-cased and columns projected as Resource Graph does;</li>
 *   <li>ARM GET of a resource path (one resource, 404 {@code ResourceNotFound} when absent) or of a
 *       collection path ({@code {"value": [...], "nextLink"}}, paged);</li>
 *   <li>Subscriptions - List;</li>
 *   <li>an OAuth token endpoint ({@code POST /oauth2/token}) issuing bearer tokens that ARM calls must
 *       carry; tokens can be made to expire server-side after some requests (401
 *       {@code ExpiredAuthenticationToken});</li>
 *   <li>injected faults: a status with headers and body, a delay, or a malformed body, per path.</li>
 * </ul>
 * Bodies can also be served verbatim (REST examples from the specs) with {@link #serve}.
 */
public final class ArmEmulator implements AutoCloseable {
  static final ObjectMapper MAPPER = new ObjectMapper();

  /** An injected answer: status, headers, body, and a delay before answering. */
  public record Fault(int status, Map<String, String> headers, String body, long delayMillis) {
    public static Fault status(int status, String code) {
      return new Fault(status, Map.of(), "{\"error\":{\"code\":\"" + code + "\",\"message\":\"injected " + status + "\"}}", 0);
    }

    public static Fault throttled(int retryAfterSeconds) {
      return new Fault(429, Map.of("Retry-After", String.valueOf(retryAfterSeconds)),
          "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"slow down\"}}", 0);
    }

    public static Fault malformed() {
      return new Fault(200, Map.of(), "{\"value\": [ {\"id\": ", 0);
    }

    public static Fault slow(long millis) {
      return new Fault(-1, Map.of(), null, millis);
    }
  }

  static {
    // answer without Nagle's delay: the JDK server writes headers and body separately, and the client's delayed
    // ACK would otherwise add ~40 ms to every request (a property of the emulator, not of ARM)
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(16);
  private final Map<String, ObjectNode> resources = new ConcurrentHashMap<>();
  private final Map<String, String> verbatim = new ConcurrentHashMap<>();
  /** Collection path (a resource id without its last segment) -> ids of the resources in it. */
  private final Map<String, Set<String>> children = new ConcurrentHashMap<>();
  /** Filtered, sorted Resource Graph rows per (types, groups, scopes): paging re-runs the same query. */
  private final Map<String, List<ObjectNode>> graphCache = new ConcurrentHashMap<>();
  private final Map<String, List<String>> managementGroups = new ConcurrentHashMap<>();
  private final Set<String> forbiddenSubscriptions = ConcurrentHashMap.newKeySet();
  private final Set<String> extraSubscriptions = ConcurrentHashMap.newKeySet();
  private final List<Map.Entry<Predicate<String>, Deque<Fault>>> faults = new ArrayList<>();
  private final Map<String, AtomicInteger> tokens = new ConcurrentHashMap<>();
  private final Set<String> fixedTokens = ConcurrentHashMap.newKeySet();
  private final AtomicInteger tokenCounter = new AtomicInteger();
  private final AtomicInteger graphRequests = new AtomicInteger();
  private final AtomicInteger getRequests = new AtomicInteger();
  private final AtomicInteger tokenRequests = new AtomicInteger();
  private final AtomicInteger unauthorized = new AtomicInteger();
  private volatile int graphPageSize = 1000;
  private volatile int listPageSize = 1000;
  private volatile int tokenRequestsLimit = Integer.MAX_VALUE;
  private volatile Map<String, String> graphHeaders = Map.of();

  public ArmEmulator() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ------------------------------------------------------------ set-up

  public ArmEmulator add(JsonNode resource) {
    String key = resource.path("id").asText().toLowerCase(Locale.ROOT);
    if (resources.put(key, (ObjectNode) resource) == null && key.lastIndexOf('/') > 0) {
      children.computeIfAbsent(key.substring(0, key.lastIndexOf('/')), k -> ConcurrentHashMap.newKeySet()).add(key);
    }
    graphCache.clear();
    return this;
  }

  public ArmEmulator addAll(Iterable<? extends JsonNode> rs) {
    rs.forEach(this::add);
    return this;
  }

  /** Serves {@code body} verbatim (with 200) for GETs of {@code path} (without the query string). */
  public ArmEmulator serve(String path, String body) {
    verbatim.put(path.toLowerCase(Locale.ROOT), body);
    return this;
  }

  public ArmEmulator managementGroup(String name, String... subscriptions) {
    managementGroups.put(name.toLowerCase(Locale.ROOT), List.of(subscriptions));
    return this;
  }

  /** A subscription the caller may not read: queries naming it answer 403 AuthorizationFailed. */
  public ArmEmulator forbid(String subscription) {
    forbiddenSubscriptions.add(subscription.toLowerCase(Locale.ROOT));
    extraSubscriptions.add(subscription.toLowerCase(Locale.ROOT));
    return this;
  }

  public ArmEmulator graphPageSize(int n) {
    graphPageSize = n;
    return this;
  }

  public ArmEmulator listPageSize(int n) {
    listPageSize = n;
    return this;
  }

  public ArmEmulator graphHeaders(Map<String, String> h) {
    graphHeaders = Map.copyOf(h);
    return this;
  }

  /** Accepts this bearer token for ever (an {@code AZURE_ACCESS_TOKEN}). */
  public ArmEmulator acceptToken(String token) {
    fixedTokens.add(token);
    return this;
  }

  /** Tokens from the token endpoint stop working after this many ARM requests each (401 ExpiredAuthenticationToken). */
  public ArmEmulator tokensExpireAfter(int requests) {
    tokenRequestsLimit = requests;
    return this;
  }

  /** The next requests whose path (and, for Resource Graph, body) contains {@code fragment} get these answers, in order. */
  public ArmEmulator fault(String fragment, Fault... answers) {
    String f = fragment.toLowerCase(Locale.ROOT);
    synchronized (faults) {
      faults.add(Map.entry(s -> s.contains(f), new ArrayDeque<>(List.of(answers))));
    }
    return this;
  }

  public int graphRequests() {
    return graphRequests.get();
  }

  public int getRequests() {
    return getRequests.get();
  }

  public int tokenRequests() {
    return tokenRequests.get();
  }

  public int unauthorized() {
    return unauthorized.get();
  }

  // ------------------------------------------------------------ serving

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      if (path.equals("/oauth2/token") && ex.getRequestMethod().equals("POST")) {
        tokenRequests.incrementAndGet();
        String t = "emulator-token-" + tokenCounter.incrementAndGet();
        tokens.put(t, new AtomicInteger());
        send(ex, 200, Map.of(), "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"" + t + "\"}");
        return;
      }
      if (path.equals("/msi/token")) {
        // App Service managed identity endpoint (IDENTITY_ENDPOINT + IDENTITY_HEADER), as azure-identity calls it
        tokenRequests.incrementAndGet();
        if (!"emulator-identity-header".equals(ex.getRequestHeaders().getFirst("X-IDENTITY-HEADER"))) {
          send(ex, 400, Map.of(), "{\"error\":\"invalid_request\",\"error_description\":\"missing identity header\"}");
          return;
        }
        String t = "emulator-mi-token-" + tokenCounter.incrementAndGet();
        tokens.put(t, new AtomicInteger());
        long exp = System.currentTimeMillis() / 1000 + 3600;
        send(ex, 200, Map.of(), "{\"access_token\":\"" + t + "\",\"expires_on\":\"" + exp
            + "\",\"resource\":\"https://management.azure.com/\",\"token_type\":\"Bearer\",\"client_id\":\"emulator\"}");
        return;
      }
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
      AtomicInteger uses = token == null ? null : tokens.get(token);
      boolean ok = token != null && (fixedTokens.contains(token) || (uses != null && uses.incrementAndGet() <= tokenRequestsLimit));
      if (!ok) {
        unauthorized.incrementAndGet();
        send(ex, 401, Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""),
            "{\"error\":{\"code\":\"ExpiredAuthenticationToken\",\"message\":\"The access token expiry UTC time is earlier than current UTC time.\"}}");
        return;
      }
      Fault f = nextFault(path.toLowerCase(Locale.ROOT) + " " + body.toLowerCase(Locale.ROOT));
      if (f != null && f.delayMillis() > 0) {
        try {
          Thread.sleep(f.delayMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      if (path.toLowerCase(Locale.ROOT).startsWith("/providers/microsoft.resourcegraph/resources")) {
        graphRequests.incrementAndGet();
      } else {
        getRequests.incrementAndGet();
      }
      if (f != null && f.status() > 0) {
        send(ex, f.status(), f.headers(), f.body());
        return;
      }
      if (path.toLowerCase(Locale.ROOT).startsWith("/providers/microsoft.resourcegraph/resources")) {
        graph(ex, body);
      } else if (ex.getRequestMethod().equals("GET")) {
        get(ex, path);
      } else {
        send(ex, 405, Map.of(), "{\"error\":{\"code\":\"MethodNotAllowed\",\"message\":\"\"}}");
      }
    } catch (RuntimeException e) {
      send(ex, 500, Map.of(), "{\"error\":{\"code\":\"EmulatorBug\",\"message\":\"" + e + "\"}}");
    }
  }

  private Fault nextFault(String key) {
    synchronized (faults) {
      for (Map.Entry<Predicate<String>, Deque<Fault>> e : faults) {
        if (!e.getValue().isEmpty() && e.getKey().test(key)) {
          return e.getValue().poll();
        }
      }
    }
    return null;
  }

  private static void send(HttpExchange ex, int status, Map<String, String> headers, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
    if (b.length > 0) {
      try (OutputStream os = ex.getResponseBody()) {
        os.write(b);
      }
    }
  }

  /** In Resource Graph's {@code resources} table: provider/type, and private DNS zone virtual network links. */
  static boolean inResourcesTable(String type) {
    String t = type.toLowerCase(Locale.ROOT);
    return t.chars().filter(c -> c == '/').count() == 1 || t.equals("microsoft.network/privatednszones/virtualnetworklinks");
  }

  private static final Pattern IN_LIST = Pattern.compile("(type|resourcegroup)\\s+in~\\s*\\(([^)]*)\\)");

  private void graph(HttpExchange ex, String raw) throws IOException {
    JsonNode req = MAPPER.readTree(raw);
    String query = req.path("query").asText().toLowerCase(Locale.ROOT);
    Set<String> types = new HashSet<>();
    Set<String> groups = null;
    Matcher m = IN_LIST.matcher(query);
    while (m.find()) {
      Set<String> vals = new HashSet<>();
      for (String v : m.group(2).split(",")) {
        vals.add(v.strip().replace("'", ""));
      }
      if (m.group(1).equals("type")) {
        types.addAll(vals);
      } else {
        groups = vals;
      }
    }
    Set<String> subs = new LinkedHashSet<>();
    for (JsonNode s : req.path("subscriptions")) {
      subs.add(s.asText().toLowerCase(Locale.ROOT));
    }
    for (JsonNode g : req.path("managementGroups")) {
      List<String> in = managementGroups.get(g.asText().toLowerCase(Locale.ROOT));
      if (in == null) {
        send(ex, 404, Map.of(), "{\"error\":{\"code\":\"ManagementGroupNotFound\",\"message\":\"no such management group\"}}");
        return;
      }
      in.forEach(s -> subs.add(s.toLowerCase(Locale.ROOT)));
    }
    for (String s : subs) {
      if (forbiddenSubscriptions.contains(s)) {
        send(ex, 403, Map.of(), "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"no read access to subscription "
            + s + "\"}}");
        return;
      }
    }
    final Set<String> groupSet = groups;
    List<ObjectNode> rows = graphCache.computeIfAbsent(new java.util.TreeSet<>(types) + "|" + groupSet + "|" + subs,
        k -> rows(types, groupSet, subs));
    int top = Math.min(req.path("options").path("$top").asInt(100), graphPageSize);
    String skipToken = req.path("options").path("$skipToken").asText("");
    int from = skipToken.isEmpty() ? 0 : Integer.parseInt(skipToken.substring("emulator-skip-".length()));
    int to = Math.min(rows.size(), from + top);
    ObjectNode out = MAPPER.createObjectNode();
    out.put("totalRecords", rows.size());
    out.put("count", to - from);
    out.put("resultTruncated", "false");
    if (to < rows.size()) {
      out.put("$skipToken", "emulator-skip-" + to);
    }
    out.putArray("facets");
    ArrayNode data = out.putArray("data");
    rows.subList(from, to).forEach(data::add);
    send(ex, 200, graphHeaders, out.toString());
  }

  private List<ObjectNode> rows(Set<String> types, Set<String> groups, Set<String> subs) {
    List<ObjectNode> rows = new ArrayList<>();
    for (ObjectNode r : resources.values()) {
      String id = r.path("id").asText().toLowerCase(Locale.ROOT);
      String type = r.path("type").asText().toLowerCase(Locale.ROOT);
      String[] seg = id.split("/");
      if (!inResourcesTable(type) || !types.contains(type) || seg.length < 5 || !subs.contains(seg[2])
          || (groups != null && !groups.contains(seg[4]))) {
        continue;
      }
      ObjectNode row = MAPPER.createObjectNode();
      for (String c : List.of("id", "name", "type", "location", "kind", "sku", "identity", "zones", "managedBy", "properties")) {
        row.set(c, r.has(c) ? r.get(c) : com.fasterxml.jackson.databind.node.NullNode.getInstance());
      }
      row.put("type", type);
      rows.add(row);
    }
    rows.sort(Comparator.comparing(r -> r.path("id").asText().toLowerCase(Locale.ROOT)));
    return rows;
  }

  private void get(HttpExchange ex, String rawPath) throws IOException {
    String path = URLDecoder.decode(rawPath, StandardCharsets.UTF_8);
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.endsWith("/")) {
      lower = lower.substring(0, lower.length() - 1);
    }
    if (verbatim.containsKey(lower)) {
      send(ex, 200, Map.of(), verbatim.get(lower));
      return;
    }
    if (lower.equals("/subscriptions")) {
      subscriptions(ex);
      return;
    }
    int p = lower.indexOf("/providers/");
    boolean resourcePath = p >= 0 && (lower.substring(p + "/providers/".length()).split("/").length - 1) % 2 == 0;
    if (resourcePath) {
      ObjectNode r = resources.get(lower);
      if (r == null) {
        send(ex, 404, Map.of(), "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"The Resource '" + path
            + "' was not found.\"}}");
      } else {
        send(ex, 200, Map.of(), r.toString());
      }
      return;
    }
    List<ObjectNode> children = new ArrayList<>();
    for (String k : children(lower)) {
      children.add(resources.get(k));
    }
    String parent = p >= 0 ? lower.substring(0, lower.lastIndexOf('/')) : lower;
    if (children.isEmpty() && !resources.containsKey(parent)) {
      send(ex, 404, Map.of(), "{\"error\":{\"code\":\"ParentResourceNotFound\",\"message\":\"no parent " + parent + "\"}}");
      return;
    }
    children.sort(Comparator.comparing(r -> r.path("id").asText().toLowerCase(Locale.ROOT)));
    String q = ex.getRequestURI().getRawQuery();
    int from = 0;
    if (q != null) {
      for (String kv : q.split("&")) {
        if (kv.startsWith("$skiptoken=")) {
          from = Integer.parseInt(kv.substring("$skiptoken=".length()));
        }
      }
    }
    int to = Math.min(children.size(), from + listPageSize);
    ObjectNode out = MAPPER.createObjectNode();
    ArrayNode value = out.putArray("value");
    children.subList(from, to).forEach(value::add);
    if (to < children.size()) {
      out.put("nextLink", uri() + rawPath + "?api-version=x&$skiptoken=" + to);
    }
    send(ex, 200, Map.of(), out.toString());
  }

  private Set<String> children(String collection) {
    Set<String> c = this.children.get(collection);
    return c == null ? Set.of() : c;
  }

  private void subscriptions(HttpExchange ex) throws IOException {
    Set<String> subs = new LinkedHashSet<>();
    resources.keySet().stream().map(k -> k.split("/")).filter(s -> s.length > 2).map(s -> s[2]).sorted().forEach(subs::add);
    subs.addAll(extraSubscriptions);
    ObjectNode out = MAPPER.createObjectNode();
    ArrayNode value = out.putArray("value");
    for (String s : subs) {
      ObjectNode n = value.addObject();
      n.put("id", "/subscriptions/" + s);
      n.put("subscriptionId", s);
      n.put("displayName", "sub " + s);
      n.put("state", "Enabled");
    }
    send(ex, 200, Map.of(), out.toString());
  }

  /** Counts per kind, for benchmarks. */
  public Map<String, Integer> counts() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("graph", graphRequests.get());
    m.put("get", getRequests.get());
    m.put("token", tokenRequests.get());
    m.put("401", unauthorized.get());
    return m;
  }
}
