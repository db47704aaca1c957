package io.allowpath.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import reactor.core.publisher.Mono;

/**
 * A client-credentials OAuth client of the emulator's token endpoint, in the shape azure-identity's
 * credentials have ({@link TokenCredential}): {@code POST /oauth2/token} form-encoded, answer
 * {@code {"access_token", "expires_in"}}.
 */
public final class EmulatorCredential implements TokenCredential {
  private final URI tokenEndpoint;
  private final HttpClient client = HttpClient.newHttpClient();

  public EmulatorCredential(URI base) {
    this.tokenEndpoint = URI.create(base + "/oauth2/token");
  }

  @Override
  public Mono<AccessToken> getToken(TokenRequestContext request) {
    return Mono.fromCallable(() -> getTokenSync(request));
  }

  @Override
  public AccessToken getTokenSync(TokenRequestContext request) {
    String form = "grant_type=client_credentials&client_id=test&client_secret=test&scope="
        + String.join(" ", request.getScopes()).replace(" ", "%20");
    try {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(tokenEndpoint)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode n = ArmEmulator.MAPPER.readTree(r.body());
      return new AccessToken(n.path("access_token").asText(), OffsetDateTime.now().plusSeconds(n.path("expires_in").asLong()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
