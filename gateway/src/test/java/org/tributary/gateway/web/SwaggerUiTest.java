package org.tributary.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tributary.gateway.support.GatewayTestBase;
import org.tributary.gateway.support.TestTokens;

/** Swagger UI at the gateway: the three services' documents listed, its own CSP, the gateway's own document. */
class SwaggerUiTest extends GatewayTestBase {

    @Test
    void swaggerUiIsServedWithItsOwnContentSecurityPolicyAndListsTheThreeServices() {
        web.get()
                .uri("/swagger-ui/index.html")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .value(
                        "Content-Security-Policy",
                        csp -> assertThat(csp)
                                .contains("script-src 'self'")
                                .doesNotContain("unsafe-inline'; style")
                                .contains("frame-ancestors 'none'"));
        String config = web.get()
                .uri("/v3/api-docs/swagger-config")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(config).contains("/api/docs/aggregator", "/api/docs/nodes/kh", "/api/docs/nodes/vn", "/v3/api-docs");
        // It signs in with the realm's public client, with PKCE.
        String initializer = web.get()
                .uri("/swagger-ui/swagger-initializer.js")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(initializer).contains("tributary-web").contains("usePkceWithAuthorizationCodeGrant");
        // An API answer keeps the strict policy.
        get("/api/nodes/kh/api/cases", TestTokens.token("KH", "case-worker"))
                .exchange()
                .expectHeader()
                .value("Content-Security-Policy", csp -> assertThat(csp).startsWith("default-src 'none'; frame"));
    }

    @Test
    void theGatewaysOwnDocumentHasTheSecuritySchemesAndProblemResponses() {
        String doc = web.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(doc)
                .contains("\"keycloak\"", "authorizationCode", "/gateway/v1/access-events", "application/problem+json");
    }
}
