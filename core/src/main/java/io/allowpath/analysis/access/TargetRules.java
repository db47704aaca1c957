package io.allowpath.analysis.access;

import io.allowpath.model.CognitiveAccount;
import io.allowpath.model.ContainerRegistry;
import io.allowpath.model.CosmosAccount;
import io.allowpath.model.DatabricksWorkspace;
import io.allowpath.model.Diagnostic;
import io.allowpath.model.Estate;
import io.allowpath.model.KeyVault;
import io.allowpath.model.MessagingNamespace;
import io.allowpath.model.MlWorkspace;
import io.allowpath.model.ResourceId;
import io.allowpath.model.SearchService;
import io.allowpath.model.ServiceTags;
import io.allowpath.model.SqlServer;
import io.allowpath.model.StorageAccount;
import io.allowpath.model.Target;
import io.allowpath.model.WebApp;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a target's firewall into an {@link Admission} by its service's rule class — one class per
 * service (StorageRules, KeyVaultRules, SqlRules, CosmosRules, RegistryRules, AppServiceRules,
 * MessagingRules for Event Hubs and Service Bus, CognitiveRules, SearchRules, MlWorkspaceRules,
 * DatabricksRules), each citing its sources. The dispatch is a {@link Target.Visitor} over the sealed
 * {@link Target}: a new service does not compile until it has its rules. A rule value that does not parse is reported
 * as a diagnostic and skipped, never fatal.
 */
public final class TargetRules {
  private final RuleContext ctx;
  private final Estate estate;

  TargetRules(ServiceTags tags, List<Diagnostic> diagnostics, Estate estate) {
    this.ctx = new RuleContext(tags, diagnostics, estate);
    this.estate = estate;
  }

  /** The rule value that refers to a public IP's address ({@code [reference('<id>').ipAddress]}). */
  public static String referenceValue(ResourceId publicIp) {
    return RuleContext.referenceValue(publicIp);
  }

  Admission compile(Target t) {
    if (estate != null && estate.unread(t.id())) {
      return Admission.unknown(Reason.TARGET_UNKNOWN, "the input has no properties for " + t.id().name()
          + ": export it with az resource show or Resource Graph");
    }
    Admission a = t.accept(compiler);
    // publicNetworkAccess SecuredByPerimeter hands public access to a network security perimeter (§8.7)
    if (PerimeterRules.securedByPerimeter(a)) {
      return PerimeterRules.compile(t, estate, ctx);
    }
    return a.publicDisabled() ? a : unreadRules(t, a);
  }

  /** The parts a scan reads separately that hold a target's public-endpoint rules (Inventory.CHILD_READS). */
  private static final Set<String> RULE_PARTS = Set.of("firewallrules", "virtualnetworkrules", "config/web",
      "networkrulesets/default");

  /**
   * {@code a}, or UNKNOWN (SCAN_READ_FAILED) when a scan could not read a part holding the target's rules
   * (issue 14 §4): computing the answer as if the part were empty would give a wrong DENY or ALLOW. Public
   * access disabled or handed to a perimeter does not depend on those parts.
   */
  private Admission unreadRules(Target t, Admission a) {
    if (estate == null) {
      return a;
    }
    for (Map.Entry<String, String> e : estate.unreadParts(t.id()).entrySet()) {
      if (RULE_PARTS.contains(e.getKey().toLowerCase(Locale.ROOT))) {
        return Admission.unknown(Reason.SCAN_READ_FAILED, "the scan could not read " + t.id().name() + "/" + e.getKey()
            + " (" + e.getValue() + "), which holds its network rules");
      }
    }
    return a;
  }

  private final Target.Visitor<Admission> compiler = new Target.Visitor<>() {
    @Override
    public Admission storage(StorageAccount s) {
      return StorageRules.compile(s, ctx);
    }

    @Override
    public Admission keyVault(KeyVault k) {
      return KeyVaultRules.compile(k, ctx);
    }

    @Override
    public Admission sql(SqlServer s) {
      return SqlRules.compile(s, ctx);
    }

    @Override
    public Admission cosmos(CosmosAccount c) {
      return CosmosRules.compile(c, ctx);
    }

    @Override
    public Admission registry(ContainerRegistry r) {
      return RegistryRules.compile(r, ctx);
    }

    @Override
    public Admission appService(WebApp w) {
      return AppServiceRules.compile(w, ctx);
    }

    @Override
    public Admission messaging(MessagingNamespace m) {
      return MessagingRules.compile(m, ctx);
    }

    @Override
    public Admission cognitive(CognitiveAccount c) {
      return CognitiveRules.compile(c, ctx);
    }

    @Override
    public Admission search(SearchService s) {
      return SearchRules.compile(s, ctx);
    }

    @Override
    public Admission mlWorkspace(MlWorkspace w) {
      return MlWorkspaceRules.compile(w, ctx);
    }

    @Override
    public Admission databricks(DatabricksWorkspace d) {
      return DatabricksRules.compile(d);
    }
  };
}
