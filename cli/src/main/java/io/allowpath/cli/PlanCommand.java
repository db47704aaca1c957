package io.allowpath.cli;

import io.allowpath.emit.Emitter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.emit.Emitter;
import io.allowpath.emit.formats.Emitters;
import io.allowpath.emit.formats.OutDir;
import io.allowpath.emit.terraform.TerraformEmitter;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.ingest.RawResource;
import io.allowpath.ingest.terraform.TerraformAdapter;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Target;
import io.allowpath.plan.ArmPatcher;
import io.allowpath.plan.Plan;
import io.allowpath.plan.Planner;
import io.allowpath.report.Json;
import io.allowpath.report.PlanReport;
import io.allowpath.analysis.intent.Intents;
import io.allowpath.session.Analysis;
import io.allowpath.session.PlanEffects;
import io.allowpath.session.PlanGuard;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code allowpath plan}: the smallest valid changes that make every checked pair ALLOW, as a table or
 * JSON, and optionally the estate with the plan applied ({@code --write-estate}).
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Plan the minimal changes that make each compute reach each target.")
public final class PlanCommand implements Callable<Integer> {
  @Mixin EstateOptions estateOptions;

  @Option(names = "--from", paramLabel = "W_OR_COMPUTE",
      description = "a workspace or compute (ARM id, compute key or name; repeatable); default: all computes")
  List<String> from = new ArrayList<>();

  @Option(names = "--to", paramLabel = "TARGET", description = "a target (ARM id or name; repeatable); default: all targets")
  List<String> to = new ArrayList<>();

