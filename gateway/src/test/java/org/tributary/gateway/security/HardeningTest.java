package org.tributary.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.tributary.gateway.support.GatewayTestBase;
import org.tributary.gateway.support.TestTokens;

/**
 * The findings of the outside test against the gateway, each reproduced: JWE-shaped and other unparseable tokens
 * (500 before), node paths outside the national-staff APIs (forwarded before), {@code /federation} look-alikes
 * (forwarded before), and a {@code Connection} header that strips the token (honoured before).
 */
class HardeningTest extends GatewayTestBase {

    static final String JWE = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..YQ.Yg.Yw";

    private void unauthorized(String path, String token) {
        get(path, token)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:tributary:problem:unauthorized");
    }

    @Test
    void tokensThatAreNotThreeBase64urlPartsAre401OnEveryRouteHealthIncluded() {
        String signed = TestTokens.token("KH", "case-worker");
        String longToken = signed + "A".repeat(GuardedJwtDecoder.MAX_LENGTH + 1 - signed.length());
        for (String path : List.of("/api/nodes/kh/api/cases", "/api/regional/indicators", "/actuator/health")) {
            unauthorized(path, JWE);
            unauthorized(path, "a.b.c.d.e");
            unauthorized(path, "a.b.");
            unauthorized(path, "eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
            unauthorized(path, longToken);
        }
        // Past the server's limit on all headers the request never reaches the application: 431, not a 5xx.
        get("/api/regional/indicators", signed + "A".repeat(9000))
                .exchange()
                .expectStatus()
                .isEqualTo(431);
        assertThat(GuardedJwtDecoder.wellFormed(JWE)).isFalse();
        assertThat(GuardedJwtDecoder.wellFormed(TestTokens.token("KH", "case-worker")))
                .isTrue();
    }

    @Test
    void nodePathsOutsideTheNationalStaffApisAreNotForwarded() {
        String operator = TestTokens.token("KH", "node-operator");
        for (String path : List.of(
                "/api/nodes/kh/v3/api-docs",
                "/api/nodes/kh/swagger-ui/index.html",
                "/api/nodes/kh/actuator/info",
                "/api/nodes/kh/actuator/health",
                "/api/nodes/kh/api/unknown",
                "/api/nodes/kh/API/cases",
                "/api/nodes/khm/api/cases")) {
            get(path, operator)
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("urn:tributary:problem:not-found");
        }
        assertThat(NODE_KH.requests()).noneMatch(r -> r.contains("api-docs") || r.contains("actuator"));
    }

    @Test
    void federationLookAlikesAndNonNormalisedPathsAreRefusedBeforeAnyRule() {
        String operator = TestTokens.token("KH", "node-operator");
        for (String raw : List.of(
                "/api/nodes/kh/federation./v2/catalogue",
                "/api/nodes/kh/federation%20/v2/catalogue",
                "/api/nodes/kh/federation%09/v2/catalogue",
                "/api/nodes/kh/%EF%BD%86ederation/v2/catalogue", // full-width f
                "/api/nodes/kh/federat%C4%B1on/v2/catalogue", // dotless i
                "/api/nodes/kh/api/cases;x=1",
                "/api/nodes/kh//api/cases",
                "/api/nodes/kh/./api/cases",
                "/api/nodes/kh/api/../api/cases",
                "/api/nodes/kh/api%2Fcases")) {
            web.get()
                    .uri(URI.create("http://127.0.0.1:" + port + raw))
                    .headers(h -> h.setBearerAuth(operator))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("urn:tributary:problem:validation");
        }
        assertThat(NODE_KH.requests()).noneMatch(r -> r.contains("federat"));
    }

    @Test
    void aConnectionHeaderNamingAnotherHeaderIsRefused() throws Exception {
        String token = TestTokens.token("KH", "case-worker");
        assertThat(rawStatus("Connection: close, Authorization", token)).isEqualTo(400);
        assertThat(rawStatus("Connection: keep-alive, X-Forwarded-For", token)).isEqualTo(400);
        assertThat(rawStatus("Connection: close", token)).isEqualTo(200);
        // What Java's HTTP client sends on every HTTP/1.1 request (an h2c upgrade offer).
        assertThat(rawStatus("Connection: Upgrade, HTTP2-Settings", token)).isEqualTo(200);
    }

    private int rawStatus(String connectionHeader, String token) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/nodes/kh/api/cases HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                            + "\r\n" + connectionHeader + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }
}
