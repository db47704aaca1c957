package io.allowpath.ingest.load;

import io.allowpath.ingest.armtemplate.TemplateOptions;
import io.allowpath.ingest.armtemplate.TemplateAdapter;
import io.allowpath.ingest.RawResource;
import io.allowpath.ingest.TemplateSource;
import io.allowpath.ingest.InputException;
import io.allowpath.ingest.JsonFiles;
import io.allowpath.ingest.IoProblems;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.ingest.arm.ArmResourceReader;
import io.allowpath.ingest.arm.EstateAssembler;
import io.allowpath.ingest.terraform.TerraformAdapter;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.ResourceId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads {@code --estate} inputs (CONTRACT.md "Estate inputs"): files or directories (every
 * {@code *.json} below, sorted), each detected by shape — an array of ARM resources, an object with a
 * {@code data} array (az graph query) or a {@code value} array (ARM list), a single resource object,
 * or a deployment template (evaluated by a {@link TemplateSource}). Resources from all inputs are
 * merged by ARM id, case-insensitively; a later copy of the same id is deep-merged over the earlier one
 * (objects merged field by field, other values replaced), so a Resource Graph export can be completed
 * by {@code az resource show} output.
 *
 * <p>Input that cannot be read at all throws {@link InputException} with one line: the file, where in
 * it (line and column, or JSON pointer) and what was expected.
 */
public final class EstateLoader {
  private final ArmResourceReader reader;
  private final TemplateSource templates;
  /** What {@code --estate -} reads (null: standard input is not offered). */
  private InputStream stdin;

  public EstateLoader(ArmResourceReader reader, TemplateSource templates) {
    this.reader = reader;
    this.templates = templates;
  }

  public EstateLoader() {
    this(new ArmResourceReader(), new TemplateAdapter(
        TemplateOptions.defaults(), null));
  }

  /**
   * What a long load tells a progress display: the file being parsed (with its size), then the resources
   * modelled so far. Called on the loading thread; implementations only store the values.
   */
  public interface Listener {
    void parsing(String file, long bytes);

    void modelling(int done, int total);

    Listener NONE = new Listener() {
      @Override
      public void parsing(String file, long bytes) {}

      @Override
      public void modelling(int done, int total) {}
    };
  }

  private Listener listener = Listener.NONE;

  /** Reports the load's progress to {@code l}. */
  public EstateLoader withListener(Listener l) {
    this.listener = l == null ? Listener.NONE : l;
    return this;
  }

  private java.util.function.Consumer<java.util.Collection<RawResource>> merged = r -> { };

  /**
   * Shows {@code c} the raw resources of each {@link #load}, merged by id, before they are modelled (for what only
   * the raw translation holds, such as the Terraform addresses behind each resource: read once, not twice).
   */
  public EstateLoader withMerged(java.util.function.Consumer<java.util.Collection<RawResource>> c) {
    this.merged = c == null ? r -> { } : c;
    return this;
  }

  /** Lets an input named {@code -} read the estate JSON from {@code in}. */
  public EstateLoader withStdin(InputStream in) {
    this.stdin = in;
    return this;
  }

  /** The name of standard input in messages. */
  public static final String STDIN = "<stdin>";

