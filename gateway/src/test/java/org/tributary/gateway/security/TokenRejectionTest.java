package org.tributary.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.tributary.gateway.support.GatewayTestBase;
import org.tributary.gateway.support.TestTokens;

class TokenRejectionTest extends GatewayTestBase {

    private static final String PATH = "/api/nodes/kh/api/cases";

    private void rejected(String token) {
        String body = get(PATH, token)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .value(HttpHeaders.WWW_AUTHENTICATE, v -> assertThat(v).startsWith("Bearer"))
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(body).contains("\"type\":\"urn:tributary:problem:unauthorized\"");
        assertThat(body).contains("\"status\":401");
        if (token != null && token.length() > 20) {
            // Neither the token nor anything from it, nor the reason the decoder gave.
            assertThat(body)
                    .doesNotContain(token.substring(0, 20))
                    .doesNotContain("Jwt")
                    .doesNotContain("expired at");
        }
    }

    @Test
    void aRequestWithoutATokenIsUnauthorized() {
        rejected(null);
    }

    @Test
    void anExpiredTokenIsUnauthorized() {
        rejected(TestTokens.token(c -> c.issueTime(Date.from(Instant.now().minusSeconds(300)))
                .expirationTime(Date.from(Instant.now().minusSeconds(60)))));
    }

    @Test
    void aTokenExpiredWithinTheClockSkewIsStillAccepted() {
        get(
                        PATH,
                        TestTokens.token(
                                c -> c.issueTime(Date.from(Instant.now().minusSeconds(300)))
                                        .expirationTime(Date.from(Instant.now().minusSeconds(10)))))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void aTokenNotYetValidBeyondTheSkewIsUnauthorized() {
        rejected(TestTokens.token(c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(120)))));
    }

    @Test
    void aTokenWithoutExpiryIsUnauthorized() {
        rejected(TestTokens.token(c -> c.expirationTime(null)));
    }

    @Test
    void aTokenFromAnotherIssuerIsUnauthorized() {
        rejected(TestTokens.token(c -> c.issuer("http://127.0.0.1:8180/realms/other")));
    }

    @Test
    void aTokenForAnotherAudienceIsUnauthorized() {
        rejected(TestTokens.token(c -> c.audience(List.of("account", "tributary-node"))));
    }

    @Test
    void anUnsignedTokenIsUnauthorized() {
        rejected(TestTokens.unsigned("KH", "case-worker"));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsUnauthorized() {
        rejected(TestTokens.forged("KH", "case-worker"));
    }

    @Test
    void aTamperedTokenIsUnauthorized() {
        String token = TestTokens.token("KH", "case-worker");
        String[] parts = token.split("\\.");
        String otherClaims = TestTokens.token("TH", "case-worker").split("\\.")[1];
        rejected(parts[0] + "." + otherClaims + "." + parts[2]);
    }

    @Test
    void garbageIsUnauthorized() {
        rejected("not-a-jwt");
    }
}
