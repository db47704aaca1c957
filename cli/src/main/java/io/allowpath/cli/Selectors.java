package io.allowpath.cli;

import io.allowpath.analysis.egress.Compute;
import io.allowpath.model.Estate;
import io.allowpath.model.ResourceId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves {@code --workspace}/{@code --from}/{@code --to} values: an ARM id or a bare resource name
 * (CONTRACT.md); an ambiguous name is an error that lists the candidates, an unknown one too.
 */
final class Selectors {
  private Selectors() {}

  static ResourceId one(String value, List<ResourceId> candidates, String what) {
    ResourceId asId = value.startsWith("/") ? ResourceId.of(value) : null;
    List<ResourceId> hits = new ArrayList<>();
    for (ResourceId c : candidates) {
      if (asId != null ? c.equals(asId) : c.name().equalsIgnoreCase(value)) {
        hits.add(c);
      }
    }
    if (hits.isEmpty()) {
      throw new UsageException("no " + what + " named '" + value + "' in the estate");
    }
    if (hits.size() > 1) {
      throw new UsageException("'" + value + "' names " + hits.size() + " " + what + "s; use one of the ids: "
          + String.join(", ", hits.stream().map(ResourceId::value).toList()));
    }
    return hits.get(0);
  }

  static List<Compute> byWorkspace(List<Compute> computes, List<String> workspaces, Estate estate) {
    if (workspaces.isEmpty()) {
      return computes;
    }
    Set<ResourceId> all = new LinkedHashSet<>();
    computes.forEach(c -> all.add(c.workspace()));
    Set<ResourceId> chosen = new LinkedHashSet<>();
    for (String w : workspaces) {
      chosen.add(one(w, new ArrayList<>(all), "workspace"));
    }
    return computes.stream().filter(c -> chosen.contains(c.workspace())).toList();
  }
}
