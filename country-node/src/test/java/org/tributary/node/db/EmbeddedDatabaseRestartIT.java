package org.tributary.node.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tributary.common.federation.FederationContract;
import org.tributary.node.CountryNodeApplication;
import org.tributary.node.support.Http;
import org.tributary.node.support.Samples;
import org.tributary.node.support.Tokens;

/**
 * The embedded default keeps its data directory: what a node wrote is there after a restart — cases, and the privacy
 * budget spent (a restart never refills a budget).
 */
class EmbeddedDatabaseRestartIT {

    static ConfigurableApplicationContext start(Path dataDir, String... more) {
        var args =
                new java.util.ArrayList<>(java.util.List.of("--server.port=0", "--tributary.node.data-dir=" + dataDir));
        args.addAll(java.util.List.of(more));
        return new SpringApplicationBuilder(CountryNodeApplication.class)
                .profiles("test")
                .run(args.toArray(String[]::new));
    }

    static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    @Test
    void aPrivacyBudgetSpentBeforeARestartIsStillSpentAfterItAndTheStoredAnswerStillFree() throws Exception {
        Path dataDir = Files.createTempDirectory("tributary-restart-");
        String analyst = Tokens.analyst("restart-analyst");
        var headers = java.util.Map.of(FederationContract.REQUESTER_TOKEN_HEADER, analyst);
        String query = "{\"dimensions\":[\"gender\"]}";
        String before;
        String cells;
        try (var first = start(dataDir, "--tributary.sample.cases=200")) {
            var http = new Http(port(first), Tokens::aggregator);
            var answer = http.postJson(FederationContract.COUNT_QUERIES, query, headers);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            cells = answer.json().get("cells").toString();
            before = http.get(FederationContract.BUDGET, headers)
                    .json()
                    .get("requesterSpent")
                    .asText();
            assertThat(before).isEqualTo("0.00125");
        }
        try (var second = start(dataDir)) {
            var http = new Http(port(second), Tokens::aggregator);
            var budget = http.get(FederationContract.BUDGET, headers).json();
            assertThat(budget.get("requesterSpent").asText()).isEqualTo(before);
            var again = http.postJson(FederationContract.COUNT_QUERIES, query, headers)
                    .json();
            assertThat(again.get("spend").get("storedAnswer").asBoolean()).isTrue();
            assertThat(again.get("cells").toString()).isEqualTo(cells);
            assertThat(http.get(FederationContract.BUDGET, headers)
                            .json()
                            .get("requesterSpent")
                            .asText())
                    .isEqualTo(before);
        }
    }

    @Test
    void aCaseWrittenBeforeARestartIsReadAfterIt() throws Exception {
        Path dataDir = Files.createTempDirectory("tributary-restart-");
        String id;
        try (var first = start(dataDir)) {
            var created = new Http(port(first)).postJson("/api/cases", Samples.caseJson("RESTART-1"));
            assertThat(created.status()).isEqualTo(201);
            id = created.json().get("id").asText();
        }
        assertThat(dataDir.resolve("PG_VERSION")).exists();
        try (var second = start(dataDir)) {
            var read = new Http(port(second)).get("/api/cases/" + id);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().get("personal").get("firstName").asText()).isEqualTo("Srey");
            assertThat(second.getBean(JdbcClient.class)
                            .sql("select count(*) from cases")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }
    }
}
