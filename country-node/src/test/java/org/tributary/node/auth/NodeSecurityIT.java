package org.tributary.node.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.tributary.node.support.Http;
import org.tributary.node.support.NodeIntegrationTest;
import org.tributary.node.support.Samples;
import org.tributary.node.support.Tokens;

/**
 * The node refuses what the gateway would refuse (defence in depth): every protected endpoint against bad tokens,
 * the wrong role, the wrong country, and the right caller. The test node's country is KH.
 */
@NodeIntegrationTest
class NodeSecurityIT {

    private static final String QUERY = "{\"dimensions\":[\"gender\"]}";

    @Autowired
    Environment environment;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(environment.getRequiredProperty("local.server.port", Integer.class));
        supervisor = http.as(Tokens.supervisor("kh-chief"));
    }

    /** One protected endpoint: how to call it, and which callers it lets in. */
    record Endpoint(
            String name, Function<Http, Http.Response> call, List<String> allowedCallers, List<String> notFoundFor) {

        Endpoint(String name, Function<Http, Http.Response> call, List<String> allowedCallers) {
            this(name, call, allowedCallers, List.of());
        }
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET /api/cases", h -> h.get("/api/cases"), List.of("kh-case-worker", "kh-case-supervisor")),
            new Endpoint(
                    // A case nobody may see but a supervisor: 404 for a case worker would be "allowed" (2xx only).
                    "GET /api/cases/{id}/history",
                    h -> h.get("/api/cases/" + supervisedCase() + "/history"),
                    List.of("kh-case-supervisor"),
                    // Need-to-know: a case worker may use the endpoint, and finds no such case.
                    List.of("kh-case-worker")),
            new Endpoint(
                    "PUT /api/cases/{id}/assignment",
                    h -> h.putJson(
                            "/api/cases/" + supervisedCase() + "/assignment",
                            "{\"owner\":\"kh-nobody\"}",
                            "\"" + supervisedVersion() + "\""),
                    List.of("kh-case-supervisor")),
            new Endpoint(
                    "POST /api/imports (one case)",
                    h -> h.post(
                            "/api/imports",
                            "application/json",
                            ("[" + Samples.caseJson("AUTH-MATRIX-1") + "]").getBytes()),
                    List.of("kh-case-worker", "kh-case-supervisor", "kh-node-operator")),
            new Endpoint(
                    "GET /api/imports (the latest jobs)",
                    h -> h.get("/api/imports?limit=5"),
                    List.of("kh-case-worker", "kh-case-supervisor", "kh-node-operator")),
            new Endpoint(
                    "GET /api/imports/template",
                    h -> h.get("/api/imports/template"),
                    List.of("kh-case-worker", "kh-case-supervisor", "kh-node-operator")),
            new Endpoint("GET /api/policy", h -> h.get("/api/policy"), List.of("kh-node-operator")),
            new Endpoint(
                    "GET /api/audit/verify",
                    h -> h.get("/api/audit/verify"),
                    List.of("kh-node-operator", "security-officer")),
            new Endpoint("GET /api/budget", h -> h.get("/api/budget"), List.of("kh-node-operator")),
            new Endpoint(
                    "GET /api/release-periods/current",
                    h -> h.get("/api/release-periods/current"),
                    List.of("kh-node-operator")),
            new Endpoint(
                    "GET /api/catalogue-release", h -> h.get("/api/catalogue-release"), List.of("kh-node-operator")),
            new Endpoint("GET /federation/v2/catalogue", h -> h.get("/federation/v2/catalogue"), List.of("aggregator")),
            new Endpoint(
                    "GET /federation/v2/capabilities",
                    h -> h.get("/federation/v2/capabilities"),
                    List.of("aggregator")),
            new Endpoint(
                    "GET /federation/v2/catalogue-release",
                    h -> h.get("/federation/v2/catalogue-release"),
                    List.of("aggregator")),
            new Endpoint(
                    "GET /federation/v2/checkpoint", h -> h.get("/federation/v2/checkpoint"), List.of("aggregator")),
            new Endpoint(
                    "GET /federation/v2/audit-proof",
                    h -> h.get("/federation/v2/audit-proof?from=0&to=5"),
                    List.of("aggregator")),
            new Endpoint(
                    "GET /federation/v2/budget (for an analyst)",
                    h -> h.get(
                            "/federation/v2/budget",
                            java.util.Map.of("X-Tributary-Requester-Token", Tokens.analyst("auth-matrix-analyst"))),
                    List.of("aggregator")));

    /** A case owned by nobody with a token here: only a supervisor sees it. Created once per test class. */
    static String supervisedCase;

    static Http supervisor;

    static synchronized String supervisedCase() {
        if (supervisedCase == null) {
            supervisedCase = supervisor
                    .postJson(
                            "/api/cases",
                            Samples.caseJson("AUTH-MATRIX-SUPERVISED")
                                    .replaceFirst("\\{", "{\"caseOwner\":\"kh-nobody\","))
                    .json()
                    .get("id")
                    .asText();
        }
        return supervisedCase;
    }

    /** The supervised case's current version: each allowed assignment bumps it. */
    static long supervisedVersion() {
        return supervisor
                .get("/api/cases/" + supervisedCase())
                .json()
                .get("version")
                .asLong();
    }

    /** The callers with valid tokens: name → token. */
    static List<String[]> callers() {
        return List.of(
                new String[] {"kh-case-worker", Tokens.user("KH", "case-worker")},
                new String[] {"kh-case-supervisor", Tokens.user("KH", "case-supervisor")},
                new String[] {"kh-node-operator", Tokens.user("KH", "node-operator")},
                new String[] {"th-case-supervisor", Tokens.user("TH", "case-supervisor")},
                new String[] {"th-case-worker", Tokens.user("TH", "case-worker")},
                new String[] {"th-node-operator", Tokens.user("TH", "node-operator")},
                new String[] {"regional-analyst", Tokens.user(null, "regional-analyst")},
                new String[] {"security-officer", Tokens.user(null, "security-officer")},
                new String[] {"aggregator", Tokens.user(null, "federation-aggregator")},
                new String[] {"kh-no-role", Tokens.user("KH")});
    }

    static List<String[]> badTokens() {
        PrivateKey otherKey;
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            otherKey = generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String[] everyRole = {
            "case-worker", "case-supervisor", "node-operator", "security-officer", "federation-aggregator"
        };
        return List.of(
                new String[] {"no token", null},
                new String[] {"garbage", "not-a-jwt"},
                new String[] {
                    "expired",
                    Tokens.builder("KH", everyRole)
                            .expiredAt(Instant.now().minusSeconds(120))
                            .sign()
                },
                new String[] {
                    "wrong issuer",
                    Tokens.builder("KH", everyRole)
                            .issuer("http://127.0.0.1:8180/realms/other")
                            .sign()
                },
                new String[] {
                    "wrong audience",
                    Tokens.builder("KH", everyRole)
                            .audience("tributary-gateway")
                            .sign()
                },
                new String[] {"alg none", Tokens.builder("KH", everyRole).unsigned()},
                new String[] {
                    "bad signature",
                    Tokens.builder("KH", everyRole).signedWith(otherKey).sign()
                });
    }

    @Test
    void everyProtectedEndpointAnswersEveryCallerAsTheRolesTableSays() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Endpoint endpoint : ENDPOINTS) {
            for (String[] bad : badTokens()) {
                var response = endpoint.call().apply(http.as(bad[1]));
                checked++;
                if (response.status() != 401
                        || !"urn:tributary:problem:unauthorized"
                                .equals(response.json().get("type").asText())) {
                    failures.add(endpoint.name() + " with " + bad[0] + " → " + response.status());
                }
            }
            for (String[] caller : callers()) {
                var response = endpoint.call().apply(http.as(caller[1]));
                checked++;
                boolean allowed = endpoint.allowedCallers().contains(caller[0]);
                boolean ok = allowed
                        ? response.status() >= 200 && response.status() < 300
                        : endpoint.notFoundFor().contains(caller[0])
                                ? response.status() == 404
                                        && "urn:tributary:problem:not-found"
                                                .equals(response.json()
                                                        .get("type")
                                                        .asText())
                                : response.status() == 403
                                        && "urn:tributary:problem:forbidden"
                                                .equals(response.json()
                                                        .get("type")
                                                        .asText());
                if (!ok) {
                    failures.add(endpoint.name() + " as " + caller[0] + " → " + response.status());
                }
            }
        }
        System.out.printf("node auth matrix: %d checks, %d passed%n", checked, checked - failures.size());
        assertThat(failures).isEmpty();
        assertThat(checked)
                .isEqualTo(ENDPOINTS.size() * (badTokens().size() + callers().size()));
    }

    @Test
    void aRefusedTokenIsAnsweredWithAFixedSentenceThatQuotesNothingOfIt() {
        String expired = Tokens.builder("KH", "case-worker")
                .expiredAt(Instant.now().minusSeconds(120))
                .sign();
        var response = http.as(expired).get("/api/cases");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("expired", "Jwt", "exp", "KH", "case-worker");
    }

    @Test
    void healthProbesNeedNoToken() {
        assertThat(http.as(null).get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    @Test
    void theAuditTrailRecordsTheRequestersSubjectAndTheRelayingClientNotANameOrRole() {
        String analyst = "5a7e0000-0000-4000-8000-00000000b001";
        // Answered, or refused by the policy (the test database may hold too few cases): audited either way.
        assertThat(http.as(Tokens.aggregator())
                        .postJson(
                                "/federation/v2/count-queries",
                                QUERY,
                                java.util.Map.of("X-Tributary-Requester-Token", Tokens.analyst(analyst)))
                        .status())
                .isIn(200, 422);
        var page = http.get("/api/audit?requester=" + analyst + "&size=5").json();
        assertThat(page.get("items")).isNotEmpty();
        assertThat(page.get("items").get(0).get("client").asText()).isEqualTo("tributary-aggregator");
    }
}
