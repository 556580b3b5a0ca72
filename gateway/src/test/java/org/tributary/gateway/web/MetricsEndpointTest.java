package org.tributary.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tributary.gateway.support.GatewayTestBase;
import org.tributary.gateway.support.TestTokens;

/** The gateway's own metrics: for the monitoring account (role metrics-reader) only, with the routed requests. */
class MetricsEndpointTest extends GatewayTestBase {

    @Test
    void onlyTheMonitoringAccountReadsTheGatewaysMetrics() {
        get("/api/nodes/kh/api/cases", TestTokens.token("KH", "case-worker"))
                .exchange()
                .expectStatus()
                .isOk();
        web.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        get("/actuator/prometheus", TestTokens.token(null, "regional-analyst"))
                .exchange()
                .expectStatus()
                .isForbidden();
        String body = get("/actuator/prometheus", TestTokens.token(null, "metrics-reader"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(body).contains("jvm_memory_used_bytes").contains("application=\"gateway\"");
        // The monitoring account opens no route.
        get("/api/regional/indicators", TestTokens.token(null, "metrics-reader"))
                .exchange()
                .expectStatus()
                .isForbidden();
    }
}
