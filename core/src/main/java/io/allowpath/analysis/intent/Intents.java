package io.allowpath.analysis.intent;

import io.allowpath.analysis.egress.Compute;
import io.allowpath.model.Estate;
import io.allowpath.model.MlWorkspace;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A set of intents in order; the first intent that covers a pair decides what is expected of it (as in
 * firewall rule lists). {@code origin} says where they come from ("intents.yaml", "inferred").
 */
public record Intents(List<Intent> intents, String origin) {
  public Intents {
    intents = List.copyOf(intents);
  }

  /**
   * The first intent covering the pair, or null when none speaks about it; {@code estate} gives the
   * resources' tags.
   */
  public Intent decide(Compute c, Target t, Estate estate) {
    for (Intent i : intents) {
      if (i.covers(c, t, estate)) {
        return i;
      }
    }
    return null;
  }

  /**
   * The intents an estate implies without being told (docs/intents.md): the computes of each Azure ML
   * workspace must reach the workspace itself and its associated storage account, key vault and
   * container registry — the resources a job reads its code, data, secrets and images from
   * (https://learn.microsoft.com/azure/machine-learning/concept-workspace#associated-resources,
   * https://learn.microsoft.com/azure/machine-learning/how-to-secure-training-vnet). A Databricks cluster's
   * own requirement is its control plane, which is not a target in the estate (the audit checks its
   * required outbound); so Databricks workspaces add no pair here.
   */
  public static Intents inferred(Estate estate) {
    List<Intent> out = new ArrayList<>();
    for (MlWorkspace w : estate.all(MlWorkspace.class)) {
      List<ResourceId> deps = new ArrayList<>();
      deps.add(w.id());
      for (ResourceId r : new ResourceId[] {w.storageAccount(), w.keyVault(), w.containerRegistry()}) {
        if (r != null && !deps.contains(r)) {
          deps.add(r);
        }
      }
      Selector from = new Selector(null, null, List.of(w.id()), null, null, null);
      out.add(new Intent(w.id().name() + " dependencies", from, Selector.ofIds(deps), Intent.Expect.REACH, List.of(),
          "inferred: an AML workspace's computes reach the workspace and its storage account, key vault and registry"));
    }
    return new Intents(out, "inferred");
  }

  /** These intents followed by {@code more} (earlier ones decide first). */
  public Intents then(Intents more) {
    List<Intent> all = new ArrayList<>(intents);
    all.addAll(more.intents());
    return new Intents(all, Objects.equals(origin, more.origin()) ? origin : origin + " + " + more.origin());
  }
}
