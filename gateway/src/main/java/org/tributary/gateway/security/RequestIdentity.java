package org.tributary.gateway.security;

import java.util.List;
import java.util.Set;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who made a request, as far as the access log and the rate limiter need to know: the token's {@code sub} (a
 * Keycloak UUID) and realm roles. Never names or e-mail addresses.
 */
public record RequestIdentity(String subject, List<String> roles) {

    static final String ATTRIBUTE = RequestIdentity.class.getName();

    public RequestIdentity {
        roles = List.copyOf(roles);
    }

    public static RequestIdentity of(String subject, Set<String> roles) {
        return new RequestIdentity(subject, List.copyOf(roles));
    }

    public static void attach(ServerWebExchange exchange, RequestIdentity identity) {
        exchange.getAttributes().put(ATTRIBUTE, identity);
    }

    /** The identity of an authenticated request, or null. */
    public static RequestIdentity of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }
}
