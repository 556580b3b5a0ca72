package org.tributary.aggregator.nodes;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Client-credentials tokens of the aggregator's Keycloak client, cached until shortly before they expire.
 *
 * <p>No thundering herd, and no caller waits for a renewal: while the cached token is fresh every caller takes it
 * without locking. In the renewal window (the last {@code refreshBefore} of its life) the first caller starts one
 * renewal in the background and every caller goes on with the still valid token, however slow Keycloak is; only
 * when there is no valid token at all do callers wait, for the single request in flight (bounded by the timeout). A
 * failed renewal keeps the old token while it lasts, and the next call in the window tries again. Errors never carry
 * the secret or Keycloak's answer.
 */
public class ClientCredentialsNodeTokens implements NodeTokens {

    private static final Logger log = LoggerFactory.getLogger(ClientCredentialsNodeTokens.class);

    private record Cached(String token, Instant expiresAt, Instant renewAt) {}

    private final NodeClientProperties properties;
    private final Clock clock;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ReentrantLock renewing = new ReentrantLock();
    private final AtomicBoolean renewalInFlight = new AtomicBoolean();
    private volatile Cached cached;

    public ClientCredentialsNodeTokens(NodeClientProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
    }

    @Override
    public Optional<String> bearerToken() {
        Instant now = clock.instant();
        Cached current = cached;
        if (current != null && now.isBefore(current.renewAt())) {
            return Optional.of(current.token());
        }
        if (current != null && now.isBefore(current.expiresAt())) {
            // Renewal window: one renewal in the background; everyone uses the token that is still valid.
            Cached seen = current;
            if (renewalInFlight.compareAndSet(false, true)) {
                Thread renewal = new Thread(
                        () -> {
                            renewing.lock();
                            try {
                                if (cached == seen) {
                                    renewQuietly();
                                }
                            } finally {
                                renewing.unlock();
                                renewalInFlight.set(false);
                            }
                        },
                        "node-token-renewal");
                renewal.setDaemon(true);
                renewal.start();
            }
            return Optional.of(seen.token());
        }
        renewing.lock();
        try {
            current = cached;
            if (current == null || !clock.instant().isBefore(current.expiresAt())) {
                cached = fetch();
            }
            return Optional.of(cached.token());
        } finally {
            renewing.unlock();
        }
    }

    private void renewQuietly() {
        try {
            cached = fetch();
        } catch (TokenUnavailableException e) {
            log.warn("Renewing the aggregator's node token failed; the current token is used until it expires");
        }
    }

    private Cached fetch() {
        String form = "grant_type=client_credentials&client_id=" + encode(properties.clientId()) + "&client_secret="
                + encode(properties.clientSecret());
        HttpRequest request = HttpRequest.newBuilder(properties.tokenUri())
                .timeout(properties.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TokenUnavailableException("The token endpoint cannot be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenUnavailableException("Interrupted while asking for a token");
        }
        if (response.statusCode() != 200) {
            throw new TokenUnavailableException(
                    "The token endpoint refused the aggregator's client (HTTP " + response.statusCode() + ")");
        }
        try {
            JsonNode body = json.readTree(response.body());
            String token = body.path("access_token").asString("");
            long expiresIn = body.path("expires_in").asLong(0);
            if (token.isBlank() || expiresIn <= 0) {
                throw new TokenUnavailableException("The token endpoint's answer holds no usable token");
            }
            Instant now = clock.instant();
            Instant expiresAt = now.plusSeconds(expiresIn);
            // Renew refreshBefore ahead of expiry, but never in the first half of a short-lived token's life.
            Duration lead = properties.refreshBefore().compareTo(Duration.ofSeconds(expiresIn / 2)) < 0
                    ? properties.refreshBefore()
                    : Duration.ofSeconds(expiresIn / 2);
            return new Cached(token, expiresAt, expiresAt.minus(lead));
        } catch (JacksonException e) {
            throw new TokenUnavailableException("The token endpoint's answer is not JSON");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** No token could be had; the message is fixed and holds no secret. */
    public static final class TokenUnavailableException extends RuntimeException {
        TokenUnavailableException(String message) {
            super(message, null, false, false);
        }
    }
}
