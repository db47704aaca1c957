package io.allowpath.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.analysis.audit.AuditRule;
import io.allowpath.analysis.audit.Finding;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Renders audit findings as SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/) in the form
 * GitHub code scanning and Azure DevOps accept: one run, the tool driver with the whole rule catalogue,
 * and per result the rule id and index, level, message, the input file (relative to {@code root}, with
 * uriBaseId {@code %SRCROOT%}) and the region where the resource starts, the ARM id as a logical
 * location, and a partial fingerprint that stays the same while the rule and resource do.
 */
public final class SarifReport {
  public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  public static final String SRCROOT = "%SRCROOT%";
  /** The project page shown by SARIF viewers as the tool's home. */
  public static final String INFORMATION_URI = "https://github.com/allowpath/allowpath";
  public static final String FINGERPRINT = "allowpathFinding/v1";

  private SarifReport() {}

  /** A SARIF document for the findings; paths are made relative to {@code root} (the working directory). */
  public static String sarif(List<Finding> findings, String version, Path root) {
    Path base = root.toAbsolutePath().normalize();
    ObjectNode doc = Json.object();
    doc.put("$schema", SCHEMA);
    doc.put("version", "2.1.0");
    ObjectNode run = doc.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "allowpath");
    driver.put("informationUri", INFORMATION_URI);
    driver.put("semanticVersion", version);
    driver.put("version", version);
    ArrayNode rules = driver.putArray("rules");
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    for (AuditRule r : AuditRule.values()) {
      ruleIndex.put(r.id(), ruleIndex.size());
      rules.add(rule(r));
    }
    String rootUri = base.toUri().toString();
    run.putObject("originalUriBaseIds").putObject(SRCROOT).put("uri", rootUri.endsWith("/") ? rootUri : rootUri + "/");

    // artifacts: every input file a finding points at, in sorted order
    Map<String, String> uris = new TreeMap<>();
    Map<String, Set<String>> pointers = new LinkedHashMap<>();
    for (Finding f : findings) {
      if (f.file() != null) {
        uris.computeIfAbsent(f.file(), k -> relativeUri(base, k));
        if (f.pointer() != null) {
          pointers.computeIfAbsent(f.file(), k -> new HashSet<>()).add(f.pointer());
        }
      }
    }
    List<String> artifactOrder = new ArrayList<>(new java.util.TreeSet<>(uris.values()));
    Map<String, Map<String, JsonLocations.Position>> positions = new LinkedHashMap<>();
    pointers.forEach((file, ps) -> positions.put(file, JsonLocations.locate(Path.of(file), ps)));
    Map<String, String> fileOf = new LinkedHashMap<>();
    uris.forEach((file, uri) -> fileOf.putIfAbsent(uri, file));
    ArrayNode artifacts = run.putArray("artifacts");
    for (String uri : artifactOrder) {
      ObjectNode art = artifacts.addObject();
      ObjectNode loc = art.putObject("location");
      loc.put("uri", uri);
      if (!isAbsolute(uri)) {
        loc.put("uriBaseId", SRCROOT);
      }
      art.put("mimeType", "application/json");
      art.putArray("roles").add("analysisTarget");
      try {
        byte[] content = java.nio.file.Files.readAllBytes(Path.of(fileOf.get(uri)));
        art.put("length", content.length);
        art.putObject("hashes").put("sha-256",
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
      } catch (java.io.IOException | NoSuchAlgorithmException e) {
        // length and hash are optional: leave them out when the file cannot be read again
      }
    }

    ArrayNode results = run.putArray("results");
    for (Finding f : findings) {
      ObjectNode res = results.addObject();
      res.put("ruleId", f.ruleId());
      res.put("ruleIndex", ruleIndex.get(f.ruleId()));
      res.put("level", f.severity().sarif());
      res.putObject("message").put("text", sentence(f.message()));
      ObjectNode location = res.putArray("locations").addObject();
      if (f.file() != null) {
        String uri = uris.get(f.file());
        ObjectNode phys = location.putObject("physicalLocation");
        ObjectNode art = phys.putObject("artifactLocation");
        art.put("uri", uri);
        if (!isAbsolute(uri)) {
          art.put("uriBaseId", SRCROOT);
        }
        art.put("index", artifactOrder.indexOf(uri));
        JsonLocations.Position pos = f.pointer() == null ? null
            : positions.getOrDefault(f.file(), Map.of()).get(f.pointer());
        if (pos != null) {
          phys.putObject("region").put("startLine", pos.line()).put("startColumn", pos.column());
        }
      }
      ArrayNode logical = location.putArray("logicalLocations");
      logical.addObject()
          .put("fullyQualifiedName", f.resource().value())
          .put("name", f.resource().name())
          .put("kind", "resource");
      if (f.pointer() != null && !f.pointer().isEmpty() && !f.pointer().startsWith("/")) {
        // Terraform input: the source is the resource's address (module.net.azurerm_subnet.a), not a JSON pointer
        logical.addObject().put("fullyQualifiedName", f.pointer()).put("kind", "declaration");
      }
      res.putObject("partialFingerprints").put(FINGERPRINT, fingerprint(f));
      res.putObject("properties").put("fix", sentence(f.fix()));
    }
    return Json.write(doc);
  }

  private static ObjectNode rule(AuditRule r) {
    ObjectNode o = Json.object();
    o.put("id", r.id());
    o.put("name", r.ruleName());
    o.putObject("shortDescription").put("text", sentence(r.shortDescription()));
    o.putObject("fullDescription").put("text", sentence(r.fullDescription()));
    String text = sentence(r.fullDescription()) + " Fix: " + sentence(r.fix()) + " Source: AZURE-EGRESS.md " + r.source() + ".";
    String markdown = "**" + r.id() + " " + r.ruleName() + "**: " + sentence(r.shortDescription()) + "\n\n"
        + sentence(r.fullDescription()) + "\n\n**Fix:** " + sentence(r.fix()) + "\n\n**Source:** AZURE-EGRESS.md "
        + r.source() + ".";
    o.putObject("help").put("text", text).put("markdown", markdown);
    o.putObject("defaultConfiguration").put("level", r.level().sarif());
    o.putObject("properties").set("tags", Json.strings(r.tags()));
    return o;
  }

  /** A stable hash of the rule id and the resource id (case-insensitive, as ARM ids are). */
  public static String fingerprint(Finding f) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] h = md.digest((f.ruleId() + "|" + f.resource().key()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Ends a text with a period, as SARIF viewers expect of messages. */
  static String sentence(String s) {
    String t = s.strip();
    return t.endsWith(".") || t.endsWith("!") || t.endsWith("?") ? t : t + ".";
  }

  private static boolean isAbsolute(String uri) {
    return uri.startsWith("file:");
  }

  /**
   * The file as a URI relative to {@code base} with forward slashes, or an absolute file URI when it is
   * not below {@code base}.
   */
  static String relativeUri(Path base, String file) {
    Path abs = Path.of(file).toAbsolutePath().normalize();
    if (!abs.startsWith(base)) {
      return abs.toUri().toString();
    }
    String rel = base.relativize(abs).toString().replace('\\', '/');
    try {
      return new URI(null, null, rel, null).toASCIIString();
    } catch (URISyntaxException e) {
      return rel;
    }
  }
}
