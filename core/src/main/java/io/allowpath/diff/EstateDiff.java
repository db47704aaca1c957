package io.allowpath.diff;

import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.ResourceId;
import io.allowpath.model.ServiceTags;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What changes between two estates (before and after a change, e.g. a Terraform plan's prior state and
 * planned values): every (compute, target) pair whose verdict changes and every compute whose egress
 * changes (mode or addresses), each with its cause — the resources on the pair's path (before or
 * after: compute, subnet, VNet, every hop's resource, the target) whose modelled record differs, and
 * the attributes that differ (record components, one level into nested records, lists as
 * added/removed items).
 *
 * <p>A regression is a pair that was ALLOW and is now something else (DENY, AMBIGUOUS or UNKNOWN).
 * A pair that exists on one side only (its compute or target was added or removed) is a change, not a
 * regression: it has no verdict to lose. Regressions come first, then other changes, each in order
 * of compute and target.
 */
public final class EstateDiff {
  private EstateDiff() {}

  /**
   * An attribute of a resource that differs: its path in the model record and either the two values
   * (scalars; null when absent) or the items removed and added (lists).
   */
  public record AttributeChange(String attribute, String before, String after, List<String> removed,
      List<String> added) {
    public AttributeChange {
      removed = List.copyOf(removed);
      added = List.copyOf(added);
    }

    static AttributeChange value(String attribute, String before, String after) {
      return new AttributeChange(attribute, before, after, List.of(), List.of());
    }

    /** {@code natGateway ng-1 -> (none)}, {@code ipRules removed 52.1.2.3}. */
    public String summary() {
      if (removed.isEmpty() && added.isEmpty()) {
        return attribute + " " + shortValue(before) + " -> " + shortValue(after);
      }
      List<String> parts = new ArrayList<>();
      if (!removed.isEmpty()) {
        parts.add("removed " + shortValue(String.join(", ", removed)));
      }
      if (!added.isEmpty()) {
        parts.add("added " + shortValue(String.join(", ", added)));
      }
      return attribute + " " + String.join(", ", parts);
    }
  }

  /**
   * A resource on a path that differs: ADDED, REMOVED or CHANGED, with the attributes that differ, and
   * where it is written (the after side's source, else the before side's): a file and a JSON pointer,
   * or for Terraform input the plan file and the resource's address.
   */
  public record Cause(ResourceId resource, String change, List<AttributeChange> attributes, String file,
      String pointer, List<String> terraformRemoved, List<String> terraformAdded) {
    public Cause {
      attributes = List.copyOf(attributes);
      terraformRemoved = List.copyOf(terraformRemoved);
      terraformAdded = List.copyOf(terraformAdded);
    }

    /**
     * A cause without Terraform resources of its own ({@code terraformRemoved}/{@code terraformAdded}: the addresses
     * of association or rules resources that set this resource's fields, e.g. the
     * {@code azurerm_subnet_nat_gateway_association} a plan deletes, present on one side only).
     */
    public Cause(ResourceId resource, String change, List<AttributeChange> attributes, String file, String pointer) {
      this(resource, change, attributes, file, pointer, List.of(), List.of());
    }

    /** One line: {@code subnet snet-a: natGateway ng-1 -> (none)}. */
    public String summary() {
      String what = resource.name() + " (" + shortType(resource) + ")";
      if (!change.equals("CHANGED")) {
        return what + " " + change.toLowerCase(java.util.Locale.ROOT);
      }
      List<String> parts = new ArrayList<>();
      for (AttributeChange a : attributes) {
        parts.add(a.summary());
      }
      for (String r : terraformRemoved) {
        parts.add("removed " + r);
      }
      for (String a : terraformAdded) {
        parts.add("added " + a);
      }
      return what + ": " + String.join("; ", parts);
    }
  }

