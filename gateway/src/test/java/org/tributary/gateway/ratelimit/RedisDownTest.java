package org.tributary.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tributary.gateway.support.EchoBackend;
import org.tributary.gateway.support.TestTokens;

/** Redis configured but not there: each request is decided in memory, the per-user limit holds, no 5xx. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tributary.gateway.rate-limit.replenish-rate=1", "tributary.gateway.rate-limit.burst-capacity=1"})
@AutoConfigureWebTestClient(
        timeout = "PT30S") // not 5 s: the first token check of a context once took just over 5 s on a busy CI machine
class RedisDownTest {

    static final EchoBackend NODE_KH = EchoBackend.start("kh");

    @Autowired
    WebTestClient web;

    @Autowired
    UserRateLimiter limiter;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("tributary.gateway.oidc.jwks-uri", TestTokens::jwksUri);
        registry.add("TRIBUTARY_NODE_KH_URL", NODE_KH::url);
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add(
                "spring.data.redis.port", () -> EchoBackend.nothingListening().replaceAll(".*:", ""));
    }

    @Test
    void requestsAreDecidedInMemoryWhenTheConfiguredRedisIsDown() {
        assertThat(limiter).isInstanceOf(BreakingRateLimiter.class);
        String token = TestTokens.tokenFor(UUID.randomUUID().toString(), "KH", "case-worker");
        web.get()
                .uri("/api/nodes/kh/api/cases")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk();
        // Burst 1: the same user's next request is refused, Redis or not.
        web.get()
                .uri("/api/nodes/kh/api/cases")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isEqualTo(429);
        String other = TestTokens.tokenFor(UUID.randomUUID().toString(), "KH", "case-worker");
        web.get()
                .uri("/api/nodes/kh/api/cases")
                .headers(h -> h.setBearerAuth(other))
                .exchange()
                .expectStatus()
                .isOk();
    }
}
