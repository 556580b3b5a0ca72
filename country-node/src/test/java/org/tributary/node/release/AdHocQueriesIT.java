package org.tributary.node.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tributary.common.federation.FederationContract;
import org.tributary.node.support.Http;
import org.tributary.node.support.NodeIntegrationTest;
import org.tributary.node.support.SampleImports;
import org.tributary.node.support.Tokens;
import tools.jackson.databind.JsonNode;

/**
 * Ad-hoc queries under differential privacy on a real node: noise on every cell, said so; the requester verified
 * by the node from their own token; the budget spent in the answer's transaction, never overspent under
 * concurrency, nothing spent for an identical re-ask; refusals with what remains.
 */
@NodeIntegrationTest
class AdHocQueriesIT {

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    Http staff;
    Http aggregator;

    @BeforeEach
    void data() throws Exception {
        int port = environment.getRequiredProperty("local.server.port", Integer.class);
        staff = new Http(port);
        aggregator = new Http(port, Tokens::aggregator);
        assertThat(SampleImports.ensure(staff, jdbc, "LA", 3, 800)).isEqualTo("SUCCEEDED");
    }

    /**
     * Distinct queries that each select many persons (at least five of the eight sample years): the population rule
     * never refuses them, so every refusal is the budget's.
     */
    static List<String> largeDistinctQueries(int n) {
        List<String> out = new ArrayList<>();
        for (int mask = 255; mask > 0 && out.size() < n; mask--) {
            if (Integer.bitCount(mask) < 5) {
                continue;
            }
            List<String> years = new ArrayList<>();
            for (int y = 0; y < 8; y++) {
                if ((mask & (1 << y)) != 0) {
                    years.add("\"" + (2018 + y) + "\"");
                }
            }
            out.add("{\"dimensions\":[\"gender\"],\"filters\":{\"year\":" + years + "}}");
        }
        for (int mask = 255; out.size() < n; mask--) {
            List<String> years = new ArrayList<>();
            for (int y = 0; y < 8; y++) {
                if ((mask & (1 << y)) != 0) {
                    years.add("\"" + (2018 + y) + "\"");
                }
            }
            if (Integer.bitCount(mask) >= 5) {
                out.add("{\"dimensions\":[\"ageBand\"],\"filters\":{\"year\":" + years + "}}");
            }
        }
        return out;
    }

    static Map<String, String> as(String subject) {
        return Map.of(FederationContract.REQUESTER_TOKEN_HEADER, Tokens.analyst(subject));
    }

    Http.Response ask(String subject, String query) {
        return aggregator.postJson(FederationContract.COUNT_QUERIES, query, as(subject));
    }

    String allowed() {
        return staff.get("/api/policy").json().get("allowedDimensions").toString();
    }

    @Test
    void everyCellOfTheGridIsNoisyAndTheAnswerSaysHowMuchAndWhatItCost() {
        String analyst = "analyst-" + UUID.randomUUID();
        var response = ask(analyst, "{\"dimensions\":[\"gender\",\"identificationStage\"]}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        var body = response.json();
        // 3 sexes × 4 stages (zeros included), 3 + 4 margins, the total.
        assertThat(body.get("cells")).hasSize(3 * 4 + 3 + 4 + 1);
        for (JsonNode cell : body.get("cells")) {
            assertThat(cell.get("status").asText()).isEqualTo("NOISY");
            assertThat(cell.get("standardError").decimalValue()).isGreaterThanOrEqualTo(new BigDecimal("20"));
            assertThat(cell.get("value").asLong()).matches(v -> v == 0 || v >= 5, "never in 1..k-1");
        }
        var md = body.get("metadata");
        assertThat(md.get("mode").asText()).isEqualTo("DIFFERENTIAL_PRIVACY");
        assertThat(md.get("noise").get("mechanism").asText()).isEqualTo("discrete-gaussian");
        assertThat(md.get("noise").get("sigma").asInt()).isEqualTo(20);
        assertThat(md.get("noise").get("rho").decimalValue()).isEqualByComparingTo("0.00125");
        assertThat(md.get("noise").get("epsilon").decimalValue()).isPositive();
        var spend = body.get("spend");
        assertThat(spend.get("rho").decimalValue()).isEqualByComparingTo("0.00125");
        assertThat(spend.get("storedAnswer").asBoolean()).isFalse();
        assertThat(spend.get("remaining").get("requesterSpent").decimalValue()).isEqualByComparingTo("0.00125");

        var entry = jdbc.sql("select requester, client, cost from release_audit where kind = 'COUNT_QUERY'"
                        + " and requester = ? order by seq desc limit 1")
                .param(analyst)
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
                .single();
        assertThat(entry).containsExactly(analyst, "tributary-aggregator", "1250000");
    }

    @Test
    void anIdenticalQueryReturnsTheStoredAnswerAndSpendsNothing() {
        String analyst = "analyst-" + UUID.randomUUID();
        String query = "{\"dimensions\":[\"ageBand\"],\"filters\":{\"gender\":[\"F\"]}}";
        var first = ask(analyst, query).json();
        Set<String> answers = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            var again = ask(i % 2 == 0 ? analyst : "analyst-" + UUID.randomUUID(), query)
                    .json();
            answers.add(again.get("cells").toString());
            assertThat(again.get("spend").get("storedAnswer").asBoolean()).isTrue();
            assertThat(again.get("spend").get("rho").decimalValue()).isZero();
        }
        assertThat(answers).containsExactly(first.get("cells").toString());
        long spends = jdbc.sql("select count(*) from dp_spend where requester = ?")
                .param(analyst)
                .query(Long.class)
                .single();
        assertThat(spends).isEqualTo(1);
    }

