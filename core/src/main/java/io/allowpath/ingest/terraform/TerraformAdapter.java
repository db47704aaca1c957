package io.allowpath.ingest.terraform;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.ingest.InputException;
import io.allowpath.ingest.JsonFiles;
import io.allowpath.ingest.RawResource;
import io.allowpath.ingest.Unknown;
import io.allowpath.ingest.terraform.TfDocument.Instance;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.ResourceId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.LinkedHashSet;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Terraform input: {@code terraform show -json} of a plan (JSON format 1.x: {@code planned_values},
 * {@code prior_state}, {@code resource_changes[].change.after_unknown}, {@code configuration}) or of a
 * state ({@code values.root_module} with {@code child_modules})
 * (https://developer.hashicorp.com/terraform/internals/json-format).
 *
 * <p>Modelling decision: each azurerm / azapi resource becomes the ARM resource JSON it stands for
 * ({@link TfMappings}: id, type, name, location and properties as the ARM REST API spells them), so the
 * ARM readers, their diagnostics and every later per-service reader apply unchanged, and a plan merges
 * with an ARM export of the same resources by id. Each resource's source location is the plan file and
 * its Terraform address ({@code module.net.azurerm_subnet.a}), which diagnostics, SARIF and the report
 * print. Values known only after apply stay unknown ({@link Unknown}) unless a reference resolves them
 * ({@link TfResolver}); a public IP's address becomes symbolic (the IP is reported by id). Types without
 * a mapping are counted in one INFO diagnostic and skipped; data sources only serve references.
 *
 * <p>ARM ids: the resource's {@code id} when known, else composed from its name, resource group and the
 * subscription — taken from any id in the document (prior state, data sources such as
 * {@code azurerm_client_config}), else the placeholder {@value #NO_SUBSCRIPTION} (said in an INFO).
 */
public final class TerraformAdapter {
  /** Which side of a plan to read. A state has one side (both read it). */
  public enum View {
    /** {@code prior_state} of a plan (empty when it has none); a state's values. */
    PRIOR,
    /** {@code planned_values} of a plan; a state's values. */
    PLANNED
  }

  /**
   * A field of the ARM JSON written for a resource that Terraform association or rules resources also set:
   * Terraform type → the address of that resource ({@code azurerm_subnet_nat_gateway_association} →
   * {@code azurerm_subnet_nat_gateway_association.a}), and for a named one also type/lowercase name → its address
   * ({@code azurerm_firewall_network_rule_collection/egress}: a firewall has several). The ARM readers do not read it.
   */
  public static final String JOINS = "terraformJoins";

  /**
   * A field of the ARM JSON written for a resource whose Terraform values show the provider's schema generation where
   * the argument names differ (an {@code azurerm_subnet} with {@code service_endpoint} blocks and no
   * {@code service_endpoints} list: azurerm 5.x), so that an EDIT of it uses the user's names: the value is the major
   * version ({@code "5"}). In {@link #addresses} under the key {@value #SCHEMA_KEY}. The ARM readers do not read it.
   */
  public static final String SCHEMA = "terraformSchema";

  /** The key of {@link #SCHEMA} in the maps {@link #addresses} returns (never a Terraform address). */
  public static final String SCHEMA_KEY = "@schema";

  /**
   * The Terraform addresses behind the resources read from Terraform documents, by ARM id: {@code ""} →
   * the declaring resource's address (the resource's source pointer), and each joining resource by type
   * ({@link #JOINS}); also {@value #SCHEMA_KEY} → the provider schema generation when it shows ({@link #SCHEMA}).
   * Resources from other inputs are left out.
   */
  public static Map<ResourceId, Map<String, String>> addresses(java.util.Collection<RawResource> raw) {
    Map<ResourceId, Map<String, String>> out = new LinkedHashMap<>();
    for (RawResource r : raw) {
      JsonNode id = r.json().get("id");
      if (id == null || !id.isTextual() || id.asText().isBlank() || r.pointer() == null
          || !TERRAFORM_ADDRESS.matcher(r.pointer()).matches()) {
        continue; // a resource without an id (one the reader then reports) has no fix to refer to it
      }
      Map<String, String> m = new LinkedHashMap<>();
      m.put("", r.pointer());
      JsonNode joins = r.json().get(JOINS);
      if (joins != null && joins.isObject()) {
        joins.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
      }
      JsonNode schema = r.json().get(SCHEMA);
      if (schema != null && schema.isTextual()) {
        m.put(SCHEMA_KEY, schema.asText());
      }
      out.put(ResourceId.of(id.asText()), m);
    }
    return out;
  }

  /** True when an estate's source pointer is a Terraform resource address (the resource was read from Terraform). */
  public static boolean isAddress(String pointer) {
    return pointer != null && !pointer.startsWith("/") && TERRAFORM_ADDRESS.matcher(pointer).matches();
  }

  /** A resource address: module path, then a managed resource's type.name with an optional index. */
  private static final Pattern TERRAFORM_ADDRESS =
      Pattern.compile("(module\\.[A-Za-z0-9_-]+(\\[[^\\]]*\\])?\\.)*[a-z][a-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_-]*(\\[[^\\]]*\\])?");

  /** The subscription segment of composed ids when the document holds no subscription id. */
  public static final String NO_SUBSCRIPTION = "unknown-subscription";

  private TerraformAdapter() {}

  /** {@link Run#namesType} for tests. */
  static boolean namesTypeForTest(String property, String id) {
    return Run.namesType(property, com.fasterxml.jackson.databind.node.TextNode.valueOf(id));
  }

  /** True for the JSON of {@code terraform show -json} (plan or state). */
  public static boolean isTerraform(JsonNode root) {
    return root != null && root.isObject() && root.has("format_version")
        && (root.has("planned_values") || root.has("values") || root.has("prior_state") || root.has("resource_changes"));
  }

  /** True for a plan (it has a before and an after), false for a state. */
  public static boolean isPlan(JsonNode root) {
    return isTerraform(root) && (root.has("planned_values") || root.has("resource_changes"));
  }

  /**
   * Parses a Terraform plan file once for both of its sides ({@code allowpath diff --plan}: read each with
   * {@link #read(String, JsonNode, View, List)}); a file that is not {@code terraform show -json} of a plan is an
   * input error.
   */
  public static JsonNode parsePlan(Path file) {
    JsonNode root = JsonFiles.read(file, "the plan", TerraformAdapter::readTree);
    if (!isPlan(root)) {
      throw new InputException(file.toString(), "/", "expected the JSON of a Terraform plan (terraform show -json "
          + "PLANFILE: \"format_version\", \"planned_values\", \"resource_changes\")");
    }
    return root;
  }

  /** Reads one side of a Terraform plan file (both: {@link #parsePlan} once, then {@link #read} for each side). */
  public static List<RawResource> readPlan(Path file, View view, List<Diagnostic> diagnostics) {
    return read(file.toString(), parsePlan(file), view, diagnostics);
  }

  /**
   * Reads a JSON document from a parser as {@link ObjectMapper#readTree(JsonParser)} does, except that a
   * Terraform plan or state (first field {@code format_version}) is read without the parts the adapter does not
   * use on either side ({@link TfJson}).
   */
  public static JsonNode readTree(ObjectMapper mapper, JsonParser parser) throws IOException {
    return TfJson.readTree(mapper, parser);
  }

  /**
   * As {@link #readTree(ObjectMapper, JsonParser)} for a reader of the planned side only ({@link View#PLANNED}, what
   * {@code check} and {@code plan} evaluate): a plan's prior state keeps of its managed resources' values only the
   * id fields (the subscription); its data sources are read whole.
   * For {@link JsonFiles#parse(String, byte[], JsonFiles.TreeReader)}.
   */
  public static JsonNode readPlannedTree(ObjectMapper mapper, JsonParser parser) throws IOException {
    return TfJson.readTree(mapper, parser, true);
  }

  /** The ARM resources one side of a Terraform document stands for; problems are added to {@code diagnostics}. */
  public static List<RawResource> read(String file, JsonNode root, View view, List<Diagnostic> diagnostics) {
    String fv = root.path("format_version").asText("");
    if (!fv.startsWith("1.") && !fv.equals("1")) {
      throw new InputException(file, "/format_version", "unsupported Terraform JSON format_version \"" + fv
          + "\"; expected 1.x (terraform show -json of Terraform 0.12 or later)");
    }
    TfDocument doc = new TfDocument(file, root, view);
    if (doc.plan && view == View.PLANNED) {
      incomplete(file, root, diagnostics);
      refreshOnly(file, root, doc, diagnostics);
    }
    return new Run(doc, diagnostics).run();
  }

  /**
   * A plan whose planned side misses resources says so (json-format "errored", "complete"; Terraform's
   * plans.Plan: an errored plan's changes are "incomplete because the planning operation failed"; a plan is complete
   * only without -target and without deferred actions, and planned_values holds only the resources with a planned
   * action): the pairs through the missing resources would otherwise be answered as if they did not exist.
   */
  private static void incomplete(String file, JsonNode root, List<Diagnostic> diagnostics) {
    if (root.path("errored").asBoolean(false)) {
      diagnostics.add(Diagnostic.warning(null, "the plan errored (\"errored\": true): Terraform recorded only what it "
          + "had planned before the error, so resources and values are missing from its planned side; fix the error and "
          + "plan again").at(file, "/errored"));
      return;
    }
    JsonNode complete = root.get("complete");
    if (complete != null && complete.isBoolean() && !complete.booleanValue()) {
      int deferred = root.path("deferred_changes").size();
      diagnostics.add(Diagnostic.warning(null, "the plan is incomplete (\"complete\": false: "
          + (deferred > 0 ? "Terraform deferred " + deferred + " resource change(s)" : "planned with -target")
          + "): its planned side holds only the resources with a planned action, so the others are missing here; "
          + (deferred > 0 ? "apply this plan, then plan again" : "plan again without -target")).at(file, "/complete"));
    }
  }

  /**
   * A plan whose planned side is empty while its prior state holds managed resources, with no change recorded at all,
   * is a {@code -refresh-only} plan (Terraform's jsonplan: planned values are built from the recorded changes, and a
   * refresh-only plan records none; a plan that destroys everything records the deletions): its planned side is not
   * the estate.
   */
  private static void refreshOnly(String file, JsonNode root, TfDocument doc, List<Diagnostic> diagnostics) {
    if (root.path("resource_changes").size() > 0 || doc.instances.stream().anyMatch(Instance::managed)) {
      return;
    }
    if (managedCount(root.path("prior_state").path("values").path("root_module")) > 0) {
      diagnostics.add(Diagnostic.warning(null, "the plan records no change and its planned side holds no resource while "
          + "its prior state does (a -refresh-only plan): give the state (terraform show -json) or a plan made without "
          + "-refresh-only").at(file, "/planned_values"));
    }
  }

  private static int managedCount(JsonNode module) {
    int n = 0;
    for (JsonNode r : module.path("resources")) {
      n += "managed".equals(r.path("mode").asText("managed")) ? 1 : 0;
    }
    for (JsonNode c : module.path("child_modules")) {
      n += managedCount(c);
    }
    return n;
  }

  private static final Pattern SUBSCRIPTION = Pattern.compile("(?i)^/subscriptions/([^/]+)");

  /** One translation: ARM JSON by id (case-insensitive), with the address that wrote it first. */
  private static final class Run implements TfMappings.Ctx {
    private final TfDocument doc;
    private final List<Diagnostic> diagnostics;
    private final String subscription;
    private final TfResolver resolver;
    /** ARM JSON by lower-case id, each with the address that declares it (the resource's source). */
    private final Map<String, Written> byId;

    /** One ARM resource written: its JSON and the Terraform address that declares it. */
    private static final class Written {
      final ObjectNode json;
      String source;

      Written(ObjectNode json, String source) {
        this.json = json;
        this.source = source;
      }
    }

    Run(TfDocument doc, List<Diagnostic> diagnostics) {
      this.doc = doc;
      this.diagnostics = diagnostics;
      this.subscription = subscription(doc);
      this.resolver = new TfResolver(doc, this::composeId);
      int n = Math.max(16, doc.instances.size() * 2);
      this.byId = new LinkedHashMap<>(n);
    }

    private static String subscription(TfDocument doc) {
      JsonNode configured = doc.root.path("configuration").path("provider_config").path("azurerm").path("expressions")
          .path("subscription_id").path("constant_value");
      if (configured.isTextual() && !configured.asText().isBlank()) {
        return configured.asText(); // the provider block names it: no need to look at the resources
      }
      Map<String, Integer> counts = new TreeMap<>();
      for (String id : doc.knownIds()) {
        Matcher m = SUBSCRIPTION.matcher(id);
        if (m.find()) {
          counts.merge(m.group(1), 1, Integer::sum);
        }
      }
      return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    @Override
    public String subscription() {
      return subscription == null ? NO_SUBSCRIPTION : subscription;
    }

    private String composeId(Instance i) {
      TfView v = new TfView(i, List.of(), resolver);
      if (i.type.equals("azapi_resource")) {
        return azapiId(v);
      }
      if (i.type.equals("azurerm_resource_group")) {
        // not modelled, but referenced as the parent of azapi resources (parent_id = azurerm_resource_group.x.id)
        return v.s("name") == null ? null : "/subscriptions/" + subscription() + "/resourceGroups/" + v.s("name");
      }
      TfMappings.Mapping m = TfMappings.ALL.get(i.type);
      return m == null || m.join() ? null : m.id().id(v, this);
    }

    List<RawResource> run() {
      List<Instance> primary = new ArrayList<>();
      List<Instance> joins = new ArrayList<>();
      Map<String, Integer> skipped = new TreeMap<>();
      for (Instance i : doc.instances) {
        if (!i.managed()) {
          continue;
        }
        TfMappings.Mapping m = TfMappings.ALL.get(i.type);
        if (i.type.equals("azapi_resource")) {
          primary.add(i);
        } else if (i.type.equals("azapi_update_resource")) {
          joins.add(i);
        } else if (m == null) {
          skipped.merge(i.type, 1, Integer::sum);
        } else {
          (m.join() ? joins : primary).add(i);
        }
      }
      // parents before children (a compute takes its workspace's location); stable, so document order otherwise
      primary = byDepth(primary);
      for (Instance i : primary) {
        String id = resolver.id(i);
        if (id == null) {
          diagnostics.add(Diagnostic.warning(null, "cannot name " + i.type + " in ARM terms: the id of its parent "
              + "is not in the plan; resource skipped").at(doc.file, i.address));
          continue;
        }
        TfView v = new TfView(i, List.of(), resolver);
        if (i.type.equals("azapi_resource")) {
          azapi(v, id, false);
        } else {
          TfMappings.ALL.get(i.type).map().map(v, id, this);
        }
      }
      for (Instance i : joins) {
        TfView v = new TfView(i, List.of(), resolver);
        if (i.type.equals("azapi_update_resource")) {
          String id = TfMappings.idText(v, "resource_id");
          if (id == null) {
            id = azapiId(v);
          }
          if (id == null) {
            diagnostics.add(Diagnostic.warning(null, "azapi_update_resource: resource_id is known only after apply; "
                + "update skipped").at(doc.file, i.address));
          } else {
            azapi(v, id, true);
          }
          continue;
        }
        TfMappings.Mapping m = TfMappings.ALL.get(i.type);
        String id = m.id().id(v, this);
        if (id == null) {
          diagnostics.add(Diagnostic.warning(null, i.type + ": the resource it changes is known only after apply "
              + "and no reference in the configuration names it; skipped").at(doc.file, i.address));
          continue;
        }
        m.map().map(v, id, this);
      }
      if (!skipped.isEmpty()) {
        int n = skipped.values().stream().mapToInt(Integer::intValue).sum();
        List<String> parts = new ArrayList<>();
        skipped.forEach((t, c) -> parts.add(t + " (" + c + ")"));
        diagnostics.add(Diagnostic.info(null, "skipped " + n + " Terraform resource(s) of types allowpath does not map: "
            + String.join(", ", parts)).at(doc.file, ""));
      }
      if (doc.deposed > 0) {
        diagnostics.add(Diagnostic.info(null, "skipped " + doc.deposed + " deposed object(s): Terraform keeps a replaced "
            + "object (deposed_key) until it destroys it; the current object at the same address is read").at(doc.file, ""));
      }
      if (subscription == null && !byId.isEmpty()) {
        diagnostics.add(Diagnostic.info(null, "the Terraform document holds no subscription id; composed resource ids "
            + "use \"" + NO_SUBSCRIPTION + "\"").at(doc.file, ""));
      }
      List<RawResource> out = new ArrayList<>(byId.size());
      for (Written w : byId.values()) {
        out.add(new RawResource(w.json, doc.file, w.source));
      }
      return out;
    }

    /**
     * The instances ordered by the depth of their ARM type (slashes), stably: one bucket per depth, the
     * depth looked up once per instance rather than once per comparison.
     */
    private static List<Instance> byDepth(List<Instance> in) {
      TreeMap<Integer, List<Instance>> buckets = new TreeMap<>();
      Map<String, Integer> depths = new HashMap<>();
      for (Instance i : in) {
        buckets.computeIfAbsent(depths.computeIfAbsent(i.type, t -> depth(i)), d -> new ArrayList<>()).add(i);
      }
      List<Instance> out = new ArrayList<>(in.size());
      buckets.values().forEach(out::addAll);
      return out;
    }

    private static int depth(Instance i) {
      TfMappings.Mapping m = TfMappings.ALL.get(i.type);
      String t = m == null ? "" : m.armType();
      return t.length() - t.replace("/", "").length();
    }

    @Override
    public ObjectNode resource(String id, String armType, TfView source) {
      String key = id.toLowerCase(Locale.ROOT);
      Written w = byId.get(key);
      Instance in = source.instance;
      boolean joining = in.type.startsWith("azapi_update") || TfMappings.joins(in.type);
      ObjectNode r;
      if (w == null) {
        r = TfView.obj();
        r.put("id", id);
        r.put("type", armType);
        r.put("name", id.substring(id.lastIndexOf('/') + 1));
        byId.put(key, new Written(r, in.address));
      } else {
        r = w.json;
        if (!joining && TfMappings.ALL.containsKey(in.type)) {
          w.source = in.address; // the declaring resource, not an association, is the source
        }
      }
      if (joining) {
        // which association / rules resource of the configuration also sets this resource (plan --emit terraform
        // edits that one rather than adding a second resource that would fight it)
        JsonNode j = r.get(JOINS);
        ObjectNode joins = j instanceof ObjectNode o ? o : r.putObject(JOINS);
        joins.put(in.type, in.address);
        String name = source.s("name");
        if (name != null) {
          // one firewall has several collection resources of one type: each also by its name
          joins.put(in.type + "/" + name.toLowerCase(Locale.ROOT), in.address);
        }
      }
      return r;
    }

    @Override
    public void info(TfView source, String message) {
      diagnostics.add(Diagnostic.info(null, message).at(doc.file, source.instance.address));
    }

    @Override
    public String locationOf(String id) {
      if (id == null) {
        return null;
      }
      Written w = byId.get(id.toLowerCase(Locale.ROOT));
      return w != null && w.json.path("location").isTextual() ? w.json.get("location").asText() : null;
    }

    // ---------------------------------------------------------------- azapi

    /**
     * azapi_resource / azapi_update_resource: {@code type} is {@code <ARM type>@<api version>}; the id
     * is {@code parent_id} + the type's last segment + name for a child type, else {@code parent_id} +
     * {@code /providers/<type>/<name>} (https://registry.terraform.io/providers/Azure/azapi/latest/docs/resources/resource).
     */
    private String azapiId(TfView v) {
      String type = armType(v);
      String parent = TfMappings.idText(v, "parent_id");
      String name = v.s("name");
      if (type == null || parent == null || name == null) {
        return null;
      }
      String[] segs = type.split("/");
      if (segs.length > 2) {
        return parent + "/" + segs[segs.length - 1] + "/" + name;
      }
      return parent + "/providers/" + type + "/" + name;
    }

    private static String armType(TfView v) {
      String t = v.s("type");
      return t == null ? null : t.contains("@") ? t.substring(0, t.indexOf('@')) : t;
    }

    private void azapi(TfView v, String id, boolean update) {
      String type = armType(v);
      if (type == null) {
        diagnostics.add(Diagnostic.warning(null, v.instance.type + " without a known type; skipped")
            .at(doc.file, v.instance.address));
        return;
      }
      ObjectNode r = resource(id, type, v);
      if (!update) {
        TfMappings.putLocation(r, v);
      }
      JsonNode body = v.n("body");
      if (body != null && body.isTextual()) {
        try {
          body = new ObjectMapper().readTree(body.asText()); // azapi 1.x: body is a JSON string
        } catch (JsonProcessingException e) {
          diagnostics.add(Diagnostic.warning(null, "azapi body is not JSON: " + e.getOriginalMessage())
              .at(doc.file, v.instance.address));
          return;
        }
      }
      if (body instanceof ObjectNode o) {
        merge(r, resolveBody(v, o));
      } else if (Unknown.is(body)) {
        diagnostics.add(Diagnostic.info(null, "azapi body is known only after apply; only the resource's id and type "
            + "are read").at(doc.file, v.instance.address));
      }
    }

    /** The body with parts known only after apply resolved ({@code X.id} when exactly one such reference) or unknown. */
    /**
     * The body with parts known only after apply resolved or unknown. An unknown {@code id} takes the one id the
     * body's expression names ({@code X.id}) only when it is the body's only unknown id and nothing else in the
     * expression could be an id ({@code local.*}, module outputs, module variables, {@code each.value}); otherwise
     * every unknown part stays unknown.
     */
    private ObjectNode resolveBody(TfView v, ObjectNode body) {
      ObjectNode copy = body.deepCopy();
      JsonNode unknown = v.instance.unknown == null ? null : v.instance.unknown.get("body");
      if (unknown != null && unknown.isObject()) {
        JsonNode refs = resolver.configExpr(v.instance, List.of("body")).path("references");
        // count.index / each.key pick an instance: the body's one id reference is then not one value
        boolean opaque = false;
        for (JsonNode ref : refs) {
          opaque |= ref.asText().equals("count.index") || ref.asText().equals("each.key");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (TfResolver.Ref r : resolver.valueChains(refs)) {
          String t = r == null ? null : r.text();
          if (t != null && t.endsWith(".id")) {
            ids.add(t);
          } else if (t == null || !(t.startsWith("var.") && v.instance.module.isEmpty())) {
            // anything else may be an id or pick one (local.*, a module output, a template): only root variables are
            // values the plan already shows
            opaque = true;
          }
        }
        String only = ids.size() == 1 && !opaque && unknownIds(unknown) == 1 ? ids.iterator().next() : null;
        fill(copy, unknown, v, only, null);
      }
      return copy;
    }

    /** How many {@code id} leaves of a body's after_unknown are unknown. */
    private static int unknownIds(JsonNode unknown) {
      int n = 0;
      for (var e : unknown.properties()) {
        if (e.getValue().asBoolean(false)) {
          n += e.getKey().equals("id") ? 1 : 0;
        } else if (e.getValue().isContainerNode()) {
          n += e.getValue().isObject() ? unknownIds(e.getValue()) : 0;
        }
      }
      return n;
    }

    /** Fills a body's unknown leaves ({@code property}: the object the leaf is in, whose name the id's type must match). */
    private void fill(JsonNode target, JsonNode unknown, TfView v, String onlyIdRef, String property) {
      if (!(target instanceof ObjectNode o) || !unknown.isObject()) {
        return;
      }
      for (var e : unknown.properties()) {
        if (e.getValue().asBoolean(false)) {
          JsonNode resolved = null;
          if (e.getKey().equals("id") && onlyIdRef != null) {
            resolved = resolver.resolveOne(v.instance, onlyIdRef, true);
            if (resolved != null && !namesType(property, resolved)) {
              resolved = null; // routeTable.id is a route table's id, not whatever the one reference names
            }
          }
          o.set(e.getKey(), resolved != null && !Unknown.is(resolved) ? resolved : Unknown.of("terraform: "
              + v.instance.address + ".body (" + e.getKey() + " known after apply)"));
        } else if (e.getValue().isObject()) {
          JsonNode child = o.get(e.getKey());
          if (child == null) {
            child = o.putObject(e.getKey());
          }
          fill(child, e.getValue(), v, onlyIdRef, e.getKey());
        }
      }
    }

    /**
     * True when an id's type fits the ARM property holding it: {@code routeTable} → routeTables, {@code natGateway} →
     * natGateways, {@code publicIPAddress} → publicIPAddresses, {@code remoteVirtualNetwork} → virtualNetworks.
     */
    static boolean namesType(String property, JsonNode id) {
      ResourceId rid = property == null || !id.isTextual() ? null : ResourceId.of(id.asText());
      String type = rid == null ? null : rid.type();
      if (type == null) {
        return false;
      }
      String t = type.substring(type.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
      String p = property.toLowerCase(Locale.ROOT);
      return (p + "s").endsWith(t) || (p + "es").endsWith(t);
    }

    private static void merge(ObjectNode into, ObjectNode from) {
      for (var e : from.properties()) {
        JsonNode cur = into.get(e.getKey());
        if (cur instanceof ObjectNode co && e.getValue() instanceof ObjectNode fo) {
          merge(co, fo);
        } else if (!e.getValue().isNull()) {
          into.set(e.getKey(), e.getValue());
        }
      }
    }
  }
}
