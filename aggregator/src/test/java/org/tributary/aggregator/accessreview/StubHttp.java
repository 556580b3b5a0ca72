package org.tributary.aggregator.accessreview;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A stand-in service (a country node, the gateway) on a JDK {@code HttpServer}: each path answers a canned status
 * and JSON body, optionally late. It records the requests it saw with their {@code Authorization} header.
 */
final class StubHttp implements AutoCloseable {

    record Canned(int status, String body, long delayMillis) {}

    record Seen(String method, String pathAndQuery, String authorization) {}

    private final HttpServer server;
    private final Map<String, Canned> answers = new ConcurrentHashMap<>();
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    StubHttp() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stub-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    StubHttp answer(String path, int status, String body) {
        return answer(path, status, body, 0);
    }

    StubHttp answer(String path, int status, String body, long delayMillis) {
        answers.put(path, new Canned(status, body, delayMillis));
        return this;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A base URL that nothing listens on. */
    static String downUrl() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            String path = exchange.getRequestURI().getPath();
            seen.add(new Seen(
                    exchange.getRequestMethod(),
                    query == null ? path : path + "?" + query,
                    exchange.getRequestHeaders().getFirst("Authorization")));
            Canned canned = answers.getOrDefault(path, new Canned(404, "{\"status\":404}", 0));
            if (canned.delayMillis() > 0) {
                try {
                    Thread.sleep(canned.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] body = canned.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(canned.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        } catch (IOException e) {
            // the client gave up (a timeout test): nothing to answer
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