    @Test
    void aCellKeepsItsNoisyValueInEveryQueryThatHoldsIt() {
        String analyst = "analyst-" + UUID.randomUUID();
        var single = ask(analyst, "{\"dimensions\":[\"gender\"],\"filters\":{\"year\":[\"2024\"]}}")
                .json();
        var crossed = ask(analyst, "{\"dimensions\":[\"gender\",\"year\"],\"filters\":{\"year\":[\"2023\",\"2024\"]}}")
                .json();
        for (String sex : List.of("F", "M", "X")) {
            long alone = value(single, Map.of("gender", sex));
            long inside = value(crossed, Map.of("gender", sex, "year", "2024"));
            assertThat(inside).as("sex %s in 2024", sex).isEqualTo(alone);
        }
    }

    static long value(JsonNode table, Map<String, String> at) {
        for (JsonNode cell : table.get("cells")) {
            boolean match = true;
            for (var e : at.entrySet()) {
                match &= cell.get("coordinates").get(e.getKey()).asText().equals(e.getValue());
            }
            if (match && cell.get("coordinates").size() == at.size()) {
                return cell.get("value").asLong();
            }
        }
        throw new AssertionError("no cell " + at);
    }

    @Test
    void fiftyParallelQueriesAtTheEdgeOfTheBudgetNeverOverspendIt() throws Exception {
        String allowed = allowed();
        // Five queries' worth for each analyst: 5 × 1/800.
        var changed = staff.putJson(
                "/api/policy",
                ReleaseApiIT.policy(allowed, "ROUNDING", false, ReleaseApiIT.dp(20, "0.00625", "100")),
                null);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        try {
            String analyst = "analyst-" + UUID.randomUUID();
            var pool = Executors.newFixedThreadPool(16);
            List<Future<Http.Response>> results = new ArrayList<>();
            for (String query : largeDistinctQueries(50)) {
                results.add(pool.submit((Callable<Http.Response>) () -> ask(analyst, query)));
            }
            int ok = 0;
            int refusedOnPolicy = 0;
            int refused = 0;
            for (var f : results) {
                var r = f.get();
                if (r.status() == 200) {
                    ok++;
                } else if (r.status() == 429) {
                    assertThat(r.json().get("reason").asText()).isEqualTo("BUDGET_EXHAUSTED");
                    refused++;
                } else {
                    // A policy refusal: decided on the noisy population (paid for, like an answer) or by the query
                    // rules before anything was counted (not paid). The ledger below says which were paid.
                    assertThat(r.status()).as(r.body()).isEqualTo(422);
                    refusedOnPolicy++;
                }
            }
            pool.shutdown();
            long paid = jdbc.sql("select count(*) from dp_spend where requester = ?")
                    .param(analyst)
                    .query(Long.class)
                    .single();
            assertThat(paid)
                    .as("exactly the budget's five queries were paid for")
                    .isEqualTo(5);
            assertThat(ok).isLessThanOrEqualTo(5);
            assertThat(ok + refusedOnPolicy + refused).isEqualTo(50);
            assertThat(refused)
                    .as("the others were refused for the budget")
                    .isGreaterThanOrEqualTo(45 - refusedOnPolicy);
            long spent = jdbc.sql("select spent from dp_ledger where requester = ?")
                    .param(analyst)
                    .query(Long.class)
                    .single();
            assertThat(spent).isEqualTo(6_250_000L);
            var over = ask(analyst, "{\"dimensions\":[\"caseStatus\"]}");
            assertThat(over.status()).as(over.body()).isEqualTo(429);
            assertThat(over.status()).isEqualTo(429);
            assertThat(over.json().get("reason").asText()).isEqualTo("BUDGET_EXHAUSTED");
            assertThat(over.json().get("budget").get("queriesLeft").asLong()).isZero();
            assertThat(over.header("Content-Type")).startsWith("application/problem+json");
            System.out.printf(
                    "budget under concurrency: 50 parallel queries, %d answered, %d refused, spent %d of"
                            + " 6250000 nano-rho%n",
                    ok, refused, spent);
        } finally {
            staff.putJson(
                    "/api/policy",
                    ReleaseApiIT.policy(allowed, "ROUNDING", false, ReleaseApiIT.dp(20, "0.015625", "100")),
                    null);
        }
    }

