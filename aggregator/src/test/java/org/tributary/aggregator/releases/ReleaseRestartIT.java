package org.tributary.aggregator.releases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tributary.aggregator.AggregatorApplication;
import org.tributary.aggregator.support.Http;
import org.tributary.aggregator.support.StubNode;
import org.tributary.aggregator.support.StubNode.Behaviour;

/** Releases live in the aggregator's own PostgreSQL: a restart on the same data directory loses none. */
class ReleaseRestartIT {

    static ConfigurableApplicationContext start(Path dataDir, List<StubNode> nodes) {
        var args = new java.util.ArrayList<>(List.of(
                "--server.port=0",
                "--tributary.aggregator.data-dir=" + dataDir,
                "--tributary.aggregator.release-cron=off"));
        for (int i = 0; i < nodes.size(); i++) {
            args.add("--tributary.aggregator.nodes[" + i + "].id="
                    + nodes.get(i).country().toLowerCase());
            args.add("--tributary.aggregator.nodes[" + i + "].country="
                    + nodes.get(i).country());
            args.add("--tributary.aggregator.nodes[" + i + "].base-url="
                    + nodes.get(i).baseUrl());
        }
        return new SpringApplicationBuilder(AggregatorApplication.class).run(args.toArray(String[]::new));
    }

    static Http http(ConfigurableApplicationContext context) {
        return new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    @Test
    void aStoredReleaseIsThereUnchangedAfterARestart() throws Exception {
        Path dataDir = Path.of("target/it-data", "restart-" + UUID.randomUUID());
        try (var kh = new StubNode("KH", Behaviour.OK);
                var th = new StubNode("TH", Behaviour.OK)) {
            String before;
            long number;
            try (var first = start(dataDir, List.of(kh, th))) {
                var http = http(first);
                awaitCatalogue(http);
                var made = http.post("/api/regional/releases", "application/json", new byte[0]);
                assertThat(made.status()).as(made.body()).isEqualTo(201);
                number = made.json().path("number").asLong();
                before = http.get("/api/regional/releases/" + number).body();
            }
            try (var second = start(dataDir, List.of(kh, th))) {
                var http = http(second);
                var after = http.get("/api/regional/releases/" + number);
                assertThat(after.status()).isEqualTo(200);
                assertThat(after.body()).isEqualTo(before);
                awaitCatalogue(http);
                var next = http.post("/api/regional/releases", "application/json", new byte[0]);
                assertThat(next.json().path("number").asLong())
                        .as("numbering continues")
                        .isEqualTo(number + 1);
            }
        }
    }

    static void awaitCatalogue(Http http) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            var nodes = http.get("/api/regional/nodes").json();
            boolean all = true;
            for (var n : nodes) {
                all &= n.path("catalogueDimensions").asInt(0) > 0;
            }
            if (all) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no catalogue");
    }
}
