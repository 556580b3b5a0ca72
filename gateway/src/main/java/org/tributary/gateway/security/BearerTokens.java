package org.tributary.gateway.security;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/** What a request's {@code Authorization} header holds, judged without parsing the token. */
public final class BearerTokens {

    private BearerTokens() {}

    /** True when the request carries one bearer token that could be a signed JWT (three base64url parts). */
    public static boolean carriesWellFormedToken(ServerWebExchange exchange) {
        var values = exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.AUTHORIZATION);
        if (values.size() != 1) {
            return false;
        }
        String value = values.get(0);
        return value.regionMatches(true, 0, "Bearer ", 0, 7) && GuardedJwtDecoder.wellFormed(value.substring(7));
    }

    /**
     * True when the request carries the web application's session cookie (ADR 39): it may authenticate through the
     * session's token, so it is charged like a request with a token, only if it ends unauthenticated.
     */
    public static boolean carriesSessionCookie(ServerWebExchange exchange) {
        return PortalCookies.sessionCookie(exchange) != null;
    }
}
