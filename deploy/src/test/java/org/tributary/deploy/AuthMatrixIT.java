package org.tributary.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The auth matrix over real processes and the real Keycloak 26.5.6 with the committed realm: every protected
 * endpoint of the gateway, the aggregator and a country node (KH), against no token, an expired token, a token of
 * another issuer, of another audience, {@code alg: none}, a bad signature, the right role of another country, the
 * wrong role, and the right caller. Real tokens throughout; the defective ones are real tokens altered.
 */
class AuthMatrixIT {

    static Federation federation;
    static Keycloak keycloak;
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Callers with valid tokens, by name. */
    static final Map<String, String> TOKENS = new LinkedHashMap<>();

    /**
     * The same callers' tokens with the right key but another issuer: Keycloak names the issuer after the host it is
     * asked on, so tokens asked for at {@code localhost} instead of {@code 127.0.0.1} are signed by the realm's key
     * and carry {@code iss = http://localhost:<port>/realms/tributary}. Only the issuer check can refuse them.
     */
    static final Map<String, String> OTHER_ISSUER = new LinkedHashMap<>();

    /** A token of realm master: another issuer and another key. */
    static String otherRealm;

    static String expiredToken;
    static Instant expiredAfter;

    @BeforeAll
    static void federation() {
        federation = TestFederation.start(List.of("KH"), 300, 1);
        keycloak = new Keycloak(federation.plan().keycloakUrl());
        // Taken first: it expires one second after issue, plus the services' 30 s clock skew.
        expiredToken = keycloak.user(TestFederation.SHORT_LIVED_CLIENT, "analyst");
        expiredAfter = Instant.ofEpochSecond(
                        Keycloak.claims(expiredToken).path("exp").asLong())
                .plusSeconds(32);
        for (String user : List.of(
                "kh-caseworker",
                "kh-supervisor",
                "kh-operator",
                "th-caseworker",
                "th-supervisor",
                "th-operator",
                "analyst",
                "security")) {
            TOKENS.put(user, keycloak.user(user));
        }
        TOKENS.put("aggregator", keycloak.client("tributary-aggregator", KeycloakServer.DEMO_AGGREGATOR_SECRET));
        TOKENS.put("console", keycloak.client("tributary-security-console", KeycloakServer.DEMO_CONSOLE_SECRET));
        TOKENS.put("monitoring", keycloak.client("tributary-monitoring", KeycloakServer.DEMO_MONITORING_SECRET));
        var elsewhere = new Keycloak(federation.plan().keycloakUrl().replace("127.0.0.1", "localhost"));
        for (String user : List.of("kh-caseworker", "kh-supervisor", "kh-operator", "analyst", "security")) {
            OTHER_ISSUER.put(user, elsewhere.user(user));
        }
        OTHER_ISSUER.put("aggregator", elsewhere.client("tributary-aggregator", KeycloakServer.DEMO_AGGREGATOR_SECRET));
        OTHER_ISSUER.put("monitoring", elsewhere.client("tributary-monitoring", KeycloakServer.DEMO_MONITORING_SECRET));
        otherRealm = keycloak.masterAdmin();
    }

    @Test
    void theOtherIssuerTokensDifferFromTheRealOnesOnlyInTheirIssuer() {
        String real = TOKENS.get("analyst");
        String other = OTHER_ISSUER.get("analyst");
        assertThat(Keycloak.claims(other).path("iss").asString())
                .isNotEqualTo(Keycloak.claims(real).path("iss").asString())
                .isEqualTo(federation.plan().issuer().replace("127.0.0.1", "localhost"));
        assertThat(Keycloak.header(other).path("kid").asString())
                .as("signed by the realm's own key")
                .isEqualTo(Keycloak.header(real).path("kid").asString());
        assertThat(Keycloak.claims(other).path("aud"))
                .isEqualTo(Keycloak.claims(real).path("aud"));
    }

    @AfterAll
    static void stop() {
        if (federation != null) {
            federation.close();
        }
    }

    /** A protected endpoint, who may call it, and (for the country check) who is national staff elsewhere. */
    record Endpoint(
            String service,
            String method,
            String path,
            String body,
            Set<String> allowed,
            String otherCountry,
            int rightStatus) {

        String name() {
            return service + " " + method + " " + path;
        }
    }

    static final String UNKNOWN = "00000000-0000-4000-8000-000000000000";

    /** A compact JWE (header {@code alg: dir, enc: A128GCM}): a token no service accepts, and none must parse. */
    static final String JWE = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..YQ.Yg.Yw";