  /** A pair whose verdict changed; {@code before}/{@code after} null when the pair is on one side only. */
  public record PairChange(String compute, String computeLabel, ResourceId workspace, ResourceId target, String before,
      String after, List<String> reasonsBefore, List<String> reasonsAfter, boolean regression, List<Cause> causes) {
    public PairChange {
      reasonsBefore = List.copyOf(reasonsBefore);
      reasonsAfter = List.copyOf(reasonsAfter);
      causes = List.copyOf(causes);
    }
  }

  /** A compute whose internet egress changed (mode or addresses). */
  public record EgressChange(String compute, String computeLabel, ResourceId workspace, String modeBefore,
      String modeAfter, List<String> addressesBefore, List<String> addressesAfter, List<Cause> causes) {
    public EgressChange {
      addressesBefore = addressesBefore == null ? null : List.copyOf(addressesBefore);
      addressesAfter = addressesAfter == null ? null : List.copyOf(addressesAfter);
      causes = List.copyOf(causes);
    }
  }

  /** The whole difference, plus the diagnostics of both sides (each tagged with its side). */
  public record Result(List<PairChange> pairs, List<EgressChange> egress, int pairsBefore, int pairsAfter,
      List<Diagnostic> diagnostics) {
    public Result {
      pairs = List.copyOf(pairs);
      egress = List.copyOf(egress);
      diagnostics = List.copyOf(diagnostics);
    }

    public long regressions() {
      return pairs.stream().filter(PairChange::regression).count();
    }

    public boolean isEmpty() {
      return pairs.isEmpty() && egress.isEmpty();
    }
  }

  /** Analyses both estates and compares their answers. */
  public static Result compare(Estate before, Estate after, ServiceTags tags) {
    return compare(before, after, tags, Map.of(), Map.of());
  }

  /**
   * As {@link #compare(Estate, Estate, ServiceTags)}, with the Terraform addresses behind each side's resources
   * ({@code TerraformAdapter.addresses}: ARM id to the declaring address and the association or rules resources that
   * set its fields): a cause then also names those resources that are on one side only.
   */
  public static Result compare(Estate before, Estate after, ServiceTags tags, Map<ResourceId, Map<String, String>> joinsBefore,
      Map<ResourceId, Map<String, String>> joinsAfter) {
    return compare(Answers.of(before, tags), Answers.of(after, tags), joinsBefore, joinsAfter);
  }

  static Result compare(Answers b, Answers a) {
    return compare(b, a, Map.of(), Map.of());
  }

  static Result compare(Answers b, Answers a, Map<ResourceId, Map<String, String>> jb, Map<ResourceId, Map<String, String>> ja) {
    List<PairChange> pairs = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>(b.pairs.keySet());
    keys.addAll(a.pairs.keySet());
    for (String k : keys) {
      Answers.Pair pb = b.pairs.get(k);
      Answers.Pair pa = a.pairs.get(k);
      if (pb != null && pa != null && pb.outcome().equals(pa.outcome())) {
        continue;
      }
      Answers.Pair any = pa != null ? pa : pb;
      boolean regression = pb != null && pa != null && pb.outcome().equals("ALLOW");
      List<ResourceId> path = new ArrayList<>(pb == null ? List.of() : pb.path());
      if (pa != null) {
        pa.path().stream().filter(id -> !path.contains(id)).forEach(path::add);
      }
      pairs.add(new PairChange(any.compute(), any.computeLabel(), any.workspace(), any.target(),
          pb == null ? null : pb.outcome(), pa == null ? null : pa.outcome(),
          pb == null ? List.of() : pb.reasons(), pa == null ? List.of() : pa.reasons(), regression,
          causes(path, b.estate, a.estate, jb, ja)));
    }
    pairs.sort(Comparator.comparing((PairChange p) -> !p.regression())
        .thenComparing(p -> p.compute().toLowerCase(java.util.Locale.ROOT))
        .thenComparing(p -> p.target().key()));
    List<EgressChange> egress = new ArrayList<>();
    Set<String> computes = new TreeSet<>(b.egress.keySet());
    computes.addAll(a.egress.keySet());
    for (String k : computes) {
      Answers.EgressAnswer eb = b.egress.get(k);
      Answers.EgressAnswer ea = a.egress.get(k);
      if (eb != null && ea != null && eb.mode().equals(ea.mode()) && eb.addresses().equals(ea.addresses())) {
        continue;
      }
      Answers.EgressAnswer any = ea != null ? ea : eb;
      List<ResourceId> path = new ArrayList<>(eb == null ? List.of() : eb.path());
      if (ea != null) {
        ea.path().stream().filter(id -> !path.contains(id)).forEach(path::add);
      }
      egress.add(new EgressChange(any.compute(), any.computeLabel(), any.workspace(), eb == null ? null : eb.mode(),
          ea == null ? null : ea.mode(), eb == null ? null : eb.addresses(), ea == null ? null : ea.addresses(),
          causes(path, b.estate, a.estate, jb, ja)));
    }
    List<Diagnostic> diags = new ArrayList<>();
    side("before", b.estate.diagnostics(), b.diagnostics, diags);
    side("after", a.estate.diagnostics(), a.diagnostics, diags);
    return new Result(pairs, egress, b.pairs.size(), a.pairs.size(), diags);
  }

