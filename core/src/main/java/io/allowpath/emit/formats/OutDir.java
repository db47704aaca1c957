package io.allowpath.emit.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.allowpath.emit.ApplyOrder;
import io.allowpath.emit.SideEffectNotes;
import io.allowpath.emit.arm.ArmEmitter;
import io.allowpath.emit.azcli.AzCliEmitter;
import io.allowpath.emit.bicep.BicepEmitter;
import io.allowpath.emit.spec.Deployment;
import io.allowpath.emit.spec.DeploymentOrder;
import io.allowpath.emit.terraform.TerraformEmitter;
import io.allowpath.model.ResourceId;
import io.allowpath.plan.Change;
import io.allowpath.plan.Plan;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code plan --emit FORMAT --out-dir DIR} (issue 17 §7): the emitted plan as files, one per deployment scope,
 * and a {@code README.md} that gives the apply order and why.
 *
 * <ul>
 *   <li>{@code az}: {@code apply.sh}, one script whose order respects every {@link ApplyOrder} dependency
 *       (public IPs and NAT gateways, firewall rules, routes and service endpoints, then target rules);
 *   <li>{@code bicep}: {@code main.bicep} (subscription scope, one module per resource group, modules wait for
 *       each other with {@code dependsOn}) and {@code <subscription>/<resource group>.bicep} per group;
 *   <li>{@code arm}: {@code allowpath-plan.json} (subscription scope, one nested deployment per group, with
 *       {@code dependsOn}) and {@code <subscription>/<resource group>.json} per group, each a resource-group
 *       template (the nested template, inner scope) that {@code az deployment group create} deploys alone;
 *   <li>{@code terraform}: {@code main.tf}, one root module ({@code depends_on} where a reference does not order
 *       the resources already).
 * </ul>
 *
 * Keys of the returned map are paths relative to DIR with {@code /} separators, in writing order.
 */
public final class OutDir {
  private OutDir() {}

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The files of the out-dir for {@code format} (az, bicep, arm or terraform); null for an unknown format. */
  public static Map<String, String> files(String format, Plan plan) {
    return files(format, plan, Map.of());
  }

  /**
   * As {@link #files(String, Plan)}, for an estate read from Terraform when {@code addresses} is not empty: the
   * user's resource addresses by ARM id ({@link TerraformEmitter#TerraformEmitter(Map)}), so {@code main.tf} refers
   * to them and carries the EDIT instructions instead of creating parallel resources, and the README says to add it
   * to the user's root module.
   */
  public static Map<String, String> files(String format, Plan plan, Map<ResourceId, Map<String, String>> addresses) {
    Map<String, String> out = new LinkedHashMap<>();
    String f = format.toLowerCase(Locale.ROOT);
    StringBuilder apply = new StringBuilder();
    switch (f) {
      case "az", "azcli" -> {
        out.put("apply.sh", new AzCliEmitter().emit(plan));
        apply.append("One script; its commands run in the order below (`Why this order`), each behind a check, so it is ")
            .append("safe to run again after a failure.\n\n```bash\nbash apply.sh\n```\n");
      }
      case "terraform", "tf" -> {
        if (!addresses.isEmpty()) {
          out.put("allowpath-fixes.tf", new TerraformEmitter(addresses).emit(plan));
          apply.append("The estate was read from Terraform: `allowpath-fixes.tf` is not a root module of its own. Copy it ")
              .append("into your configuration's root module (it uses your providers and refers to your resources by ")
              .append("address), make each `# EDIT` it lists by hand in the resource it names (your configuration ")
              .append("declares those, so a second resource setting the same arguments would be undone at the next ")
              .append("apply), then run your usual `terraform plan` and `terraform apply`. Terraform orders the ")
              .append("resources by their references and by `depends_on` (`Why this order`).\n");
        } else {
          out.put("main.tf", new TerraformEmitter().emit(plan));
          apply.append("One root module. Terraform orders the resources by their references and by `depends_on` ")
              .append("(`Why this order`).\n\n```bash\nterraform init\nterraform plan -out allowpath.tfplan\n")
              .append("terraform apply allowpath.tfplan\n```\n");
        }
      }
      case "bicep" -> bicep(plan, out, apply);
      case "arm" -> arm(plan, out, apply);
      default -> {
        return null;
      }
    }
    out.put("README.md", readme(f, plan, apply.toString()));
    return out;
  }

  private static void bicep(Plan plan, Map<String, String> out, StringBuilder apply) {
    String text = new BicepEmitter().emit(plan);
    String marker = "// ==== file: ";
    int at = text.indexOf(marker);
    while (at >= 0) {
      int next = text.indexOf("\n" + marker, at);
      String part = next < 0 ? text.substring(at) : text.substring(at, next + 1);
      String path = part.substring(marker.length(), part.indexOf(" (", marker.length()));
      out.put(path, part);
      at = next < 0 ? -1 : next + 1;
    }
    DeploymentOrder order = DeploymentOrder.of(plan);
    String main = out.getOrDefault("main.bicep", "");
    String sub = order.deployments().isEmpty() ? "<subscription>" : order.deployments().get(0).subscription();
    String oneGo = main.isEmpty() ? "" : main.substring(main.indexOf("(") + 1, main.indexOf(") ===="));
    perGroup(order, plan, apply, oneGo, d -> "az deployment group create --subscription " + d.subscription()
        + " --resource-group " + d.resourceGroup() + " --name " + deploymentName(d) + " --template-file "
        + BicepEmitter.file(d), sub);
  }