    /**
     * Every protected endpoint of the three services, as the aggregator and the node serve them directly and as the
     * gateway routes them. Endpoints that would change something for the right caller are called on an unknown id
     * (the right caller gets 404, after every check passed); the end-to-end test does the real thing.
     */
    static List<Endpoint> endpoints() {
        String query = "{\"dimensions\": [\"gender\"]}";
        Set<String> analyst = Set.of("analyst");
        Set<String> officer = Set.of("security");
        Set<String> staff = Set.of("kh-caseworker", "kh-supervisor");
        Set<String> supervisor = Set.of("kh-supervisor");
        Set<String> importers = Set.of("kh-caseworker", "kh-supervisor", "kh-operator");
        Set<String> operator = Set.of("kh-operator");
        Set<String> audit = Set.of("kh-operator", "security");
        List<Endpoint> all = new ArrayList<>();
        for (String service : List.of("gateway", "aggregator")) {
            all.add(new Endpoint(service, "GET", "/api/regional/nodes", null, analyst, null, 200));
            all.add(new Endpoint(service, "GET", "/api/regional/indicators", null, analyst, null, 200));
            all.add(new Endpoint(
                    service, "GET", "/api/regional/indicators/identified-victims", null, analyst, null, 200));
            all.add(new Endpoint(service, "POST", "/api/regional/queries", query, analyst, null, 200));
            all.add(new Endpoint(service, "GET", "/api/regional/budget", null, analyst, null, 200));
            all.add(new Endpoint(service, "GET", "/api/regional/sdg/16.2.2", null, analyst, null, 200));
            all.add(new Endpoint(service, "GET", "/api/regional/releases", null, analyst, null, 200));
            all.add(new Endpoint(service, "GET", "/api/regional/releases/999999", null, analyst, null, 404));
            all.add(new Endpoint(
                    service, "GET", "/api/regional/releases/999999/verification", null, analyst, null, 404));
            all.add(new Endpoint(service, "GET", "/api/regional/keys", null, analyst, null, 200));
            all.add(new Endpoint(service, "GET", "/api/security/integrity", null, officer, null, 200));
            all.add(new Endpoint(service, "POST", "/api/security/integrity/checks", "", officer, null, 200));
            all.add(new Endpoint(service, "GET", "/api/security/users", null, officer, null, 200));
            all.add(new Endpoint(service, "GET", "/api/security/clients", null, officer, null, 200));
            all.add(new Endpoint(service, "GET", "/api/security/access-events", null, officer, null, 200));
            all.add(new Endpoint(service, "GET", "/api/security/audit-chains", null, officer, null, 200));
            all.add(new Endpoint(
                    service, "POST", "/api/security/users/" + UNKNOWN + "/disable", "", officer, null, 404));
            all.add(new Endpoint(
                    service, "POST", "/api/security/users/" + UNKNOWN + "/logout", "", officer, null, 404));
        }
        for (String service : List.of("gateway", "node-kh")) {
            String prefix = service.equals("gateway") ? "/api/nodes/kh" : "";
            all.add(new Endpoint(service, "GET", prefix + "/api/cases", null, staff, "th-caseworker", 200));
            all.add(new Endpoint(service, "GET", prefix + "/api/cases/" + UNKNOWN, null, staff, "th-caseworker", 404));
            all.add(new Endpoint(
                    service, "DELETE", prefix + "/api/cases/" + UNKNOWN, null, staff, "th-caseworker", 404));
            all.add(new Endpoint(
                    service, "GET", prefix + "/api/cases/" + UNKNOWN + "/history", null, staff, "th-caseworker", 404));
            all.add(new Endpoint(
                    service,
                    "PUT",
                    prefix + "/api/cases/" + UNKNOWN + "/assignment",
                    "{\"owner\": \"kh-caseworker\"}",
                    supervisor,
                    "th-supervisor",
                    404));
            all.add(new Endpoint(
                    service, "GET", prefix + "/api/imports/" + UNKNOWN, null, importers, "th-caseworker", 404));
            all.add(new Endpoint(
                    service, "GET", prefix + "/api/imports/template", null, importers, "th-caseworker", 200));
            all.add(new Endpoint(service, "GET", prefix + "/api/policy", null, operator, "th-operator", 200));
            all.add(new Endpoint(service, "GET", prefix + "/api/budget", null, operator, "th-operator", 200));
            all.add(new Endpoint(
                    service, "GET", prefix + "/api/release-periods/current", null, operator, "th-operator", 200));
            all.add(new Endpoint(service, "GET", prefix + "/api/audit", null, audit, "th-operator", 200));
            all.add(new Endpoint(service, "GET", prefix + "/api/audit/verify", null, audit, "th-operator", 200));
        }
        all.add(new Endpoint("gateway", "GET", "/gateway/v1/access-events", null, officer, null, 200));
        for (String service : List.of("gateway", "aggregator", "node-kh")) {
            all.add(new Endpoint(service, "GET", "/actuator/prometheus", null, Set.of("monitoring"), null, 200));
        }
        all.add(new Endpoint("node-kh", "GET", "/federation/v2/catalogue", null, Set.of("aggregator"), null, 200));
        all.add(new Endpoint("node-kh", "GET", "/federation/v2/capabilities", null, Set.of("aggregator"), null, 200));
        all.add(new Endpoint(
                "node-kh", "GET", "/federation/v2/catalogue-release", null, Set.of("aggregator"), null, 200));
        // Without the analyst's own token beside it, even the aggregator's account gets no ad-hoc answer (403):
        // the end-to-end test asks through the aggregator, which relays it.
        all.add(new Endpoint(
                "node-kh", "POST", "/federation/v2/count-queries", query, Set.of("aggregator"), null, 403));
        return all;
    }

