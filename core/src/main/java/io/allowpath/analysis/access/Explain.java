package io.allowpath.analysis.access;

import io.allowpath.analysis.egress.Hop;
import io.allowpath.analysis.egress.HopKind;
import io.allowpath.model.ResourceId;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the one decision path ({@link AccessEvaluator#decide}) writes its explanation: the hops and the
 * source addresses the target sees. The matrix passes {@link #NONE}, which records nothing and tells the
 * decision not to build the texts; {@code check} passes a {@link Recording}. The outcome and reasons never
 * depend on the sink.
 */
public interface Explain {
  /** True when texts are wanted; callers skip building them otherwise. */
  boolean on();

  void hop(HopKind kind, ResourceId resource, String detail);

  void hops(List<Hop> hops);

  void sources(List<String> sources);

  /** Records nothing. */
  Explain NONE = new Explain() {
    @Override
    public boolean on() {
      return false;
    }

    @Override
    public void hop(HopKind kind, ResourceId resource, String detail) {}

    @Override
    public void hops(List<Hop> hops) {}

    @Override
    public void sources(List<String> sources) {}
  };

  /** Records the hops and source addresses, for a {@link Verdict}. */
  final class Recording implements Explain {
    private final List<Hop> hops = new ArrayList<>();
    private List<String> sources = List.of();

    @Override
    public boolean on() {
      return true;
    }

    @Override
    public void hop(HopKind kind, ResourceId resource, String detail) {
      hops.add(new Hop(kind, resource, detail));
    }

    @Override
    public void hops(List<Hop> more) {
      hops.addAll(more);
    }

    @Override
    public void sources(List<String> s) {
      sources = List.copyOf(s);
    }

    public List<Hop> hops() {
      return List.copyOf(hops);
    }

    public List<String> sources() {
      return sources;
    }
  }
}