    @Test
    void theGlobalCapBindsColludingAccountsTogether() {
        String allowed = allowed();
        String period = staff.get("/api/budget").json().get("period").asText();
        BigDecimal spent = staff.get("/api/budget").json().get("globalSpent").decimalValue();
        // Room for exactly four more queries on the node, whoever asks.
        String cap = spent.add(new BigDecimal("0.005")).toPlainString();
        assertThat(staff.putJson(
                                "/api/policy",
                                ReleaseApiIT.policy(allowed, "ROUNDING", false, ReleaseApiIT.dp(20, "1", cap)),
                                null)
                        .status())
                .isEqualTo(200);
        try {
            List<String> accounts = List.of("colluder-a-" + UUID.randomUUID(), "colluder-b-" + UUID.randomUUID());
            int answered = 0;
            List<String> queries = largeDistinctQueries(60).subList(50, 60);
            for (int i = 0; i < 10; i++) {
                var r = ask(accounts.get(i % 2), queries.get(i));
                if (r.status() == 200) {
                    answered++;
                } else {
                    assertThat(r.status()).isEqualTo(429);
                }
            }
            assertThat(answered).isEqualTo(4);
            var ledger = staff.get("/api/budget").json();
            assertThat(ledger.get("period").asText()).isEqualTo(period);
            assertThat(ledger.get("globalSpent").decimalValue()).isEqualByComparingTo(cap);
        } finally {
            staff.putJson(
                    "/api/policy",
                    ReleaseApiIT.policy(allowed, "ROUNDING", false, ReleaseApiIT.dp(20, "0.015625", "100")),
                    null);
        }
    }

    @Test
    void theRequesterIsVerifiedByTheNodeNotTakenFromTheAggregator() {
        String query = "{\"dimensions\":[\"gender\"]}";
        var none = aggregator.postJson(FederationContract.COUNT_QUERIES, query, Map.of());
        assertThat(none.status()).isEqualTo(403);
        assertThat(none.json().get("reason").asText()).isEqualTo("REQUESTER_UNVERIFIED");
        var forged = aggregator.postJson(
                FederationContract.COUNT_QUERIES,
                query,
                Map.of(
                        FederationContract.REQUESTER_TOKEN_HEADER,
                        Tokens.builder(null, "regional-analyst")
                                .issuer("http://elsewhere/realms/tributary")
                                .sign()));
        assertThat(forged.status()).isEqualTo(403);
        var caseWorker = aggregator.postJson(
                FederationContract.COUNT_QUERIES,
                query,
                Map.of(FederationContract.REQUESTER_TOKEN_HEADER, Tokens.user("KH", "case-worker")));
        assertThat(caseWorker.status()).as("only analysts ask ad-hoc questions").isEqualTo(403);
        var selfRelayed = aggregator.postJson(
                FederationContract.COUNT_QUERIES,
                query,
                Map.of(FederationContract.REQUESTER_TOKEN_HEADER, Tokens.aggregator()));
        assertThat(selfRelayed.status())
                .as("the service account is no requester")
                .isEqualTo(403);
        var analystDirect = new Http(
                        environment.getRequiredProperty("local.server.port", Integer.class),
                        () -> Tokens.analyst("analyst-direct"))
                .postJson(FederationContract.COUNT_QUERIES, query, as("analyst-direct"));
        assertThat(analystDirect.status())
                .as("the federation API is the aggregator's only")
                .isEqualTo(403);
    }

