package io.allowpath.session;

import io.allowpath.analysis.access.AccessEvaluator;
import io.allowpath.analysis.access.Matrix;
import io.allowpath.analysis.access.Verdict;
import io.allowpath.analysis.access.Whois;
import io.allowpath.analysis.audit.Auditor;
import io.allowpath.analysis.audit.Finding;
import io.allowpath.analysis.egress.Allowlist;
import io.allowpath.analysis.egress.Compute;
import io.allowpath.analysis.intent.Intent;
import io.allowpath.analysis.intent.IntentCheck;
import io.allowpath.analysis.intent.Intents;
import io.allowpath.analysis.egress.Destination;
import io.allowpath.analysis.egress.Egress;
import io.allowpath.analysis.egress.EgressResolver;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.IpSet;
import io.allowpath.model.ResourceId;
import io.allowpath.model.ServiceTags;
import io.allowpath.model.Target;
import io.allowpath.plan.Plan;
import io.allowpath.plan.Planner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
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
   * The computes named by {@code from} (all when empty). Each value is a compute key (as JSON prints
   * it), a name as tables print it ({@code <workspace>/<compute>}, or {@code <workspace>#host} like the
   * key), or a workspace or compute given by ARM id or by name. A value that matches nothing, or a name
   * that matches several, is a {@link SelectionException} naming the closest names.
   */
  public List<Compute> computes(List<String> from) {
    List<Compute> all = computes();
    if (from.isEmpty()) {
      return all;
    }
    Set<Compute> chosen = new LinkedHashSet<>();
    for (String f : from) {
      List<Compute> named = all.stream().filter(c -> c.key().equalsIgnoreCase(f) || c.name().equalsIgnoreCase(f)
          || (!f.startsWith("/") && (c.workspace().name() + "#" + c.label()).equalsIgnoreCase(f))).toList();
      if (!named.isEmpty()) {
        chosen.addAll(named);
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
      List<String> names = new ArrayList<>(all.stream().map(Compute::name).toList());
      candidates.forEach(id -> names.add(id.name()));
      ResourceId id = one(f, candidates, "workspace or compute", names);
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
      chosen.add(one(w, new ArrayList<>(ids), "workspace", ids.stream().map(ResourceId::name).toList()));
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
      chosen.add(one(t, ids, "target", ids.stream().map(ResourceId::name).toList()));
    }
    return all.stream().filter(t -> chosen.contains(t.id())).toList();
  }

  /**
   * The one candidate {@code value} names (an ARM id, or a bare name matched without case); when none
   * does, the message suggests the closest of {@code names}.
   */
  static ResourceId one(String value, List<ResourceId> candidates, String what, List<String> names) {
    ResourceId asId = value.startsWith("/") ? ResourceId.of(value) : null;
    List<ResourceId> hits = new ArrayList<>();
    for (ResourceId c : candidates) {
      if (asId != null ? c.equals(asId) : c.name().equalsIgnoreCase(value)) {
        hits.add(c);
      }
    }
    if (hits.isEmpty()) {
      List<String> close = Names.closest(value, names, 3);
      throw new SelectionException("no " + what + " named '" + value + "' in the estate"
          + (close.isEmpty() ? "" : "; did you mean " + String.join(", ", close.stream().map(n -> "'" + n + "'").toList())
          + "?"));
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

  /** The egress allowlist of these computes (their internet egress; see {@link Allowlist}). */
  public Allowlist allowlist(List<Compute> computes) {
    return Allowlist.of(egress(computes));
  }

  /**
   * Which computes leave from {@code address} (towards the internet or any target's destination) and
   * which targets admit it.
   */
  public Whois whois(IpSet address) {
    List<Target> targets = targets();
    Set<Destination> destinations = new LinkedHashSet<>();
    destinations.add(Destination.INTERNET);
    for (Target t : targets) {
      Destination d = AccessEvaluator.destinationOf(t);
      destinations.add(new Destination(d.serviceTag(), d.region(), d.endpointService(), null));
    }
    List<Whois.Leaving> leaving = new ArrayList<>();
    for (Compute c : computes()) {
      for (Destination d : destinations) {
        Egress e = d.isInternet() ? resolver.resolve(c) : resolver.resolve(c, d);
        if (e.publicIps().intersects(address)) {
          leaving.add(new Whois.Leaving(c, d, e));
          if (d.isInternet()) {
            break; // the internet egress names the path; other destinations only repeat it or differ below
          }
        }
      }
    }
    List<Whois.Admitting> admitting = new ArrayList<>();
    for (Target t : targets) {
      AccessEvaluator.Admitted a = evaluator.admitted(t, address, Set.of());
      if (a == null || !a.addresses().containsAll(address)) {
        continue;
      }
      String by = evaluator.open(t) ? evaluator.decidedBy(t) : evaluator.ipRules(t).stream()
          .filter(r -> r.allow() && (r.allAzure() || (r.addresses() != null && r.addresses().intersects(address))))
          .map(AccessEvaluator.IpRule::label).findFirst().orElse(evaluator.decidedBy(t));
      admitting.add(new Whois.Admitting(t, by));
    }
    return new Whois(address, leaving, admitting, targets.size());
  }

  /** The explained verdict of every checked pair (a Databricks cluster and its own workspace are not a pair). */
  public List<Verdict> verdicts(List<Compute> computes, List<Target> targets) {
    return evaluator.verdicts(computes, targets);
  }

  /** As {@link #verdicts(List, List)}, telling {@code computesDone} each compute whose pairs are decided. */
  public List<Verdict> verdicts(List<Compute> computes, List<Target> targets, IntConsumer computesDone) {
    return evaluator.verdicts(computes, targets, computesDone);
  }

  /**
   * The pairs {@code intents} speak about, each with its verdict and deciding intent (the first that
   * covers it), and the violations; pairs no intent covers are not evaluated.
   */
  public IntentCheck check(Intents intents, List<Compute> computes, List<Target> targets) {
    List<IntentCheck.Judged> pairs = new ArrayList<>();
    List<IntentCheck.Judged> violations = new ArrayList<>();
    Set<Intent> used = new LinkedHashSet<>();
    for (Compute c : computes) {
      for (Target t : targets) {
        Intent i = AccessEvaluator.checked(c, t) ? intents.decide(c, t, estate) : null;
        if (i == null) {
          continue;
        }
        used.add(i);
        IntentCheck.Judged j = new IntentCheck.Judged(evaluatorFor(i).evaluate(c, t), i);
        pairs.add(j);
        if (j.violated()) {
          violations.add(j);
        }
      }
    }
    return new IntentCheck(pairs, violations, intents.intents().stream().filter(i -> !used.contains(i)).toList());
  }

  private final Map<List<Integer>, AccessEvaluator> byPorts = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The evaluator for an intent's pairs: with {@code ports}, the NSG and firewall steps decide those ports
   * instead of the service's own (docs/intents.md); without, the session's evaluator.
   */
  private AccessEvaluator evaluatorFor(Intent i) {
    if (i.ports().isEmpty()) {
      return evaluator;
    }
    List<Integer> ports = i.ports().stream().distinct().sorted().toList();
    return byPorts.computeIfAbsent(ports, evaluator::withPorts);
  }

  /** The intents of {@code spec}: a file, {@code inferred}, or both joined by a comma (file first). */
  public Intents intents(String spec) {
    Intents out = null;
    for (String part : spec.split(",")) {
      String p = part.strip();
      Intents next = p.equalsIgnoreCase("inferred") ? Intents.inferred(estate) : IntentsReader.read(Path.of(p));
      out = out == null ? next : out.then(next);
    }
    return out;
  }

  /** Outcome and reason counts of every checked pair, one decision per distinct egress situation. */
  public Matrix.Counts summary(List<Compute> computes, List<Target> targets) {
    return Matrix.summary(evaluator, computes, targets);
  }

  /** {@link #summary(List, List)}, counting finished targets into {@code targetsDone} (progress display). */
  public Matrix.Counts summary(List<Compute> computes, List<Target> targets, IntConsumer targetsDone) {
    return Matrix.summary(evaluator, computes, targets, targetsDone);
  }

  /** The audit findings, given the verdicts of the same computes and targets. */
  public List<Finding> findings(List<Compute> computes, List<Target> targets, List<Verdict> verdicts) {
    return new Auditor(evaluator).audit(computes, targets, verdicts);
  }

  /** The plan for the pairs a {@code reach} intent covers (the first covering intent decides). */
  public Plan plan(List<Compute> computes, List<Target> targets, Planner.Strategy strategy, Intents intents) {
    return new Planner(evaluator, strategy).plan(computes, targets, (c, t) -> {
      Intent i = intents.decide(c, t, estate);
      return i != null && i.expect() == Intent.Expect.REACH;
    });
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