  @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT",
      description = "table or json; default: ${DEFAULT-VALUE}")
  Format output;

  @Option(names = "--emit", paramLabel = "CODE", completionCandidates = EmitFormats.class,
      description = "print the plan as code instead of -o: az, bicep, arm or terraform")
  String emit;

  @Option(names = "--egress-strategy", defaultValue = "nat-gateway", paramLabel = "STRATEGY",
      completionCandidates = EgressStrategies.class,
      description = "how unstable egress is fixed: nat-gateway, load-balancer or firewall; default: ${DEFAULT-VALUE}")
  String egressStrategy;

  @Option(names = "--intents", paramLabel = "FILE|inferred",
      description = "plan only the pairs a reach intent covers, and never open a not-reach pair (docs/intents.md)")
  String intents;

  @Option(names = "--write-estate", paramLabel = "OUT.json",
      description = "also write the estate with the plan applied, as an ARM resource array")
  Path writeEstate;

  @Option(names = "--out-dir", paramLabel = "DIR",
      description = "with --emit: write one file per deployment scope and a README.md of the apply order into DIR "
          + "(docs/emit.md) instead of printing the code")
  Path outDir;

  @Option(names = "--fail-on-unresolved",
      description = "exit 1 when some pair no change can fix (listed under unresolved); by default such pairs are "
          + "reported and the exit code is 0")
  boolean failOnUnresolved;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  enum Format { table, json }

  @Override
  public Integer call() {
    Planner.Strategy strategy;
    try {
      strategy = Planner.Strategy.parse(egressStrategy);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--egress-strategy must be nat-gateway, load-balancer or firewall, not '"
          + egressStrategy + "'");
    }
    Emitter em = emit == null ? null : Emitters.forFormat(emit);
    if (emit != null && em == null) {
      throw new UsageException("--emit must be az, bicep, arm or terraform, not '" + emit + "'");
    }
    if (outDir != null && emit == null) {
      throw new UsageException("--out-dir needs --emit az|bicep|arm|terraform (the format of the files to write)");
    }
    Phase.set("loading the estate", estateOptions.describe());
    List<Diagnostic> loadDiags = new ArrayList<>();
    var loader = estateOptions.loader();
    List<RawResource> raw = estateOptions.loadRaw(loadDiags);
    Estate estate = loader.build(raw, loadDiags);
    Analysis a = estateOptions.session(estate);
    List<Compute> computes = EstateOptions.select(() -> a.computes(from));
    List<Target> targets = EstateOptions.select(() -> a.targets(to));
    Plan plan;
    List<PlanGuard.Blocked> blocked = List.of();
    if (intents != null) {
      Intents set = a.intents(intents);
      PlanGuard.Guarded g = PlanGuard.guard(a.plan(computes, targets, strategy, set), set, raw, loader,
          estateOptions.tags());
      plan = g.plan();
      blocked = g.blocked();
    } else {
      plan = a.plan(computes, targets, strategy);
    }
    List<Diagnostic> diags = a.diagnostics(computes);
    estateOptions.enforceStrict(diags);
    Phase.set("working out the plan's side effects");
    plan = PlanEffects.of(plan, a, raw, loader, estateOptions.tags());
    PrintWriter out = spec.commandLine().getOut();
    for (PlanGuard.Blocked b : blocked) {
      spec.commandLine().getErr().println("allowpath: left out " + b.change().action() + " on "
          + b.change().resource().name() + ": it would let " + b.pair() + " reach, which intent '" + b.intent().name()
          + "' forbids (not-reach)");
    }
    if (writeEstate != null) {
      Phase.set("applying the plan to the estate", writeEstate.toString());
      List<ObjectNode> nodes = new ArrayList<>();
      raw.forEach(r -> nodes.add((ObjectNode) r.json()));
      ArrayNode arr = Json.MAPPER.createArrayNode();
      ArmPatcher.apply(nodes, plan).forEach(arr::add);
      Output.write(writeEstate, Json.write(arr));
    }
    if (emit != null && outDir != null) {
      Phase.set("writing the plan as " + emit + " files", outDir.toString());
      // a Terraform input: main.tf refers to the user's own addresses, as --emit terraform to stdout does
      Map<String, String> files = OutDir.files(emit, plan, terraformAddresses(raw));
      Output.writeTree(outDir, files);
      out.println("Wrote " + files.size() + " file(s) to " + outDir + "; apply them in the order " + outDir.resolve("README.md")
          + " gives.");
      Diagnostics.print(out, spec.commandLine().getErr(), diags);
    } else if (emit != null) {
      Phase.set("emitting the plan as " + emit);
      if (em instanceof TerraformEmitter) {
        // a Terraform input: fixes refer to the user's own resource addresses (docs/emit.md, "Terraform input")
        em = new TerraformEmitter(terraformAddresses(raw));
      }
      out.print(em.emit(plan));
      Diagnostics.print(out, spec.commandLine().getErr(), diags);
    } else if (output == Format.json) {
      Phase.set("writing the plan");
      out.print(PlanReport.json(plan));
    } else {
      Phase.set("writing the plan");
      out.print(PlanReport.table(plan));
      if (writeEstate != null) {
        out.println();
        out.println("Wrote the estate with the plan applied to " + writeEstate + "; check it with:");
        out.println("  allowpath check --estate " + writeEstate);
      }
      Diagnostics.print(out, spec.commandLine().getErr(), diags);
    }
    // A plan that fixes everything fixable succeeds; unresolved pairs are reported, not failures (docs/contract.md).
    return Diagnostics.exit(failOnUnresolved && !plan.unresolved().isEmpty() ? 1 : 0, diags,
        spec.commandLine().getErr(), output != Format.json || emit != null);
  }

  /** The user's Terraform addresses by ARM id (empty unless the estate was read from Terraform). */
  private static Map<ResourceId, Map<String, String>> terraformAddresses(List<RawResource> raw) {
    return TerraformAdapter.addresses(raw);
  }

  /** The --emit values, for help and shell completion. */
  static final class EmitFormats extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    EmitFormats() {
      super(List.of("az", "bicep", "arm", "terraform"));
    }
  }

  /** The --egress-strategy values, for help and shell completion. */
  static final class EgressStrategies extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    EgressStrategies() {
      super(List.of("nat-gateway", "load-balancer", "firewall"));
    }
  }
}
