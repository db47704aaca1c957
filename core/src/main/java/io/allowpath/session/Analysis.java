package io.allowpath.session;

import io.allowpath.analysis.access.AccessEvaluator;
import io.allowpath.analysis.access.Matrix;
import io.allowpath.analysis.access.Verdict;
import io.allowpath.analysis.audit.Auditor;
import io.allowpath.analysis.audit.Finding;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.egress.Egress;
import io.allowpath.analysis.egress.EgressResolver;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.ResourceId;
import io.allowpath.model.ServiceTags;
import io.allowpath.model.Target;
import io.allowpath.plan.Plan;
import io.allowpath.plan.Planner;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One analysis session over a loaded estate — resolve → evaluate → findings → plan — shared by every
 * command, so the CLI only parses options and prints. It owns the egress resolver and the access
 * evaluator (both cache per compute and per target, so a session answers many questions cheaply), the
 * selection of computes and targets by name or id, and the merged diagnostics of the run.
 */
public final class Analysis {
  private final Estate estate;
  private final EgressResolver resolver;
  private final AccessEvaluator evaluator;

  private Analysis(Estate estate, ServiceTags tags) {
    this.estate = estate;
    this.resolver = new EgressResolver(estate, tags);
    this.evaluator = new AccessEvaluator(resolver, tags);
  }

  /** A session over {@code estate}; {@code tags} (the published service tags) may be null. */
  public static Analysis of(Estate estate, ServiceTags tags) {
    return new Analysis(estate, tags);
  }

  public Estate estate() {
    return estate;
  }

  public EgressResolver resolver() {
    return resolver;
  }

  public AccessEvaluator evaluator() {
    return evaluator;
  }

  /** Every compute, in the resolver's order. */
  public List<Compute> computes() {
    return resolver.computes();
  }

  /** Every target, sorted by id. */
  public List<Target> targets() {
    return evaluator.targets();
  }

  // ------------------------------------------------------------------ selection

  /**
   * The computes named by {@code from} (all when empty): a compute key, or a workspace or compute given
   * by ARM id or by name; a name that matches nothing or several is a {@link SelectionException}.
   */
  public List<Compute> computes(List<String> from) {
    List<Compute> all = computes();
    if (from.isEmpty()) {
      return all;
    }
    Set<Compute> chosen = new LinkedHashSet<>();
    for (String f : from) {
      List<Compute> exact = all.stream().filter(c -> c.key().equalsIgnoreCase(f)).toList();
      if (!exact.isEmpty()) {
        chosen.addAll(exact);
        continue;
      }
      List<ResourceId> candidates = new ArrayList<>();
      for (Compute c : all) {
        if (!candidates.contains(c.workspace())) {
          candidates.add(c.workspace());
        }
        if (!c.resource().equals(c.workspace()) && !candidates.contains(c.resource())) {
          candidates.add(c.resource());
        }
      }
      ResourceId id = one(f, candidates, "workspace or compute");
      all.stream().filter(c -> c.workspace().equals(id) || c.resource().equals(id)).forEach(chosen::add);
    }
    return new ArrayList<>(chosen);
  }

  /** The computes of the workspaces named by {@code workspaces} (all when empty). */
  public List<Compute> computesOfWorkspaces(List<String> workspaces) {
    List<Compute> all = computes();
    if (workspaces.isEmpty()) {
      return all;
    }
    Set<ResourceId> ids = new LinkedHashSet<>();
    all.forEach(c -> ids.add(c.workspace()));
    Set<ResourceId> chosen = new LinkedHashSet<>();
    for (String w : workspaces) {
      chosen.add(one(w, new ArrayList<>(ids), "workspace"));
    }
    return all.stream().filter(c -> chosen.contains(c.workspace())).toList();
  }

  /** The targets named by {@code to} (all when empty), by ARM id or name. */
  public List<Target> targets(List<String> to) {
    List<Target> all = targets();
    if (to.isEmpty()) {
      return all;
    }
    List<ResourceId> ids = all.stream().map(Target::id).toList();
    Set<ResourceId> chosen = new LinkedHashSet<>();
    for (String t : to) {
      chosen.add(one(t, ids, "target"));
    }
    return all.stream().filter(t -> chosen.contains(t.id())).toList();
  }

  /** The one candidate {@code value} names (an ARM id, or a bare name matched without case). */
  static ResourceId one(String value, List<ResourceId> candidates, String what) {
    ResourceId asId = value.startsWith("/") ? ResourceId.of(value) : null;
    List<ResourceId> hits = new ArrayList<>();
    for (ResourceId c : candidates) {
      if (asId != null ? c.equals(asId) : c.name().equalsIgnoreCase(value)) {
        hits.add(c);
      }
    }
    if (hits.isEmpty()) {
      throw new SelectionException("no " + what + " named '" + value + "' in the estate");
    }
    if (hits.size() > 1) {
      throw new SelectionException("'" + value + "' names " + hits.size() + " " + what + "s; use one of the ids: "
          + String.join(", ", hits.stream().map(ResourceId::value).toList()));
    }
    return hits.get(0);
  }

  // ------------------------------------------------------------------ answers

  /** Each compute's egress to the internet. */
  public List<Egress> egress(List<Compute> computes) {
    return computes.stream().map(resolver::resolve).toList();
  }

  /** The explained verdict of every checked pair (a Databricks cluster and its own workspace are not a pair). */
  public List<Verdict> verdicts(List<Compute> computes, List<Target> targets) {
    return evaluator.verdicts(computes, targets);
  }

  /** Outcome and reason counts of every checked pair, one decision per distinct egress situation. */
  public Matrix.Counts summary(List<Compute> computes, List<Target> targets) {
    return Matrix.summary(evaluator, computes, targets);
  }

  /** The audit findings, given the verdicts of the same computes and targets. */
  public List<Finding> findings(List<Compute> computes, List<Target> targets, List<Verdict> verdicts) {
    return new Auditor(evaluator).audit(computes, targets, verdicts);
  }

  /** The plan that makes the pairs reach, fixing unstable egress by {@code strategy}. */
  public Plan plan(List<Compute> computes, List<Target> targets, Planner.Strategy strategy) {
    return new Planner(evaluator, strategy).plan(computes, targets);
  }

  /**
   * Every diagnostic of the run without repeats: the estate's, each selected compute's egress
   * resolution's, and the target rules' (bad rule values, unknown service tags); then one INFO line
   * summing up the resource types allowpath skipped.
   */
  public List<Diagnostic> diagnostics(List<Compute> computes) {
    Set<Diagnostic> all = new LinkedHashSet<>(estate.diagnostics());
    for (Compute c : computes) {
      all.addAll(resolver.resolve(c).diagnostics());
    }
    all.addAll(evaluator.diagnostics());
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
}
