package org.tributary.aggregator.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tributary.aggregator.AggregatorApplication;
import org.tributary.aggregator.support.CountryNodeProcess;
import org.tributary.aggregator.support.Http;
import org.tributary.aggregator.support.Tokens;
import org.tributary.testsupport.SkewedCases;
import org.tributary.testsupport.SkewedCases.TestCase;
import tools.jackson.databind.JsonNode;

/**
 * The aggregator over three real country nodes (their runnable jar, each in its own JVM on its own embedded
 * PostgreSQL). The test writes each country's cases itself, imports them through the node's import API, and checks
 * every regional number against its own count of those cases under the disclosure rules: nothing released in
 * {@code 1..k-1}, released values within {@code b} of the truth, suppressed where the contract says, and regional
 * intervals that hold the true total.
 */
class RegionalFederationIT {

    static final int K = 5;
    static final int B = 5;
    static final Map<String, Integer> SIZES = new LinkedHashMap<>(Map.of("KH", 1500, "TH", 1000, "VN", 700));
    static final Map<String, List<TestCase>> CASES = new LinkedHashMap<>();
    static final List<CountryNodeProcess> NODES = new ArrayList<>();
    static ConfigurableApplicationContext aggregator;
    static Http http;

    @BeforeAll
    static void federation() {
        Path work = Path.of("target/it-federation", UUID.randomUUID().toString());
        SIZES.keySet().forEach(country -> NODES.add(CountryNodeProcess.start(country, work)));
        for (CountryNodeProcess node : NODES) {
            node.awaitReady(Duration.ofSeconds(180));
            List<TestCase> cases = generate(node.country(), SIZES.get(node.country()));
            CASES.put(node.country(), cases);
            var imported = node.http().post("/api/imports?mode=all-or-nothing", "text/csv", csv(node.country(), cases));
            assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        }
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--tributary.aggregator.data-dir=" + work.resolve("aggregator"),
                "--tributary.aggregator.release-cron=off",
                "--tributary.aggregator.node-token=" + Tokens.aggregatorServiceAccount()));
        for (int i = 0; i < NODES.size(); i++) {
            var n = NODES.get(i);
            args.add("--tributary.aggregator.nodes[" + i + "].id=" + n.country().toLowerCase());
            args.add("--tributary.aggregator.nodes[" + i + "].country=" + n.country());
            args.add("--tributary.aggregator.nodes[" + i + "].base-url=" + n.baseUrl());
        }
        aggregator = new SpringApplicationBuilder(AggregatorApplication.class).run(args.toArray(String[]::new));
        http = new Http(Integer.parseInt(aggregator.getEnvironment().getProperty("local.server.port")));
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < until && !allUp()) {
            pause(200);
        }
        assertThat(allUp()).as("every node registered with its catalogue").isTrue();
    }

    static boolean allUp() {
        var nodes = http.get("/api/regional/nodes").json();
        return StreamSupport.stream(nodes.spliterator(), false)
                .allMatch(n -> n.path("catalogueDimensions").asInt(0) > 0);
    }

    @AfterAll
    static void stop() {
        if (aggregator != null) {
            aggregator.close();
        }
        NODES.forEach(CountryNodeProcess::close);
    }

    /** Skewed on purpose ({@link SkewedCases}): registered 2021–2023, one in six a citizen of Lao PDR. */
    static List<TestCase> generate(String country, int n) {
        return SkewedCases.generate(country, "-IT-", n, country.hashCode(), 2021, true);
    }

    static byte[] csv(String country, List<TestCase> cases) {
        StringBuilder s = new StringBuilder(
                "ext_ExternalRef,ext_RegisteredOn,vic_TraffickingStatus,prs_Gender,ext_AgeAtIdentification,"
                        + "prs_Citizenship,ext_CountryOfExploitation,ext_InformedOfEntitlements,cas_Status\n");
        for (int i = 0; i < cases.size(); i++) {
            TestCase c = cases.get(i);
            s.append(c.ref())
                    .append(',')
                    .append(c.registered())
                    .append(',')
                    .append(c.status())
                    .append(',')
                    .append(c.gender())
                    .append(',')
                    .append(c.age())
                    .append(',')
                    .append(c.citizenship())
                    .append(",TH,")
                    .append(c.informed() == null ? "" : c.informed())
                    .append(",Active\n");
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The true count of a country's cases matching every coordinate ({@code _T}: any). */
    static long truth(String country, Map<String, String> at, Predicate<TestCase> filter) {
        return SkewedCases.count(CASES.get(country), at, filter);
    }

    static Map<String, String> coordinates(JsonNode observation) {
        Map<String, String> at = new LinkedHashMap<>();
        observation
                .path("coordinates")
                .properties()
                .forEach(e -> at.put(e.getKey(), e.getValue().asString()));
        return at;
    }

    /** One country's released (rounded) cell obeys the contract against the truth. */
    static void assertReleased(JsonNode o, long n) {
        String status = o.path("status").asString();
        if (n > 0 && n < K) {
            assertThat(status).as("a true %d is suppressed", n).isEqualTo("suppressed");
            assertThat(o.has("value")).isFalse();
            return;
        }
        assertThat(status).isEqualTo(n == 0 ? "exact" : "rounded");
        long v = o.path("value").asLong();
        assertThat(v % B).as("released values are multiples of b").isZero();
        assertThat(Math.abs(v - n)).as("within b of the truth").isLessThan(B);
        assertThat(v == 0 || v >= K).as("never a value in 1..k-1").isTrue();
    }

    @Test
    void aRegionalCatalogueIndicatorMatchesAnIndependentCountUnderTheDisclosureRules() {
        var response = http.get("/api/regional/indicators/identified-victims-by-age?breakdown=year");
        assertThat(response.status()).isEqualTo(200);
        JsonNode dataset = response.json();
        assertThat(dataset.path("provenance").path("partial").asBoolean()).isFalse();
        assertThat(dataset.path("provenance").path("nodesAnswered").asInt()).isEqualTo(3);

        Map<Map<String, String>, List<JsonNode>> byCell = new LinkedHashMap<>();
        dataset.path("observations")
                .forEach(o -> byCell.computeIfAbsent(coordinates(o), k -> new ArrayList<>())
                        .add(o));
        int suppressedSeen = 0;
        int intervalsSeen = 0;
        for (var cell : byCell.entrySet()) {
            long regionalTruth = 0;
            long lower = 0;
            int released = 0;
            int suppressed = 0;
            JsonNode region = null;
            for (JsonNode o : cell.getValue()) {
                String area = o.path("area").asString();
                if (area.equals("GMS")) {
                    region = o;
                    continue;
                }
                long n = truth(area, cell.getKey(), TestCase::identified);
                regionalTruth += n;
                assertReleased(o, n);
                if (o.path("status").asString().equals("suppressed")) {
                    suppressed++;
                    suppressedSeen++;
                } else {
                    lower += o.path("value").asLong();
                    released++;
                }
            }
            assertThat(region).as("the region has every cell").isNotNull();
            long slack = (long) released * (B - 1);
            if (suppressed == 0) {
                assertThat(region.path("status").asString()).isIn("rounded", "exact");
                assertThat(region.path("value").asLong())
                        .as("sum of released values")
                        .isEqualTo(lower);
            } else {
                intervalsSeen++;
                assertThat(region.path("status").asString()).isEqualTo("interval");
                assertThat(region.path("lower").asLong()).isEqualTo(lower);
                assertThat(region.path("upper").asLong()).isEqualTo(lower + (long) suppressed * (K - 1));
                assertThat(regionalTruth)
                        .isBetween(
                                region.path("lower").asLong() - slack,
                                region.path("upper").asLong() + slack);
            }
        }
        assertThat(suppressedSeen)
                .as("the data has small cells, so the test sees suppression")
                .isPositive();
        assertThat(intervalsSeen).isPositive();
    }

    @Test
    void eachCountrysPartIsExactlyWhatThatNodesCatalogueReleaseHolds() {
        JsonNode regional = http.get("/api/regional/indicators/identified-victims-by-sex?breakdown=year")
                .json();
        for (CountryNodeProcess node : NODES) {
            JsonNode release = node.http()
                    .as(Tokens.aggregatorServiceAccount())
                    .get("/federation/v2/catalogue-release")
                    .json();
            JsonNode table = null;
            for (JsonNode e : release.path("tables")) {
                if (e.path("tableId").asString().equals("identified-by-sex")) {
                    table = e.path("table");
                }
            }
            assertThat(table).isNotNull();
            Map<Map<String, String>, JsonNode> released = new HashMap<>();
            table.path("cells").forEach(c -> released.put(coordinates(c), c));
            StreamSupport.stream(regional.path("observations").spliterator(), false)
                    .filter(o -> o.path("area").asString().equals(node.country()))
                    .forEach(o -> {
                        JsonNode cell = released.get(coordinates(o));
                        if (cell == null) {
                            assertThat(o.path("value").asLong()).isZero();
                        } else if (cell.path("status").asString().equals("SUPPRESSED")) {
                            assertThat(o.path("status").asString()).isEqualTo("suppressed");
                        } else {
                            assertThat(o.path("value").asLong())
                                    .isEqualTo(cell.path("value").asLong());
                        }
                    });
            JsonNode kh = StreamSupport.stream(
                            regional.path("provenance").path("nodes").spliterator(), false)
                    .filter(n -> n.path("country").asString().equals(node.country()))
                    .findFirst()
                    .orElseThrow();
            assertThat(kh.path("releasePeriod").asString())
                    .isEqualTo(release.path("releasePeriod").asString());
            // How it was protected, with the node's own k and b, beside the numbers.
            assertThat(kh.path("roundingBase").asInt())
                    .isEqualTo(table.path("metadata").path("roundingBase").asInt());
            JsonNode protection = StreamSupport.stream(
                            regional.path("protection").path("nodes").spliterator(), false)
                    .filter(n -> n.path("country").asString().equals(node.country()))
                    .findFirst()
                    .orElseThrow();
            assertThat(protection.path("threshold").asInt())
                    .isEqualTo(table.path("metadata").path("threshold").asInt());
            assertThat(protection.path("roundingBase").asInt())
                    .isEqualTo(table.path("metadata").path("roundingBase").asInt());
        }
        assertThat(regional.path("protection").path("note").asString()).contains("randomly rounded");
    }

    @Test
    void theSdgSeriesHoldsEachCountrysReleasedValuesByYearAndSex() {
        JsonNode bySex = http.get("/api/regional/indicators/identified-victims-by-sex?breakdown=year")
                .json();
        JsonNode sdg = http.get("/api/regional/sdg/16.2.2?format=json").json();
        assertThat(sdg.path("id").asString()).isEqualTo("VC_HTF_DETV");
        Map<String, String> expected = new HashMap<>();
        bySex.path("observations").forEach(o -> {
            String year = o.path("coordinates").path("year").asString();
            if (!o.path("area").asString().equals("GMS") && year.matches("\\d{4}")) {
                expected.put(
                        o.path("area").asString() + "/"
                                + o.path("coordinates").path("gender").asString() + "/" + year,
                        o.path("value").asString() + "/" + o.path("status").asString());
            }
        });
        Map<String, String> actual = new HashMap<>();
        sdg.path("observations").forEach(o -> {
            assertThat(o.path("area").asString()).isNotEqualTo("GMS");
            if (o.path("coordinates").path("ageBand").asString().equals("_T")) {
                actual.put(
                        o.path("area").asString() + "/"
                                + o.path("coordinates").path("gender").asString() + "/"
                                + o.path("coordinates").path("year").asString(),
                        o.path("value").asString() + "/" + o.path("status").asString());
            }
        });
        assertThat(actual).isNotEmpty().isEqualTo(expected);
        var sdmx = http.get("/api/regional/sdg/16.2.2");
        assertThat(sdmx.header("Content-Type")).startsWith("application/vnd.sdmx.data+json");
        assertThat(org.tributary.aggregator.export.SdmxJsonRules.violations(sdmx.json()))
                .isEmpty();
    }

    @Test
    void anAdHocQueryIsAnsweredByEveryNodeUnderDifferentialPrivacyForTheAnalystWhoAsked() {
        String subject = "analyst-" + UUID.randomUUID();
        var analyst = http.as(
                Tokens.builder(null, "regional-analyst").subject(subject).sign());
        var response = analyst.postJson("/api/regional/queries", "{\"dimensions\": [\"gender\", \"ageBand\"]}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        var dataset = response.json();
        assertThat(dataset.path("provenance").path("nodesAnswered").asInt()).isEqualTo(3);
        for (JsonNode o : dataset.path("observations")) {
            assertThat(o.path("status").asString()).as(o.toString()).isEqualTo("noisy");
            assertThat(o.path("standardError").decimalValue()).isPositive();
            assertThat(o.path("value").asLong()).matches(v -> v == 0 || v >= K);
        }
        for (JsonNode n : dataset.path("provenance").path("nodes")) {
            assertThat(n.path("budget").path("requesterSpent").decimalValue()).isEqualByComparingTo("0.00125");
        }
        // Each node's own audit names the analyst, and the aggregator's client as the one that relayed the query.
        for (CountryNodeProcess node : NODES) {
            var audit = node.http()
                    .as(Tokens.nodeOperator(node.country()))
                    .get("/api/audit?requester=" + subject + "&size=5")
                    .json();
            assertThat(audit.path("items").size()).as(node.country()).isEqualTo(1);
            assertThat(audit.path("items").get(0).path("cost").asLong()).isEqualTo(1_250_000L);
        }
        var budget = analyst.get("/api/regional/budget").json();
        assertThat(budget.size()).isEqualTo(3);
        for (JsonNode n : budget) {
            assertThat(n.path("budget").path("queriesLeft").asLong()).isEqualTo(11);
        }
    }

    @Test
    void anIndicatorShareIsComputedFromProtectedCountsOfIdentifiedVictimsOnly() {
        var response = http.get("/api/regional/indicators/informed-of-entitlements?breakdown=year");
        assertThat(response.status()).isEqualTo(200);
        int checked = 0;
        for (JsonNode o : response.json().path("observations")) {
            String area = o.path("area").asString();
            if (area.equals("GMS") || !o.path("status").asString().equals("rounded")) {
                continue;
            }
            Map<String, String> at = coordinates(o);
            long numeratorTruth = truth(area, at, TestCase::identified);
            Map<String, String> whole = new LinkedHashMap<>(at);
            whole.put("informedOfEntitlements", "_T");
            long denominatorTruth = truth(area, whole, TestCase::identified);
            assertThat(Math.abs(o.path("numerator").asLong() - numeratorTruth)).isLessThan(B);
            assertThat(Math.abs(o.path("denominator").asLong() - denominatorTruth))
                    .isLessThan(B);
            assertThat(o.path("value").decimalValue().doubleValue())
                    .isCloseTo(
                            (double) o.path("numerator").asLong()
                                    / o.path("denominator").asLong(),
                            org.assertj.core.data.Offset.offset(0.0001));
            checked++;
        }
        assertThat(checked).as("shares checked").isGreaterThanOrEqualTo(9);
    }

    @Test
    void aReleaseOfTheWholeCatalogueIsStoredFromRealNodes() {
        var made = http.post("/api/regional/releases", "application/json", new byte[0]);
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        assertThat(made.json().path("partial").asBoolean()).isFalse();
        assertThat(made.json().path("nodesAnswered").asInt()).isEqualTo(3);
        var stored = http.get(
                        "/api/regional/releases/" + made.json().path("number").asLong())
                .json();
        JsonNode victims = StreamSupport.stream(stored.path("datasets").spliterator(), false)
                .filter(d -> d.path("id").asString().equals("identified-victims"))
                .findFirst()
                .orElseThrow();
        // The regional total of identified victims over all years holds the true total.
        JsonNode total = StreamSupport.stream(victims.path("observations").spliterator(), false)
                .filter(o -> o.path("area").asString().equals("GMS"))
                .filter(o -> coordinates(o).values().stream().allMatch("_T"::equals))
                .findFirst()
                .orElseThrow();
        long truth = CASES.values().stream()
                .flatMap(List::stream)
                .filter(TestCase::identified)
                .count();
        assertThat(total.path("status").asString()).isEqualTo("rounded");
        assertThat(Math.abs(total.path("value").asLong() - truth)).isLessThan(3L * B);
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
