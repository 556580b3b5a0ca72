package org.tributary.aggregator.accessreview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.tributary.aggregator.accessreview.Officer.officer;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** The security officer's API over stand-ins for Keycloak's admin API, three nodes and the gateway. */
@SecurityConsoleSlice
class SecurityConsoleApiTest {

    static final StubKeycloak keycloak = new StubKeycloak();
    static final StubHttp intactNode = new StubHttp()
            .answer(
                    "/api/audit/verify",
                    200,
                    "{\"intact\":true,\"entries\":12,\"firstBrokenSeq\":null,\"problem\":null}");
    static final StubHttp brokenNode = new StubHttp()
            .answer(
                    "/api/audit/verify",
                    200,
                    "{\"intact\":false,\"entries\":5,\"firstBrokenSeq\":4,"
                            + "\"problem\":\"content does not match its hash\"}");
    static final StubHttp refusingNode =
            new StubHttp().answer("/api/audit/verify", 403, "{\"type\":\"urn:tributary:problem:forbidden\"}");
    static final String downNode = StubHttp.downUrl();
    static final StubHttp gateway = new StubHttp().answer("/gateway/v1/access-events", 200, """
                    [{"time":"2026-01-02T10:00:00Z","correlationId":"gw-1","sub":"analyst-sub","method":"GET",
                      "path":"/api/regional/indicators","status":200,"durationMs":42,"routeId":"aggregator"},
                     {"time":"2026-01-02T09:00:00Z","correlationId":null,"sub":null,"method":"GET",
                      "path":"/api/cases","status":401,"durationMs":1,"routeId":"node-kh"}]
                    """);

    static {
        keycloak.user("u-analyst", "analyst", null, true, List.of("regional-analyst"));
        keycloak.user(
                "u-kh-caseworker",
                "kh-caseworker",
                "KH",
                true,
                List.of("case-worker"),
                1_796_000_000_000L,
                1_796_000_500_000L);
        keycloak.user("u-th-caseworker", "th-caseworker", "TH", true, List.of("case-worker"), 1_796_000_100_000L);
        keycloak.user("u-to-disable", "vn-caseworker", "VN", true, List.of("case-worker"), 1_796_000_200_000L);
        keycloak.user("u-to-logout", "vn-operator", "VN", true, List.of("node-operator"), 1_796_000_300_000L);
        // Enough further users for a second page of the admin API.
        for (int i = 0; i < AccessReview.PAGE; i++) {
            keycloak.user("u-filler-" + i, "filler-" + i, "LA", true, List.of());
        }
        keycloak.client("c-web", "tributary-web", true, null);
        keycloak.client("c-console", "tributary-security-console", false, "u-sa-console");
        keycloak.clientRoles.put("u-sa-console", Map.of("realm-management", List.of("view-users", "manage-users")));
        keycloak.realmRoles.put("u-sa-console", List.of("default-roles-tributary", "offline_access"));
    }

    @DynamicPropertySource
    static void stubs(DynamicPropertyRegistry registry) {
        registry.add("tributary.security-console.keycloak-url", keycloak::url);
        registry.add("tributary.security-console.realm", () -> StubKeycloak.REALM);
        registry.add("tributary.security-console.client-secret", () -> StubKeycloak.SECRET);
        registry.add("tributary.security-console.gateway-url", gateway::baseUrl);
        registry.add("tributary.security-console.call-timeout", () -> "2s");
        String[][] nodes = {
            {"kh", "KH", intactNode.baseUrl()},
            {"th", "TH", brokenNode.baseUrl()},
            {"vn", "VN", downNode},
            {"la", "LA", refusingNode.baseUrl()}
        };
        for (int i = 0; i < nodes.length; i++) {
            String[] node = nodes[i];
            registry.add("tributary.aggregator.nodes[" + i + "].id", () -> node[0]);
            registry.add("tributary.aggregator.nodes[" + i + "].country", () -> node[1]);
            registry.add("tributary.aggregator.nodes[" + i + "].base-url", () -> node[2]);
        }
    }

