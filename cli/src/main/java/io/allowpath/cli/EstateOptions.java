package io.allowpath.cli;

import io.allowpath.ingest.RawResource;
import io.allowpath.ingest.EstateLoader;
import io.allowpath.ingest.arm.ArmResourceReader;
import io.allowpath.ingest.armtemplate.TemplateAdapter;
import io.allowpath.ingest.armtemplate.TemplateOptions;
import io.allowpath.ingest.servicetags.ServiceTagsReader;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.ServiceTags;
import io.allowpath.model.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/** The estate inputs every command shares (CONTRACT.md "Estate inputs"). */
public final class EstateOptions {
  @Option(names = "--estate", required = true, paramLabel = "PATH",
      description = "ARM JSON file or directory (repeatable; '-' reads standard input); files are merged by resource id")
  List<Path> estate = new ArrayList<>();

  @Option(names = "--service-tags", paramLabel = "FILE",
      description = "the published ServiceTags_Public_*.json, to resolve service tags in routes and rules")
  Path serviceTags;

  @Option(names = "--parameters", paramLabel = "FILE", description = "ARM parameters file for templates")
  Path parameters;

  @Option(names = "--parameter", paramLabel = "NAME=VALUE", description = "template parameter (repeatable)")
  Map<String, String> parameter = new LinkedHashMap<>();

  @Option(names = "--subscription", paramLabel = "ID", description = "subscription id for template evaluation")
  String subscription;

  @Option(names = "--resource-group", paramLabel = "NAME", description = "resource group for template evaluation")
  String resourceGroup;

  @Option(names = "--location", paramLabel = "REGION", description = "resource group location for template evaluation")
  String location;

  @Option(names = "--strict", description = "treat input diagnostics (errors and warnings) as a failure: exit 2")
  boolean strict;

  Estate load() {
    Phase.set("loading the estate", describe());
    return loader().load(estate);
  }

  /** The raw resources of the inputs (for --write-estate). */
  List<RawResource> loadRaw(EstateLoader loader, List<Diagnostic> diagnostics) {
    return loader.loadRaw(estate, diagnostics);
  }

  /** The inputs, for messages. */
  String describe() {
    return String.join(", ", estate.stream().map(p -> "-".equals(p.toString()) ? "<stdin>" : p.toString()).toList());
  }

  EstateLoader loader() {
    TemplateOptions d = TemplateOptions.defaults();
    TemplateOptions o = new TemplateOptions(subscription == null ? d.subscriptionId() : subscription,
        resourceGroup == null ? d.resourceGroup() : resourceGroup, location == null ? d.location() : location,
        d.deploymentName(), d.tenantId(), null, parameter, strict);
    return new EstateLoader(new ArmResourceReader(), new TemplateAdapter(o, parameters)).withStdin(Output.stdin());
  }

  ServiceTags tags() {
    return serviceTags == null ? null : ServiceTagsReader.read(serviceTags);
  }

  /** Estate diagnostics plus analysis diagnostics, without repeats, plus a summary of skipped types. */
  static List<Diagnostic> merge(Estate estate, List<Diagnostic> analysis) {
    Set<Diagnostic> all = new LinkedHashSet<>(estate.diagnostics());
    all.addAll(analysis);
    List<Diagnostic> out = new ArrayList<>(all);
    if (!estate.skippedTypes().isEmpty()) {
      int n = estate.skippedTypes().values().stream().mapToInt(Integer::intValue).sum();
      List<String> parts = new ArrayList<>();
      estate.skippedTypes().forEach((t, c) -> parts.add(t + " (" + c + ")"));
      out.add(Diagnostic.info(null, "skipped " + n + " resource(s) of types allowpath does not read: "
          + String.join(", ", parts)));
    }
    return out;
  }

  /** With --strict, any error or warning diagnostic fails the run. */
  void enforceStrict(List<Diagnostic> ds) {
    if (!strict) {
      return;
    }
    List<String> bad = ds.stream().filter(d -> d.severity() != Severity.INFO).map(Diagnostic::oneLine).toList();
    if (!bad.isEmpty()) {
      throw new UsageException("--strict: " + bad.size() + " diagnostic(s): " + String.join(" | ", bad), false);
    }
  }
}
