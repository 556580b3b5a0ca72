package org.tributary.aggregator.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for tests against a service on its port: what a real client sends is what we test. */
public final class Http {

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Supplier<String> token;
    private final JsonMapper json = JsonMapper.builder().build();

    /** A client that sends the given token with every request (a null token: no Authorization header). */
    public Http(String base, Supplier<String> token) {
        this.base = base;
        this.token = token;
    }

    /** A client of the aggregator as a regional analyst and security officer. */
    public Http(String base) {
        this(base, Tokens::analyst);
    }

    public Http(int port) {
        this("http://127.0.0.1:" + port);
    }

    /** The same service, called with another token (null: none). */
    public Http as(String bearerToken) {
        return new Http(base, () -> bearerToken);
    }

    public record Response(int status, Map<String, List<String>> headers, byte[] bytes, JsonNode json) {

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }

        public String body() {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    public Response get(String path, String... headers) {
        var b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b);
    }

    public Response postJson(String path, String body, String... headers) {
        var b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b);
    }

    public Response post(String path, String contentType, byte[] body, String... headers) {
        var b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b);
    }

    private Response send(HttpRequest.Builder request) {
        String bearer = token.get();
        if (bearer != null) {
            request.setHeader("Authorization", "Bearer " + bearer);
        }
        try {
            var response = client.send(
                    request.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode node = null;
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (type.contains("json") && response.body().length > 0) {
                node = json.readTree(response.body());
            }
            return new Response(response.statusCode(), response.headers().map(), response.body(), node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
