package org.tributary.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.tributary.gateway.support.GatewayTestBase;
import org.tributary.gateway.support.TestTokens;

class ResponseHeadersTest extends GatewayTestBase {

    private final String token = TestTokens.token("KH", "case-worker");

    @Test
    void everyResponseCarriesTheSecurityHeadersOverWhateverTheBackendSent() {
        get("/api/nodes/kh/api/cases", token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader()
                .valueEquals("X-Frame-Options", "DENY")
                .expectHeader()
                .valueEquals("Referrer-Policy", "no-referrer")
                .expectHeader()
                .valueEquals("Cache-Control", "no-store")
                .expectHeader()
                .value("Content-Security-Policy", csp -> assertThat(csp).contains("default-src 'none'"))
                .expectHeader()
                .doesNotExist("Strict-Transport-Security"); // plain HTTP here
    }

    @Test
    void aNodesLinkIsRewrittenToTheGatewaysPathForThatNode() {
        web.post()
                .uri("/api/nodes/kh/api/imports")
                .headers(h -> h.setBearerAuth(token))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue("[]")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("Location", "/api/nodes/kh/api/imports/00000000-0000-4000-8000-000000000001");
        assertThat(NodeLocationFilter.rewrite("http://node-kh:8081/api/imports/7?x=1", "/api/nodes/KH"))
                .isEqualTo("/api/nodes/KH/api/imports/7?x=1");
        assertThat(NodeLocationFilter.rewrite("/api/nodes/kh/api/cases/1", "/api/nodes/kh"))
                .isNull();
        assertThat(NodeLocationFilter.rewrite("https://elsewhere.example/login", "/api/nodes/kh"))
                .isNull();
    }

    @Test
    void errorsCarryTheSecurityHeadersToo() {
        get("/api/nodes/kh/api/cases", null)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals("X-Frame-Options", "DENY")
                .expectHeader()
                .valueEquals("Cache-Control", "no-store");
    }

    @Test
    void aCorrelationIdIsGeneratedPassedDownstreamAndReturned() {
        var result = get("/api/nodes/kh/api/cases", token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult();
        String id = result.getResponseHeaders().getFirst("X-Correlation-Id");
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(result.getResponseBody()).contains("correlation=" + id + "\n");
    }

    @Test
    void aWellFormedIncomingCorrelationIdIsKept() {
        get("/api/nodes/kh/api/cases", token)
                .header("X-Correlation-Id", "web-1234-abcd")
                .exchange()
                .expectHeader()
                .valueEquals("X-Correlation-Id", "web-1234-abcd")
                .expectBody(String.class)
                .value(body -> assertThat(body).contains("correlation=web-1234-abcd\n"));
    }

    @Test
    void aMalformedIncomingCorrelationIdIsReplaced() {
        var result = get("/api/nodes/kh/api/cases", token)
                .header("X-Correlation-Id", "x".repeat(65))
                .exchange()
                .expectBody(String.class)
                .returnResult();
        String id = result.getResponseHeaders().getFirst("X-Correlation-Id");
        assertThat(UUID.fromString(id)).isNotNull();
        get("/api/nodes/kh/api/cases", token)
                .header("X-Correlation-Id", "a b<script>")
                .exchange()
                .expectHeader()
                .value("X-Correlation-Id", v -> assertThat(UUID.fromString(v)).isNotNull());
    }

    @Test
    void problemsCarryTheCorrelationId() {
        get("/api/nodes/kh/api/cases", null)
                .header("X-Correlation-Id", "trace-401")
                .exchange()
                .expectBody()
                .jsonPath("$.correlationId")
                .isEqualTo("trace-401");
    }

    @Test
    void aConfiguredOriginIsAllowed() {
        web.options()
                .uri("/api/nodes/kh/api/cases")
                .header(HttpHeaders.ORIGIN, "https://app.tributary.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "Authorization")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://app.tributary.example");
        get("/api/nodes/kh/api/cases", token)
                .header(HttpHeaders.ORIGIN, "https://app.tributary.example")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://app.tributary.example");
    }

    @Test
    void anotherOriginIsRefused() {
        web.method(HttpMethod.OPTIONS)
                .uri("/api/nodes/kh/api/cases")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        get("/api/nodes/kh/api/cases", token)
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }
}
