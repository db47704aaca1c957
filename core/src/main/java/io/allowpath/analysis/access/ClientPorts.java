package io.allowpath.analysis.access;

import io.allowpath.analysis.access.NsgEvaluator.PortRange;
import io.allowpath.model.CognitiveAccount;
import io.allowpath.model.ContainerRegistry;
import io.allowpath.model.CosmosAccount;
import io.allowpath.model.DatabricksWorkspace;
import io.allowpath.model.KeyVault;
import io.allowpath.model.MessagingNamespace;
import io.allowpath.model.MlWorkspace;
import io.allowpath.model.SearchService;
import io.allowpath.model.Service;
import io.allowpath.model.SqlServer;
import io.allowpath.model.StorageAccount;
import io.allowpath.model.Target;
import io.allowpath.model.WebApp;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The TCP destination ports a client of a target needs (AZURE-EGRESS.md §8.10), which the NSG step and the
 * Azure Firewall both evaluate: the service's {@link NsgEvaluator#ports base ports}, and for Azure SQL the
 * ports its connection policy adds
 * (https://learn.microsoft.com/azure/azure-sql/database/connectivity-architecture#connection-policy):
 * <ul>
 *   <li>{@code Proxy}: every packet goes through the gateway on 1433; nothing more;
 *   <li>{@code Redirect}: after the login on 1433 the client talks to the database node directly, on
 *       11000–11999 towards the region's SQL addresses (public endpoint); through a private endpoint, on
 *       1433–65535 to the endpoint's address ("Use Redirect connection policy with private endpoints",
 *       https://learn.microsoft.com/azure/azure-sql/database/private-endpoint-overview#use-redirect-connection-policy-with-private-endpoints);
 *   <li>{@code Default}: Redirect for clients inside Azure, Proxy for clients outside it. Every compute
 *       allowpath checks is inside Azure, so the public endpoint needs the redirect range; a private endpoint
 *       connection uses Redirect only when it is chosen explicitly (same page: "clients need to explicitly
 *       choose Redirect"), so Default there needs 1433 only;
 *   <li>the policy not in the estate ({@code connectionPolicies/default} not exported): the redirect ports
 *       are {@link Extra#MAYBE}: needed unless the server proxies, which the estate does not show.
 * </ul>
 */
final class ClientPorts {
  private ClientPorts() {}

  /**
   * Whether the extra ports are needed: {@code MAYBE} when the policy is not in the estate, {@code UNREAD} when a
   * live scan could not read it ({@link SqlServer#POLICY_UNREAD}: blocked redirect ports then make the answer
   * UNKNOWN with {@link Reason#SCAN_READ_FAILED}, not AMBIGUOUS).
   */
  enum Extra { NO, YES, MAYBE, UNREAD }

  /**
   * What a client needs: every {@code base} port, and the {@code extra} ranges when {@code needed} says so
   * ({@code policy} names the connection policy, "not in the estate" when unknown); {@code key} identifies it for
   * caches of answers that depend on the ports. Instances are shared constants: {@link #of} allocates nothing
   * (the matrix asks for every group and target).
   */
  record Need(List<PortRange> base, List<PortRange> extra, Extra needed, String policy, String key) {
    private static Need of(List<PortRange> base, List<PortRange> extra, Extra needed, String policy) {
      return new Need(List.copyOf(base), List.copyOf(extra), needed, policy, base + "+" + needed + extra);
    }

    /** Every port that must be open when the extra ports are needed, else the base ports. */
    List<PortRange> all() {
      if (needed == Extra.NO) {
        return base;
      }
      List<PortRange> out = new ArrayList<>(base);
      out.addAll(extra);
      return out;
    }
  }

  /** Why the extra ports are needed, for hop details. */
  static String why(Need need) {
    String ports = String.join(", ", need.extra().stream().map(PortRange::toString).toList());
    return need.needed() == Extra.YES
        ? "the SQL server's connection policy " + ("Default".equals(need.policy()) ? "Default (Redirect for clients inside "
            + "Azure)" : need.policy()) + " sends the session on to the database node on " + ports
        : need.needed() == Extra.UNREAD
            ? "the scan could not read the SQL server's connectionPolicies/default (see the warning): with Default or "
                + "Redirect the session goes on to the database node on " + ports
            : "the SQL server's connection policy is not in the estate: with Default or Redirect the session goes on to "
                + "the database node on " + ports;
  }

  /** The ports SQL's Redirect policy adds on the public endpoint. */
  static final PortRange REDIRECT_PUBLIC = new PortRange(11000, 11999);
  /** The ports SQL's Redirect policy adds through a private endpoint. */
  static final PortRange REDIRECT_PRIVATE = new PortRange(1433, 65535);

  /** Services without a connection policy: their base ports only. */
  private static final Map<Service, Need> PLAIN = new EnumMap<>(Service.class);
  /** SQL by connection policy ("" when not in the estate, an unknown value as "?") and path: [public, private]. */
  private static final Map<String, Need[]> SQL = new HashMap<>();

  static {
    for (Service s : Service.values()) {
      PLAIN.put(s, Need.of(NsgEvaluator.ports(s), List.of(), Extra.NO, null));
    }
    List<PortRange> base = NsgEvaluator.ports(Service.SQL);
    for (String policy : List.of("Redirect", "Proxy", "Default", "", "?", SqlServer.POLICY_UNREAD)) {
      Need[] n = new Need[2];
      for (int i = 0; i < 2; i++) {
        boolean privateEndpoint = i == 1;
        Extra needed = switch (policy) {
          case "Redirect" -> Extra.YES;
          case "Proxy" -> Extra.NO;
          case "Default" -> privateEndpoint ? Extra.NO : Extra.YES;
          case SqlServer.POLICY_UNREAD -> Extra.UNREAD;
          default -> Extra.MAYBE;
        };
        n[i] = Need.of(base, List.of(privateEndpoint ? REDIRECT_PRIVATE : REDIRECT_PUBLIC), needed,
            policy.isEmpty() || policy.equals("?") ? "not in the estate"
                : policy.equals(SqlServer.POLICY_UNREAD) ? "not read by the scan" : policy);
      }
      SQL.put(policy, n);
    }
  }

  /** The ports a client of {@code t} needs over its public endpoint, or over a private endpoint. */
  static Need of(Target t, boolean privateEndpoint) {
    String policy = t.accept(POLICY);
    if (policy == null) {
      return PLAIN.get(t.service());
    }
    Need[] n = SQL.getOrDefault(policy, SQL.get("?"));
    return n[privateEndpoint ? 1 : 0];
  }

  /** The SQL server's connection policy ("" when not in the estate); null for services without one. */
  private static final Target.Visitor<String> POLICY = new Target.Visitor<>() {
    @Override
    public String storage(StorageAccount s) {
      return null;
    }

    @Override
    public String keyVault(KeyVault k) {
      return null;
    }

    @Override
    public String sql(SqlServer s) {
      return s.connectionPolicy() == null ? "" : s.connectionPolicy();
    }

    @Override
    public String cosmos(CosmosAccount c) {
      return null;
    }

    @Override
    public String registry(ContainerRegistry r) {
      return null;
    }

    @Override
    public String appService(WebApp w) {
      return null;
    }

    @Override
    public String messaging(MessagingNamespace m) {
      return null;
    }

    @Override
    public String cognitive(CognitiveAccount c) {
      return null;
    }

    @Override
    public String search(SearchService s) {
      return null;
    }

    @Override
    public String mlWorkspace(MlWorkspace w) {
      return null;
    }

    @Override
    public String databricks(DatabricksWorkspace d) {
      return null;
    }
  };
}
