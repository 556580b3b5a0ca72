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
                        .startsWith("__Host-TRIBUTARY_SESSION=")
                        .containsIgnoringCase("HttpOnly")
                        .contains("Secure", "SameSite=Lax", "Path=/"));
        // The CSRF cookie is the one the page's script reads: not HttpOnly, but Strict and Secure; both __Host-, so
        // that no sibling host of the site can plant them. It comes with the pages only.
        var page = web.get().uri("/app/dashboard").exchange().returnResult(Void.class);
        assertThat(page.getResponseHeaders().get(HttpHeaders.SET_COOKIE))
                .anySatisfy(cookie -> assertThat(cookie)
                        .startsWith("__Host-XSRF-TOKEN=")
                        .contains("Secure", "SameSite=Strict", "Path=/")
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
    void theShellAndItsVersionedAssetsHaveTheApplicationsOwnPolicyAndCache() throws Exception {
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
        // Built pre-compressed, served as such to a client that accepts gzip (the JDK's client: it decodes nothing).
        var gzipped = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://127.0.0.1:" + port + "/assets/app.js?v=1"))
                                .header("Accept-Encoding", "gzip")
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzipped.body()[0] & 0xff).as("gzip magic").isEqualTo(0x1f);
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

    @Test
    void theCookiesAndTheCsrfHeaderNeverReachAServiceAndNoServiceSetsACookie() {
        var result = web.get()
                .uri("/api/regional/indicators")
                .headers(h -> h.setBearerAuth(TestTokens.token(null, "regional-analyst")))
                .cookie("__Host-TRIBUTARY_SESSION", "a-session")
                .cookie("__Host-XSRF-TOKEN", "a-token")
                .header("X-XSRF-TOKEN", "a-token")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult();
        assertThat(result.getResponseBody()).contains("backend=aggregator", "cookie=null", "xsrf=null");
        assertThat(result.getResponseHeaders().get(HttpHeaders.SET_COOKIE)).isNull();
    }

    @Test
    void onTheApiTheCsrfTokenCountsOnlyAsAHeaderAndNeverFromAnotherSite() {
        // A form field with the right token (a form another site could submit) is not enough.
        web.post()
                .uri("/api/nodes/kh/api/cases")
                .cookie("__Host-TRIBUTARY_SESSION", "some-session")
                .cookie("__Host-XSRF-TOKEN", "t")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("_csrf=t")
                .exchange()
                .expectStatus()
                .isForbidden();
        // The right header, but the browser says the request comes from another site.
        web.post()
                .uri("/api/nodes/kh/api/cases")
                .cookie("__Host-TRIBUTARY_SESSION", "some-session")
                .cookie("__Host-XSRF-TOKEN", "t")
                .header("X-XSRF-TOKEN", "t")
                .header("Sec-Fetch-Site", "same-site")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        // The right header from the page itself: past CSRF; the session holds nobody, so 401.
        web.post()
                .uri("/api/nodes/kh/api/cases")
                .cookie("__Host-TRIBUTARY_SESSION", "some-session")
                .cookie("__Host-XSRF-TOKEN", "t")
                .header("X-XSRF-TOKEN", "t")
                .header("Sec-Fetch-Site", "same-origin")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void theSignInNavigationsEndTheirConnection() {
        // Keep-alive re-use right after these responses was seen to stall a browser (ADR 39): each ends its connection.
        for (String path : new String[] {"/app/dashboard", "/oauth2/authorization/keycloak", "/assets/app.js?v=3"}) {
            web.get().uri(path).exchange().expectHeader().valueEquals("Connection", "close");
        }
        // The APIs keep their connections.
        web.get()
                .uri("/api/regional/indicators")
                .headers(h -> h.setBearerAuth(TestTokens.token(null, "regional-analyst")))
                .exchange()
                .expectHeader()
                .doesNotExist("Connection");
    }

    @Test
    void assetsCarryNoCookie() {
        var result = web.get()
                .uri("/assets/app.js?v=2")
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(Void.class);
        assertThat(result.getResponseHeaders().get(HttpHeaders.SET_COOKIE)).isNull();
    }

    @Test
    void countryAndLanguageNamesComeFromTheJdksLocaleData() {
        web.get()
                .uri("/portal/locale/km")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.countries.KH")
                .isEqualTo("កម្ពុជា")
                .jsonPath("$.countries.MM")
                .isNotEmpty()
                .jsonPath("$.languages.lo")
                .isEqualTo("ລາວ")
                .jsonPath("$.languages.my")
                .isEqualTo("မြန်မာ");
        web.get()
                .uri("/portal/locale/zh-CN")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.countries.TH")
                .isEqualTo("泰国");
        web.get().uri("/portal/locale/xx").exchange().expectStatus().isNotFound();
    }
}
