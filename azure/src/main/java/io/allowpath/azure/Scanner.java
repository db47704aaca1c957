package io.allowpath.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * Reads an estate from Azure: the subscriptions in scope, one Resource Graph query over the modelled
 * types (batched and paged), then the ARM GETs for what Resource Graph does not hold
 * ({@link Inventory}). It produces ARM resource JSON only, the same shape an export gives, and knows
 * nothing of the model or the analysis.
 *
 * <p>A subscription or a read that answers 403/404 (or 400 for a scope Resource Graph rejects) becomes a
 * {@link Problem} and the scan goes on; a token that no credential can give, or ARM that never answers,
 * ends it with a {@link ScanException}.
 */
public final class Scanner {
  /** What to scan. Empty subscriptions and management groups: every subscription the credential sees. */
  public record Request(List<String> subscriptions, List<String> managementGroups, List<String> resourceGroups,
      int concurrency) {
    public Request {
      subscriptions = List.copyOf(subscriptions);
      managementGroups = List.copyOf(managementGroups);
      resourceGroups = List.copyOf(resourceGroups);
      if (concurrency < 1 || concurrency > 64) {
        throw new IllegalArgumentException("concurrency must be 1..64");
      }
    }
  }

  /**
   * Something that could not be read; {@code resourceId} is the subscription or resource concerned.
   * {@code onResource}: the failure is also recorded on the resource itself ({@link #UNREAD_FIELD}), where
   * the estate reader finds it (and warns), so a caller that reads the resources need not repeat it.
   */
  public record Problem(String resourceId, String message, boolean onResource) {
    public Problem(String resourceId, String message) {
      this(resourceId, message, false);
    }
  }

  /**
   * The field added to a resource one of whose {@link Inventory#CHILD_READS} failed:
   * {@code "allowpathUnread": [{"read": "firewallRules", "error": "HTTP 403 AuthorizationFailed: ..."}]}. The
   * ARM reader in core turns it into UNKNOWN answers naming the read (SCAN_READ_FAILED), whether the estate
   * comes from this scan in-process or from its {@code --save} file (docs/formats.md §7).
   */
  public static final String UNREAD_FIELD = "allowpathUnread";

  /** The resources read (sorted by id, case-insensitively), the problems, and the counters. */
  public record Result(List<ObjectNode> resources, List<Problem> problems, ScanStats stats, String scope) {}