    @AfterAll
    static void stopStubs() {
        keycloak.close();
        intactNode.close();
        brokenNode.close();
        refusingNode.close();
        gateway.close();
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    AccessEvents events;

    @Test
    void theAccessReviewListsEveryUserOverAllPagesWithEffectiveRolesCountryAndLastAccess() throws Exception {
        int pagesBefore = keycloak.seen("GET", "/users").size();
        mvc.perform(get("/api/security/users").with(officer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.count").value(5 + AccessReview.PAGE))
                .andExpect(jsonPath("$.note").isString())
                .andExpect(jsonPath("$.users[?(@.username == 'kh-caseworker')].country")
                        .value(contains("KH")))
                .andExpect(jsonPath("$.users[?(@.username == 'kh-caseworker')].email")
                        .value(contains("kh-caseworker@demo.tributary.invalid")))
                .andExpect(jsonPath("$.users[?(@.username == 'kh-caseworker')].lastAccess")
                        .value(contains("2026-11-30T01:01:40Z")))
                .andExpect(jsonPath("$.users[?(@.username == 'kh-caseworker')].activeSessions")
                        .value(contains(2)))
                .andExpect(jsonPath("$.users[?(@.username == 'kh-caseworker')].realmRoles[*]")
                        .value(containsInAnyOrder(
                                "case-worker", "default-roles-tributary", "offline_access", "uma_authorization")));
        // Two pages of the admin API's user list.
        assertThat(keycloak.seen("GET", "/users")).hasSize(pagesBefore + 2);
    }

    @Test
    void aUserWithoutSessionsShowsNoLastAccessRatherThanLeavingItOut() throws Exception {
        mvc.perform(get("/api/security/users").param("role", "regional-analyst").with(officer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.count").value(1))
                .andExpect(jsonPath("$.users[0].username").value("analyst"))
                .andExpect(jsonPath("$.users[0]", hasKey("lastAccess")))
                .andExpect(jsonPath("$.users[0].lastAccess").value(nullValue()))
                .andExpect(jsonPath("$.users[0].activeSessions").value(0));
    }

    @Test
    void usersAreFilteredByRoleAndCountry() throws Exception {
        mvc.perform(get("/api/security/users")
                        .param("role", "case-worker")
                        .param("country", "kh")
                        .with(officer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.count").value(1))
                .andExpect(jsonPath("$.users[0].username").value("kh-caseworker"));
    }

    @Test
    void clientsAreListedWithTheirServiceAccountRolesAndNeverASecret() throws Exception {
        mvc.perform(get("/api/security/clients").with(officer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].clientId").value("tributary-security-console"))
                .andExpect(jsonPath("$[0].access").value("confidential"))
                .andExpect(jsonPath("$[0].serviceAccountEnabled").value(true))
                .andExpect(jsonPath("$[0].serviceAccountRealmRoles[*]")
                        .value(containsInAnyOrder("default-roles-tributary", "offline_access")))
                .andExpect(jsonPath("$[0].serviceAccountClientRoles.realm-management[*]")
                        .value(containsInAnyOrder("manage-users", "view-users")))
                .andExpect(jsonPath("$[1].clientId").value("tributary-web"))
                .andExpect(jsonPath("$[1].access").value("public"))
                .andExpect(jsonPath("$[1].serviceAccountEnabled").value(false))
                .andExpect(content().string(not(org.hamcrest.Matchers.containsStringIgnoringCase("secret-of"))))
                .andExpect(content().string(not(org.hamcrest.Matchers.containsString("\"secret\""))));
    }

    @Test
    void disablingAUserDisablesItEndsItsSessionsAndIsRecordedAsAnAccessEvent() throws Exception {
        mvc.perform(post("/api/security/users/u-to-disable/disable")
                        .with(officer())
                        .with(csrf())
                        .header("X-Correlation-Id", "corr-disable-1"))
                .andExpect(status().isNoContent());

        assertThat(keycloak.seen("PUT", "/users/u-to-disable"))
                .singleElement()
                .satisfies(put -> assertThat(put.body()).contains("\"enabled\":false"));
        assertThat(keycloak.seen("POST", "/users/u-to-disable/logout")).hasSize(1);
        assertThat(keycloak.users.get("u-to-disable").get("enabled")).isEqualTo(false);
        assertThat(keycloak.users.get("u-to-disable").get("attributes")).isEqualTo(Map.of("country", List.of("VN")));
        assertThat(events.recent(1000))
                .anySatisfy(e -> {
                    assertThat(e.action()).isEqualTo("disable-user");
                    assertThat(e.targetId()).isEqualTo("u-to-disable");
                    assertThat(e.sub()).isEqualTo(Officer.SUB);
                    assertThat(e.correlationId()).isEqualTo("corr-disable-1");
                })
                .anySatisfy(e -> {
                    assertThat(e.path()).isEqualTo("/api/security/users/u-to-disable/disable");
                    assertThat(e.method()).isEqualTo("POST");
                    assertThat(e.status()).isEqualTo(204);
                    assertThat(e.sub()).isEqualTo(Officer.SUB);
                    assertThat(e.source()).isEqualTo("aggregator");
                });

        // Again: still 204, the user is only logged out again.
        mvc.perform(post("/api/security/users/u-to-disable/disable")
                        .with(officer())
                        .with(csrf()))
                .andExpect(status().isNoContent());
        assertThat(keycloak.seen("PUT", "/users/u-to-disable")).hasSize(1);
        assertThat(keycloak.seen("POST", "/users/u-to-disable/logout")).hasSize(2);
    }

    @Test
    void loggingAUserOutEndsItsSessionsAndLeavesItEnabled() throws Exception {
        mvc.perform(post("/api/security/users/u-to-logout/logout")
                        .with(officer())
                        .with(csrf()))
                .andExpect(status().isNoContent());
        mvc.perform(post("/api/security/users/u-to-logout/logout")
                        .with(officer())
                        .with(csrf()))
                .andExpect(status().isNoContent());

        assertThat(keycloak.seen("POST", "/users/u-to-logout/logout")).hasSize(2);
        assertThat(keycloak.seen("PUT", "/users/u-to-logout")).isEmpty();
        assertThat(keycloak.users.get("u-to-logout").get("enabled")).isEqualTo(true);
        assertThat(keycloak.sessions.get("u-to-logout")).isEmpty();
        assertThat(events.recent(1000)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("logout-user");
            assertThat(e.targetId()).isEqualTo("u-to-logout");
            assertThat(e.sub()).isEqualTo(Officer.SUB);
        });
    }

    @Test
    void anUnknownUserIsANotFoundProblem() throws Exception {
        for (String action : List.of("disable", "logout")) {
            mvc.perform(post("/api/security/users/no-such-user/" + action)
                            .with(officer())
                            .with(csrf()))
                    .andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.type").value("urn:tributary:problem:not-found"))
                    .andExpect(jsonPath("$.detail").value("No user has this id."));
        }
        assertThat(events.recent(1000)).noneMatch(e -> "no-such-user".equals(e.targetId()));
    }

    @Test
    void auditChainsReportEachNodeIntactBrokenUnavailableOrRefused() throws Exception {
        mvc.perform(get("/api/security/audit-chains").with(officer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.checkedAt").isString())
                .andExpect(jsonPath("$.nodes.length()").value(4))
                .andExpect(jsonPath("$.nodes[0].id").value("kh"))
                .andExpect(jsonPath("$.nodes[0].country").value("KH"))
                .andExpect(jsonPath("$.nodes[0].status").value("intact"))
                .andExpect(jsonPath("$.nodes[0].entries").value(12))
                .andExpect(jsonPath("$.nodes[1].status").value("broken"))
                .andExpect(jsonPath("$.nodes[1].intact").value(false))
                .andExpect(jsonPath("$.nodes[1].firstBrokenSeq").value(4))
                .andExpect(jsonPath("$.nodes[1].problem").value("content does not match its hash"))
                .andExpect(jsonPath("$.nodes[2].id").value("vn"))
                .andExpect(jsonPath("$.nodes[2].status").value("unavailable"))
                .andExpect(jsonPath("$.nodes[2].reason").value("cannot be reached"))
                .andExpect(jsonPath("$.nodes[3].status").value("refused"))
                .andExpect(jsonPath("$.nodes[3].reason").value("HTTP 403"));

        assertThat(intactNode.seen)
                .last()
                .satisfies(s -> assertThat(s.authorization()).isEqualTo("Bearer " + Officer.TOKEN));
        assertThat(brokenNode.seen)
                .last()
                .satisfies(s -> assertThat(s.authorization()).isEqualTo("Bearer " + Officer.TOKEN));
    }

    @Test
    void accessEventsMergeTheAggregatorsOwnWithTheGatewaysNewestFirst() throws Exception {
        mvc.perform(get("/api/regional/nothing-here").with(officer()).header("X-Correlation-Id", "corr-404"));

        mvc.perform(get("/api/security/access-events").param("limit", "50").with(officer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sources[0].name").value("aggregator"))
                .andExpect(jsonPath("$.sources[0].status").value("ok"))
                .andExpect(jsonPath("$.sources[1].name").value("gateway"))
                .andExpect(jsonPath("$.sources[1].status").value("ok"))
                .andExpect(jsonPath("$.sources[1].events").value(2))
                .andExpect(jsonPath("$.events[?(@.correlationId == 'corr-404')].status")
                        .value(contains(404)))
                .andExpect(jsonPath("$.events[?(@.correlationId == 'corr-404')].sub")
                        .value(contains(Officer.SUB)))
                .andExpect(jsonPath("$.events[?(@.correlationId == 'corr-404')].source")
                        .value(contains("aggregator")))
                .andExpect(jsonPath("$.events[?(@.correlationId == 'gw-1')].routeId")
                        .value(contains("aggregator")))
                .andExpect(jsonPath("$.events[?(@.correlationId == 'gw-1')].source")
                        .value(contains("gateway")))
                // The gateway's events are older than this test's: they come last, newest first.
                .andExpect(jsonPath("$.events[-2].correlationId").value("gw-1"))
                .andExpect(jsonPath("$.events[-1].path").value("/api/cases"))
                .andExpect(jsonPath("$.events[-1].source").value("gateway"));

        assertThat(gateway.seen).last().satisfies(s -> {
            assertThat(s.pathAndQuery()).isEqualTo("/gateway/v1/access-events?limit=50");
            assertThat(s.authorization()).isEqualTo("Bearer " + Officer.TOKEN);
        });
    }

    @Test
    void theRecordedPathLeavesTheQueryStringOut() throws Exception {
        mvc.perform(get("/api/security/users")
                        .param("country", "TH")
                        .header("X-Correlation-Id", "corr-query")
                        .with(officer()))
                .andExpect(status().isOk());
        assertThat(events.recent(1000))
                .filteredOn(e -> "corr-query".equals(e.correlationId()))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.path()).isEqualTo("/api/security/users");
                    assertThat(e.durationMs()).isNotNull().isNotNegative();
                });
    }
}
