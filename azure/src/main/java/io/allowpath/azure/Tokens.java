package io.allowpath.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.DefaultAzureCredentialBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Where the scan's tokens come from (issue 14, "Real authentication"):
 * <ol>
 *   <li>{@code AZURE_ACCESS_TOKEN}: a token a pipeline already holds (e.g. from
 *       {@code az account get-access-token --query accessToken -o tsv}); used as is, never renewed;</li>
 *   <li>otherwise azure-identity's {@code DefaultAzureCredential}: environment service principal, workload
 *       identity, managed identity, Azure CLI, Azure PowerShell, Azure Developer CLI
 *       (https://learn.microsoft.com/azure/developer/java/sdk/authentication/credential-chains), with
 *       {@code --tenant} and the cloud's authority host.</li>
 * </ol>
 * A credential's token is cached and renewed two minutes before its {@code expiresOn}, and at once when
 * ARM answers 401 (https://learn.microsoft.com/azure/azure-resource-manager/management/authenticate-multi-tenant
 * describes {@code ExpiredAuthenticationToken}).
 */
public final class Tokens {
  /** The environment variable holding a pre-obtained ARM token. */
  public static final String ACCESS_TOKEN_ENV = "AZURE_ACCESS_TOKEN";

  static final String NO_CREDENTIAL = "no Azure credential: tried " + ACCESS_TOKEN_ENV
      + ", environment service principal (AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_CLIENT_SECRET or certificate), "
      + "workload identity, managed identity, Azure CLI, Azure PowerShell and Azure Developer CLI; "
      + "run 'az login' (with --tenant for another tenant) or set " + ACCESS_TOKEN_ENV;

  private Tokens() {}

  /** The token source for a scan: {@code AZURE_ACCESS_TOKEN} when set, else the default credential chain. */
  public static TokenSource forScan(Map<String, String> env, AzureCloud cloud, String tenant) {
    String fixed = env.get(ACCESS_TOKEN_ENV);
    if (fixed != null && !fixed.isBlank()) {
      return fixed(fixed.strip());
    }
    DefaultAzureCredentialBuilder b = new DefaultAzureCredentialBuilder().authorityHost(cloud.authority());
    if (tenant != null) {
      b.tenantId(tenant);
    }
    return fromCredential(b.build(), cloud.scope(), "the default Azure credential chain", Clock.systemUTC());
  }

  /** A fixed token (from {@code AZURE_ACCESS_TOKEN}): cannot be renewed. */
  public static TokenSource fixed(String token) {
    return new TokenSource() {
      @Override
      public String token() {
        return token;
      }

      @Override
      public String renew() {
        throw new ScanException("Azure Resource Manager refused the token in " + ACCESS_TOKEN_ENV
            + " (expired or for another cloud/tenant); get a new one, e.g. az account get-access-token "
            + "--query accessToken -o tsv, or unset it to use az login");
      }

      @Override
      public String describe() {
        return ACCESS_TOKEN_ENV;
      }

      @Override
      public int renewals() {
        return 0;
      }

      @Override
      public String toString() {
        return "TokenSource(" + ACCESS_TOKEN_ENV + ")"; // never the token
      }
    };
  }

  /** Tokens from an azure-identity credential, cached until two minutes before they expire. */
  public static TokenSource fromCredential(TokenCredential credential, String scope, String description, Clock clock) {
    return new CredentialTokens(credential, scope, description, clock);
  }

  private static final class CredentialTokens implements TokenSource {
    private static final Duration EARLY = Duration.ofMinutes(2);
    private final TokenCredential credential;
    private final TokenRequestContext request;
    private final String description;
    private final Clock clock;
    private AccessToken current;
    private int obtained;

    CredentialTokens(TokenCredential credential, String scope, String description, Clock clock) {
      this.credential = credential;
      this.request = new TokenRequestContext().addScopes(scope);
      this.description = description;
      this.clock = clock;
    }

    @Override
    public synchronized String token() {
      if (current == null || current.getExpiresAt() == null
          || current.getExpiresAt().minus(EARLY).isBefore(OffsetDateTime.now(clock))) {
        current = fetch();
      }
      return current.getToken();
    }

    @Override
    public synchronized String renew() {
      current = fetch();
      return current.getToken();
    }

    private AccessToken fetch() {
      AccessToken t;
      try {
        t = credential.getTokenSync(request);
      } catch (RuntimeException e) {
        // azure-identity's messages are multi-line and list every credential; ours is one line
        throw new ScanException(NO_CREDENTIAL + " (" + firstLine(e) + ")");
      }
      if (t == null || t.getToken() == null) {
        throw new ScanException(NO_CREDENTIAL);
      }
      obtained++;
      return t;
    }

    @Override
    public String describe() {
      return description;
    }

    @Override
    public synchronized int renewals() {
      return Math.max(0, obtained - 1);
    }
  }

  /** The first line of an exception's message, shortened: what failed, without the SDK's essay. */
  static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    m = (nl >= 0 ? m.substring(0, nl) : m).strip();
    return m.length() > 160 ? m.substring(0, 157) + "..." : m;
  }
}
