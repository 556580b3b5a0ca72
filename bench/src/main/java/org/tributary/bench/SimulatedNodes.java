package org.tributary.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * Cheap stand-ins for many country nodes, for the aggregator's scale benchmark: {@code count} HTTP servers on
 * consecutive ports from {@code firstPort}, each answering capabilities, a catalogue and a small protected table
 * after {@code delayMs}. Runs until killed.
 *
 * <pre>java -cp bench.jar org.tributary.bench.SimulatedNodes 50 19000 100</pre>
 */
public final class SimulatedNodes {

    private SimulatedNodes() {}

    public static void main(String[] args) throws IOException {
        // Real nodes (Tomcat) set TCP_NODELAY; the JDK server does not by default, and with Nagle's algorithm on, a
        // client's delayed ACK holds each answer back by ~40 ms (measured: 144 ms instead of 102 ms for a 100 ms stub).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int count = Integer.parseInt(args[0]);
        int firstPort = Integer.parseInt(args[1]);
        long delayMs = Long.parseLong(args[2]);
        // Virtual threads would be cheaper; JDK 17 has none, and the delay must not queue behind a small pool.
        var executor = Executors.newCachedThreadPool();
        List<HttpServer> servers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", firstPort + i), 200);
            String id = "sim" + i;
            server.createContext("/", ex -> answer(ex, id, delayMs));
            server.setExecutor(executor);
            server.start();
            servers.add(server);
        }
        System.out.println("Simulated nodes: " + servers.size() + " on ports " + firstPort + ".."
                + (firstPort + count - 1) + ", answering after " + delayMs + " ms");
    }

    private static void answer(HttpExchange ex, String id, long delayMs) throws IOException {
        try (ex) {
            ex.getRequestBody().readAllBytes();
            String body = switch (ex.getRequestURI().getPath()) {
                case "/federation/v2/capabilities" ->
                    "{\"contractVersion\":2,\"nodeId\":\"" + id
                            + "\",\"name\":\"simulated\",\"schemaVersion\":\"4\",\"policyVersion\":1,"
                            + "\"mode\":\"ROUNDING\",\"adHocMode\":\"DIFFERENTIAL_PRIVACY\",\"releasesEnabled\":true,"
                            + "\"releasePeriod\":\"2026-Q4.1\"}";
                case "/federation/v2/catalogue" ->
                    "{\"contractVersion\":2,\"nodeId\":\"" + id + "\",\"policyVersion\":1,"
                            + "\"maxDimensions\":3,\"dimensions\":[{\"id\":\"gender\",\"multiResponse\":false,"
                            + "\"codes\":[\"F\",\"M\",\"X\"]}],\"catalogueTables\":[]}";
                case "/federation/v2/count-queries" -> {
                    sleep(delayMs);
                    yield "{\"metadata\":{\"contractVersion\":2,\"nodeId\":\"" + id + "\",\"policyVersion\":1,"
                            + "\"releasePeriod\":\"2026-Q4.1\",\"mode\":\"DIFFERENTIAL_PRIVACY\",\"threshold\":5,"
                            + "\"roundingBase\":5,\"releasedAt\":\"2026-11-28T00:00:00Z\",\"dimensions\":[\"gender\"],"
                            + "\"multiResponseDimensions\":[],\"absentCellsAreZero\":false,"
                            + "\"noise\":{\"mechanism\":\"discrete-gaussian\",\"sigma\":20,\"rho\":0.00125,"
                            + "\"epsilon\":0.2,\"delta\":1e-6,\"multiResponseBound\":2,\"note\":\"simulated\"}},"
                            + "\"cells\":["
                            + "{\"coordinates\":{\"gender\":\"F\"},\"value\":120,\"status\":\"NOISY\",\"standardError\":20},"
                            + "{\"coordinates\":{\"gender\":\"M\"},\"value\":85,\"status\":\"NOISY\",\"standardError\":20},"
                            + "{\"coordinates\":{\"gender\":\"X\"},\"value\":0,\"status\":\"NOISY\",\"standardError\":20},"
                            + "{\"coordinates\":{\"gender\":\"_T\"},\"value\":205,\"status\":\"NOISY\","
                            + "\"standardError\":34.64}]}";
                }
                default -> "{}";
            };
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
