package io.allowpath.cli;

import io.allowpath.ingest.terraform.TerraformAdapter;
import io.allowpath.azure.Scanner;
import io.allowpath.ingest.load.EstateLoader;
import io.allowpath.ingest.RawResource;
import io.allowpath.ingest.arm.ArmResourceReader;
import io.allowpath.ingest.armtemplate.TemplateAdapter;
import io.allowpath.ingest.armtemplate.TemplateOptions;
import io.allowpath.ingest.servicetags.ServiceTagsReader;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.ResourceId;
import io.allowpath.model.ServiceTags;
import io.allowpath.session.Analysis;
import io.allowpath.session.EffectiveRoutesInput;
import io.allowpath.session.SelectionException;
import io.allowpath.model.Severity;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The estate inputs every command shares (CONTRACT.md "Estate inputs").
 *
 * <p>One rule decides where the estate comes from: with {@code --estate}, from files, and then
 * {@code --subscription}, {@code --resource-group} and {@code --location} are the deployment context of ARM
 * templates (as before); without {@code --estate}, it is read live from Azure (like {@code allowpath scan}),
 * and {@code --subscription} (repeatable), {@code --management-group} and {@code --resource-group}
 * (repeatable) are the scope. Without either, the command asks for one (docs/formats.md §7).
 */
public final class EstateOptions {
  @Option(names = "--estate", paramLabel = "PATH",
      description = "ARM JSON, template or Terraform JSON file, or a directory (repeatable; '-' reads standard input); "
          + "files are merged by resource id. Without it, the estate is read from Azure: give --subscription or "
          + "--management-group")
  List<Path> estate = new ArrayList<>();

  @Option(names = "--service-tags", paramLabel = "FILE",
      description = "the published ServiceTags_Public_*.json, to resolve service tags in routes and rules")
  Path serviceTags;

  @Option(names = "--effective-routes", paramLabel = "[SUBNET=]FILE",
      description = "the output of az network nic show-effective-route-table for a NIC of SUBNET (a subnet id, "
          + "vnet/subnet, subnet name, or NIC name; default: the file's name), to settle whether gateway-learned "
          + "(BGP) routes override the internet path (repeatable)")
  List<String> effectiveRoutes = new ArrayList<>();

  @Option(names = "--parameters", paramLabel = "FILE", description = "ARM parameters file for templates")
  Path parameters;

  @Option(names = "--parameter", paramLabel = "NAME=VALUE", description = "template parameter (repeatable)")
  Map<String, String> parameter = new LinkedHashMap<>();

  @Option(names = "--subscription", paramLabel = "ID",
      description = "without --estate: a subscription to read from Azure (repeatable); with --estate: the subscription "
          + "id for template evaluation")
  List<String> subscription = new ArrayList<>();

  @Option(names = "--resource-group", paramLabel = "NAME",
      description = "without --estate: read only this resource group (repeatable); with --estate: the resource group "
          + "for template evaluation")
  List<String> resourceGroup = new ArrayList<>();

  @Mixin LiveOptions live;

  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  /** What the live scan read, when the estate came from Azure (null otherwise). */
  private Scanner.Result scanned;

  @Option(names = "--location", paramLabel = "REGION", description = "resource group location for template evaluation")
  String location;

  @Option(names = "--strict", description = "treat input diagnostics (errors and warnings) as a failure: exit 2")
  boolean strict;

  private LocalProgress progress;

  /** The progress display of this run's long local work (stderr, terminal only, silenced by --quiet). */
  LocalProgress progress() {
    if (progress == null) {
      // built by hand (diff's two sides): no command line of its own, so no display
      boolean none = mixee == null || live == null;
      progress = new LocalProgress(none ? new PrintWriter(Writer.nullWriter()) : mixee.commandLine().getErr(),
          none || live.quiet);
    }
    return progress;
  }

  private boolean keepTerraformAddresses;
  private Map<ResourceId, Map<String, String>> terraformAddresses = Map.of();

  /** Asks {@link #load} to keep the Terraform addresses behind the resources ({@link #terraformAddresses}). */
  void keepTerraformAddresses() {
    keepTerraformAddresses = true;
  }

  /**
   * After {@link #load} (when {@link #keepTerraformAddresses} was asked for), the user's Terraform resource
   * addresses by ARM id ({@link TerraformAdapter#addresses}); empty for an estate not read from Terraform.
   */
  Map<ResourceId, Map<String, String>> terraformAddresses() {
    return terraformAddresses;
  }