    /** One cell of the matrix: the expected status class is 401, 403 or 2xx. */
    record Check(Endpoint endpoint, String caller, String token, int expected) {}

    @Test
    void everyProtectedEndpointAnswersEveryKindOfCallerAsTheRolesTableSays() {
        List<Check> checks = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            String rightCaller = e.allowed().iterator().next();
            String right = TOKENS.get(rightCaller);
            checks.add(new Check(e, "no token", null, 401));
            checks.add(
                    new Check(e, "wrong issuer, right key (" + rightCaller + ")", OTHER_ISSUER.get(rightCaller), 401));
            checks.add(new Check(e, "other realm (master)", otherRealm, 401));
            checks.add(new Check(e, "wrong audience (security console client)", TOKENS.get("console"), 401));
            checks.add(new Check(e, "alg none", Keycloak.withAlgNone(right), 401));
            checks.add(new Check(e, "bad signature", Keycloak.withBadSignature(right), 401));
            checks.add(new Check(e, "encrypted token (JWE, five parts)", JWE, 401));
            checks.add(new Check(e, "garbage", "not-a-token", 401));
            checks.add(new Check(e, "over-long (7000 characters)", right + "A".repeat(7000 - right.length()), 401));
            if (e.otherCountry() != null) {
                checks.add(new Check(e, "right role, other country", TOKENS.get(e.otherCountry()), 403));
            }
            String wrongRole = TOKENS.keySet().stream()
                    .filter(c -> !e.allowed().contains(c) && !c.equals("console") && !c.startsWith("th-"))
                    .findFirst()
                    .orElseThrow();
            checks.add(new Check(e, "wrong role (" + wrongRole + ")", TOKENS.get(wrongRole), 403));
            for (String allowed : e.allowed()) {
                checks.add(new Check(e, "right (" + allowed + ")", TOKENS.get(allowed), e.rightStatus()));
            }
        }
        List<String> failures = new ArrayList<>();
        for (Check check : checks) {
            run(check, failures);
        }
        // Expired last: the short-lived token must be past its expiry and the 30 s clock skew.
        long wait = Duration.between(Instant.now(), expiredAfter).toMillis();
        if (wait > 0) {
            ManagedProcess.sleep(wait);
        }
        int expiredChecks = 0;
        for (Endpoint e : endpoints()) {
            run(new Check(e, "expired", expiredToken, 401), failures);
            expiredChecks++;
        }
        int total = checks.size() + expiredChecks;
        System.out.printf(
                "auth matrix: %d endpoints, %d checks, %d passed%n",
                endpoints().size(), total, total - failures.size());
        assertThat(failures).isEmpty();
    }

    @Test
    void realTokensNameTheUserAndACaseWorkerSeesOnlyTheirOwnCases() throws Exception {
        assertThat(Keycloak.claims(TOKENS.get("kh-caseworker"))
                        .path("preferred_username")
                        .asString())
                .isEqualTo("kh-caseworker");
        long own = total(call("gateway", "GET", "/api/nodes/kh/api/cases?size=1", null, TOKENS.get("kh-caseworker")));
        long all = total(call("gateway", "GET", "/api/nodes/kh/api/cases?size=1", null, TOKENS.get("kh-supervisor")));
        System.out.printf("need-to-know: kh-caseworker sees %d of the node's %d cases%n", own, all);
        // The sample gives three in four cases to kh-caseworker, the rest to a colleague.
        assertThat(all).isEqualTo(300);
        assertThat(own).isEqualTo(225);
    }

    private static long total(HttpResponse<String> page) throws IOException {
        assertThat(page.statusCode()).isEqualTo(200);
        return Keycloak.JSON.readTree(page.body()).path("total").asLong();
    }

    @Test
    void eachServicesMetricsAreForTheMonitoringAccountAndHoldNoPersonsCount() throws Exception {
        // Something to count first: a question answered through the gateway.
        assertThat(call(
                                "gateway",
                                "POST",
                                "/api/regional/queries",
                                "{\"dimensions\": [\"gender\"]}",
                                TOKENS.get("analyst"))
                        .statusCode())
                .isEqualTo(200);
        for (String service : List.of("gateway", "aggregator", "node-kh")) {
            var scrape = call(service, "GET", "/actuator/prometheus", null, TOKENS.get("monitoring"));
            assertThat(scrape.statusCode()).as(service).isEqualTo(200);
            assertThat(scrape.body()).as(service).contains("jvm_memory_used_bytes");
            if (service.equals("node-kh")) {
                assertThat(scrape.body()).contains("tributary_queries_total{").contains("kind=\"ad-hoc\"");
            }
            if (service.equals("aggregator")) {
                assertThat(scrape.body())
                        .contains("tributary_node_calls_seconds_count{")
                        .contains("node=\"kh\"");
            }
            System.out.printf(
                    "metrics: %s /actuator/prometheus for the monitoring account: %d lines%n",
                    service, scrape.body().lines().count());
        }
    }

    @Test
    void oneW3cTraceRunsFromTheGatewayThroughTheAggregatorToTheNodeAndIntoProblemDetails() throws Exception {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        var request = HttpRequest.newBuilder(URI.create(federation.plan().gatewayUrl() + "/api/regional/queries"))
                .header("Authorization", "Bearer " + TOKENS.get("analyst"))
                .header("Content-Type", "application/json")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .POST(HttpRequest.BodyPublishers.ofString("{\"dimensions\": [\"gender\"]}"))
                .build();
        assertThat(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
        var refused = HTTP.send(
                HttpRequest.newBuilder(URI.create(federation.plan().gatewayUrl() + "/api/regional/nodes"))
                        .header("traceparent", "00-" + traceId + "-00f067aa0ba902b8-01")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(Keycloak.JSON.readTree(refused.body()).path("traceId").asString())
                .isEqualTo(traceId);
        // Each service logs the same trace id for the question (logs are flushed line by line).
        for (String service : List.of("gateway", "aggregator", "node-kh")) {
            java.nio.file.Path log = federation.plan().runDir().resolve("logs").resolve(service + ".log");
            long deadline = System.currentTimeMillis() + 5000;
            while (!java.nio.file.Files.readString(log).contains(traceId) && System.currentTimeMillis() < deadline) {
                ManagedProcess.sleep(100);
            }
            assertThat(java.nio.file.Files.readString(log))
                    .as(service + "'s log")
                    .contains(traceId);
        }
        System.out.printf(
                "tracing: trace %s in the logs of the gateway, the aggregator and node-kh, and in a problem%n",
                traceId);
    }

    @Test
    void theOpenApiDocumentsOfTheNodeAndTheAggregatorPassRedoclysRecommendedRules() throws Exception {
        // Each service's own document, and the same through the gateway, where Swagger UI reads them.
        assertThat(call("gateway", "GET", "/api/docs/aggregator", null, null).statusCode())
                .isEqualTo(200);
        assertThat(call("gateway", "GET", "/api/docs/nodes/kh", null, null).statusCode())
                .isEqualTo(200);
        assertThat(call("gateway", "GET", "/swagger-ui/index.html", null, null).statusCode())
                .isEqualTo(200);
        for (String service : List.of("node-kh", "aggregator", "gateway")) {
            var response = call(service, "GET", "/v3/api-docs", null, TOKENS.get("analyst"));
            assertThat(response.statusCode()).as(service).isEqualTo(200);
            var document = Keycloak.JSON.readTree(response.body());
            assertThat(document.path("components").path("securitySchemes").has("keycloak"))
                    .as(service)
                    .isTrue();
            assertThat(document.path("components").path("schemas").has("Problem"))
                    .as(service)
                    .isTrue();
            java.nio.file.Path file = java.nio.file.Path.of("target", "openapi-" + service + ".json");
            java.nio.file.Files.writeString(file, response.body());
            var lint = Redocly.lint(file);
            System.out.printf(
                    "redocly lint (recommended) %s: %d errors, %d warnings, exit %d%n",
                    service, lint.errors(), lint.warnings(), lint.exitCode());
            assertThat(lint.exitCode()).as(lint.output()).isZero();
            assertThat(lint.errors()).as(lint.output()).isZero();
        }
    }

    @Test
    void theAggregatorAsksNodesWithItsOwnClientCredentialsToken() throws Exception {
        var response = call(
                "gateway", "POST", "/api/regional/queries", "{\"dimensions\": [\"gender\"]}", TOKENS.get("analyst"));
        assertThat(response.statusCode()).isEqualTo(200);
        var node = Keycloak.JSON
                .readTree(response.body())
                .path("provenance")
                .path("nodes")
                .get(0);
        assertThat(node.path("country").asString()).isEqualTo("KH");
        assertThat(node.path("status").asString()).isEqualTo("ok");
    }

    /**
     * Lock-out abuse and password guessing against the real realm settings: two quick failures do not keep the user
     * out (the quick-login lock is off), failures 21 s apart never add up, and twenty quick failures lock the
     * account, so the right password is refused too until the lock ends.
     */
    @Test
    void twoFailuresDoNotLockAUserOutButTwentyQuickOnesDo() {
        String admin = keycloak.masterAdmin();
        String password = "correct-horse-" + UUID.randomUUID();
        String quick = "bf-quick-" + UUID.randomUUID().toString().substring(0, 8);
        String apart = "bf-apart-" + UUID.randomUUID().toString().substring(0, 8);
        String guessed = "bf-guessed-" + UUID.randomUUID().toString().substring(0, 8);
        keycloak.createUser(admin, quick, password);
        String apartId = keycloak.createUser(admin, apart, password);
        String guessedId = keycloak.createUser(admin, guessed, password);

        assertThat(keycloak.passwordGrant(quick, "wrong-1")).isEqualTo(401);
        assertThat(keycloak.passwordGrant(quick, "wrong-2")).isEqualTo(401);
        assertThat(keycloak.passwordGrant(quick, password))
                .as("two quick failures must not lock the user out")
                .isEqualTo(200);

        long started = System.nanoTime();
        int refused = 0;
        for (int i = 0; i < 20; i++) {
            if (keycloak.passwordGrant(guessed, "guess-" + i) != 200) {
                refused++;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int afterGuessing = keycloak.passwordGrant(guessed, password);
        var status = keycloak.bruteForceStatus(keycloak.masterAdmin(), guessedId);

        assertThat(keycloak.passwordGrant(apart, "wrong-1")).isEqualTo(401);
        ManagedProcess.sleep(21_000);
        assertThat(keycloak.passwordGrant(apart, "wrong-2")).isEqualTo(401);
        var apartStatus = keycloak.bruteForceStatus(keycloak.masterAdmin(), apartId);
        int apartAfter = keycloak.passwordGrant(apart, password);
        System.out.printf(
                "brute force: 2 quick failures -> right password accepted; 20 guesses in %.1f s (%d refused) -> right"
                        + " password %d, locked %s, failures %d; 2 failures 21 s apart -> failures counted %d,"
                        + " right password %d%n",
                seconds,
                refused,
                afterGuessing,
                status.path("disabled").asBoolean(),
                status.path("numFailures").asInt(),
                apartStatus.path("numFailures").asInt(),
                apartAfter);
        assertThat(refused).isEqualTo(20);
        assertThat(afterGuessing).as("locked after twenty quick failures").isNotEqualTo(200);
        assertThat(status.path("disabled").asBoolean()).isTrue();
        assertThat(apartStatus.path("numFailures").asInt())
                .as("a failure more than 20 s after the last starts the count afresh")
                .isEqualTo(1);
        assertThat(apartAfter).isEqualTo(200);
    }

    void run(Check check, List<String> failures) {
        try {
            var response = call(
                    check.endpoint().service(),
                    check.endpoint().method(),
                    check.endpoint().path(),
                    check.endpoint().body(),
                    check.token());
            int status = response.statusCode();
            boolean ok = check.expected() == 200 ? status >= 200 && status < 300 : status == check.expected();
            if (ok && status >= 400) {
                String type = response.headers().firstValue("Content-Type").orElse("");
                ok = type.startsWith("application/problem+json");
            }
            if (!ok) {
                failures.add(check.endpoint().name() + " as " + check.caller() + ": expected " + check.expected()
                        + ", got " + status);
            }
        } catch (IOException e) {
            failures.add(check.endpoint().name() + " as " + check.caller() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> call(String service, String method, String path, String body, String token)
            throws IOException, InterruptedException {
        var plan = federation.plan();
        String base = switch (service) {
            case "gateway" -> plan.gatewayUrl();
            case "aggregator" -> plan.aggregatorUrl();
            default -> plan.nodeUrl(service.substring(service.indexOf('-') + 1).toUpperCase());
        };
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
