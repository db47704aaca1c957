package io.allowpath.emit.spec;

import io.allowpath.emit.ApplyOrder;
import io.allowpath.model.ResourceId;
import io.allowpath.plan.Change;
import io.allowpath.plan.Plan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plan's deployments ({@link ArmSpecs#of}) with the apply order of {@link ApplyOrder} as ARM/Bicep
 * dependencies: each resource lists the resources of the changes it must wait for ({@code dependsOn}), and
 * each resource group's deployment depends on the groups that declare a resource it waits for or refers to
 * (a public IP's address, a resource's id). A group dependency that would close a cycle (ARM rejects
 * circular dependencies) is left out and named in {@link #notes()}; the README of {@code --out-dir} shows it.
 */
public record DeploymentOrder(List<Deployment> deployments, List<Set<Integer>> dependsOn, List<String> notes) {
  public DeploymentOrder {
    deployments = List.copyOf(deployments);
    dependsOn = List.copyOf(dependsOn);
    notes = List.copyOf(notes);
  }

  public static DeploymentOrder of(Plan plan) {
    List<Deployment> ds = ArmSpecs.of(plan);
    List<ApplyOrder.Dependency> deps = ApplyOrder.of(plan);
    // which group declares each resource (declared, not existing)
    Map<ResourceId, Integer> groupOf = new HashMap<>();
    for (int i = 0; i < ds.size(); i++) {
      for (ResourceSpec r : ds.get(i).resources()) {
        if (!r.existing()) {
          groupOf.putIfAbsent(r.id(), i);
        }
      }
    }
    List<Deployment> withDeps = new ArrayList<>();
    for (Deployment d : ds) {
      List<ResourceSpec> specs = new ArrayList<>();
      for (ResourceSpec r : d.resources()) {
        if (r.existing()) {
          specs.add(r);
          continue;
        }
        Set<ResourceId> extra = new TreeSet<>(r.dependsOn());
        for (ApplyOrder.Dependency dep : deps) {
          if (ApplyOrder.deploys(dep.after(), r.id()) && !ApplyOrder.deploys(dep.before(), r.id())) {
            for (ResourceId id : groupOf.keySet()) {
              if (ApplyOrder.deploys(dep.before(), id)) {
                extra.add(id);
              }
            }
          }
        }
        extra.remove(r.id());
        specs.add(extra.equals(new TreeSet<>(r.dependsOn())) ? r : new ResourceSpec(r.id(), r.type(), r.apiVersion(),
            false, r.body(), new ArrayList<>(mergedInOrder(r.dependsOn(), extra)), r.notes()));
      }
      withDeps.add(new Deployment(d.subscription(), d.resourceGroup(), specs, d.notes()));
    }
    List<Set<Integer>> groupDeps = new ArrayList<>();
    for (int i = 0; i < withDeps.size(); i++) {
      groupDeps.add(new TreeSet<>());
    }
    List<String> notes = new ArrayList<>();
    for (int i = 0; i < withDeps.size(); i++) {
      Set<ResourceId> needs = new TreeSet<>();
      for (ResourceSpec r : withDeps.get(i).resources()) {
        if (!r.existing()) {
          needs.addAll(r.dependsOn());
          refs(r.body(), needs);
        }
      }
      for (ResourceId id : needs) {
        Integer j = groupOf.get(id);
        if (j == null || j == i || groupDeps.get(i).contains(j)) {
          continue;
        }
        if (reaches(groupDeps, j, i)) {
          notes.add("resource group " + withDeps.get(i).resourceGroup() + " needs " + id.name() + " from "
              + withDeps.get(j).resourceGroup() + ", which itself waits for " + withDeps.get(i).resourceGroup()
              + ": deploy " + withDeps.get(j).resourceGroup() + " first, then run " + withDeps.get(i).resourceGroup()
              + " again");
          continue;
        }
        groupDeps.get(i).add(j);
      }
    }
    return new DeploymentOrder(withDeps, groupDeps, notes);
  }

  private static Set<ResourceId> mergedInOrder(List<ResourceId> first, Set<ResourceId> all) {
    Set<ResourceId> out = new LinkedHashSet<>(first);
    out.addAll(all);
    return out;
  }

  /** The ids a body refers to: public IP addresses and resource ids. */
  private static void refs(Node n, Set<ResourceId> out) {
    if (n instanceof Node.PipAddress p) {
      out.add(p.publicIp());
    } else if (n instanceof Node.IdOf i) {
      out.add(i.id());
    } else if (n instanceof Node.Arr a) {
      a.items().forEach(x -> refs(x, out));
    } else if (n instanceof Node.Obj o) {
      o.fields().values().forEach(x -> refs(x, out));
    } else if (n instanceof Node.Concat c) {
      c.parts().forEach(x -> refs(x, out));
    }
  }

  /** True when group {@code from} already waits, directly or not, for group {@code to}. */
  private static boolean reaches(List<Set<Integer>> deps, int from, int to) {
    if (from == to) {
      return true;
    }
    Set<Integer> seen = new HashSet<>();
    List<Integer> pending = new ArrayList<>(List.of(from));
    while (!pending.isEmpty()) {
      int g = pending.remove(pending.size() - 1);
      if (g == to) {
        return true;
      }
      if (seen.add(g)) {
        pending.addAll(deps.get(g));
      }
    }
    return false;
  }

  /** Group indexes in an order that respects every group dependency (stable: the deployments' own order). */
  public List<Integer> applyOrder() {
    List<Integer> out = new ArrayList<>();
    Set<Integer> done = new HashSet<>();
    while (out.size() < deployments.size()) {
      for (int i = 0; i < deployments.size(); i++) {
        if (!done.contains(i) && done.containsAll(dependsOn.get(i))) {
          out.add(i);
          done.add(i);
          break;
        }
      }
    }
    return out;
  }

  /** The changes a deployment's resources carry (for READMEs). */
  public static List<Change> changesOf(Plan plan, Deployment d) {
    List<Change> out = new ArrayList<>();
    for (Change c : plan.changes()) {
      if (d.resources().stream().anyMatch(r -> !r.existing() && ApplyOrder.deploys(c, r.id()))) {
        out.add(c);
      }
    }
    return out;
  }
}
