package io.allowpath.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.allowpath.diff.EstateDiff;
import io.allowpath.ingest.RawResource;
import io.allowpath.ingest.terraform.TerraformAdapter;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Severity;
import io.allowpath.report.DiffReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code allowpath diff}: which (compute, target) pairs a change breaks or fixes, and which computes'
 * egress it changes, each with the resource and attribute that caused it. Either two estates
 * ({@code --before} and {@code --after}, any input format) or one Terraform plan ({@code --plan}: before
 * is its prior state, after its planned values). Exit 1 when a pair regresses (ALLOW before, not after;
 * {@code --fail-on change} also for any change, {@code never} for none), 2 for usage or input errors.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = "Compare two estates (or a Terraform plan's before and after): verdicts and egress that change, and why.")
public final class DiffCommand implements Callable<Integer> {
  @Option(names = "--before", paramLabel = "PATH", description = "the estate before the change (repeatable; any input)")
  List<Path> before = new ArrayList<>();

  @Option(names = "--after", paramLabel = "PATH", description = "the estate after the change (repeatable; any input)")
  List<Path> after = new ArrayList<>();

  @Option(names = "--plan", paramLabel = "PLAN.json",
      description = "a Terraform plan (terraform show -json PLANFILE): before = prior_state, after = planned_values")
  Path plan;

  @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT",
      description = "table, json, markdown or sarif; default: ${DEFAULT-VALUE}")
  Format output;

  @Option(names = "--fail-on", defaultValue = "regression", paramLabel = "WHEN",
      description = "exit 1 on: regression (a pair that was ALLOW is not), change (any change) or never; "
          + "default: ${DEFAULT-VALUE}")
  FailOn failOn;

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

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  enum Format { table, json, markdown, sarif }

  enum FailOn { regression, change, never }

  /** The shared estate options (loader, tags, --strict), filled from this command's own options. */
  private EstateOptions options(List<Path> inputs) {
    EstateOptions o = new EstateOptions();
    o.estate = inputs;
    o.serviceTags = serviceTags;
    o.parameters = parameters;
    o.parameter = parameter;
    o.subscription = subscription == null ? new ArrayList<>() : new ArrayList<>(List.of(subscription));
    o.resourceGroup = resourceGroup == null ? new ArrayList<>() : new ArrayList<>(List.of(resourceGroup));
    o.location = location;
    o.strict = strict;
    return o;
  }

  @Override
  public Integer call() {
    if (plan != null && (!before.isEmpty() || !after.isEmpty())) {
      throw new UsageException("give either --plan or --before and --after, not both");
    }
    if (plan == null && (before.isEmpty() || after.isEmpty())) {
      throw new UsageException("give --before and --after (estates in any input format), or --plan (a Terraform plan)");
    }
    EstateOptions opts = options(plan == null ? before : List.of(plan));
    // each side with the Terraform addresses behind its resources (a cause then names the association or rules
    // resource a change adds or deletes, e.g. the azurerm_subnet_nat_gateway_association a plan removes)
    Side b;
    Side a;
    if (plan != null) {
      Phase.set("loading the plan", opts.describe());
      JsonNode root = TerraformAdapter.parsePlan(opts.estate.get(0)); // parsed once, read for each side
      b = planSide(opts, root, TerraformAdapter.View.PRIOR);
      a = planSide(opts, root, TerraformAdapter.View.PLANNED);
    } else {
      b = side(opts);
      a = side(options(after));
    }
    EstateDiff.Result r = EstateDiff.compare(b.estate, a.estate, opts.tags(), b.terraform, a.terraform);
    List<Diagnostic> diags = r.diagnostics();
    opts.enforceStrict(diags);
    PrintWriter out = spec.commandLine().getOut();
    switch (output) {
      case json -> out.print(DiffReport.json(r));
      case markdown -> out.print(DiffReport.markdown(r));
      case sarif -> out.print(DiffReport.sarif(r, AuditCommand.VERSION, Path.of("")));
      default -> {
        out.print(DiffReport.table(r));
        Diagnostics.print(out, spec.commandLine().getErr(), diags.stream()
            .filter(d -> d.severity() != Severity.INFO).toList());
      }
    }
    int code = switch (failOn) {
      case regression -> r.regressions() > 0 ? 1 : 0;
      case change -> r.isEmpty() ? 0 : 1;
      case never -> 0;
    };
    return Diagnostics.exit(code, diags, spec.commandLine().getErr(), output != Format.sarif);
  }

  /** One side of the diff: the estate and, for Terraform input, the addresses behind its resources. */
  private record Side(Estate estate, Map<ResourceId, Map<String, String>> terraform) {
    static Side of(EstateOptions opts, List<RawResource> raw, List<Diagnostic> diags) {
      return new Side(opts.loader().build(raw, diags), TerraformAdapter.addresses(raw));
    }
  }

  private static Side planSide(EstateOptions opts, JsonNode root, TerraformAdapter.View view) {
    List<Diagnostic> diags = new ArrayList<>();
    return Side.of(opts, TerraformAdapter.read(opts.estate.get(0).toString(), root, view, diags), diags);
  }

  private static Side side(EstateOptions opts) {
    Phase.set("loading the estate", opts.describe());
    List<Diagnostic> diags = new ArrayList<>();
    return Side.of(opts, opts.loadRaw(diags), diags);
  }
}
