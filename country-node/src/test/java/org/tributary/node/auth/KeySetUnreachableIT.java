package org.tributary.node.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.tributary.node.support.Http;
import org.tributary.node.support.NodeIntegrationTest;
import org.tributary.node.support.Tokens;

/**
 * The auth matrix's "key set unreachable" case on a node: Keycloak's certificate endpoint refuses connections and
 * no key set was ever fetched. A well-formed token cannot be verified and is a 401 problem (never a 500, never a
 * hang); a JWE is refused before any fetch; the node stays ready, and health says the identity provider is down.
 */
@NodeIntegrationTest
@TestPropertySource(
        properties = {"tributary.security.public-key=", "tributary.security.jwk-set-uri=http://127.0.0.1:1/certs"})
class KeySetUnreachableIT {

    static final String JWE = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..YQ.Yg.Yw";

    @LocalServerPort
    int port;

    @Test
    void tokensAreRefusedWith401AndTheNodeStaysReady() {
        var http = new Http(port);
        for (String token : new String[] {Tokens.allNodeRoles(), JWE, "garbage"}) {
            var response = http.as(token).get("/api/cases");
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
