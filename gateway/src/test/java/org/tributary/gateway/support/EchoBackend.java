package org.tributary.gateway.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * Stands in for a backend service: answers 200 with what it got, one {@code key=value} per line: its name, the
 * path (with query), the Authorization and X-Correlation-Id headers and how many body bytes arrived.
 */
public final class EchoBackend {

    private final HttpServer server;
    private final java.util.List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();

    private EchoBackend(String name, Duration delay) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            requests.add(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
            long bytes;
            try (InputStream in = exchange.getRequestBody()) {
                bytes = in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String text = "backend=" + name + "\n"
                    + "path=" + exchange.getRequestURI().getRawPath() + "\n"
                    + "query=" + exchange.getRequestURI().getRawQuery() + "\n"
                    + "authorization=" + exchange.getRequestHeaders().getFirst("Authorization") + "\n"
                    + "correlation=" + exchange.getRequestHeaders().getFirst("X-Correlation-Id") + "\n"
                    + "cookie=" + exchange.getRequestHeaders().getFirst("Cookie") + "\n"
                    + "xsrf=" + exchange.getRequestHeaders().getFirst("X-XSRF-TOKEN") + "\n"
                    + "bytes=" + bytes + "\n";
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            // Headers a careless backend might send: the gateway's must win.
            exchange.getResponseHeaders().set("Cache-Control", "max-age=3600");
            exchange.getResponseHeaders().set("X-Frame-Options", "SAMEORIGIN");
            // A backend that tries to set a cookie on the gateway's origin.
            exchange.getResponseHeaders().add("Set-Cookie", "TRIBUTARY_SESSION=planted; Path=/");
            if (exchange.getRequestMethod().equals("POST")
                    && exchange.getRequestURI().getRawPath().startsWith("/api/imports")) {
                // As a node answers an import: a link to the job, in the node's own paths.
                exchange.getResponseHeaders().set("Location", "/api/imports/00000000-0000-4000-8000-000000000001");
            }
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "echo-" + name);
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public static EchoBackend start(String name) {
        return new EchoBackend(name, Duration.ZERO);
    }

    public static EchoBackend slow(String name, Duration delay) {
        return new EchoBackend(name, delay);
    }

    /** Every request this backend got, as {@code METHOD /raw/path}. */
    public java.util.List<String> requests() {
        return java.util.List.copyOf(requests);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A URL where nothing listens. */
    public static String nothingListening() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
