package org.tributary.aggregator.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tributary.aggregator.support.Http;
import org.tributary.aggregator.support.StubNode;
import org.tributary.aggregator.support.StubNode.Behaviour;
import org.tributary.aggregator.support.Tokens;
import tools.jackson.databind.JsonNode;

/**
 * The aggregator's routes and API over stand-in nodes that behave well, or badly on purpose: the fan-out, the
 * per-node timeout, retries and circuit breakers, the regional answer with every node's status, the indicators,
 * the releases and bad input. The nodes are HTTP stubs here; {@code RegionalFederationIT} runs real nodes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegionalApiIT {

    static final long TIMEOUT_MS = 1_000;

    static final StubNode KH = new StubNode("KH", Behaviour.OK);
    static final StubNode TH = new StubNode("TH", Behaviour.OK);
    static final StubNode VN = new StubNode("VN", Behaviour.DOWN);
    static final StubNode LA = new StubNode("LA", Behaviour.SLOW);
    static final StubNode MM = new StubNode("MM", Behaviour.MALFORMED);
    static final StubNode CN = new StubNode("CN", Behaviour.ERROR);
    static final List<StubNode> ALL = List.of(KH, TH, VN, LA, MM, CN);

    @DynamicPropertySource
    static void nodes(DynamicPropertyRegistry registry) {
        registry.add("tributary.aggregator.data-dir", () -> "target/it-data/" + UUID.randomUUID());
        registry.add("tributary.aggregator.calls.timeout", () -> TIMEOUT_MS + "ms");
        registry.add("tributary.aggregator.calls.retries", () -> "1");
        registry.add("tributary.aggregator.calls.retry-delay", () -> "50ms");
        registry.add("tributary.aggregator.circuit-breaker.minimum-calls", () -> "2");
        registry.add("tributary.aggregator.circuit-breaker.window", () -> "2");
        registry.add("tributary.aggregator.circuit-breaker.open-for", () -> "1s");
        registry.add("tributary.aggregator.release-cron", () -> "off");
        for (int i = 0; i < ALL.size(); i++) {
            StubNode n = ALL.get(i);
            registry.add(
                    "tributary.aggregator.nodes[" + i + "].id",
                    () -> n.country().toLowerCase());
            registry.add("tributary.aggregator.nodes[" + i + "].country", n::country);
            registry.add("tributary.aggregator.nodes[" + i + "].base-url", n::baseUrl);
        }
    }

    @AfterAll
    static void stopStubs() {
        ALL.forEach(StubNode::close);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
        awaitCatalogue();
    }

    void awaitCatalogue() {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < until) {
            var nodes = http.get("/api/regional/nodes").json();
            boolean known = StreamSupport.stream(nodes.spliterator(), false)
                    .anyMatch(n -> n.path("catalogueDimensions").asInt(0) > 0);
            if (known) {
                return;
            }
            pause(100);
        }
        throw new AssertionError("no node catalogue arrived");
    }

    static Map<String, JsonNode> statuses(JsonNode dataset) {
        Map<String, JsonNode> out = new java.util.TreeMap<>();
        dataset.path("provenance")
                .path("nodes")
                .forEach(n -> out.put(n.path("country").asString(), n));
        return out;
    }

    @Test
    @Order(1)
    void faultyNodesAreMarkedAndTheAnswerArrivesWithinTheTimeoutPlusOneSecond() {
        long start = System.nanoTime();
        var response = http.postJson("/api/regional/queries", "{\"dimensions\": [\"gender\"]}");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.status()).isEqualTo(200);
        assertThat(elapsedMs).as("answer time").isLessThan(TIMEOUT_MS + 1_000);
        var nodes = statuses(response.json());
        assertThat(nodes.get("KH").path("status").asString()).isEqualTo("ok");
        assertThat(nodes.get("TH").path("status").asString()).isEqualTo("ok");
        assertThat(nodes.get("VN").path("status").asString()).isEqualTo("unavailable");
        assertThat(nodes.get("VN").path("reason").asString()).isEqualTo("the node could not be reached");
        assertThat(nodes.get("LA").path("status").asString()).isEqualTo("timeout");
        assertThat(nodes.get("MM").path("status").asString()).isEqualTo("unavailable");
        assertThat(nodes.get("MM").path("reason").asString()).contains("not a valid protected table");
        assertThat(nodes.get("CN").path("status").asString()).isEqualTo("unavailable");
        assertThat(nodes.get("CN").path("reason").asString()).isEqualTo("the node answered HTTP 500");
        var provenance = response.json().path("provenance");
        assertThat(provenance.path("partial").asBoolean()).isTrue();
        assertThat(provenance.path("nodesAsked").asInt()).isEqualTo(6);
        assertThat(provenance.path("nodesAnswered").asInt()).isEqualTo(2);
        assertThat(response.body())
                .doesNotContain("Exception")
                .doesNotContain("secret internals")
                .doesNotContain("at line");
    }

    static List<JsonNode> region(JsonNode dataset) {
        List<JsonNode> region = new ArrayList<>();
        dataset.path("observations").forEach(o -> {
            if (o.path("area").asString().equals("GMS")) {
                region.add(o);
            }
        });
        return region;
    }

    @Test
    @Order(2)
    void regionalCellsSumTheAnsweringCountriesNoisyOrRoundedAndSuppressedCellsBecomeIntervals() {
        var response = http.postJson("/api/regional/queries", "{\"dimensions\": [\"gender\"]}");
        JsonNode noisy = region(response.json()).stream()
                .filter(o -> o.path("coordinates").path("gender").asString().equals("F"))
                .findFirst()
                .orElseThrow();
        assertThat(noisy.path("status").asString()).isEqualTo("noisy");
        assertThat(noisy.path("value").asLong()).isEqualTo(20);
        assertThat(noisy.path("standardError").decimalValue()).isEqualByComparingTo("28.28");
        var budgets = statuses(response.json());
        assertThat(budgets.get("KH").path("budget").path("queriesLeft").asLong())
                .as("each node says what the analyst may still ask")
                .isEqualTo(12);
        assertThat(budgets.get("KH").path("mode").asString()).isEqualTo("DIFFERENTIAL_PRIVACY");

        var bySex = http.get("/api/regional/indicators/identified-victims-by-sex");
        List<JsonNode> region = region(bySex.json());
        JsonNode f = region.stream()
                .filter(o -> o.path("coordinates").path("gender").asString().equals("F"))
                .findFirst()
                .orElseThrow();
        assertThat(f.path("status").asString()).isEqualTo("rounded");
        assertThat(f.path("value").asLong()).isEqualTo(60);
        JsonNode x = region.stream()
                .filter(o -> o.path("coordinates").path("gender").asString().equals("X"))
                .findFirst()
                .orElseThrow();
        assertThat(x.path("status").asString()).isEqualTo("interval");
        assertThat(x.path("lower").asLong()).isZero();
        assertThat(x.path("upper").asLong()).isEqualTo(8);
        assertThat(response.json().path("observations").toString()).doesNotContain("\"area\":\"LA\"");
        assertThat(statuses(bySex.json()).get("KH").path("releasePeriod").asString())
                .isEqualTo("2026-Q4.1");
        assertThat(statuses(bySex.json()).get("KH").path("threshold").asInt()).isEqualTo(5);
    }

    @Test
    @Order(3)
    void theAnalystsOwnTokenGoesToEveryNodeTheBudgetIsReadAndEveryQuestionIsLogged() {
        String subject = "analyst-" + UUID.randomUUID();
        var analyst = http.as(
                Tokens.builder(null, "regional-analyst").subject(subject).sign());
        var answer = analyst.postJson("/api/regional/queries", "{\"dimensions\": [\"ageBand\"]}");
        assertThat(statuses(answer.json()).get("KH").path("status").asString())
                .as("the stub refuses a query without the requester's token")
                .isEqualTo("ok");
        var budget = analyst.get("/api/regional/budget");
        assertThat(budget.status()).isEqualTo(200);
        JsonNode kh = StreamSupport.stream(budget.json().spliterator(), false)
                .filter(n -> n.path("country").asString().equals("KH"))
                .findFirst()
                .orElseThrow();
        assertThat(kh.path("status").asString()).isEqualTo("ok");
        assertThat(kh.path("budget").path("requesterCap").decimalValue()).isEqualByComparingTo("0.015625");
        var logged = jdbc.sql("select kind, query, nodes::text from query_log where requester = ?")
                .param(subject)
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0).get(0)).isEqualTo("count-query");
        assertThat(logged.get(0).get(1)).contains("ageBand");
        assertThat(logged.get(0).get(2)).contains("\"kh\": \"ok\"");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> jdbc.sql("delete from query_log").update())
                .rootCause()
                // the application's role may not delete (and the owner is stopped by the trigger)
                .hasMessageMatching("(?s).*(permission denied|append-only).*");
    }

    @Test
    @Order(4)
    void aNodeThatKeepsFailingIsNoLongerAskedAndARecoveredNodeClosesItsCircuit() {
        String query = "{\"dimensions\": [\"year\"]}";
        String cn = "";
        for (int i = 0; i < 5 && !cn.equals("circuit-open"); i++) {
            cn = statuses(http.postJson("/api/regional/queries", query).json())
                    .get("CN")
                    .path("status")
                    .asString();
        }
        assertThat(cn).isEqualTo("circuit-open");
        int askedWhileOpen = CN.countQueries();
        statuses(http.postJson("/api/regional/queries", query).json());
        assertThat(CN.countQueries()).as("an open circuit asks nothing").isEqualTo(askedWhileOpen);

        CN.behave(Behaviour.OK);
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!cn.equals("ok") && System.nanoTime() < until) {
            pause(200);
            cn = statuses(http.postJson("/api/regional/queries", query).json())
                    .get("CN")
                    .path("status")
                    .asString();
        }
        assertThat(cn).isEqualTo("ok");
        JsonNode node = StreamSupport.stream(
                        http.get("/api/regional/nodes").json().spliterator(), false)
                .filter(n -> n.path("country").asString().equals("CN"))
                .findFirst()
                .orElseThrow();
        assertThat(node.path("circuit").asString()).isEqualTo("closed");
        CN.behave(Behaviour.ERROR);
    }

    @Test
    @Order(5)
    void theRegistryShowsEachNodesHealthPolicyVersionAndCircuit() {
        var nodes = http.get("/api/regional/nodes").json();
        assertThat(nodes.size()).isEqualTo(6);
        JsonNode kh = nodes.get(0);
        assertThat(kh.path("id").asString()).isEqualTo("kh");
        assertThat(kh.path("health").asString()).isEqualTo("up");
        assertThat(kh.path("policyVersion").asLong()).isEqualTo(7);
        assertThat(kh.path("mode").asString()).isEqualTo("ROUNDING");
        JsonNode vn = nodes.get(2);
        assertThat(vn.path("health").asString()).isEqualTo("down");
        assertThat(vn.path("problem").asString()).isEqualTo("connection refused");
    }

    @Test
    @Order(6)
    void everyIndicatorOfTheCatalogueIsComputedWithSharesFromReleasedValues() {
        var catalogue = http.get("/api/regional/indicators").json();
        assertThat(catalogue.size()).isGreaterThanOrEqualTo(12);
        for (JsonNode indicator : catalogue) {
            String id = indicator.path("id").asString();
            var response = http.get("/api/regional/indicators/" + id + "?breakdown=year&yearFrom=2023&yearTo=2024");
            assertThat(response.status()).as(id).isEqualTo(200);
            assertThat(response.json().path("id").asString()).isEqualTo(id);
            assertThat(response.json().path("observations").size()).as(id).isPositive();
            assertThat(response.json().path("provenance").path("partial").asBoolean())
                    .isTrue();
        }
        var informed =
                http.get("/api/regional/indicators/informed-of-entitlements").json();
        JsonNode khShare = StreamSupport.stream(informed.path("observations").spliterator(), false)
                .filter(o -> o.path("area").asString().equals("KH"))
                .findFirst()
                .orElseThrow();
        // The stub's table: (all years, yes) = 30, (all years, all) = 50.
        assertThat(khShare.path("numerator").asLong()).isEqualTo(30);
        assertThat(khShare.path("denominator").asLong()).isEqualTo(50);
        assertThat(khShare.path("value").decimalValue()).isEqualByComparingTo("0.6");
        assertThat(khShare.path("status").asString()).isEqualTo("rounded");
    }

    @Test
    @Order(7)
    void badQuestionsAreAnsweredWith400ProblemDetailsAndNoNodeIsAsked() {
        int asked = KH.countQueries();
        var unknownIndicator = http.get("/api/regional/indicators/happiness");
        assertThat(unknownIndicator.status()).isEqualTo(400);
        assertThat(unknownIndicator.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unknownIndicator.json().path("errors").get(0).path("field").asString())
                .isEqualTo("id");

        var unknownDimension = http.postJson("/api/regional/queries", "{\"dimensions\": [\"religion\"]}");
        assertThat(unknownDimension.status()).isEqualTo(400);
        assertThat(unknownDimension.json().path("type").asString()).isEqualTo("urn:tributary:problem:validation");
        assertThat(unknownDimension.json().path("errors").get(0).path("field").asString())
                .isEqualTo("dimensions[0]");

        var unknownCode = http.postJson(
                "/api/regional/queries", "{\"dimensions\": [\"gender\"], \"filters\": {\"year\": [\"1850\"]}}");
        assertThat(unknownCode.status()).isEqualTo(400);

        var tooMany = http.postJson(
                "/api/regional/queries", "{\"dimensions\": [\"gender\", \"year\", \"ageBand\", \"returned\"]}");
        assertThat(tooMany.status()).isEqualTo(400);

        var malformed = http.postJson("/api/regional/queries", "{\"dimensions\": [\"gender\"");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("type").asString()).isEqualTo("urn:tributary:problem:malformed-request");

        // Strict JSON: a duplicate key (the last would win) and a fractional year (2022.5 would become 2022).
        var duplicate =
                http.postJson("/api/regional/queries", "{\"dimensions\": [\"gender\"], \"dimensions\": [\"year\"]}");
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.json().path("errors").get(0).path("field").asString())
                .isEqualTo("dimensions");
        var fractional = http.postJson("/api/regional/queries", "{\"dimensions\": [\"gender\"], \"yearFrom\": 2022.5}");
        assertThat(fractional.status()).isEqualTo(400);
        assertThat(fractional.json().path("errors").get(0).path("field").asString())
                .isEqualTo("yearFrom");
        assertThat(fractional.json().path("errors").get(0).path("reason").asString())
                .isEqualTo("must be a whole number");

        var injected = http.postJson("/api/regional/queries", "{\"dimensions\": [\"gender; drop table x\"]}");
        assertThat(injected.status()).isEqualTo(400);

        var badBreakdown = http.get("/api/regional/indicators/identified-victims?breakdown=year,gender");
        assertThat(badBreakdown.status()).isEqualTo(400);

        var badYears = http.get("/api/regional/indicators/identified-victims?yearFrom=2024&yearTo=2020");
        assertThat(badYears.status()).isEqualTo(400);

        var badFormat = http.get("/api/regional/indicators/identified-victims?format=pdf");
        assertThat(badFormat.status()).isEqualTo(400);

        var notAcceptable = http.get("/api/regional/indicators/identified-victims", "Accept", "image/png");
        assertThat(notAcceptable.status()).isEqualTo(406);

        assertThat(KH.countQueries()).as("bad input never reaches a node").isEqualTo(asked);
    }

    @Test
    @Order(8)
    void resultsExportAsCsvXlsxAndSdmxByAcceptHeaderOrFormatParameter() {
        var csv = http.get("/api/regional/indicators/identified-victims", "Accept", "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("dataset,area,area_m49,");

        var xlsx = http.get("/api/regional/indicators/identified-victims?format=xlsx");
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(xlsx.header("Content-Disposition")).contains("identified-victims.xlsx");
        assertThat(xlsx.bytes()).startsWith(new byte[] {'P', 'K'});

        var sdmx = http.get(
                "/api/regional/indicators/identified-victims",
                "Accept",
                "application/vnd.sdmx.data+json;version=2.0.0");
        assertThat(sdmx.status()).isEqualTo(200);
        assertThat(sdmx.json().path("data").path("dataSets").size()).isEqualTo(1);

        var query = http.postJson("/api/regional/queries?format=csv", "{\"dimensions\": [\"gender\"]}");
        assertThat(query.status()).isEqualTo(200);
        assertThat(query.body()).contains(",GMS,");
    }

    @Test
    @Order(9)
    void aReleaseIsNumberedStoredWholeAndCannotBeChanged() {
        var made = http.post("/api/regional/releases", "application/json", new byte[0]);
        assertThat(made.status()).isEqualTo(201);
        long number = made.json().path("number").asLong();
        assertThat(made.header("Location")).isEqualTo("/api/regional/releases/" + number);
        assertThat(made.json().path("indicators").size()).isGreaterThanOrEqualTo(12);
        assertThat(made.json().path("partial").asBoolean()).isTrue();

        var list = http.get("/api/regional/releases").json();
        assertThat(list.get(0).path("number").asLong()).isEqualTo(number);
        var read = http.get("/api/regional/releases/" + number).json();
        assertThat(read.path("datasets").size())
                .isEqualTo(made.json().path("indicators").size());
        assertThat(read.path("datasets").get(0).path("dimensions").toString()).contains("year");
        assertThat(http.get("/api/regional/releases/" + number + "?format=sdmx")
                        .json()
                        .path("data")
                        .path("dataSets")
                        .size())
                .isEqualTo(read.path("datasets").size());

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> jdbc.sql("update regional_release set partial = false where number = ?")
                                .param(number)
                                .update())
                .rootCause()
                .hasMessageMatching("(?s).*(permission denied|regional releases are immutable).*");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> jdbc.sql("delete from regional_release_dataset").update())
                .rootCause()
                .hasMessageMatching("(?s).*(permission denied|regional releases are immutable).*");
        for (String attack : List.of(
                "truncate regional_release",
                "alter table regional_release disable trigger regional_release_immutable",
                "truncate query_log")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> jdbc.sql(attack).update())
                    .as(attack)
                    .rootCause()
                    .hasMessageMatching("(?s).*(permission denied|must be owner|immutable|append-only).*");
        }
        assertThat(http.get("/api/regional/releases/99999").status()).isEqualTo(404);
    }

    @Test
    @Order(10)
    void aRunWithTooFewAnsweringNodesStoresNothing() {
        long before = jdbc.sql("select count(*) from regional_release")
                .query(Long.class)
                .single();
        KH.behave(Behaviour.REFUSE);
        TH.behave(Behaviour.REFUSE);
        try {
            var failed = http.post("/api/regional/releases", "application/json", new byte[0]);
            assertThat(failed.status()).isEqualTo(503);
            assertThat(failed.json().path("type").asString()).isEqualTo("urn:tributary:problem:upstream-unavailable");
        } finally {
            KH.behave(Behaviour.OK);
            TH.behave(Behaviour.OK);
        }
        assertThat(jdbc.sql("select count(*) from regional_release")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
        assertThat(jdbc.sql(
                                "select count(*) from regional_release_dataset d"
                                        + " where not exists (select 1 from regional_release r where r.number = d.release_number)")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    @Order(11)
    void theRegionalApiLetsInRegionalAnalystsOnlyAndAnswersOthersWithProblemDetails() {
        String query = "{\"dimensions\": [\"gender\"]}";
        var cases = List.of(
                new Object[] {"no token", null, 401},
                new Object[] {"garbage", "not-a-jwt", 401},
                new Object[] {
                    "expired",
                    Tokens.builder(null, "regional-analyst")
                            .expiredAt(java.time.Instant.now().minusSeconds(120))
                            .sign(),
                    401
                },
                new Object[] {
                    "wrong audience",
                    Tokens.builder(null, "regional-analyst")
                            .audience("tributary-node-api")
                            .sign(),
                    401
                },
                new Object[] {
                    "alg none", Tokens.builder(null, "regional-analyst").unsigned(), 401
                },
                new Object[] {"case worker", Tokens.user("KH", "case-worker"), 403},
                new Object[] {"security officer", Tokens.user(null, "security-officer"), 403},
                new Object[] {"aggregator service account", Tokens.user(null, "federation-aggregator"), 403},
                new Object[] {"regional analyst", Tokens.user(null, "regional-analyst"), 200});
        for (Object[] c : cases) {
            var caller = http.as((String) c[1]);
            for (var response : List.of(
                    caller.get("/api/regional/nodes"),
                    caller.get("/api/regional/indicators"),
                    caller.postJson("/api/regional/queries", query))) {
                assertThat(response.status()).as((String) c[0]).isEqualTo(c[2]);
                if ((int) c[2] >= 400) {
                    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
                    assertThat(response.body()).doesNotContain("Jwt", "expired", "regional-analyst");
                }
            }
        }
        var analystOnSecurityApi =
                http.as(Tokens.user(null, "regional-analyst")).get("/api/security/users");
        assertThat(analystOnSecurityApi.status()).isEqualTo(403);
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Autowired
    org.tributary.aggregator.accessreview.AccessEventStore accessEventStore;

    @Test
    @Order(12)
    void accessEventsAreStoredInPostgresqlFilteredForTheOfficerAndExpiredAfterTheRetention() {
        String subject = "access-event-analyst-" + UUID.randomUUID();
        var analyst = http.as(
                Tokens.builder(null, "regional-analyst").subject(subject).sign());
        analyst.get("/api/regional/indicators");
        analyst.get("/api/regional/nodes");
        analyst.get("/api/regional/no-such-path");
        accessEventStore.flush();
        // In the database, ids only.
        assertThat(jdbc.sql("select count(*) from access_event where sub = ?")
                        .param(subject)
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
        var officer = http.as(Tokens.user(null, "security-officer"));
        var mine = officer.get("/api/security/access-events?sub=" + subject + "&path=/api/regional/indicators");
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().path("events")).hasSize(1);
        assertThat(mine.json().path("events").get(0).path("path").asString()).isEqualTo("/api/regional/indicators");
        assertThat(mine.json().path("events").get(0).path("status").asInt()).isEqualTo(200);
        var notFound = officer.get("/api/security/access-events?sub=" + subject + "&status=404&source=aggregator");
        assertThat(notFound.json().path("events")).hasSize(1);
        var window = officer.get("/api/security/access-events?sub=" + subject + "&to=2000-01-01T00:00:00Z");
        assertThat(window.json().path("events")).isEmpty();
        assertThat(officer.get("/api/security/access-events?from=yesterday").status())
                .isEqualTo(400);
        assertThat(officer.get("/api/security/access-events?path=not-a-path").status())
                .isEqualTo(400);
        assertThat(analyst.get("/api/security/access-events").status()).isEqualTo(403);

        // Retention: an event older than a year goes, a recent one stays.
        jdbc.sql("insert into access_event (source, at, sub, method, path, status) values"
                        + " ('aggregator', now() - interval '400 days', ?, 'GET', '/api/regional/old', 200)")
                .param(subject)
                .update();
        assertThat(accessEventStore.expire()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("select count(*) from access_event where sub = ? and path = '/api/regional/old'")
                        .param(subject)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from access_event where sub = ?")
                        .param(subject)
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
        // The application's own role cannot erase the trail, nor shorten the retention below 30 days.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("delete from access_event where sub = ?")
                        .param(subject)
                        .update())
                .rootCause()
                .hasMessageContaining("permission denied");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("select expire_access_events(1)")
                        .query(Long.class)
                        .single())
                .rootCause()
                .hasMessageContaining("at least 30 days");
    }
}
