package io.allowpath.cli;

import io.allowpath.emit.Emitter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.ingest.RawResource;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.plan.ArmPatcher;
import io.allowpath.plan.Plan;
import io.allowpath.plan.Planner;
import io.allowpath.report.Json;
import io.allowpath.report.PlanReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  @Option(names = "--from", paramLabel = "W_OR_COMPUTE", description = "workspace or compute (repeatable)")
  List<String> from = new ArrayList<>();

  @Option(names = "--to", paramLabel = "TARGET", description = "target (repeatable)")
  List<String> to = new ArrayList<>();

  @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json")
  Format output;

  @Option(names = "--emit", paramLabel = "FORMAT",
      description = "print the plan as code instead: az, bicep, arm or terraform")
  String emit;

  @Option(names = "--egress-strategy", defaultValue = "nat-gateway",
      description = "how unstable egress is fixed: nat-gateway, load-balancer or firewall")
  String egressStrategy;

  @Option(names = "--write-estate", paramLabel = "OUT.json",
      description = "write the estate with the plan applied, as an ARM resource array")
  Path writeEstate;

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
    Emitter em = emit == null ? null : Emitter.forFormat(emit);
    if (emit != null && em == null) {
      throw new UsageException("--emit must be az, bicep, arm or terraform, not '" + emit + "'");
    }
    Phase.set("loading the estate", estateOptions.describe());
    List<Diagnostic> loadDiags = new ArrayList<>();
    var loader = estateOptions.loader();
    List<RawResource> raw = estateOptions.loadRaw(loader, loadDiags);
    Estate estate = loader.build(raw, loadDiags);
    Phase.set("selecting computes and targets");
    CheckCommand.Selection s = CheckCommand.select(estate, estateOptions, from, to);
    Phase.set("planning");
    Plan plan = new Planner(s.evaluator(), strategy).plan(s.computes(), s.targets());
    List<Diagnostic> diags = EstateOptions.merge(estate, s.evaluator().diagnostics());
    estateOptions.enforceStrict(diags);
    PrintWriter out = spec.commandLine().getOut();
    if (writeEstate != null) {
      Phase.set("applying the plan to the estate", writeEstate.toString());
      List<ObjectNode> nodes = new ArrayList<>();
      raw.forEach(r -> nodes.add((ObjectNode) r.json()));
      ArrayNode arr = Json.MAPPER.createArrayNode();
      ArmPatcher.apply(nodes, plan).forEach(arr::add);
      Output.write(writeEstate, Json.write(arr));
    }
    if (emit != null) {
      Phase.set("emitting the plan as " + emit);
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
    return Diagnostics.exit(plan.unresolved().isEmpty() ? 0 : 1, diags, spec.commandLine().getErr(),
        output != Format.json || emit != null);
  }
}
