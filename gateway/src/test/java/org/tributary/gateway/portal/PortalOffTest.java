package org.tributary.gateway.portal;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.tributary.gateway.support.GatewayTestBase;

/** Without the web application's client secret the gateway is the API door only: no pages, no sign-in. */
class PortalOffTest extends GatewayTestBase {

    @Test
    void thereAreNoPagesAndNoSignInWithoutTheClientSecret() {
        for (String path : new String[] {"/app/", "/oauth2/authorization/keycloak", "/portal/me"}) {
            web.get()
                    .uri(path)
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }
}