  private static void arm(Plan plan, Map<String, String> out, StringBuilder apply) {
    String text = new ArmEmitter().emit(plan);
    out.put("allowpath-plan.json", text);
    DeploymentOrder order = DeploymentOrder.of(plan);
    try {
      JsonNode root = MAPPER.readTree(text);
      JsonNode nested = root.path("resources");
      for (int i = 0; i < order.deployments().size(); i++) {
        out.put(armFile(order.deployments().get(i)), pretty(nested.get(i).path("properties").path("template")));
      }
      String oneGo = root.path("metadata").path("deployWith").asText("");
      String sub = order.deployments().isEmpty() ? "<subscription>" : order.deployments().get(0).subscription();
      perGroup(order, plan, apply, oneGo, d -> "az deployment group create --subscription " + d.subscription()
          + " --resource-group " + d.resourceGroup() + " --name " + deploymentName(d) + " --template-file "
          + armFile(d), sub);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String armFile(Deployment d) {
    return d.subscription() + "/" + d.resourceGroup() + ".json";
  }

  private static String deploymentName(Deployment d) {
    String n = ("allowpath-" + d.resourceGroup()).replaceAll("[^A-Za-z0-9_.()-]", "-");
    return n.length() > 64 ? n.substring(0, 64) : n;
  }

  /** Both ways to deploy: the subscription-level entry in one command, or group by group in dependency order. */
  private static void perGroup(DeploymentOrder order, Plan plan, StringBuilder apply, String oneGo,
      java.util.function.Function<Deployment, String> command, String sub) {
    apply.append("Either deploy everything in one command from this directory (the nested deployments wait for each ")
        .append("other with `dependsOn`):\n\n```\n").append(oneGo).append("\n```\n\n")
        .append("or one resource group at a time, in this order (each file is a resource-group deployment):\n\n```bash\n")
        .append("set -euo pipefail\n");
    int step = 1;
    for (int i : order.applyOrder()) {
      Deployment d = order.deployments().get(i);
      List<String> waits = new ArrayList<>();
      order.dependsOn().get(i).forEach(j -> waits.add(order.deployments().get(j).resourceGroup()));
      List<String> what = DeploymentOrder.changesOf(plan, d).stream().map(c -> c.action() + " " + c.resource().name())
          .toList();
      apply.append("# ").append(step++).append(". ").append(d.resourceGroup())
          .append(waits.isEmpty() ? "" : " (after " + String.join(", ", waits) + ")")
          .append(what.isEmpty() ? "" : ": " + String.join(", ", what)).append('\n');
      apply.append(command.apply(d)).append('\n');
    }
    apply.append("```\n");
    if (order.deployments().isEmpty()) {
      apply.append("\n(No resource group has a deployable change in subscription ").append(sub).append(".)\n");
    }
    for (String n : order.notes()) {
      apply.append("\nNOTE: ").append(n).append('\n');
    }
    for (Deployment d : order.deployments()) {
      for (String n : d.notes()) {
        apply.append("\nNOT DEPLOYED by ").append(d.resourceGroup()).append(": ").append(n.replaceAll("\\s+", " "))
            .append('\n');
      }
    }
  }

  private static String readme(String format, Plan plan, String apply) {
    StringBuilder sb = new StringBuilder();
    sb.append("# allowpath plan: apply order\n\n");
    sb.append("Generated by `allowpath plan --emit ").append(format).append(" --out-dir`: ")
        .append(plan.changes().size()).append(" change(s). Review every file before applying.\n\n");
    sb.append("## Apply\n\n").append(apply).append('\n');
    sb.append("## Why this order\n\n");
    List<ApplyOrder.Dependency> deps = ApplyOrder.of(plan);
    if (deps.isEmpty()) {
      sb.append("No change needs another first.\n");
    }
    for (ApplyOrder.Dependency d : deps) {
      sb.append("- #").append(number(plan, d.before())).append(' ').append(label(d.before())).append(" before #")
          .append(number(plan, d.after())).append(' ').append(label(d.after())).append(": ").append(d.why()).append('\n');
    }
    sb.append("\n## Changes\n\n");
    int i = 1;
    for (Change c : plan.changes()) {
      sb.append(i++).append(". ").append(label(c)).append(": ").append(c.value().replaceAll("\\s+", " "))
          .append(" (for ").append(c.pairs().size()).append(" pair(s))\n");
    }
    List<String> effects = SideEffectNotes.lines(plan);
    if (!effects.isEmpty()) {
      sb.append("\n## Side effects\n\n");
      // the first line is a heading in the emitted comments; here the section title says it
      effects.stream().filter(l -> !l.startsWith("Side effects (")).forEach(l -> sb.append("- ").append(l).append('\n'));
    }
    return sb.toString();
  }

  private static int number(Plan plan, Change c) {
    return plan.changes().indexOf(c) + 1;
  }

  private static String label(Change c) {
    return c.action() + " " + c.resource().name();
  }

  private static String pretty(JsonNode n) throws JsonProcessingException {
    DefaultPrettyPrinter pp = new DefaultPrettyPrinter(
        Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
        .withObjectIndenter(new DefaultIndenter("  ", "\n")).withArrayIndenter(new DefaultIndenter("  ", "\n"));
    return MAPPER.writer(pp).writeValueAsString(n) + "\n";
  }
}
