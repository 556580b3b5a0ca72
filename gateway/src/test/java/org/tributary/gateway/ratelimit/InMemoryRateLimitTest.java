package org.tributary.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tributary.gateway.support.EchoBackend;
import org.tributary.gateway.support.TestTokens;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tributary.gateway.rate-limit.replenish-rate=1", "tributary.gateway.rate-limit.burst-capacity=3"})
@AutoConfigureWebTestClient(
        timeout = "PT30S") // not 5 s: the first token check of a context once took just over 5 s on a busy CI machine
class InMemoryRateLimitTest {

    static final EchoBackend NODE_KH = EchoBackend.start("kh");

    @Autowired
    WebTestClient web;

    @Autowired
    UserRateLimiter limiter;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("tributary.gateway.oidc.jwks-uri", TestTokens::jwksUri);
        registry.add("TRIBUTARY_NODE_KH_URL", NODE_KH::url);
    }

    private WebTestClient.ResponseSpec call(String token) {
        return web.get()
                .uri("/api/nodes/kh/api/cases")
                .headers(h -> h.setBearerAuth(token))
                .exchange();
    }

    @Test
    void withoutRedisTheInMemoryLimiterIsUsed() {
        assertThat(limiter).isInstanceOf(InMemoryRateLimiter.class);
    }

    @Test
    void theRequestAfterTheBurstIsTooManyAndAnotherUserIsNotAffected() {
        String user = TestTokens.tokenFor(UUID.randomUUID().toString(), "KH", "case-worker");
        for (int i = 0; i < 3; i++) {
            call(user).expectStatus().isOk();
        }
        call(user)
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .valueEquals("Retry-After", "1")
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:tributary:problem:too-many-requests");
        call(TestTokens.tokenFor(UUID.randomUUID().toString(), "KH", "case-worker"))
                .expectStatus()
                .isOk();
    }

    @Test
    void theSameUserWithANewTokenIsStillLimited() {
        String subject = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            call(TestTokens.tokenFor(subject, "KH", "case-worker"))
                    .expectStatus()
                    .isOk();
        }
        call(TestTokens.tokenFor(subject, "KH", "case-worker")).expectStatus().isEqualTo(429);
    }
}
