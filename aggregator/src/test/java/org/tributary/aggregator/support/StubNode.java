package org.tributary.aggregator.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stand-in country node for route tests: serves capabilities, a catalogue and protected tables, or misbehaves
 * on purpose (slow, malformed, 500, a policy refusal). Its behaviour can change while the test runs. A
 * {@link Behaviour#DOWN} stub holds a port that nothing listens on.
 */
public final class StubNode implements AutoCloseable {

    public enum Behaviour {
        OK,
        SLOW,
        MALFORMED,
        ERROR,
        REFUSE,
        DOWN
    }

    /** Every dimension the regional indicators use, with a few codes each. */
    static final Map<String, List<String>> CATALOGUE = Map.ofEntries(
            Map.entry("year", List.of("2023", "2024")),
            Map.entry("gender", List.of("F", "M", "X")),
            Map.entry("ageBand", List.of("9-17", "18-20", "_U")),
            Map.entry("citizenship", List.of("KH", "VN", "_U")),
            Map.entry("countryOfExploitation", List.of("TH", "MY", "_U")),
            Map.entry("traffickingStatus", List.of("PossibleVictimOfTrafficking", "ActualVictimOfTrafficking")),
            Map.entry("identificationStage", List.of("Destination", "Transit", "_U")),
            Map.entry("informedOfEntitlements", List.of("yes", "no", "_U")),
            Map.entry("assistedAtDestination", List.of("yes", "no")),
            Map.entry("assistanceOfferedAtDestination", List.of("yes", "no")),
            Map.entry("assistanceDeclined", List.of("yes", "no")),
            Map.entry("destinationService", List.of("Shelter", "Health", "None")),
            Map.entry("originService", List.of("Counselling", "Grant", "None")),
            Map.entry("reintegrationService", List.of("yes", "no")),
            Map.entry("returned", List.of("yes", "no")),
            Map.entry("exploitationType", List.of("ForcedLabour", "SexualExploitation", "_U")),
            Map.entry("daysToFirstService", List.of("0-7", "8-30", "none")),
            Map.entry("followUpWithin12Months", List.of("yes", "no")));

    private final String country;
    private final int port;
    private final HttpServer server;
    private final AtomicReference<Behaviour> behaviour;
    private final AtomicInteger countQueries = new AtomicInteger();
    private final JsonMapper json = JsonMapper.builder().build();
    private volatile long slowMillis = 3_000;
    private volatile long delayMillis = 0;

    public StubNode(String country, Behaviour initial) {
        this.country = country;
        this.behaviour = new AtomicReference<>(initial);
        if (initial == Behaviour.DOWN) {
            this.port = freePort();
            this.server = null;
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stub-" + country);
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
        this.port = server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String country() {
        return country;
    }

    public void behave(Behaviour b) {
        behaviour.set(b);
    }

    /** Every answer waits this long first (the 50-node simulation answers after 100 ms). */
    public StubNode delay(long millis) {
        this.delayMillis = millis;
        return this;
    }

    public StubNode slowFor(long millis) {
        this.slowMillis = millis;
        return this;
    }

    public int countQueries() {
        return countQueries.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            byte[] request = ex.getRequestBody().readAllBytes();
            Behaviour b = behaviour.get();
            if (delayMillis > 0) {
                pause(delayMillis);
            }
            switch (path) {
                case "/federation/v1/capabilities" -> send(ex, 200, capabilities());
                case "/federation/v1/catalogue" -> send(ex, 200, catalogue());
                case "/federation/v1/count-queries" -> {
                    countQueries.incrementAndGet();
                    switch (b) {
                        case OK -> send(ex, 200, table(json.readTree(request)));
                        case SLOW -> {
                            pause(slowMillis);
                            send(ex, 200, table(json.readTree(request)));
                        }
                        case MALFORMED -> send(ex, 200, "{\"metadata\": {\"nodeId\": \"x\"}, \"cells\": [ {\"coord");
                        case ERROR ->
                            send(
                                    ex,
                                    500,
                                    "{\"error\": \"java.lang.IllegalStateException: secret internals at line 42\"}");
                        case REFUSE ->
                            send(
                                    ex,
                                    422,
                                    "{\"type\":\"urn:tributary:problem:query-refused\",\"title\":\"Query refused\","
                                            + "\"status\":422,\"reason\":\"POPULATION_TOO_SMALL\","
                                            + "\"detail\":\"The query selects too few persons.\"}");
                        case DOWN -> send(ex, 503, "");
                    }
                }
                default -> send(ex, 404, "{}");
            }
        }
    }

    private String capabilities() {
        return "{\"nodeId\":\"node-" + country.toLowerCase() + "\",\"country\":\"" + country
                + "\",\"name\":\"stub\",\"schemaVersion\":\"3\",\"policyVersion\":7,\"mode\":\"ROUNDING\","
                + "\"releasesEnabled\":true}";
    }

    private String catalogue() {
        ObjectNode root = json.createObjectNode();
        root.put("nodeId", "node-" + country.toLowerCase());
        root.put("policyVersion", 7);
        root.put("maxDimensions", 3);
        ArrayNode dims = root.putArray("dimensions");
        CATALOGUE.forEach((id, codes) -> {
            ObjectNode d = dims.addObject();
            d.put("id", id);
            d.put("multiResponse", id.endsWith("Service") || id.equals("citizenship") || id.equals("exploitationType"));
            ArrayNode c = d.putArray("codes");
            codes.forEach(c::add);
        });
        root.putArray("indicators");
        return json.writeValueAsString(root);
    }

    /** Every combination of the dimensions' codes and totals; the totals are not sums (this is no real node). */
    private String table(JsonNode query) {
        List<String> dims = new ArrayList<>();
        query.path("dimensions").forEach(d -> dims.add(d.asString()));
        ObjectNode root = json.createObjectNode();
        ObjectNode md = root.putObject("metadata");
        md.put("nodeId", "node-" + country.toLowerCase());
        md.put("policyVersion", 7);
        md.put("mode", "ROUNDING");
        md.put("threshold", 5);
        md.put("roundingBase", 5);
        md.put("releasedAt", "2026-11-28T10:00:00Z");
        ArrayNode mdDims = md.putArray("dimensions");
        dims.forEach(mdDims::add);
        md.putArray("multiResponseDimensions");
        md.put("totalCode", "_T");
        md.put("absentCellsAreZero", true);
        ArrayNode cells = root.putArray("cells");
        List<List<String>> combos = new ArrayList<>();
        combos.add(new ArrayList<>());
        for (String d : dims) {
            List<List<String>> next = new ArrayList<>();
            List<String> codes = new ArrayList<>(CATALOGUE.getOrDefault(d, List.of("a")));
            codes.add("_T");
            for (List<String> c : combos) {
                for (String code : codes) {
                    List<String> more = new ArrayList<>(c);
                    more.add(code);
                    next.add(more);
                }
            }
            combos = next;
        }
        for (List<String> c : combos) {
            ObjectNode cell = cells.addObject();
            ObjectNode at = cell.putObject("coordinates");
            int totals = 0;
            for (int i = 0; i < dims.size(); i++) {
                at.put(dims.get(i), c.get(i));
                totals += c.get(i).equals("_T") ? 1 : 0;
            }
            if (c.contains("X")) {
                cell.put("suppressed", true);
            } else {
                cell.put("value", 10L * (1 + totals * 2));
            }
        }
        return json.writeValueAsString(root);
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders()
                .set(
                        "Content-Type",
                        status >= 400 && body.contains("urn:") ? "application/problem+json" : "application/json");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