    @Test
    void theBudgetEndpointTellsTheRequesterWhatRemains() {
        String analyst = "analyst-" + UUID.randomUUID();
        var before = aggregator.get(FederationContract.BUDGET, as(analyst));
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.json().get("requesterSpent").decimalValue()).isZero();
        assertThat(before.json().get("singleResponseQueryCost").decimalValue()).isEqualByComparingTo("0.00125");
        assertThat(before.json().get("multiResponseQueryCost").decimalValue()).isEqualByComparingTo("0.00375");
        long left = before.json().get("queriesLeft").asLong();
        var multi = ask(analyst, "{\"dimensions\":[\"exploitationType\"]}");
        assertThat(multi.status()).as(multi.body()).isEqualTo(200);
        var after = aggregator.get(FederationContract.BUDGET, as(analyst)).json();
        assertThat(after.get("requesterSpent").decimalValue()).isEqualByComparingTo("0.00375");
        assertThat(after.get("queriesLeft").asLong()).isEqualTo(left - 3);
        var ledger = staff.get("/api/budget").json();
        assertThat(ledger.get("requesters").findValuesAsString("requester")).contains(analyst);
        var spends = staff.get("/api/budget/spends?size=500").json();
        assertThat(spends.findValuesAsString("requester")).contains(analyst);
    }

    @Test
    void adHocQueriesAreRefusedUnlessTheNodeOffersDifferentialPrivacy() {
        String allowed = allowed();
        String body = ReleaseApiIT.policy(allowed, "ROUNDING", false, null)
                .replace("\"suppressZeros\":false", "\"suppressZeros\":false,\"adHocMode\":\"ROUNDING\"");
        assertThat(staff.putJson("/api/policy", body, null).status()).isEqualTo(200);
        try {
            var refused = ask("analyst-" + UUID.randomUUID(), "{\"dimensions\":[\"gender\"]}");
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.json().get("reason").asText()).isEqualTo("AD_HOC_NOT_OFFERED");
            assertThat(refused.json().get("catalogueRelease").asText()).isEqualTo(FederationContract.CATALOGUE_RELEASE);
            assertThat(refused.json().get("type").asText()).isEqualTo("urn:tributary:problem:ad-hoc-not-offered");
        } finally {
            String back = ReleaseApiIT.policy(allowed, "ROUNDING", false, null)
                    .replace(
                            "\"suppressZeros\":false",
                            "\"suppressZeros\":false,\"adHocMode\":\"DIFFERENTIAL_PRIVACY\"");
            assertThat(staff.putJson("/api/policy", back, null).status()).isEqualTo(200);
        }
    }

    @Test
    void aPopulationRuleRefusalIsDecidedOnTheNoisyCountPaidForAndStoredLikeAnAnswer() {
        String allowed = allowed();
        // σ = 1: the noisy population of a tiny selection stays below the floor of 20.
        assertThat(staff.putJson(
                                "/api/policy",
                                ReleaseApiIT.policy(allowed, "ROUNDING", false, ReleaseApiIT.dp(1, "10", "100")),
                                null)
                        .status())
                .isEqualTo(200);
        try {
            String analyst = "analyst-" + UUID.randomUUID();
            String tiny = "{\"dimensions\":[],\"filters\":{\"ageBand\":[\"0-8\"],\"gender\":[\"X\"]}}";
            var refused = ask(analyst, tiny);
            assertThat(refused.status()).as(refused.body()).isEqualTo(422);
            assertThat(refused.json().get("reason").asText()).isEqualTo("POPULATION_TOO_SMALL");
            assertThat(refused.body()).doesNotContainPattern("\"value\"");
            var again = ask(analyst, tiny);
            assertThat(again.status()).isEqualTo(422);
            long spends = jdbc.sql("select count(*) from dp_spend where requester = ?")
                    .param(analyst)
                    .query(Long.class)
                    .single();
            assertThat(spends)
                    .as("decided on the noisy answer: paid once, then stored")
                    .isEqualTo(1);
        } finally {
            staff.putJson(
                    "/api/policy",
                    ReleaseApiIT.policy(allowed, "ROUNDING", false, ReleaseApiIT.dp(20, "0.015625", "100")),
                    null);
        }
    }

    @Test
    void badQueriesAreAnswered400WithTheReasonAndNeverSpendAnything() {
        String analyst = "analyst-" + UUID.randomUUID();
        for (String bad : List.of(
                "{\"dimensions\":[\"village\"]}",
                "{\"dimensions\":[\"gender\",\"gender\"]}",
                "{\"dimensions\":[\"gender\",\"ageBand\",\"year\",\"caseStatus\"]}",
                "{\"dimensions\":[\"gender\"],\"filters\":{\"gender\":[\"Q\"]}}",
                "{\"dimensions\":[\"gender\"],\"yearFrom\":2030,\"yearTo\":2020}",
                "{\"dimensions\":[\"citizenship\",\"countryOfExploitation\"]}",
                "{\"dimensions\":[\"drop table cases\"]}")) {
            var response = ask(analyst, bad);
            assertThat(response.status()).as(bad + " → " + response.body()).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
        var grid = ask(analyst, "{\"dimensions\":[\"citizenship\",\"countryOfExploitation\"]}")
                .json();
        assertThat(grid.get("reason").asText()).isEqualTo("GRID_TOO_LARGE");
        long spends = jdbc.sql("select count(*) from dp_spend where requester = ?")
                .param(analyst)
                .query(Long.class)
                .single();
        assertThat(spends).isZero();
    }
}