  private static void side(String name, Collection<Diagnostic> estate, Collection<Diagnostic> analysis,
      List<Diagnostic> out) {
    Set<Diagnostic> all = new LinkedHashSet<>(estate);
    all.addAll(analysis);
    for (Diagnostic d : all) {
      out.add(new Diagnostic(d.severity(), d.resource(), name + ": " + d.message(), d.file(), d.pointer()));
    }
  }

  /** The resources on a path whose record differs between the estates, in path order. */
  static List<Cause> causes(List<ResourceId> path, Estate before, Estate after) {
    return causes(path, before, after, Map.of(), Map.of());
  }

  /** The Terraform association / rules resources behind a resource (its joins, not its declaring address). */
  private static Set<String> joined(Map<ResourceId, Map<String, String>> joins, ResourceId id) {
    Map<String, String> m = joins.get(id);
    Set<String> out = new TreeSet<>();
    if (m != null) {
      m.forEach((k, v) -> {
        if (!k.isEmpty() && !k.startsWith("@") && v != null && !v.equals(m.get(""))) {
          out.add(v);
        }
      });
    }
    return out;
  }

  static List<Cause> causes(List<ResourceId> path, Estate before, Estate after, Map<ResourceId, Map<String, String>> jb,
      Map<ResourceId, Map<String, String>> ja) {
    List<Cause> out = new ArrayList<>();
    Set<ResourceId> seen = new HashSet<>();
    for (ResourceId hop : path) {
      // a hop inside a record (a route of a route table) is compared as its record
      ResourceId id = hop;
      while (id.parent() != null && !before.resources().containsKey(id) && !after.resources().containsKey(id)) {
        id = id.parent();
      }
      if (!seen.add(id)) {
        continue;
      }
      Object rb = before.resources().get(id);
      Object ra = after.resources().get(id);
      if (Objects.equals(rb, ra)) {
        continue;
      }
      // the hop's own source when it has one (the azurerm_route a plan deletes), else its record's
      Estate.SourceRef src = after.source(hop) != null ? after.source(hop) : before.source(hop);
      if (src == null) {
        src = after.source(id) != null ? after.source(id) : before.source(id);
      }
      String file = src == null ? null : src.file();
      String pointer = src == null ? null : src.pointer();
      Set<String> removed = joined(jb, id);
      Set<String> added = joined(ja, id);
      Set<String> both = new HashSet<>(removed);
      both.retainAll(added);
      removed.removeAll(both);
      added.removeAll(both);
      List<String> rm = List.copyOf(removed);
      List<String> ad = List.copyOf(added);
      if (rb == null) {
        out.add(new Cause(id, "ADDED", List.of(), file, pointer, rm, ad));
      } else if (ra == null) {
        out.add(new Cause(id, "REMOVED", List.of(), file, pointer, rm, ad));
      } else {
        List<AttributeChange> attrs = new ArrayList<>();
        compare("", rb, ra, attrs, 0);
        out.add(new Cause(id, "CHANGED", attrs, file, pointer, rm, ad));
      }
    }
    return out;
  }

