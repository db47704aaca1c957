package io.allowpath.emit.check;

import io.allowpath.analysis.access.AccessEvaluator;
import io.allowpath.analysis.egress.EgressResolver;
import io.allowpath.ingest.load.EstateLoader;
import io.allowpath.model.Estate;
import io.allowpath.plan.Plan;
import io.allowpath.plan.Planner;
import io.allowpath.synth.SyntheticEstate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plans whose emitted text the definition checks read: the example estate and synthetic estates (seeds 1–3,
 * 40 computes × 60 targets) under each egress strategy. Built once per test JVM.
 */
public final class Plans {
  private Plans() {}

  private static Map<String, Plan> cache;

  public static synchronized Map<String, Plan> estates() {
    if (cache != null) {
      return cache;
    }
    Map<String, Plan> out = new LinkedHashMap<>();
    try {
      Path dir = Files.createTempDirectory("allowpath-plans");
      for (Planner.Strategy s : Planner.Strategy.values()) {
        out.put("example/" + s, plan(List.of(Path.of("../examples/estate")), s));
      }
      for (long seed = 1; seed <= 3; seed++) {
        Path f = dir.resolve("synth-" + seed + ".json");
        SyntheticEstate.write(f, 40, 60, 12, seed);
        for (Planner.Strategy s : Planner.Strategy.values()) {
          out.put("synth" + seed + "/" + s, plan(List.of(f), s));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    cache = out;
    return out;
  }

  private static Plan plan(List<Path> files, Planner.Strategy s) {
    Estate e = new EstateLoader().load(files);
    EgressResolver r = new EgressResolver(e, null);
    AccessEvaluator ev = new AccessEvaluator(r, null);
    return new Planner(ev, s).plan(r.computes(), ev.targets());
  }
}
