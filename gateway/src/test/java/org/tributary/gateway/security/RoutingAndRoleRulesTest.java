package org.tributary.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.tributary.gateway.support.GatewayTestBase;
import org.tributary.gateway.support.TestTokens;

class RoutingAndRoleRulesTest extends GatewayTestBase {

    private String bodyOf(String path, String token) {
        return get(path, token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private void refused(String path, String token) {
        get(path, token)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:tributary:problem:forbidden")
                .jsonPath("$.status")
                .isEqualTo(403);
    }

    @Test
    void aCaseWorkerReachesTheirOwnNodeWithThePrefixStrippedAndTheTokenForwardedUnchanged() {
        String token = TestTokens.token("KH", "case-worker");
        String body = bodyOf("/api/nodes/kh/api/cases?page=2", token);
        assertThat(body)
                .contains("backend=kh")
                .contains("path=/api/cases\n")
                .contains("query=page=2")
                .contains("authorization=Bearer " + token);
    }

    @Test
    void theCountrySegmentMayBeUpperCaseAndTheClaimAnyCase() {
        assertThat(bodyOf("/api/nodes/KH/api/cases", TestTokens.token("kh", "node-operator")))
                .contains("backend=kh")
                .contains("path=/api/cases\n");
    }

    @Test
    void aNodeOperatorReachesTheirOwnNode() {
        assertThat(bodyOf("/api/nodes/th/api/policy", TestTokens.token("TH", "node-operator")))
                .contains("backend=th");
    }

    @Test
    void aCaseWorkerOfAnotherCountryIsRefused() {
        refused("/api/nodes/th/api/cases", TestTokens.token("KH", "case-worker"));
    }

    @Test
    void nationalStaffWithoutACountryClaimAreRefused() {
        refused("/api/nodes/kh/api/cases", TestTokens.token(null, "case-worker"));
    }

    @Test
    void aRegionalAnalystCannotReachANode() {
        refused("/api/nodes/kh/api/cases", TestTokens.token("KH", "regional-analyst"));
    }

    @Test
    void aSecurityOfficerReadsTheAuditOfAnyNode() {
        String officer = TestTokens.token(null, "security-officer");
        assertThat(bodyOf("/api/nodes/kh/api/audit/events", officer)).contains("backend=kh");
        assertThat(bodyOf("/api/nodes/TH/api/audit", officer)).contains("backend=th");
    }

    @Test
    void aSecurityOfficerCannotReadCasesOfANode() {
        refused("/api/nodes/kh/api/cases", TestTokens.token(null, "security-officer"));
    }

    @Test
    void theFederationApiIsRefusedToEveryoneEvenTheAggregatorAndAnonymousCallers() {
        refused("/api/nodes/kh/federation/count", TestTokens.token("KH", "node-operator", "federation-aggregator"));
        refused("/api/nodes/KH/Federation/count", TestTokens.token("KH", "node-operator"));
        // Sent as is (not re-encoded): %66 is "f". Percent-encoding is refused before any rule is read.
        web.get()
                .uri(java.net.URI.create("http://127.0.0.1:" + port + "/api/nodes/kh/%66ederation/count"))
                .headers(h -> h.setBearerAuth(TestTokens.token("KH", "node-operator")))
                .exchange()
                .expectStatus()
                .isBadRequest();
        refused("/api/nodes/kh/federation", null);
    }

    @Test
    void aRegionalAnalystReachesTheAggregatorsRegionalApi() {
        assertThat(bodyOf("/api/regional/indicators", TestTokens.token(null, "regional-analyst")))
                .contains("backend=aggregator")
                .contains("path=/api/regional/indicators\n");
    }

    @Test
    void theRegionalApiIsRefusedToOtherRoles() {
        refused("/api/regional/indicators", TestTokens.token("KH", "case-worker", "security-officer"));
    }

    @Test
    void aSecurityOfficerReachesTheAggregatorsSecurityApi() {
        assertThat(bodyOf("/api/security/access-review", TestTokens.token(null, "security-officer")))
                .contains("backend=aggregator")
                .contains("path=/api/security/access-review\n");
    }

    @Test
    void theSecurityApiIsRefusedToOtherRoles() {
        refused("/api/security/access-review", TestTokens.token(null, "regional-analyst"));
    }

    @Test
    void unknownPathsAreNotFoundProblems() {
        get("/api/unknown", TestTokens.token("KH", "case-worker"))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:tributary:problem:not-found");
    }

    @Test
    void aNodeThatIsNotInTheFederationIsNotFound() {
        get("/api/nodes/xx/api/cases", TestTokens.token("XX", "case-worker"))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void healthIsOpenAndOtherActuatorEndpointsAreNotExposed() {
        get("/actuator/health", null).exchange().expectStatus().isOk();
        get("/actuator/health/liveness", null).exchange().expectStatus().isOk();
        get("/actuator/env", TestTokens.token(null, "security-officer"))
                .exchange()
                .expectStatus()
                .isNotFound();
        get("/actuator/env", null).exchange().expectStatus().isUnauthorized();
    }
}
