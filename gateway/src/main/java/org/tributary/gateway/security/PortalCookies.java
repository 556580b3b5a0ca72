package org.tributary.gateway.security;

import org.springframework.http.HttpCookie;
import org.springframework.web.server.ServerWebExchange;

/**
 * The web application's cookie names (ADR 39). Over HTTPS they carry the {@code __Host-} prefix, so that no other
 * host of the same site (a sibling subdomain) can set them — the double-submit CSRF token relies on that; the
 * plain-HTTP local federation cannot use the prefix (browsers require {@code Secure} for it).
 */
final class PortalCookies {

    static final String SESSION = "TRIBUTARY_SESSION";
    static final String CSRF = "XSRF-TOKEN";
    static final String HOST_PREFIX = "__Host-";

    private PortalCookies() {}

    static String session(boolean secure) {
        return secure ? HOST_PREFIX + SESSION : SESSION;
    }

    static String csrf(boolean secure) {
        return secure ? HOST_PREFIX + CSRF : CSRF;
    }

    /** The session cookie the request carries, under either name, or null. */
    static HttpCookie sessionCookie(ServerWebExchange exchange) {
        var cookies = exchange.getRequest().getCookies();
        HttpCookie cookie = cookies.getFirst(HOST_PREFIX + SESSION);
        return cookie != null ? cookie : cookies.getFirst(SESSION);
    }
}
