package org.tributary.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real tokens from the real Keycloak of a test federation. */
final class Keycloak {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String baseUrl;

    Keycloak(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A demo user's access token (password grant of the demo public client). */
    String user(String username) {
        return user("tributary-web", username);
    }

    String user(String client, String username) {
        return token(
                "tributary",
                Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        client,
                        "username",
                        username,
                        "password",
                        "demo-password-" + username));
    }

    /** A confidential client's service-account token. */
    String client(String clientId, String secret) {
        return token(
                "tributary",
                Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    /** The bootstrap admin's token from realm master: another issuer and another signing key. */
    String masterAdmin() {
        return token(
                "master",
                Map.of(
                        "grant_type", "password",
                        "client_id", "admin-cli",
                        "username", "admin",
                        "password", KeycloakServer.DEMO_ADMIN_PASSWORD));
    }

    /** The status of a password grant for a user of realm tributary (200 when the password is taken). */
    int passwordGrant(String username, String password) {
        return post(
                        "/realms/tributary/protocol/openid-connect/token",
                        null,
                        "application/x-www-form-urlencoded",
                        form(Map.of(
                                "grant_type",
                                "password",
                                "client_id",
                                "tributary-web",
                                "username",
                                username,
                                "password",
                                password)))
                .statusCode();
    }

    /** Creates an enabled, fully set-up user of realm tributary with a password; returns its id. */
    String createUser(String adminToken, String username, String password) {
        String user = JSON.writeValueAsString(Map.of(
                "username",
                username,
                "enabled",
                true,
                "email",
                username + "@example.org",
                "emailVerified",
                true,
                "firstName",
                "Test",
                "lastName",
                "User",
                "credentials",
                java.util.List.of(Map.of("type", "password", "value", password, "temporary", false))));
        var response = post("/admin/realms/tributary/users", adminToken, "application/json", user);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Keycloak did not create " + username + ": HTTP " + response.statusCode());
        }
        String location = response.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** Keycloak's brute-force record of a user: {@code numFailures}, {@code disabled} (locked now), ... */
    JsonNode bruteForceStatus(String adminToken, String userId) {
        try {
            var response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(
                                    baseUrl + "/admin/realms/tributary/attack-detection/brute-force/users/" + userId))
                            .header("Authorization", "Bearer " + adminToken)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("brute-force status: HTTP " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> post(String path, String bearer, String contentType, String body) {
        try {
            var request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private String token(String realm, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            var response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/realms/" + realm + "/protocol/openid-connect/token"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token to " + form.get("client_id") + "/"
                        + form.getOrDefault("username", "-") + ": HTTP " + response.statusCode());
            }
            return JSON.readTree(response.body()).path("access_token").asString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The token's claims, read without checking (for the test's own bookkeeping). */
    static JsonNode claims(String token) {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    /** The token's header, read without checking. */
    static JsonNode header(String token) {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
    }

    /** The same claims under {@code alg: none}, without a signature. */
    static String withAlgNone(String token) {
        String header = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + token.split("\\.")[1] + ".";
    }

    /** The same token with one byte of its signature changed. */
    static String withBadSignature(String token) {
        String[] parts = token.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[signature.length / 2] ^= 0x5a;
        return parts[0] + "." + parts[1] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }
}
