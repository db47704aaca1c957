package io.allowpath.cli;

import io.allowpath.analysis.access.Reason;
import io.allowpath.analysis.audit.AuditRule;
import io.allowpath.analysis.intent.IntentRule;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code allowpath explain REASON|RULE}: a verdict reason's meaning, AZURE-EGRESS.md source and usual
 * fix ({@link Reason}, the text of docs/reasons.md), or an audit rule's description, source and fix
 * ({@link AuditRule}, the text of docs/audit-rules.md); the doc tests keep the enums and the pages in
 * step. A name that is neither is a usage error (exit 2).
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = "Explain a verdict reason (e.g. EGRESS_UNSTABLE) or an audit rule (e.g. AP001 or UnstableEgress).")
public final class ExplainCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "REASON|RULE", completionCandidates = Names.class,
      description = "a reason name, an audit rule id or an audit rule name (any case)")
  String name;

  @Spec CommandSpec spec;

  /** Every reason and rule id, for completion. */
  static final class Names extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    Names() {
      Arrays.stream(Reason.values()).forEach(r -> add(r.name()));
      Arrays.stream(AuditRule.values()).forEach(r -> add(r.id()));
      Arrays.stream(IntentRule.values()).forEach(r -> add(r.id()));
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    String n = name.trim();
    for (Reason r : Reason.values()) {
      if (r.name().equalsIgnoreCase(n) || r.name().equalsIgnoreCase(n.replace('-', '_'))) {
        out.println(r.name() + " (verdict reason)");
        out.println("  meaning:   " + r.meaning());
        out.println("  source:    AZURE-EGRESS.md " + r.source());
        out.println("  usual fix: " + r.fix());
        out.println("  see docs/reasons.md");
        return 0;
      }
    }
    for (AuditRule r : AuditRule.values()) {
      if (r.id().equalsIgnoreCase(n) || r.ruleName().equalsIgnoreCase(n)) {
        out.println(r.id() + " " + r.ruleName() + " (audit rule, " + r.level().sarif() + ")");
        out.println("  " + r.shortDescription());
        out.println("  why:       " + r.fullDescription());
        out.println("  source:    AZURE-EGRESS.md " + r.source());
        out.println("  usual fix: " + r.fix());
        out.println("  see docs/audit-rules.md#" + (r.id() + "-" + r.ruleName()).toLowerCase(Locale.ROOT));
        return 0;
      }
    }
    for (IntentRule r : IntentRule.values()) {
      if (r.id().equalsIgnoreCase(n) || r.ruleName().equalsIgnoreCase(n)) {
        out.println(r.id() + " " + r.ruleName() + " (intent rule of audit --intents, " + r.level().sarif() + ")");
        out.println("  " + r.shortDescription());
        out.println("  why:       " + r.fullDescription());
        out.println("  usual fix: " + r.fix());
        out.println("  see docs/audit-rules.md#" + (r.id() + "-" + r.ruleName()).toLowerCase(Locale.ROOT));
        return 0;
      }
    }
    throw new UsageException("no verdict reason or audit rule named '" + n + "'; reasons are listed in "
        + "docs/reasons.md (e.g. EGRESS_UNSTABLE), rules in docs/audit-rules.md (AP001…AP" + String.format("%03d",
        AuditRule.values().length) + "); try: allowpath explain EGRESS_UNSTABLE");
  }
}
