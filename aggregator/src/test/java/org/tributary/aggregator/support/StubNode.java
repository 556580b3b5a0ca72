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
import org.tributary.common.disclosure.CellStatus;
import org.tributary.common.disclosure.ReleaseMode;
import org.tributary.common.federation.BudgetStatus;
import org.tributary.common.federation.CatalogueRelease;
import org.tributary.common.federation.CatalogueTables;
import org.tributary.common.federation.CountQueryRequest;
import org.tributary.common.federation.DimensionInfo;
import org.tributary.common.federation.FederationContract;
import org.tributary.common.federation.NodeCapabilities;
import org.tributary.common.federation.NodeCatalogue;
import org.tributary.common.federation.NoiseInfo;
import org.tributary.common.federation.ReleasedTable;
import org.tributary.common.federation.TableCell;
import org.tributary.common.federation.TableMetadata;
import tools.jackson.databind.json.JsonMapper;

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

    /** The calls to its count-query and catalogue-release endpoints so far. */
    static final String PERIOD = "2026-Q4.1";

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
                case FederationContract.CAPABILITIES -> send(ex, 200, json.writeValueAsString(capabilities()));
                case FederationContract.CATALOGUE -> send(ex, 200, json.writeValueAsString(catalogue()));
                case FederationContract.BUDGET -> send(ex, 200, json.writeValueAsString(budget()));
                case FederationContract.CHECKPOINT -> send(ex, 200, json.writeValueAsString(checkpoint()));
                case FederationContract.AUDIT_PROOF -> send(ex, 200, json.writeValueAsString(proof(ex)));
                case FederationContract.COUNT_QUERIES, FederationContract.CATALOGUE_RELEASE -> {
                    countQueries.incrementAndGet();
                    boolean adHoc = path.equals(FederationContract.COUNT_QUERIES);
                    if (adHoc && ex.getRequestHeaders().getFirst(FederationContract.REQUESTER_TOKEN_HEADER) == null) {
                        send(
                                ex,
                                403,
                                "{\"type\":\"urn:tributary:problem:forbidden\",\"status\":403,"
                                        + "\"reason\":\"REQUESTER_UNVERIFIED\",\"detail\":\"no requester\"}");
                        return;
                    }
                    switch (b) {
                        case OK -> signed(ex, adHoc, answer(adHoc, request));
                        case SLOW -> {
                            pause(slowMillis);
                            signed(ex, adHoc, answer(adHoc, request));
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

    private String answer(boolean adHoc, byte[] request) {
        if (adHoc) {
            var query = json.readValue(request, CountQueryRequest.class);
            return json.writeValueAsString(table(query.dimensions(), ReleaseMode.DIFFERENTIAL_PRIVACY));
        }
        return json.writeValueAsString(catalogueRelease());
    }

    private String nodeId() {
        return "node-" + country.toLowerCase();
    }

    // --- a small audit chain of its own, signed as a node signs it ---

    private final org.tributary.common.integrity.SigningKey key =
            org.tributary.common.integrity.SigningKey.demo("stub node " + System.identityHashCode(this));
    private final List<String> contents = new ArrayList<>();
    private final List<String> hashes = new ArrayList<>();
    private volatile boolean forkNextCheckpoint;

    /** The stub's public key, as its capabilities publish it. */
    public String publicKey() {
        return key.publicKey();
    }

    /** The next checkpoint signs another head for the last entry: the stub's history forks. */
    public void forkNextCheckpoint() {
        forkNextCheckpoint = true;
    }

    /** The stub forgets its last entries: its chain is shorter than it signed before. */
    public synchronized void dropTail(int entries) {
        for (int i = 0; i < entries && !hashes.isEmpty(); i++) {
            hashes.remove(hashes.size() - 1);
            contents.remove(contents.size() - 1);
        }
    }

    private synchronized org.tributary.common.integrity.Receipt append(String kind, String digest) {
        long seq = hashes.size() + 1;
        String content = org.tributary.common.integrity.Digests.sha256(kind + seq + digest);
        String previous =
                hashes.isEmpty() ? org.tributary.common.integrity.AuditChain.GENESIS : hashes.get(hashes.size() - 1);
        String hash = org.tributary.common.integrity.AuditChain.link(seq, previous, content);
        contents.add(content);
        hashes.add(hash);
        return new org.tributary.common.integrity.Receipt(
                        org.tributary.common.integrity.Receipt.VERSION,
                        nodeId(),
                        kind,
                        seq,
                        hash,
                        seq,
                        hash,
                        digest,
                        7,
                        PERIOD,
                        java.time.Instant.now().toString(),
                        null,
                        null)
                .signedBy(key);
    }

    private void signed(HttpExchange ex, boolean adHoc, String body) throws IOException {
        String digest = org.tributary.common.integrity.ReleaseDigest.of(json.readValue(body, Object.class));
        var receipt = append(adHoc ? "COUNT_QUERY" : "CATALOGUE_RELEASE", digest);
        ex.getResponseHeaders().set(org.tributary.common.integrity.Receipt.HEADER, receipt.encode());
        send(ex, 200, body);
    }

    private synchronized Map<String, Object> checkpoint() {
        long seq = hashes.size();
        String head = seq == 0 ? org.tributary.common.integrity.AuditChain.GENESIS : hashes.get((int) seq - 1);
        if (forkNextCheckpoint && seq > 0) {
            forkNextCheckpoint = false;
            head = org.tributary.common.integrity.Digests.sha256("another history " + head);
        }
        return org.tributary.common.integrity.Checkpoint.sign(
                        key, nodeId(), seq, head, java.time.Instant.now().toString())
                .toMap();
    }

    private synchronized Map<String, Object> proof(HttpExchange ex) {
        Map<String, String> q = new java.util.HashMap<>();
        for (String part : String.valueOf(ex.getRequestURI().getQuery()).split("&")) {
            String[] kv = part.split("=", 2);
            if (kv.length == 2) {
                q.put(kv[0], kv[1]);
            }
        }
        long from = Long.parseLong(q.getOrDefault("from", "0"));
        long to = Math.min(Long.parseLong(q.getOrDefault("to", "0")), contents.size());
        List<Object> entries = new ArrayList<>();
        for (long s = from + 1; s <= to; s++) {
            entries.add(Map.of("seq", s, "contentDigest", contents.get((int) s - 1)));
        }
        return Map.of(
                "contractVersion", 2, "nodeId", nodeId(), "from", from, "to", to, "complete", true, "entries", entries);
    }

    private NodeCapabilities capabilities() {
        return new NodeCapabilities(
                FederationContract.VERSION,
                nodeId(),
                country,
                "stub",
                "4",
                7,
                ReleaseMode.ROUNDING,
                ReleaseMode.DIFFERENTIAL_PRIVACY,
                true,
                PERIOD,
                key.publicKey());
    }

    static boolean multi(String id) {
        return id.endsWith("Service") || id.equals("citizenship") || id.equals("exploitationType");
    }

    private NodeCatalogue catalogue() {
        List<DimensionInfo> dims = new ArrayList<>();
        CATALOGUE.forEach((id, codes) -> dims.add(new DimensionInfo(
                id, multi(id), codes, multi(id) ? List.of(id.endsWith("Service") ? "None" : "_U") : List.of())));
        return new NodeCatalogue(
                FederationContract.VERSION,
                nodeId(),
                7,
                3,
                dims,
                CatalogueTables.all().stream().map(t -> t.id()).toList());
    }

    private BudgetStatus budget() {
        var rho = new java.math.BigDecimal("0.00125");
        return new BudgetStatus(
                FederationContract.VERSION,
                nodeId(),
                "2026-Q4",
                java.math.BigDecimal.ZERO,
                new java.math.BigDecimal("0.015625"),
                java.math.BigDecimal.ZERO,
                new java.math.BigDecimal("0.0625"),
                rho,
                new java.math.BigDecimal("0.00375"),
                12);
    }

    private final java.util.Set<String> refusedTables = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The catalogue release refuses this table (as a node's policy refuses a table it cannot protect). */
    public StubNode refuseTable(String tableId) {
        refusedTables.add(tableId);
        return this;
    }

    private CatalogueRelease catalogueRelease() {
        List<CatalogueRelease.Entry> tables = new ArrayList<>();
        for (var t : CatalogueTables.all()) {
            tables.add(
                    refusedTables.contains(t.id())
                            ? new CatalogueRelease.Entry(t.id(), null, "TABLE_NOT_PROTECTABLE")
                            : new CatalogueRelease.Entry(t.id(), table(t.dimensions(), ReleaseMode.ROUNDING), null));
        }
        return new CatalogueRelease(
                FederationContract.VERSION,
                nodeId(),
                country,
                PERIOD,
                java.time.Instant.parse("2026-11-28T10:00:00Z"),
                7,
                ReleaseMode.ROUNDING,
                5,
                5,
                20,
                "0123456789abcdef0123456789abcdef",
                tables);
    }

    /**
     * Every combination of the dimensions' codes and totals; the totals are not sums (this is no real node). Cells
     * with sex X are suppressed in rounded tables.
     */
    private ReleasedTable table(List<String> dims, ReleaseMode mode) {
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
        List<TableCell> cells = new ArrayList<>();
        boolean noisy = mode == ReleaseMode.DIFFERENTIAL_PRIVACY;
        for (List<String> c : combos) {
            Map<String, String> at = new java.util.LinkedHashMap<>();
            int totals = 0;
            for (int i = 0; i < dims.size(); i++) {
                at.put(dims.get(i), c.get(i));
                totals += c.get(i).equals("_T") ? 1 : 0;
            }
            long value = 10L * (1 + totals * 2);
            if (noisy) {
                cells.add(new TableCell(at, value, CellStatus.NOISY, new java.math.BigDecimal("20.00")));
            } else if (c.contains("X")) {
                cells.add(new TableCell(at, null, CellStatus.SUPPRESSED, null));
            } else {
                cells.add(new TableCell(at, value, CellStatus.ROUNDED, null));
            }
        }
        var noise = noisy
                ? new NoiseInfo(
                        "discrete-gaussian",
                        20,
                        new java.math.BigDecimal("0.00125"),
                        new java.math.BigDecimal("0.2"),
                        1e-6,
                        2,
                        "stub")
                : null;
        var metadata = new TableMetadata(
                FederationContract.VERSION,
                nodeId(),
                7,
                PERIOD,
                mode,
                5,
                5,
                java.time.Instant.parse("2026-11-28T10:00:00Z"),
                dims,
                dims.stream().filter(StubNode::multi).toList(),
                !noisy,
                noise);
        var spend = noisy ? new ReleasedTable.Spend(new java.math.BigDecimal("0.00125"), false, budget()) : null;
        return new ReleasedTable(metadata, cells, spend);
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
