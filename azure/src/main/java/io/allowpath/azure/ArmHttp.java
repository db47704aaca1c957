package io.allowpath.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Resource Manager over HTTPS with the JDK client: bearer token, per-request timeout, and retries as ARM
 * and Resource Graph ask for them.
 * <ul>
 *   <li>429 and 408/500/502/503/504 and timeouts are retried up to {@code maxRetries} times, a connection
 *       that fails twice. The wait is {@code Retry-After} when the answer has it (seconds or an HTTP date,
 *       https://learn.microsoft.com/azure/azure-resource-manager/management/request-limits-and-throttling),
 *       else exponential backoff {@code base * 2^attempt} with full jitter, capped.</li>
 *   <li>Resource Graph's quota headers {@code x-ms-user-quota-remaining} and
 *       {@code x-ms-user-quota-resets-after} (hh:mm:ss): when the remaining quota reaches 0, the next
 *       query waits until the quota resets
 *       (https://learn.microsoft.com/azure/governance/resource-graph/concepts/guidance-for-throttled-requests).</li>
 *   <li>401: the token is renewed once (it may have expired mid-scan) and the request repeated.</li>
 *   <li>Any other status is an {@link ArmError} for the caller to turn into a diagnostic.</li>
 * </ul>
 * The token goes only to the configured endpoint: a {@code nextLink} to another host is refused.
 */
public final class ArmHttp {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration MAX_WAIT = Duration.ofMinutes(5);
  /** A connection that cannot be made (wrong endpoint, no network) is retried only twice: a user is waiting. */
  static final int CONNECTION_RETRIES = 2;

  /** Timeouts and retry limits. */
  public record Settings(Duration requestTimeout, int maxRetries, Duration backoffBase, Duration backoffCap) {
    public static Settings defaults() {
      return new Settings(Duration.ofSeconds(60), 6, Duration.ofSeconds(1), Duration.ofSeconds(60));
    }
  }

  private final URI base;
  private final TokenSource tokens;
  private final Settings settings;
  private final ScanStats stats;
  private final HttpClient client;
  private final Object quotaLock = new Object();
  private long graphBlockedUntilNanos;

  public ArmHttp(URI base, TokenSource tokens, Settings settings, ScanStats stats) {
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
    this.tokens = tokens;
    this.settings = settings;
    this.stats = stats;
    this.client = HttpClient.newBuilder().connectTimeout(settings.requestTimeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public URI base() {
    return base;
  }

  /** GET of a path under the endpoint ({@code /subscriptions/...?api-version=...}) or of an absolute nextLink. */
  public JsonNode get(String pathOrUrl) throws ArmError {
    return send("GET", resolve(pathOrUrl), null, false);
  }

  /** POST to Resource Graph; honours its quota headers. */
  public JsonNode postGraph(String path, JsonNode body) throws ArmError {
    return send("POST", resolve(path), body, true);
  }

  private URI resolve(String pathOrUrl) throws ArmError {
    if (pathOrUrl.startsWith("/")) {
      return URI.create(base + pathOrUrl);
    }
    URI u = URI.create(pathOrUrl);
    if (!sameOrigin(u)) {
      throw new ArmError(0, "ForeignLink", "refused to follow a link to " + u.getScheme() + "://" + u.getAuthority()
          + " (not " + base.getScheme() + "://" + base.getAuthority() + "): the token goes only to the ARM endpoint");
    }
    return u;
  }

  private boolean sameOrigin(URI u) {
    return u.getScheme() != null && u.getScheme().equalsIgnoreCase(base.getScheme())
        && u.getAuthority() != null && u.getAuthority().equalsIgnoreCase(base.getAuthority());
  }

  private JsonNode send(String method, URI uri, JsonNode body, boolean graph) throws ArmError {
    boolean renewed = false;
    String token = tokens.token();
    for (int attempt = 0; ; attempt++) {
      if (graph) {
        waitForQuota();
      }
      HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout())
          .header("Authorization", "Bearer " + token).header("Accept", "application/json")
          .header("User-Agent", "allowpath-scan");
      if (body != null) {
        rb.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
      } else {
        rb.method(method, HttpRequest.BodyPublishers.noBody());
      }
      stats.requests.incrementAndGet();
      HttpResponse<byte[]> r;
      try {
        r = client.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (HttpTimeoutException e) {
        if (attempt >= settings.maxRetries()) {
          throw new ArmError(0, "timeout", "no answer within " + seconds(settings.requestTimeout()) + " s after "
              + (attempt + 1) + " attempt(s): " + method + " " + shortPath(uri));
        }
        pause(backoff(attempt));
        continue;
      } catch (IOException e) {
        if (attempt >= Math.min(CONNECTION_RETRIES, settings.maxRetries())) {
          throw new ArmError(0, "connection failed", "cannot connect to " + uri.getAuthority() + " (" + Tokens.firstLine(e)
              + "): " + method + " " + shortPath(uri));
        }
        pause(backoff(attempt));
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ArmError(0, "interrupted", method + " " + shortPath(uri));
      }
      if (graph) {
        noteQuota(r);
      }
      int s = r.statusCode();
      if (s == 401 && !renewed) {
        renewed = true;
        token = tokens.renew();
        attempt--; // a renewal is not a retry
        continue;
      }
      if (s == 401) {
        throw new ScanException("Azure Resource Manager refused a fresh token from " + tokens.describe() + " (HTTP 401 "
            + errorCode(text(r)) + "); check the tenant (--tenant) and the cloud (--cloud)");
      }
      if (retryable(s) && attempt < settings.maxRetries()) {
        if (s == 429) {
          stats.throttled.incrementAndGet();
        }
        Duration wait = retryAfter(r).orElse(backoff(attempt));
        pause(wait);
        continue;
      }
      if (s < 200 || s >= 300) {
        throw new ArmError(s, errorCode(text(r)), errorMessage(text(r)) + (retryable(s) ? " (after "
            + (attempt + 1) + " attempts)" : ""));
      }
      try {
        JsonNode n = r.body() == null || r.body().length == 0 ? null : MAPPER.readTree(r.body()); // bytes: no String copy
        if (n == null || n.isMissingNode()) {
          throw new ArmError(s, "MalformedResponse", "empty body from " + method + " " + shortPath(uri));
        }
        return n;
      } catch (JsonProcessingException e) {
        throw new ArmError(s, "MalformedResponse", "body is not JSON (" + e.getOriginalMessage() + ") from "
            + method + " " + shortPath(uri));
      } catch (IOException e) {
        throw new ArmError(s, "MalformedResponse", "body is not JSON (" + e.getMessage() + ") from "
            + method + " " + shortPath(uri));
      }
    }
  }

  private static String text(HttpResponse<byte[]> r) {
    return r.body() == null ? "" : new String(r.body(), StandardCharsets.UTF_8);
  }

  /** "60" or "0.4": seconds for messages. */
  static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? String.valueOf(ms / 1000) : String.valueOf(ms / 1000.0);
  }

  static boolean retryable(int s) {
    return s == 429 || s == 408 || s == 500 || s == 502 || s == 503 || s == 504;
  }

  private void pause(Duration d) throws ArmError {
    stats.retries.incrementAndGet();
    long ms = Math.min(d.toMillis(), MAX_WAIT.toMillis());
    stats.waitedMillis.addAndGet(ms);
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ArmError(0, "interrupted", "while waiting to retry");
    }
  }

  /** Exponential backoff with full jitter: a random wait in [base*2^attempt/2, base*2^attempt], capped. */
  Duration backoff(int attempt) {
    long cap = settings.backoffCap().toMillis();
    long exp = Math.min(cap, settings.backoffBase().toMillis() << Math.min(attempt, 20));
    long half = exp / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
  }

  /** {@code Retry-After} as seconds or an HTTP date; empty when absent or unreadable. */
  static Optional<Duration> retryAfter(HttpResponse<?> r) {
    Optional<String> h = r.headers().firstValue("Retry-After");
    if (h.isEmpty()) {
      return Optional.empty();
    }
    String v = h.get().strip();
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (RuntimeException e2) {
        return Optional.empty();
      }
    }
  }

  private void noteQuota(HttpResponse<?> r) {
    Optional<String> remaining = r.headers().firstValue("x-ms-user-quota-remaining");
    Optional<String> resets = r.headers().firstValue("x-ms-user-quota-resets-after");
    if (remaining.isEmpty() || resets.isEmpty()) {
      return;
    }
    try {
      if (Integer.parseInt(remaining.get().strip()) > 0) {
        return;
      }
    } catch (NumberFormatException e) {
      return;
    }
    Duration d = hms(resets.get());
    if (d != null) {
      synchronized (quotaLock) {
        graphBlockedUntilNanos = Math.max(graphBlockedUntilNanos, System.nanoTime() + d.toNanos());
      }
    }
  }

  private void waitForQuota() throws ArmError {
    long until;
    synchronized (quotaLock) {
      until = graphBlockedUntilNanos;
    }
    long ms = (until - System.nanoTime()) / 1_000_000;
    if (ms > 0) {
      stats.waitedMillis.addAndGet(Math.min(ms, MAX_WAIT.toMillis()));
      try {
        Thread.sleep(Math.min(ms, MAX_WAIT.toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ArmError(0, "interrupted", "while waiting for the Resource Graph quota");
      }
    }
  }

  /** "hh:mm:ss" (Resource Graph's {@code x-ms-user-quota-resets-after}); null when unreadable. */
  static Duration hms(String v) {
    String[] p = v.strip().split(":");
    if (p.length != 3) {
      return null;
    }
    try {
      return Duration.ofHours(Long.parseLong(p[0])).plusMinutes(Long.parseLong(p[1]))
          .plusMillis(Math.round(Double.parseDouble(p[2]) * 1000));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String errorCode(String body) {
    JsonNode e = errorNode(body);
    return e == null || !e.path("code").isTextual() ? "" : e.path("code").asText();
  }

  private static String errorMessage(String body) {
    JsonNode e = errorNode(body);
    if (e != null && e.path("message").isTextual()) {
      return Tokens.firstLine(new RuntimeException(e.path("message").asText()));
    }
    return "";
  }

  /** ARM's error shape: {@code {"error": {"code", "message"}}}. */
  private static JsonNode errorNode(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      JsonNode n = MAPPER.readTree(body);
      return n != null && n.path("error").isObject() ? n.path("error") : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  static String shortPath(URI u) {
    String p = u.getRawPath();
    return p.toLowerCase(Locale.ROOT).contains("/providers/microsoft.resourcegraph") ? "Resource Graph query" : p;
  }
}