  public Estate load(List<Path> inputs) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    Set<ResourceId> reparse = new HashSet<>();
    Map<ResourceId, RawResource> merged = merge(inputs, diagnostics, reparse);
    this.merged.accept(java.util.Collections.unmodifiableCollection(merged.values()));
    EstateAssembler asm = new EstateAssembler();
    diagnostics.forEach(asm::diagnostic);
    int done = 0;
    int total = merged.size();
    for (Map.Entry<ResourceId, RawResource> e : merged.entrySet()) {
      // the merge already parsed the id of a resource read once from its "id" string: reuse it
      reader.read(e.getValue(), reparse.contains(e.getKey()) ? null : e.getKey(), asm);
      if ((++done & 1023) == 0) {
        listener.modelling(done, total);
      }
    }
    listener.modelling(total, total);
    return asm.build();
  }

  /** Reads the inputs into raw resources merged by id (what {@code --write-estate} patches). */
  public List<RawResource> loadRaw(List<Path> inputs, List<Diagnostic> diagnostics) {
    return new ArrayList<>(merge(inputs, diagnostics, new HashSet<>()).values());
  }

  /**
   * The inputs merged by id; {@code reparse} gets the keys whose resource's id is not exactly the key
   * (merged copies, whose "id" may be spelled differently, and resources without an id string).
   */
  private Map<ResourceId, RawResource> merge(List<Path> inputs, List<Diagnostic> diagnostics, Set<ResourceId> reparse) {
    if (inputs.isEmpty()) {
      throw new InputException("no --estate given; expected at least one file or directory of ARM JSON");
    }
    Map<ResourceId, RawResource> merged = new LinkedHashMap<>();
    boolean stdinRead = false;
    for (Path in : inputs) {
      if ("-".equals(in.toString())) {
        if (stdin == null || stdinRead) {
          throw new InputException(stdinRead ? "--estate - given more than once; standard input can be read once"
              : "--estate -: standard input is not available here");
        }
        stdinRead = true;
        for (RawResource r : read(STDIN, JsonFiles.readAll(stdin, STDIN), diagnostics)) {
          mergeInto(merged, r, reparse, diagnostics);
        }
        continue;
      }
      for (Path f : files(in)) {
        for (RawResource r : readFile(f, diagnostics)) {
          mergeInto(merged, r, reparse, diagnostics);
        }
      }
    }
    return merged;
  }

  /** Models raw resources (already merged by id) as an estate. */
  public Estate build(List<RawResource> raw, List<Diagnostic> diagnostics) {
    EstateAssembler asm = new EstateAssembler();
    diagnostics.forEach(asm::diagnostic);
    for (RawResource r : raw) {
      reader.read(r, asm);
    }
    return asm.build();
  }

  private static List<Path> files(Path in) {
    if (!Files.exists(in)) {
      throw new InputException(in.toString(), null, "no such file or directory");
    }
    if (!Files.isDirectory(in)) {
      return List.of(in);
    }
    try (Stream<Path> s = Files.walk(in)) {
      List<Path> out = s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().toLowerCase().endsWith(".json"))
          .sorted().toList();
      if (out.isEmpty()) {
        throw new InputException(in.toString(), null, "directory holds no *.json file; expected ARM resource JSON");
      }
      return out;
    } catch (IOException | java.io.UncheckedIOException e) {
      IOException io = e instanceof java.io.UncheckedIOException u ? u.getCause() : (IOException) e;
      throw new InputException(in.toString(), null, "cannot list the directory: " + IoProblems.reason(io, null));
    }
  }

  /** Parses one file into raw resources, detecting its shape. */
  public List<RawResource> readFile(Path f, List<Diagnostic> diagnostics) {
    String file = f.toString();
    byte[] bytes;
    try {
      listener.parsing(file, Files.size(f));
      bytes = Files.readAllBytes(f);
    } catch (IOException e) {
      throw new InputException(file, null, "cannot read: " + IoProblems.reason(e, f));
    }
    return read(file, bytes, diagnostics);
  }

  /** Parses the bytes of one input named {@code file} into raw resources, detecting its shape. */
  public List<RawResource> read(String file, byte[] bytes, List<Diagnostic> diagnostics) {
    if (isBlank(bytes)) {
      throw new InputException(file, null, (STDIN.equals(file) ? "empty input" : "empty file") + "; expected a JSON array of ARM resources, an object with "
          + "\"data\" or \"value\", a single ARM resource or a deployment template");
    }
    // a Terraform plan is read without what its planned side never uses (TerraformAdapter.readPlannedTree)
    JsonNode root = JsonFiles.parse(file, bytes, TerraformAdapter::readPlannedTree);
    if (root == null || root.isMissingNode()) {
      throw new InputException(file, null, "no JSON value; expected ARM resource JSON");
    }
    List<RawResource> out = new ArrayList<>();
    if (root.isArray()) {
      elements(file, root, "", out);
    } else if (root.isObject()) {
      if (TemplateAdapter.isParametersFile(root)) {
        return out; // a template's parameters file: read with its template
      }
      if (root.has("$schema") && root.get("$schema").asText().toLowerCase().contains("deploymenttemplate.json")) {
        if (templates == null) {
          throw new InputException(file, null, "deployment templates are not supported by this build");
        }
        out.addAll(templates.evaluate(file, root, diagnostics));
      } else if (TerraformAdapter.isTerraform(root)) {
        // a plan is read as its planned state (what check and plan evaluate); diff reads both sides
        out.addAll(TerraformAdapter.read(file, root, TerraformAdapter.View.PLANNED, diagnostics));
      } else if (root.has("data") && root.get("data").isArray()) {
        elements(file, root.get("data"), "/data", out);
      } else if (root.has("value") && root.get("value").isArray()) {
        elements(file, root.get("value"), "/value", out);
      } else if (root.has("id")) {
        out.add(new RawResource(root, file, ""));
      } else {
        throw new InputException(file, "/", "expected a JSON array of ARM resources, an object with \"data\" or "
            + "\"value\" arrays, a single ARM resource (with \"id\") or a deployment template");
      }
    } else {
      throw new InputException(file, "/", "expected a JSON array or object, found " + describe(root));
    }
    return out;
  }

  private static void elements(String file, JsonNode arr, String base, List<RawResource> out) {
    for (int i = 0; i < arr.size(); i++) {
      JsonNode e = arr.get(i);
      if (!e.isObject()) {
        throw new InputException(file, base + "/" + i, "expected an ARM resource object, found " + describe(e));
      }
      out.add(new RawResource(e, file, base + "/" + i));
    }
  }

  private static String describe(JsonNode n) {
    if (n.isTextual()) {
      return "a string";
    }
    if (n.isNumber()) {
      return "a number";
    }
    if (n.isArray()) {
      return "an array";
    }
    if (n.isBoolean()) {
      return "a boolean";
    }
    return n.isNull() ? "null" : n.getNodeType().name().toLowerCase();
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  private static void mergeInto(Map<ResourceId, RawResource> merged, RawResource r, Set<ResourceId> reparse,
      List<Diagnostic> diagnostics) {
    JsonNode idn = r.json().get("id");
    ResourceId id = idn != null && idn.isTextual() ? ResourceId.of(idn.asText()) : null;
    if (id == null) {
      // keep it: the reader reports the missing id with its location
      ResourceId key = ResourceId.of("/__noid__/" + merged.size() + "/" + r.file() + r.pointer());
      merged.put(key, r);
      reparse.add(key);
      return;
    }
    RawResource prev = merged.get(id);
    if (prev == null) {
      merged.put(id, r);
      return;
    }
    String conflict = conflict(prev.json(), r.json(), "");
    if (conflict != null) {
      diagnostics.add(Diagnostic.warning(id, "the same resource id is in " + prev.file() + " at " + pointer(prev.pointer())
          + " and in " + r.file() + " at " + pointer(r.pointer()) + " with different values (first at " + conflict
          + "); they are merged field by field and the later one (" + r.file() + " at " + pointer(r.pointer())
          + ") wins").at(r.file(), r.pointer()));
    }
    ObjectNode copy = (ObjectNode) prev.json().deepCopy();
    deepMerge(copy, (ObjectNode) r.json());
    merged.put(id, new RawResource(copy, prev.file(), prev.pointer()));
    reparse.add(id);
  }

  private static String pointer(String p) {
    return p == null || p.isEmpty() ? "/" : p;
  }

  /**
   * The JSON pointer of the first value that both copies of a resource set differently (null: none; a
   * field only one copy has, or null in the later copy, is completion, not conflict).
   */
  static String conflict(JsonNode a, JsonNode b, String at) {
    if (a == null || b == null || a.isNull() || b.isNull()) {
      return null;
    }
    if (a.isObject() && b.isObject()) {
      for (Map.Entry<String, JsonNode> e : b.properties()) {
        String c = conflict(a.get(e.getKey()), e.getValue(), at + "/" + e.getKey().replace("~", "~0").replace("/", "~1"));
        if (c != null) {
          return c;
        }
      }
      return null;
    }
    if (a.isTextual() && b.isTextual()) {
      return a.asText().equalsIgnoreCase(b.asText()) ? null : (at.isEmpty() ? "/" : at);
    }
    return a.equals(b) ? null : (at.isEmpty() ? "/" : at);
  }

  static void deepMerge(ObjectNode into, ObjectNode from) {
    for (Map.Entry<String, JsonNode> e : from.properties()) {
      JsonNode cur = into.get(e.getKey());
      if (cur instanceof ObjectNode co && e.getValue() instanceof ObjectNode fo) {
        deepMerge(co, fo);
      } else if (!e.getValue().isNull() || cur == null) {
        into.set(e.getKey(), e.getValue());
      }
    }
  }
}
