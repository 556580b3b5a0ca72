package org.tributary.aggregator.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tributary.aggregator.support.Http;
import org.tributary.aggregator.support.Tokens;

/**
 * The auth matrix's "key set unreachable" case on the aggregator: no key set can be fetched, so a well-formed
 * analyst token is a 401 problem (never a 500), a JWE is refused before any fetch, the aggregator stays ready, and
 * health says the identity provider is down.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KeySetUnreachableIT {

    static final String JWE = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..YQ.Yg.Yw";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("tributary.aggregator.data-dir", () -> "target/it-data/" + UUID.randomUUID());
        registry.add("tributary.aggregator.release-cron", () -> "off");
        registry.add("tributary.security.public-key", () -> "");
        registry.add("tributary.security.jwk-set-uri", () -> "http://127.0.0.1:1/certs");
    }

    @LocalServerPort
    int port;

    @Test
    void tokensAreRefusedWith401AndTheAggregatorStaysReady() {
        var http = new Http(port);
        for (String token : new String[] {Tokens.analyst(), JWE, "garbage"}) {
            var response = http.as(token).get("/api/regional/nodes");
            assertThat(response.status()).as(token).isEqualTo(401);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("127.0.0.1:1");
        }
        assertThat(http.as(null).get("/actuator/health/readiness").status()).isEqualTo(200);
        var health = http.as(null).get("/actuator/health");
        assertThat(health.json()
                        .path("components")
                        .path("identityProvider")
                        .path("status")
                        .asString())
                .isEqualTo("DOWN");
    }
}
