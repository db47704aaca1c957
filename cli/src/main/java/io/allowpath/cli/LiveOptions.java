package io.allowpath.cli;

import io.allowpath.azure.ArmHttp;
import io.allowpath.azure.AzureCloud;
import io.allowpath.azure.ScanException;
import io.allowpath.azure.ScanStats;
import io.allowpath.azure.Scanner;
import io.allowpath.azure.TokenSource;
import io.allowpath.azure.Tokens;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * How to reach Azure when the estate is read live ({@code allowpath scan}, or an analysis command without
 * {@code --estate}): scope beyond subscriptions, tenant, cloud, endpoint, concurrency, and progress.
 */
public final class LiveOptions {
  /** The process environment; tests replace it to hand the scan an {@code AZURE_ACCESS_TOKEN}. */
  static Supplier<Map<String, String>> environment = System::getenv;

  @Option(names = "--management-group", paramLabel = "ID",
      description = "live: read every subscription under this management group (repeatable)")
  List<String> managementGroups = new ArrayList<>();

  @Option(names = "--tenant", paramLabel = "ID", description = "live: the Microsoft Entra tenant to get the token from")
  String tenant;

  @Option(names = "--cloud", paramLabel = "NAME", defaultValue = "AzureCloud",
      description = "live: AzureCloud, AzureUSGovernment or AzureChinaCloud (default: ${DEFAULT-VALUE})")
  String cloud;

  @Option(names = "--arm-endpoint", paramLabel = "URL",
      description = "live: Azure Resource Manager endpoint (default: the cloud's)")
  URI armEndpoint;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
      description = "live: ARM GETs in flight at once (default: ${DEFAULT-VALUE})")
  int concurrency;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "live: give up on a request after this long (retried; default: ${DEFAULT-VALUE})")
  int timeoutSeconds;

  @Option(names = {"-q", "--quiet"}, description = "no progress and no summary line on stderr (live scan, long local work)")
  boolean quiet;

  /** Reads the estate from Azure; progress on stderr when it is a terminal, a summary line unless quiet. */
  Scanner.Result scan(List<String> subscriptions, List<String> resourceGroups, PrintWriter err) {
    AzureCloud c = AzureCloud.parse(cloud);
    if (c == null) {
      throw new UsageException("--cloud must be AzureCloud, AzureUSGovernment or AzureChinaCloud, not '" + cloud + "'");
    }
    if (concurrency < 1 || concurrency > 64) {
      throw new UsageException("--concurrency must be between 1 and 64, not " + concurrency);
    }
    if (timeoutSeconds < 1) {
      throw new UsageException("--timeout must be at least 1 second, not " + timeoutSeconds);
    }
    URI endpoint = armEndpoint == null ? c.arm() : armEndpoint;
    String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(scheme.equals("http") && isLoopback(endpoint.getHost()))) {
      throw new UsageException("--arm-endpoint must be an https URL (http only for localhost), not '" + endpoint + "'");
    }
    ScanStats stats = new ScanStats();
    ScanProgress progress = ScanProgress.start(stats, err, quiet);
    try {
      TokenSource tokens = Tokens.forScan(environment.get(), c, tenant);
      ArmHttp.Settings d = ArmHttp.Settings.defaults();
      ArmHttp http = new ArmHttp(endpoint, tokens,
          new ArmHttp.Settings(Duration.ofSeconds(timeoutSeconds), d.maxRetries(), d.backoffBase(), d.backoffCap()), stats);
      Scanner.Result r = new Scanner(http, stats).scan(
          new Scanner.Request(subscriptions, managementGroups, resourceGroups, concurrency));
      progress.finish(r);
      return r;
    } catch (ScanException e) {
      progress.abort();
      throw new UsageException(e.getMessage());
    } catch (IllegalArgumentException e) {
      progress.abort();
      throw new UsageException(e.getMessage());
    }
  }

  private static boolean isLoopback(String host) {
    return host != null && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1"));
  }
}