  /** Names Resource Graph accepts in our query text: no quotes or backslashes (ids, GUIDs, group names). */
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._()\\-]{1,90}");
  private static final int MAX_PAGES = 100_000;
  private static final int MAX_LINKS = 1_000;

  private final ArmHttp http;
  private final ScanStats stats;
  private final List<Problem> problems = Collections.synchronizedList(new ArrayList<>());

  public Scanner(ArmHttp http, ScanStats stats) {
    this.http = http;
    this.stats = stats;
  }

  public Result scan(Request req) {
    for (String s : concat(req.subscriptions(), req.managementGroups(), req.resourceGroups())) {
      if (!SAFE.matcher(s).matches()) {
        throw new ScanException("'" + s + "' is not a subscription id, management group or resource group name");
      }
    }
    List<String> subs = req.subscriptions();
    String scope;
    if (subs.isEmpty() && req.managementGroups().isEmpty()) {
      stats.phase = "listing subscriptions";
      subs = visibleSubscriptions();
      scope = subs.size() + " subscription(s) visible to the credential";
    } else {
      scope = (subs.isEmpty() ? "" : subs.size() + " subscription(s)")
          + (!subs.isEmpty() && !req.managementGroups().isEmpty() ? " and " : "")
          + (req.managementGroups().isEmpty() ? "" : req.managementGroups().size() + " management group(s)");
    }
    stats.subscriptions.set(subs.size());
    Map<String, ObjectNode> byId = new LinkedHashMap<>();
    stats.phase = "Resource Graph and ARM GETs";
    String query = Inventory.query(req.resourceGroups());
    // the GETs start as soon as a page names their parents, so the paging (serial by nature) and the GETs overlap
    try (Reads reads = new Reads(req.concurrency())) {
      for (List<String> batch : chunks(subs, Inventory.SUBSCRIPTIONS_PER_QUERY)) {
        queryScope("subscriptions", batch, query, byId, reads);
      }
      for (List<String> batch : chunks(req.managementGroups(), Inventory.MANAGEMENT_GROUPS_PER_QUERY)) {
        queryScope("managementGroups", batch, query, byId, reads);
      }
      stats.phase = "ARM GETs";
      reads.drain();
      byId.putAll(reads.children);
      reads.unread.forEach((id, entries) -> {
        ObjectNode parent = byId.get(id);
        if (parent != null) {
          ArrayNode list = parent.putArray(UNREAD_FIELD);
          entries.stream().sorted(Comparator.comparing(e -> e.path("read").asText())).forEach(list::add); // stable --save
        }
      });
    }
    stats.phase = "done";
    List<ObjectNode> out = new ArrayList<>(byId.values());
    out.sort(Comparator.comparing(n -> n.path("id").asText().toLowerCase(Locale.ROOT)));
    List<Problem> ps;
    synchronized (problems) {
      ps = new ArrayList<>(problems);
    }
    return new Result(out, ps, stats, scope);
  }

  @SafeVarargs
  private static List<String> concat(List<String>... ls) {
    List<String> out = new ArrayList<>();
    for (List<String> l : ls) {
      out.addAll(l);
    }
    return out;
  }

  private void problem(String id, String message) {
    problem(new Problem(id, message));
  }

  private void problem(Problem p) {
    stats.problems.incrementAndGet();
    problems.add(p);
  }

  /** Subscriptions - List, following nextLink; disabled and deleted subscriptions are left out. */
  private List<String> visibleSubscriptions() {
    List<String> out = new ArrayList<>();
    String next = "/subscriptions?api-version=" + Inventory.SUBSCRIPTIONS_API;
    for (int i = 0; next != null && i < MAX_LINKS; i++) {
      JsonNode page;
      try {
        page = http.get(next);
      } catch (ArmError e) {
        throw new ScanException("cannot list the subscriptions the credential can see: " + e.oneLine()
            + "; give --subscription or --management-group");
      }
      for (JsonNode s : page.path("value")) {
        String state = s.path("state").asText("Enabled");
        if (s.path("subscriptionId").isTextual() && !state.equalsIgnoreCase("Disabled")
            && !state.equalsIgnoreCase("Deleted")) {
          out.add(s.path("subscriptionId").asText());
        }
      }
      next = page.path("nextLink").isTextual() ? page.path("nextLink").asText() : null;
    }
    if (out.isEmpty()) {
      throw new ScanException("the credential sees no enabled subscription; give --subscription or "
          + "--management-group, or log in to another tenant (--tenant)");
    }
    return out;
  }

  /**
   * Runs the query over one batch of scopes, all pages. A batch that Resource Graph refuses as a whole
   * (400/403/404) is split, so that one inaccessible subscription costs only itself.
   */
  private void queryScope(String field, List<String> batch, String query, Map<String, ObjectNode> byId, Reads reads) {
    Map<String, ObjectNode> got = new LinkedHashMap<>();
    String skip = null;
    try {
      for (int page = 0; page < MAX_PAGES; page++) {
        ObjectNode body = ArmHttp.MAPPER.createObjectNode();
        ArrayNode scopes = body.putArray(field);
        batch.forEach(scopes::add);
        body.put("query", query);
        ObjectNode options = body.putObject("options");
        options.put("$top", Inventory.PAGE_SIZE);
        options.put("resultFormat", "objectArray");
        if (skip != null) {
          options.put("$skipToken", skip);
        }
        JsonNode r = http.postGraph("/providers/Microsoft.ResourceGraph/resources?api-version=" + Inventory.GRAPH_API, body);
        JsonNode data = r.path("data");
        if (!data.isArray()) {
          throw new ArmError(200, "MalformedResponse", "Resource Graph answer has no \"data\" array");
        }
        stats.pages.incrementAndGet();
        List<ObjectNode> rows = new ArrayList<>(data.size());
        for (JsonNode row : data) {
          if (row.isObject() && row.path("id").isTextual()) {
            got.put(row.path("id").asText().toLowerCase(Locale.ROOT), (ObjectNode) row);
            stats.resources.incrementAndGet();
            rows.add((ObjectNode) row);
          }
        }
        rows.forEach(reads::parent);
        skip = r.path("$skipToken").isTextual() && !r.path("$skipToken").asText().isEmpty()
            ? r.path("$skipToken").asText() : null;
        if (skip == null) {
          if ("true".equalsIgnoreCase(r.path("resultTruncated").asText())) {
            problem(null, "Resource Graph truncated the result without a skip token; some resources may be missing");
          }
          break;
        }
      }
    } catch (ArmError e) {
      stats.resources.addAndGet(-got.size());
      boolean scopeRefused = e.status == 400 || e.status == 403 || e.status == 404;
      if (scopeRefused && batch.size() > 1) {
        for (String one : batch) {
          queryScope(field, List.of(one), query, byId, reads);
        }
        return;
      }
      if (scopeRefused) {
        String what = field.equals("subscriptions") ? "/subscriptions/" + batch.get(0)
            : "/providers/Microsoft.Management/managementGroups/" + batch.get(0);
        problem(what, (field.equals("subscriptions") ? "subscription " : "management group ") + batch.get(0)
            + " was not scanned: " + e.oneLine() + "; its resources are missing from the estate (Reader on it is enough)");
        return;
      }
      throw new ScanException("Resource Graph query failed: " + e.oneLine());
    }
    byId.putAll(got);
  }

  /**
   * The ARM GETs of {@link Inventory#CHILD_READS}, at most {@code concurrency} at a time, started as soon as
   * a Resource Graph page names their parents, and again for what they return that has reads of its own (a
   * perimeter profile's access rules). A parent is read once even if a split batch returns it twice.
   * Failed reads are collected here and written onto their parents at the end ({@link #UNREAD_FIELD}), so no
   * resource JSON is changed while other threads read it.
   */
  private final class Reads implements AutoCloseable {
    private final ExecutorService pool;
    private final Set<String> submitted = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Future<?>> futures = new ConcurrentLinkedQueue<>();
    /** Children read, by lower-case id. */
    final Map<String, ObjectNode> children = new ConcurrentHashMap<>();
    /** Failed reads by lower-case parent id: {"read", "error"} entries. */
    final Map<String, List<ObjectNode>> unread = new ConcurrentHashMap<>();

    Reads(int concurrency) {
      pool = Executors.newFixedThreadPool(concurrency, r -> {
        Thread t = new Thread(r, "allowpath-scan");
        t.setDaemon(true);
        return t;
      });
    }

    /** Starts the reads {@code p} needs (none for most types). */
    void parent(ObjectNode p) {
      String type = p.path("type").asText().toLowerCase(Locale.ROOT);
      String id = p.path("id").asText();
      List<Inventory.ChildRead> pending = new ArrayList<>(2);
      for (Inventory.ChildRead cr : Inventory.CHILD_READS) {
        if (cr.parentType().equals(type) && wanted(p, cr) && submitted.add(id.toLowerCase(Locale.ROOT) + "|" + cr.suffix())) {
          pending.add(cr);
        }
      }
      for (Inventory.ChildRead cr : pending) {
        stats.getsTotal.incrementAndGet();
        futures.add(pool.submit(() -> {
          for (ObjectNode n : read(id, cr, this)) {
            children.put(n.path("id").asText().toLowerCase(Locale.ROOT), n);
            parent(n);
          }
          return null;
        }));
      }
    }

    void failed(String parentId, Inventory.ChildRead cr, ArmError e) {
      ObjectNode entry = ArmHttp.MAPPER.createObjectNode();
      entry.put("read", cr.suffix());
      entry.put("error", e.oneLine());
      unread.computeIfAbsent(parentId.toLowerCase(Locale.ROOT), k -> Collections.synchronizedList(new ArrayList<>()))
          .add(entry);
    }

    /** Waits for every read, including those started by reads that finish meanwhile. */
    void drain() {
      try {
        for (Future<?> f = futures.poll(); f != null; f = futures.poll()) {
          try {
            f.get();
          } catch (ExecutionException e) {
            if (e.getCause() instanceof ScanException se) {
              throw se;
            }
            throw new IllegalStateException(e.getCause());
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ScanException("interrupted");
      }
    }

    @Override
    public void close() {
      pool.shutdownNow();
    }
  }

  /** Outbound rules exist only with a managed network: skip the GET when isolation is explicitly Disabled. */
  private static boolean wanted(ObjectNode parent, Inventory.ChildRead cr) {
    if (cr.suffix().equals("outboundRules")) {
      String mode = parent.path("properties").path("managedNetwork").path("isolationMode").asText("");
      return !mode.equalsIgnoreCase("Disabled");
    }
    return true;
  }

  private List<ObjectNode> read(String parentId, Inventory.ChildRead cr, Reads reads) {
    List<ObjectNode> out = new ArrayList<>();
    try {
      String next = parentId + "/" + cr.suffix() + "?api-version=" + cr.apiVersion();
      for (int i = 0; next != null && i < MAX_LINKS; i++) {
        JsonNode r = http.get(next);
        if (!cr.list()) {
          if (!r.isObject() || !r.path("id").isTextual()) {
            throw new ArmError(200, "MalformedResponse", "expected one ARM resource with an \"id\"");
          }
          out.add((ObjectNode) r);
          break;
        }
        if (!r.path("value").isArray()) {
          throw new ArmError(200, "MalformedResponse", "expected {\"value\": [...]}");
        }
        for (JsonNode v : r.path("value")) {
          if (v.isObject() && v.path("id").isTextual()) {
            out.add((ObjectNode) v);
          }
        }
        next = r.path("nextLink").isTextual() && !r.path("nextLink").asText().isEmpty() ? r.path("nextLink").asText() : null;
      }
      stats.resources.addAndGet(out.size());
    } catch (ArmError e) {
      if (!cr.list() && e.status == 404 && cr.absentIsDefault()) {
        // never set: Azure's default, as a GET of an existing parent answers it (a SQL server's connection policy)
        out.clear();
        out.add(absentDefault(parentId, cr));
        stats.resources.incrementAndGet();
        return out;
      }
      // A singleton child that answers 404 is absent, as in an export without it: its absence already makes the
      // answers UNKNOWN (APP_SERVICE_CONFIG_NOT_EXPORTED, NETWORK_RULE_SET_NOT_EXPORTED). Anything else is a read
      // that failed, recorded on the parent so that what depends on it is UNKNOWN, not read as empty.
      boolean absent = !cr.list() && e.status == 404;
      if (!absent) {
        reads.failed(parentId, cr, e);
      }
      problem(new Problem(parentId, "could not read " + cr.suffix() + " (" + e.oneLine() + "); " + cr.ifMissing(),
          !absent));
      out.clear();
    } finally {
      stats.getsDone.incrementAndGet();
    }
    return out;
  }

  /**
   * The child a singleton read answering 404 stands for ({@link Inventory.ChildRead#absentIsDefault}): the ARM shape
   * of its GET, with the documented default properties.
   */
  static ObjectNode absentDefault(String parentId, Inventory.ChildRead cr) {
    ObjectNode n = ArmHttp.MAPPER.createObjectNode();
    n.put("id", parentId + "/" + cr.suffix());
    n.put("name", cr.suffix().substring(cr.suffix().lastIndexOf('/') + 1));
    n.put("type", cr.absentType());
    try {
      n.set("properties", ArmHttp.MAPPER.readTree(cr.absentProperties()));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Inventory default for " + cr.suffix() + " is not JSON", e);
    }
    return n;
  }

  static <T> List<List<T>> chunks(List<T> all, int size) {
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += size) {
      out.add(all.subList(i, Math.min(all.size(), i + size)));
    }
    return out;
  }
}
