package org.tributary.gateway.security;

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

/**
 * Keycloak unreachable: the signing keys cannot be fetched, so a well-formed token cannot be checked. That is a 503
 * problem (the token may be fine; try again), not a 500 and not a 401; requests without a token are still 401.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT30S")
class IdentityProviderDownTest {

    static final EchoBackend NODE = EchoBackend.start("kh");

    @DynamicPropertySource
    static void unreachableKeys(DynamicPropertyRegistry registry) {
        registry.add("tributary.gateway.oidc.jwks-uri", () -> EchoBackend.nothingListening() + "/certs");
        registry.add("TRIBUTARY_NODE_KH_URL", NODE::url);
    }

    @Autowired
    WebTestClient web;

    @Test
    void aWellFormedTokenThatCannotBeCheckedIsA503ProblemWithRetryAfter() {
        web.get()
                .uri("/api/nodes/kh/api/cases")
                .headers(h -> h.setBearerAuth(TestTokens.token("KH", "case-worker")))
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .valueEquals("Retry-After", "5")
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:tributary:problem:upstream-unavailable");
    }

    @Test
    void aHungIdentityProviderIsA503WithinTheFetchTimeout() throws Exception {
        try (var hung = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            var held = new java.util.concurrent.CopyOnWriteArrayList<java.net.Socket>();
            Thread accept = new Thread(() -> {
                try {
                    while (true) {
                        held.add(hung.accept());
                    }
                } catch (java.io.IOException closed) {
                    // done
                }
            });
            accept.setDaemon(true);
            accept.start();
            var decoder = new GuardedJwtDecoder(
                    org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder.withJwkSetUri(
                                    "http://127.0.0.1:" + hung.getLocalPort() + "/certs")
                            .build());
            long started = System.nanoTime();
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> decoder.decode(TestTokens.token("KH", "case-worker"))
                                    .block())
                    .isInstanceOf(GuardedJwtDecoder.IdentityProviderUnavailableException.class);
            long ms = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("gateway, hung identity provider: token refused as 503 after %d ms%n", ms);
            org.assertj.core.api.Assertions.assertThat(held).isNotEmpty();
        }
    }

    @Test
    void garbageAndMissingTokensAreStill401() {
        web.get()
                .uri("/api/nodes/kh/api/cases")
                .headers(h -> h.setBearerAuth(HardeningTest.JWE))
                .exchange()
                .expectStatus()
                .isUnauthorized();
        web.get().uri("/api/nodes/kh/api/cases").exchange().expectStatus().isUnauthorized();
    }
}
