package org.tributary.aggregator.accessreview;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.tributary.aggregator.accessreview.Officer.officer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** The console when Keycloak or the gateway is away, or when it is not configured: problems, never a 5xx leak. */
class SecurityConsoleDegradedTest {

    @Nested
    @SecurityConsoleSlice
    class WhenKeycloakAndTheGatewayDoNotAnswer {

        static final StubHttp slowGateway = new StubHttp().answer("/gateway/v1/access-events", 200, "[]", 3_000);

        @DynamicPropertySource
        static void stubs(DynamicPropertyRegistry registry) {
            registry.add("tributary.security-console.keycloak-url", StubHttp::downUrl);
            registry.add("tributary.security-console.client-secret", () -> StubKeycloak.SECRET);
            registry.add("tributary.security-console.gateway-url", slowGateway::baseUrl);
            registry.add("tributary.security-console.call-timeout", () -> "500ms");
        }

        @AfterAll
        static void stop() {
            slowGateway.close();
        }

        @Autowired
        MockMvc mvc;

        @Test
        void keycloakUnreachableIsAnUpstreamProblemWithoutInternals() throws Exception {
            for (String path : new String[] {"/api/security/users", "/api/security/clients"}) {
                mvc.perform(get(path).with(officer()))
                        .andExpect(status().isServiceUnavailable())
                        .andExpect(jsonPath("$.type").value("urn:tributary:problem:upstream-unavailable"))
                        .andExpect(
                                jsonPath("$.detail").value("The identity provider cannot be reached. Try again later."))
                        .andExpect(content().string(not(containsString("127.0.0.1"))))
                        .andExpect(content().string(not(containsString("Exception"))));
            }
        }

        @Test
        void aGatewaySlowerThanTheTimeoutIsReportedAsUnavailableAndTheAggregatorsEventsStillAnswer() throws Exception {
            long start = System.nanoTime();
            mvc.perform(get("/api/security/access-events").with(officer()))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.sources[0].name").value("aggregator"))
                    .andExpect(jsonPath("$.sources[0].status").value("ok"))
                    .andExpect(jsonPath("$.sources[1].name").value("gateway"))
                    .andExpect(jsonPath("$.sources[1].status").value("unavailable"))
                    .andExpect(jsonPath("$.sources[1].reason").value(containsString("no answer")));
            org.hamcrest.MatcherAssert.assertThat((System.nanoTime() - start) / 1_000_000, lessThan(2_500L));
        }
    }

    @Nested
    @SecurityConsoleSlice
    @TestPropertySource(
            properties = {"tributary.security-console.client-secret=", "tributary.security-console.gateway-url="})
    class WhenTheConsoleIsNotConfigured {

        @Autowired
        MockMvc mvc;

        @Test
        void usersAndClientsAnswerThatAccessReviewIsNotConfigured() throws Exception {
            for (String path : new String[] {"/api/security/users", "/api/security/clients"}) {
                mvc.perform(get(path).with(officer()))
                        .andExpect(status().isServiceUnavailable())
                        .andExpect(jsonPath("$.type").value("urn:tributary:problem:upstream-unavailable"))
                        .andExpect(jsonPath("$.detail").value(containsString("Access review is not configured")));
            }
        }

        @Test
        void anUnconfiguredGatewayIsReportedAsUnavailable() throws Exception {
            mvc.perform(get("/api/security/access-events").param("limit", "5").with(officer()))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.sources[1].name").value("gateway"))
                    .andExpect(jsonPath("$.sources[1].status").value("unavailable"))
                    .andExpect(jsonPath("$.sources[1].reason").value("gateway-url is not configured"));
        }

        @Test
        void aLimitOutsideItsBoundsIsAValidationProblem() throws Exception {
            mvc.perform(get("/api/security/access-events").param("limit", "0").with(officer()))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.type").value("urn:tributary:problem:validation"));
        }
    }
}
