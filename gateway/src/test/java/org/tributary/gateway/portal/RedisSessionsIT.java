package org.tributary.gateway.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tributary.gateway.support.TestRedis;
import org.tributary.gateway.support.TestTokens;

/**
 * With Redis configured, the web application's sessions are in Redis (ADR 39), so that every gateway instance
 * behind a load balancer sees them: the session a sign-in starts is there, holding the sign-in in progress, with the
 * short expiry of a session nobody has signed in on yet, under a key any instance on the same Redis reads.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tributary.gateway.portal.client-secret=test-portal-secret",
            "tributary.gateway.rate-limit.redis-timeout=5s",
            "spring.data.redis.timeout=5s"
        })
@AutoConfigureWebTestClient(timeout = "PT30S")
class RedisSessionsIT {

    static TestRedis redis;

    @Autowired
    WebTestClient web;

    @BeforeAll
    static void redis() throws IOException {
        redis = TestRedis.start();
    }

    @AfterAll
    static void stop() throws IOException {
        redis.stop();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("tributary.gateway.oidc.jwks-uri", TestTokens::jwksUri);
        registry.add("spring.data.redis.host", () -> redis.host);
        registry.add("spring.data.redis.port", () -> redis.port);
        registry.add("tributary.gateway.rate-limit.key-prefix", () -> "it-" + UUID.randomUUID());
    }

    @Test
    void aSignInInProgressLivesInRedisWithTheShortExpiryOfASessionNobodySignedInOn() {
        var started = web.get()
                .uri("/oauth2/authorization/keycloak")
                .exchange()
                .expectStatus()
                .isFound()
                .returnResult(Void.class);
        String cookie = started.getResponseHeaders().get(HttpHeaders.SET_COOKIE).stream()
                .filter(c -> c.startsWith("__Host-TRIBUTARY_SESSION="))
                .findFirst()
                .orElseThrow();
        String id = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));

        RedisClient client = RedisClient.create("redis://" + redis.host + ":" + redis.port);
        try (var connection = client.connect()) {
            var commands = connection.sync();
            String key = "tributary:gateway:sessions:sessions:" + id;
            assertThat(commands.keys("tributary:gateway:sessions:sessions:*")).contains(key);
            assertThat(commands.hkeys(key))
                    .as("the authorization request (state, PKCE verifier) waits in the shared session")
                    .anySatisfy(field -> assertThat(field).contains("AUTHORIZATION_REQUEST"));
            assertThat(commands.ttl(key))
                    .as("a session nobody signed in on expires soon")
                    .isBetween(1L, 300L);
            assertThat(commands.keys("*").toString()).doesNotContain("test-portal-secret");
        } finally {
            client.shutdown();
        }
    }
}
