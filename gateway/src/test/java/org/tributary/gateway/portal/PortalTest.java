package org.tributary.gateway.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.util.UriComponentsBuilder;
import org.tributary.gateway.support.GatewayTestBase;
import org.tributary.gateway.support.TestTokens;

/**
 * The web application's door without a browser (ADR 39): where sign-in sends a person and with what, the session
 * cookie's attributes, the CSRF rule for state-changing calls that ride on the session, and the pages' headers. The
 * whole sign-in through Keycloak's own login page is the end-to-end browser test's.
 */
@TestPropertySource(properties = {"tributary.gateway.portal.client-secret=test-portal-secret"})
class PortalTest extends GatewayTestBase {

    @Test
    void aPageWithoutASessionSendsThePersonToSignIn() {
        web.get()
                .uri("/app/dashboard")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isFound()
                .expectHeader()
                .location("/oauth2/authorization/keycloak");
        web.get()
                .uri("/")
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .location("/app/");
    }

    @Test
    void signingInIsTheAuthorizationCodeFlowWithPkceAndASessionCookieTheScriptCannotRead() {
        var result = web.get()
                .uri("/oauth2/authorization/keycloak")
                .exchange()
                .expectStatus()
                .isFound()
                .returnResult(Void.class);
        URI location = result.getResponseHeaders().getLocation();
        assertThat(location).isNotNull();
        assertThat(location.toString()).startsWith(TestTokens.ISSUER + "/protocol/openid-connect/auth?");
        var query = UriComponentsBuilder.fromUri(location).build().getQueryParams();
        assertThat(query.getFirst("response_type")).isEqualTo("code");
        assertThat(query.getFirst("client_id")).isEqualTo("tributary-portal");
        assertThat(query.getFirst("code_challenge_method")).isEqualTo("S256");
        assertThat(query.getFirst("code_challenge")).hasSizeGreaterThan(40);
        assertThat(query.getFirst("state")).isNotBlank();
        assertThat(query.getFirst("nonce")).isNotBlank();
        assertThat(query.getFirst("scope")).isEqualTo("openid");
        assertThat(java.net.URLDecoder.decode(query.getFirst("redirect_uri"), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("http://localhost:" + port + "/login/oauth2/code/keycloak");
        assertThat(query.getFirst("ui_locales")).isNull();
        assertThat(location.toString()).doesNotContain("test-portal-secret");

        var cookies = result.getResponseHeaders().get(HttpHeaders.SET_COOKIE);
        assertThat(cookies)
                .anySatisfy(cookie -> assertThat(cookie)
                        .startsWith("TRIBUTARY_SESSION=")
                        .containsIgnoringCase("HttpOnly")
                        .contains("Secure", "SameSite=Lax", "Path=/"));
        // The CSRF cookie is the one the page's script reads: not HttpOnly, but Strict and Secure.
        assertThat(cookies)
                .anySatisfy(cookie -> assertThat(cookie)
                        .startsWith("XSRF-TOKEN=")
                        .contains("Secure", "SameSite=Strict")
                        .doesNotContainIgnoringCase("HttpOnly"));
    }

    @Test
    void theLoginPageComesInTheApplicationsLanguageWhereKeycloakHasIt() {
        assertThat(uiLocales("th")).isEqualTo("th");
        assertThat(uiLocales("zh-CN")).isEqualTo("zh-Hans");
        // Keycloak has no Khmer: its own choice (the browser's languages, else English).
        assertThat(uiLocales("km")).isNull();
    }

    private String uiLocales(String chosen) {
        URI location = web.get()
                .uri("/oauth2/authorization/keycloak")
                .cookie("TRIBUTARY_LOCALE", chosen)
                .exchange()
                .expectStatus()
                .isFound()
                .returnResult(Void.class)
                .getResponseHeaders()
                .getLocation();
        return UriComponentsBuilder.fromUri(location).build().getQueryParams().getFirst("ui_locales");
    }

    @Test
    void whoIsSignedInIsAProblemWithoutASessionNotARedirect() {
        web.get()
                .uri("/portal/me")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void theShellAndItsVersionedAssetsHaveTheApplicationsOwnPolicyAndCache() {
        var shell = web.get().uri("/oauth2/authorization/keycloak").exchange().returnResult(Void.class);
        assertThat(shell.getResponseHeaders().getFirst("Content-Security-Policy"))
                .isNotNull();
        web.get()
                .uri("/assets/app.js?v=1")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable")
                .expectHeader()
                .value(
                        "Content-Security-Policy",
                        csp -> assertThat(csp)
                                .contains("script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                                .doesNotContain("unsafe-eval")
                                .doesNotContain("script-src 'self' 'unsafe-inline'"));
        web.get().uri("/assets/app.css?v=1").exchange().expectStatus().isOk();
    }

    @Test
    void aStateChangingCallOnTheSessionNeedsTheCsrfTokenButABearerCallDoesNot() {
        web.post()
                .uri("/api/nodes/kh/api/cases")
                .cookie("TRIBUTARY_SESSION", "some-session")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        web.post()
                .uri("/api/nodes/kh/api/cases")
                .cookie("TRIBUTARY_SESSION", "some-session")
                .cookie("XSRF-TOKEN", "a")
                .header("X-XSRF-TOKEN", "b")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isForbidden();
        web.post()
                .uri("/api/nodes/kh/api/cases")
                .cookie("TRIBUTARY_SESSION", "some-session")
                .headers(h -> h.setBearerAuth(TestTokens.token("KH", "case-worker")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .is2xxSuccessful();
    }

    @Test
    void aSessionThatHoldsNoSignedInPersonRelaysNoTokenAndTheApiSays401() {
        web.get()
                .uri("/api/regional/indicators")
                .cookie("TRIBUTARY_SESSION", "not-a-session")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }
}