  Estate load() {
    Phase.set("loading the estate", estate.isEmpty() ? "Azure" : describe());
    if (!estate.isEmpty()) {
      LocalProgress p = progress();
      p.begin("loading the estate", 0);
      Estate e = null;
      try {
        EstateLoader l = loader().withListener(p.loader());
        if (keepTerraformAddresses) {
          l.withMerged(raw -> terraformAddresses = TerraformAdapter.addresses(raw));
        }
        e = l.load(estate);
        return e;
      } finally {
        p.end(e == null ? null : "loaded " + e.resources().size() + " resource(s) from " + describe());
      }
    }
    List<Diagnostic> diags = new ArrayList<>();
    List<RawResource> raw = loadRaw(diags);
    if (keepTerraformAddresses) {
      terraformAddresses = TerraformAdapter.addresses(raw);
    }
    return loader().build(raw, diags);
  }

  /** The raw resources merged by id, from the files or from Azure; scan problems are added as warnings. */
  List<RawResource> loadRaw(List<Diagnostic> diagnostics) {
    if (!estate.isEmpty()) {
      return loader().loadRaw(estate, diagnostics);
    }
    if (subscription.isEmpty() && live.managementGroups.isEmpty()) {
      throw new UsageException("no estate: give --estate PATH (exported ARM JSON), or --subscription ID or "
          + "--management-group ID to read it from Azure (see allowpath scan)");
    }
    if (location != null || parameters != null || !parameter.isEmpty()) {
      throw new UsageException("--location, --parameters and --parameter apply to templates given with --estate");
    }
    scanned = live.scan(subscription, resourceGroup, mixee.commandLine().getErr());
    return fromScan(scanned, diagnostics);
  }

  /** Scanned resources as raw resources (file "azure", pointer = index, as in a --save file) and problems as warnings. */
  static List<RawResource> fromScan(Scanner.Result r, List<Diagnostic> diagnostics) {
    for (Scanner.Problem p : r.problems()) {
      if (p.onResource()) {
        continue; // the reader warns from the resource's allowpathUnread entry
      }
      diagnostics.add(Diagnostic.warning(ResourceId.of(p.resourceId()), p.message()));
    }
    List<RawResource> raw = new ArrayList<>();
    for (int i = 0; i < r.resources().size(); i++) {
      raw.add(new RawResource(r.resources().get(i), "azure", "/" + i));
    }
    return raw;
  }

  /** Where the estate came from, for reports: the --estate paths, or the live scope. */
  List<String> sources() {
    if (!estate.isEmpty()) {
      return estate.stream().map(Path::toString).toList();
    }
    return List.of("Azure: " + (scanned == null ? "live scan" : scanned.scope()));
  }

  /** The analysis session over the loaded estate. */
  Analysis analysis() {
    return session(load());
  }

  /** The analysis session over {@code e}, with the service tags and the effective routes given. */
  Analysis session(Estate e) {
    return Analysis.of(select(() -> EffectiveRoutesInput.attach(e, effectiveRoutes)), tags());
  }

  /** Runs a selection, turning a name that matches nothing or several into a usage error. */
  static <T> T select(Supplier<T> selection) {
    try {
      return selection.get();
    } catch (SelectionException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** The inputs, for messages. */
  String describe() {
    return String.join(", ", estate.stream().map(p -> "-".equals(p.toString()) ? "<stdin>" : p.toString()).toList());
  }

  EstateLoader loader() {
    TemplateOptions d = TemplateOptions.defaults();
    if (subscription.size() > 1 || resourceGroup.size() > 1) {
      throw new UsageException("with --estate, --subscription and --resource-group are the template's deployment "
          + "context and can be given once");
    }
    TemplateOptions o = new TemplateOptions(subscription.isEmpty() ? d.subscriptionId() : subscription.get(0),
        resourceGroup.isEmpty() ? d.resourceGroup() : resourceGroup.get(0), location == null ? d.location() : location,
        d.deploymentName(), d.tenantId(), null, parameter, strict);
    return new EstateLoader(new ArmResourceReader(), new TemplateAdapter(o, parameters)).withStdin(Output.stdin());
  }

  ServiceTags tags() {
    return serviceTags == null ? null : ServiceTagsReader.read(serviceTags);
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
