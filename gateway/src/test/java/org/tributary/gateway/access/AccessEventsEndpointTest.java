package org.tributary.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.ParameterizedTypeReference;
import org.tributary.gateway.support.GatewayTestBase;
import org.tributary.gateway.support.TestTokens;

@ExtendWith(OutputCaptureExtension.class)
class AccessEventsEndpointTest extends GatewayTestBase {

    private List<Map<String, Object>> events(String token, int limit) {
        return get("/gateway/v1/access-events?limit=" + limit, token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
                .returnResult()
                .getResponseBody();
    }

    @Test
    void aSecurityOfficerSeesTheLatestEventsNewestFirstWithoutTokensOrQueryStrings(CapturedOutput output) {
        String subject = UUID.randomUUID().toString();
        String token = TestTokens.tokenFor(subject, "KH", "case-worker");
        get("/api/nodes/kh/api/cases?name=Sokha&email=x@example.org", token)
                .header("X-Correlation-Id", "first-" + subject.substring(0, 8))
                .exchange()
                .expectStatus()
                .isOk();
        get("/api/nodes/th/api/cases", token).exchange().expectStatus().isForbidden();

        // The event is recorded when the exchange completes, which may be a moment after the client has its answer.
        String officer = TestTokens.token(null, "security-officer");
        List<Map<String, Object>> events = events(officer, 10);
        for (int i = 0;
                i < 50 && events.stream().noneMatch(e -> "/api/nodes/th/api/cases".equals(e.get("path")));
                i++) {
            sleep(20);
            events = events(officer, 10);
        }
        Map<String, Object> refused = find(events, "/api/nodes/th/api/cases");
        Map<String, Object> allowed = find(events, "/api/nodes/kh/api/cases");
        assertThat(events.indexOf(refused)).as("newest first").isLessThan(events.indexOf(allowed));
        assertThat(refused)
                .containsEntry("path", "/api/nodes/th/api/cases")
                .containsEntry("status", 403)
                .containsEntry("subject", subject)
                .containsEntry("roles", List.of("case-worker"));
        assertThat(allowed)
                .containsEntry("route", "node-kh")
                .containsEntry("method", "GET")
                .containsEntry("path", "/api/nodes/kh/api/cases")
                .containsEntry("status", 200)
                .containsEntry("correlationId", "first-" + subject.substring(0, 8))
                .containsKeys("time", "durationMs");

        String everything = events.toString() + output.getAll();
        assertThat(everything)
                .contains("sub=" + subject)
                .doesNotContain(token)
                .doesNotContain(token.split("\\.")[1])
                .doesNotContain("Sokha")
                .doesNotContain("example.org")
                .doesNotContain("schan");
    }

    private static Map<String, Object> find(List<Map<String, Object>> events, String path) {
        return events.stream()
                .filter(e -> path.equals(e.get("path")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no event for " + path + " in " + events));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theLimitIsHonoured() {
        String officer = TestTokens.token(null, "security-officer");
        for (int i = 0; i < 3; i++) {
            get("/actuator/health", null).exchange().expectStatus().isOk();
        }
        assertThat(events(officer, 2)).hasSize(2);
    }

    @Test
    void onlySecurityOfficersSeeTheEvents() {
        get("/gateway/v1/access-events", TestTokens.token(null, "regional-analyst", "node-operator"))
                .exchange()
                .expectStatus()
                .isForbidden();
        get("/gateway/v1/access-events", null).exchange().expectStatus().isUnauthorized();
    }
}
