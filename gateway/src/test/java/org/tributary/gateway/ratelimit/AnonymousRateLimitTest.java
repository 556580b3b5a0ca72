package org.tributary.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tributary.gateway.support.EchoBackend;
import org.tributary.gateway.support.TestTokens;

/**
 * Throttling before authentication: a flood of bad tokens from one address is cut off with 429s once its small
 * bucket is empty, without parsing the tokens, while a valid token takes nothing from it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tributary.gateway.rate-limit.anonymous.replenish-rate=1",
            "tributary.gateway.rate-limit.anonymous.burst-capacity=10",
            "tributary.gateway.rate-limit.replenish-rate=10000",
            "tributary.gateway.rate-limit.burst-capacity=10000"
        })
@AutoConfigureWebTestClient(timeout = "PT30S")
class AnonymousRateLimitTest {

    static final EchoBackend NODE = EchoBackend.start("kh");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("tributary.gateway.oidc.jwks-uri", TestTokens::jwksUri);
        registry.add("TRIBUTARY_NODE_KH_URL", NODE::url);
    }

    @Autowired
    WebTestClient web;

    @Test
    void badTokensFromOneAddressAreThrottledAndValidTokensAreNotCounted() {
        String valid = TestTokens.token("KH", "case-worker");
        for (int i = 0; i < 30; i++) {
            web.get()
                    .uri("/api/nodes/kh/api/cases")
                    .headers(h -> h.setBearerAuth(valid))
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String bad = "not.a.token" + i;
            statuses.add(web.get()
                    .uri("/api/nodes/kh/api/cases")
                    .headers(h -> h.setBearerAuth(bad))
                    .exchange()
                    .returnResult(String.class)
                    .getStatus()
                    .value());
        }
        long unauthorized = statuses.stream().filter(s -> s == 401).count();
        long throttled = statuses.stream().filter(s -> s == 429).count();
        System.out.printf(
                "anonymous limit (burst 10, 1/s): 40 bad tokens from one address -> %d x 401, %d x 429%n",
                unauthorized, throttled);
        assertThat(unauthorized).isBetween(10L, 13L);
        assertThat(throttled).isEqualTo(40 - unauthorized);
        web.get()
                .uri("/api/nodes/kh/api/cases")
                .headers(h -> h.setBearerAuth("still.not.valid"))
                .exchange()
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .exists("Retry-After")
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:tributary:problem:too-many-requests");
        // The orchestrator's probes from the same, exhausted address still get through, and take nothing.
        for (int i = 0; i < 20; i++) {
            web.get()
                    .uri("/actuator/health/readiness")
                    .exchange()
                    .expectStatus()
                    .isOk();
            web.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        }
        // Other paths from that address are still limited. The probes above took time, and the bucket refills one
        // token a second: a few calls in a row use up what refilled and meet the limit.
        List<Integer> health = new ArrayList<>();
        for (int i = 0; i < 8 && !health.contains(429); i++) {
            health.add(web.get()
                    .uri("/actuator/health")
                    .exchange()
                    .returnResult(String.class)
                    .getStatus()
                    .value());
        }
        assertThat(health).contains(429);
    }
}