  private static void compare(String path, Object b, Object a, List<AttributeChange> out, int depth) {
    if (Objects.equals(b, a)) {
      return;
    }
    if (b != null && a != null && b.getClass() == a.getClass() && b.getClass().isRecord() && depth < 2) {
      for (RecordComponent rc : b.getClass().getRecordComponents()) {
        if (depth == 0 && rc.getName().equals("id")) {
          continue;
        }
        compare(path.isEmpty() ? rc.getName() : path + "." + rc.getName(), get(rc, b), get(rc, a), out, depth + 1);
      }
      return;
    }
    if (b instanceof List<?> lb && a instanceof List<?> la) {
      List<Object> removed = new ArrayList<>(lb);
      removed.removeAll(la);
      List<Object> added = new ArrayList<>(la);
      added.removeAll(lb);
      if (removed.isEmpty() && added.isEmpty()) {
        out.add(AttributeChange.value(path, "order " + text(lb), "order " + text(la)));
      } else {
        out.add(new AttributeChange(path, null, null, removed.stream().map(EstateDiff::text).toList(),
            added.stream().map(EstateDiff::text).toList()));
      }
      return;
    }
    out.add(AttributeChange.value(path, b == null ? null : text(b), a == null ? null : text(a)));
  }

  private static Object get(RecordComponent rc, Object o) {
    try {
      return rc.getAccessor().invoke(o);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + rc.getName() + " of " + o.getClass().getSimpleName(), e);
    }
  }

  private static String text(Object o) {
    if (o instanceof ResourceId id) {
      return id.value();
    }
    if (o != null && o.getClass().isRecord() && String.valueOf(o).startsWith(o.getClass().getSimpleName() + "[")) {
      // an element of a list (a route, a rule) without text of its own: its name, then the fields it has, not
      // Java's record text (a value with its own text, such as an IP rule's address, keeps it)
      String label = null;
      List<String> fields = new ArrayList<>();
      for (RecordComponent rc : o.getClass().getRecordComponents()) {
        Object v = get(rc, o);
        if (v == null || (v instanceof Collection<?> c && c.isEmpty())) {
          continue;
        }
        if (rc.getName().equals("name") && (label == null || label.equals(String.valueOf(v)))) {
          label = String.valueOf(v);
        } else if (rc.getName().equals("id") && v instanceof ResourceId rid) {
          label = label == null ? rid.name() : label;
        } else {
          fields.add(rc.getName() + " " + text(v));
        }
      }
      return (label == null ? "" : label + " ") + "(" + String.join(", ", fields) + ")";
    }
    if (o instanceof Collection<?> c) {
      List<String> parts = new ArrayList<>();
      c.forEach(x -> parts.add(text(x)));
      return "[" + String.join(", ", parts) + "]";
    }
    return String.valueOf(o);
  }

  /** The last segment of a resource type: {@code subnets}, {@code natGateways}. */
  static String shortType(ResourceId id) {
    String t = id.type();
    return t == null ? "resource" : t.substring(t.lastIndexOf('/') + 1);
  }

  /** A value for one line: ARM ids shortened to their names; absent as {@code (none)}. */
  public static String shortValue(String v) {
    if (v == null) {
      return "(none)";
    }
    return v.replaceAll("(?i)/subscriptions/[^\\s,\\]]*/([^/\\s,\\]]+)", "$1");
  }
}
