package org.tributary.node.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for tests against the node on its random port: what a real client sends is what we test. */
public final class Http {

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private final Supplier<String> token;
    private final JsonMapper json = JsonMapper.builder().build();

    /** A client that sends a fresh token of the test node's national staff (and the aggregator's role). */
    public Http(int port) {
        this(port, Tokens::allNodeRoles);
    }

    /** A client that sends the given token with every request (null: no Authorization header). */
    public Http(int port, Supplier<String> token) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
    }

    /** The same node, with another caller's token (null: none). */
    public Http as(String bearerToken) {
        return new Http(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), () -> bearerToken);
    }

    public record Response(int status, Map<String, java.util.List<String>> headers, String body, JsonNode json) {
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** A GET with extra headers (e.g. a relayed requester token). */
    public Response get(String path, Map<String, String> headers) {
        var b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        headers.forEach(b::header);
        return send(b);
    }

    /** A JSON POST with extra headers. */
    public Response postJson(String path, String body, Map<String, String> headers) {
        var b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return send(b);
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    public Response postJson(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response putJson(String path, String body, String ifMatch) {
        var b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return send(b);
    }

    public Response post(String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Response post(String path, String contentType, Path file) {
        try {
            return send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofFile(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GET of a binary body (a workbook): its bytes, or an error for any status but 200. */
    public byte[] getBytes(String path) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        String bearer = token.get();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            var response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + ": HTTP " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Response send(HttpRequest.Builder request) {
        String bearer = token.get();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            var response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode node = null;
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (type.contains("json") && !response.body().isEmpty()) {
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
