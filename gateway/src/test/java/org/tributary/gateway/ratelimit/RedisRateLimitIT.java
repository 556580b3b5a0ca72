package org.tributary.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tributary.gateway.support.EchoBackend;
import org.tributary.gateway.support.TestRedis;
import org.tributary.gateway.support.TestTokens;

/**
 * The Redis limiter against a real Redis: one this test starts itself (a real {@code redis-server}, from the
 * embedded-redis jar on Maven Central), or the one {@code TRIBUTARY_IT_REDIS_HOST} / {@code TRIBUTARY_IT_REDIS_PORT}
 * name. A unique key prefix per run keeps runs apart. It never skips.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tributary.gateway.rate-limit.replenish-rate=1",
            "tributary.gateway.rate-limit.burst-capacity=5",
            // This test counts in Redis: on a busy machine a Redis answer can take longer than the production 200 ms,
            // and that request would then be counted in memory instead (RedisHungTest covers that path).
            "tributary.gateway.rate-limit.redis-timeout=5s",
            "spring.data.redis.timeout=5s"
        })
@AutoConfigureWebTestClient(
        timeout = "PT30S") // not 5 s: the first token check of a context once took just over 5 s on a busy CI machine
class RedisRateLimitIT {

    static TestRedis redis;
    static final EchoBackend NODE_KH = EchoBackend.start("kh");

    @Autowired
    WebTestClient web;

    @Autowired
    UserRateLimiter limiter;

    @BeforeAll
    static void redisIsThere() throws IOException {
        redis = TestRedis.start();
    }

    @org.junit.jupiter.api.AfterAll
    static void stopRedis() throws IOException {
        redis.stop();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("tributary.gateway.oidc.jwks-uri", TestTokens::jwksUri);
        registry.add("TRIBUTARY_NODE_KH_URL", NODE_KH::url);
        registry.add("spring.data.redis.host", () -> redis.host);
        registry.add("spring.data.redis.port", () -> redis.port);
        registry.add("tributary.gateway.rate-limit.key-prefix", () -> "it-" + UUID.randomUUID());
    }

    private WebTestClient.ResponseSpec call(String token) {
        return web.get()
                .uri("/api/nodes/kh/api/cases")
                .headers(h -> h.setBearerAuth(token))
                .exchange();
    }

    @Test
    void withRedisConfiguredTheRedisLimiterIsUsedAndItsBreakerStaysClosed() {
        assertThat(limiter).isInstanceOf(BreakingRateLimiter.class);
        for (int i = 0; i < 10; i++) {
            call(TestTokens.tokenFor(UUID.randomUUID().toString(), "KH", "case-worker"))
                    .expectStatus()
                    .isOk();
        }
        assertThat(((BreakingRateLimiter) limiter).state()).isEqualTo("CLOSED");
        assertThat(limiter.describe()).startsWith("Redis (");
    }

    @Test
    void theRequestAfterTheBurstIsTooManyAndAnotherUserIsNotAffected() {
        String user = TestTokens.tokenFor(UUID.randomUUID().toString(), "KH", "case-worker");
        // Ask until the first refusal: on a slow machine a token or two is replenished (1/s) while the burst runs,
        // so the count allowed is bounded by the burst plus what the elapsed time refilled, not fixed at 5.
        long started = System.nanoTime();
        int allowed = 0;
        org.springframework.test.web.reactive.server.EntityExchangeResult<String> refusal = null;
        for (int i = 0; i < 60 && refusal == null; i++) {
            var result = call(user).expectBody(String.class).returnResult();
            int status = result.getStatus().value();
            if (status == 200) {
                allowed++;
            } else {
                assertThat(status)
                        .as("only 200 or 429 while the bucket empties")
                        .isEqualTo(429);
                refusal = result;
            }
        }
        double elapsedSeconds = (System.nanoTime() - started) / 1e9;
        assertThat(refusal).as("a refusal within 60 requests").isNotNull();
        assertThat(allowed).isGreaterThanOrEqualTo(5).isLessThanOrEqualTo(5 + (int) Math.ceil(elapsedSeconds) + 1);
        assertThat(refusal.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refusal.getResponseHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(refusal.getResponseBody())
                .containsPattern("\"type\"\\s*:\\s*\"urn:tributary:problem:too-many-requests\"");
        call(TestTokens.tokenFor(UUID.randomUUID().toString(), "KH", "case-worker"))
                .expectStatus()
                .isOk();
    }
}
