package org.tributary.aggregator.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tributary.aggregator.support.FaultyProxy;
import org.tributary.aggregator.support.Http;
import org.tributary.aggregator.support.StubNode;
import org.tributary.aggregator.support.StubNode.Behaviour;

/**
 * Node faults seen on the wire (issue 16, items 9 and 10), against raw-socket stand-ins: a node that trickles its
 * answer one byte at a time must not take the fan-out pool from the others (per-node bulkhead), and a node that
 * closes kept-alive connections must not make the next call fail (one retry on a fresh connection).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NodeFaultsIT {

    static final StubNode KH = new StubNode("KH", Behaviour.OK);
    static final FaultyProxy TR = new FaultyProxy(new StubNode("TH", Behaviour.OK), FaultyProxy.Mode.TRICKLE);
    static final FaultyProxy CK = new FaultyProxy(new StubNode("VN", Behaviour.OK), FaultyProxy.Mode.CLOSE_KEPT_ALIVE);

    @DynamicPropertySource
    static void nodes(DynamicPropertyRegistry registry) {
        registry.add("tributary.aggregator.data-dir", () -> "target/it-data/" + UUID.randomUUID());
        registry.add("tributary.aggregator.calls.timeout", () -> "1500ms");
        // A pool of 3 and one call per node: without the bulkhead the trickling node holds the whole pool after
        // three questions, and the others time out.
        registry.add("tributary.aggregator.calls.threads", () -> "3");
        registry.add("tributary.aggregator.calls.per-node", () -> "1");
        registry.add("tributary.aggregator.calls.retries", () -> "0");
        registry.add("tributary.aggregator.circuit-breaker.minimum-calls", () -> "100");
        registry.add("tributary.aggregator.circuit-breaker.window", () -> "100");
        registry.add("tributary.aggregator.release-cron", () -> "off");
        registry.add("tributary.aggregator.health-period", () -> "1h");
        String[][] nodes = {{"kh", "KH", KH.baseUrl()}, {"tr", "TH", TR.baseUrl()}, {"ck", "VN", CK.baseUrl()}};
        for (int i = 0; i < nodes.length; i++) {
            String[] n = nodes[i];
            registry.add("tributary.aggregator.nodes[" + i + "].id", () -> n[0]);
            registry.add("tributary.aggregator.nodes[" + i + "].country", () -> n[1]);
            registry.add("tributary.aggregator.nodes[" + i + "].base-url", () -> n[2]);
        }
    }

    @AfterAll
    static void stop() {
        KH.close();
        TR.close();
        CK.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    NodeBulkheads bulkheads;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < until) {
            var nodes = http.get("/api/regional/nodes").json();
            long known = StreamSupport.stream(nodes.spliterator(), false)
                    .filter(n -> n.path("catalogueDimensions").asInt(0) > 0)
                    .count();
            if (known >= 2) {
                return;
            }
            RegionalApiIT.pause(100);
        }
        throw new AssertionError("no node catalogue arrived");
    }

    @Test
    void aTricklingNodeHoldsOnlyItsOwnShareAndAStaleConnectionIsRetriedOnce() {
        int staleBefore = CK.connections();
        List<Long> times = new ArrayList<>();
        List<String> trickler = new ArrayList<>();
        int khOk = 0;
        int ckOk = 0;
        int asked = 6;
        for (int i = 0; i < asked; i++) {
            long started = System.nanoTime();
            var response = http.postJson("/api/regional/queries", "{\"dimensions\": [\"gender\"]}");
            times.add((System.nanoTime() - started) / 1_000_000);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            var nodes = RegionalApiIT.statuses(response.json());
            khOk += nodes.get("KH").path("status").asString().equals("ok") ? 1 : 0;
            ckOk += nodes.get("VN").path("status").asString().equals("ok") ? 1 : 0;
            trickler.add(nodes.get("TH").path("status").asString());
            assertThat(bulkheads.inFlight("tr")).isLessThanOrEqualTo(1);
            // Past the proxy's 200 ms: the connection kept alive from the last call is closed by now.
            RegionalApiIT.pause(400);
        }
        Collections.sort(times);
        int reconnects = CK.connections() - staleBefore;
        System.out.printf(
                "node faults: %d questions with one node trickling (1 byte / 200 ms) and one closing kept-alive"
                        + " connections: healthy node ok %d/%d, closing node ok %d/%d (%d connections for %d"
                        + " requests), trickling node %s; median answer %d ms (node timeout 1500 ms)%n",
                asked, khOk, asked, ckOk, asked, reconnects, CK.requests(), trickler, times.get(times.size() / 2));
        assertThat(khOk).isEqualTo(asked);
        assertThat(ckOk).isEqualTo(asked);
        assertThat(trickler).allMatch(s -> s.equals("timeout") || s.equals("unavailable"));
        assertThat(trickler).contains("unavailable");
    }
}
