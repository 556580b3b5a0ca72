package org.tributary.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.tributary.gateway.support.GatewayTestBase;
import org.tributary.gateway.support.TestTokens;

class BackendFailureTest extends GatewayTestBase {

    @Test
    void anUnreachableBackendIsABadGatewayProblemWithoutInternals() {
        String body = get("/api/nodes/la/api/cases", TestTokens.token("LA", "case-worker"))
                .exchange()
                .expectStatus()
                .isEqualTo(502)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(body)
                .contains("urn:tributary:problem:upstream-unavailable")
                .doesNotContain("127.0.0.1")
                .doesNotContain("Connection refused")
                .doesNotContain("Exception");
    }

    @Test
    void aSlowBackendIsAGatewayTimeoutProblem() {
        String body = get("/api/nodes/mm/api/cases", TestTokens.token("MM", "case-worker"))
                .exchange()
                .expectStatus()
                .isEqualTo(504)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(body).contains("urn:tributary:problem:upstream-unavailable").doesNotContain("Exception");
    }
}
