package io.allowpath.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.analysis.audit.AuditRule;
import io.allowpath.analysis.audit.Finding;
import io.allowpath.analysis.audit.Level;
import io.allowpath.analysis.intent.Intent;
import io.allowpath.analysis.intent.IntentCheck;
import io.allowpath.analysis.intent.IntentRule;
import io.allowpath.analysis.intent.Intents;
import io.allowpath.model.Estate;
import io.allowpath.model.ResourceId;
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
  /**
   * The project's home, shown by SARIF viewers as the tool's page ({@code informationUri}); rule help links
   * ({@code helpUri}) are its docs/audit-rules.md sections ({@link #helpUri}).
   */
  public static final String INFORMATION_URI = "https://github.com/allowpath/allowpath";
  /** docs/audit-rules.md as the project's web pages show it; a rule's section is this plus its anchor. */
  public static final String RULES_DOC = INFORMATION_URI + "/blob/main/docs/audit-rules.md";
  public static final String FINGERPRINT = "allowpathFinding/v1";

  private SarifReport() {}

  /** Intent violations to add as results: the check, its intents and the estate (for locations). */
  public record IntentResults(IntentCheck check, Intents intents, Estate estate) {}

  /**
   * One SARIF result before rendering: rule, level, message, fix, the input file and JSON pointer (or
   * Terraform address) where it is located, the logical locations (ARM ids), and the fingerprint key.
   */
  private record Row(String ruleId, Level level, String message, String fix, String file, String pointer,
      List<ResourceId> resources, String fingerprint) {}

  /** A SARIF document for the findings; paths are made relative to {@code root} (the working directory). */
  public static String sarif(List<Finding> findings, String version, Path root) {
    return sarif(findings, null, version, root);
  }

  /**
   * A SARIF document for the findings and, when {@code intents} is not null, the intent violations (rules
   * AI001, AI002) and the intents that match no pair (AI003); paths relative to {@code root}.
   */
  public static String sarif(List<Finding> findings, IntentResults intents, String version, Path root) {
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
      rules.add(rule(r.id(), r.ruleName(), r.shortDescription(), r.fullDescription(), r.fix(),
          "AZURE-EGRESS.md " + r.source(), r.level(), r.tags(), securitySeverity(r)));
    }
    List<Row> rows = new ArrayList<>();
    for (Finding f : findings) {
      rows.add(new Row(f.ruleId(), f.severity(), f.message(), f.fix(), f.file(), f.pointer(), List.of(f.resource()),
          f.ruleId() + "|" + f.resource().key()));
    }
    if (intents != null) {
      for (IntentRule r : IntentRule.values()) {
        ruleIndex.put(r.id(), ruleIndex.size());
        rules.add(rule(r.id(), r.ruleName(), r.shortDescription(), r.fullDescription(), r.fix(), "docs/intents.md",
            r.level(), List.of("intent"), securitySeverity(r)));
      }
      rows.addAll(intentRows(intents));
    }
    String rootUri = base.toUri().toString();
    run.putObject("originalUriBaseIds").putObject(SRCROOT).put("uri", rootUri.endsWith("/") ? rootUri : rootUri + "/");

    // artifacts: every input file a result points at, in sorted order
    Map<String, String> uris = new TreeMap<>();
    Map<String, Set<String>> pointers = new LinkedHashMap<>();
    for (Row f : rows) {
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
      String lower = uri.toLowerCase(java.util.Locale.ROOT);
      if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
        art.put("mimeType", "application/yaml");
      } else {
        art.put("mimeType", "application/json");
      }
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
    for (Row f : rows) {
      ObjectNode res = results.addObject();
      res.put("ruleId", f.ruleId());
      res.put("ruleIndex", ruleIndex.get(f.ruleId()));
      res.put("level", f.level().sarif());
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
      for (ResourceId r : f.resources()) {
        logical.addObject().put("fullyQualifiedName", r.value()).put("name", r.name()).put("kind", "resource");
      }
      if (f.pointer() != null && !f.pointer().isEmpty() && !f.pointer().startsWith("/")) {
        // Terraform input: the source is the resource's address (module.net.azurerm_subnet.a), not a JSON pointer
        logical.addObject().put("fullyQualifiedName", f.pointer()).put("kind", "declaration");
      }
      res.putObject("partialFingerprints").put(FINGERPRINT, hash(f.fingerprint()));
      res.putObject("properties").put("fix", sentence(f.fix()));
    }
    return Json.write(doc);
  }

  /**
   * Intent violations, located at the target (where the rule that admits or refuses the compute lives),
   * with the target and the compute's resource as logical locations; intents matching no pair, located at
   * their entry in the intents file.
   */
  private static List<Row> intentRows(IntentResults in) {
    List<Row> rows = new ArrayList<>();
    for (IntentCheck.Judged j : in.check().violations()) {
      IntentRule r = IntentRule.of(j);
      ResourceId target = j.verdict().target().id();
      Estate.SourceRef src = in.estate() == null ? null : in.estate().source(target);
      List<ResourceId> logical = new ArrayList<>();
      logical.add(target);
      ResourceId compute = j.verdict().compute().resource() != null ? j.verdict().compute().resource()
          : j.verdict().compute().workspace();
      if (!logical.contains(compute)) {
        logical.add(compute);
      }
      rows.add(new Row(r.id(), r.level(), IntentRule.message(j) + " (" + j.intent().source() + ")", r.fix(),
          src == null ? null : src.file(), src == null ? null : src.pointer(), logical,
          r.id() + "|" + j.intent().name() + "|" + j.verdict().compute().key().toLowerCase(java.util.Locale.ROOT) + "|"
              + target.key()));
    }
    for (Intent i : in.check().unused()) {
      IntentRule r = IntentRule.UNUSED_INTENT;
      String file = null;
      String pointer = null;
      int hash = i.source().indexOf("#/");
      if (hash > 0) {
        file = i.source().substring(0, hash);
        pointer = i.source().substring(hash + 1);
      }
      // an inferred intent has no file: its logical location is the workspace it was inferred from
      rows.add(new Row(r.id(), r.level(), "intent '" + i.name() + "' (from " + i.from().describe() + ", to "
          + i.to().describe() + ") matches no pair of the estate", r.fix(), file, pointer,
          file == null ? i.from().ids() : List.of(), r.id() + "|" + i.source() + "|" + i.name()));
    }
    return rows;
  }

  /**
   * GitHub code scanning's {@code properties.security-severity} (a number from 0.0 to 10.0 as a string:
   * over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low;
   * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning#reportingdescriptor-object).
   * High: a target or workspace open to more than the estate's computes (data can leave or be read);
   * medium: a compute that cannot reach what it needs, or egress that cannot be allowlisted; low: hygiene.
   */
  public static String securitySeverity(AuditRule r) {
    return switch (r) {
      case TARGET_OPEN_TO_ALL_NETWORKS, MESSAGING_DENY_WITHOUT_RULES -> "7.5";
      case OVERLY_BROAD_RULE, ACR_RULES_NEED_PREMIUM -> "7.0";
      case WORKSPACE_PUBLIC_ALL_NETWORKS -> "6.5";
      case EGRESS_UNSTABLE, SOME_EGRESS_IPS_NOT_ADMITTED, NSG_BLOCKS_REQUIRED_OUTBOUND -> "5.0";
      case NO_EGRESS, FIREWALL_MISSING_REQUIRED_TAGS -> "4.5";
      case STORAGE_IP_RULE_SAME_REGION, IP_RULE_SHADOWED_BY_SERVICE_ENDPOINT -> "4.0";
      case STALE_IP_RULE -> "3.5";
      case LB_SNAT_PORT_EXHAUSTION -> "3.0";
      case RULE_LIMIT_NEAR -> "2.0";
    };
  }

  /** As {@link #securitySeverity(AuditRule)}: an allowed not-reach pair is the exfiltration case. */
  public static String securitySeverity(IntentRule r) {
    return switch (r) {
      case NOT_REACH_VIOLATED -> "8.5";
      case REACH_VIOLATED -> "5.0";
      case UNUSED_INTENT -> "1.0";
    };
  }

  /**
   * The rule's section in docs/audit-rules.md: the anchor GitHub gives the heading {@code ## <id> <name>}
   * (lower case, spaces to hyphens, other punctuation dropped).
   */
  public static String helpUri(String id, String ruleName) {
    return RULES_DOC + "#" + anchor(id + " " + ruleName);
  }

  /** GitHub's heading anchor: lower case, punctuation other than hyphens and underscores dropped, spaces to hyphens. */
  public static String anchor(String heading) {
    StringBuilder b = new StringBuilder();
    for (char c : heading.strip().toLowerCase(java.util.Locale.ROOT).toCharArray()) {
      if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
        b.append(c);
      } else if (c == ' ') {
        b.append('-');
      }
    }
    return b.toString();
  }

  private static ObjectNode rule(String id, String name, String shortDescription, String fullDescription, String fix,
      String source, Level level, List<String> tags, String securitySeverity) {
    ObjectNode o = Json.object();
    o.put("id", id);
    o.put("name", name);
    o.putObject("shortDescription").put("text", sentence(shortDescription));
    o.putObject("fullDescription").put("text", sentence(fullDescription));
    String text = sentence(fullDescription) + " Fix: " + sentence(fix) + " Source: " + source + ".";
    String markdown = "**" + id + " " + name + "**: " + sentence(shortDescription) + "\n\n"
        + sentence(fullDescription) + "\n\n**Fix:** " + sentence(fix) + "\n\n**Source:** " + source + ".";
    o.putObject("help").put("text", text).put("markdown", markdown);
    o.put("helpUri", helpUri(id, name));
    o.putObject("defaultConfiguration").put("level", level.sarif());
    ObjectNode props = o.putObject("properties");
    List<String> all = new ArrayList<>(tags);
    if (!all.contains("security")) {
      all.add("security"); // GitHub shows security-severity for rules tagged security
    }
    props.set("tags", Json.strings(all));
    props.put("security-severity", securitySeverity);
    return o;
  }

  /** A stable hash of the rule id and the resource id (case-insensitive, as ARM ids are). */
  public static String fingerprint(Finding f) {
    return hash(f.ruleId() + "|" + f.resource().key());
  }

  private static String hash(String key) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] h = md.digest(key.getBytes(StandardCharsets.UTF_8));
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
