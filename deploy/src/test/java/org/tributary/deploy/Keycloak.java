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
